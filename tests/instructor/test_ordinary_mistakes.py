"""A class whose submissions carry the ordinary mistakes learners make, through the real commands.

One autograde run of one class (batched to keep CI short): deleted grade cells, metadata
stripped by another editor, a renamed notebook, work saved in a copy, unreadable
notebooks, a folder without a notebook, ids with
glob characters or a spreadsheet formula, learner code that writes files. Then feedback,
export and the class report on the same class.
"""

from __future__ import annotations

import csv
import json
import uuid

import nbformat
import pytest

from course.instructor import feedback, report, state
from course.instructor.cli import main
from tests.harness import grades
from tests.instructor.conftest import answers, filled, place

pytestmark = pytest.mark.slow


def without(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]
    return nb


def stripped(nb: nbformat.NotebookNode, new_ids: bool, scratch: bool = False) -> nbformat.NotebookNode:
    """What an editor that drops nbgrader's metadata saves (optionally new cell ids, an extra cell)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
        if new_ids:
            cell.id = uuid.uuid4().hex[:8]
    if scratch:
        nb.cells.insert(0, nbformat.v4.new_code_cell("print('trying things out')"))
    return nb


def write_raw(folder, name: str, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (folder / "timestamp.txt").write_text("2026-11-23 09:00:00.000000 UTC")


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_ordinary_mistakes_are_graded_or_named_never_zero(course, capsys, tmp_path):
    """Is every ordinary mistake graded where the work can be matched, and otherwise named, never a 0?"""
    strong = filled(course, "ps1", answers("ps1", 0))["ps1.ipynb"]
    blank = filled(course, "ps1", {})["ps1.ipynb"]
    place(course, "ps1", "good", {"ps1.ipynb": strong})
    place(course, "ps1", "deleted-test", {"ps1.ipynb": without(strong, "count-sorry-hidden")})
    place(course, "ps1", "deleted-reflection", {"ps1.ipynb": without(strong, "reflection")})
    place(course, "ps1", "stripped", {"ps1.ipynb": stripped(strong, new_ids=True)})
    place(course, "ps1", "stripped-scratch", {"ps1.ipynb": stripped(strong, new_ids=True, scratch=True)})
    merged = stripped(strong, new_ids=True)
    code = "\n\n".join(c.source for c in merged.cells if c.cell_type == "code")
    merged.cells = [nbformat.v4.new_code_cell(code)]
    place(course, "ps1", "unmatched", {"ps1.ipynb": merged})
    writes = nbformat.from_dict(json.loads(json.dumps(strong)))
    writes.cells.append(nbformat.v4.new_code_cell("open('secret-notes.txt', 'w').write('not for feedback')"))
    place(course, "ps1", "writes-files", {"ps1.ipynb": writes})
    place(course, "ps1", "[g]ood", {"ps1.ipynb": blank})
    place(course, "ps1", "=1+2", {"ps1.ipynb": blank})
    place(course, "ps1", "renamed", {"My answers.ipynb": strong})
    place(course, "ps1", "copy", {"ps1.ipynb": blank, "ps1-Copy1.ipynb": strong})
    write_raw(course.submitted / "empty" / "ps1", "ps1.ipynb", b"")
    v5 = json.loads(nbformat.writes(strong))
    v5["nbformat"] = 5
    write_raw(course.submitted / "nbformat5" / "ps1", "ps1.ipynb", json.dumps(v5).encode())
    nosource = json.loads(nbformat.writes(strong))
    del nosource["cells"][2]["source"]
    write_raw(course.submitted / "no-source" / "ps1", "ps1.ipynb", json.dumps(nosource).encode())
    write_raw(course.submitted / "no-notebook" / "ps1", "answers.py", b"def count_sorry(text): ...\n")

    submitted = {p.name: state.fingerprint(p / "ps1") for p in course.submitted.iterdir()}
    status = main(["--course", str(course.root), "autograde", "ps1", "--workers", "2", "--quiet"])
    shown = capsys.readouterr().out
    assert status == 1, shown  # some submissions could not be graded
    causes = {
        "empty": "ps1.ipynb is empty (0 bytes)",
        "nbformat5": "ps1.ipynb has nbformat 5",
        "no-source": "'source' is a required property",
        "no-notebook": "no notebook in the submission (it holds only answers.py)",
        "unmatched": "the nbgrader metadata is missing",
        "[g]ood": "reads as a file pattern (it would grade another learner's notebook)",
    }
    for student, cause in causes.items():
        line = next((x for x in shown.splitlines() if x.startswith(f"  {student}: failed: ")), "")
        assert cause in line, (student, shown)
    assert "traceback" not in shown.lower()
    assert "ps1: 9 graded, 0 already done, 6 failed" in shown, shown
    assert "  renamed: graded My answers.ipynb as ps1.ipynb (the notebook was renamed)" in shown
    assert "  copy: graded ps1-Copy1.ipynb as ps1.ipynb (ps1.ipynb holds no work)" in shown
    assert {p.name: state.fingerprint(p / "ps1") for p in course.submitted.iterdir()} == submitted

    expected = grades(course.root, "ps1", "good")
    assert expected["count-sorry-hidden"] == (2.0, 2.0) and expected["count-sorry-visible"] == (1.0, 1.0)
    matched = ("deleted-test", "deleted-reflection", "stripped", "stripped-scratch", "renamed", "copy")
    for student in (*matched, "writes-files"):
        assert grades(course.root, "ps1", student) == expected, student
    # nbgrader globs ids: "[g]ood" is refused before nbgrader could grade good's notebook under it
    assert not (course.autograded / "[g]ood").exists()

    # the sandbox keeps what learner code writes in its private copy: nothing flows back
    graded = course.autograded / "writes-files" / "ps1"
    assert not (graded / "secret-notes.txt").exists()
    # a file in autograded/ that the instructor did not release (e.g. from a --no-isolation run)
    (graded / "secret-notes.txt").write_text("not for feedback", encoding="utf-8")
    feedback.generate(course, "ps1")
    folder = course.feedback / "writes-files" / "ps1"
    assert sorted(p.name for p in folder.iterdir()) == ["ps1.html", "timestamp.txt"]  # no secret-notes.txt

    assert main(["--course", str(course.root), "export", "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    rows = {r["student_id"]: r for r in read_csv(tmp_path / "out" / "grades.csv")}
    good_total = rows["good"]["ps1"]
    assert float(good_total) > 0
    for student, cause in causes.items():
        assert rows[student]["ps1"] == "" and rows[student]["total"] == "0", student
        assert cause in rows[student]["notes"], student
    assert rows["stripped"]["ps1"] == good_total and rows["stripped"]["notes"] == ""
    assert "=1+2" not in rows and rows["'=1+2"]["ps1"] == "0"
    long_rows = {r["student_id"]: r for r in read_csv(tmp_path / "out" / "grades-long.csv")}
    for student, cause in causes.items():
        assert long_rows[student]["score"] == "" and cause in long_rows[student]["notes"], student
    assert "'=1+2" in long_rows

    page = report.build(course)
    assert "Submissions not graded" in page
    for student in causes:
        assert f"<td>{student}</td>" in page
    graded = [float(r["ps1"]) for r in rows.values() if r["ps1"] != ""]
    assert f"<td>{sum(graded) / len(graded):.2f}</td>" in page  # the mean leaves the failures out
