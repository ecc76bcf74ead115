"""The launcher `make run` uses declares the app a navigation app before any session starts."""

from streamlit.runtime.pages_manager import PagesManager

from smqse.ui import serve


def test_launcher_turns_off_the_legacy_pages_folder(monkeypatch):
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    serve.declare_navigation_app()
    assert PagesManager.uses_pages_directory is False
    assert serve.APP.name == "app.py" and serve.APP.exists()
