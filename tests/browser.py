"""How the browser tests and bench/api_latency.py start Debian's chromium through Playwright."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# Headless, no sandbox (CI runs as root), and nothing that reaches the network by itself.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any) -> Any:
    """A headless chromium browser from the system's /usr/bin/chromium (no browser download)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
