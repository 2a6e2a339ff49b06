"""The Subsidiewijzer's rules engine: pure Python, no Streamlit.

Pages, the PDF, the calendar and the command line all call `estimate` (and `advise`) and show
what it explains; nothing else computes a subsidy.
"""

from aeno_core.advice import Advice, advise
from aeno_core.estimate import Estimate, estimate
from aeno_core.models import Application

__all__ = ["Advice", "Application", "Estimate", "advise", "estimate"]
