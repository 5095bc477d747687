"""flowdsl.render.convert: PNG and PDF in-process (typst), compared with rsvg-convert."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

import pngread
from conftest import HAVE_RSVG, HAVE_TYPST, ROOT

from flowdsl.render import backend, convert
from flowdsl.render.children import BackendMissing, RenderError

needs_typst = pytest.mark.skipif(not HAVE_TYPST, reason="the typst wheel is not installed")
needs_both = pytest.mark.skipif(not (HAVE_TYPST and HAVE_RSVG), reason="needs typst and rsvg-convert")
HAVE_CJK = shutil.which("fc-list") is not None and "CJK" in subprocess.run(
    ["fc-list", ":lang=zh"], capture_output=True, text=True).stdout

FONTS = "font-family='\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif'"
TEXT_SVG = (f"<?xml version='1.0' encoding='UTF-8'?>\n<svg xmlns='http://www.w3.org/2000/svg' width='200pt' "
            f"height='60pt' viewBox='0 0 200 60'><g {FONTS}><rect x='5' y='5' width='190' height='50' fill='none' "
            "stroke='#1a1a1a' stroke-width='1.3'/><text x='100' y='38' font-size='20' text-anchor='middle' "
            "fill='#1a1a1a'>物资订货 F1</text></g></svg>").encode("utf-8")


def test_svg_size_in_points():
    assert convert.svg_size_pt(b"<svg width='548.00pt' height='277pt'>") == (548.0, 277.0)
    assert convert.svg_size_pt(b'<?xml version="1.0"?><svg height="40" width="80px">') == (60.0, 30.0)
    assert convert.svg_size_pt(b"<svg width='1in' height='25.4mm'>") == pytest.approx((72.0, 72.0))
    for bad in (b"<svg width='100%' height='50pt'>", b"<svg viewBox='0 0 1 1'>", b"<html>",
                b"<svg width='0' height='5'>"):
        with pytest.raises(convert.Unsupported):
            convert.svg_size_pt(bad)


@needs_typst
def test_png_size_and_zoom_follow_rsvg_convert():
    # rsvg-convert: 96 pixels per inch at zoom 1, so 200 pt -> 266.67 px
    assert pngread.size(convert.convert([TEXT_SVG], "png")) in ((267, 80), (266, 80))
    assert pngread.size(convert.convert([TEXT_SVG], "png", zoom=1.5)) == (400, 120)


@needs_typst
def test_pdf_pages_sizes_and_fonts(tmp_path):
    pdfinfo = shutil.which("pdfinfo")
    other = TEXT_SVG.replace(b"width='200pt' height='60pt'", b"width='100pt' height='300pt'")
    pdf = convert.convert([TEXT_SVG, other, TEXT_SVG], "pdf", zoom=2.0)
    assert pdf.startswith(b"%PDF-")
    assert pdf == convert.convert([TEXT_SVG, other, TEXT_SVG], "pdf", zoom=2.0)   # same bytes
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    if pdfinfo:
        info = subprocess.run([pdfinfo, "-f", "1", "-l", "3", str(path)], capture_output=True, text=True).stdout
        assert "Pages:           3" in info
        sizes = [" ".join(line.split()[3:6]) for line in info.splitlines() if line.startswith("Page ") and " size:" in line]
        assert sizes == ["400 x 120", "200 x 600", "400 x 120"], info
        assert "Sat Jan  1 00:00:00 2000" in info
    if HAVE_CJK and shutil.which("pdffonts") and shutil.which("pdftotext"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        cjk = [line for line in fonts.splitlines() if "CJK" in line or "YaHei" in line or "PingFang" in line]
        assert cjk and all(" yes yes yes " in line for line in cjk), fonts   # embedded, subset, unicode
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout.decode("utf-8")
        assert text.count("物资订货 F1") == 3, text                            # text, not outlines


@needs_typst
def test_the_pdf_does_not_depend_on_the_process():
    code = ("import sys; from flowdsl.render import convert; "
            "sys.stdout.buffer.write(convert.convert([sys.stdin.buffer.read()], 'pdf'))")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    other = subprocess.run([sys.executable, "-c", code], input=TEXT_SVG, capture_output=True, env=env,
                           cwd=ROOT, check=True).stdout
    assert other == convert.convert([TEXT_SVG], "pdf")


def _diff(a: bytes, b: bytes) -> tuple[float, float]:
    """Mean grey difference and the share of pixels differing by more than 96."""
    wa, ha, ra = pngread.grey(a)
    wb, hb, rb = pngread.grey(b)
    assert abs(wa - wb) <= 1 and abs(ha - hb) <= 1, ((wa, ha), (wb, hb))
    total = far = n = 0
    for y in range(min(ha, hb)):
        for x in range(min(wa, wb)):
            d = abs(ra[y][x] - rb[y][x])
            total += d
            far += d > 96
            n += 1
    return total / n, far / n


def _ink(png: bytes) -> int:
    _, _, rows = pngread.grey(png)
    return sum(1 for r in rows for g in r if g < 128)


@needs_both
def test_cjk_text_is_drawn_like_rsvg_convert():
    ours = convert.convert([TEXT_SVG], "png", zoom=1.5)
    theirs = backend._run_rsvg_program([TEXT_SVG], "png", 30, 1.5)
    mean, far = _diff(ours, theirs)
    assert mean < 6 and far < 0.01, (mean, far)   # antialiasing of glyph edges only
    # the text is drawn (no empty box): far more ink than the frame alone
    frame = TEXT_SVG.replace("物资订货 F1".encode("utf-8"), b"")
    assert _ink(ours) > _ink(convert.convert([frame], "png", zoom=1.5)) + 500


@needs_both
@pytest.mark.parametrize("name", ["01-purchasing.flow", "04-writeoff.flow"])
def test_sample_pngs_match_rsvg_convert_pixel_by_pixel(name):
    import flowdsl
    from flowdsl.render import render_svg

    view = flowdsl.load(os.path.join(ROOT, "samples", name)).views[1].view   # a DFD level
    svg = render_svg(view).encode("utf-8")
    mean, far = _diff(convert.convert([svg], "png", zoom=0.75), backend._run_rsvg_program([svg], "png", 30, 0.75))
    assert mean < 3 and far < 0.02, (mean, far)


def test_converter_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("FLOWDSL_CONVERTER", "paint")
    with pytest.raises(RenderError, match="FLOWDSL_CONVERTER"):
        backend.converter()
    monkeypatch.setenv("FLOWDSL_CONVERTER", "rsvg")
    monkeypatch.setenv("FLOWDSL_RSVG", str(tmp_path / "none"))
    with pytest.raises(BackendMissing, match="pip install typst"):
        backend.run_rsvg(TEXT_SVG, "png")
    monkeypatch.delenv("FLOWDSL_CONVERTER")
    assert backend.converter() == "rsvg"                 # FLOWDSL_RSVG names a program: it is used
    monkeypatch.delenv("FLOWDSL_RSVG")
    monkeypatch.setattr(convert, "_AVAILABLE", [False])  # the wheel missing: rsvg-convert
    assert backend.converter() == "rsvg"
    monkeypatch.setattr(convert, "_AVAILABLE", [True])
    assert backend.converter() == "typst"


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script as fake rsvg-convert")
def test_an_svg_without_a_size_falls_back_to_rsvg_convert(monkeypatch, tmp_path):
    fake = tmp_path / "rsvg-convert"
    fake.write_text("#!/bin/sh\ncat >/dev/null\nprintf 'FAKEPNG'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(convert, "_AVAILABLE", [True])
    assert backend.run_rsvg(b"<svg xmlns='http://www.w3.org/2000/svg' width='100%'/>", "png") == b"FAKEPNG"


@needs_both
def test_a_marked_figure_is_coloured_like_rsvg_convert():
    # the grading stylesheet (colours by CSS selectors) is applied by both converters
    import flowdsl
    from flowdsl.grade.figures import render_marked

    view = flowdsl.load(os.path.join(ROOT, "samples", "04-writeoff.flow")).views[1].view
    svg = render_marked(view, {"n1": "wrong", "n2": "missing"}, {1: "missing"}, "svg")
    plain = render_marked(view, {}, {}, "svg")
    ours, theirs = convert.convert([svg], "png", 0.75), backend._run_rsvg_program([svg], "png", 30, 0.75)
    mean, far = _diff(ours, theirs)
    assert mean < 3 and far < 0.005, (mean, far)
    assert _diff(ours, convert.convert([plain], "png", 0.75))[0] > mean   # the marks are drawn


def test_a_huge_png_is_scaled_down_to_the_pixel_cap(monkeypatch):
    huge = TEXT_SVG.replace(b"width='200pt' height='60pt'", b"width='15000pt' height='18000pt'")
    z = backend.png_zoom(huge, 1.5)
    w, h = 15000 * 4 / 3 * z, 18000 * 4 / 3 * z
    assert w * h == pytest.approx(backend.MAX_PNG_PIXELS, rel=1e-6) and z < 1.5
    assert backend.png_zoom(TEXT_SVG, 1.5) == 1.5                  # a normal drawing keeps its zoom
    if HAVE_TYPST:
        monkeypatch.setattr(backend, "MAX_PNG_PIXELS", 200 * 60)  # zoom 1.5 -> 0.75: 200 x 60 px
        assert pngread.size(backend.run_rsvg(TEXT_SVG, "png", zoom=1.5)) == (200, 60)
