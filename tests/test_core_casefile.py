"""Reading case files and exports: YAML, JSON, and everything hostile or broken, refused in Dutch."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from aeno_core.casefile import (
    MAX_BYTES,
    CaseFileError,
    application_from_data,
    load_application,
    parse_document,
)
from aeno_core.models import Scheme
from tests.paths import shared_case_files

MINIMAL = {"scheme": "impuls", "project_start": "2019-02-01", "project_end": "2019-06-30"}


def _refused(raw: bytes) -> CaseFileError:
    with pytest.raises(CaseFileError) as refused:
        application_from_data(parse_document(raw))
    return refused.value


def test_every_shared_case_file_loads_or_is_refused_as_it_says() -> None:
    for path in shared_case_files():
        raw = path.read_bytes()
        if b"invalid: true" in raw:
            with pytest.raises(CaseFileError):
                load_application(path)
        else:
            assert load_application(path).scheme in (Scheme.IMPULS, Scheme.INNOVATIEF)


def test_json_yaml_a_case_wrapper_and_a_bare_application_give_the_same_application() -> None:
    as_json = application_from_data(parse_document(json.dumps(MINIMAL).encode()))
    as_yaml = application_from_data(
        parse_document(b"scheme: impuls\nproject_start: 2019-02-01\nproject_end: 2019-06-30\n")
    )
    wrapped = application_from_data(
        parse_document(json.dumps({"name": "x", "application": MINIMAL}).encode())
    )
    with_bom = application_from_data(parse_document(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode()))
    assert as_json == as_yaml == wrapped == with_bom


def test_a_file_over_one_megabyte_is_refused_before_parsing() -> None:
    raw = b"# " + b"x" * MAX_BYTES
    with pytest.raises(CaseFileError, match="te groot"):
        parse_document(raw)


def test_a_huge_file_on_disk_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    with path.open("wb") as handle:
        handle.seek(50 * MAX_BYTES)
        handle.write(b"\n")
    with pytest.raises(CaseFileError, match="te groot"):
        load_application(path)


def test_bytes_that_are_not_utf8_are_refused() -> None:
    assert "UTF-8" in str(_refused(b"scheme: impuls\xff\xfe\n"))
    assert "UTF-8" in str(_refused("scheme: één".encode("utf-16")))


@pytest.mark.parametrize(
    "raw",
    [b"", b"null", b"42", b"- a\n- b\n", b'"tekst"', b"application: [1, 2]"],
    ids=["empty", "null", "number", "list", "string", "application_list"],
)
def test_a_document_that_is_not_a_group_of_fields_is_refused(raw: bytes) -> None:
    assert "geen aanvraag" in str(_refused(raw))


def test_broken_yaml_names_the_line() -> None:
    error = _refused(b"scheme: impuls\nproject_start: [2019\nproject_end: 2019-06-30\n")
    assert "geen geldige YAML of JSON" in str(error)
    assert "regel" in str(error)


def test_yaml_tags_that_would_run_code_are_refused() -> None:
    raw = b"scheme: !!python/object/apply:os.system ['echo owned']\n"
    assert "geen geldige YAML" in str(_refused(raw))


def test_a_billion_laughs_document_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    lines += ["scheme: impuls", "project_start: 2019-02-01", "project_end: 2019-06-30"]
    lines += ["external_costs: *a9"]
    started = time.perf_counter()
    error = _refused("\n".join(lines).encode())
    assert time.perf_counter() - started < 1, "aliases must not be expanded"
    assert "YAML-verwijzingen" in str(error), "aliases are refused before any model"


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000 + b"]" * 100_000, b"a: " + b"[" * 100_000, b"{" + b'"a":{' * 50_000],
    ids=["json_lists", "yaml_flow", "json_objects"],
)
def test_deeply_nested_documents_are_refused_not_a_crash(raw: bytes) -> None:
    with pytest.raises(CaseFileError):
        application_from_data(parse_document(raw))


def test_unknown_fields_are_refused_with_their_path() -> None:
    data = {**MINIMAL, "external_costs": [{"amount_ex_vat": "10.00", "btw": "2.10"}]}
    error = _refused(json.dumps(data).encode())
    assert [e.path for e in error.errors] == ["external_costs.0.btw"]
    assert str(error) == "veld external_costs.0.btw: onbekend veld"


def test_several_errors_are_all_listed_and_the_message_counts_them() -> None:
    data = {**MINIMAL, "scheme": "x", "project_end": "gisteren"}
    error = _refused(json.dumps(data).encode())
    assert {e.path for e in error.errors} == {"scheme", "project_end"}
    assert "en nog 1 fout" in str(error)


def test_a_missing_file_and_a_directory_are_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="kan het bestand niet lezen"):
        load_application(tmp_path / "bestaat-niet.yaml")
    with pytest.raises(CaseFileError, match="kan het bestand niet lezen"):
        load_application(tmp_path)


def test_an_impossible_yaml_date_is_refused() -> None:
    assert _refused(b"scheme: impuls\nproject_start: 2019-02-30\nproject_end: 2019-06-30\n")
