"""Where the tests find the project and the shared reference cases."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CASES = ROOT.parent / "shared" / "cases"
OWN_SCENARIOS = ROOT / "tests" / "scenarios"


def shared_case_files() -> list[Path]:
    """Every shared case; a missing folder is an error, never a skip (CI has it beside the repo)."""
    files = sorted(SHARED_CASES.glob("*.yaml"))
    if not files:
        raise FileNotFoundError(f"no reference cases found in {SHARED_CASES}")
    return files
