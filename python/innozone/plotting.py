"""One plot style for innozone, with Hangul, and the package's reusable charts.

Every plot in innozone (``program.plot...``, ``result.plot()``, the report) goes through
this module so that all figures look alike and Korean labels render as Hangul, not as
empty boxes.

The font
    NanumGothic (SIL Open Font License), shipped as TTF files inside the PyPI package
    ``koreanize-matplotlib``, a dependency of innozone. We only *locate* those files
    (``importlib.util.find_spec`` does not run the package) and register them with
    :func:`matplotlib.font_manager.FontManager.addfont`; importing ``koreanize_matplotlib``
    would change the global rcParams, which a library must not do. Glyphs NanumGothic lacks
    (for example the minus sign U+2212) fall back to DejaVu Sans, which matplotlib ships.

The style
    :func:`style` is a context manager over :func:`matplotlib.rc_context`; every chart
    function applies it while it draws, so nothing changes globally at import. Figures use
    constrained layout and are rendered once (:func:`render_png`); the style sets no
    ``savefig.bbox="tight"``, which would draw every figure a second time.

Labels
    Every fixed text comes from the bilingual registry :mod:`innozone._labels`;
    :func:`label` returns a Korean or English label for a key, :func:`bilingual` joins both.
    ``lang=None`` (every chart's default) means :data:`innozone.options.lang`.

Charts (each takes ``ax=None`` and returns the :class:`matplotlib.axes.Axes`)
    :func:`fan_chart` (quantile bands with targets), :func:`funnel_chart`,
    :func:`stacked_bars` (budget by year and source), :func:`tornado`,
    :func:`sobol_bars`, :func:`zone_comparison`.

matplotlib is imported when a chart is drawn, not when innozone is imported.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib.util
import io
import math
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from . import _labels
from ._errors import InvalidInputError
from ._validate import resolve_lang

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "COLORS",
    "HANGUL_FONT_FAMILY",
    "LANGS",
    "bilingual",
    "check_lang",
    "fan_chart",
    "funnel_chart",
    "hangul_font_files",
    "label",
    "new_axes",
    "register_fonts",
    "render_png",
    "sobol_bars",
    "stacked_bars",
    "style",
    "tornado",
    "zone_comparison",
]


def __dir__() -> list[str]:  # tab completion lists the public names only
    return list(__all__)


#: Family name of the Hangul font registered by :func:`register_fonts`.
HANGUL_FONT_FAMILY = "NanumGothic"
#: Accepted values of every ``lang`` argument.
LANGS = ("ko", "en")

#: The package palette (colour-blind safe order, after Okabe & Ito 2008).
COLORS: dict[str, str] = {
    "primary": "#0072B2",  # blue: projections, the program itself
    "accent": "#D55E00",  # vermillion: targets, highlighted zone
    "secondary": "#009E73",  # green
    "neutral": "#7F7F7F",
    "light": "#BFBFBF",
    "sky": "#56B4E9",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
}
_CYCLE = [
    COLORS["primary"],
    COLORS["orange"],
    COLORS["secondary"],
    COLORS["accent"],
    COLORS["sky"],
    COLORS["purple"],
    COLORS["yellow"],
    COLORS["neutral"],
]

# Files of the koreanize-matplotlib wheel that we register, with their weights as
# matplotlib reads them (400 regular, 600 bold, 700 extra bold).
_FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf", "NanumGothicExtraBold.ttf")


def hangul_font_files() -> list[Path]:
    """Paths of the NanumGothic TTF files shipped by the ``koreanize-matplotlib`` package.

    Returns
    -------
    list of pathlib.Path
        Regular, bold and extra-bold faces, regular first.

    Raises
    ------
    innozone.NotFoundError
        If ``koreanize-matplotlib`` is not installed or lacks the font files.
    """
    from ._errors import NotFoundError

    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise NotFoundError(
            "the Hangul font package 'koreanize-matplotlib' is not installed "
            "(it is a dependency of innozone: pip install koreanize-matplotlib)"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    files = [folder / name for name in _FONT_FILES]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise NotFoundError(f"Hangul font files missing from koreanize-matplotlib: {missing}")
    return files


@functools.lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the bundled Hangul font with matplotlib (once per process).

    Returns
    -------
    str
        The family name to use, :data:`HANGUL_FONT_FAMILY`.
    """
    from matplotlib import font_manager

    for path in hangul_font_files():
        font_manager.fontManager.addfont(str(path))
    return HANGUL_FONT_FAMILY


def _prepare_drawing() -> None:
    """Import what drawing a figure needs and register the fonts, ahead of time.

    The report does this once before it forks, so the forked processes share it.
    """
    import matplotlib.backends.backend_agg
    import matplotlib.figure  # noqa: F401
    import PIL.Image  # noqa: F401

    _rc()


def _rc() -> dict[str, Any]:
    from cycler import cycler

    family = register_fonts()
    return {
        # Hangul first, DejaVu Sans for the glyphs NanumGothic lacks (U+2212 minus).
        "font.family": [family, "DejaVu Sans"],
        "font.size": 10.0,
        "axes.titlesize": 12.0,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 10.0,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=_CYCLE),
        "grid.color": "#E5E5E5",
        "grid.linewidth": 0.8,
        "legend.frameon": False,
        "legend.fontsize": 9.0,
        "xtick.labelsize": 9.0,
        "ytick.labelsize": 9.0,
        "figure.figsize": (7.0, 4.2),
        "figure.dpi": 100.0,
        "figure.constrained_layout.use": True,
        "savefig.dpi": 110.0,
        "svg.fonttype": "path",
    }


# Set while figures are made only to be rendered to files (the report): they are bare
# Figures that pyplot never sees, so the backend need not be resolved (which imports
# pyplot, a tenth of a second or more) and nothing is shown.
_HEADLESS: contextvars.ContextVar[bool] = contextvars.ContextVar("innozone_headless", default=False)


@contextlib.contextmanager
def headless() -> Iterator[None]:
    """Inside this block, charts make bare :class:`~matplotlib.figure.Figure` objects.

    They are never shown (no pyplot, no backend): for figures that are only rendered to
    files, such as the report's.
    """
    token = _HEADLESS.set(True)
    try:
        yield
    finally:
        _HEADLESS.reset(token)


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the innozone plot style inside a ``with`` block.

    Only the rcParams inside the block change; the caller's settings come back on exit.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with style():
    ...     fig, ax = plt.subplots()
    ...     _ = ax.set_title("김해 강소특구")
    """
    import matplotlib as mpl

    rc = _rc()
    # Resolve the backend first: in IPython that imports pyplot and switches interactive
    # mode on, which the rc_context below would otherwise undo on exit (and later
    # figures would no longer display). Headless figures never reach pyplot.
    if not _HEADLESS.get():
        mpl.get_backend()
    with mpl.rc_context(cast(Any, rc)):
        try:
            yield
        finally:
            interactive = mpl.is_interactive()
    mpl.interactive(interactive)


# ---------------------------------------------------------------------------- labels
def check_lang(lang: str | None) -> str:
    """Validate a ``lang`` argument; None means :data:`innozone.options.lang`.

    Parameters
    ----------
    lang : {"ko", "en"} or None

    Returns
    -------
    str
        ``lang``, or the package default when None.

    Raises
    ------
    innozone.InvalidInputError
        If ``lang`` is not one of :data:`LANGS`.
    """
    return resolve_lang(lang)


def label(key: str, lang: str | None = None, **fields: Any) -> str:
    """Label of a registered key in Korean (``lang="ko"``) or English (``lang="en"``).

    The texts live in the package's bilingual registry, :mod:`innozone._labels`.

    Parameters
    ----------
    key : str
        A registry key (``"year"``, ``"target"``, ``"unit.persons"``, ``"model.jobs"``, ...).
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.
    **fields
        Values for placeholders in the label (``label("band", lo=5, hi=95)``).

    Returns
    -------
    str

    Raises
    ------
    innozone.InvalidInputError
        If ``lang`` is unknown.
    innozone.NotFoundError
        If ``key`` is unknown; the message lists the known keys.
    """
    return _labels.label(key, check_lang(lang), **fields)


def bilingual(key: str, lang: str | None = None) -> str:
    """Label in ``lang`` followed by the other language in parentheses.

    Korean researchers read English papers and vice versa; report headings use this form.
    If both languages give the same text it is returned once.
    """
    lang = check_lang(lang)
    first = label(key, lang)
    second = label(key, "en" if lang == "ko" else "ko")
    return first if first == second else f"{first} ({second})"


# ---------------------------------------------------------------------------- helpers
def new_axes(ax: Axes | None = None, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax`` or, if None, the axes of a new figure made in the innozone style.

    Call inside :func:`style` so that the new figure's tick labels get the Hangul font.
    """
    import matplotlib as mpl
    from matplotlib.axes import Axes

    if ax is not None:
        if not isinstance(ax, Axes):
            raise InvalidInputError(
                f"ax must be a matplotlib Axes or None, got {type(ax).__name__}"
            )
        return ax
    size = figsize or tuple(mpl.rcParams["figure.figsize"])
    if not _HEADLESS.get() and _displays_figures():
        # Jupyter's inline backend or a GUI: a pyplot figure, so that it shows (and
        # plt.show() works) as with any matplotlib plot.
        import matplotlib.pyplot as plt

        figure = plt.figure(figsize=size)
    else:
        from matplotlib.figure import Figure

        # Headless (Agg and other file backends): a bare Figure that pyplot does not keep
        # alive, so scripts and the report can make many figures without leaking them.
        figure = Figure(figsize=size)
    styled = mpl.rcParams["font.family"][:1] == [HANGUL_FONT_FAMILY]
    # made inside style(): its texts have the Hangul font already
    figure._innozone_styled = styled  # type: ignore[attr-defined]
    return figure.add_subplot()


def render_png(figure: Figure, *, dpi: float = 110.0, fast_layout: bool = False) -> bytes:
    """A figure as PNG bytes, drawn exactly once.

    ``Figure.savefig`` draws a figure with a layout engine twice (once to lay it out,
    once to paint it), and a third time with ``bbox_inches="tight"``. Here the Agg canvas
    draws once (the constrained layout runs inside that draw) and the pixels are encoded
    directly; the figure's own canvas and dpi are left as they were.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    dpi : float
        Pixels per inch of the image.
    fast_layout : bool
        Instead of the figure's layout engine, place the axes of a figure made of a grid
        of subplots from measured text sizes (tick labels, axis labels, titles and texts
        of each axes) in one pass that draws nothing, about a third of the cost of a
        constrained layout. The figure keeps those positions (its layout engine is
        switched off). Figures this cannot handle (figure-level texts or legends, axes
        outside a grid, colour bars) keep their own layout.

    Returns
    -------
    bytes
        The PNG file.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    old_canvas = figure.canvas
    old_dpi = figure.dpi
    try:
        figure.dpi = dpi
        canvas = FigureCanvasAgg(figure)
        if fast_layout:
            _fast_layout(figure, canvas.get_renderer())  # type: ignore[no-untyped-call]
        canvas.draw()  # type: ignore[no-untyped-call]
        width, height = canvas.get_width_height(physical=True)
        pixels = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
        extrema: Any = image.getextrema()  # per band (min, max); band 3 is alpha
        if extrema[3][0] == 255:  # opaque: RGB is the same picture, 3/4 the data
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="png", dpi=(dpi, dpi), compress_level=_PNG_LEVEL)
        return out.getvalue()
    finally:
        figure.dpi = old_dpi
        figure.set_canvas(old_canvas)


#: zlib level of the PNGs: 3 compresses these flat-coloured charts within a few per cent of
#: the default 6 in about half the time.
_PNG_LEVEL = 3


# ------------------------------------------------------------------- the fast layout
def _text_extent(
    renderer: Any,
    text: str,
    prop: Any,
    x: float,
    y: float,
    ha: str,
    va: str,
    rotation: float,
) -> tuple[float, float, float, float] | None:
    """Pixel box (x0, y0, x1, y1) of a one-line text anchored at (x, y), or None.

    The box is where matplotlib places the text (rotation mode "default": the rotated box
    is aligned); None when the text needs matplotlib's own layout (several lines, mathtext).
    """
    # matplotlib's own cached text measurement (private, no stub): the same numbers its
    # layout uses, so the boxes agree with what is drawn.
    from matplotlib.text import _get_text_metrics_with_cache  # type: ignore[attr-defined]

    if not text:
        return None
    if "\n" in text or "$" in text:
        raise _NeedsFullLayout
    dpi = renderer.points_to_pixels(72.0)
    w, h, d = _get_text_metrics_with_cache(renderer, text, prop, False, dpi)
    _, lp_h, lp_d = _get_text_metrics_with_cache(renderer, "lp", prop, False, dpi)
    h, d = max(h, lp_h), max(d, lp_d)
    theta = math.radians(rotation % 360.0)
    if theta:
        c, s_ = abs(math.cos(theta)), abs(math.sin(theta))
        bw, bh = w * c + h * s_, w * s_ + h * c
        d = 0.0 if va in ("baseline", "center_baseline") else d
    else:
        bw, bh = w, h
    x0 = {"left": x, "center": x - bw / 2.0, "right": x - bw}.get(ha, x)
    if va == "top":
        y0 = y - bh
    elif va == "bottom":
        y0 = y
    elif va == "baseline":
        y0 = y - d
    elif va == "center_baseline":
        y0 = y - (bh - d) / 2.0 - d
    else:  # center
        y0 = y - bh / 2.0
    return x0, y0, x0 + bw, y0 + bh


class _NeedsFullLayout(Exception):
    """Raised inside :func:`_fast_layout` for what it does not model."""


def _tick_boxes(ax: Axes, axis: Any, renderer: Any, which: str) -> list[tuple[float, ...]]:
    """Boxes of the tick labels matplotlib will draw on one axis (bottom x, left y)."""
    boxes: list[tuple[float, ...]] = []
    for minor in (False, True):
        ticks = axis.minorTicks if minor else axis.majorTicks
        if not ticks:
            continue
        tick = ticks[0]
        if tick.label2.get_visible():  # labels on the top or right side
            raise _NeedsFullLayout
        if not tick.label1.get_visible():
            continue
        locs = axis.get_minorticklocs() if minor else axis.get_majorticklocs()
        lo, hi = sorted(axis.get_view_interval())
        eps = (hi - lo) * 1e-10
        locs = [v for v in locs if lo - eps <= v <= hi + eps]
        if not locs:
            continue
        formatter = axis.get_minor_formatter() if minor else axis.get_major_formatter()
        labels = formatter.format_ticks(locs)
        if formatter.get_offset() if hasattr(formatter, "get_offset") else False:
            raise _NeedsFullLayout  # an offset text ("1e6") beside the axis
        label = tick.label1
        if label.get_rotation() and label.get_rotation_mode() not in (None, "default"):
            raise _NeedsFullLayout
        prop = label.get_fontproperties()
        ha, va, rot = (
            label.get_horizontalalignment(),
            label.get_verticalalignment(),
            label.get_rotation(),
        )
        gap = (tick.get_tick_padding() + tick.get_pad()) * renderer.points_to_pixels(1.0)
        if which == "x":
            pos = ax.get_xaxis_transform().transform([(v, 0.0) for v in locs])[:, 0]
            y = ax.bbox.y0 - gap
            for x, text in zip(pos, labels):
                box = _text_extent(renderer, text, prop, x, y, ha, va, rot)
                if box is not None:
                    boxes.append(box)
        else:
            pos = ax.get_yaxis_transform().transform([(0.0, v) for v in locs])[:, 1]
            x = ax.bbox.x0 - gap
            for y, text in zip(pos, labels):
                box = _text_extent(renderer, text, prop, x, y, ha, va, rot)
                if box is not None:
                    boxes.append(box)
    return boxes


def _axes_margins(ax: Axes, renderer: Any) -> tuple[float, float, float, float]:
    """Pixels needed (left, right, bottom, top) around ``ax`` by its texts."""
    from matplotlib.text import Text

    if (
        ax.xaxis.get_ticks_position() not in ("bottom", "default")
        or ax.xaxis.get_label_position() != "bottom"
    ):
        raise _NeedsFullLayout
    if (
        ax.yaxis.get_ticks_position() not in ("left", "default")
        or str(ax.yaxis.get_label_position()) != "left"
    ):
        raise _NeedsFullLayout
    bb = ax.bbox
    boxes: list[tuple[float, ...]] = [(bb.x0, bb.y0, bb.x1, bb.y1)]
    xticks = _tick_boxes(ax, ax.xaxis, renderer, "x")
    yticks = _tick_boxes(ax, ax.yaxis, renderer, "y")
    boxes += xticks + yticks
    pt = renderer.points_to_pixels(1.0)
    xlabel, ylabel = ax.xaxis.label, ax.yaxis.label
    if xlabel.get_visible() and xlabel.get_text():
        spine_gap = (ax.xaxis.majorTicks[0].get_tick_padding() if ax.xaxis.majorTicks else 0.0) * pt
        top = min([b[1] for b in xticks] + [bb.y0 - spine_gap]) - ax.xaxis.labelpad * pt
        box = _text_extent(
            renderer,
            xlabel.get_text(),
            xlabel.get_fontproperties(),
            (bb.x0 + bb.x1) / 2.0,
            top,
            "center",
            "top",
            xlabel.get_rotation(),
        )
        if box is not None:
            boxes.append(box)
    if ylabel.get_visible() and ylabel.get_text():
        spine_gap = (ax.yaxis.majorTicks[0].get_tick_padding() if ax.yaxis.majorTicks else 0.0) * pt
        right = min([b[0] for b in yticks] + [bb.x0 - spine_gap]) - ax.yaxis.labelpad * pt
        box = _text_extent(
            renderer,
            ylabel.get_text(),
            ylabel.get_fontproperties(),
            right,
            (bb.y0 + bb.y1) / 2.0,
            "right",
            "center",
            ylabel.get_rotation(),
        )
        if box is not None:
            boxes.append(box)
    pad = ax.titleOffsetTrans.get_matrix()[1, 2] if hasattr(ax, "titleOffsetTrans") else 6.0 * pt
    titles = (
        (ax.title, "center"),
        (ax._left_title, "left"),  # type: ignore[attr-defined]  # matplotlib keeps no public handle
        (ax._right_title, "right"),  # type: ignore[attr-defined]
    )
    for title, ha in titles:
        if not (title.get_visible() and title.get_text()):
            continue
        x = {"left": bb.x0, "center": (bb.x0 + bb.x1) / 2.0, "right": bb.x1}[ha]
        box = _text_extent(
            renderer,
            title.get_text(),
            title.get_fontproperties(),
            x,
            bb.y1 + pad,
            title.get_horizontalalignment(),
            title.get_verticalalignment(),
            title.get_rotation(),
        )
        if box is not None:
            boxes.append(box)
    for text in ax.texts:
        if not (isinstance(text, Text) and text.get_visible() and text.get_text()):
            continue
        if not text.get_in_layout():
            continue
        try:
            if text.get_rotation() and text.get_rotation_mode() not in (None, "default"):
                raise _NeedsFullLayout
            x, y = text.get_transform().transform(text.get_unitless_position())
            box = _text_extent(
                renderer,
                text.get_text(),
                text.get_fontproperties(),
                float(x),
                float(y),
                text.get_horizontalalignment(),
                text.get_verticalalignment(),
                text.get_rotation(),
            )
        except _NeedsFullLayout:
            ext = text.get_window_extent(renderer)
            box = (ext.x0, ext.y0, ext.x1, ext.y1)
        if box is not None and all(map(math.isfinite, box)):
            boxes.append(box)
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    return max(bb.x0 - x0, 0.0), max(x1 - bb.x1, 0.0), max(bb.y0 - y0, 0.0), max(y1 - bb.y1, 0.0)


def _fast_layout(figure: Figure, renderer: Any) -> bool:
    """Place the subplots of ``figure`` from measured text sizes (see :func:`render_png`).

    Returns False (and leaves the figure alone) for figures it does not model.
    """
    from matplotlib.gridspec import GridSpec

    axes = [ax for ax in figure.axes if ax.get_visible()]
    if not axes or figure.texts or figure.legends or getattr(figure, "_suptitle", None):
        return False
    specs = [spec for spec in (ax.get_subplotspec() for ax in axes) if spec is not None]
    if len(specs) != len(axes):
        return False
    grid = specs[0].get_gridspec()
    if not isinstance(grid, GridSpec) or any(spec.get_gridspec() is not grid for spec in specs):
        return False
    nrows, ncols = grid.get_geometry()
    widths, heights = grid.get_width_ratios(), grid.get_height_ratios()
    if (widths is not None and np.unique(np.asarray(widths)).size > 1) or (
        heights is not None and np.unique(np.asarray(heights)).size > 1
    ):
        return False
    width, height = figure.bbox.width, figure.bbox.height
    pad = 4.0 * renderer.points_to_pixels(1.0)
    engine = original = figure.get_layout_engine()
    try:
        for _ in range(2):  # ticks can change with the axes' size: measure again once
            need = [_axes_margins(ax, renderer) for ax in axes]
            left = right = bottom = top = gap_w = gap_h = 0.0
            col_l: dict[int, float] = {}
            col_r: dict[int, float] = {}
            row_b: dict[int, float] = {}
            row_t: dict[int, float] = {}
            for spec, (l_, r_, b_, t_) in zip(specs, need):
                c0, c1 = spec.colspan.start, spec.colspan.stop - 1
                r0, r1 = spec.rowspan.start, spec.rowspan.stop - 1
                col_l[c0] = max(col_l.get(c0, 0.0), l_)
                col_r[c1] = max(col_r.get(c1, 0.0), r_)
                row_t[r0] = max(row_t.get(r0, 0.0), t_)
                row_b[r1] = max(row_b.get(r1, 0.0), b_)
            left = col_l.get(0, 0.0) + pad
            right = col_r.get(ncols - 1, 0.0) + pad
            top = row_t.get(0, 0.0) + pad
            bottom = row_b.get(nrows - 1, 0.0) + pad
            for c in range(ncols - 1):
                gap_w = max(gap_w, col_r.get(c, 0.0) + col_l.get(c + 1, 0.0) + pad)
            for r in range(nrows - 1):
                gap_h = max(gap_h, row_b.get(r, 0.0) + row_t.get(r + 1, 0.0) + pad)
            axes_w = (width - left - right - (ncols - 1) * gap_w) / ncols
            axes_h = (height - top - bottom - (nrows - 1) * gap_h) / nrows
            if axes_w < 0.25 * width / ncols or axes_h < 0.25 * height / nrows:
                raise _NeedsFullLayout  # texts larger than the figure: let matplotlib cope
            if engine is not None:
                figure.set_layout_engine("none")
                engine = None
            grid.update(
                left=left / width,
                right=1.0 - right / width,
                bottom=bottom / height,
                top=1.0 - top / height,
                wspace=gap_w / axes_w,
                hspace=gap_h / axes_h,
            )
            for ax, spec in zip(axes, specs):  # (update() moves pyplot's figures only)
                ax.set_position(spec.get_position(figure))
    except _NeedsFullLayout:
        if engine is not original:  # give the figure its own layout back
            figure.set_layout_engine(original)
            for ax in axes:
                ax.set_in_layout(True)
        return False
    for ax in axes:
        # Nothing sits above the axes (ticks and labels are at the bottom and left, no
        # offset text): the title stays where it is, so matplotlib need not measure the
        # y-axis again at draw time to check.
        ax._autotitlepos = False  # type: ignore[attr-defined]
    return True


_FILE_BACKENDS = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def _displays_figures() -> bool:
    """True when pyplot figures are shown (Jupyter inline, ipympl, a GUI backend)."""
    import matplotlib as mpl

    return str(mpl.get_backend()).lower() not in _FILE_BACKENDS


def _finish(ax: Axes) -> Axes:
    # Ticks are created lazily, and a tick made later copies the first tick's font: make
    # the first ones now, inside the style. Text objects of a caller's axes made before the
    # style was applied get the Hangul family now; axes made by new_axes inside the style
    # already have it (walking every text of those would only cost time).
    import matplotlib as mpl
    from matplotlib.text import Text

    for axis in (ax.xaxis, ax.yaxis):
        axis.majorTicks[0]
        axis.minorTicks[0]
    if not getattr(ax.figure, "_innozone_styled", False):
        family = list(mpl.rcParams["font.family"])
        for axis in (ax.xaxis, ax.yaxis):
            axis.get_major_ticks()
            axis.get_minor_ticks()
        for text in ax.findobj(Text):
            text.set_fontfamily(family)
    # The same look on a caller's axes made outside the style.
    ax.set_axisbelow(True)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(
        grid_color=mpl.rcParams["grid.color"], grid_linewidth=mpl.rcParams["grid.linewidth"]
    )
    return ax


def _as_float(value: Any, what: str) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{what} must be a number, got {value!r}") from exc
    return out


def _quantile_columns(frame: pd.DataFrame) -> list[float]:
    qs: list[float] = []
    for col in frame.columns:
        try:
            q = float(col)
        except (TypeError, ValueError):
            continue
        if not 0.0 <= q <= 1.0:
            raise InvalidInputError(f"fan_chart: quantile column {col!r} is outside [0, 1]")
        qs.append(q)
    return sorted(qs)


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python scalar it holds (for readable error messages)."""
    return value.item() if isinstance(value, np.generic) else value


def _fmt_number(value: float) -> str:
    if not math.isfinite(value):
        return "–"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:,.2f}"


# ---------------------------------------------------------------------------- charts
def fan_chart(
    quantiles: pd.DataFrame,
    *,
    target: float | pd.Series | Mapping[int, float] | None = None,
    observed: pd.Series | None = None,
    probability: float | None = None,
    title: str | None = None,
    ylabel: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Fan chart: projection quantiles by year as nested bands, with a target.

    Parameters
    ----------
    quantiles : pandas.DataFrame
        Index: years. Columns: quantile levels in [0, 1] (floats or strings such as
        ``"0.05"``); each pair of levels symmetric around the median becomes a band
        (outer bands lighter), and the 0.5 column, if present, the median line. Other
        columns (e.g. ``"mean"``) are ignored.
    target : float, pandas.Series or mapping year -> value, optional
        A constant target (horizontal line) or targets by year (markers and a step line).
    observed : pandas.Series, optional
        History by year, drawn as a black line with dots.
    probability : float, optional
        Probability of reaching the target, written in the corner of the plot.
    title, ylabel : str, optional
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made if None.
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    innozone.InvalidInputError
        If ``quantiles`` has no quantile columns, an empty index, or a level outside
        [0, 1]; if ``probability`` is outside [0, 1].
    """
    from matplotlib.ticker import MaxNLocator

    lang = check_lang(lang)
    if not isinstance(quantiles, pd.DataFrame) or quantiles.empty:
        raise InvalidInputError("fan_chart: quantiles must be a non-empty DataFrame")
    levels = _quantile_columns(quantiles)
    if not levels:
        raise InvalidInputError(
            "fan_chart: quantiles has no quantile columns (expected levels such as 0.05, "
            f"0.5, 0.95); columns are {list(quantiles.columns)}"
        )
    if probability is not None and not 0.0 <= _as_float(probability, "probability") <= 1.0:
        raise InvalidInputError(f"fan_chart: probability must be in [0, 1], got {probability}")
    by_level = {float(c): quantiles[c].astype(float) for c in quantiles.columns if _is_level(c)}
    years = np.asarray(quantiles.index, dtype=float)
    with style():
        ax = new_axes(ax)
        lower = [q for q in levels if q < 0.5]
        n_bands = len(lower)
        for i, lo in enumerate(lower):  # outermost first
            hi = _closest(levels, 1.0 - lo)
            if hi is None or hi <= 0.5:
                continue
            alpha = 0.18 + 0.32 * (i + 1) / max(n_bands, 1)
            ax.fill_between(
                years,
                by_level[lo].to_numpy(),
                by_level[hi].to_numpy(),
                color=COLORS["primary"],
                alpha=alpha,
                linewidth=0,
                label=label("band", lang, lo=round(lo * 100, 1), hi=round(hi * 100, 1)),
            )
        if 0.5 in by_level:
            ax.plot(
                years,
                by_level[0.5].to_numpy(),
                color=COLORS["primary"],
                linewidth=2.0,
                label=label("median", lang),
            )
        if observed is not None:
            obs = pd.Series(observed).dropna().astype(float)
            ax.plot(
                np.asarray(obs.index, dtype=float),
                obs.to_numpy(),
                color="black",
                marker="o",
                markersize=4,
                linewidth=1.4,
                label=label("observed", lang),
            )
        if target is not None:
            if isinstance(target, (pd.Series, Mapping)):
                tgt = pd.Series(target, dtype=float).sort_index()
                ax.plot(
                    np.asarray(tgt.index, dtype=float),
                    tgt.to_numpy(),
                    color=COLORS["accent"],
                    linestyle="--",
                    marker="D",
                    markersize=5,
                    linewidth=1.4,
                    label=label("target", lang),
                )
            else:
                ax.axhline(
                    _as_float(target, "target"),
                    color=COLORS["accent"],
                    linestyle="--",
                    linewidth=1.4,
                    label=label("target", lang),
                )
        if probability is not None:
            ax.text(
                1.0,
                1.01,
                f"{label('p_reach', lang)}: {100 * float(probability):.0f} %",
                transform=ax.transAxes,
                va="bottom",
                ha="right",
                fontsize=9,
                color=COLORS["accent"],
            )
        ax.set_xlabel(label("year", lang))
        if ylabel:
            ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="best")
        return _finish(ax)


def _is_level(col: Any) -> bool:
    try:
        q = float(col)
    except (TypeError, ValueError):
        return False
    return 0.0 <= q <= 1.0


def _closest(levels: Sequence[float], want: float) -> float | None:
    best = min(levels, key=lambda q: abs(q - want))
    return best if abs(best - want) < 1e-9 else None


def funnel_chart(
    stages: pd.Series | Mapping[str, float],
    *,
    title: str | None = None,
    unit: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Funnel chart: one centred horizontal bar per stage, widest first.

    Each bar is labelled with its value and, from the second stage on, its conversion
    from the previous stage (value / previous value).

    Parameters
    ----------
    stages : pandas.Series or mapping label -> value
        Stage values in funnel order (e.g. technologies transferred, companies founded,
        surviving companies). Values must be finite and non-negative.
    title, unit : str, optional
        ``unit`` is appended to each value label.
    ax : matplotlib.axes.Axes, optional
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar (:class:`matplotlib.patches.Rectangle`) per stage in ``ax.patches``.

    Raises
    ------
    innozone.InvalidInputError
        If there are no stages or a value is negative or not finite.
    """
    lang = check_lang(lang)
    series = pd.Series(stages, dtype=float)
    if series.empty:
        raise InvalidInputError("funnel_chart: stages is empty")
    bad = series[~np.isfinite(series.to_numpy()) | (series.to_numpy() < 0)]
    if not bad.empty:
        raise InvalidInputError(
            f"funnel_chart: stage values must be finite and >= 0; bad stages: {bad.to_dict()}"
        )
    with style():
        ax = new_axes(ax)
        n = len(series)
        ypos = np.arange(n)[::-1]
        width = series.to_numpy()
        colors = [_CYCLE[i % len(_CYCLE)] for i in range(n)]
        ax.barh(ypos, width, left=-width / 2.0, color=colors, height=0.7)
        top = float(width.max()) if width.max() > 0 else 1.0
        for i, (_name, value) in enumerate(series.items()):
            text = _fmt_number(float(value)) + (f" {unit}" if unit else "")
            if i > 0 and series.iloc[i - 1] > 0:
                rate = value / series.iloc[i - 1]
                text += f"  ({label('of_previous', lang)} {100 * rate:.0f} %)"
            ax.text(
                top * 0.52,
                ypos[i],
                text,
                va="center",
                ha="left",
                fontsize=9,
            )
        ax.set_yticks(ypos, [str(s) for s in series.index])
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(-top * 0.55, top * 1.35)
        ax.set_xticks([])
        ax.grid(False)
        for side in ("bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(title or label("funnel", lang))
        return _finish(ax)


_SOURCE_KEYS = {
    "national": "national",
    "local": "local",
    "private": "private",
    "other": "other",
    "not_itemised": "not_itemised",
    "unallocated": "not_itemised",
}


def stacked_bars(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    ylabel: str | None = None,
    hatched: Sequence[str] = ("not_itemised", "unallocated"),
    totals: bool = True,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Stacked bars, e.g. a budget by year (rows) and funding source (columns).

    Parameters
    ----------
    frame : pandas.DataFrame
        Index: the bar positions (years). Columns: the stacked parts (funding sources or
        components). NaN counts as zero. Column names that are funding-source keys
        (``national``, ``local``, ``private``, ``other``, ``not_itemised``) are shown
        with their label in ``lang``.
    title, ylabel : str, optional
        ``ylabel`` defaults to "Budget (억원)".
    hatched : sequence of str
        Columns drawn grey and hatched: money whose split is not known (Gimhae phase 2
        gives 90억 national of 180억 and leaves the rest unsplit).
    totals : bool
        Write each bar's total above it.
    ax : matplotlib.axes.Axes, optional
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.

    Returns
    -------
    matplotlib.axes.Axes
        ``len(frame) * len(frame.columns)`` bars in ``ax.patches``.

    Raises
    ------
    innozone.InvalidInputError
        If the frame is empty or holds a negative value (the message names row and column).
    """
    lang = check_lang(lang)
    if not isinstance(frame, pd.DataFrame) or frame.empty or frame.shape[1] == 0:
        raise InvalidInputError("stacked_bars: frame must be a non-empty DataFrame")
    data = frame.astype(float).fillna(0.0)
    neg = np.argwhere(data.to_numpy() < 0)
    if len(neg):
        r, c = neg[0]
        raise InvalidInputError(
            f"stacked_bars: negative value {float(data.to_numpy()[r, c])} at row {_plain(data.index[r])!r}, "
            f"column {_plain(data.columns[c])!r}"
        )
    with style():
        ax = new_axes(ax)
        x = np.arange(len(data))
        bottom = np.zeros(len(data))
        color_i = 0
        for col in data.columns:
            values = data[col].to_numpy()
            key = _SOURCE_KEYS.get(str(col))
            name = label(key, lang) if key else str(col)
            if str(col) in hatched:
                kwargs: dict[str, Any] = {
                    "color": "#E0E0E0",
                    "hatch": "///",
                    "edgecolor": COLORS["neutral"],
                    "linewidth": 0.5,
                }
            else:
                kwargs = {"color": _CYCLE[color_i % len(_CYCLE)]}
                color_i += 1
            ax.bar(x, values, bottom=bottom, width=0.65, label=name, **kwargs)
            bottom = bottom + values
        if totals:
            for xi, total in zip(x, bottom):
                ax.text(
                    float(xi),
                    float(total),
                    _fmt_number(float(total)),
                    ha="center",
                    va="bottom",
                    fontsize=8.5,
                )
            ax.set_ylim(0, float(bottom.max()) * 1.3 if bottom.max() > 0 else 1.0)
        ax.set_xticks(x, [str(i) for i in data.index])
        ax.set_ylabel(ylabel or label("budget_eok", lang))
        if title:
            ax.set_title(title)
        ax.legend(loc="upper left", ncol=min(len(data.columns), 4))
        return _finish(ax)


def tornado(
    frame: pd.DataFrame,
    *,
    base: float | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    max_bars: int | None = 12,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Tornado chart of one-at-a-time sensitivity.

    Parameters
    ----------
    frame : pandas.DataFrame
        Index: input (parameter) names. Columns ``low`` and ``high``: the output when the
        input is at its low and at its high value. An optional ``base`` column gives the
        base output (the same in every row).
    base : float, optional
        Base output; taken from ``frame["base"]`` if None.
    title, xlabel : str, optional
    max_bars : int or None
        Keep the inputs with the largest swing only.
    ax : matplotlib.axes.Axes, optional
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.

    Returns
    -------
    matplotlib.axes.Axes
        Two bars per input shown (low side, high side), widest swing at the top.

    Raises
    ------
    innozone.InvalidInputError
        If a column is missing, no base is given, or a value is not finite.
    """
    lang = check_lang(lang)
    for col in ("low", "high"):
        if not isinstance(frame, pd.DataFrame) or col not in frame.columns:
            raise InvalidInputError(
                f"tornado: frame needs columns 'low' and 'high' (missing {col!r})"
            )
    if frame.empty:
        raise InvalidInputError("tornado: frame is empty")
    if base is None:
        if "base" not in frame.columns:
            raise InvalidInputError("tornado: give base= or a 'base' column")
        base = float(frame["base"].iloc[0])
    base = _as_float(base, "base")
    data = frame[["low", "high"]].astype(float)
    if not np.isfinite(data.to_numpy()).all():
        bad = data.index[~np.isfinite(data.to_numpy()).all(axis=1)].tolist()
        raise InvalidInputError(f"tornado: non-finite low/high for inputs {bad}")
    swing = (data["high"] - data["low"]).abs()
    order = swing.sort_values(ascending=True).index
    if max_bars is not None:
        order = order[-max_bars:]
    data = data.loc[order]
    with style():
        ax = new_axes(ax)
        y = np.arange(len(data))
        low = data["low"].to_numpy() - base
        high = data["high"].to_numpy() - base
        ax.barh(y, low, left=base, color=COLORS["sky"], height=0.6, label=label("low_input", lang))
        ax.barh(
            y, high, left=base, color=COLORS["primary"], height=0.6, label=label("high_input", lang)
        )
        ax.axvline(base, color="black", linewidth=1.0)
        ax.set_yticks(y, [str(i) for i in data.index])
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        ax.set_xlabel(xlabel or label("output", lang))
        ax.set_title(title or label("tornado", lang))
        ax.legend(loc="best")
        return _finish(ax)


def sobol_bars(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Grouped horizontal bars of Sobol' first-order (S1) and total (ST) indices.

    Parameters
    ----------
    frame : pandas.DataFrame
        Index: input names. Columns ``S1`` and ``ST``; optional ``S1_conf`` and ``ST_conf``
        (half-widths of the confidence intervals, as SALib names them) drawn as error bars.
    title : str, optional
    ax : matplotlib.axes.Axes, optional
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.

    Returns
    -------
    matplotlib.axes.Axes
        ``2 * len(frame)`` bars, inputs sorted by ST (largest at the top).

    Raises
    ------
    innozone.InvalidInputError
        If ``S1`` or ``ST`` is missing or not finite.
    """
    lang = check_lang(lang)
    for col in ("S1", "ST"):
        if not isinstance(frame, pd.DataFrame) or col not in frame.columns:
            raise InvalidInputError(
                f"sobol_bars: frame needs columns 'S1' and 'ST' (missing {col!r})"
            )
    if frame.empty:
        raise InvalidInputError("sobol_bars: frame is empty")
    data = frame.astype(float).sort_values("ST", ascending=True)
    if not np.isfinite(data[["S1", "ST"]].to_numpy()).all():
        raise InvalidInputError("sobol_bars: S1 and ST must be finite")
    with style():
        ax = new_axes(ax)
        y = np.arange(len(data))
        h = 0.38
        for offset, col, color, key in (
            (h / 2, "ST", COLORS["primary"], "total_order"),
            (-h / 2, "S1", COLORS["orange"], "first_order"),
        ):
            err = data[f"{col}_conf"].to_numpy() if f"{col}_conf" in data.columns else None
            ax.barh(
                y + offset,
                data[col].to_numpy(),
                height=h,
                color=color,
                xerr=err,
                error_kw={"ecolor": "#333333", "capsize": 2, "linewidth": 0.8},
                label=label(key, lang),
            )
        ax.set_yticks(y, [str(i) for i in data.index])
        ax.axvline(0.0, color="black", linewidth=0.8)
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        ax.set_xlabel(label("index", lang))
        ax.set_title(title or label("sobol", lang))
        ax.legend(loc="lower right")
        return _finish(ax)


_CONF_ALPHA = {"high": 1.0, "medium": 0.6, "low": 0.3}


def zone_comparison(
    frame: pd.DataFrame,
    value: str,
    *,
    highlight: str | Sequence[str] | None = None,
    confidence: str | None = "confidence",
    flagged: Sequence[str] = (),
    title: str | None = None,
    xlabel: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Axes:
    """Zones side by side: one horizontal bar per zone, sorted, one zone highlighted.

    The data's confidence stays visible: bars of medium confidence are lighter, low
    confidence lighter still and hatched; zones without a value are listed with
    "no data" instead of being dropped.

    Parameters
    ----------
    frame : pandas.DataFrame
        Index: zone names. Must hold column ``value``.
    value : str
        Column to plot.
    highlight : str or sequence of str, optional
        Zone(s) drawn in the accent colour (e.g. ``"김해"``).
    confidence : str or None
        Column with ``high``/``medium``/``low`` per zone; ignored if absent or None.
    flagged : sequence of str
        Zones whose value carries a caveat (e.g. a window not yet over): their value label
        gets an asterisk.
    title, xlabel : str, optional
    ax : matplotlib.axes.Axes, optional
    lang : {"ko", "en"} or None
        None means :data:`innozone.options.lang`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per zone with a value in ``ax.patches``.

    Raises
    ------
    innozone.InvalidInputError
        If ``value`` is not a column, a value is negative, or a confidence is unknown.
    """
    lang = check_lang(lang)
    if not isinstance(frame, pd.DataFrame) or value not in frame.columns:
        cols = list(frame.columns) if isinstance(frame, pd.DataFrame) else None
        raise InvalidInputError(f"zone_comparison: no column {value!r}; columns are {cols}")
    if frame.empty:
        raise InvalidInputError("zone_comparison: frame is empty")
    values = pd.to_numeric(frame[value], errors="coerce").astype(float)
    if (values.dropna() < 0).any():
        raise InvalidInputError(
            f"zone_comparison: column {value!r} has negative values: {values[values < 0].to_dict()}"
        )
    conf = None
    if confidence is not None and confidence in frame.columns:
        conf = frame[confidence].fillna("low").astype(str)
        unknown = sorted(set(conf) - set(_CONF_ALPHA))
        if unknown:
            raise InvalidInputError(
                f"zone_comparison: column {confidence!r} has unknown levels {unknown}; "
                "use high, medium or low"
            )
    from matplotlib.patches import Patch

    marked = {highlight} if isinstance(highlight, str) else set(highlight or ())
    order = values.fillna(-1.0).sort_values(ascending=True).index
    with style():
        ax = new_axes(ax, figsize=(7.0, max(3.0, 0.32 * len(order) + 1.2)))
        y = np.arange(len(order))
        top = float(values.max()) if values.notna().any() and values.max() > 0 else 1.0
        for yi, zone in zip(y, order):
            v = values.loc[zone]
            if not math.isfinite(v):
                ax.text(
                    top * 0.01,
                    float(yi),
                    label("no_data", lang),
                    va="center",
                    ha="left",
                    fontsize=8.5,
                    color=COLORS["neutral"],
                )
                continue
            level = conf.loc[zone] if conf is not None else "high"
            color = COLORS["accent"] if zone in marked else COLORS["primary"]
            ax.barh(
                yi,
                v,
                height=0.65,
                color=color,
                alpha=_CONF_ALPHA[level],
                hatch="///" if level == "low" else None,
                edgecolor="white",
                linewidth=0,
            )
            ax.text(
                v + top * 0.01,
                float(yi),
                _fmt_number(float(v)) + (" *" if zone in set(flagged) else ""),
                va="center",
                ha="left",
                fontsize=8.5,
            )
        ax.set_yticks(y, [str(z) for z in order])
        for tick in ax.get_yticklabels():
            if tick.get_text() in marked:
                tick.set_fontweight("bold")
                tick.set_color(COLORS["accent"])
        ax.set_xlim(0, top * 1.15)
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        ax.set_xlabel(xlabel or value)
        ax.set_title(title or label("zones", lang))
        if conf is not None:
            handles = [
                Patch(
                    facecolor=COLORS["primary"],
                    alpha=_CONF_ALPHA[lv],
                    hatch="///" if lv == "low" else None,
                    edgecolor="white",
                    label=f"{label('confidence', lang)}: {label('conf_' + lv, lang)}",
                )
                for lv in ("high", "medium", "low")
            ]
            ax.legend(handles=handles, loc="lower right")
        return _finish(ax)
