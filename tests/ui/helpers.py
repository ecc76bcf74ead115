"""What the page tests share: point the app at a test database, open a page as a user, no exception."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

from smqse import db

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


@contextmanager
def app_database(path: Path | str) -> Iterator[None]:
    """SMQSE_DB points at `path` for the duration; shared connections are reopened on both sides."""
    previous = os.environ.get("SMQSE_DB")
    os.environ["SMQSE_DB"] = str(path)
    db.close_shared_connections()
    try:
        yield
    finally:
        db.close_shared_connections()
        if previous is None:
            os.environ.pop("SMQSE_DB", None)
        else:
            os.environ["SMQSE_DB"] = previous


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def open_page(page: str, user: str, **params: str) -> AppTest:
    """Run app.py as `user` (demo "view as") with URL parameters, then switch to `page`."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["user"] = user
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    no_exception(at)
    at.switch_page(page).run()
    no_exception(at)
    return at


def submit_button(at: AppTest, form: str):
    """The submit button of `form` on screen (its key changes with each form instance: smqse.ui.forms)."""
    return next(b for b in at.button if (b.key or "").startswith(f"{form}_submit_"))
