"""What the page tests share: point the app at a test database, open a page as a user, no exception."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
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


def markdown_texts(at: AppTest) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown: bodies, captions, alerts, headings, and the
    labels of metrics (and their values), expanders and tabs."""
    texts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    texts += [e.value for kind in ("title", "header", "subheader") for e in getattr(at, kind)]
    texts += [e.label for kind in ("metric", "expander", "tabs") for e in getattr(at, kind)]
    texts += [e.value for e in at.metric]
    return [str(t) for t in texts]


def assert_shown_escaped(at: AppTest, raw: str, escaped: str) -> None:
    """`raw` (Markdown syntax typed by someone) is shown on the page only in its escaped form."""
    texts = markdown_texts(at)
    assert not [t for t in texts if raw in t], [t for t in texts if raw in t]
    assert any(escaped in t for t in texts), texts


def rendered(text: str) -> str:
    """What a reader sees of a Markdown source, as far as escapes go: `Q\\-1 \\(x\\)` reads `Q-1 (x)`."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def submit_button(at: AppTest, form: str):
    """The submit button of `form` on screen (its key changes with each form instance: smqse.ui.forms)."""
    return next(b for b in at.button if (b.key or "").startswith(f"{form}_submit_"))


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def fill_review_decision(at: AppTest, text: str = "Launch a SMED plan on the 800 t press") -> None:
    """Fill the review page's new-decision form: `text`, the first process and owner, due 31 March 2027."""
    at.text_area(key="review_decision_text").set_value(text)
    at.selectbox(key="review_decision_process").select_index(0)
    at.selectbox(key="review_decision_owner").select_index(0)
    at.date_input(key="review_decision_due").set_value(date(2027, 3, 31))
    at.text_area(key="review_decision_argument").set_value("Scrap costs 80 k€ a year.")
    at.text_input(key="review_decision_inaction").set_value("80 000")
