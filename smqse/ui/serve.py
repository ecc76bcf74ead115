"""`python -m smqse.ui.serve [streamlit run options]`: start the app, as `make run` does.

Why not plain `streamlit run app.py`: until the first `st.navigation` call of a server process,
Streamlit treats a `pages/` folder beside the entry script as a legacy multipage app, so the very first
visitor who follows a shared deep link (…/indicator-trends?indicator=S-TF1) gets a "Page not found"
dialog before app.py takes over. Declaring up front that the app does not use the legacy folder
removes that. `streamlit run app.py` still works, with that first-visit dialog.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.web import cli

APP = Path(__file__).resolve().parents[2] / "app.py"


def declare_navigation_app() -> None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without this class has no legacy folder handling to avoid
        return
    PagesManager.uses_pages_directory = False


def main(argv: list[str] | None = None) -> int:
    declare_navigation_app()
    args = ["run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main(args=args, prog_name="streamlit", standalone_mode=False) or 0


if __name__ == "__main__":
    raise SystemExit(main())
