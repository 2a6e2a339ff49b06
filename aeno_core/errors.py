"""Validation errors in Dutch, each naming its field, for pages, imports and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from aeno_core import formatting as fmt

FIELD_LABELS = {
    "scheme": "regeling",
    "phase": "fase",
    "project_start": "startdatum project",
    "project_end": "einddatum project",
    "provisional_subsidy": "voorlopige subsidie",
    "external_costs": "externe kosten",
    "internal_staff": "interne uren",
    "submitted_on": "datum van indienen",
    "organisation": "organisatie",
    "project": "project",
    "description": "omschrijving",
    "amount_ex_vat": "bedrag ex BTW",
    "staff_development": "gericht op ontwikkeling medewerkers",
    "role": "rol",
    "project_leader": "projectleider",
    "scale": "schaal",
    "step": "periodiek",
    "hours": "uren",
    "hourly_rate": "uurloon",
    "type": "soort organisatie",
    "applies_car_uwo": "CAR-UWO",
    "collaboration": "samenwerkingsverband",
    "share_gemeenten": "aandeel gemeenten",
    "via_external_bureau": "via extern bureau",
    "application_limit": "grens van het fonds (aanvragen per jaar)",
    "applications_this_year": "aanvragen dit jaar",
    "title": "titel",
    "theme": "thema",
    "new_for": "nieuw voor",
    "status": "stand van het project",
    "participants_per_training": "deelnemers per training",
    "partner_gemeenten": "andere gemeenten",
    "internal_assignment_date": "datum interne opdracht",
}


@dataclass(frozen=True)
class FieldError:
    """One refused value: the path in the application (`internal_staff.0.hours`) and why."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    @property
    def place(self) -> str:
        """`externe kosten, regel 2, bedrag ex BTW` for `external_costs.1.amount_ex_vat`."""
        return place_of(self.path) or self.field


def place_of(path: str) -> str:
    """The Dutch name of the field at `path`: a person finds it by its line and label."""
    parts = []
    for segment in path.split("."):
        if segment.isdigit():
            parts.append(f"regel {int(segment) + 1}")
        elif segment:
            parts.append(FIELD_LABELS.get(segment, segment))
    return ", ".join(parts)


def _as_day(value: object) -> date | None:
    """A date bound from an error's context (pydantic gives it as an ISO string)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _dutch(error: dict[str, object]) -> str:
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    assert isinstance(ctx, dict)
    templates = {
        "missing": "dit veld ontbreekt",
        "extra_forbidden": "onbekend veld",
        "greater_than_equal": "mag niet kleiner zijn dan {ge}",
        "greater_than": "moet groter zijn dan {gt}",
        "less_than_equal": "mag niet groter zijn dan {le}",
        "less_than": "moet kleiner zijn dan {lt}",
        "decimal_max_places": "gebruik hoogstens {decimal_places} decimalen",
        "decimal_max_digits": "dit getal is te groot",
        "decimal_parsing": "vul een getal in, bijvoorbeeld 1234,50",
        "decimal_type": "vul een getal in",
        "int_parsing": "vul een geheel getal in",
        "int_from_float": "vul een geheel getal in",
        "int_type": "vul een geheel getal in",
        "bool_parsing": "kies ja of nee",
        "bool_type": "kies ja of nee",
        "date_from_datetime_parsing": "vul een datum in als JJJJ-MM-DD",
        "date_parsing": "vul een datum in als JJJJ-MM-DD",
        "date_from_datetime_inexact": "vul een datum in als JJJJ-MM-DD, zonder tijd",
        "decimal_whole_digits": "dit getal is te groot",
        "date_type": "vul een datum in",
        "enum": "kies een van: {expected}",
        "string_type": "vul tekst in",
        "string_too_long": "deze tekst is te lang (hoogstens {max_length} tekens)",
        "too_long": "te veel regels (hoogstens {max_length})",
        "list_type": "verwacht een lijst",
        "model_type": "verwacht een groep velden",
        "dict_type": "verwacht een groep velden",
        "finite_number": "vul een getal in",
    }
    if kind == "value_error":
        message = str(error.get("msg", ""))
        message = message.removeprefix("Value error, ")
        return message.split(": ", 1)[1] if ": " in message else message
    bound = next((day for day in map(_as_day, ctx.values()) if day is not None), None)
    if bound is not None and kind in ("greater_than_equal", "greater_than"):
        return f"deze datum mag niet vóór {fmt.long_date(bound)} liggen"
    if bound is not None and kind in ("less_than_equal", "less_than"):
        return f"deze datum mag niet na {fmt.long_date(bound)} liggen"
    if kind == "enum":
        return f"kies een van: {str(ctx.get('expected', '')).replace(' or ', ' of ')}"
    template = templates.get(kind)
    if template is None:
        return f"ongeldige waarde ({error.get('msg', kind)})"
    try:
        return template.format(**{k: str(v) for k, v in ctx.items()})
    except KeyError:
        return template


def dutch_errors(exc: ValidationError) -> list[FieldError]:
    """Each pydantic error as a Dutch message with the field it concerns."""
    found: list[FieldError] = []
    for error in exc.errors():
        path = [str(part) for part in error["loc"]]
        message = _dutch(dict(error))
        if error["type"] == "value_error" and ": " in str(error.get("msg", "")):
            named = str(error["msg"]).removeprefix("Value error, ").split(": ", 1)[0]
            path = [*path, named] if named not in path else path
        field = next((p for p in reversed(path) if not p.isdigit()), "")
        found.append(FieldError(".".join(path), FIELD_LABELS.get(field, field), message))
    return found
