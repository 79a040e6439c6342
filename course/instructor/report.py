"""The class report: one self-contained HTML page for the instructor.

- score distribution per assignment (histogram of the learners who submitted and were
  graded), and the submissions that could not be graded, each with its cause (left out of
  every mean, never a zero);
- mastery per rubric criterion across the class: the share of graded written replies
  meeting each criterion, weakest first ("which empathy skills does this class struggle
  with?");
- the written replies the rubric was least sure about (lowest confidence, plus replies it
  could not recompute), with a link to each in formgrader for a manual look.

Plots are drawn with matplotlib's Agg backend and embedded as base64 PNG.
"""

from __future__ import annotations

import base64
import io
from html import escape
from pathlib import Path

from course.instructor import criteria, dblock, export, similar, state
from course.instructor.coursedir import Course

REVIEW_COUNT = 15


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt, plt.subplots(figsize=(width, height))


def score_plot(assignment: str, scores: list[float], max_score: float) -> str:
    plt, (fig, ax) = _figure(4.2, 2.6)
    bins = max(5, min(20, int(max_score) + 1)) if max_score else 10
    ax.hist(scores, bins=bins, range=(0, max_score or 1), color="#3b7dd8", edgecolor="white")
    ax.set_title(f"{assignment}  (n={len(scores)})", fontsize=10)
    ax.set_xlabel(f"score out of {max_score:g}")
    ax.set_ylabel("learners")
    data = _png(fig)
    plt.close(fig)
    return data


def mastery_plot(rows: list[tuple[str, float, int]]) -> str:
    plt, (fig, ax) = _figure(6.0, 0.45 * len(rows) + 1.0)
    labels = [label for label, _, _ in rows]
    shares = [share * 100 for _, share, _ in rows]
    colours = ["#c0392b" if s < 50 else "#e5a50a" if s < 75 else "#1a7f37" for s in shares]
    ax.barh(labels, shares, color=colours)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of written replies meeting the criterion")
    for y, (share, (_, _, n)) in enumerate(zip(shares, rows, strict=True)):
        ax.text(min(share + 1, 88), y, f"{share:.0f}% of {n}", va="center", fontsize=8)
    data = _png(fig)
    plt.close(fig)
    return data


def mastery(checks: list[criteria.ReplyCheck]) -> list[tuple[str, float, int]]:
    """``(label, share met, replies scored)`` per criterion, weakest first."""
    tally: dict[str, list] = {}
    for check in checks:
        if not check.resolved:
            continue
        for name, met in check.criteria.items():
            entry = tally.setdefault(name, [check.labels.get(name, name), 0, 0])
            entry[1] += int(met)
            entry[2] += 1
    rows = [(label, met / n, n) for label, met, n in tally.values() if n]
    return sorted(rows, key=lambda r: (r[1], r[0]))


def review_list(checks: list[criteria.ReplyCheck], count: int = REVIEW_COUNT) -> list[criteria.ReplyCheck]:
    """Replies that were answered, least sure first (unrecomputable ones on top)."""
    answered = [c for c in checks if c.reply is None or (c.reply or "").strip()]
    return sorted(answered, key=lambda c: (c.resolved, c.confidence if c.confidence is not None else 0))[
        :count
    ]


def _formgrader_ids(course: Course, checks: list[criteria.ReplyCheck]) -> dict[tuple, str]:
    from nbgrader.api import MissingEntry

    ids = {}
    with course.gradebook() as gb:
        for c in checks:
            try:
                ids[(c.student, c.assignment, c.notebook)] = gb.find_submission_notebook(
                    c.notebook, c.assignment, c.student
                ).id
            except MissingEntry:
                continue
    return ids


_CSS = """
body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.plots img { margin: 4px; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
td, th { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } .reply { max-width: 420px; white-space: pre-wrap; }
.muted { color: #666; } .warning { color: #a40000; }
"""


def build(course: Course, base_url: str = "http://localhost:8888") -> str:
    """The report as an HTML string."""
    with dblock.snapshot(course.db_url):  # one consistent moment, even during a grading run
        grading = state.grading_now(course)
        names, rows = export.grade_table(course, grading)
        with course.gradebook() as gb:
            maxima = {a.name: float(a.max_score) for a in gb.assignments}
        checks = criteria.class_replies(course, skip=grading)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Class report</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Class report: {escape(course.course_id or course.root.name)}</h1>",
        f"<p class='muted'>{len(rows)} learners, {len(names)} assignments, "
        f"{len(checks)} graded written replies.</p>",
        (
            f"<p class='muted'>{len(grading)} submission(s) were being autograded when this report "
            "was made and are left out; make it again when grading ends.</p>"
            if grading
            else ""
        ),
        "<h2>Score distribution per assignment</h2><div class='plots'>",
    ]
    unisolated = {name: state.graded_without_isolation(course, name) for name in names}
    if any(unisolated.values()):
        listed = "; ".join(f"{a}: {', '.join(s)}" for a, s in unisolated.items() if s)
        parts.insert(
            -1,
            "<p class='warning'><b>Warning:</b> some submissions were graded WITHOUT isolation "
            "(<code>--no-isolation</code>): their code could reach this machine's files, so their "
            f"grades are not tamper-proof. Regrade them with isolation. {escape(listed)}</p>",
        )
    summary = [
        "<table><tr><th>assignment</th><th>graded</th><th>not graded</th><th>mean</th><th>median</th>"
        "<th>max</th></tr>"
    ]
    missing = [(r["student_id"], a, why) for r in rows for a, why in r["_not_graded"].items()]
    for name in names:
        scores = sorted(float(r[name]) for r in rows if r[name] is not None)
        ungraded = sum(name in r["_not_graded"] for r in rows)
        if scores:
            parts.append(
                f"<img alt='scores of {escape(name)}' src='data:image/png;base64,"
                f"{score_plot(name, scores, maxima[name])}'>"
            )
            mean = sum(scores) / len(scores)
            median = scores[len(scores) // 2]
            summary.append(
                f"<tr><td>{escape(name)}</td><td>{len(scores)} / {len(rows)}</td><td>{ungraded}</td>"
                f"<td>{mean:.2f}</td><td>{median:.2f}</td><td>{maxima[name]:g}</td></tr>"
            )
        elif ungraded:
            summary.append(
                f"<tr><td>{escape(name)}</td><td>0 / {len(rows)}</td><td>{ungraded}</td><td></td><td></td>"
                f"<td>{maxima[name]:g}</td></tr>"
            )
    parts.append("</div>")
    parts.extend([*summary, "</table>"])
    parts.append(
        "<p class='muted'>Means and medians are over graded submissions only: a submission that "
        "could not be graded is listed below, never counted as 0.</p>"
    )
    if missing:
        parts.append("<h2>Submissions not graded</h2>")
        parts.append("<table><tr><th>learner</th><th>assignment</th><th>why</th></tr>")
        for student, assignment, why in sorted(missing, key=lambda m: (m[1], str(m[0]))):
            parts.append(
                f"<tr><td>{escape(str(student))}</td><td>{escape(assignment)}</td><td>{escape(why)}</td></tr>"
            )
        parts.append("</table>")

    parts.append("<h2>Mastery per rubric criterion</h2>")
    table = mastery(checks)
    if table:
        parts.append(
            "<p>Share of graded written replies meeting each criterion, weakest first: "
            "the skills this class struggles with are at the top.</p>"
        )
        parts.append(f"<img alt='mastery per criterion' src='data:image/png;base64,{mastery_plot(table)}'>")
    else:
        parts.append("<p class='muted'>No written replies graded yet.</p>")

    review = review_list(checks)
    ids = _formgrader_ids(course, review)
    parts.append("<h2>Replies to review by hand</h2>")
    parts.append(
        "<p>The written replies the rubric was least sure about (lowest confidence first; "
        "replies it could not read as text come first). Open one in formgrader to check or "
        "adjust its points.</p>"
    )
    if review:
        parts.append(
            "<table><tr><th>learner</th><th>assignment / cell</th><th>rubric</th>"
            "<th>confidence</th><th>reply</th><th>formgrader</th></tr>"
        )
        for c in review:
            key = (c.student, c.assignment, c.notebook)
            link = (
                f"<a href='{escape(base_url)}/formgrader/submissions/{escape(ids[key])}/'>open</a>"
                if key in ids
                else ""
            )
            reply = "(not a plain string: check by hand)" if c.reply is None else c.reply
            score = f"{c.score:.0%}" if c.score is not None else "?"
            confidence = f"{c.confidence:.2f}" if c.confidence is not None else "?"
            parts.append(
                f"<tr><td>{escape(c.student)}</td><td>{escape(c.assignment)} / {escape(c.grade_id)}</td>"
                f"<td>{score}</td><td>{confidence}</td><td class='reply'>{escape(reply[:600])}</td>"
                f"<td>{link}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p class='muted'>Nothing to review.</p>")
    parts.append(similar.html(similar.groups(checks)))
    parts.append("</body></html>")
    return "\n".join(parts)


def write(course: Course, path: Path, base_url: str = "http://localhost:8888") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build(course, base_url), encoding="utf-8")
    return path
