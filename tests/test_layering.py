"""The layering of DESIGN.md, held by parsing the code (ast, not regex over text).

- Only smqse/ui/ may import Streamlit inside the package.
- Pages and app.py are thin: no DuckDB import and no SQL (SQL lives in queries/*.sql).
- Every data query binds the whole scope.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "smqse"
UI = PACKAGE / "ui"
ENTRY_POINTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]

SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|VIEW|INDEX)|"
    r"DROP\s+(TABLE|VIEW)|ALTER\s+TABLE|WITH\s+\w+\s+AS\s*\()",
    re.IGNORECASE | re.DOTALL,
)
# Queries about identity (who may see what) and the deployment (is this the demo?) are read before a
# scope exists.
IDENTITY_QUERIES = {"users", "user_scope_rows", "scope_catalogue", "database_setting"}
# A month's closing is organisation-wide: it holds no data of any scope.
IDENTITY_QUERIES |= {
    "month_close_one",
    "month_closed_months",
    "month_close_insert",
    "month_close_change_log_insert",
}
# Data version counters and refresh runs (smqse.data_version, smqse.refresh): system records, no data.
IDENTITY_QUERIES |= {
    "data_version_bump",
    "analysis_run_start",
    "analysis_run_progress",
    "analysis_run_latest",
}
# A user's e-mail settings (smqse.views.account): identity, not data; each query lets only the user themselves
# or the QSE lead read or write them.
IDENTITY_QUERIES |= {
    "profile_settings",
    "profile_user_update",
    "profile_optout_insert",
    "profile_optout_delete",
    "profile_change_log_insert",
    "profile_submission_lookup",
    "profile_submission_insert",
}
# Notification records and recipients (smqse.notify): identity and system records, no data of any scope.
IDENTITY_QUERIES |= {"notify_recipients", "notify_optouts", "notify_sent", "notify_record_insert"}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
    return found


def _imports(path: Path, top: str) -> bool:
    return any(name == top or name.startswith(top + ".") for name in _imported_modules(path))


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc is not None:
                docstrings.add(doc)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in docstrings
    ]


def test_only_the_ui_package_imports_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE.rglob("*.py"))
        if UI not in path.parents and _imports(path, "streamlit")
    ]
    assert offenders == []


def test_the_check_sees_an_import_when_there_is_one(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from streamlit import session_state\n    return session_state\n")
    assert _imports(sample, "streamlit")
    sample.write_text('"""Mentions import streamlit in a docstring only."""\nx = "import streamlit"\n')
    assert not _imports(sample, "streamlit")


def test_pages_and_entry_point_import_no_duckdb():
    assert [str(p.relative_to(ROOT)) for p in ENTRY_POINTS if _imports(p, "duckdb")] == []


def test_pages_and_entry_point_contain_no_sql():
    offenders = [
        str(path.relative_to(ROOT))
        for path in ENTRY_POINTS
        if any(SQL.search(text) for text in _string_constants(path))
    ]
    assert offenders == []


def test_the_sql_check_recognises_sql():
    assert SQL.search("select a from b")
    assert not SQL.search("Sélectionnez une ligne pour afficher le détail")


def test_every_data_query_binds_the_whole_scope():
    from smqse.db import query_names, query_parameters

    missing = {
        name: sorted({"process_ids", "site_ids", "domains"} - query_parameters(name))
        for name in query_names()
        if name not in IDENTITY_QUERIES
    }
    assert {name: params for name, params in missing.items() if params} == {}


def test_tables_are_shown_through_the_neutralising_helper():
    """Streamlit's "Download as CSV" exports the displayed cells: every table goes through smqse.ui.tables,
    which neutralises formula-looking text (issue 11). A direct st.dataframe / st.data_editor / st.table
    would bypass it."""
    direct = {"dataframe", "data_editor", "table"}
    offenders = []
    for path in [*ENTRY_POINTS, *sorted(UI.glob("*.py"))]:
        if path.name == "tables.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in direct
                and isinstance(node.value, ast.Name)
                and node.value.id == "st"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} st.{node.attr}")
    assert offenders == []


def test_no_python_callback_runs_inside_polars():
    # map_elements runs Python inside Polars' thread pool: 20 concurrent sessions on the scorecard hung for good
    # (issue 11's load test). smqse.frames.mapped does the same over distinct values, as an expression.
    offenders = [
        str(path.relative_to(ROOT))
        for path in [*sorted(PACKAGE.rglob("*.py")), *ENTRY_POINTS]
        if any(
            isinstance(node, ast.Attribute) and node.attr in ("map_elements", "apply")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert offenders == []


# --- one name per feature across the layers ------------------------------------------------------------

VIEWS = PACKAGE / "views"
# The modules allowed at the package root: shared machinery, none of them a page's data path (which lives in
# smqse/views/<page>.py). A new module here must say why it is not one page's.
ROOT_MODULES = {
    "__init__": "the package",
    "__main__": "`python -m smqse`",
    "cli": "the command line",
    "db": "the one choke point for SQL: schema, migrations, run_query",
    "model": "the data model's enumerations",
    "scope": "who sees what: users and their scopes",
    "deployment": "the configuration, read and checked at start (fails closed)",
    "frames": "small Polars helpers shared by views and words",
    "textsafety": "Markdown escaping and spreadsheet-formula neutralising",
    "submission": "idempotent write forms (one token, one write)",
    "data_version": "the counters that key the caches",
    "month_state": "a month's completeness and closing, shared by every page with a month",
    "action_open": "opening an action from any analysis page (six pages share it)",
    "aggregation_notes": "what a ratio's aggregation left out, said by several pages and the pack",
    "reminders": "what a user owes or must follow up: the landing to-do and the e-mails",
    "todo": "the to-do in words, for the landing pages and the e-mails",
    "refresh": "heavy analysis recomputed when data change (projections, drift verdicts)",
    "refresh_anomalies": "the anomaly scan recomputed when data change",
    "scan_worker": "the scan's worker processes",
    "replica": "the read replica the app reads while a writer holds the file",
    "bench": "the enterprise-size benchmark database",
    "allocator": "the memory allocator settings the launcher applies",
    "blas_threads": "BLAS thread limits",
}


def _modules(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.py")}


def test_each_page_has_its_data_path_in_views_under_its_own_name():
    pages = _modules(ROOT / "pages")
    views = _modules(VIEWS) - {"__init__"}
    assert pages - views == set(), "a page without smqse/views/<page>.py"
    assert views - pages == set(), "a module in smqse/views/ named for no page"


def test_the_package_root_holds_no_page_data_path():
    extra = _modules(PACKAGE) - set(ROOT_MODULES)
    assert extra == set(), (
        f"{sorted(extra)} at the root of smqse/: a page's data path belongs in smqse/views/<page>.py; shared "
        "machinery must be listed in ROOT_MODULES with the reason it is not one page's"
    )
    assert set(ROOT_MODULES) - _modules(PACKAGE) == set(), "ROOT_MODULES lists a module that is gone"


def test_the_root_check_fails_on_a_page_data_path_added_there(tmp_path):
    (tmp_path / "drift_view.py").write_text("")
    (tmp_path / "db.py").write_text("")
    assert _modules(tmp_path) - set(ROOT_MODULES) == {"drift_view"}


def test_views_sit_below_the_charts_and_the_interface():
    """A view returns frames: it draws nothing and knows no page, so it imports neither Streamlit, nor
    smqse.ui, nor smqse.charts."""
    for path in sorted(VIEWS.glob("*.py")):
        for top in ("streamlit", "smqse.ui", "smqse.charts", "plotly"):
            assert not _imports(path, top), f"{path.name} imports {top}"


def _run_query_names(path: Path) -> list[str | None]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in {
            "run_query",
            "run_in_transaction",
        }:
            first = node.args[0] if node.args else None
            names.append(first.value if isinstance(first, ast.Constant) else None)
    return names


def test_the_interface_runs_no_data_query_of_its_own():
    """smqse.ui caches what the views return; a data query run there would be a page's data path outside
    smqse/views/."""
    for path in sorted(UI.glob("*.py")):
        for name in _run_query_names(path):
            assert name in IDENTITY_QUERIES, f"{path.name} runs {name!r}: move it to smqse/views/<page>.py"


CHARTS = PACKAGE / "charts"
WORDS = PACKAGE / "words"
MAX_BUILDER_LINES = 80
LONG_REASON = "Longer than 80 lines because"


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def _not_figures(path: Path) -> list[str]:
    """The module-level public functions of `path` not annotated to return a Plotly figure."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{fn.lineno} {fn.name}"
        for fn in tree.body
        if isinstance(fn, ast.FunctionDef)
        and not fn.name.startswith("_")
        and (ast.unparse(fn.returns) if fn.returns else "") != "go.Figure"
    ]


def test_chart_modules_only_draw():
    """A public function of a page's chart module returns a Plotly figure: its tables and sentences live in
    smqse/words/<page>.py. The figures' shared parts are not pages' charts: __init__ reads a figure's title and
    text alternative back, month_axis sets the month ticks every time axis uses."""
    shared = {"__init__.py", "month_axis.py"}
    found = [
        name for path in sorted(CHARTS.glob("*.py")) if path.name not in shared for name in _not_figures(path)
    ]
    assert found == []


def test_the_draw_check_sees_a_table_builder(tmp_path):
    module = tmp_path / "drift.py"
    module.write_text("def build_chart(x) -> go.Figure: ...\ndef build_table(x) -> pl.DataFrame: ...\n")
    assert _not_figures(module) == ["drift.py:2 build_table"]


def test_no_chart_or_words_function_is_over_80_lines_without_its_reason():
    long = [
        f"{path.parent.name}/{path.name}:{fn.lineno} {fn.name}: {fn.end_lineno - fn.lineno + 1} lines"
        for folder in (CHARTS, WORDS)
        for path in sorted(folder.glob("*.py"))
        for fn in _functions(path)
        if fn.end_lineno - fn.lineno + 1 > MAX_BUILDER_LINES
        and LONG_REASON not in (ast.get_docstring(fn) or "")
    ]
    assert long == []
