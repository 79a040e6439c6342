"""Learner-written HTML made inert before anyone's browser renders a graded notebook (nbconvert preprocessor).

A submission's markdown answers and the outputs its code displayed reach people's
browsers: the instructor's formgrader session (manual grading renders the autograded
notebook with nbconvert's ``HTMLExporter``, inside the page that holds the grading
form and the formgrader API's credentials) and each learner's feedback page.
nbgrader's ``formgrade`` and ``feedback`` templates render markdown cells with
``markdown2html`` and no sanitising at all, even with ``HTMLExporter.sanitize_html``
(that option also turns nbconvert's ``clean_html`` on for outputs, which escapes
``<p>`` and lists and so garbles the rubric's feedback).

:class:`SanitizeLearnerHTML` runs as an ``HTMLExporter`` preprocessor (set in
``nbgrader_config.py``, so it applies to formgrader and to ``generate_feedback``):

* markdown and raw cells are rendered to HTML with nbconvert's own ``markdown2html``
  and cleaned with ``bleach`` (what nbconvert's ``SanitizeHTML`` uses), so
  ``<script>``, event handlers, ``<iframe>``, ``<form>``, ``<style>`` and
  ``javascript:`` links, written as HTML or as markdown, arrive as plain text or
  not at all;
* each output keeps only inert kinds: plain text, PNG and JPEG images, and HTML
  (``text/markdown`` rendered first) cleaned the same way. JavaScript, widget
  views, SVG and LaTeX outputs are dropped, as is the notebook's saved widget state;
* ``style`` attributes keep a few properties that cannot move a box out of its
  place (no ``position``, ``margin``, ``display`` ...), so learner HTML cannot hide
  or overlay the grading form; ``class`` keeps only the course's own names and
  ``id`` is dropped, so it cannot impersonate formgrader's score and comment fields.

The autograded notebook itself is left as graded (the learner's text is not lost);
only the HTML made from it is cleaned.
"""

from __future__ import annotations

import bleach
from bleach.css_sanitizer import CSSSanitizer
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor

#: tags that format text and cannot run code, load frames or submit forms
TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "q", "s", "samp",
        "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul",
    }
)  # fmt: skip
#: CSS properties that change how text looks, never where a box sits or whether it shows
CSS_PROPERTIES = frozenset(
    {
        "background-color", "border", "border-bottom", "border-left", "border-radius", "border-right",
        "border-top", "color", "font-family", "font-size", "font-style", "font-weight", "line-height",
        "list-style", "max-width", "overflow-wrap", "padding", "padding-left", "padding-right",
        "text-align", "text-decoration", "white-space",
    }
)  # fmt: skip
#: class names the course's own HTML uses (formgrader's script looks elements up by class)
CLASSES = frozenset({"course-feedback", "course-card", "mathjax_ignore", "reply", "muted"})
#: output kinds shown as they are: nothing in them runs in a browser
INERT_OUTPUTS = frozenset({"text/plain", "image/png", "image/jpeg"})
PROTOCOLS = frozenset({"http", "https", "mailto"})


def _attribute(tag: str, name: str, value: str) -> bool:
    if name == "class":
        return bool(value.split()) and set(value.split()) <= CLASSES
    if name == "style":
        return True  # the CSS sanitiser keeps only CSS_PROPERTIES
    if tag == "a":
        return name in {"href", "title"}
    if tag in {"td", "th"}:
        return name in {"colspan", "rowspan", "align"}
    return name in {"title", "align"} or (tag in {"ol", "li"} and name in {"start", "value"})


_CSS = CSSSanitizer(allowed_css_properties=CSS_PROPERTIES)


def clean(html: str) -> str:
    """``html`` with only formatting left: unknown tags escaped (shown as text), no scripts or handlers."""
    return bleach.clean(
        html,
        tags=TAGS,
        attributes=_attribute,
        protocols=PROTOCOLS,
        strip=False,
        strip_comments=True,
        css_sanitizer=_CSS,
    )


def clean_markdown(source: str) -> str:
    """A markdown cell's source as cleaned HTML (HTML passes through markdown, so the result stays valid)."""
    return clean(markdown2html_mistune(source))


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


class SanitizeLearnerHTML(Preprocessor):
    """Markdown cells, raw cells and outputs rendered without anything that runs, frames or overlays."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = clean_markdown(cell.source)
            cell.pop("attachments", None)
        elif cell.cell_type == "raw":
            cell.source = clean(cell.source)
        elif cell.cell_type == "code":
            cell.outputs = [self._output(output) for output in cell.get("outputs", [])]
        return cell, resources

    def _output(self, output):
        if output.get("output_type") not in {"display_data", "execute_result"}:
            return output  # stream and error text are escaped by every template
        data = output.get("data", {})
        kept = {key: data[key] for key in data if key in INERT_OUTPUTS}
        if "text/html" in data:
            kept["text/html"] = clean(_text(data["text/html"]))
        elif "text/markdown" in data:
            kept["text/html"] = clean_markdown(_text(data["text/markdown"]))
        if not kept:
            kept["text/plain"] = "[output removed: it could run code in the reader's browser]"
        output["data"] = kept
        output["metadata"] = {}
        return output
