"""Reading an application from a case file or an export: YAML or JSON, size-limited, validated.

The same path serves the CLI, the draft import and the tests, so a file is refused the same way
everywhere: with a Dutch message naming the field and the current work left untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from aeno_core.errors import FieldError, dutch_errors
from aeno_core.models import Application
from aeno_core.safe_text import clean

MAX_BYTES = 1_000_000
"""Larger than any real application; anything bigger is refused before parsing."""

ModelT = TypeVar("ModelT", bound=BaseModel)


class CaseFileError(ValueError):
    """The file cannot become an application; `errors` names each field when known."""

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


def parse_document(raw: bytes) -> Any:
    """YAML or JSON (JSON is YAML too) to plain data, refusing oversized or undecodable input.

    Every text value comes out cleaned (`safe_text.clean`): no control or bidi-control
    characters, no line breaks, whatever the file held.
    """
    data = _parse(raw)
    try:
        return _cleaned(data, {})
    except RecursionError:
        raise CaseFileError("het bestand is te diep genest") from None


def _cleaned(node: Any, done: dict[int, Any]) -> Any:
    """`node` with every string value passed through `clean()` (keys stay as written).

    YAML aliases share one object many times ("billion laughs"): each is cleaned once and
    stays shared (`done`), so this costs the file's size, not the size of its expansion.
    """
    if isinstance(node, str):
        return clean(node)
    if not isinstance(node, dict | list):
        return node
    if id(node) in done:
        return done[id(node)]
    result: Any
    if isinstance(node, dict):
        result = {}
        done[id(node)] = result
        result.update((key, _cleaned(value, done)) for key, value in node.items())
    else:
        result = []
        done[id(node)] = result
        result.extend(_cleaned(value, done) for value in node)
    return result


def _parse(raw: bytes) -> Any:
    """The document as plain data, before cleaning."""
    if len(raw) > MAX_BYTES:
        raise CaseFileError(
            f"het bestand is te groot ({len(raw) // 1000} kB); hoogstens {MAX_BYTES // 1000} kB"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError("het bestand is geen tekst (UTF-8)") from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise CaseFileError("het bestand is te diep genest") from None
    except CaseFileError:
        raise
    except ValueError:
        pass
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader: no tags, no objects
    except CaseFileError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        raise CaseFileError(f"het bestand is geen geldige YAML of JSON{where}") from None
    except RecursionError:
        raise CaseFileError("het bestand is te diep genest") from None
    except ValueError:  # e.g. an integer of thousands of digits, or 2018-02-30 as a YAML date
        raise CaseFileError(
            "het bestand bevat een waarde die niet te lezen is"
            " (bijvoorbeeld een getal met te veel cijfers of een datum die niet bestaat)"
        ) from None


def _duplicate(key: Any) -> CaseFileError:
    shown = str(key)[:60]
    return CaseFileError(
        f"de veldnaam ‘{shown}’ staat twee keer in dezelfde groep; welke waarde bedoeld is,"
        " is niet zeker. Laat één van de twee staan"
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON objects as dicts, refusing a key given twice (json keeps the last one silently)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _duplicate(key)
        result[key] = value
    return result


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses a mapping key given twice (it keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *defaults` then a key of its own is an override, not a doubt
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                continue  # an unhashable key: the base class refuses it with its own error
            if duplicate:
                raise _duplicate(key)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def application_from_data(data: Any) -> Application:
    """A case file (with `application:`) or a bare application, validated by the models."""
    if isinstance(data, dict) and "application" in data:
        data = data["application"]
    if not isinstance(data, dict):
        raise CaseFileError("het bestand bevat geen aanvraag (verwacht een groep velden)")
    return validated(Application, data, lambda error: f"veld {error.path}")


def validated(
    model: type[ModelT], data: dict[str, Any], describe: Callable[[FieldError], str]
) -> ModelT:
    """`data` as `model`, or one refusal naming the first field (by `describe`) and the rest.

    Every error stays in `CaseFileError.errors`, so a page can show each next to its widget.
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = dutch_errors(error)
        first = errors[0]
        more = f" (en nog {len(errors) - 1} fout(en))" if len(errors) > 1 else ""
        raise CaseFileError(f"{describe(first)}: {first.message}{more}", errors) from None
    except RecursionError:
        raise CaseFileError("het bestand is te diep genest") from None


def load_application(path: Path) -> Application:
    """Read and validate one file from disk."""
    try:
        with path.open("rb") as handle:
            # One byte more than allowed is enough to refuse it; never read a huge file (or a
            # device such as /dev/zero) whole.
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise CaseFileError(f"kan het bestand niet lezen ({reason})") from None
    return application_from_data(parse_document(raw))
