"""``python -m mcda``: the same command line as the ``mcda`` console script."""

from mcda.cli import main

raise SystemExit(main())
