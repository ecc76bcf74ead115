"""`python -m smqse notify` against a real SMTP server (aiosmtpd on 127.0.0.1): what each demo user receives on
a chosen day, idempotence, failures that lose nothing, opt-outs, dry run and settings."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest

from smqse.notify.command import notify
from smqse.reminders import compute_digest, compute_reminders
from tests.notify_smtp import Handler, SmtpServer, free_port, self_signed_certificate

ON = date(2026, 12, 3)  # November's values are owed (due 10 December); the scorecard month is October
NOBODY_ELSE = Path("/nonexistent/secrets.toml")  # the tests never read the checkout's .streamlit/secrets.toml
# Every demo user but the viewer (Patrick Morel, CSE) has something on that day.
RECIPIENTS = {
    "u-amc": "thomas.garnier@durand-industrie.example",
    "u-be": "julien.fabre@durand-industrie.example",
    "u-com": "sophie.mercier@durand-industrie.example",
    "u-daf": "nathalie.roux@durand-industrie.example",
    "u-dg": "claire.durand@durand-industrie.example",
    "u-hse": "sandrine.faure@durand-industrie.example",
    "u-mai": "franck.girard@durand-industrie.example",
    "u-prod": "marc.lambert@durand-industrie.example",
    "u-qse": "karim.benali@durand-industrie.example",
    "u-rh": "elodie.marchand@durand-industrie.example",
    "u-scm": "isabelle.chevalier@durand-industrie.example",
}
BY_ADDRESS = {email: user for user, email in RECIPIENTS.items()}


def run(con, environ: dict[str, str], *, dry: bool = False, on: date = ON, secrets: Path = NOBODY_ELSE):
    out, err = io.StringIO(), io.StringIO()
    code = notify(con, on, "en", dry=dry, environ=environ, secrets_file=secrets, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def recorded(con) -> list[tuple]:
    cur = con.cursor()
    try:
        return cur.execute("SELECT user_id, kind, item_key FROM notification ORDER BY ALL").fetchall()
    finally:
        cur.close()


def by_user(server: SmtpServer) -> dict[str, object]:
    found = {}
    for received in server.received:
        (address,) = received.rcpt_tos
        user = BY_ADDRESS[address]
        assert user not in found, f"{user} received two messages in one run"
        found[user] = received.message
    return found


def parts(message) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return plain, html


def test_each_demo_user_receives_their_items_in_their_language(demo_write_con):
    con = demo_write_con
    expected = {user: compute_reminders(con, user, ON) for user in RECIPIENTS}
    digests = {user: compute_digest(con, user, ON) for user in RECIPIENTS}
    with SmtpServer() as server:
        code, out, err = run(con, server.environ())
    assert (code, err) == (0, "")
    messages = by_user(server)
    assert set(messages) == set(RECIPIENTS)  # the viewer receives nothing
    for user, message in messages.items():
        assert message["To"].addresses[0].addr_spec == RECIPIENTS[user]
        assert message["From"] == "SMQSE <smqse@durand-industrie.example>"
        plain, html = parts(message)
        for reminder in expected[user]:
            shown = reminder.action_id or reminder.objective_id or reminder.indicator_id
            assert shown in plain and shown in html, (user, reminder)
        assert ("Monthly digest" in plain or "Synthèse mensuelle" in plain) == (digests[user] is not None)
        assert "https://smqse.durand-industrie.example/" in plain
        assert 'href="https://smqse.durand-industrie.example/' in html
    # Languages: the two English-speaking pilots in English, everyone else in French.
    english = {u for u, m in messages.items() if m["Content-Language"] == "en"}
    assert english == {"u-com", "u-scm"}
    assert messages["u-scm"]["Subject"] == "SMQSE — 7 items to act on, 3 December 2026"
    scm_plain, scm_html = parts(messages["u-scm"])
    assert "Values to enter" in scm_plain and "Your actions falling due" in scm_plain
    assert '<html lang="en">' in scm_html and '<th scope="col">Indicator</th>' in scm_html
    assert "November 2026: 6 values due on 10 December 2026, due in 7 days" in scm_plain
    assert "ACT-000029" in scm_plain and "64 days overdue" in scm_plain
    assert messages["u-dg"]["Subject"] == "SMQSE — synthèse mensuelle (octobre 2026), 3 décembre 2026"
    qse_plain, qse_html = parts(messages["u-qse"])
    assert "Actions en retard de plus de 30 jours" in qse_plain
    assert "<h2>Synthèse mensuelle : octobre 2026</h2>" in qse_html
    assert "dashboard?as_of=2026-10&amp;lang=fr" in qse_html  # the view, its month in the URL
    # Every item of every message is recorded, once.
    items = sum(len(expected[u]) + (digests[u] is not None) for u in RECIPIENTS)
    assert len(recorded(con)) == items
    assert f"{len(RECIPIENTS)} messages sent, {items} items" in out


def test_a_second_run_the_same_day_sends_nothing(demo_write_con):
    with SmtpServer() as server:
        assert run(demo_write_con, server.environ())[0] == 0
        first = len(server.received)
        code, out, err = run(demo_write_con, server.environ())
    assert first == len(RECIPIENTS)
    assert (code, err) == (0, "")
    assert len(server.received) == first
    assert "0 messages sent" in out


def test_a_refused_connection_loses_nothing_and_the_next_run_sends_all(demo_write_con):
    closed = {
        "SMQSE_SMTP_HOST": "127.0.0.1",
        "SMQSE_SMTP_PORT": str(free_port()),  # nothing listens there
        "SMQSE_SMTP_SENDER": "smqse@durand-industrie.example",
        "SMQSE_SMTP_TLS": "none",
    }
    code, out, err = run(demo_write_con, closed)
    assert code == 1
    assert err.startswith("smqse: notify: 11 of 11 messages not sent")
    assert "left to the next run" in err and err.count("\n") == 1
    assert recorded(demo_write_con) == []
    with SmtpServer() as server:
        assert run(demo_write_con, server.environ())[0] == 0
    assert set(by_user(server)) == set(RECIPIENTS)


def test_a_connection_dropped_mid_run_loses_nothing(demo_write_con):
    with SmtpServer(Handler(drop_after=3)) as server:
        code, _, err = run(demo_write_con, server.environ())
        first = by_user(server)
    assert code == 1 and "8 of 11 messages not sent" in err
    assert len(first) == 3
    assert {user for user, *_ in recorded(demo_write_con)} == set(first)
    with SmtpServer() as server:
        code, _, err = run(demo_write_con, server.environ())
        second = by_user(server)
    assert (code, err) == (0, "")
    assert set(first) | set(second) == set(RECIPIENTS) and not set(first) & set(second)


def test_a_refused_recipient_is_left_to_the_next_run_and_the_others_are_sent(demo_write_con):
    refused = RECIPIENTS["u-hse"]
    with SmtpServer(Handler(refuse_rcpt={refused})) as server:
        code, _, err = run(demo_write_con, server.environ())
    assert code == 1 and "1 of 11 messages not sent (u-hse): SMTP 550" in err
    assert set(by_user(server)) == set(RECIPIENTS) - {"u-hse"}
    assert "u-hse" not in {user for user, *_ in recorded(demo_write_con)}
    with SmtpServer() as server:
        assert run(demo_write_con, server.environ())[0] == 0
    assert set(by_user(server)) == {"u-hse"}


def test_a_server_that_stops_answering_times_out_and_loses_nothing(demo_write_con):
    with SmtpServer(Handler(stall_after=1, stall_seconds=3)) as server:
        code, _, err = run(demo_write_con, server.environ(SMQSE_SMTP_TIMEOUT="0.5"))
    assert code == 1 and "10 of 11 messages not sent" in err and "timed out" in err
    assert len({user for user, *_ in recorded(demo_write_con)}) == 1


def test_opt_outs_are_respected_per_kind(demo_write_con):
    con = demo_write_con
    at = datetime(2026, 12, 1, 8, 0)
    con.execute(
        "INSERT INTO notification_optout VALUES ('u-dg', 'monthly_digest', ?), ('u-hse', 'actions_due', ?)",
        [at, at],
    )
    with SmtpServer() as server:
        assert run(con, server.environ())[0] == 0
    messages = by_user(server)
    assert "u-dg" not in messages  # the director's only item was the digest
    plain, _ = parts(messages["u-hse"])
    assert "Valeurs à saisir" in plain and "Vos actions à échéance" not in plain and "ACT-" not in plain
    assert not [
        row for row in recorded(con) if row[:2] in {("u-dg", "monthly_digest"), ("u-hse", "actions_due")}
    ]


def test_a_dry_run_sends_nothing_and_writes_nothing_even_without_settings(demo_write_con):
    with SmtpServer() as server:
        code, out, err = run(demo_write_con, {}, dry=True)
    assert (code, err) == (0, "")
    assert server.received == [] and recorded(demo_write_con) == []
    assert "u-scm <isabelle.chevalier@durand-industrie.example> (en) would receive" in out
    assert "  - actions_due: ACT-000029|2026-09-30|late-w9" in out
    assert "u-cse" not in out
    assert out.rstrip().endswith("11 messages to send (dry run: nothing sent or recorded)")


def test_missing_settings_are_named(demo_write_con):
    code, out, err = run(demo_write_con, {"SMQSE_SMTP_PORT": "2525"})
    assert code == 1 and out == ""
    assert err == (
        "smqse: notify: SMTP settings missing: SMQSE_SMTP_HOST, SMQSE_SMTP_SENDER (in the environment or "
        ".streamlit/secrets.toml); --dry-run works without them\n"
    )
    assert recorded(demo_write_con) == []


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"SMQSE_SMTP_PORT": "25x"}, "SMQSE_SMTP_PORT"),
        ({"SMQSE_SMTP_PORT": "70000"}, "SMQSE_SMTP_PORT"),
        ({"SMQSE_SMTP_TLS": "yes"}, "SMQSE_SMTP_TLS"),
        ({"SMQSE_SMTP_SENDER": "not an address"}, "SMQSE_SMTP_SENDER"),
        ({"SMQSE_SMTP_USER": "smqse"}, "SMQSE_SMTP_PASSWORD"),
        ({"SMQSE_SMTP_USER": "smqse", "SMQSE_SMTP_PASSWORD": "s3cret"}, "SMQSE_SMTP_TLS"),  # in clear
        ({"SMQSE_SMTP_TIMEOUT": "0"}, "SMQSE_SMTP_TIMEOUT"),
        ({"SMQSE_BASE_URL": "smqse.example.org"}, "SMQSE_BASE_URL"),
    ],
)
def test_a_malformed_setting_fails_closed_even_in_a_dry_run(demo_write_con, extra, named):
    environ = {
        "SMQSE_SMTP_HOST": "127.0.0.1",
        "SMQSE_SMTP_SENDER": "smqse@durand-industrie.example",
        "SMQSE_SMTP_TLS": "none",
        **extra,
    }
    for dry in (False, True):
        code, out, err = run(demo_write_con, environ, dry=dry)
        assert code == 1 and out == "" and err.startswith(f"smqse: notify: setting {named} is invalid")
        assert "s3cret" not in err


def test_settings_are_read_from_the_secrets_file_and_the_environment_wins(demo_write_con, tmp_path):
    with SmtpServer() as server:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            f'SMQSE_SMTP_HOST = "127.0.0.1"\nSMQSE_SMTP_PORT = {server.port}\nSMQSE_SMTP_TLS = "none"\n'
            'SMQSE_SMTP_SENDER = "from-file@durand-industrie.example"\n',
            encoding="utf-8",
        )
        code, _, err = run(
            demo_write_con, {"SMQSE_SMTP_SENDER": "from-env@durand-industrie.example"}, secrets=secrets
        )
    assert (code, err) == (0, "")
    assert {r.mail_from for r in server.received} == {"from-env@durand-industrie.example"}


def test_an_unparsable_secrets_file_fails_closed(demo_write_con, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('SMQSE_SMTP_HOST = "unterminated\n', encoding="utf-8")
    code, _, err = run(demo_write_con, {}, dry=True, secrets=secrets)
    assert code == 1 and err.startswith(f"smqse: notify: {secrets} unreadable")


def test_user_text_is_escaped_in_the_html_part(demo_write_con):
    con = demo_write_con
    con.execute("UPDATE action SET title = '<script>alert(1)</script> & co' WHERE action_id = 'ACT-000029'")
    with SmtpServer() as server:
        assert run(con, server.environ())[0] == 0
    plain, html = parts(by_user(server)["u-scm"])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<script>alert(1)</script> & co" in plain


def test_a_user_without_an_address_is_said_and_not_recorded(demo_write_con):
    con = demo_write_con
    con.execute("UPDATE app_user SET email = NULL WHERE user_id = 'u-be'")
    with SmtpServer() as server:
        code, out, _ = run(con, server.environ())
    assert code == 0
    assert "u-be: 2 items not sent, no valid e-mail address" in out
    assert "u-be" not in by_user(server) and "u-be" not in {user for user, *_ in recorded(con)}


def test_the_command_line(demo_copy, tmp_path, monkeypatch, capsys):
    from smqse import cli

    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here
    monkeypatch.setenv("SMQSE_DB", str(demo_copy))  # main() sets it from --db: restored after the test
    for name in ("HOST", "PORT", "SENDER", "USER", "PASSWORD", "TLS", "TIMEOUT"):
        monkeypatch.delenv(f"SMQSE_SMTP_{name}", raising=False)
    assert cli.main(["--db", str(demo_copy), "notify", "--as-of", "2026-12-03", "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith("smqse: notify: SMTP settings missing: SMQSE_SMTP_HOST")
    assert cli.main(["notify", "--dry-run", "--as-of", "2026-12-03", "--db", str(demo_copy)]) == 0
    assert "11 messages à envoyer" in capsys.readouterr().out
    preview = tmp_path / "preview"
    assert (
        cli.main(["notify", "--preview", str(preview), "--as-of", "2026-12-03", "--db", str(demo_copy)]) == 0
    )
    assert len(list(preview.glob("*.html"))) == len(list(preview.glob("*.txt"))) == 11
    assert '<html lang="en">' in (preview / "u-scm.html").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        cli.main(["notify", "--as-of", "2026-12-32", "--db", str(demo_copy)])


def test_starttls_and_sign_in(demo_write_con, tmp_path, monkeypatch):
    """The default: STARTTLS, the server's certificate verified, then the sign-in (never in clear)."""
    cert, key = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this test certificate only
    with SmtpServer(tls=(cert, key), login=("smqse", "s3cret")) as server:
        environ = server.environ(SMQSE_SMTP_USER="smqse", SMQSE_SMTP_PASSWORD="s3cret")
        del environ["SMQSE_SMTP_TLS"]  # starttls by default
        code, _, err = run(demo_write_con, environ)
        assert (code, err) == (0, "")
        assert len(server.received) == len(RECIPIENTS) and server.logins == ["smqse"]
        demo_write_con.execute("DELETE FROM notification")
        # smtplib tries PLAIN (refused: 535), then LOGIN, which aiosmtpd leaves waiting: hence a short timeout.
        wrong = {**environ, "SMQSE_SMTP_PASSWORD": "wrong", "SMQSE_SMTP_TIMEOUT": "2"}
        code, _, err = run(demo_write_con, wrong)
    assert code == 1 and "11 of 11 messages not sent" in err
    assert "wrong" not in err and recorded(demo_write_con) == []
