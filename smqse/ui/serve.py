"""`python -m smqse.ui.serve [streamlit run options]`: start the app, as `make run` does.

Before Streamlit serves anything, with the configuration Streamlit itself loaded (command line, config.toml,
environment):
- the deployment is checked (smqse.ui.configuration): secrets readable, `[auth]` complete, or demo mode
  allowed, and the database present. On any problem: one paragraph in French and English on standard
  error saying what is wrong and how to fix it, exit status 2, nothing served.
- DuckDB's allocator returns freed memory to the system at once (smqse.allocator): otherwise the server
  keeps what each large query freed, and its memory climbs user after user.
- BLAS and OpenMP libraries run one thread each (smqse.blas_threads): the sessions' threads are the
  parallelism, and more threads than cores on a small server slowed the drift page tenfold.
- the database is opened and its services started (smqse.service), so that the first sessions do not
  queue behind one of them opening the file;
- heavy modules are imported once, so that the first sessions after a start, running in parallel threads,
  never see a partially initialised module (Plotly imports pandas lazily: "partially initialized module
  'pandas'").
- every HTTP response gets frame protection (X-Frame-Options, CSP frame-ancestors): Streamlit 1.67 has no
  option for response headers.

Why not plain `streamlit run app.py`: until the first `st.navigation` call of a server process,
Streamlit treats a `pages/` folder beside the entry script as a legacy multipage app, so the very first
visitor who follows a shared deep link (…/indicator-trends?indicator=S-TF1) gets a "Page not found"
dialog before app.py takes over. Declaring up front that the app does not use the legacy folder
removes that. `streamlit run app.py` still works, with that first-visit dialog and without the start-up
checks above (app.py repeats the deployment check on every run, so it still fails closed).
"""

from __future__ import annotations

from smqse.allocator import release_freed_memory_environment
from smqse.blas_threads import limit_blas_threads, single_thread_environment

# Before Streamlit (and through it NumPy) is imported: every BLAS library starts with one thread.
single_thread_environment()
# Before DuckDB is imported: its allocator returns freed memory at once (smqse.allocator).
release_freed_memory_environment()

import ast  # noqa: E402
import functools  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from streamlit.web import cli  # noqa: E402

from smqse.deployment import ConfigurationError  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "app.py"
# What the pages import lazily, directly or through Plotly, Streamlit and Polars.
WARM_MODULES = (
    "numpy",
    "pandas",
    "pyarrow",
    "polars",
    "plotly.graph_objects",
    "plotly.io",
    "plotly.subplots",
    "plotly.express",
    "scipy.stats",
    "sklearn.ensemble",
)
# Plotly imports the class of each figure property on its first use (plotly.graph_objs.layout.XAxis, …) and
# looks for optional modules (orjson, sage.all) on its first serialisation: 20 first sessions building the
# same charts at once spent a fifth of their time queued on the import lock (issue 14). The subpackages of
# the layout and of the traces the charts draw are imported at start (≈ 11 MiB, 0.4 s).
PLOTLY_WARM_PACKAGES = ("layout", "scatter", "bar", "heatmap")
FRAME_HEADERS = {"x-frame-options": "SAMEORIGIN", "content-security-policy": "frame-ancestors 'self'"}


def declare_navigation_app() -> None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without this class has no legacy folder handling to avoid
        return
    PagesManager.uses_pages_directory = False


def warm_imports() -> None:
    """Import WARM_MODULES in this (main) thread, before any session thread exists."""
    for name in WARM_MODULES:
        importlib.import_module(name)
    warm_plotly()
    warm_app_modules()


def app_modules() -> list[str]:
    """The project's modules app.py and the page scripts import (`smqse…`), read from their source: the
    first session otherwise imports them while the others queue on the import lock (14 % of 20 first
    sessions' time, issue 14)."""
    found: dict[str, None] = {}
    for script in (APP, *sorted((APP.parent / "pages").glob("*.py"))):
        tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from smqse.ui import sidebar` imports a module; `from smqse.i18n import t` a name.
                names = [node.module] + [
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if importlib.util.find_spec(node.module) is not None
                    and _is_submodule(node.module, alias.name)
                ]
            else:
                continue
            found.update(dict.fromkeys(n for n in names if n == "smqse" or n.startswith("smqse.")))
    return list(found)


def _is_submodule(package: str, name: str) -> bool:
    spec = importlib.util.find_spec(package)
    return bool(spec.submodule_search_locations) and importlib.util.find_spec(f"{package}.{name}") is not None


def warm_app_modules() -> None:
    # Before the runtime exists, each @st.cache_data decorator warns that it validates its parameters
    # against an in-memory cache; calls made later, in sessions, use the runtime's caches.
    cache_log = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = cache_log.level
    cache_log.setLevel(logging.ERROR)
    try:
        for name in app_modules():
            importlib.import_module(name)
    finally:
        cache_log.setLevel(level)


def warm_plotly() -> None:
    """Import PLOTLY_WARM_PACKAGES' modules and serialise one figure (dates and a NumPy array, as the charts
    have), so that no session's chart waits on an import."""
    import datetime
    import pkgutil

    import numpy as np
    import plotly.graph_objects as go
    import plotly.io as pio

    for name in PLOTLY_WARM_PACKAGES:
        package = importlib.import_module(f"plotly.graph_objs.{name}")
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    figure = go.Figure(go.Scatter(x=[datetime.date(2026, 1, 31)], y=np.array([1.0])))
    figure.update_layout(xaxis_title="x", yaxis_title="y", legend_orientation="h")
    pio.to_json(figure, validate=False)


class FrameProtection:
    """ASGI middleware: no other site may show the app in a frame (clickjacking). Leaves a header the
    response already has; adds frame-ancestors to an existing Content-Security-Policy."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_protected(message) -> None:
            if message["type"] == "http.response.start":
                from starlette.datastructures import MutableHeaders

                headers = MutableHeaders(scope=message)
                if "x-frame-options" not in headers:
                    headers["x-frame-options"] = FRAME_HEADERS["x-frame-options"]
                policy = headers.get("content-security-policy")
                if policy is None:
                    headers["content-security-policy"] = FRAME_HEADERS["content-security-policy"]
                elif "frame-ancestors" not in policy:
                    headers["content-security-policy"] = (
                        f"{policy}; {FRAME_HEADERS['content-security-policy']}"
                    )
            await send(message)

        await self.app(scope, receive, send_protected)


def install_frame_protection() -> None:
    """Put FrameProtection outermost in the middleware Streamlit builds for its Starlette app."""
    from starlette.middleware import Middleware
    from streamlit.web.server.starlette import starlette_app

    streamlit_middleware = starlette_app.create_streamlit_middleware
    if getattr(streamlit_middleware, "smqse_frame_protection", False):
        return

    @functools.wraps(streamlit_middleware)
    def with_frame_protection():
        return [Middleware(FrameProtection), *streamlit_middleware()]

    with_frame_protection.smqse_frame_protection = True
    starlette_app.create_streamlit_middleware = with_frame_protection


def open_database() -> None:
    """Open the database and start its services (smqse.service) before the first session: otherwise the
    first sessions after a start all wait for one of them to open the file (0.5 s each with 20 at once on
    the demo, more on a large file). A demo database not built yet is built by the first session, as
    before; a file that cannot be opened here is reported by app.py to each session, as before."""
    from smqse.db import database_path
    from smqse.service import start_services

    path = database_path()
    if not path.exists():
        return
    try:
        start_services(path)
    except Exception as exc:  # e.g. held by another process: each session says so in the page
        print(f"smqse: database not opened at start ({type(exc).__name__}: {exc})", file=sys.stderr)


def check_before_serving(run):
    """Wrap Streamlit's `bootstrap.run` (called once its configuration is loaded): check, warm, serve."""

    @functools.wraps(run)
    def checked_run(*args, **kwargs):
        from smqse.ui import configuration

        try:
            configuration.check()
        except ConfigurationError as error:
            print(f"smqse: {error.bilingual()}", file=sys.stderr)
            raise SystemExit(2) from None
        warm_imports()
        limit_blas_threads()  # the libraries warm_imports loaded, whatever the environment said
        open_database()
        return run(*args, **kwargs)

    checked_run.smqse_checked = True
    return checked_run


def install_start_checks() -> None:
    from streamlit.web import bootstrap

    if not getattr(bootstrap.run, "smqse_checked", False):
        bootstrap.run = check_before_serving(bootstrap.run)


def main(argv: list[str] | None = None) -> int:
    declare_navigation_app()
    install_frame_protection()
    install_start_checks()
    args = ["run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main(args=args, prog_name="streamlit", standalone_mode=False) or 0


if __name__ == "__main__":
    raise SystemExit(main())
