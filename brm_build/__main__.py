"""Allow ``python -m brm_build``."""

import sys

from .cli import main

sys.exit(main())
