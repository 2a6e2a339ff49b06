"""A corpus of hostile and odd case files, built on demand (a 1 MB file is not worth a commit).

Every entry is what a careless or hostile person could hand to the CLI or upload on Start:
alias bombs in every enum field, a 1 MB flow sequence, deep nesting, bytes that are not UTF-8,
binary, empty, a directory, /dev/zero, huge numbers, NaN, -0, yes/no for numbers, Unix
timestamps, and newlines in every text field. `expect` says how it must end: `refused` (exit 2
with one Dutch message) or `accepted` (a valid application, exit 0).

Used by tests/test_hostile_files.py and bench/bench_core.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

HEAD = "scheme: impuls\nproject_start: 2019-02-01\nproject_end: 2019-06-30\n"
VALID = {
    "scheme": "impuls",
    "project_start": "2019-02-01",
    "project_end": "2019-06-30",
    "submitted_on": "2019-07-15",
    "external_costs": [{"description": "Training", "amount_ex_vat": "3000.00"}],
    "internal_staff": [
        {"role": "Projectleider", "project_leader": True, "scale": 10, "step": 6, "hours": 10}
    ],
    "organisation": {"type": "gemeente", "applies_car_uwo": True},
    "project": {"title": "Leren", "theme": 5, "new_for": "gemeente", "status": "finished"},
}

Expect = Literal["refused", "accepted"]


@dataclass(frozen=True)
class Hostile:
    """One entry: its name, its bytes (or a special path) and how it must end."""

    name: str
    raw: bytes | None
    expect: Expect
    special: str | None = None
    """`directory` or `/dev/zero`: not bytes but a thing on disk."""

    def path(self, folder: Path) -> Path:
        """The entry on disk under `folder` (created), ready to hand to a loader."""
        if self.special == "directory":
            target = folder / f"{self.name}.yaml"
            target.mkdir(parents=True, exist_ok=True)
            return target
        if self.special == "/dev/zero":
            return Path("/dev/zero")
        assert self.raw is not None
        target = folder / f"{self.name}.yaml"
        target.write_bytes(self.raw)
        return target

    def upload(self) -> bytes:
        """What the Start page's uploader would hand over for this entry."""
        if self.special == "/dev/zero":
            return bytes(1_000_001)
        if self.special == "directory":
            return b""
        assert self.raw is not None
        return self.raw


def alias_tree(levels: int = 8) -> str:
    """10**levels values in a few hundred bytes ("billion laughs")."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _yaml_with(**fields: str) -> bytes:
    """The valid application as YAML lines, with some fields replaced by raw YAML text."""
    data = dict(VALID)
    lines: list[str] = []
    for key, value in data.items():
        if key in fields:
            lines.append(f"{key}: {fields[key]}")
        else:
            lines.append(f"{key}: {json.dumps(value)}")
    return ("\n".join(lines) + "\n").encode()


def _json_with(path: str, value: object) -> bytes:
    data = json.loads(json.dumps(VALID))
    node = data
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return json.dumps(data, ensure_ascii=False).encode()


def corpus() -> list[Hostile]:
    """Every hostile entry, in a fixed order."""
    bomb = alias_tree()
    entries: list[Hostile] = []
    enum_fields = {
        "scheme": _yaml_with(scheme="*a8"),
        "phase": _yaml_with(scheme="impuls\nphase: *a8"),
        "organisation_type": _yaml_with(organisation="{type: *a8}"),
        "project_new_for": _yaml_with(project="{title: x, new_for: *a8}"),
        "project_status": _yaml_with(project="{title: x, status: *a8}"),
        "project_title": _yaml_with(project="{title: *a8}"),
        "external_costs": _yaml_with(external_costs="*a8"),
    }
    for field, body in enum_fields.items():
        entries.append(Hostile(f"alias_bomb_in_{field}", bomb.encode() + body, "refused"))
    ones = ",".join(["1"] * 499_000)
    entries += [
        Hostile("flow_sequence_1mb_yaml", f"{HEAD}junk: [{ones}]\n".encode(), "refused"),
        Hostile(
            "flow_sequence_1mb_json",
            f'{{"scheme": "impuls", "junk": [{ones}]}}'.encode(),
            "refused",
        ),
        Hostile("one_byte_over_1mb", HEAD.encode() + b"#" * 1_000_000, "refused"),
        Hostile(
            "deep_nesting_yaml", (HEAD + "x: " + "[" * 10_000 + "]" * 10_000).encode(), "refused"
        ),
        Hostile("deep_nesting_json", b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "refused"),
        Hostile(
            "deep_mappings_yaml",
            (HEAD + "".join("  " * i + f"k{i}:\n" for i in range(60))).encode(),
            "refused",
        ),
        Hostile(
            "latin1_not_utf8", "scheme: impuls\nnaam: caf\u00e9\n".encode("latin-1"), "refused"
        ),
        Hostile("utf16_with_bom", HEAD.encode("utf-16"), "refused"),
        Hostile("binary_png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "refused"),
        Hostile("nul_bytes", b"scheme: impuls\x00\x00\n", "refused"),
        Hostile("empty", b"", "refused"),
        Hostile("whitespace_only", b"   \n\n\t\n", "refused"),
        Hostile("a_directory", None, "refused", special="directory"),
        Hostile("dev_zero", None, "refused", special="/dev/zero"),
        Hostile("huge_integer_5000_digits", (HEAD + "x: " + "9" * 5000 + "\n").encode(), "refused"),
        Hostile("huge_float", (HEAD + "x: 1.0e+999\n").encode(), "refused"),
        Hostile(
            "huge_amount_text", _json_with("external_costs.0.amount_ex_vat", "1e999999"), "refused"
        ),
        Hostile("huge_hours", _json_with("internal_staff.0.hours", 10**15), "refused"),
        Hostile("nan_yaml", _yaml_with(external_costs="[{amount_ex_vat: .nan}]"), "refused"),
        Hostile("nan_json", _json_with("internal_staff.0.hours", float("nan")), "refused"),
        Hostile("infinity_json", b'{"scheme": "impuls", "x": -Infinity}', "refused"),
        Hostile("theme_yes", _yaml_with(project="{title: x, theme: yes}"), "refused"),
        Hostile("scale_true", _json_with("internal_staff.0.scale", True), "refused"),
        Hostile("step_false", _json_with("internal_staff.0.step", False), "refused"),
        Hostile("amount_true", _json_with("external_costs.0.amount_ex_vat", True), "refused"),
        Hostile("unix_timestamp_date", _json_with("project_start", 1549000000), "refused"),
        Hostile("date_that_does_not_exist", _yaml_with(project_end="2019-02-30"), "refused"),
        Hostile("date_in_9999", _yaml_with(project_end="9999-12-31"), "refused"),
        Hostile(
            "python_tag", _yaml_with(scheme="!!python/object/apply:os.system [echo hi]"), "refused"
        ),
        Hostile("non_text_key", b"{1: 2, scheme: impuls}\n", "refused"),
        Hostile("a_bare_list", b"[1, 2, 3]\n", "refused"),
        Hostile("a_bare_number", b"42\n", "refused"),
        Hostile(
            "negative_amount", _json_with("external_costs.0.amount_ex_vat", "-1.00"), "refused"
        ),
        Hostile(
            "negative_zero_text", _json_with("external_costs.0.amount_ex_vat", "-0.00"), "accepted"
        ),
        Hostile(
            "negative_zero_number", _yaml_with(external_costs="[{amount_ex_vat: -0.0}]"), "accepted"
        ),
        Hostile("negative_zero_hours", _json_with("internal_staff.0.hours", "-0"), "accepted"),
        Hostile("date_in_1900_submitted", _yaml_with(submitted_on="1900-01-01"), "refused"),
        Hostile("date_in_2016_submitted", _yaml_with(submitted_on="2016-05-01"), "accepted"),
        Hostile("date_in_2099_submitted", _yaml_with(submitted_on="2099-12-31"), "accepted"),
        Hostile("long_title_900kb", _json_with("project.title", "x" * 900_000), "refused"),
        Hostile(
            "unicode_everywhere",
            _json_with(
                "project.title", "Caf\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001f600 \u4e2d\u6587 \u202e"
            ),
            "accepted",
        ),
    ]
    newline_fields = {
        "project.title": "Regel een\nRegel twee\r\nDrie\u2028vier",
        "external_costs.0.description": "Training\nmet\ttab\x0bvt",
        "internal_staff.0.role": "Project\nleider",
    }
    for path, text in newline_fields.items():
        entries.append(
            Hostile(f"newlines_in_{path.replace('.', '_')}", _json_with(path, text), "accepted")
        )
    entries.append(
        Hostile(
            "newlines_in_every_text_field_yaml",
            (
                'name: |\n  Twee\n  regels\nsource: "a\\nb"\napplication:\n'
                + "".join(
                    f"  {line}\n"
                    for line in _yaml_with(
                        project='{title: "een\\ntwee", theme: 5}',
                        external_costs='[{description: "a\\nb\\rc", amount_ex_vat: "10.00"}]',
                    )
                    .decode()
                    .splitlines()
                )
            ).encode(),
            "accepted",
        )
    )
    return entries
