"""Put back the instructor's nbgrader metadata before nbgrader checks a submission.

Learners can edit cell metadata. nbgrader's ``OverwriteCells`` restores the
source, ``locked`` flag and points of known cells, but a cell turned into a grade
cell (or out of one) makes it reject the whole submission. This preprocessor runs
just before it and, for every cell with an nbgrader ``grade_id``:

* known id: resets ``grade``, ``solution``, ``task``, ``locked`` and ``points`` to
  the values recorded by ``nbgrader generate_assignment``;
* unknown id (invented or renamed): removes the nbgrader metadata, so the cell is
  ordinary learner code and earns nothing by itself.

Each change is logged as a warning naming the cell.

Two ordinary edits made nbgrader reject the whole submission; both are repaired here,
from the instructor's released notebook (``release/<assignment>/<notebook>.ipynb``):

* **Metadata stripped** by another editor (VS Code, Colab, some extensions): cells with
  no nbgrader metadata get it back from the released cell they match: the same cell
  ``id``; else the same position when the cell count and types agree; else a locked
  cell with the same text, and an answer cell alone between two matched neighbours.
  Cells that cannot be matched stay ordinary learner cells. When no graded or answer
  cell can be matched, grading stops with one line (:class:`NbgraderMetadataError`).
* **A deleted grade cell** (test, rubric or manually graded cell): re-inserted with the
  instructor's source after the nearest cell before it that is still there, so only
  that cell loses points. nbgrader's own ``add_missing_cells`` looks for the previous
  cell among grade and answer cells only and fails with a ``KeyError`` when it is a
  locked markdown cell; after this step it finds nothing missing.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor, OverwriteCells


class NbgraderMetadataError(ValueError):
    """The submitted notebook lost its nbgrader metadata and cannot be matched to the release."""


def _grade_id(cell) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _text(cell) -> str:
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else source).strip()


class RestoreMetadata(NbGraderPreprocessor):
    """Restore nbgrader metadata flags from the gradebook (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            try:
                source = gradebook.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                return nb, resources
            self._known = {
                cell.name: {"locked": bool(cell.locked), "cell_type": cell.cell_type}
                for cell in source.source_cells
            }
            self._points = {cell.name: float(cell.max_score) for cell in source.grade_cells}
            self._solutions = {cell.name for cell in source.solution_cells}
            self._tasks = {cell.name for cell in source.task_cells}
            for cell in source.task_cells:
                self._points[cell.name] = float(cell.max_score)
            released = self._released(info)
            if released is not None:
                self._match_stripped(nb, released, info["notebook"])
            nb, resources = super().preprocess(nb, resources)
            if released is not None:
                self._reinsert_missing(nb, released, source)
            return nb, resources

    def _released(self, info: dict):
        """The instructor's released notebook, or ``None`` if it is not in ``release/``."""
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        folder = Path(coursedir.format_path(coursedir.release_directory, ".", info["assignment"]))
        path = folder / f"{info['notebook']}.ipynb"
        try:
            return nbformat.read(path, as_version=4)
        except (OSError, ValueError):
            return None

    def _match_stripped(self, nb, released, name: str) -> None:
        """Give cells without nbgrader metadata that of the released cell they match."""
        bare = [i for i, cell in enumerate(nb.cells) if _grade_id(cell) is None]
        wanted = [i for i, cell in enumerate(released.cells) if _grade_id(cell) in self._known]
        present = {_grade_id(cell) for cell in nb.cells} - {None}
        wanted = [i for i in wanted if _grade_id(released.cells[i]) not in present]
        if not bare or not wanted:
            return
        match: dict[int, int] = {}  # submitted index -> released index
        by_id = {cell.get("id"): i for i, cell in enumerate(released.cells) if cell.get("id")}
        for i in bare:
            j = by_id.get(nb.cells[i].get("id"))
            if j in wanted:
                match[i] = j
        same_shape = len(nb.cells) == len(released.cells) and all(
            a.cell_type == b.cell_type for a, b in zip(nb.cells, released.cells, strict=False)
        )
        if not match and same_shape and not present:
            match = {i: i for i in bare if i in wanted}
        if not match:
            match = self._match_by_text(nb, released, bare, wanted)
        for i, j in match.items():
            nb.cells[i].metadata["nbgrader"] = dict(released.cells[j].metadata["nbgrader"])
        self.log.warning(
            "%s: %d of %d cells had lost their nbgrader metadata; %d restored from the release",
            name,
            len(bare),
            len(nb.cells),
            len(match),
        )
        if not present and not any(self._counts(released.cells[j]) for j in match.values()):
            raise NbgraderMetadataError(
                f"{name}.ipynb: the nbgrader metadata is missing (saved by an editor that strips it) and "
                "its cells do not match the released notebook: ask the learner to copy their answers into "
                "a freshly fetched copy and submit again"
            )

    def _counts(self, cell) -> bool:
        grade_id = _grade_id(cell)
        return grade_id in self._points or grade_id in self._solutions

    @staticmethod
    def _match_by_text(nb, released, bare: list[int], wanted: list[int]) -> dict[int, int]:
        """Locked cells by identical text; then an answer cell alone between two matched neighbours."""
        match: dict[int, int] = {}
        texts: dict[tuple[str, str], list[int]] = {}
        for j in wanted:
            cell = released.cells[j]
            texts.setdefault((cell.cell_type, _text(cell)), []).append(j)
        for i in bare:
            found = texts.get((nb.cells[i].cell_type, _text(nb.cells[i])), [])
            if len(found) == 1 and found[0] not in match.values():
                match[i] = found[0]
        anchors = sorted(match.items())  # (submitted, released) pairs, in order
        bounds = [(-1, -1), *anchors, (len(nb.cells), len(released.cells))]
        for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
            mine = [i for i in bare if i0 < i < i1 and i not in match]
            theirs = [j for j in wanted if j0 < j < j1]
            if (
                len(mine) == 1
                and len(theirs) == 1
                and nb.cells[mine[0]].cell_type == released.cells[theirs[0]].cell_type
            ):
                match[mine[0]] = theirs[0]
        return match

    def _reinsert_missing(self, nb, released, source) -> None:
        """Put back deleted grade and task cells after the nearest earlier cell still present."""
        cells = {cell.name: cell for cell in source.source_cells}
        transform = OverwriteCells(config=self.config).missing_cell_transform
        order = [_grade_id(cell) for cell in released.cells if _grade_id(cell) in cells]
        for k, grade_id in enumerate(order):
            present = [_grade_id(cell) for cell in nb.cells]
            if grade_id in present or grade_id not in self._points:
                continue
            before = next((g for g in reversed(order[:k]) if g in present), None)
            at = present.index(before) + 1 if before is not None else 0
            cell = transform(
                cells[grade_id],
                self._points[grade_id],
                is_solution=grade_id in self._solutions,
                is_task=grade_id in self._tasks,
            )
            nb.cells.insert(at, nbformat.from_dict(cell))
            self.log.warning("Cell %r was deleted from the submission: put back at position %d", grade_id, at)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader")
        if not isinstance(meta, dict):
            cell.metadata.pop("nbgrader", None)
            return cell, resources
        grade_id = meta.get("grade_id")
        if grade_id not in self._known:
            if grade_id is not None or meta.get("grade") or meta.get("solution"):
                self.log.warning(
                    "Cell %d has nbgrader metadata for unknown cell %r: removed", index, grade_id
                )
            del cell.metadata["nbgrader"]
            return cell, resources
        is_task = grade_id in self._tasks
        wanted = {
            "grade": grade_id in self._points and not is_task,
            "solution": grade_id in self._solutions,
            "task": is_task,
            "locked": self._known[grade_id]["locked"],
        }
        if grade_id in self._points:
            wanted["points"] = self._points[grade_id]
        for key, value in wanted.items():
            if meta.get(key, False) != value:
                self.log.warning(
                    "Cell %r: nbgrader %s was %r, restored to %r", grade_id, key, meta.get(key), value
                )
                meta[key] = value
        if grade_id not in self._points and "points" in meta:
            self.log.warning("Cell %r: nbgrader points removed (not a graded cell)", grade_id)
            del meta["points"]
        return cell, resources
