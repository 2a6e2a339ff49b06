"""Eligibility findings: each condition of the rules judged from the answers, with its source.

A finding is only judged from what the input gives: a missing answer is `to_check`, never a
problem. The codes, each finding's group and the entries in `assets/rules/` it cites as its
source are in one registry, `finding_rules.FINDING_RULES`; the codes are fixed by
`../shared/cases/README.md`, this project's own ones (`staff_development`, `hourly_rate`,
`innovatief_content`, ...) are never `problem` unless the answers leave no doubt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from pydantic import BaseModel

from aeno_core import formatting as fmt
from aeno_core.deadlines import add_months, submission_window
from aeno_core.finding_rules import FindingCode as FindingCode
from aeno_core.finding_rules import Group as Group
from aeno_core.finding_rules import Verdict as Verdict
from aeno_core.finding_rules import finding_rule
from aeno_core.hourly_wages import table_rate
from aeno_core.models import (
    Application,
    NewFor,
    Organisation,
    OrganisationType,
    Phase,
    Project,
    ProjectStatus,
    Scheme,
)
from aeno_core.parameters import DatedValue, parameter
from aeno_core.rule_sets import rule_status
from aeno_core.vocabulary import SCHEME_LABELS, organisation_label


class Finding(BaseModel):
    """One condition: its verdict, a Dutch explanation and where the rule stands."""

    code: FindingCode
    group: Group
    verdict: Verdict
    message: str
    source: str


def _finding(code: FindingCode, verdict: Verdict, message: str, source: DatedValue) -> Finding:
    """A finding in its registry group, citing `source`'s reference (one of the registry's)."""
    return Finding(
        code=code,
        group=finding_rule(code).group,
        verdict=verdict,
        message=message,
        source=source.reference,
    )


def _answer_finding(
    code: FindingCode,
    fits: bool | None,
    source: DatedValue,
    *,
    unknown: str,
    ok: str,
    problem: str,
) -> Finding:
    """A condition one answer decides: unanswered (None) is to_check, never a problem."""
    if fits is None:
        return _finding(code, Verdict.TO_CHECK, unknown, source)
    if fits:
        return _finding(code, Verdict.OK, ok, source)
    return _finding(code, Verdict.PROBLEM, problem, source)


def _organisation_findings(org: Organisation, day: date) -> list[Finding]:
    kinds = parameter("general.organisation_types", day)
    found: list[Finding] = []
    if org.type is None:
        found.append(
            _finding(
                FindingCode.ORGANISATION_TYPE,
                Verdict.TO_CHECK,
                "Geef aan wat voor organisatie de aanvraag doet.",
                kinds,
            )
        )
    elif org.type is OrganisationType.ANDERS:
        found.append(
            _finding(
                FindingCode.ORGANISATION_TYPE,
                Verdict.PROBLEM,
                "Alleen gemeenten en vijf soorten gemeentelijke organisaties mogen"
                " subsidie aanvragen; deze organisatie hoort daar niet bij.",
                kinds,
            )
        )
    else:
        label = organisation_label(org.type, day)
        found.append(
            _finding(
                FindingCode.ORGANISATION_TYPE,
                Verdict.OK,
                f"{label}: deze organisatie mag subsidie aanvragen.",
                kinds,
            )
        )

    found.append(
        _answer_finding(
            FindingCode.CAR_UWO,
            org.applies_car_uwo,
            finding_rule(FindingCode.CAR_UWO).source(day),
            unknown="Geef aan of de organisatie de CAR-UWO toepast.",
            ok="De organisatie past de CAR-UWO toe.",
            problem="De organisatie moet de gemeentelijke rechtspositieregeling (CAR-UWO) toepassen.",
        )
    )

    minimum = parameter("general.min_share_gemeenten", day)
    collaboration = org.collaboration
    if "collaboration" not in org.model_fields_set and org.share_gemeenten is not None:
        collaboration = True  # a share of gemeenten is only given for a samenwerkingsverband
    if collaboration is None:
        found.append(
            _finding(
                FindingCode.SHARE_GEMEENTEN,
                Verdict.TO_CHECK,
                "Geef aan of de aanvraag van een samenwerkingsverband komt.",
                minimum,
            )
        )
    elif not collaboration:
        found.append(
            _finding(
                FindingCode.SHARE_GEMEENTEN,
                Verdict.OK,
                "Geen samenwerkingsverband: deze eis geldt niet.",
                minimum,
            )
        )
    elif org.share_gemeenten is None:
        found.append(
            _finding(
                FindingCode.SHARE_GEMEENTEN,
                Verdict.TO_CHECK,
                f"Een samenwerkingsverband moet voor minstens {minimum.value}% uit"
                " gemeenten bestaan: vul het aandeel gemeenten in.",
                minimum,
            )
        )
    elif org.share_gemeenten < minimum.value:
        found.append(
            _finding(
                FindingCode.SHARE_GEMEENTEN,
                Verdict.PROBLEM,
                f"Het samenwerkingsverband bestaat voor {fmt.number(org.share_gemeenten)}%"
                f" uit gemeenten; dat moet minstens {minimum.value}% zijn.",
                minimum,
            )
        )
    else:
        found.append(
            _finding(
                FindingCode.SHARE_GEMEENTEN,
                Verdict.OK,
                f"Het samenwerkingsverband bestaat voor {fmt.number(org.share_gemeenten)}%"
                f" uit gemeenten (minimaal {minimum.value}%).",
                minimum,
            )
        )

    via_bureau = org.via_external_bureau
    found.append(
        _answer_finding(
            FindingCode.EXTERNAL_BUREAU,
            None if via_bureau is None else not via_bureau,
            finding_rule(FindingCode.EXTERNAL_BUREAU).source(day),
            unknown="Geef aan of een extern bureau de aanvraag doet.",
            ok="De organisatie doet de aanvraag zelf.",
            problem="De aanvraag moet door de organisatie zelf worden gedaan, niet door"
            " of via een extern bureau.",
        )
    )
    return found


def _theme_finding(project: Project, day: date) -> Finding:
    themes = parameter("general.themes", day)
    if "theme" not in project.model_fields_set:
        return _finding(
            FindingCode.THEME,
            Verdict.TO_CHECK,
            "Kies het thema van de innovatieagenda waar het project bij past.",
            themes,
        )
    if project.theme is None:
        return _finding(
            FindingCode.THEME,
            Verdict.PROBLEM,
            "Het project moet aansluiten bij één van de zes thema's van de innovatieagenda.",
            themes,
        )
    title = next(t["title"] for t in themes.value if t["number"] == project.theme)
    return _finding(
        FindingCode.THEME,
        Verdict.OK,
        f"Het project past bij thema {project.theme}: {title}.",
        themes,
    )


def _new_for_finding(scheme: Scheme, project: Project, day: date) -> Finding:
    new_for = project.new_for
    source = finding_rule(FindingCode.NEW_FOR).source(day, scheme)
    if scheme is Scheme.IMPULS:
        return _answer_finding(
            FindingCode.NEW_FOR,
            None if new_for is None else new_for is not NewFor.NONE,
            source,
            unknown="Geef aan of het project nieuw is voor de gemeente.",
            ok="Het project is nieuw voor de gemeente.",
            problem="Voor de Impulsregeling moet het project nieuw zijn voor de gemeente.",
        )
    return _answer_finding(
        FindingCode.NEW_FOR,
        None if new_for is None else new_for is NewFor.SECTOR,
        source,
        unknown="Geef aan of het project nieuw is voor de gemeentelijke sector.",
        ok="Het project is nieuw voor de gemeentelijke sector.",
        problem="Voor de Innovatieve Projectenregeling moet het project nieuw zijn voor de"
        " hele gemeentelijke sector, niet alleen voor de eigen gemeente.",
    )


def _status_finding(app: Application, project: Project, day: date) -> Finding:
    status = project.status
    rule = finding_rule(FindingCode.STATUS)
    if app.scheme is Scheme.IMPULS:
        return _answer_finding(
            FindingCode.STATUS,
            None if status is None else status is ProjectStatus.FINISHED,
            rule.source(day, app.scheme),
            unknown="Geef aan of het project al is afgerond.",
            ok="Het project is afgerond.",
            problem="Een impulssubsidie vraagt u aan nadat het project is afgerond.",
        )
    if app.phase is Phase.DECLARATIE:
        source = rule.source(day, which=1)
        if status is ProjectStatus.FINISHED:
            return _finding(FindingCode.STATUS, Verdict.OK, "Het project is afgerond.", source)
        return _finding(
            FindingCode.STATUS,
            Verdict.TO_CHECK,
            "De declaratie dient u in nadat het project is afgelopen.",
            source,
        )
    return _answer_finding(
        FindingCode.STATUS,
        None if status is None else status is ProjectStatus.PLANNED,
        rule.source(day, app.scheme),
        unknown="Geef aan of het project al is begonnen.",
        ok="Het project moet nog beginnen.",
        problem="Een innovatieve projectensubsidie vraagt u aan vóór de start van het"
        " project; dit project is al begonnen.",
    )


def _duration_finding(app: Application, day: date) -> Finding:
    months = parameter(f"{app.scheme.value}.max_duration_months", day)
    limit = add_months(app.project_start, months.value)
    period = f"{fmt.long_date(app.project_start)} tot en met {fmt.long_date(app.project_end)}"
    if app.project_end >= limit:
        return _finding(
            FindingCode.DURATION,
            Verdict.PROBLEM,
            f"Het project ({period}) duurt {months.value} maanden of langer; het moet"
            f" eindigen vóór {fmt.long_date(limit)}.",
            months,
        )
    return _finding(
        FindingCode.DURATION,
        Verdict.OK,
        f"Het project ({period}) duurt korter dan {months.value} maanden.",
        months,
    )


def _count_finding(
    code: FindingCode, minimum: DatedValue, given: int | None, ask: str, counted: str
) -> Finding:
    """A number the rules want at least `minimum` of: unknown is to_check, too few a problem."""
    if given is None:
        return _finding(
            code,
            Verdict.TO_CHECK,
            f"{ask} (minimaal {minimum.value}).",
            minimum,
        )
    verdict = Verdict.PROBLEM if given < minimum.value else Verdict.OK
    return _finding(
        code,
        verdict,
        f"{given} {counted}; minimaal {minimum.value} nodig.",
        minimum,
    )


def _participants_finding(project: Project, day: date) -> Finding:
    return _count_finding(
        FindingCode.PARTICIPANTS,
        parameter("impuls.min_participants", day),
        project.participants_per_training,
        "Vul het kleinste aantal deelnemers in een training in",
        "deelnemers in de kleinste training",
    )


def _partners_finding(project: Project, day: date) -> Finding:
    return _count_finding(
        FindingCode.PARTNER_GEMEENTEN,
        parameter("innovatief.min_partner_gemeenten", day),
        project.partner_gemeenten,
        "Vul in hoeveel andere gemeenten meedoen",
        "andere gemeente(n) betrokken",
    )


def _in_time_finding(
    code: FindingCode, action: str, submitted: date, window: DatedValue, start: date, after: str
) -> Finding:
    """Submitted within `window` days of `start`, or a problem; `after` names the start."""
    last = start + timedelta(days=window.value)
    return _finding(
        code,
        Verdict.PROBLEM if submitted > last else Verdict.OK,
        f"{action} op {fmt.long_date(submitted)}; uiterlijk {fmt.long_date(last)}"
        f" ({window.value // 7} weken na {after}).",
        window,
    )


def _window_finding(app: Application, project: Project, submitted: date, day: date) -> Finding:
    project_end = "het einde van het project"
    if app.scheme is Scheme.IMPULS:
        window = parameter("impuls.application_window_days", day)
        return _in_time_finding(
            FindingCode.APPLICATION_WINDOW,
            "Indienen",
            submitted,
            window,
            app.project_end,
            project_end,
        )
    if app.phase is Phase.DECLARATIE:
        window = parameter("innovatief.declaration_window_days", day)
        if submitted <= app.project_end:
            return _finding(
                FindingCode.DECLARATION_WINDOW,
                Verdict.PROBLEM,
                f"Declareren op {fmt.long_date(submitted)} kan nog niet: een declaratie dient u"
                f" in na het einde van het project ({fmt.long_date(app.project_end)}).",
                window,
            )
        return _in_time_finding(
            FindingCode.DECLARATION_WINDOW,
            "Declareren",
            submitted,
            window,
            app.project_end,
            project_end,
        )
    window = parameter("innovatief.application_window_days", day)
    assignment = project.internal_assignment_date
    if assignment is None:
        return _finding(
            FindingCode.APPLICATION_WINDOW,
            Verdict.TO_CHECK,
            "Vul de datum van de interne opdracht of de getekende offerte in: de"
            f" aanvraag moet binnen {window.value // 7} weken daarna binnen zijn.",
            window,
        )
    return _in_time_finding(
        FindingCode.APPLICATION_WINDOW,
        "Indienen",
        submitted,
        window,
        assignment,
        f"de interne opdracht of offerte van {fmt.long_date(assignment)}",
    )


def _submission_window_finding(submitted: date, day: date) -> Finding:
    window = submission_window(submitted)
    if window is None or window.value["year"] != submitted.year:
        known = ""
        if window is not None:
            known = (
                f" In {window.value['year']} was dat van {fmt.long_date(window.value['opens'])}"
                f" tot en met {fmt.long_date(window.value['closes'])}."
            )
        return _finding(
            FindingCode.SUBMISSION_WINDOW,
            Verdict.TO_CHECK,
            f"De indienperiode voor {submitted.year} is in deze versie niet bekend;"
            f" controleer die bij het fonds.{known}",
            window or finding_rule(FindingCode.SUBMISSION_WINDOW).source(day, which=1),
        )
    opens, closes = window.value["opens"], window.value["closes"]
    verdict = Verdict.OK if opens <= submitted <= closes else Verdict.PROBLEM
    return _finding(
        FindingCode.SUBMISSION_WINDOW,
        verdict,
        f"Indienen kan van {fmt.long_date(opens)} tot en met {fmt.long_date(closes)}"
        f" (vóór {window.value['closes_at']} uur); de aanvraag is van"
        f" {fmt.long_date(submitted)}.",
        window,
    )


def _financial_findings(app: Application, day: date) -> list[Finding]:
    found: list[Finding] = []
    excluded = [line for line in app.external_costs if not line.staff_development]
    if excluded:
        names = ", ".join(line.description or "(zonder omschrijving)" for line in excluded)
        found.append(
            _finding(
                FindingCode.STAFF_DEVELOPMENT,
                Verdict.TO_CHECK,
                f"Deze externe kosten tellen niet mee omdat ze niet over de"
                f" ontwikkeling van medewerkers of organisatie gaan: {names}.",
                finding_rule(FindingCode.STAFF_DEVELOPMENT).source(day),
            )
        )
    missing = [line for line in app.internal_staff if line.hourly_rate is None]
    unknown = [
        line
        for line in missing
        if line.scale is None
        or line.step is None
        or table_rate(line.scale, line.step, app.project_start).rate is None
    ]
    if missing:
        parts = []
        if len(unknown) < len(missing):
            parts.append(
                "Voor een of meer medewerkers is het uurloon benaderd met de"
                " meegeleverde tabel. Het fonds rekent met zijn eigen uurloontabel;"
                " het bedrag kan dus iets afwijken."
            )
        if unknown:
            names = ", ".join(
                f"{line.role or 'medewerker'} (schaal {line.scale}, periodiek {line.step})"
                for line in unknown
            )
            parts.append(
                f"Geen uurloon bekend voor: {names}. Vul het uurloon uit de uurloontabel van"
                " het fonds in; tot dan telt deze regel niet mee."
            )
        found.append(
            _finding(
                FindingCode.HOURLY_RATE,
                Verdict.TO_CHECK,
                " ".join(parts),
                finding_rule(FindingCode.HOURLY_RATE).source(day),
            )
        )
    if app.phase is Phase.DECLARATIE:
        found.append(_provisional_finding(app, day))
    return found


def _provisional_finding(app: Application, day: date) -> Finding:
    """A declaratie is held to the amount of the voorlopige beschikking, so that amount matters."""
    minimum = parameter(f"{app.scheme.value}.minimum", day).value
    maximum = parameter(f"{app.scheme.value}.maximum", day).value
    source = finding_rule(FindingCode.PROVISIONAL_SUBSIDY).source(day)
    granted = app.provisional_subsidy
    if granted is None:
        return _finding(
            FindingCode.PROVISIONAL_SUBSIDY,
            Verdict.TO_CHECK,
            "Vul het bedrag uit de voorlopige beschikking in: de declaratie kan daar niet"
            " boven uitkomen.",
            source,
        )
    if not minimum <= granted <= maximum:
        return _finding(
            FindingCode.PROVISIONAL_SUBSIDY,
            Verdict.TO_CHECK,
            f"Het bedrag uit de voorlopige beschikking ({fmt.money(granted)}) ligt buiten"
            f" het minimum en maximum van de regeling ({fmt.money(minimum)} tot"
            f" {fmt.money(maximum)}); controleer het bedrag.",
            source,
        )
    return _finding(
        FindingCode.PROVISIONAL_SUBSIDY,
        Verdict.OK,
        f"De declaratie is begrensd op het bedrag uit de voorlopige beschikking:"
        f" {fmt.money(granted)}.",
        source,
    )


def application_limit_finding(scheme: Scheme, org: Organisation | None, day: date) -> Finding:
    """The fund's limit per organisation, scheme and year by fte class: to check unless the
    user entered the limit the fund gave and the applications already made; over it, a problem.
    """
    rule = parameter("general.application_limit", day)
    name = SCHEME_LABELS[scheme]
    limit = org.application_limit if org is not None else None
    made = org.applications_this_year if org is not None else None
    if limit is None or made is None:
        kind = org.type if org is not None else None
        if kind is OrganisationType.GEMEENTE:
            fte_class = f" {rule.value['gemeente']}"
        elif kind is None:
            fte_class = f" {rule.value['gemeente']} {rule.value['other']}"
        else:
            fte_class = f" {rule.value['other']}"
        return _finding(
            FindingCode.APPLICATION_LIMIT,
            Verdict.TO_CHECK,
            f"Het fonds geeft per organisatie een grens aan het aantal aanvragen of het bedrag"
            f" per regeling per jaar, naar het aantal fte.{fte_class} De tabel met die grenzen"
            f" is niet openbaar: vraag uw grens voor de {name} na bij het fonds en vul bij"
            " Organisatie in hoeveel aanvragen u dit jaar al deed.",
            rule,
        )
    total = made + 1
    if total > limit:
        return _finding(
            FindingCode.APPLICATION_LIMIT,
            Verdict.PROBLEM,
            f"Met deze aanvraag komt u op {total} aanvragen voor de {name} dit jaar; de grens"
            f" die het fonds u gaf is {limit}. Overleg met het fonds voordat u indient.",
            rule,
        )
    return _finding(
        FindingCode.APPLICATION_LIMIT,
        Verdict.OK,
        f"Met deze aanvraag komt u op {total} van de {limit} aanvragen die het fonds u voor de"
        f" {name} per jaar geeft.",
        rule,
    )


def rule_findings(submitted: date) -> list[Finding]:
    """The `rules_date` notice (to check) when no known rules cover `submitted`, else none."""
    status = rule_status(submitted)
    if status.known:
        return []
    source = finding_rule(FindingCode.RULES_DATE).source(status.rules_date)
    return [_finding(FindingCode.RULES_DATE, Verdict.TO_CHECK, status.notice, source)]


def judge(app: Application, submitted: date, rules_date: date) -> list[Finding]:
    """Every finding the answers allow, in the fund's order: organisation, content, practical.

    `rules_date` is `rule_sets.rules_day(submitted)`; when it is not the day's own rules, the
    first finding (`rules_date`, to check) says which rules were used and what replaced them.
    """
    found = rule_findings(submitted)
    if app.organisation is not None:
        found.extend(_organisation_findings(app.organisation, rules_date))
    found.append(application_limit_finding(app.scheme, app.organisation, rules_date))
    project = app.project
    if project is not None:
        found.append(_theme_finding(project, rules_date))
        found.append(_new_for_finding(app.scheme, project, rules_date))
        if app.scheme is Scheme.INNOVATIEF:
            found.append(
                _finding(
                    FindingCode.INNOVATIEF_CONTENT,
                    Verdict.TO_CHECK,
                    "Zorg dat u de succes- en faalfactoren meet en volgt, en dat het"
                    " project vooral over implementatie en experimenten gaat.",
                    finding_rule(FindingCode.INNOVATIEF_CONTENT).source(rules_date),
                )
            )
        practical: list[Callable[[], Finding]] = [
            lambda: _status_finding(app, project, rules_date),
            lambda: _duration_finding(app, rules_date),
        ]
        if app.scheme is Scheme.IMPULS:
            practical.append(lambda: _participants_finding(project, rules_date))
        elif app.phase is Phase.AANVRAAG:
            practical.append(lambda: _partners_finding(project, rules_date))
        practical.append(lambda: _window_finding(app, project, submitted, rules_date))
        practical.append(lambda: _submission_window_finding(submitted, rules_date))
        found.extend(make() for make in practical)
    found.extend(_financial_findings(app, rules_date))
    return found
