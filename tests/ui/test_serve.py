"""The launcher `make run` uses: navigation app, checks before serving (fails closed, exit status 2 with
a message), imports warmed before the first session, frame protection on every response, loopback by
default."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from smqse import db
from smqse.ui import serve
from tests.ui.live_server import ROOT, SERVE_OPTIONS, app_environment, running_app

# Runs serve.main with Streamlit's configuration loading intact, but with a stand-in for the server
# itself: it reports which warm modules are loaded when serving would start, and binds nothing.
WOULD_SERVE = """
import sys
from streamlit.web import bootstrap
from smqse.ui import serve

def would_serve(*args, **kwargs):
    print("SERVING", ",".join(m for m in serve.WARM_MODULES if m in sys.modules))

bootstrap.run = would_serve
sys.exit(serve.main(sys.argv[1:]))
"""
START_TIMEOUT = 180
AUTH_TOML = """[auth]
redirect_uri = "https://smqse.example.com/oauth2callback"
cookie_secret = "0123456789abcdef0123456789abcdef"
client_id = "smqse"
client_secret = "s3cret"
server_metadata_url = "https://idp.example.com/.well-known/openid-configuration"
"""


def test_launcher_turns_off_the_legacy_pages_folder(monkeypatch):
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    serve.declare_navigation_app()
    assert PagesManager.uses_pages_directory is False
    assert serve.APP.name == "app.py" and serve.APP.exists()


def _start(tmp_path: Path, database: Path, *options: str, secrets: str | None = None, **env: str):
    secrets_file = tmp_path / "secrets.toml"
    if secrets is not None:
        secrets_file.write_text(secrets, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", WOULD_SERVE, "--server.port", "8611", *SERVE_OPTIONS[2:],
         "--secrets.files", str(secrets_file), *options],
        cwd=tmp_path, env=app_environment({"SMQSE_DB": str(database), **env}),
        capture_output=True, text=True, timeout=START_TIMEOUT,
    )  # fmt: skip


@pytest.fixture
def demo_copy_db(demo_db_path, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


def test_the_demo_on_loopback_starts_with_its_imports_warm(tmp_path, demo_copy_db):
    done = _start(tmp_path, demo_copy_db, "--server.address", "127.0.0.1")
    assert done.returncode == 0, done.stderr
    serving = [line for line in done.stdout.splitlines() if line.startswith("SERVING")]
    assert serving and serving[0].split(" ", 1)[1].split(",") == list(serve.WARM_MODULES)


DATABASE_WHEN_SERVING = """
import sys
from streamlit.web import bootstrap
from smqse import db
from smqse.ui import serve

def would_serve(*args, **kwargs):
    print("OPEN", sorted(db._connections) == [str(db.database_path())])

bootstrap.run = would_serve
sys.exit(serve.main(sys.argv[1:]))
"""


def test_the_database_is_open_before_the_first_session(tmp_path, demo_copy_db):
    """Twenty first sessions waited for one of them to open the file: the launcher opens it first (with
    SMQSE_DEMO=1, as with `[auth]`, the configuration check does not open it)."""
    done = subprocess.run(
        [sys.executable, "-c", DATABASE_WHEN_SERVING, "--server.port", "8611", *SERVE_OPTIONS[2:],
         "--server.address", "127.0.0.1"],
        cwd=tmp_path, env=app_environment({"SMQSE_DB": str(demo_copy_db), "SMQSE_DEMO": "1"}),
        capture_output=True, text=True, timeout=START_TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "OPEN True" in done.stdout, done.stdout


BLAS_WHEN_SERVING = """
import sys, threading
from streamlit.web import bootstrap
from smqse.ui import serve

def would_serve(*args, **kwargs):  # looks from another thread, as a session's script would
    from threadpoolctl import threadpool_info

    found = []
    looking = threading.Thread(target=lambda: found.extend(threadpool_info()))
    looking.start()
    looking.join()
    print("BLAS", sorted({lib["num_threads"] for lib in found if lib["user_api"] == "blas"}))

bootstrap.run = would_serve
sys.exit(serve.main(sys.argv[1:]))
"""


def test_the_server_runs_every_blas_library_on_one_thread(tmp_path, demo_copy_db):
    environment = {"OPENBLAS_NUM_THREADS": "", "OMP_NUM_THREADS": "", "MKL_NUM_THREADS": ""}
    done = subprocess.run(
        [sys.executable, "-c", BLAS_WHEN_SERVING, "--server.port", "8611", *SERVE_OPTIONS[2:],
         "--server.address", "127.0.0.1"],
        cwd=tmp_path, env=app_environment({"SMQSE_DB": str(demo_copy_db), **environment}),
        capture_output=True, text=True, timeout=START_TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "BLAS [1]" in done.stdout, done.stdout  # at least one library (NumPy's), every one on one thread


def test_warm_imports_leaves_no_module_half_initialised():
    code = (
        "import sys\nfrom smqse.ui import serve\n"
        "assert 'sklearn.ensemble' not in sys.modules\n"
        "serve.warm_imports()\n"
        "bad = [m for m in serve.WARM_MODULES if m not in sys.modules\n"
        "       or getattr(sys.modules[m].__spec__, '_initializing', False)]\n"
        "print('BAD', bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "BAD []" in done.stdout


def test_the_modules_of_app_and_pages_are_imported_before_the_first_session():
    """The first session imported app.py's and the pages' modules while the others queued on the import
    lock; the warm-up imports every `smqse` module they import (read from their source)."""
    modules = serve.app_modules()
    assert {"smqse.ui.sidebar", "smqse.ui.identity", "smqse.ui.data", "smqse.charts.scorecard"} <= set(
        modules
    )
    assert "smqse.i18n.t" not in modules and not any(m.startswith("streamlit") for m in modules)
    code = (
        "import sys\nfrom smqse.ui import serve\n"
        "assert 'smqse.ui.sidebar' not in sys.modules\n"
        "serve.warm_imports()\n"
        "print('MISSING', [m for m in serve.app_modules() if m not in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "MISSING []" in done.stdout, done.stdout
    assert "No runtime found" not in done.stderr


# A chart as the pages draw them: lines, bars, a heat map, titled axes, a legend, annotations, shapes.
CHART_AFTER_WARMING = """
import sys, datetime
import numpy as np
from smqse.ui import serve
serve.warm_imports()
before = set(sys.modules)
import plotly.graph_objects as go
import plotly.io as pio
months = [datetime.date(2026, m, 1) for m in (1, 2)]
figure = go.Figure([
    go.Scatter(x=months, y=np.array([1.0, 2.0]), mode="lines+markers", line={"dash": "dot"},
               marker={"size": 6}, hovertemplate="%{y}", name="a"),
    go.Bar(x=["a", "b"], y=[1, 2], marker={"color": ["red", "blue"]}, text=["1", "2"]),
    go.Heatmap(z=[[1, 2]], x=["a", "b"], y=["s"], colorscale="RdYlGn", colorbar={"title": {"text": "t"}}),
])
figure.update_layout(title={"text": "t"}, xaxis={"title": {"text": "x"}, "tickformat": "%b"},
                     yaxis={"title": {"text": "y"}, "range": [0, 3]}, legend={"orientation": "h"},
                     margin={"l": 0, "r": 0, "t": 30, "b": 0}, hoverlabel={"bgcolor": "white"})
figure.add_annotation(x=months[0], y=1, text="n", showarrow=False)
figure.add_hline(y=1.5, line_dash="dash", annotation_text="target")
figure.add_vrect(x0=months[0], x1=months[1], fillcolor="grey", opacity=0.1)
pio.to_json(figure, validate=False)
print("NEW", sorted(m for m in set(sys.modules) - before if m.startswith(("plotly", "_plotly", "orjson", "sage"))))
"""


def test_after_warming_a_chart_imports_nothing():
    """Twenty first sessions drawing charts at once queued on the import lock for Plotly's lazily imported
    property classes: the warm-up imports them before any session exists."""
    done = subprocess.run(
        [sys.executable, "-c", CHART_AFTER_WARMING], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "NEW []" in done.stdout, done.stdout


@pytest.mark.parametrize("address", [None, "0.0.0.0"])
def test_no_auth_on_a_reachable_address_does_not_start(tmp_path, demo_copy_db, address):
    options = ("--server.address", address) if address else ()
    done = _start(tmp_path, demo_copy_db, *options)
    assert done.returncode == 2
    assert "SERVING" not in done.stdout
    assert "[auth]" in done.stderr and "0.0.0.0" in done.stderr
    assert "SMQSE ne démarre pas" in done.stderr and "SMQSE will not start" in done.stderr


def test_an_unparsable_secrets_file_does_not_start_even_in_explicit_demo_mode(tmp_path, demo_copy_db):
    broken = AUTH_TOML.replace('client_id = "smqse"', "client_id = smqse")
    done = _start(tmp_path, demo_copy_db, "--server.address", "127.0.0.1", secrets=broken, SMQSE_DEMO="1")
    assert done.returncode == 2 and "SERVING" not in done.stdout
    assert str(tmp_path / "secrets.toml") in done.stderr


def test_an_incomplete_auth_section_does_not_start(tmp_path, demo_copy_db):
    incomplete = AUTH_TOML.replace('cookie_secret = "0123456789abcdef0123456789abcdef"\n', "")
    done = _start(tmp_path, demo_copy_db, "--server.address", "127.0.0.1", secrets=incomplete)
    assert done.returncode == 2 and "SERVING" not in done.stdout
    assert "cookie_secret" in done.stderr


def test_a_missing_database_does_not_start_and_is_not_replaced(tmp_path):
    missing = tmp_path / "deleted.duckdb"
    done = _start(tmp_path, missing, "--server.address", "127.0.0.1", secrets=AUTH_TOML)
    assert done.returncode == 2 and "SERVING" not in done.stdout
    assert str(missing) in done.stderr
    assert not missing.exists()


def test_a_real_database_without_auth_does_not_start_on_loopback(tmp_path, demo_copy_db):
    con = db.connect(demo_copy_db)
    con.execute("DELETE FROM database_setting")
    con.close()
    done = _start(tmp_path, demo_copy_db, "--server.address", "127.0.0.1")
    assert done.returncode == 2 and "SMQSE_DEMO=1" in done.stderr


def test_make_run_listens_on_loopback_unless_told_otherwise():
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make on this machine")
    dry = subprocess.run([make, "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    serve_line = next(line for line in dry.stdout.splitlines() if "smqse.ui.serve" in line)
    assert "--server.address 127.0.0.1" in serve_line
    dry = subprocess.run([make, "-n", "run", "ADDRESS=0.0.0.0"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)  # fmt: skip
    assert "--server.address 0.0.0.0" in dry.stdout


def test_frame_protection_keeps_an_existing_policy():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-security-policy", b"default-src 'self'")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})

    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(serve.FrameProtection(app)({"type": "http"}, None, send))
    headers = dict(sent[0]["headers"])
    assert headers[b"content-security-policy"] == b"default-src 'self'; frame-ancestors 'self'"
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"


def test_every_response_forbids_framing_by_other_sites(tmp_path, demo_copy_db):
    env = {"SMQSE_DB": str(demo_copy_db), "SMQSE_DEMO": "1"}
    with running_app(tmp_path, env, "--secrets.files", str(tmp_path / "none.toml")) as url:
        for path in ("/", "/_stcore/health", "/my-indicators"):
            with urllib.request.urlopen(url + path, timeout=30) as response:
                assert response.status == 200
                assert response.headers["X-Frame-Options"] == "SAMEORIGIN", path
                assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'", path
