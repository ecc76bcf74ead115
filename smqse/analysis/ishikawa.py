"""Ishikawa (cause-and-effect, 7M) analysis: the cause tree, its problems, event weights rolled up the tree,
the 5-whys chain of a cause and a layout-independent fishbone. Pure Python/Polars, no Streamlit.

The cause table is a forest: each 7M branch usually has a heading row (parent_id NULL, e.g. "Méthodes")
whose descendants are the causes (depth 1) and sub-causes (depth 2 and deeper). A tree that is not clean is
reported, not fatal:
- an *orphan* (parent_id not found) becomes a top-level cause of its own category's branch;
- a *cycle* is broken at its smallest cause_id, which becomes a top-level cause;
- a *category mismatch* (a child whose category differs from its root's) is placed where the tree puts it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from smqse.model import Cause7M

BRANCHES: tuple[str, ...] = tuple(c.value for c in Cause7M)  # the fixed 7M order
MEASURES: tuple[str, ...] = ("count", "cost")
TOP_CAUSES = 5  # causes drawn per branch; the rest are "and K others"
TOP_SUB_CAUSES = 3  # sub-causes listed under a cause
WRAP_WIDTH = 28


@dataclass(frozen=True)
class TreeProblem:
    kind: str  # orphan | cycle | category_mismatch | unknown_category | duplicate
    cause_id: str
    detail: str = ""


@dataclass(frozen=True)
class CauseNode:
    cause_id: str
    parent_id: str | None  # after repair (orphans and cycle breaks have none)
    category: str  # the category as recorded
    branch: str  # the 7M branch it is drawn on (its root's category)
    label_fr: str
    label_en: str
    depth: int  # 0 for roots
    level: int  # 0 = a branch heading, 1 = cause, 2 = sub-cause, 3+ deeper
    path: tuple[str, ...]  # root → … → this cause

    def label(self, lang: str) -> str:
        return (self.label_en if lang == "en" else self.label_fr) or self.label_fr or self.cause_id


@dataclass(frozen=True)
class CauseTree:
    nodes: dict[str, CauseNode]
    children: dict[str, tuple[str, ...]]
    problems: tuple[TreeProblem, ...] = ()

    def descendants(self, cause_id: str) -> list[str]:
        out, stack = [], list(self.children.get(cause_id, ()))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(self.children.get(node, ()))
        return out

    def to_frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            [
                {
                    "cause_id": n.cause_id,
                    "parent_id": n.parent_id,
                    "category": n.category,
                    "branch": n.branch,
                    "depth": n.depth,
                    "level": n.level,
                    "label_fr": n.label_fr,
                    "label_en": n.label_en,
                }
                for n in self.nodes.values()
            ],
            schema={
                "cause_id": pl.String,
                "parent_id": pl.String,
                "category": pl.String,
                "branch": pl.String,
                "depth": pl.Int64,
                "level": pl.Int64,
                "label_fr": pl.String,
                "label_en": pl.String,
            },
        )


def compute_tree(causes: pl.DataFrame) -> CauseTree:
    """The cause tree from rows (cause_id, parent_id, category, label_fr, label_en); problems reported."""
    problems: list[TreeProblem] = []
    rows: dict[str, dict] = {}
    for row in causes.iter_rows(named=True):
        cid = row["cause_id"]
        if cid is None:
            continue
        if cid in rows:
            problems.append(TreeProblem("duplicate", cid))
            continue
        rows[cid] = row
    parent: dict[str, str | None] = {}
    for cid, row in rows.items():
        pid = row.get("parent_id")
        if pid is not None and pid not in rows:
            problems.append(TreeProblem("orphan", cid, str(pid)))
            pid = None
        if pid == cid:
            problems.append(TreeProblem("cycle", cid, cid))
            pid = None
        parent[cid] = pid
    # Cycles: walk up from each cause; meeting a cause of the current walk closes a cycle.
    state: dict[str, int] = {}
    for start in rows:
        walk: list[str] = []
        node = start
        while node is not None and state.get(node, 0) == 0:
            state[node] = 1
            walk.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            cycle = walk[walk.index(node) :]
            breaker = min(cycle)
            problems.append(TreeProblem("cycle", breaker, " → ".join(cycle)))
            parent[breaker] = None
        for n in walk:
            state[n] = 2
    # A heading is a root recorded without a parent that has children.
    children: dict[str, list[str]] = {}
    for cid, pid in parent.items():
        if pid is not None:
            children.setdefault(pid, []).append(cid)
    headings = {c for c, r in rows.items() if r.get("parent_id") is None and children.get(c)}

    paths: dict[str, tuple[str, ...]] = {}

    def path_of(cid: str) -> tuple[str, ...]:
        chain = []
        node: str | None = cid
        while node is not None and node not in paths:
            chain.append(node)
            node = parent[node]
        prefix = paths[node] if node is not None else ()
        for n in reversed(chain):
            prefix = (*prefix, n)
            paths[n] = prefix
        return paths[cid]

    nodes: dict[str, CauseNode] = {}
    for cid, row in rows.items():
        path = path_of(cid)
        root = rows[path[0]]
        branch = root.get("category")
        if branch not in BRANCHES:
            problems.append(TreeProblem("unknown_category", cid, str(branch)))
            branch = BRANCHES[0] if row.get("category") not in BRANCHES else row["category"]
        if row.get("category") != root.get("category"):
            problems.append(TreeProblem("category_mismatch", cid, f"{row.get('category')} ≠ {branch}"))
        depth = len(path) - 1
        level = depth if path[0] in headings else depth + 1
        nodes[cid] = CauseNode(
            cause_id=cid,
            parent_id=parent[cid],
            category=row.get("category") or branch,
            branch=branch,
            label_fr=row.get("label_fr") or "",
            label_en=row.get("label_en") or "",
            depth=depth,
            level=level,
            path=path,
        )
    sorted_children = {k: tuple(sorted(v)) for k, v in children.items()}
    return CauseTree(nodes=nodes, children=sorted_children, problems=tuple(problems))


# --- weights ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """Events per cause: own (recorded on the cause) and rolled (the cause and all its descendants)."""

    own_count: dict[str, int]
    own_cost: dict[str, float]
    count: dict[str, int]
    cost: dict[str, float]
    total_count: int
    total_cost: float
    unassigned_count: int  # events without a cause, or with a cause not in the tree
    unassigned_cost: float

    def of(self, cause_id: str, measure: str) -> float:
        return float(self.cost.get(cause_id, 0.0)) if measure == "cost" else float(
            self.count.get(cause_id, 0)
        )  # fmt: skip


def compute_weights(tree: CauseTree, events: pl.DataFrame) -> Weights:
    """Count and cost per cause, rolled up the tree (a cause's weight = its own events + its descendants').

    `events` has a row per event (cause_id, cost), or per group of events with their number in an `events`
    column and their summed cost (the page's totals, added up in DuckDB: smqse.views.ishikawa.load_totals)."""
    own_count: dict[str, int] = {}
    own_cost: dict[str, float] = {}
    unassigned_count, unassigned_cost = 0, 0.0
    total_count, total_cost = 0, 0.0
    if len(events):
        costs = events["cost"] if "cost" in events.columns else pl.Series([0.0] * len(events))
        counts = events["events"].to_list() if "events" in events.columns else [1] * len(events)
        rows = zip(events["cause_id"].to_list(), costs.fill_null(0.0).to_list(), counts, strict=True)
        for cid, cost, n in rows:
            cost = float(cost or 0.0)
            total_count += n
            total_cost += cost
            if cid is None or cid not in tree.nodes:
                unassigned_count += n
                unassigned_cost += cost
                continue
            own_count[cid] = own_count.get(cid, 0) + n
            own_cost[cid] = own_cost.get(cid, 0.0) + cost
    count: dict[str, int] = {}
    cost_total: dict[str, float] = {}
    for cid in own_count:
        for ancestor in tree.nodes[cid].path:
            count[ancestor] = count.get(ancestor, 0) + own_count[cid]
            cost_total[ancestor] = cost_total.get(ancestor, 0.0) + own_cost[cid]
    return Weights(
        own_count=own_count,
        own_cost=own_cost,
        count=count,
        cost=cost_total,
        total_count=total_count,
        total_cost=total_cost,
        unassigned_count=unassigned_count,
        unassigned_cost=unassigned_cost,
    )


def _rank_key(tree: CauseTree, weights: Weights, measure: str):
    def key(cid: str):
        return (-weights.of(cid, measure), -weights.count.get(cid, 0), cid)

    return key


# --- 5 whys -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WhyStep:
    cause_id: str
    level: int
    role: str  # ancestor | selected | deeper (the heaviest path below the selected cause)
    count: int
    cost: float


def compute_why_chain(
    tree: CauseTree, weights: Weights, cause_id: str, measure: str = "count"
) -> list[WhyStep]:
    """The 5-whys chain of a cause: from its branch down to it (headings left out), then on down the
    heaviest path of its descendants that have events."""
    if cause_id not in tree.nodes:
        return []
    node = tree.nodes[cause_id]
    steps = []
    for cid in node.path:
        if tree.nodes[cid].level == 0:
            continue
        role = "selected" if cid == cause_id else "ancestor"
        steps.append(_step(tree, weights, cid, role))
    steps.extend(
        _step(tree, weights, cid, "deeper") for cid in heaviest_path(tree, weights, cause_id, measure)
    )
    return steps


def heaviest_path(tree: CauseTree, weights: Weights, start: str, measure: str = "count") -> list[str]:
    """Below `start` (a cause or a branch name), the heaviest child at each level while it has events."""
    candidates = top_level_causes(tree, start) if start in BRANCHES else list(tree.children.get(start, ()))
    out: list[str] = []
    seen = {start}
    while candidates:
        weighted = [c for c in candidates if weights.count.get(c, 0) > 0 and c not in seen]
        if not weighted:
            break
        best = sorted(weighted, key=_rank_key(tree, weights, measure))[0]
        out.append(best)
        seen.add(best)
        candidates = list(tree.children.get(best, ()))
    return out


def _step(tree: CauseTree, weights: Weights, cid: str, role: str) -> WhyStep:
    return WhyStep(
        cause_id=cid,
        level=tree.nodes[cid].level,
        role=role,
        count=weights.count.get(cid, 0),
        cost=weights.cost.get(cid, 0.0),
    )


# --- the fishbone -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FishCause:
    cause_id: str
    label_fr: str
    label_en: str
    count: int
    cost: float
    sub_causes: tuple[FishCause, ...] = ()
    other_sub_causes: int = 0  # sub-causes with events beyond those listed

    def label(self, lang: str) -> str:
        return (self.label_en if lang == "en" else self.label_fr) or self.label_fr or self.cause_id

    def weight(self, measure: str) -> float:
        return self.cost if measure == "cost" else float(self.count)


@dataclass(frozen=True)
class FishBranch:
    category: str
    count: int
    cost: float
    causes: tuple[FishCause, ...] = ()
    other_causes: int = 0  # causes with events beyond those drawn
    other_count: int = 0
    other_cost: float = 0.0
    unspecified_count: int = 0  # events recorded on the branch heading itself
    unspecified_cost: float = 0.0

    @property
    def is_empty(self) -> bool:
        return self.count == 0

    def weight(self, measure: str) -> float:
        return self.cost if measure == "cost" else float(self.count)


@dataclass(frozen=True)
class Fishbone:
    branches: tuple[FishBranch, ...]  # always the seven 7M branches, in BRANCHES order
    measure: str
    total_count: int
    total_cost: float
    unassigned_count: int
    unassigned_cost: float
    problems: tuple[TreeProblem, ...] = field(default=())

    @property
    def total(self) -> float:
        return self.total_cost if self.measure == "cost" else float(self.total_count)

    @property
    def caused_total(self) -> float:
        """The weight of the events that have a cause in the tree (shares are taken of this)."""
        if self.measure == "cost":
            return self.total_cost - self.unassigned_cost
        return float(self.total_count - self.unassigned_count)


def top_level_causes(tree: CauseTree, branch: str) -> list[str]:
    return [c for c, n in tree.nodes.items() if n.branch == branch and n.level == 1]


def compute_fishbone(
    tree: CauseTree,
    weights: Weights,
    measure: str = "count",
    *,
    top_causes: int = TOP_CAUSES,
    top_sub_causes: int = TOP_SUB_CAUSES,
) -> Fishbone:
    """Seven branches in the 7M order, each with its heaviest causes (events > 0) and their sub-causes."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    key = _rank_key(tree, weights, measure)
    branches = []
    for branch in BRANCHES:
        tops = sorted((c for c in top_level_causes(tree, branch) if weights.count.get(c, 0) > 0), key=key)
        headings = [c for c, n in tree.nodes.items() if n.branch == branch and n.level == 0]
        unspecified_count = sum(weights.own_count.get(h, 0) for h in headings)
        unspecified_cost = sum(weights.own_cost.get(h, 0.0) for h in headings)
        count = sum(weights.count.get(c, 0) for c in tops) + unspecified_count
        cost = sum(weights.cost.get(c, 0.0) for c in tops) + unspecified_cost
        shown, rest = tops[:top_causes], tops[top_causes:]
        causes = []
        for cid in shown:
            subs = sorted((s for s in tree.children.get(cid, ()) if weights.count.get(s, 0) > 0), key=key)
            causes.append(
                FishCause(
                    cause_id=cid,
                    label_fr=tree.nodes[cid].label_fr,
                    label_en=tree.nodes[cid].label_en,
                    count=weights.count.get(cid, 0),
                    cost=weights.cost.get(cid, 0.0),
                    sub_causes=tuple(
                        FishCause(
                            cause_id=s,
                            label_fr=tree.nodes[s].label_fr,
                            label_en=tree.nodes[s].label_en,
                            count=weights.count.get(s, 0),
                            cost=weights.cost.get(s, 0.0),
                        )
                        for s in subs[:top_sub_causes]
                    ),
                    other_sub_causes=max(0, len(subs) - top_sub_causes),
                )
            )
        branches.append(
            FishBranch(
                category=branch,
                count=count,
                cost=cost,
                causes=tuple(causes),
                other_causes=len(rest),
                other_count=sum(weights.count.get(c, 0) for c in rest),
                other_cost=sum(weights.cost.get(c, 0.0) for c in rest),
                unspecified_count=unspecified_count,
                unspecified_cost=unspecified_cost,
            )
        )
    return Fishbone(
        branches=tuple(branches),
        measure=measure,
        total_count=weights.total_count,
        total_cost=weights.total_cost,
        unassigned_count=weights.unassigned_count,
        unassigned_cost=weights.unassigned_cost,
        problems=tree.problems,
    )


def ranked_causes(tree: CauseTree, weights: Weights, measure: str = "count") -> list[str]:
    """Every cause (headings left out) that has events, heaviest first, in branch order on ties."""
    key = _rank_key(tree, weights, measure)
    return sorted(
        (c for c, n in tree.nodes.items() if n.level >= 1 and weights.count.get(c, 0) > 0),
        key=lambda c: (*key(c)[:2], BRANCHES.index(tree.nodes[c].branch), tree.nodes[c].level, c),
    )


def events_of(tree: CauseTree, events: pl.DataFrame, cause_id: str) -> pl.DataFrame:
    """The events recorded on a cause or any of its descendants."""
    ids = [cause_id, *tree.descendants(cause_id)]
    return events.filter(pl.col("cause_id").is_in(ids))


def wrap_label(text: str, width: int = WRAP_WIDTH, separator: str = "<br>") -> str:
    """Long labels wrapped on word boundaries (a word longer than the width is cut)."""
    lines: Iterable[str] = textwrap.wrap(
        text or "", width=width, break_long_words=True, break_on_hyphens=False
    ) or [""]
    return separator.join(lines)
