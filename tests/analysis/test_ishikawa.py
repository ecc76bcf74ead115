"""Ishikawa analysis on small hand-built cause trees: depth and levels, problems reported (orphans, cycles,
category mismatches), weights rolled up the tree, the 5-whys chain, seven branches always, label wrapping;
and the chart builders on the same trees (every branch drawn, empty branches say so, the text twin)."""

from __future__ import annotations

import polars as pl
import pytest

from smqse.analysis import ishikawa as ik
from smqse.charts import figure_alt, figure_takeaway
from smqse.charts import ishikawa as charts
from smqse.words import ishikawa as words


def _causes(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema=["cause_id", "parent_id", "category", "label_fr", "label_en"],
        orient="row",
    )


TREE = _causes(
    [
        ("MO", None, "manpower", "Main-d'œuvre", "Manpower"),
        ("MO-1", "MO", "manpower", "Compétence", "Competence"),
        ("MO-1a", "MO-1", "manpower", "Formation", "Training"),
        ("MO-1b", "MO-1", "manpower", "Accueil", "Induction"),
        ("MO-1a-i", "MO-1a", "manpower", "Plan de formation", "Training plan"),
        ("MO-2", "MO", "manpower", "Vigilance", "Attention"),
        ("ME", None, "method", "Méthodes", "Methods"),
        ("ME-1", "ME", "method", "Instruction", "Instruction"),
        ("ME-1a", "ME-1", "method", "Instruction périmée", "Outdated instruction"),
        ("MS", None, "measurement", "Mesure", "Measurement"),
        ("MS-1", "MS", "measurement", "Étalonnage", "Calibration"),
    ]
)


def _events(cause_costs: list[tuple[str | None, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "event_id": [f"E{i}" for i in range(len(cause_costs))],
            "cause_id": [c for c, _ in cause_costs],
            "cost": [v for _, v in cause_costs],
            "event_type": ["nonconformity"] * len(cause_costs),
        },
        schema={"event_id": pl.String, "cause_id": pl.String, "cost": pl.Float64, "event_type": pl.String},
    )


EVENTS = _events(
    [
        ("MO-1a-i", 100.0),
        ("MO-1a", 50.0),
        ("MO-1a", 50.0),
        ("MO-1b", 10.0),
        ("MO-2", 1000.0),
        ("ME-1a", 5.0),
        ("ME-1a", 5.0),
        ("ME-1a", 5.0),
        ("ME-1a", 5.0),
        ("ME-1", 0.0),
        (None, 7.0),
        ("UNKNOWN", 3.0),
    ]
)


def test_tree_depth_levels_and_paths():
    tree = ik.compute_tree(TREE)
    assert tree.problems == ()
    assert tree.nodes["MO"].depth == 0 and tree.nodes["MO"].level == 0
    assert tree.nodes["MO-1"].level == 1
    assert tree.nodes["MO-1a"].level == 2
    assert tree.nodes["MO-1a-i"].depth == 3
    assert tree.nodes["MO-1a-i"].path == ("MO", "MO-1", "MO-1a", "MO-1a-i")
    assert tree.children["MO-1"] == ("MO-1a", "MO-1b")
    assert tree.nodes["MS-1"].branch == "measurement"
    assert set(tree.descendants("MO-1")) == {"MO-1a", "MO-1b", "MO-1a-i"}
    frame = tree.to_frame()
    assert frame.height == TREE.height and {"depth", "level", "branch"} <= set(frame.columns)


def test_a_childless_root_is_a_cause_not_a_heading():
    tree = ik.compute_tree(_causes([("X", None, "milieu", "Bruit", "Noise")]))
    assert tree.nodes["X"].level == 1
    assert ik.top_level_causes(tree, "milieu") == ["X"]


def test_orphans_are_reported_and_kept_on_their_branch():
    rows = TREE.vstack(_causes([("MT-9", "NOWHERE", "material", "Matière douteuse", "Dubious material")]))
    tree = ik.compute_tree(rows)
    assert [(p.kind, p.cause_id, p.detail) for p in tree.problems] == [("orphan", "MT-9", "NOWHERE")]
    assert tree.nodes["MT-9"].branch == "material" and tree.nodes["MT-9"].level == 1
    fish = ik.compute_fishbone(tree, ik.compute_weights(tree, _events([("MT-9", 1.0)])))
    material = fish.branches[ik.BRANCHES.index("material")]
    assert material.count == 1 and material.causes[0].cause_id == "MT-9"


def test_cycles_are_broken_and_reported_without_hanging():
    rows = _causes(
        [
            ("A", "C", "machine", "A", "A"),
            ("B", "A", "machine", "B", "B"),
            ("C", "B", "machine", "C", "C"),
            ("D", "C", "machine", "D", "D"),
            ("S", "S", "machine", "Self", "Self"),
        ]
    )
    tree = ik.compute_tree(rows)
    kinds = {(p.kind, p.cause_id) for p in tree.problems}
    assert ("cycle", "A") in kinds and ("cycle", "S") in kinds
    assert tree.nodes["A"].parent_id is None
    assert tree.nodes["D"].path == ("A", "B", "C", "D")
    weights = ik.compute_weights(tree, _events([("D", 1.0), ("S", 2.0)]))
    assert weights.count["A"] == 1 and weights.count["S"] == 1


def test_category_mismatch_is_reported_and_placed_by_the_tree():
    rows = TREE.vstack(_causes([("ME-1b", "ME-1", "machine", "Machine", "Machine")]))
    tree = ik.compute_tree(rows)
    assert [(p.kind, p.cause_id) for p in tree.problems] == [("category_mismatch", "ME-1b")]
    assert tree.nodes["ME-1b"].branch == "method"


def test_weights_roll_up_the_tree():
    tree = ik.compute_tree(TREE)
    w = ik.compute_weights(tree, EVENTS)
    assert w.own_count["MO-1a"] == 2
    assert w.count["MO-1a"] == 3  # its own two and its sub-cause's one
    assert w.count["MO-1"] == 4
    assert w.count["MO"] == 5
    assert w.cost["MO-1"] == pytest.approx(210.0)
    assert w.count["ME-1"] == 5 and w.own_count["ME-1"] == 1
    assert w.total_count == 12 and w.unassigned_count == 2 and w.unassigned_cost == pytest.approx(10.0)
    assert w.of("MO", "cost") == pytest.approx(1210.0)


def test_five_whys_chain_goes_down_from_the_branch_then_the_heaviest_path():
    tree = ik.compute_tree(TREE)
    w = ik.compute_weights(tree, EVENTS)
    chain = ik.compute_why_chain(tree, w, "MO-1")
    assert [(s.cause_id, s.role) for s in chain] == [
        ("MO-1", "selected"),
        ("MO-1a", "deeper"),
        ("MO-1a-i", "deeper"),
    ]
    chain = ik.compute_why_chain(tree, w, "MO-1a")
    assert [s.cause_id for s in chain] == ["MO-1", "MO-1a", "MO-1a-i"]
    assert chain[0].role == "ancestor" and chain[0].count == 4
    assert ik.compute_why_chain(tree, w, "nope") == []
    # From a branch, by count or by cost (the costly path differs).
    assert ik.heaviest_path(tree, w, "manpower", "count") == ["MO-1", "MO-1a", "MO-1a-i"]
    assert ik.heaviest_path(tree, w, "manpower", "cost") == ["MO-2"]
    assert ik.heaviest_path(tree, w, "milieu") == []


def test_all_seven_branches_in_order_even_when_empty():
    tree = ik.compute_tree(TREE)
    fish = ik.compute_fishbone(tree, ik.compute_weights(tree, EVENTS))
    assert [b.category for b in fish.branches] == list(ik.BRANCHES)
    assert len(ik.BRANCHES) == 7
    by = {b.category: b for b in fish.branches}
    assert by["milieu"].is_empty and by["measurement"].is_empty and by["material"].is_empty
    assert by["manpower"].count == 5 and by["method"].count == 5
    assert [c.cause_id for c in by["manpower"].causes] == ["MO-1", "MO-2"]
    assert [s.cause_id for s in by["manpower"].causes[0].sub_causes] == ["MO-1a", "MO-1b"]
    assert fish.total_count == 12 and fish.caused_total == 10
    # Nothing at all: still seven empty branches.
    empty = ik.compute_fishbone(tree, ik.compute_weights(tree, _events([])))
    assert len(empty.branches) == 7 and all(b.is_empty for b in empty.branches)


def test_top_n_causes_and_the_others():
    rows = [("MI", None, "milieu", "Milieu", "Environment")]
    rows += [(f"MI-{i}", "MI", "milieu", f"Cause {i}", f"Cause {i}") for i in range(8)]
    tree = ik.compute_tree(_causes(rows))
    events = _events([(f"MI-{i}", 1.0) for i in range(8) for _ in range(i + 1)])
    fish = ik.compute_fishbone(tree, ik.compute_weights(tree, events), top_causes=5)
    milieu = fish.branches[ik.BRANCHES.index("milieu")]
    assert [c.cause_id for c in milieu.causes] == ["MI-7", "MI-6", "MI-5", "MI-4", "MI-3"]
    assert milieu.other_causes == 3 and milieu.other_count == 1 + 2 + 3
    assert milieu.count == sum(range(1, 9))


def test_measure_cost_ranks_by_cost():
    tree = ik.compute_tree(TREE)
    fish = ik.compute_fishbone(tree, ik.compute_weights(tree, EVENTS), "cost")
    manpower = fish.branches[0]
    assert [c.cause_id for c in manpower.causes] == ["MO-2", "MO-1"]
    with pytest.raises(ValueError):
        ik.compute_fishbone(tree, ik.compute_weights(tree, EVENTS), "severity")


def test_ranked_causes_and_events_of_a_cause():
    tree = ik.compute_tree(TREE)
    w = ik.compute_weights(tree, EVENTS)
    ranked = ik.ranked_causes(tree, w)
    assert ranked[0] in ("MO-1", "ME-1")  # tie (5 and 4+…): heaviest first
    assert "MO" not in ranked and "MS-1" not in ranked
    assert set(ik.events_of(tree, EVENTS, "MO-1a")["event_id"]) == {"E0", "E1", "E2"}


def test_label_wrapping():
    text = "Traitement de surface sous-traité non conforme au cahier des charges"
    wrapped = ik.wrap_label(text)
    assert all(len(line) <= ik.WRAP_WIDTH for line in wrapped.split("<br>"))
    assert wrapped.replace("<br>", " ") == text
    assert ik.wrap_label("Court") == "Court"
    assert ik.wrap_label("x" * 60, 28).split("<br>") == ["x" * 28, "x" * 28, "x" * 4]
    assert ik.wrap_label("") == ""


# --- the chart builders on the same trees -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fishbone_figure_text_twin_and_table(lang):
    tree = ik.compute_tree(TREE)
    fish = ik.compute_fishbone(tree, ik.compute_weights(tree, EVENTS))
    fig = charts.build_fishbone(fish, "Effet", lang)
    texts = " ".join(a.text for a in fig.layout.annotations)
    for branch in ik.BRANCHES:
        assert words.branch_name(branch, lang) in texts
    empty_words = "aucune cause relevée" if lang == "fr" else "no cause recorded"
    assert texts.count(empty_words) == 5  # machine, material, milieu, measurement, management
    assert figure_takeaway(fig) and figure_alt(fig)
    assert words.branch_name("manpower", lang) in figure_alt(fig)
    # Heavier causes get a thicker rib.
    widths = sorted(s.line.width for s in fig.layout.shapes if s.type == "line")
    assert widths[0] < widths[-2]
    text = words.build_fishbone_text(fish, "Effet", "2026", lang)
    for branch in ik.BRANCHES:
        assert f"**{words.branch_name(branch, lang)}**" in text
    assert text.count(empty_words) == 5
    table = words.build_fishbone_table(fish, lang)
    assert table.filter(pl.col("cause") == "")["count"].sum() == fish.caused_total


def test_the_diagram_and_its_text_twin_say_what_a_branch_holds_beyond_its_causes():
    rows = [("MI", None, "milieu", "Milieu", "Environment")]
    rows += [(f"MI-{i}", "MI", "milieu", f"Cause {i}", f"Cause {i}") for i in range(8)]
    tree = ik.compute_tree(_causes(rows))
    # Cause i has i + 1 events of 100 €; two events are recorded on the branch heading itself (5 € each).
    costs = [(f"MI-{i}", 100.0) for i in range(8) for _ in range(i + 1)] + [("MI", 5.0), ("MI", 5.0)]
    weights = ik.compute_weights(tree, _events(costs))
    by_count = ik.compute_fishbone(tree, weights, "count", top_causes=5)
    notes = [a.text for a in charts.build_fishbone(by_count, "Effect", "en").layout.annotations]
    assert "<i>+ 3 other causes — 6</i><br><i>not specified: 2</i>" in notes
    text = words.build_fishbone_text(by_count, "Effect", "2026", "en")
    assert "    - + 3 other causes — 6 · €600\n    - not specified: 2 · €10" in text
    by_cost = ik.compute_fishbone(tree, weights, "cost", top_causes=5)
    notes = [a.text for a in charts.build_fishbone(by_cost, "Effect", "en").layout.annotations]
    assert "<i>+ 3 other causes — €600</i><br><i>not specified: €10</i>" in notes
    text = words.build_fishbone_text(by_cost, "Effect", "2026", "en")
    assert "    - + 3 other causes — €600 (6)\n    - not specified: €10 (2)" in text


def test_english_branch_names_are_english():
    assert [words.branch_name(b, "en") for b in ik.BRANCHES] == [
        "Manpower",
        "Methods",
        "Machines",
        "Materials",
        "Environment",
        "Measurement",
        "Management",
    ]
    assert words.branch_name("manpower", "fr") == "Main-d'œuvre"


def test_a_tree_with_problems_is_described_not_fatal():
    rows = TREE.vstack(_causes([("Z", "GONE", "milieu", "Z", "Z")]))
    tree = ik.compute_tree(rows)
    fish = ik.compute_fishbone(tree, ik.compute_weights(tree, EVENTS))
    sentence = words.describe_problems(fish, "en")
    assert sentence and "GONE" in sentence
    charts.build_fishbone(fish, "Effect", "en")
