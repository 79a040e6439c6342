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
"""

from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor


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
            return super().preprocess(nb, resources)

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
            if meta.get(key) != value:
                self.log.warning(
                    "Cell %r: nbgrader %s was %r, restored to %r", grade_id, key, meta.get(key), value
                )
                meta[key] = value
        if grade_id not in self._points and "points" in meta:
            self.log.warning("Cell %r: nbgrader points removed (not a graded cell)", grade_id)
            del meta["points"]
        return cell, resources
