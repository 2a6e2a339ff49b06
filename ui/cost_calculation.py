"""The calculation beneath the cost lines, as one piece of HTML.

Every keystroke in a cost line rewrites the calculation, and the browser shows the new sidebar
estimate only once the run's last message has been drawn: each element costs the server a
message and the browser a node. Headings, notes, tables and the small print in one element
instead of a dozen made typing measurably quicker (bench/bench_ui.py). All text is escaped:
a description typed by the user is never markup.
"""

from __future__ import annotations

from decimal import Decimal

from aeno_core import formatting as fmt
from aeno_core.answers import Outcome
from aeno_core.calculation import Calculation, CalculationLine
from aeno_core.declaration import compare
from aeno_core.estimate import Estimate
from aeno_core.hourly_wages import load_wage_tables
from aeno_core.models import Phase
from aeno_core.parameters import parameter
from aeno_core.safe_text import for_html
from ui.render import table_html


def rate_origin(line: CalculationLine) -> str:
    """Where a line's hourly rate comes from, in a few words (the full text is below it)."""
    if line.rate is None:
        return "Niet in de meegeleverde tabel: vul het uurloon van het fonds in"
    if line.rate_is_approximation:
        return "Benadering uit de meegeleverde uurloontabel (geen tarief van het fonds)"
    return "Door u ingevuld, uit de uurloontabel van het fonds"


def note(text_html: str, kind: str = "check") -> str:
    """A highlighted note (`kind`: check or info); `text_html` is already escaped."""
    return f'<div class="sw-note sw-note-{kind}" role="note">{text_html}</div>'


def heading(text: str) -> str:
    return f"<h2>{for_html(text)}</h2>"


def _rates(calc: Calculation) -> str:
    """Each employee's hourly rate and where it comes from; how the approximation was made."""
    internal = [line for line in calc.lines if line.kind == "internal"]
    if not internal:
        return ""
    parts = [
        heading("Uurloon per medewerker"),
        table_html(
            ["Regel", "Rol", "Uurloon", "Herkomst"],
            [
                (
                    line.index + 1,
                    line.description or "(geen rol)",
                    "onbekend" if line.rate is None else fmt.money(line.rate),
                    rate_origin(line),
                )
                for line in internal
            ],
            numeric=[0, 2],
        ),
    ]
    sources = list(
        dict.fromkeys(line.rate_source for line in internal if line.rate_is_approximation)
    )
    if sources:
        small = "".join(
            f'<p class="sw-small">{for_html(text)}</p>'
            for text in [*sources, load_wage_tables().derivation]
        )
        parts.append(
            '<details class="sw-details"><summary>Waar komt het benaderde uurloon vandaan?'
            "</summary><p>De uurloontabel van het A&amp;O fonds is niet openbaar. De wizard"
            " gebruikt een eigen <strong>benadering</strong>; het fonds rekent met zijn eigen"
            " tabel, dus het bedrag kan iets afwijken. Vult u het uurloon van het fonds in,"
            f" dan geldt dat.</p>{small}</details>"
        )
    return "".join(parts)


def _lines(calc: Calculation) -> str:
    """What each line counts for, the total before the limits, and the estimate."""
    rows = [
        (
            ("Extern " if line.kind == "external" else "Intern ") + str(line.index + 1),
            line.description or "(geen omschrijving)",
            fmt.money(line.cost),
            line.share if line.eligible else "telt niet mee",
            fmt.money(line.subsidy),
        )
        for line in calc.lines
    ]
    return (
        heading("Wat telt mee")
        + table_html(
            ["Regel", "Omschrijving", "Kosten", "Deel", "Subsidie"],
            rows,
            numeric=[2, 4],
            muted_rows=[i for i, line in enumerate(calc.lines) if not line.eligible],
            total=("", "Samen, vóór minimum en maximum", "", "", fmt.money(calc.before_limits)),
        )
        + f"<p><strong>Geschatte subsidie: {for_html(fmt.money(calc.subsidy))}.</strong>"
        f" {for_html(calc.limit_message)}</p>"
    )


def comparison_html(result: Estimate) -> str:
    """Granted and realised side by side, per line and in total (a declaratie only)."""
    if result.application.phase is not Phase.DECLARATIE:
        return ""
    compared = compare(result)
    parts = [heading("Toegekend en gerealiseerd")]
    if compared.lines and result.granted:
        # A Decimal: `money()` reads Decimal's sign and zero, which a bare 0 does not have.
        granted_total = compared.granted_total or Decimal(0)
        parts.append(
            table_html(
                ["Regel", "Subsidie bij aanvraag", "Subsidie nu", "Verschil"],
                [
                    (
                        line.label,
                        "—" if line.granted is None else fmt.money(line.granted),
                        "—" if line.realised is None else fmt.money(line.realised),
                        fmt.money(line.difference),
                    )
                    for line in compared.lines
                ],
                numeric=[1, 2, 3],
                total=(
                    "Samen, vóór de grens",
                    fmt.money(granted_total),
                    fmt.money(compared.realised_total),
                    fmt.money(compared.realised_total - granted_total),
                ),
            )
        )
    else:
        parts.append(
            "<p>Lees op de pagina Project de export van uw aanvraag in om per regel te zien wat"
            " toen werd aangevraagd.</p>"
        )
    if compared.provisional is not None:
        parts.append(
            "<p>Voorlopige subsidie uit de beschikking:"
            f" <strong>{for_html(fmt.money(compared.provisional))}</strong>; de declaratie komt"
            f" op <strong>{for_html(fmt.money(result.calculation.subsidy))}</strong>. Het fonds"
            " betaalt nooit meer dan de voorlopige subsidie.</p>"
        )
    return "".join(parts)


def calculation_html(outcome: Outcome, switch: str | None) -> str:
    """The whole calculation beneath the lines, or why there is none yet.

    `switch` is the sentence that says the last change turned the project-leader rule on or
    off, with its effect (`ui.costs.leader_rule_switch`), or None.
    """
    parts = [] if switch is None else [note(for_html(switch))]
    result = outcome.estimate
    if result is None:
        if outcome.errors:
            parts.append(
                note(
                    "De berekening verschijnt zodra de invoer compleet is. Wat nog ontbreekt of"
                    " niet klopt, staat bij de regels hierboven en in het overzicht.",
                    "info",
                )
            )
        return "".join(parts)
    calc = result.calculation
    if calc.project_leader_rule_applied:
        rule = parameter("general.project_leader_rule", calc.rules_date).reference
        parts.append(
            note(
                "<strong>Alleen de projectleider telt mee.</strong> Omdat er externe kosten in de"
                " aanvraag staan, betaalt het fonds intern alleen de uren van de projectleider."
                " De uren van de andere medewerkers tellen niet mee; dat scheelt"
                f" {for_html(fmt.money(calc.project_leader_rule_cost))} aan subsidie."
                f'<br><span class="sw-small">Bron: {for_html(rule)}.</span>'
            )
        )
    parts += [_rates(calc), _lines(calc), comparison_html(result)]
    return '<div class="sw-calculation">' + "".join(parts) + "</div>"
