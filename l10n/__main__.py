from __future__ import annotations

from l10n.cli import main

main()
