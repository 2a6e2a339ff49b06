"""`python -m aeno_core`: see `aeno_core.cli`."""

import sys

from aeno_core.cli import main

sys.exit(main())
