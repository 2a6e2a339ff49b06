"""The checklist PDF, read back with pypdf and rendered with pdftoppm, as the user gets it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from aeno_core import formatting as fmt
from aeno_core.casefile import load_application
from aeno_core.estimate import Estimate, estimate
from aeno_core.findings import Verdict
from aeno_core.models import (
    Application,
    ExternalCost,
    InternalStaff,
    Organisation,
    OrganisationType,
    Project,
    Scheme,
)
from aeno_core.pdf import FONT_FILES, FONTS_DIR, build_pdf
from tests.core_helpers import case_estimate, run_cli, valid_case_files
from tests.paths import SHARED_CASES

CREATED = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
VERDICT_WORDS = {
    Verdict.OK: "In orde",
    Verdict.PROBLEM: "Probleem",
    Verdict.TO_CHECK: "Te controleren",
}


def _flat(text: str) -> str:
    """Text with its line breaks and no-break spaces as single spaces, as a reader sees it."""
    return " ".join(text.replace("\xa0", " ").split())


def _pages(data: bytes) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(BytesIO(data)).pages]


@pytest.fixture(scope="module")
def fouten() -> tuple[Estimate, bytes]:
    result = case_estimate("01_foutenfestival.yaml")
    return result, build_pdf(result, created=CREATED)


@pytest.fixture(scope="module")
def innovatief() -> tuple[Estimate, bytes]:
    result = case_estimate("15_innovatief_deadlines.yaml")
    return result, build_pdf(result, created=CREATED)


def _long_case() -> Estimate:
    """60 cost lines with descriptions at their maximum length, so the table must break."""
    sentence = "Begeleiding van het leertraject voor teamleiders en medewerkers van de gemeente. "
    app = Application(
        scheme=Scheme.IMPULS,
        project_start=date(2018, 2, 1),
        project_end=date(2018, 8, 31),
        submitted_on=date(2018, 10, 1),
        external_costs=[
            ExternalCost(
                description=f"Regel-{i:02d} {sentence * 4}"[:300],
                amount_ex_vat=Decimal("250.00"),
            )
            for i in range(40)
        ],
        internal_staff=[
            InternalStaff(
                role=f"Regel-{40 + i:02d} {'Langwoordzonderspatiesvoorhetafbreken' * 3}",
                project_leader=i == 0,
                scale=9,
                step=4,
                hours=Decimal(16),
            )
            for i in range(20)
        ],
    )
    return estimate(app)


@pytest.fixture(scope="module")
def long_pdf() -> tuple[Estimate, bytes]:
    result = _long_case()
    return result, build_pdf(result, created=CREATED)


# What it says -----------------------------------------------------------------------------------


def test_the_estimate_is_printed_in_dutch_with_the_euro_sign(
    fouten: tuple[Estimate, bytes],
) -> None:
    result, data = fouten
    first = _pages(data)[0]
    assert fmt.money(result.calculation.subsidy).replace("\xa0", " ") == "€ 11.562,60"
    assert "€ 11.562,60" in first
    assert "het fonds beslist" in first
    text = " ".join(_pages(data))
    for diacritics in ("Financiële voorwaarden", "vóór de grenzen", "× € 33,30"):
        assert diacritics in text
    assert "beslist over de subsidie" in first


def test_every_page_has_its_number_the_date_made_and_the_rules_year(
    fouten: tuple[Estimate, bytes],
) -> None:
    result, data = fouten
    pages = _pages(data)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in text
        assert "Gemaakt op 25 november 2026" in text
        assert f"regels van {result.rules_date.year}" in text
        assert "Schatting, geen beschikking: het fonds beslist" in text


def test_the_date_made_is_the_dutch_date(fouten: tuple[Estimate, bytes]) -> None:
    result, _ = fouten
    just_after_midnight_in_amsterdam = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    data = build_pdf(result, created=just_after_midnight_in_amsterdam)
    assert "Gemaakt op 25 november 2026" in _pages(data)[0]


@pytest.mark.parametrize("path", valid_case_files(), ids=lambda p: p.stem)
def test_every_public_case_prints_its_estimate_documents_deadlines_and_findings(
    path: Path,
) -> None:
    result = estimate(load_application(path), date(2026, 11, 25))
    text = " ".join(_pages(build_pdf(result, created=CREATED)))
    assert _flat(fmt.money(result.calculation.subsidy)) in text
    assert result.checklist.documents
    for document in result.checklist.documents:
        assert _flat(document) in text
    for item in result.deadlines.items:
        assert fmt.long_date(item.day) in text
        assert _flat(item.label) in text
    for finding in result.findings:
        assert _flat(finding.message) in text
    for step in result.checklist.steps:
        for task in step.tasks:
            assert _flat(task) in text
    words = {VERDICT_WORDS[f.verdict] for f in result.findings}
    assert all(word in text for word in words)


def test_innovatief_prints_interim_reports_and_what_they_must_contain(
    innovatief: tuple[Estimate, bytes],
) -> None:
    result, data = innovatief
    text = " ".join(_pages(data))
    reports = [d for d in result.deadlines.items if d.code == "interim_report"]
    assert [fmt.long_date(d.day) for d in reports] == [
        "31 maart 2019",
        "31 juli 2019",
        "30 november 2019",
    ]
    for day in ("7 februari 2019", "26 mei 2020", *(fmt.long_date(d.day) for d in reports)):
        assert day in text
    assert result.checklist.report_contents
    for item in result.checklist.report_contents:
        assert _flat(item) in text
    assert "Tussenrapportages in: maart 2019, juli 2019, november 2019." in text


def test_a_problem_is_named_in_words_not_only_in_colour() -> None:
    result = case_estimate("14_impuls_conditions_not_met.yaml")
    assert result.problems
    text = " ".join(_pages(build_pdf(result, created=CREATED)))
    assert "Probleem" in text
    assert f"{len(result.problems)} problemen" in text
    assert f"Let op: {len(result.problems)} voorwaarden staan een subsidie in de weg" in text


def test_rates_from_the_shipped_table_are_labelled_as_an_approximation(
    fouten: tuple[Estimate, bytes],
) -> None:
    result, data = fouten
    approximated = [line for line in result.calculation.lines if line.rate_is_approximation]
    assert len(approximated) == 2
    text = " ".join(_pages(data))
    assert text.count("(benaderd uurloon*)") == len(approximated)
    assert "Benaderd uurloon: de uurloontabel van het A&O fonds is niet openbaar" in text
    user_rate = next(
        line
        for line in result.calculation.lines
        if not line.rate_is_approximation and line.kind == "internal"
    )
    assert f"Intern: 244 uur × {_flat(fmt.money(user_rate.rate or Decimal(0)))}" in text


def test_the_scheme_advice_is_printed_with_both_schemes(fouten: tuple[Estimate, bytes]) -> None:
    _, data = fouten
    text = " ".join(_pages(data))
    assert "De Impulsregeling past het best bij de antwoorden." in text
    assert "Innovatieve Projectenregeling Nee" in text
    assert "nieuw zijn voor de hele gemeentelijke sector" in text


def test_an_application_with_nothing_filled_in_still_builds() -> None:
    app = Application(
        scheme=Scheme.INNOVATIEF, project_start=date(2019, 3, 1), project_end=date(2019, 9, 30)
    )
    text = " ".join(_pages(build_pdf(estimate(app, date(2019, 2, 1)), created=CREATED)))
    assert "Project zonder titel" in text
    assert "Er zijn nog geen kostenposten ingevuld." in text
    assert "€ 0,00" in text
    assert "vul die in om hem te berekenen" in text


# How it is built --------------------------------------------------------------------------------


def test_a_fixed_creation_date_gives_identical_bytes(fouten: tuple[Estimate, bytes]) -> None:
    result, data = fouten
    assert build_pdf(result, created=CREATED) == data
    assert build_pdf(result, created=datetime(2026, 11, 26, tzinfo=UTC)) != data
    reader = PdfReader(BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.creation_date == CREATED


def test_the_font_is_embedded_and_no_standard_font_is_used(fouten: tuple[Estimate, bytes]) -> None:
    _, data = fouten
    reader = PdfReader(BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descendant["/FontDescriptor"]
    assert fonts
    assert all("OpenSans" in name for name in fonts)
    assert all(fonts.values()), "every font is embedded"
    for name in FONT_FILES.values():
        assert (FONTS_DIR / name).is_file()
    assert "Apache License" in (FONTS_DIR / "LICENSE").read_text(encoding="utf-8")


def test_user_text_is_printed_literally_never_as_markup() -> None:
    title = "**Vet** <b>niet vet</b> -- __schuin__ [link](https://example.org)"
    description = "<i>Training</i> **x** -- ~~y~~ & <script>alert(1)</script>"
    app = Application(
        scheme=Scheme.IMPULS,
        project_start=date(2018, 2, 1),
        project_end=date(2018, 8, 31),
        submitted_on=date(2018, 10, 1),
        external_costs=[ExternalCost(description=description, amount_ex_vat=Decimal("3000"))],
        internal_staff=[
            InternalStaff(
                role="--projectleider-- **a**",
                project_leader=True,
                scale=10,
                step=6,
                hours=Decimal(10),
            )
        ],
        organisation=Organisation(type=OrganisationType.GEMEENTE),
        project=Project(title=title),
    )
    data = build_pdf(estimate(app), created=CREATED)
    text = " ".join(_pages(data))
    for literal in (title, description, "--projectleider-- **a**"):
        assert literal in text
    assert b"/URI" not in data, "no link annotation was made from the markdown"


def test_a_long_table_breaks_across_pages_with_its_header_repeated(
    long_pdf: tuple[Estimate, bytes],
) -> None:
    result, data = long_pdf
    pages = _pages(data)
    header = "Kostenpost Kosten Deel Subsidie Toelichting"
    with_lines = [i for i, text in enumerate(pages) if "Regel-" in text]
    assert len(with_lines) >= 3, "60 long lines take several pages"
    for index in with_lines:
        assert header in pages[index], f"header repeated on page {index + 1}"
    text = " ".join(pages)
    for line in result.calculation.lines[:40]:
        assert _flat(line.description) in text, "long descriptions are wrapped, not cut"
    assert "Regel-00" in pages[with_lines[0]]
    assert "Regel-59" in pages[with_lines[-1]]


# Rendered ---------------------------------------------------------------------------------------


def _render(data: bytes, folder: Path) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (make system-deps)")
    source = folder / "doc.pdf"
    source.write_bytes(data)
    subprocess.run([tool, "-r", "40", "-png", str(source), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


@pytest.mark.parametrize("fixture", ["fouten", "innovatief", "long_pdf"])
def test_rendered_pages_exist_and_are_not_blank(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    _, data = request.getfixturevalue(fixture)
    images = _render(data, tmp_path)
    assert len(images) == len(PdfReader(BytesIO(data)).pages)
    for image_path in images:
        with Image.open(image_path) as image:
            grey = image.convert("L")
            assert grey.size[0] > grey.size[1] * 0.6, "portrait A4"
            histogram = grey.histogram()
            dark = sum(histogram[:200])
            assert dark / (grey.size[0] * grey.size[1]) > 0.01, f"{image_path.name} is blank"


# Command line -----------------------------------------------------------------------------------


def test_the_pdf_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "schatting.pdf"
    run = run_cli("pdf", str(SHARED_CASES / "01_foutenfestival.yaml"), "--out", str(out))
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert "€ 11.562,60" in _pages(data)[0]


def test_the_pdf_command_refuses_an_invalid_case_with_status_2(tmp_path: Path) -> None:
    out = tmp_path / "schatting.pdf"
    case = SHARED_CASES / "12_invalid_two_project_leaders.yaml"
    run = run_cli("pdf", str(case), "--out", str(out))
    assert run.returncode == 2
    assert "projectleider" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()
