"""Plural forms (issue 16: "1 actions"): one action is "1 action" in both languages, and 0 is singular in
French."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import polars as pl

from smqse.aggregation_notes import describe_aggregation_notes
from smqse.analysis import kpi
from smqse.i18n import LANGUAGES, read_catalogue, tn
from smqse.ingest.core import ImportResult
from smqse.notify.command import _report
from smqse.notify.run import RunResult
from smqse.review.items import attainment_line
from smqse.review.pieces import indicator_summary
from smqse.views.data import check_summary, import_summary
from smqse.views.entry import saved_summary
from smqse.words.actions import gantt_alt, gantt_takeaway
from smqse.words.causes import effect_takeaway
from smqse.words.scorecard import attainment_alt


def test_the_plural_rule_of_each_language():
    assert tn("words.actions", 1, "fr") == "1 action"
    assert tn("words.actions", 0, "fr") == "0 action"
    assert tn("words.actions", 0, "en") == "0 actions"
    assert tn("words.actions", 3, "fr") == "3 actions"


def one_action() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "action_id": ["A-1"], "opened_on": [date(2026, 1, 5)], "due_on": [date(2026, 3, 1)],
            "closed_on": [None], "progress_pct": [50.0], "overdue": [False], "open_at_as_of": [True],
            "days_late": [0], "status": ["in_progress"], "title": ["Former"],
        },
        schema_overrides={"closed_on": pl.Date},
    )  # fmt: skip


def test_one_action_on_the_gantt_is_one_action():
    for lang in ("fr", "en"):
        text = gantt_takeaway(one_action(), date(2026, 2, 1), lang) + gantt_alt(
            one_action(), date(2026, 2, 1), lang
        )
        assert "1 actions" not in text and "1 action " in text, text


def test_one_judged_action_is_one_action():
    actions = pl.DataFrame({"verdict": ["stopped", "too_early"]})
    assert effect_takeaway(actions, "fr").startswith("Sur 1 action close ")
    assert effect_takeaway(actions, "en").startswith("Of 1 action closed ")


# --- no "(s)" left: every count agrees with its noun (issue 16, item 3) ----------------------------------

# "valeur(s)", "objectif(s)", "environnemental(aux)", "value(s)"; "http(s)://" is a scheme, not a plural.
HEDGED_PLURAL = re.compile(r"(?<!http)\((s|es|x|aux)\)")


def test_no_message_hedges_its_plural_with_parentheses():
    hedged = []
    for lang in LANGUAGES:
        for message in read_catalogue(lang):
            forms = message.string if message.pluralizable else (message.string,)
            hedged += [f"{lang} {message.id}: {f}" for f in forms if message.id and HEDGED_PLURAL.search(f)]
    assert hedged == []
    assert HEDGED_PLURAL.search("1 valeur(s)") and HEDGED_PLURAL.search("incident(s) environnemental(aux)")
    assert not HEDGED_PLURAL.search("une adresse http(s)://… de l'application")


def _import_result(rows: int, new: int, versions: int) -> ImportResult:
    return ImportResult("measurements", "m.csv", "0" * 64, rows, [], new_rows=new, new_versions=versions)


def test_entry_saved_says_one_value_or_values():
    assert saved_summary(_import_result(1, 1, 0), "fr") == "1 valeur enregistrée (1 nouvelle, 0 correction)."
    assert (
        saved_summary(_import_result(2, 0, 2), "fr") == "2 valeurs enregistrées (0 nouvelle, 2 corrections)."
    )
    assert saved_summary(_import_result(1, 0, 1), "en") == "1 value saved (0 new, 1 correction)."
    assert saved_summary(_import_result(2, 2, 0), "en") == "2 values saved (2 new, 0 corrections)."


def test_file_check_and_import_say_one_row_or_rows():
    one, two = _import_result(1, 1, 0), _import_result(2, 1, 1)
    assert (
        check_summary(one, "fr") == "Fichier valide : 1 ligne — 1 nouvelle, 0 nouvelle version, 0 inchangée."
    )
    assert check_summary(two, "en") == "Valid file: 2 rows — 1 new, 1 new version, 0 unchanged."
    assert import_summary(replace(two, import_id=7), "fr") == (
        "Import n° 7 enregistré : 2 lignes (1 nouvelle, 1 nouvelle version)."
    )
    assert (
        import_summary(replace(one, import_id=7), "en")
        == "Import #7 recorded: 1 row (1 new, 0 new versions)."
    )


def test_review_domain_line_and_indicator_summary():
    assert attainment_line("Qualité", {"met": 1, "at_risk": 0, "missed": 2}, "fr") == (
        "Qualité\u00a0: 1 atteint, 0 à surveiller, 2 non atteints."
    )
    assert attainment_line("Quality", {"met": 2, "at_risk": 1, "missed": 1}, "en") == (
        "Quality: 2 met, 1 at risk, 1 missed."
    )
    one = pl.DataFrame({"status": ["met"], "signal": [True], "signal_favourable": [False]})
    two = pl.DataFrame(
        {"status": ["met", "missed"], "signal": [True, True], "signal_favourable": [False, None]}
    )
    assert indicator_summary(one, "fr") == (
        "1 indicateur\u00a0: 1 objectif atteint, 0 non atteint, 1 signal défavorable sur la carte de comportement."
    )
    assert indicator_summary(two, "fr") == (
        "2 indicateurs\u00a0: 1 objectif atteint, 1 non atteint, 2 signaux défavorables sur la carte de comportement."
    )
    assert indicator_summary(one, "en") == (
        "1 indicator: 1 objective met, 0 missed, 1 unfavourable signal on the process behaviour chart."
    )
    assert indicator_summary(two, "en").startswith(
        "2 indicators: 1 objective met, 1 missed, 2 unfavourable signals"
    )


def _outgoing(user: str, items: int) -> SimpleNamespace:
    """What the run's report reads of an outgoing message: its recipient and its items."""
    return SimpleNamespace(recipient=SimpleNamespace(user_id=user), items=[("actions_due", "A")] * items)


def _report_of(result: RunResult, lang: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    _report(result, date(2026, 12, 3), lang, out, err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_notify_summary_says_one_message_or_messages():
    assert _report_of(RunResult(sent=[_outgoing("u-a", 1)]), "fr")[0] == (
        "3 décembre 2026 : 1 message envoyé, 1 élément ; rien d'autre à envoyer"
    )
    assert _report_of(RunResult(sent=[_outgoing("u-a", 1), _outgoing("u-b", 2)]), "fr")[0] == (
        "3 décembre 2026 : 2 messages envoyés, 3 éléments ; rien d'autre à envoyer"
    )
    assert _report_of(RunResult(sent=[_outgoing("u-a", 1)]), "en")[0] == (
        "3 December 2026: 1 message sent, 1 item; nothing else to send"
    )
    failed = RunResult(sent=[_outgoing("u-a", 1)], unsent=[_outgoing("u-b", 1)], error="SMTP 550")
    assert _report_of(failed, "fr")[1].startswith(
        "smqse: notify: 1 message sur 2 non envoyé (u-b) : SMTP 550"
    )
    failed.unsent.append(_outgoing("u-c", 1))
    assert _report_of(failed, "fr")[1].startswith("smqse: notify: 2 messages sur 3 non envoyés (u-b et u-c)")


def test_ratio_left_out_note_says_one_value_or_values():
    indicators = pl.DataFrame({"indicator_id": ["Q-FPY"], "name_fr": ["Rendement"], "name_en": ["Yield"]})
    for count, fr, en in (
        (
            1,
            "1 valeur sans dénominateur non comptée (sites LYON)",
            "1 value without a denominator not counted",
        ),
        (
            2,
            "2 valeurs sans dénominateur non comptées (sites LYON)",
            "2 values without a denominator not counted",
        ),
    ):
        left_out = pl.DataFrame(
            {"indicator_id": ["Q-FPY"], "left_out_count": [count], "left_out_sites": [["LYON"]]},
            schema=kpi.LEFT_OUT_SCHEMA,
        )
        assert fr in describe_aggregation_notes(indicators, left_out, "fr")[0].text
        assert en in describe_aggregation_notes(indicators, left_out, "en")[0].text


def test_attainment_alt_text_counts_one_indicator_in_the_singular():
    frame = pl.DataFrame(
        {"group_id": ["Q", "S"], "share_met": [0.5, 0.25], "met": [1, 2], "at_risk": [0, 1], "missed": [1, 3],
         "no_objective": [0, 1], "no_data": [0, 0]}
    )  # fmt: skip
    french = attainment_alt(frame, "domain", "fr")
    assert "Qualité : 1 atteint et 1 non atteint;" in french  # was "1 atteints et 1 non atteints"
    assert "2 atteints, 1 à surveiller, 3 non atteints et 1 sans objectif" in french
    assert "Quality: 1 met and 1 missed;" in attainment_alt(frame, "domain", "en")
