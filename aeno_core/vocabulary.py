"""The words the user reads for the core's enums: one label per value, for pages, PDF and CLI.

Every label of a scheme, phase, verdict, group of conditions, project status, "new for" answer,
kind of organisation and theme is defined here (the kinds and themes come dated from
`assets/rules/lists.yaml`, so their words change with the rules). A page, a document or a
command that shows one of these values asks this module instead of writing the word again, so
the same answer never reads three ways.
"""

from __future__ import annotations

from datetime import date

from aeno_core.finding_rules import Group, Verdict
from aeno_core.models import NewFor, OrganisationType, Phase, ProjectStatus, Scheme
from aeno_core.parameters import parameter

SCHEME_LABELS: dict[Scheme, str] = {
    Scheme.IMPULS: "Impulsregeling",
    Scheme.INNOVATIEF: "Innovatieve Projectenregeling",
}
"""The schemes' Dutch names, as the fund writes them."""

PHASE_LABELS: dict[Phase, str] = {Phase.AANVRAAG: "Aanvraag", Phase.DECLARATIE: "Declaratie"}

VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.OK: "In orde",
    Verdict.PROBLEM: "Probleem",
    Verdict.TO_CHECK: "Te controleren",
}
"""The word that carries a verdict's meaning wherever a colour or symbol also shows it."""

GROUP_LABELS: dict[Group, str] = {
    Group.ORGANISATION: "Organisatie",
    Group.CONTENT: "Inhoudelijke voorwaarden",
    Group.PRACTICAL: "Praktische voorwaarden",
    Group.FINANCIAL: "Financiële voorwaarden",
}
"""The fund's own headings for its conditions."""

STATUS_LABELS: dict[ProjectStatus, str] = {
    ProjectStatus.PLANNED: "Nog niet begonnen",
    ProjectStatus.RUNNING: "Loopt",
    ProjectStatus.FINISHED: "Afgerond",
}
"""Where the project stands on the date of applying."""

NEW_FOR_LABELS: dict[NewFor, str] = {
    NewFor.GEMEENTE: "Nieuw voor onze gemeente",
    NewFor.SECTOR: "Nieuw voor alle gemeenten (de sector)",
    NewFor.NONE: "Niet nieuw",
}
"""For whom the project is new, in the words of the question the applicant answered."""

OTHER_ORGANISATION = "Een andere organisatie"
"""`OrganisationType.ANDERS`: none of the kinds the rules admit."""

NO_THEME = "Geen thema van de innovatieagenda past"
"""The answer that no theme of the innovatieagenda fits the project."""


def organisation_labels(day: date) -> dict[OrganisationType, str]:
    """Every kind of organisation in the order the rules of `day` list them, `anders` last."""
    kinds = parameter("general.organisation_types", day).value
    labels = {OrganisationType(kind["code"]): str(kind["label"]) for kind in kinds}
    labels[OrganisationType.ANDERS] = OTHER_ORGANISATION
    return labels


def organisation_label(kind: OrganisationType, day: date) -> str:
    """The Dutch label of `kind` in the rules of `day`."""
    return organisation_labels(day).get(kind, OTHER_ORGANISATION)


def theme_labels(day: date) -> dict[int, str]:
    """'5. Moedige mislukkingen' per theme number, as the rules of `day` name them."""
    themes = parameter("general.themes", day).value
    return {int(theme["number"]): f"{theme['number']}. {theme['title']}" for theme in themes}


def theme_label(number: int | None, day: date) -> str:
    """The theme's label; `None` (no theme fits) is `NO_THEME`."""
    if number is None:
        return NO_THEME
    return theme_labels(day).get(number, f"{number}.")
