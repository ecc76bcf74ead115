"""Colour-blind-safe palette (Okabe & Ito, 2008) and the status encoding: colour + icon + word + pattern.

Status is never told by colour alone: each status also has an icon, a word (translated) and a bar
pattern, so it reads in greyscale, for colour-blind readers and for screen readers.
"""

from __future__ import annotations

from smqse.model import Status

# Okabe-Ito, in their published order.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"

CATEGORICAL: tuple[str, ...] = (
    BLUE,
    ORANGE,
    BLUISH_GREEN,
    VERMILLION,
    SKY_BLUE,
    REDDISH_PURPLE,
    YELLOW,
    BLACK,
)

TEXT = "#1A1A1A"  # body text on white: contrast ratio > 15:1
MUTED_TEXT = "#4D4D4D"  # secondary text on white: > 8:1
GRID = "#E5E5E5"

STATUS_ORDER: tuple[str, ...] = (
    Status.MET.value,
    Status.AT_RISK.value,
    Status.MISSED.value,
    Status.NO_OBJECTIVE.value,
    Status.NO_DATA.value,
)

STATUS_COLOURS: dict[str, str] = {
    Status.MET.value: BLUISH_GREEN,
    Status.AT_RISK.value: ORANGE,
    Status.MISSED.value: VERMILLION,
    Status.NO_OBJECTIVE.value: GREY,
    Status.NO_DATA.value: LIGHT_GREY,
}

# Text drawn on top of a status colour: the colour with the better contrast.
STATUS_TEXT_COLOURS: dict[str, str] = {
    Status.MET.value: "#FFFFFF",
    Status.AT_RISK.value: BLACK,
    Status.MISSED.value: BLACK,
    Status.NO_OBJECTIVE.value: BLACK,
    Status.NO_DATA.value: BLACK,
}

STATUS_PATTERNS: dict[str, str] = {
    Status.MET.value: "",
    Status.AT_RISK.value: "/",
    Status.MISSED.value: "x",
    Status.NO_OBJECTIVE.value: ".",
    Status.NO_DATA.value: "-",
}

STATUS_ICONS: dict[str, str] = {
    Status.MET.value: "✓",
    Status.AT_RISK.value: "⚠",
    Status.MISSED.value: "✗",
    Status.NO_OBJECTIVE.value: "–",
    Status.NO_DATA.value: "?",
}

# Streamlit's named colours for badges and coloured markdown, mapped in .streamlit/config.toml to the
# Okabe-Ito values above.
STATUS_THEME_COLOURS: dict[str, str] = {
    Status.MET.value: "green",
    Status.AT_RISK.value: "orange",
    Status.MISSED.value: "red",
    Status.NO_OBJECTIVE.value: "gray",
    Status.NO_DATA.value: "gray",
}

SIGNAL_ICON = "↯"
NOISE_ICON = "~"

SERIES_COLOUR = BLUE
TARGET_COLOUR = BLUISH_GREEN
ALERT_COLOUR = ORANGE
SIGNAL_COLOUR = VERMILLION
LIMIT_COLOUR = "#6B6B6B"  # neutral grey: limits describe the process, they are not a judgement
