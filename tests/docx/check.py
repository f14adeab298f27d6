#!/usr/bin/env python3
"""Checks baocao's Word reports as an independent OOXML reader would.

    python3 tests/docx/check.py [--config config/hanoi] [--expect-list]
        [--font NAME] [--pdf-dir DIR] REPORT.docx...

The reports are read with python-docx (and lxml through it where its API
stops), not with anything of baocao's, against Nghị định 30/2020/NĐ-CP as
docs/testing.md and /work/shared/spec/official-layout.md describe it:

- section: A4 (210 x 297 mm), margins 20 / 15 / 20 / 30 mm (top, right,
  bottom, left), each within 0.5 mm;
- fonts: the document default and the Normal style in Times New Roman (or
  --font), the body 13 or 14 pt;
- letterhead: the first body element is a two-column table; on the left the
  department in a bold run, on the right the nation in a bold run and the
  place and date in an italic one;
- title: a paragraph of style Title whose text is the report's title;
- page numbers from page 2: titlePg, a PAGE field in the default header,
  none in the first page's;
- tables: every table after a Caption paragraph has a caption "<prefix> N."
  with N = 1, 2, 3... and a SEQ field, and its header row(s) repeat
  (w:tblHeader);
- charts: each chart in the body is a Word chart part the document relates
  to, with a series and its cached figures, captioned "<prefix> N." (Hình,
  Figure, or the department's `figure_prefix`) with a SEQ field in the
  paragraph after it; the workbook embedded behind it (Word's "Edit
  Data"), read with openpyxl, holds the series' names, the categories and
  the values the chart shows, where its formulas point; with
  --expect-charts N, at least N of them;
- lists: every ListParagraph is numbered (numPr) by a w:num of
  numbering.xml; no item is a hand-typed "- ..." paragraph; with
  --expect-list, at least one list item;
- closing: the last body table has the recipients' label in a left cell and
  the signer's name in the right cell of the same row;
- every text in the package is NFC.

--config DIR reads DIR/department.toml for what the report must say (title,
department, nation, signer, recipients' label, caption prefix, font);
without it, the defaults of the report's language are expected.

--pdf-dir DIR also checks DIR/<name>.pdf, the report converted by
LibreOffice: it has pages (pdfinfo), page 1 shows the title and the
department, and page 2, if any, starts with its page number "2"
(pdftotext).

Prints "ok FILE: N tables, M list items, P paragraphs, C charts" per good file (N and
P count the body's top-level tables and paragraphs; "; PDF K pages" follows
with --pdf-dir), and "FAIL FILE:
[check] message" per failed check; exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tomllib
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

EMU_PER_MM = 36000
TOLERANCE_MM = 0.5
A4_MM = (210.0, 297.0)
MARGINS_MM = {"top": 20.0, "right": 15.0, "bottom": 20.0, "left": 30.0}

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Expect:
    """What the report must say, from --config and the options."""

    language: str | None = None
    font: str = "Times New Roman"
    title: str | None = None
    department: str | None = None
    nation: str | None = None
    signer: str | None = None
    recipients_label: str | None = None
    caption_prefix: str | None = None
    figure_prefix: str | None = None
    expect_list: bool = False
    expect_charts: int = 0

    def english(self, doc_lang: str) -> bool:
        return (self.language or doc_lang or "vi").lower().startswith("en")


@dataclass
class Report:
    path: Path
    failures: list[tuple[str, str]] = field(default_factory=list)
    counts: tuple[int, int, int] = (0, 0, 0)
    pages: int | None = None
    charts: int = 0

    def fail(self, check: str, message: str) -> None:
        self.failures.append((check, message))


# ---- reading ---------------------------------------------------------------


def text_of(el) -> str:
    """The text of an element as printed: w:t, tabs and breaks, including
    the results of simple fields (which python-docx's .text leaves out)."""
    parts = []
    for node in el.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            # a w:tab inside w:tabs (a tab stop) is not text
            if node.getparent().tag == qn("w:r"):
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def squash(s: str) -> str:
    """NFC, non-breaking spaces as spaces, runs of white space as one."""
    return " ".join(unicodedata.normalize("NFC", s).replace("\u00a0", " ").split())


def style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def effective(run, paragraph: Paragraph, attr: str) -> bool:
    """Whether a run is bold or italic (attr "bold" / "italic") as Word shows
    it: the run's own formatting, its character style, its paragraph's style
    and those it is based on, then the document defaults."""
    value = getattr(run.font, attr)
    if value is not None:
        return value
    if run.style is not None:
        for s in style_chain(run.style):
            if s.style_id == "DefaultParagraphFont":
                break
            value = getattr(s.font, attr)
            if value is not None:
                return value
    for s in style_chain(paragraph.style):
        value = getattr(s.font, attr)
        if value is not None:
            return value
    return False


def runs_with(cell, attr: str) -> list[str]:
    """The texts of the runs of a cell that are bold/italic."""
    found = []
    for p in cell.paragraphs:
        for r in p.runs:
            if r.text.strip() and effective(r, p, attr):
                found.append(squash(r.text))
    return found


def has_field(el, name: str) -> bool:
    """Whether an element holds a field `name` (PAGE, SEQ), simple or
    complex."""
    pattern = re.compile(rf"^\s*{name}\b")
    for f in el.iter(qn("w:fldSimple")):
        if pattern.match(f.get(qn("w:instr")) or ""):
            return True
    for t in el.iter(qn("w:instrText")):
        if pattern.match(t.text or ""):
            return True
    return False


def num_pr(paragraph: Paragraph):
    """The numPr of a paragraph, its own or its style's."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    for s in style_chain(paragraph.style):
        sppr = s.element.pPr
        if sppr is not None and sppr.numPr is not None:
            return sppr.numPr
    return None


# ---- the checks ------------------------------------------------------------


def check_section(doc, rep: Report) -> None:
    s = doc.sections[-1]
    if len(doc.sections) != 1:
        rep.fail("section", f"{len(doc.sections)} sections, expected 1")

    def mm(v):
        return None if v is None else v / EMU_PER_MM

    size = (mm(s.page_width), mm(s.page_height))
    if None in size or any(abs(a - b) > TOLERANCE_MM for a, b in zip(size, A4_MM)):
        rep.fail("section", f"page {size[0]} x {size[1]} mm, expected A4 210 x 297 mm")
    for side, want in MARGINS_MM.items():
        got = mm(getattr(s, f"{side}_margin"))
        if got is None or abs(got - want) > TOLERANCE_MM:
            shown = "missing" if got is None else f"{got:.2f} mm"
            rep.fail("section", f"{side} margin {shown}, expected {want:g} mm")


def check_fonts(doc, rep: Report, want_font: str) -> str:
    """Checks the default font and size; returns the document's language."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = ""
    default_font = default_size = None
    if rpr is not None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            default_font = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
            for key in ("w:hAnsi", "w:cs"):
                other = fonts.get(qn(key))
                if other is not None and other != want_font:
                    rep.fail("font", f"docDefaults {key[2:]} font is {other!r}, expected {want_font!r}")
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            default_size = int(sz.get(qn("w:val"))) / 2
        l = rpr.find(qn("w:lang"))
        if l is not None:
            lang = l.get(qn("w:val")) or ""
    normal = doc.styles["Normal"]
    font = normal.font.name or default_font
    if default_font is not None and default_font != want_font:
        rep.fail("font", f"docDefaults font is {default_font!r}, expected {want_font!r}")
    if font != want_font:
        rep.fail("font", f"the Normal style's font is {font!r}, expected {want_font!r}")
    size = normal.font.size.pt if normal.font.size is not None else default_size
    if size not in (13, 14):
        rep.fail("font", f"the body size (Normal style) is {size} pt, expected 13 or 14")
    return lang


def check_letterhead(blocks, rep: Report, exp: Expect, english: bool) -> None:
    if not blocks or not isinstance(blocks[0], Table):
        first = type(blocks[0]).__name__ if blocks else "nothing"
        rep.fail("letterhead", f"the first body element is {first}, expected a two-column table")
        return
    t = blocks[0]
    if len(t.columns) != 2 or not t.rows or len(t.rows[0].cells) != 2:
        rep.fail("letterhead", f"the first table has {len(t.columns)} columns, expected 2")
        return
    left, right = t.rows[0].cells
    bold_left = runs_with(left, "bold")
    if exp.department:
        if squash(exp.department) not in bold_left:
            rep.fail("letterhead", f"no bold run {exp.department!r} in the left cell (bold: {bold_left})")
    elif not bold_left:
        rep.fail("letterhead", "no bold run (the department) in the left cell")
    bold_right = runs_with(right, "bold")
    nation = exp.nation or (None if english else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    if nation:
        if squash(nation) not in bold_right:
            rep.fail("letterhead", f"no bold run {nation!r} in the right cell (bold: {bold_right})")
    elif not bold_right:
        rep.fail("letterhead", "no bold run (the nation) in the right cell")
    if not runs_with(right, "italic"):
        rep.fail("letterhead", "no italic run (the place and date) in the right cell")


def check_title(blocks, rep: Report, exp: Expect, english: bool) -> None:
    titles = [
        squash(text_of(b._p))
        for b in blocks
        if isinstance(b, Paragraph) and b.style is not None and b.style.style_id == "Title"
    ]
    wanted = [exp.title] if exp.title else (["REPORT"] if english else ["BÁO CÁO"])
    if not titles:
        rep.fail("title", "no paragraph of style Title")
    elif not any(t in map(squash, wanted) for t in titles):
        rep.fail("title", f"Title paragraph(s) {titles}, expected {wanted[0]!r}")


def check_page_numbers(doc, rep: Report) -> None:
    s = doc.sections[-1]
    if not s.different_first_page_header_footer:
        rep.fail("page numbers", "no w:titlePg: page 1 would show the number")
    header = s.header
    if header.is_linked_to_previous:
        rep.fail("page numbers", "no default header")
    elif not has_field(header._element, "PAGE"):
        rep.fail("page numbers", "the default header has no PAGE field")
    first = s.first_page_header
    if not first.is_linked_to_previous and has_field(first._element, "PAGE"):
        rep.fail("page numbers", "the first page's header has a PAGE field")


def check_tables(blocks, rep: Report, prefix: str) -> None:
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
    inner = set(tables[1:-1])  # not the letterhead, not the closing
    n = 0
    for i in sorted(inner):
        prev = blocks[i - 1] if i > 0 else None
        if not (isinstance(prev, Paragraph) and prev.style is not None and prev.style.style_id == "Caption"):
            continue
        n += 1
        caption = squash(text_of(prev._p))
        if not caption.startswith(f"{prefix} {n}."):
            rep.fail("tables", f"caption {caption!r}: expected it to start {prefix + ' ' + str(n) + '.'!r}")
        if not has_field(prev._p, "SEQ"):
            rep.fail("tables", f"caption {caption!r} has no SEQ field")
        check_header_rows(blocks[i], rep, caption)


C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


def check_workbook(chart_part, label: str, rep: Report) -> None:
    """The workbook embedded behind a chart (what Word's "Edit Data"
    opens), read with openpyxl, holds at each cell the chart's formulas
    name what the chart shows: each series' name, the categories, each
    value (a gap an empty cell)."""
    from lxml import etree
    import openpyxl

    books = [r for r in chart_part.rels.values() if r.reltype == PACKAGE_REL]
    if len(books) != 1:
        rep.fail("charts", f"{label}: {len(books)} embedded workbooks, expected 1")
        return
    try:
        book = openpyxl.load_workbook(io.BytesIO(books[0].target_part.blob))
    except Exception as e:  # noqa: BLE001 - any reason it cannot be read
        rep.fail("charts", f"{label}: its workbook cannot be read: {e}")
        return
    ns = {"c": C_NS}
    root = etree.fromstring(chart_part.blob)

    def cells(formula: str):
        sheet, _, ref = formula.partition("!")
        if sheet not in book.sheetnames:
            rep.fail("charts", f"{label}: {formula}: no sheet {sheet!r}")
            return None
        got = book[sheet][ref.replace("$", "")]
        if not isinstance(got, tuple):
            return [got.value]
        return [row[0].value if len(row) == 1 else row for row in got]

    def compare(what: str, formula: str, cached: dict, count: int, numbers: bool):
        values = cells(formula)
        if values is None:
            return
        if len(values) != count:
            rep.fail("charts", f"{label}: {what} {formula} has {len(values)} cells, the chart {count}")
            return
        for i, value in enumerate(values):
            want = cached.get(i)
            if numbers and want is not None:
                want = float(want)
            if value != want:
                rep.fail("charts", f"{label}: {what} {formula}, cell {i + 1}: {value!r} in the workbook, {want!r} in the chart")

    for ser in root.iterfind(".//c:ser", ns):
        name_f = ser.findtext("c:tx/c:strRef/c:f", namespaces=ns)
        name_v = ser.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", namespaces=ns)
        if name_f:
            compare("the series' name", name_f, {0: name_v}, 1, False)
        for what, path, cache, numbers in (
            ("the categories", "c:cat/c:strRef", "c:strCache", False),
            ("the values", "c:val/c:numRef", "c:numCache", True),
        ):
            formula = ser.findtext(f"{path}/c:f", namespaces=ns)
            if not formula:
                rep.fail("charts", f"{label}: {what} have no formula")
                continue
            count = int(ser.find(f"{path}/{cache}/c:ptCount", ns).get("val"))
            cached = {
                int(pt.get("idx")): pt.findtext("c:v", namespaces=ns)
                for pt in ser.iterfind(f"{path}/{cache}/c:pt", ns)
            }
            compare(what, formula, cached, count, numbers)


def check_charts(doc, blocks, rep: Report, prefix: str, expect: int) -> int:
    """Each chart placed in the body is a Word chart part the document
    relates to, with at least one series and its figures cached, and the
    paragraph after it is its caption "<prefix> N." with a SEQ field.
    Returns how many there are; fails with fewer than `expect`."""
    n = 0
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph):
            continue
        for chart in b._p.iter(f"{{{C_NS}}}chart"):
            n += 1
            rid = chart.get(R_ID)
            rel = doc.part.rels.get(rid)
            if rel is None:
                rep.fail("charts", f"chart {n}: relationship {rid!r} not found")
                continue
            xml = rel.target_part.blob
            for want in (b"<c:chartSpace", b"<c:ser>", b"<c:numCache>", b"<c:pt idx="):
                if want not in xml:
                    rep.fail("charts", f"chart {n} ({rel.target_ref}): no {want.decode()!r}")
            check_workbook(rel.target_part, f"chart {n} ({rel.target_ref})", rep)
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            caption = squash(text_of(after._p)) if isinstance(after, Paragraph) else ""
            if not caption.startswith(f"{prefix} {n}."):
                rep.fail("charts", f"chart {n}: caption {caption!r}, expected it to start {prefix + ' ' + str(n) + '.'!r}")
            elif not has_field(after._p, "SEQ"):
                rep.fail("charts", f"chart {n}: caption {caption!r} has no SEQ field")
    if n < expect:
        rep.fail("charts", f"{n} charts, expected at least {expect}")
    return n


def check_header_rows(t: Table, rep: Report, caption: str) -> None:
    rows = t._tbl.tr_lst
    if not rows:
        rep.fail("tables", f"{caption!r}: the table has no rows")
        return

    def is_header(tr) -> bool:
        trpr = tr.trPr
        if trpr is None:
            return False
        h = trpr.find(qn("w:tblHeader"))
        return h is not None and h.get(qn("w:val"), "true") not in ("0", "false", "off")

    if not is_header(rows[0]):
        rep.fail("tables", f"{caption!r}: the first row has no w:tblHeader (not repeated on each page)")
        return
    # A first row of groups (a cell spanning columns, or one merged down)
    # has the column headings under it: they must repeat too.
    grouped = any(
        tc.tcPr is not None
        and (
            (tc.tcPr.gridSpan is not None and tc.tcPr.gridSpan.val > 1)
            or tc.tcPr.find(qn("w:vMerge")) is not None
        )
        for tc in rows[0].tc_lst
    )
    if grouped and len(rows) > 1 and not is_header(rows[1]):
        rep.fail("tables", f"{caption!r}: the second header row (under the groups) has no w:tblHeader")
    # Word repeats only an unbroken run of header rows from the top.
    seen_body = False
    for k, tr in enumerate(rows):
        if not is_header(tr):
            seen_body = True
        elif seen_body:
            rep.fail("tables", f"{caption!r}: row {k + 1} is marked a header row below body rows")
            break


HAND_BULLET = re.compile(r"^[-+•–]\s")


def check_lists(doc, blocks, rep: Report, expect: bool) -> int:
    numbering = doc.part.numbering_part.element if _has_numbering(doc) else None
    nums = {}
    abstracts = set()
    if numbering is not None:
        for a in numbering.findall(qn("w:abstractNum")):
            abstracts.add(a.get(qn("w:abstractNumId")))
        for n in numbering.findall(qn("w:num")):
            a = n.find(qn("w:abstractNumId"))
            nums[n.get(qn("w:numId"))] = None if a is None else a.get(qn("w:val"))
    items = 0
    for b in blocks:
        if not isinstance(b, Paragraph):
            continue
        text = squash(text_of(b._p))
        if b.style is not None and b.style.style_id == "ListParagraph":
            items += 1
            pr = num_pr(b)
            num_id = None
            if pr is not None and pr.numId is not None:
                num_id = str(pr.numId.val)
            if num_id is None:
                rep.fail("lists", f"list item {text[:50]!r} has no numPr (a paragraph, not a list)")
            elif num_id not in nums:
                rep.fail("lists", f"list item {text[:50]!r}: numId {num_id} is not in numbering.xml")
            elif nums[num_id] not in abstracts:
                rep.fail("lists", f"list item {text[:50]!r}: numId {num_id} points to a missing abstractNum")
        elif HAND_BULLET.match(text) and num_pr(b) is None:
            rep.fail("lists", f"hand-typed list item {text[:50]!r} (style {b.style.style_id}, no numbering)")
    if expect and items == 0:
        rep.fail("lists", "no list item (ListParagraph), and --expect-list was given")
    return items


def _has_numbering(doc) -> bool:
    try:
        doc.part.numbering_part
    except (KeyError, NotImplementedError):
        return False
    return True


def check_closing(blocks, rep: Report, exp: Expect, english: bool) -> None:
    tables = [b for b in blocks if isinstance(b, Table)]
    if len(tables) < 2:
        rep.fail("closing", "no closing table after the letterhead")
        return
    label = squash(exp.recipients_label or ("Recipients" if english else "Nơi nhận")).rstrip(":")
    t = tables[-1]
    for row in t.rows:
        cells = row.cells
        if len(cells) < 2:
            continue
        left, right = squash(cells[0].text), squash(cells[-1].text)
        if label not in left:
            continue
        if exp.signer:
            if squash(exp.signer) not in right:
                rep.fail("closing", f"{label!r} is on the left but the signer {exp.signer!r} is not in the right cell of the same row (it has {right!r})")
        elif not runs_with(cells[-1], "bold"):
            rep.fail("closing", f"{label!r} is on the left but the right cell of the same row has no bold name")
        return
    rep.fail("closing", f"no row of the last table has {label!r} in its left cell")


def check_nfc(path: Path, rep: Report) -> None:
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".xml") and not name.endswith(".rels"):
                continue
            text = z.read(name).decode("utf-8")
            if not unicodedata.is_normalized("NFC", text):
                for line_no, chunk in enumerate(re.split(r"(?<=>)", text)):
                    if not unicodedata.is_normalized("NFC", chunk):
                        rep.fail("NFC", f"{name}: text not NFC near {chunk[:60]!r}")
                        break


# ---- the PDF LibreOffice made -------------------------------------------


def check_pdf(pdf: Path, rep: Report, exp: Expect, english: bool) -> None:
    """Checks the PDF LibreOffice made of the report; sets rep.pages."""
    if not pdf.is_file() or pdf.stat().st_size == 0:
        rep.fail("pdf", f"{pdf} is missing or empty (LibreOffice did not convert the report)")
        return
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    if info.returncode != 0 or not pages or int(pages.group(1)) == 0:
        rep.fail("pdf", f"{pdf}: no pages ({info.stderr.strip() or info.stdout.strip()})")
        return
    pages = int(pages.group(1))

    def page(n: int) -> str:
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        )
        return squash(out.stdout)

    first = page(1)
    title = exp.title or ("REPORT" if english else "BÁO CÁO")
    for what, want in (("title", title), ("department", exp.department)):
        if want and squash(want) not in first:
            rep.fail("pdf", f"{pdf.name} page 1 does not show the {what} {want!r}: {first[:200]!r}")
    rep.pages = pages
    if pages < 2:
        # a short report (another province's, with fewer figures) fits on
        # one page, which shows no number
        return
    second = page(2)
    if not re.match(r"2(\s|$)", second):
        rep.fail("pdf", f"{pdf.name} page 2 does not start with its number 2: {second[:80]!r}")


# ---- main ----------------------------------------------------------------


def check_file(path: Path, exp: Expect, pdf_dir: Path | None) -> Report:
    rep = Report(path)
    try:
        doc = docx.Document(str(path))
    except Exception as e:  # noqa: BLE001 - any reader error is the finding
        rep.fail("open", f"python-docx cannot read it: {type(e).__name__}: {e}")
        return rep
    blocks = list(doc.iter_inner_content())
    check_section(doc, rep)
    lang = check_fonts(doc, rep, exp.font)
    english = exp.english(lang)
    prefix = exp.caption_prefix or ("Table" if english else "Biểu")
    check_letterhead(blocks, rep, exp, english)
    check_title(blocks, rep, exp, english)
    check_page_numbers(doc, rep)
    check_tables(blocks, rep, prefix)
    figure = exp.figure_prefix or ("Figure" if english else "Hình")
    rep.charts = check_charts(doc, blocks, rep, figure, exp.expect_charts)
    items = check_lists(doc, blocks, rep, exp.expect_list)
    check_closing(blocks, rep, exp, english)
    check_nfc(path, rep)
    if pdf_dir is not None:
        check_pdf(pdf_dir / (path.stem + ".pdf"), rep, exp, english)
    rep.counts = (
        sum(isinstance(b, Table) for b in blocks),
        items,
        sum(isinstance(b, Paragraph) for b in blocks),
    )
    return rep


def expect_from(args) -> Expect:
    exp = Expect(expect_list=args.expect_list, expect_charts=args.expect_charts)
    if args.config:
        toml = Path(args.config) / "department.toml"
        with open(toml, "rb") as f:
            d = tomllib.load(f)
        head = d.get("letterhead", {})
        exp.language = d.get("locale", "vi")
        exp.department = head.get("department")
        exp.nation = head.get("nation")
        exp.title = d.get("report", {}).get("title")
        exp.signer = d.get("signature", {}).get("name")
        exp.recipients_label = d.get("recipients", {}).get("label")
        opts = d.get("formats", {}).get("options", {}).get("docx", {})
        exp.caption_prefix = opts.get("caption_prefix")
        exp.figure_prefix = opts.get("figure_prefix")
        exp.font = opts.get("font", exp.font)
    for key in ("font", "title", "department", "signer", "recipients_label", "caption_prefix"):
        value = getattr(args, key)
        if value is not None:
            setattr(exp, key, value)
    return exp


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path, metavar="REPORT.docx")
    ap.add_argument("--config", help="a department folder: what the report must say")
    ap.add_argument("--font", help="the expected font (default Times New Roman)")
    ap.add_argument("--expect-list", action="store_true", help="at least one real list item")
    ap.add_argument("--expect-charts", type=int, default=0, metavar="N", help="at least N charts")
    ap.add_argument("--title", help="the expected title (default BÁO CÁO / REPORT)")
    ap.add_argument("--department", help="the department's name in the letterhead")
    ap.add_argument("--signer", help="the signer's name beside the recipients")
    ap.add_argument("--recipients-label", help="default Nơi nhận / Recipients")
    ap.add_argument("--caption-prefix", help="default Biểu / Table")
    ap.add_argument("--pdf-dir", type=Path, help="also check DIR/<name>.pdf")
    args = ap.parse_args(argv)
    exp = expect_from(args)
    failed = 0
    for path in args.files:
        rep = check_file(path, exp, args.pdf_dir)
        if rep.failures:
            failed += 1
            for check, message in rep.failures:
                print(f"FAIL {path}: [{check}] {message}")
        else:
            n, m, p = rep.counts
            pdf = "" if rep.pages is None else f"; PDF {rep.pages} page{'s' if rep.pages > 1 else ''}"
            print(f"ok {path}: {n} tables, {m} list items, {p} paragraphs, {rep.charts} charts{pdf}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
