"""One guard for every file from outside: the CLI, the app's import and the examples."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from aeno_core import formatting as fmt
from aeno_core.answers import Answers, parse_dutch_number
from aeno_core.casefile import CaseFileError, application_from_data, parse_document
from aeno_core.examples import examples
from aeno_core.export import import_document

HEAD = "scheme: impuls\nproject_start: 2019-02-01\nproject_end: 2019-06-30\n"
ENUM_FIELDS = {
    "scheme": "scheme: *a8\nproject_start: 2019-02-01\nproject_end: 2019-06-30\n",
    "phase": HEAD + "phase: *a8\n",
    "organisation.type": HEAD + "organisation:\n  type: *a8\n",
    "project.new_for": HEAD + "project:\n  new_for: *a8\n",
    "project.status": HEAD + "project:\n  status: *a8\n",
}


def alias_tree(levels: int = 8) -> str:
    """10**levels values in a few hundred bytes."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _refused(raw: bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as refused:
        application_from_data(parse_document(raw))
    return refused.value


@pytest.mark.parametrize("field", list(ENUM_FIELDS))
def test_an_alias_bomb_in_an_enum_field_is_refused_at_once(field: str) -> None:
    raw = (alias_tree() + ENUM_FIELDS[field]).encode()
    assert len(raw) < 1000
    started = time.perf_counter()
    error = _refused(raw)
    assert time.perf_counter() - started < 0.5
    assert "YAML-verwijzingen" in str(error)


def test_a_one_megabyte_flow_sequence_is_refused_within_a_second() -> None:
    numbers = ",".join(["1"] * 499_000)
    raw = f"{HEAD}junk: [{numbers}]\n".encode()
    assert 990_000 < len(raw) <= 1_000_000
    started = time.perf_counter()
    error = _refused(raw)
    assert time.perf_counter() - started < 1
    assert "veel meer gegevens" in str(error)


def test_deep_nesting_is_refused_while_reading() -> None:
    assert "te diep" in str(_refused((HEAD + "x: " + "[" * 500 + "]" * 500 + "\n").encode()))


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("project:\n  theme: yes\n", "project.theme"),
        ("internal_staff:\n- {scale: true, step: 1, hours: 10}\n", "internal_staff.0.scale"),
        ("internal_staff:\n- {scale: 8, step: false, hours: 10}\n", "internal_staff.0.step"),
        ("internal_staff:\n- {scale: 8, step: 1, hours: true}\n", "internal_staff.0.hours"),
        ("external_costs:\n- {amount_ex_vat: true}\n", "external_costs.0.amount_ex_vat"),
        ("project:\n  participants_per_training: on\n", "project.participants_per_training"),
    ],
)
def test_a_yes_or_no_is_not_a_number(extra: str, field: str) -> None:
    error = _refused((HEAD + extra).encode())
    assert [e.path for e in error.errors] == [field]
    assert "vul een getal in" in error.errors[0].message


@pytest.mark.parametrize("field", ["submitted_on", "project_start"])
def test_a_unix_timestamp_is_not_a_date(field: str) -> None:
    raw = HEAD.replace("project_start: 2019-02-01", "project_start: 2019-02-01") + ""
    lines = {line.split(":")[0]: line for line in raw.splitlines()}
    lines[field] = f"{field}: 1549000000"
    error = _refused(("\n".join(lines.values()) + "\n").encode())
    assert error.errors[0].path == field and "geen getal" in error.errors[0].message


def test_an_export_with_yes_or_no_in_a_number_cell_is_refused() -> None:
    raw = b'{"answers": {"internal_staff": [{"role": "x", "scale": true, "step": 1}]}}'
    with pytest.raises(CaseFileError, match="geen ja of nee"):
        import_document(raw)
    with pytest.raises(CaseFileError, match="geen ja of nee"):
        import_document(b'{"answers": {"project": {"theme": true}}}')
    with pytest.raises(CaseFileError, match="geen getal"):
        import_document(b'{"answers": {"submitted_on": 1549000000}}')


@pytest.mark.parametrize("zero", ['"-0.00"', "-0.0", "-0", '" -0.00 "'])
def test_negative_zero_becomes_zero_at_the_edge(zero: str) -> None:
    raw = (HEAD + f"external_costs:\n- {{amount_ex_vat: {zero}}}\n").encode()
    amount = application_from_data(parse_document(raw)).external_costs[0].amount_ex_vat
    assert amount == 0 and not amount.is_signed()


def test_negative_zero_typed_in_the_app_becomes_zero() -> None:
    for typed in ("-0", "-0,00", "-0.00"):
        parsed = parse_dutch_number(typed)
        assert parsed is not None and parsed == 0 and not parsed.is_signed()


def test_a_negative_zero_can_never_make_later_zeros_print_with_a_minus() -> None:
    fmt.clear_caches()
    assert "-" not in fmt.money(Decimal("-0.00"))
    assert fmt.money(Decimal("0.00")) == fmt.money(Decimal("0"))
    assert "-" not in fmt.money(Decimal("0.00"))
    fmt.clear_caches()
    assert "-" not in fmt.money(Decimal("0"))
    assert "-" not in fmt.money(Decimal("-0"))
    assert "-" not in fmt.number(Decimal("-0.0")) and "-" not in fmt.number(Decimal("0"))
    assert "-" in fmt.money(Decimal("-1.00"))


def test_nan_and_infinity_are_refused() -> None:
    for raw in (HEAD + "x: .nan\n", HEAD + "x: -.inf\n", '{"scheme": NaN}', '{"a": Infinity}'):
        assert "geen getal" in str(_refused(raw.encode()))


def test_the_shipped_examples_pass_the_same_guard() -> None:
    found = examples()
    assert "foutenfestival" in found
    assert all(example.application.scheme for example in found.values())
    answers = Answers.from_application(found["foutenfestival"].application)
    assert answers.project.title
