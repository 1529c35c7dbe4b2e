"""Writers that turn a :class:`~planner.render.model.Document` into Markdown, HTML or DOCX."""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Any

from planner.render.model import Document, Section, Table

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_inline(text: object) -> str:
    """Text inside a line (a heading or a cell): special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def md_escape(text: object) -> str:
    """Family text as Markdown paragraphs: special characters escaped, and anything at the
    start of a line that would turn it into a heading, a list, a rule or a fence."""
    escaped = md_inline(text)
    escaped = re.sub(r"^(\s*)([#+\-=~])", r"\1\\\2", escaped, flags=re.MULTILINE)
    escaped = re.sub(r"^(\s*\d+)\.(\s)", r"\1\\.\2", escaped, flags=re.MULTILINE)
    return escaped.replace("\n", "  \n")


def md_cell(text: object) -> str:
    """Family text for a Markdown table cell: escaped, on one line."""
    return md_inline(text).replace("\n", "<br>")


@cache
def _environment(autoescape: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("planner.render", "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["inline"] = md_inline
    env.filters["cell"] = md_cell
    return env


def to_markdown(doc: Document) -> str:
    """The document as Markdown."""
    text: str = _environment(False).get_template("plan.md.j2").render(doc=doc)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _words(doc: Document) -> dict[str, Any]:
    """The template's own words (text keys through gettext, ``_("doc.contents")``) in the
    document's language, with the English beside them in a bilingual one. Given with each
    render rather than installed in the shared environment, so two languages can render at once."""
    from planner.i18n import texts_for

    texts = texts_for(doc.lang.replace("-", "_"))

    def words(key: str) -> str:
        mine, english = texts.get(key), texts_for().get(key)
        return f"{mine} / {english}" if doc.english and mine != english else mine

    return {"_": words, "gettext": words}


def to_html(doc: Document) -> str:
    """The document as a standalone, printable, accessible HTML page."""
    template = _environment(True).get_template("plan.html.j2")
    text: str = template.render(doc=doc, **_words(doc))
    return re.sub(r"\n{2,}", "\n", text)


def _nothing_fetched(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"a plan's PDF fetches nothing: {url[:40]}")


def to_pdf(doc: Document) -> bytes:
    """The document as an accessible PDF, made from the same HTML page by WeasyPrint: tagged
    (PDF/UA-1), with the page's language, title and real headings. Nothing is fetched from
    anywhere while it is made. Raises OSError when the text libraries WeasyPrint needs (Pango)
    are missing, so the family hears the file could not be made and can choose another."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as missing:  # Pango and friends come from the system
        raise OSError(str(missing)) from missing
    page = HTML(string=to_html(doc), url_fetcher=_nothing_fetched)
    data: bytes = page.write_pdf(pdf_variant="pdf/ua-1")
    return data


def to_docx(doc: Document) -> bytes:
    """The document as a Word file with real headings and tables."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    for page in document.sections:  # A4 with 2 cm margins, as printed in the UK
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Cm(2)
    document.core_properties.title = doc.title
    document.core_properties.language = doc.lang
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    # python-docx looks a style up by name on every paragraph, scanning all styles each time
    # (most of the cost of a plan). Resolve each style's id once and set it directly.
    style_ids = {
        name: document.styles[name].style_id
        for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet")
    }

    table_style = document.styles["Table Grid"].style_id

    def add(text: str, style: str | None = None, *, bold: bool = False) -> None:
        """A paragraph; in a bilingual document the English copy is in italics."""
        paragraph = document.add_paragraph(text)
        if style is not None:
            paragraph._p.style = style_ids[style]
        if paragraph.runs:
            paragraph.runs[0].bold = bold or None
            paragraph.runs[0].italic = text in doc.english or None

    add(doc.title, "Heading 1")
    for line in doc.status:
        add(line, bold=True)

    def add_table(table: Table) -> None:
        caption = document.add_paragraph(table.caption)
        caption.runs[0].bold = True
        grid = document.add_table(rows=1, cols=len(table.header))
        grid._tbl.tblPr.style = table_style
        header = grid.rows[0]
        properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for cell, text in zip(header.cells, table.header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text

    def add_section(section: Section) -> None:
        add(section.title, f"Heading {section.level}")
        for paragraph in section.paragraphs:
            add(paragraph)
        for item in section.items:
            add(item, "List Bullet")
        for table in section.tables:
            add_table(table)
        for note in section.notes:
            add(note)
        for part in section.parts:
            add_section(part)

    for section in doc.sections:
        add_section(section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
