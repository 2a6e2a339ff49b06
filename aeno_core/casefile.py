"""Reading an application from a case file or an export: YAML or JSON, size-limited, validated.

The same path serves the CLI, the draft import and the tests, so a file is refused the same way
everywhere: with a Dutch message naming the field and the current work left untouched.
"""

from __future__ import annotations

import json
import re
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

MAX_NODES = 20_000
"""Values in a file: a full application of 200 external and 200 internal lines has about 3.000;
a file far beyond that is an error or an attack (a 1 MB list of numbers) and is refused while it
is being read, before a model sees it."""

MAX_DEPTH = 20
"""An application is nested four levels deep; twenty leaves room for wrappers, not for abuse."""

MAX_MAGNITUDE = 10**12
"""No amount, number of hours or count in a real application comes near a trillion."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it: reading a 1 MB file with the pure-Python loader
took 12 s. Its events are checked one by one (`_check_events`) before anything is built."""

_NEGATIVE_ZERO = re.compile(r"\s*-\s*0+(?:[.,]0*)?\s*")

ModelT = TypeVar("ModelT", bound=BaseModel)


class CaseFileError(ValueError):
    """The file cannot become an application; `errors` names each field when known."""

    def __init__(self, message: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


TOO_MUCH = (
    "het bestand bevat veel meer gegevens dan een aanvraag kan hebben"
    " (hoogstens {count} waarden); het is niet ingelezen"
)
TOO_DEEP = "het bestand is te diep genest (hoogstens {depth} niveaus)"


def parse_document(raw: bytes) -> Any:
    """YAML or JSON (JSON is YAML too) to plain data, through one guard for every entry point.

    The CLI, the app's import and the examples all read files here: the size is checked before
    parsing, YAML aliases are refused (a 578-byte alias tree expands to 10^9 values), depth and
    the number of values are bounded while parsing, numbers must be finite and below a trillion,
    keys must be text, a key given twice is refused, a negative zero becomes zero, and every
    text value comes out cleaned (`safe_text.clean`: no control or bidi-control characters, no
    line breaks, whatever the file held).
    """
    if len(raw) > MAX_BYTES:
        raise CaseFileError(
            f"het bestand is te groot ({len(raw) // 1000} kB); hoogstens {MAX_BYTES // 1000} kB"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError("het bestand is geen tekst (UTF-8)") from None
    if "\x00" in text:
        raise CaseFileError("het bestand is geen tekst (het bevat nul-tekens)")
    if text.lstrip()[:1] in ("{", "[") and _structure_count(text) > MAX_NODES:
        # Counted before json.loads builds half a million objects from a 1 MB list.
        raise CaseFileError(TOO_MUCH.format(count=MAX_NODES))
    try:
        data = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise CaseFileError(TOO_DEEP.format(depth=MAX_DEPTH)) from None
    except json.JSONDecodeError:
        data = _load_yaml(text)
    except CaseFileError:
        raise
    except ValueError:  # an integer of thousands of digits
        raise CaseFileError(UNREADABLE) from None
    return _checked(data)


UNREADABLE = (
    "het bestand bevat een waarde die niet te lezen is"
    " (bijvoorbeeld een getal met te veel cijfers of een datum die niet bestaat)"
)


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _structure_count(text: str) -> int:
    """Separators outside JSON strings: the number of values less one per list or group,
    counted in C (a regex and `str.count`) without building them. (Nesting without commas is
    left to json.loads, whose recursion limit refuses it at once as too deep.)"""
    return _JSON_STRING.sub("", text).count(",")


def _no_constant(name: str) -> Any:
    raise CaseFileError(f"het bestand bevat een getal dat te groot is of geen getal is ({name})")


def _load_yaml(text: str) -> Any:
    try:
        _check_events(text)
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except CaseFileError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None else ""
        raise CaseFileError(f"het bestand is geen geldige YAML of JSON{where}") from None
    except RecursionError:
        raise CaseFileError(TOO_DEEP.format(depth=MAX_DEPTH)) from None
    except (ValueError, OverflowError):  # 2018-02-30 as a YAML date, a huge integer
        raise CaseFileError(UNREADABLE) from None


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


class _UniqueKeyLoader(_LOADER):  # type: ignore[misc]
    """The safe loader (libyaml's where present) that refuses a mapping key given twice."""

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
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def _check_events(text: str) -> None:
    """Read the YAML as events (in C where libyaml is present), refusing aliases, depth and
    size beyond the bounds before any Python object is built."""
    loader = _LOADER(text)
    try:
        nodes = depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise CaseFileError(
                    "het bestand gebruikt YAML-verwijzingen (*naam); schrijf elke waarde uit"
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise CaseFileError(TOO_DEEP.format(depth=MAX_DEPTH))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise CaseFileError(TOO_MUCH.format(count=MAX_NODES))
    finally:
        loader.dispose()


def _checked(data: Any) -> Any:
    """The parsed tree with its bounds checked once more (JSON has no event stream) and every
    negative zero made zero: `-0.00` passes `>= 0` and printed as "€ -0,00"."""
    budget = [MAX_NODES]

    def walk(node: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise CaseFileError(TOO_MUCH.format(count=MAX_NODES))
        if depth > MAX_DEPTH:
            raise CaseFileError(TOO_DEEP.format(depth=MAX_DEPTH))
        if isinstance(node, dict):
            checked: dict[str, Any] = {}
            for key, value in node.items():
                if not isinstance(key, str):
                    raise CaseFileError(
                        f"het bestand bevat een veldnaam die geen tekst is ({str(key)[:40]!r})"
                    )
                checked[key] = walk(value, depth + 1)
            return checked
        if isinstance(node, list):
            return [walk(value, depth + 1) for value in node]
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, float):
            if not -MAX_MAGNITUDE < node < MAX_MAGNITUDE:  # also NaN and infinity
                raise CaseFileError("het bestand bevat een getal dat te groot is of geen getal is")
            return node + 0.0  # -0.0 + 0.0 is 0.0
        if isinstance(node, int):
            if abs(node) >= MAX_MAGNITUDE:
                raise CaseFileError("het bestand bevat een getal dat te groot is")
            return node
        if isinstance(node, str):
            text = clean(node)
            return text.replace("-", "", 1) if _NEGATIVE_ZERO.fullmatch(text) else text
        return node

    return walk(data, 1)


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


def read_file(path: Path) -> bytes:
    """The bytes of one file from disk, at most one more than allowed: never a huge file (or a
    device such as /dev/zero) whole. A directory or an unreadable file is a `CaseFileError`."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise CaseFileError(f"kan het bestand niet lezen ({reason})") from None


def load_application(path: Path) -> Application:
    """Read and validate one file from disk."""
    return application_from_data(parse_document(read_file(path)))
