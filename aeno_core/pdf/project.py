"""The checklist's 'Project en organisatie': every answer about the project, label beside answer.

A definition list rather than a table: it has no header row, and the labels sit in a muted
column so the answers stand out.
"""

from __future__ import annotations

from aeno_core import formatting as fmt
from aeno_core.estimate import Estimate
from aeno_core.pdf import blocks
from aeno_core.pdf.document import ChecklistPDF
from aeno_core.pdf.style import HAIRLINE, MUTED, TABLE_LINE_MM, TABLE_PT, TEXT
from aeno_core.safe_text import for_pdf
from aeno_core.vocabulary import (
    NEW_FOR_LABELS,
    PHASE_LABELS,
    SCHEME_LABELS,
    STATUS_LABELS,
    organisation_label,
    theme_label,
)

NOT_GIVEN = "Niet ingevuld"


def _yes_no(value: bool | None, yes: str = "Ja", no: str = "Nee") -> str:
    return NOT_GIVEN if value is None else (yes if value else no)


def _project_rows(result: Estimate) -> list[tuple[str, str]]:
    app, day = result.application, result.rules_date
    project, org = app.project, app.organisation
    rows = [
        ("Regeling", f"{SCHEME_LABELS[app.scheme]} ({PHASE_LABELS[app.phase].lower()})"),
        (
            "Looptijd",
            f"{fmt.long_date(app.project_start)} tot en met {fmt.long_date(app.project_end)}",
        ),
        ("Datum van indienen", fmt.long_date(result.submitted_on)),
    ]
    if app.provisional_subsidy is not None:
        rows.append(("Voorlopige subsidie (beschikking)", fmt.money(app.provisional_subsidy)))
    people = result.contacts
    if project is None:
        rows.append(("Project", "Geen projectgegevens ingevuld"))
    else:
        rows.append(("Projecttitel", for_pdf(project.title) or NOT_GIVEN))
    if people.leader_name or people.leader_email:
        leader = ", ".join(p for p in (people.leader_name, people.leader_email) if p)
        rows.append(("Projectleider", for_pdf(leader)))
    if project is not None:
        if "theme" not in project.model_fields_set:
            theme = NOT_GIVEN
        else:
            theme = theme_label(project.theme, day)
        rows.append(("Thema innovatieagenda", theme))
        rows.append(
            ("Nieuw voor", NEW_FOR_LABELS[project.new_for] if project.new_for else NOT_GIVEN)
        )
        rows.append(
            ("Stand van zaken", STATUS_LABELS[project.status] if project.status else NOT_GIVEN)
        )
        if project.participants_per_training is not None:
            rows.append(
                ("Deelnemers in de kleinste training", str(project.participants_per_training))
            )
        if project.partner_gemeenten is not None:
            rows.append(("Andere gemeenten in het project", str(project.partner_gemeenten)))
        if project.internal_assignment_date is not None:
            rows.append(
                (
                    "Interne opdracht of getekende offerte",
                    fmt.long_date(project.internal_assignment_date),
                )
            )
    if people.organisation_name:
        rows.append(("Organisatie", for_pdf(people.organisation_name)))
    if people.organisation_contact:
        rows.append(("Contactpersoon", for_pdf(people.organisation_contact)))
    if org is None:
        rows.append(("Organisatie", "Geen organisatiegegevens ingevuld"))
    else:
        kind = NOT_GIVEN if org.type is None else organisation_label(org.type, day)
        rows.append(("Soort organisatie", kind))
        rows.append(("Past de CAR-UWO toe", _yes_no(org.applies_car_uwo)))
        together = _yes_no(org.collaboration)
        if org.collaboration and org.share_gemeenten is not None:
            together += f", {fmt.number(org.share_gemeenten)}% gemeenten"
        rows.append(("Samenwerkingsverband", together))
        rows.append(("Aanvraag via een extern bureau", _yes_no(org.via_external_bureau)))
    return rows


def project_section(pdf: ChecklistPDF, result: Estimate) -> None:
    """A definition list (label, answer) with hairlines, drawn directly: it has no header row."""
    rows = _project_rows(result)
    label_w, pad = 58.0, 1.1
    heights = [
        2 * pad
        + max(
            blocks.text_height(pdf, label_w, label, TABLE_PT, "", TABLE_LINE_MM),
            blocks.text_height(pdf, pdf.epw - label_w, value, TABLE_PT, "", TABLE_LINE_MM),
        )
        for label, value in rows
    ]
    total = sum(heights)
    blocks.heading(pdf, "Project en organisatie", keep=20 + (total if total < 120 else 30))
    pdf.set_draw_color(*HAIRLINE)
    pdf.set_line_width(0.2)
    right = pdf.w - pdf.r_margin
    for (label, value), height in zip(rows, heights, strict=True):
        blocks.keep_space(pdf, height)
        top = pdf.get_y()
        pdf.set_y(top + pad)
        pdf.set_text_color(*MUTED)
        blocks.lines(pdf, pdf.l_margin, label_w, label, TABLE_PT, "", TABLE_LINE_MM)
        pdf.set_y(top + pad)
        pdf.set_text_color(*TEXT)
        blocks.lines(
            pdf, pdf.l_margin + label_w, pdf.epw - label_w, value, TABLE_PT, "", TABLE_LINE_MM
        )
        pdf.set_y(top + height)
        pdf.line(pdf.l_margin, pdf.get_y(), right, pdf.get_y())
    pdf.ln(1)
