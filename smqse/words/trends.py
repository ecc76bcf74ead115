"""What the trends page says: the signals of the process behaviour chart in words, each chart's title,
takeaway, text alternative and hover texts, and the tables with the same numbers (one per chart).

The charts (`smqse.charts.trends`) draw and take their words from here. No Streamlit here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from smqse.analysis import trends as analysis
from smqse.charts.palette import NOISE_ICON, SIGNAL_ICON
from smqse.i18n import (
    format_month,
    format_month_iso,
    format_month_short,
    format_number,
    format_value,
    join_words,
    label,
    month_name,
    t,
)
from smqse.words.shared import short_name

if TYPE_CHECKING:
    from smqse.views.trends import SiteTrend, TrendView

RECENT_MONTHS = analysis.RECENT_MONTHS
DECOMPOSITION_COMPONENTS = ("observed", "trend", "seasonal", "remainder")


def _unit(indicator: dict) -> str | None:
    return indicator.get("unit")


def indicator_name(indicator: dict, lang: str) -> str:
    return indicator.get(f"name_{lang}") or indicator.get("name_fr") or indicator.get("indicator_id", "")


# --- signals in words ----------------------------------------------------------------------------------


def _elide(text: str, lang: str) -> str:
    """French elision: "de octobre" → "d'octobre", "de août" → "d'août"."""
    if lang != "fr":
        return text
    for vowel in "aeiouyâéèêîôûAEIOU":
        text = text.replace(f"de {vowel}", f"d'{vowel}").replace(f"De {vowel}", f"D'{vowel}")
    return text


def _when(first: date | None, last: date | None, ongoing: bool, lang: str) -> str:
    if first == last:
        return t("trends.when.in", lang, month=format_month(first, lang))
    if ongoing:
        return t("trends.when.since", lang, month=format_month(first, lang))
    return _elide(
        t("trends.when.between", lang, first=format_month(first, lang), last=format_month(last, lang)), lang
    )


def episode_sentence(
    episode: analysis.Episode,
    n_periods: int,
    polarity: str | None,
    rules: str,
    lang: str,
    *,
    notes: bool = True,
) -> str:
    """ "8 mois de suite au-dessus de la moyenne depuis mars 2025 : un déplacement durable (défavorable ;
    règles 2, 3 et 4 de Western Electric)"."""
    ongoing = episode.last >= n_periods - 1
    head = episode.headline
    when = _when(
        head.first_period if episode.pattern != "beyond" else episode.first_period,
        episode.last_period,
        ongoing,
        lang,
    )
    direction = episode.direction or "none"
    key = f"trends.run.{episode.pattern}"
    if episode.pattern == "beyond":
        key += ".one" if episode.beyond <= 1 else ".many"
    if episode.pattern in ("beyond", "side", "zone1", "zone2", "trend"):
        key += f".{direction}"
    sentence = t(key, lang, n=episode.points if episode.pattern != "beyond" else episode.beyond, when=when)
    if not notes:
        return sentence
    notes = []
    good = analysis.favourable(polarity, episode.direction)
    if good is not None:
        notes.append(t("signal.favourable" if good else "signal.unfavourable", lang))
    rule_words = join_words([str(r) for r in episode.rules], lang)
    notes.append(
        t(
            "trends.rules_one" if len(episode.rules) == 1 else "trends.rules_many",
            lang,
            rules=rule_words,
            set=t(f"trends.ruleset.{rules}", lang),
        )
    )
    return f"{sentence} ({' ; '.join(notes) if lang == 'fr' else '; '.join(notes)})"


def signal_sentences(view: TrendView, lang: str, limit: int = 6) -> list[str]:
    """The episodes of the chart in words, latest first."""
    n = len(view.periods)
    polarity = view.indicator.get("polarity")
    episodes = sorted(view.episodes, key=lambda e: (e.last, e.first), reverse=True)[:limit]
    return [episode_sentence(e, n, polarity, view.chart.rules, lang) for e in episodes]


def _recent(episodes: list[analysis.Episode], n: int) -> list[analysis.Episode]:
    return [e for e in episodes if e.last >= n - RECENT_MONTHS]


# --- a point in words ----------------------------------------------------------------------------------


def rules_text(rules: list[int], lang: str) -> str:
    """ "règles 2 et 4": the rules a point breaks, for the hover text and the table."""
    return t("trends.hover.rules", lang, rules=join_words([str(r) for r in sorted(rules)], lang))


def interval_text(interval: tuple[float, float] | None, unit: str | None, lang: str) -> str:
    if interval is None:
        return ""
    return t(
        "trends.hover.interval",
        lang,
        low=format_value(interval[0], unit, lang),
        high=format_value(interval[1], unit, lang),
    )


def _interval_range(interval: tuple[float, float] | None, lang: str) -> str:
    return (
        "—"
        if interval is None
        else f"{format_number(interval[0], lang)} – {format_number(interval[1], lang)}"
    )


def _point_rules(chart: analysis.TrendChart) -> dict[int, list[int]]:
    """The rules each marked point breaks (a point beyond the limits says all of its rules)."""
    marked = analysis.marked_points(chart)
    return {**marked["run"], **marked["beyond"]}


def values_text(values: list[float | None], unit: str | None, lang: str) -> list[str]:
    return [format_value(v, unit, lang) for v in values]


# --- the process behaviour chart -----------------------------------------------------------------------


def behaviour_title(view: TrendView, lang: str) -> str:
    return t("trends.chart.title", lang, name=indicator_name(view.indicator, lang))


def _phase_text(view: TrendView, lang: str) -> str:
    phases = [p for p in view.chart.phases if p.center is not None]
    if len(phases) != 2:
        return ""
    unit = _unit(view.indicator)
    return t(
        "trends.takeaway.phases",
        lang,
        month=format_month(view.periods[phases[1].start], lang),
        before=format_value(phases[0].center, unit, lang),
        after=format_value(phases[1].center, unit, lang),
    )


def behaviour_takeaway(view: TrendView, lang: str) -> str:
    """The latest recent episode in words, else: the process is stable within its limits."""
    chart = view.chart
    n = len(view.periods)
    unit = _unit(view.indicator)
    phase = _phase_text(view, lang)
    if not chart.has_limits:
        return t("trends.takeaway.too_short", lang)
    recent = _recent(view.episodes, n)
    if recent:
        latest = max(recent, key=lambda e: (e.last, -analysis.EPISODE_PRIORITY.index(e.pattern)))
        text = episode_sentence(latest, n, view.indicator.get("polarity"), chart.rules, lang)
        text = text[0].upper() + text[1:] + "."
    else:
        last = next((i for i in range(n - 1, -1, -1) if chart.center[i] is not None), None)
        text = t(
            "trends.takeaway.stable",
            lang,
            months=RECENT_MONTHS,
            lcl=format_value(chart.lcl[last], unit, lang),
            ucl=format_value(chart.ucl[last], unit, lang),
        )
        if view.episodes:
            older = max(view.episodes, key=lambda e: (e.last, -analysis.EPISODE_PRIORITY.index(e.pattern)))
            sentence = episode_sentence(
                older, n, view.indicator.get("polarity"), chart.rules, lang, notes=False
            )
            text += " " + t("trends.takeaway.last_signal", lang, sentence=sentence)
    return f"{text} {phase}".strip()


def behaviour_alt(view: TrendView, lang: str) -> str:
    chart = view.chart
    unit = _unit(view.indicator)
    name = indicator_name(view.indicator, lang)
    points = [(p, v) for p, v in zip(view.periods, chart.values, strict=True) if v is not None]
    if not points:
        return t("trends.alt.empty", lang, name=name)
    low = min(points, key=lambda pv: pv[1])
    high = max(points, key=lambda pv: pv[1])
    text = t(
        "trends.alt.series",
        lang,
        name=name,
        chart=label("chart", chart.chart_type, lang),
        n=len(points),
        start=format_month(points[0][0], lang),
        end=format_month(points[-1][0], lang),
        low=format_value(low[1], unit, lang),
        low_month=format_month(low[0], lang),
        high=format_value(high[1], unit, lang),
        high_month=format_month(high[0], lang),
        last=format_value(points[-1][1], unit, lang),
    )
    for phase in chart.phases:
        if phase.center is None:
            continue
        i = phase.end
        while i > phase.start and chart.ucl[i] is None:
            i -= 1
        text += " " + t(
            "trends.alt.limits",
            lang,
            first=format_month(view.periods[phase.start], lang),
            last=format_month(view.periods[phase.end], lang),
            center=format_value(phase.center, unit, lang),
            lcl=format_value(chart.lcl[i], unit, lang),
            ucl=format_value(chart.ucl[i], unit, lang),
        )
    objective = analysis.objective_lines(view.indicator, view.data.objective)
    if objective:
        text += " " + t("trends.alt.objective", lang, target=format_value(objective[0], unit, lang))
    sentences = signal_sentences(view, lang)
    text += " " + (
        t(
            "trends.alt.signals" if len(view.episodes) > 1 else "trends.alt.signals_one",
            lang,
            n=len(view.episodes),
            list=" ; ".join(sentences),
        )
        if sentences
        else t("trends.alt.no_signal", lang)
    )
    return text


def change_label(change: date, lang: str) -> str:
    return t("trends.legend.change", lang, month=format_month_short(change, lang))


def target_label(indicator: dict, target: float, lang: str) -> str:
    """The target line's label; a sum's target is the total's share of a month."""
    return t(
        "words.target_per_month" if analysis.objective_per_month(indicator) else "trends.legend.target",
        lang,
        value=format_value(target, _unit(indicator), lang),
    )


def alert_label(indicator: dict, alert: float, lang: str) -> str:
    return t("trends.legend.alert", lang, value=format_value(alert, _unit(indicator), lang))


def behaviour_hover(view: TrendView, lang: str) -> list[str]:
    """Each month's value, its interval where there is one, and the rules it breaks."""
    chart = view.chart
    unit = _unit(view.indicator)
    rules = _point_rules(chart)
    hover = []
    for i, v in enumerate(chart.values):
        text = format_value(v, unit, lang) + interval_text(view.intervals[i], unit, lang)
        if i in rules:
            text += " — " + rules_text(rules[i], lang)
        hover.append(text)
    return hover


def marker_hover(chart: analysis.TrendChart, family: str, lang: str) -> list[str]:
    """The rules broken at each marked point of a family ("beyond", "run"), in index order."""
    points = analysis.marked_points(chart)[family]
    return [rules_text(points[i], lang) for i in sorted(points)]


def last_value_labels(view: TrendView, lang: str) -> list[str]:
    """The text beside each point: the last value only."""
    values = view.chart.values
    last = max((i for i, v in enumerate(values) if v is not None), default=None)
    texts = ["" for _ in values]
    if last is not None:
        texts[last] = format_value(values[last], _unit(view.indicator), lang)
    return texts


def build_behaviour_table(view: TrendView, lang: str) -> pl.DataFrame:
    """The chart's numbers: month, value, its 95 % interval, centre, limits, rules broken."""
    chart = view.chart
    unit = _unit(view.indicator)
    rules = _point_rules(chart)
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in view.periods],
            "period": [format_month_iso(p) for p in view.periods],
            "value": [format_value(v, unit, lang) for v in chart.values],
            "interval": [_interval_range(iv, lang) for iv in view.intervals],
            "center": [format_value(v, unit, lang) for v in chart.center],
            "lcl": [format_value(v, unit, lang) for v in chart.lcl],
            "ucl": [format_value(v, unit, lang) for v in chart.ucl],
            "signal": [
                f"{SIGNAL_ICON} {rules_text(rules[i], lang)}" if i in rules else ""
                for i in range(len(view.periods))
            ],
        },
        schema={
            k: pl.String for k in ("month", "period", "value", "interval", "center", "lcl", "ucl", "signal")
        },
    )


def behaviour_table_labels(lang: str) -> dict[str, str]:
    return {
        k: t(f"trends.col.{k}", lang)
        for k in ("month", "period", "value", "interval", "center", "lcl", "ucl", "signal")
    }


# --- small multiples: one chart per site ---------------------------------------------------------------


def site_verdict(site: SiteTrend, n: int, polarity: str | None, lang: str) -> str:
    recent = _recent(site.episodes, n)
    if not recent:
        return f"{NOISE_ICON} {t('trends.sites.stable', lang)}"
    bad = any(analysis.favourable(polarity, e.direction) is False for e in recent)
    good = any(analysis.favourable(polarity, e.direction) is True for e in recent)
    word = "unfavourable" if bad else "favourable" if good else "neutral"
    return f"{SIGNAL_ICON} {t(f'trends.sites.signal_{word}', lang)}"


def sites_title(view: TrendView, lang: str) -> str:
    return t("trends.sites.title", lang, name=indicator_name(view.indicator, lang))


def site_titles(view: TrendView, lang: str) -> list[str]:
    """Each panel's title: the site and its verdict on recent movement."""
    n = len(view.periods)
    polarity = view.indicator.get("polarity")
    return [f"{short_name(s.name)} — {site_verdict(s, n, polarity, lang)}" for s in view.sites]


def site_hover(view: TrendView, site: SiteTrend, lang: str) -> list[str]:
    unit = _unit(view.indicator)
    return [
        format_value(v, unit, lang) + interval_text(iv, unit, lang)
        for v, iv in zip(site.chart.values, site.intervals, strict=True)
    ]


def sites_takeaway(view: TrendView, lang: str) -> str:
    n = len(view.periods)
    polarity = view.indicator.get("polarity")
    flagged = [s for s in view.sites if _recent(s.episodes, n)]
    if not flagged:
        return t("trends.sites.takeaway_none", lang, n=len(view.sites), months=RECENT_MONTHS)
    key = "trends.sites.takeaway_one" if len(flagged) == 1 else "trends.sites.takeaway"
    # Sites telling the same story share one sentence: "Lyon and Nantes: one point below … in August 2026".
    stories: dict[str, list[str]] = {}
    for site in flagged:
        latest = max(
            _recent(site.episodes, n), key=lambda e: (e.last, -analysis.EPISODE_PRIORITY.index(e.pattern))
        )
        sentence = episode_sentence(latest, n, polarity, view.chart.rules, lang, notes=False)
        stories.setdefault(sentence, []).append(short_name(site.name))
    colon = " : " if lang == "fr" else ": "
    parts = [f"{join_words(names, lang)}{colon}{sentence}" for sentence, names in stories.items()]
    key = "trends.sites.takeaway_one" if len(flagged) == 1 else "trends.sites.takeaway"
    head = t(key, lang, n=len(flagged), total=len(view.sites), months=RECENT_MONTHS)
    return f"{head} {' · '.join(parts)}."


def sites_alt(view: TrendView, lang: str) -> str:
    unit = _unit(view.indicator)
    n = len(view.periods)
    parts = []
    for site in view.sites:
        chart = site.chart
        last = max((i for i, v in enumerate(chart.values) if v is not None), default=None)
        centre = next((p.center for p in reversed(chart.phases) if p.center is not None), None)
        parts.append(
            t(
                "trends.sites.alt_site",
                lang,
                site=short_name(site.name),
                last=format_value(chart.values[last], unit, lang) if last is not None else "—",
                center=format_value(centre, unit, lang),
                verdict=site_verdict(site, n, view.indicator.get("polarity"), lang),
            )
        )
    return (
        t("trends.sites.alt", lang, name=indicator_name(view.indicator, lang), n=len(view.sites))
        + " "
        + " ; ".join(parts)
        + "."
    )


def build_sites_table(view: TrendView, lang: str) -> pl.DataFrame:
    """Month × site: each site's monthly value (signals flagged with ↯)."""
    unit = _unit(view.indicator)
    data: dict[str, list[str]] = {
        "month": [format_month_short(p, lang) for p in view.periods],
        "period": [format_month_iso(p) for p in view.periods],
    }
    for site in view.sites:
        flagged = site.chart.signal_indexes()
        data[site.site_id] = [
            format_value(v, unit, lang) + (f" {SIGNAL_ICON}" if i in flagged else "")
            for i, v in enumerate(site.chart.values)
        ]
    return pl.DataFrame(data, schema={k: pl.String for k in data})


def sites_table_labels(view: TrendView, lang: str) -> dict[str, str]:
    labels = {"month": t("trends.col.month", lang), "period": t("trends.col.period", lang)}
    labels.update({s.site_id: short_name(s.name) for s in view.sites})
    return labels


# --- seasonal decomposition ----------------------------------------------------------------------------


def seasonality_title(view: TrendView, lang: str) -> str:
    return t("trends.stl.title", lang, name=indicator_name(view.indicator, lang))


def seasonality_components(lang: str) -> list[str]:
    """The four rows' names: observed, trend, seasonal pattern, remainder."""
    return [t(f"trends.stl.{k}", lang) for k in DECOMPOSITION_COMPONENTS]


def seasonality_takeaway(view: TrendView, lang: str) -> str:
    season = view.seasonality
    if season is None:
        return t("trends.stl.too_short", lang, n=analysis.MIN_SEASONAL_POINTS)
    unit = _unit(view.indicator)
    by_month: dict[int, list[float]] = {}
    for p, s in zip(season.periods, season.seasonal, strict=True):
        by_month.setdefault(p.month, []).append(s)
    means = {m: sum(v) / len(v) for m, v in by_month.items()}
    low = min(means, key=means.get)
    high = max(means, key=means.get)
    key = "trends.stl.takeaway_seasonal" if season.is_seasonal else "trends.stl.takeaway_weak"
    return t(
        key,
        lang,
        strength=format_number(season.strength, lang, 2),
        low_month=month_name(low, lang),
        low=format_value(means[low], unit, lang),
        high_month=month_name(high, lang),
        high=format_value(means[high], unit, lang),
    )


def seasonality_alt(view: TrendView, lang: str) -> str:
    return (
        t("trends.stl.alt", lang, name=indicator_name(view.indicator, lang))
        + " "
        + seasonality_takeaway(view, lang)
    )


def build_seasonality_table(view: TrendView, lang: str) -> pl.DataFrame:
    season = view.seasonality
    unit = _unit(view.indicator)
    cols = ("month", *DECOMPOSITION_COMPONENTS)
    if season is None:
        return pl.DataFrame({k: [] for k in cols}, schema={k: pl.String for k in cols})
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in season.periods],
            "observed": values_text(season.observed, unit, lang),
            "trend": values_text(season.trend, unit, lang),
            "seasonal": values_text(season.seasonal, unit, lang),
            "remainder": values_text(season.remainder, unit, lang),
        },
        schema={k: pl.String for k in cols},
    )


def seasonality_table_labels(lang: str) -> dict[str, str]:
    return {
        "month": t("trends.col.month", lang),
        **dict(zip(DECOMPOSITION_COMPONENTS, seasonality_components(lang), strict=True)),
    }


# --- exposure ------------------------------------------------------------------------------------------


def exposure_label(indicator: dict, lang: str) -> str:
    return (
        indicator.get(f"denominator_label_{lang}")
        or indicator.get("denominator_label_fr")
        or t("trends.exposure.default", lang)
    )


def numerator_label(indicator: dict, lang: str) -> str:
    return (
        indicator.get(f"numerator_label_{lang}")
        or indicator.get("numerator_label_fr")
        or t("trends.exposure.numerator", lang)
    )


def exposure_title(view: TrendView, lang: str) -> str:
    return t("trends.exposure.title", lang, label=exposure_label(view.indicator, lang))


def exposure_takeaway(view: TrendView, lang: str) -> str:
    indicator = view.indicator
    dens = view.denominators
    present = [(p, d) for p, d in zip(view.periods, dens, strict=True) if d is not None]
    if not present:
        return t("trends.exposure.none", lang)
    low = min(present, key=lambda pd: pd[1])
    high = max(present, key=lambda pd: pd[1])
    text = t(
        "trends.exposure.takeaway",
        lang,
        label=exposure_label(indicator, lang),
        low=format_number(low[1], lang),
        low_month=format_month(low[0], lang),
        high=format_number(high[1], lang),
        high_month=format_month(high[0], lang),
    )
    if any(iv is not None for iv in view.intervals):
        loose = view.imprecise_months
        key = "trends.exposure.imprecise" if loose else "trends.exposure.precise"
        text += " " + t(key, lang, n=len(loose), total=len(present))
    return text


def exposure_alt(view: TrendView, lang: str) -> str:
    present = len([d for d in view.denominators if d is not None])
    label_text = exposure_label(view.indicator, lang)
    return t("trends.exposure.alt", lang, label=label_text, n=present) + " " + exposure_takeaway(view, lang)


def exposure_bar_name(view: TrendView, imprecise: bool, lang: str) -> str:
    key = "trends.exposure.bar_imprecise" if imprecise else "trends.exposure.bar"
    return t(key, lang, label=exposure_label(view.indicator, lang))


def exposure_hover(view: TrendView, indexes: list[int], lang: str) -> list[str]:
    """A month's exposure, its count and the rate's interval."""
    numerator = numerator_label(view.indicator, lang)
    colon = " : " if lang == "fr" else ": "
    return [
        format_number(view.denominators[i], lang)
        + f" — {numerator}{colon}"
        + format_number(view.numerators[i], lang)
        + interval_text(view.intervals[i], _unit(view.indicator), lang)
        for i in indexes
    ]


def build_exposure_table(view: TrendView, lang: str) -> pl.DataFrame:
    unit = _unit(view.indicator)
    loose = set(view.imprecise_months)
    cols = ("month", "numerator", "denominator", "value", "interval", "precision")
    return pl.DataFrame(
        {
            "month": [format_month_short(p, lang) for p in view.periods],
            "numerator": [format_number(v, lang) for v in view.numerators],
            "denominator": [format_number(v, lang) for v in view.denominators],
            "value": [format_value(v, unit, lang) for v in view.chart.values],
            "interval": [_interval_range(iv, lang) for iv in view.intervals],
            "precision": [
                ""
                if view.intervals[i] is None
                else t(
                    "trends.exposure.imprecise_word" if i in loose else "trends.exposure.precise_word", lang
                )
                for i in range(len(view.periods))
            ],
        },
        schema={k: pl.String for k in cols},
    )


def exposure_table_labels(view: TrendView, lang: str) -> dict[str, str]:
    return {
        "month": t("trends.col.month", lang),
        "numerator": numerator_label(view.indicator, lang),
        "denominator": exposure_label(view.indicator, lang),
        "value": t("trends.col.value", lang),
        "interval": t("trends.col.interval", lang),
        "precision": t("trends.col.precision", lang),
    }
