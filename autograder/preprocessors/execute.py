"""nbgrader's ``Execute``, in bubblewrap, surviving kernels that die or hang, with bounded output.

Stock nbgrader abandons the whole submission when the kernel dies (learner code
calling ``os._exit``, a crash, the memory limit reached in native code) or when a
cell ignores the interrupt sent at its timeout (a C-level loop). Here:

* the kernel starts inside bubblewrap (:class:`~autograder.sandbox.manager.SandboxKernelManager`);
* a cell the kernel dies in, or that does not stop when interrupted, gets an error
  output saying so, the kernel is killed and a new one runs the remaining cells:
  the cell costs itself and what depended on its state, nothing more;
* test cells whose grades :class:`~autograder.preprocessors.RecomputeGrades`
  recomputes never run in the learner's kernel, so their (hidden) cases never
  enter it; they get an error output that the recompute step replaces;
* everything the kernel sends that the grader would keep (printed text, displays and
  results, updates of earlier displays by their display id, widget state in comm
  messages, errors) is counted as it arrives, against ``output_bytes`` per cell and
  ``notebook_output_bytes`` for the whole notebook; past either, it is dropped, with
  one note per cell saying what was cut. A cell's first error is always kept (shortened
  to a few KB), so output printed before it can never hide that the cell failed;
* a message learner code forged in a shape nbclient or nbgrader cannot use (a stream
  whose text is not text, a widget without its model) is ignored with a warning, never
  a failure of the whole notebook's grading;
* a notebook's cells together run for at most ``notebook_seconds``: cells after that
  are not run and say so. Without it, a learner who adds a hundred cells that each
  sleep until the timeout holds a grading worker for hours while the class waits.
"""

from __future__ import annotations

import time

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Enum, Float, Integer

from autograder.sandbox import timing
from autograder.sandbox.kernel import preload_for
from autograder.sandbox.manager import SandboxKernelManager

KERNEL_DIED = NotebookNode(
    output_type="error",
    ename="KernelDied",
    evalue="the kernel stopped while running this cell",
    traceback=["KernelDied: the kernel stopped while running this cell (e.g. os._exit or a crash)"],
)
GRADED_OUTSIDE = NotebookNode(
    output_type="error",
    ename="NotGradedYet",
    evalue="this test cell is graded outside your kernel",
    traceback=["NotGradedYet: this test cell is graded outside your kernel (RecomputeGrades)"],
)


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


#: messages that carry no output: always handled (``status`` ends the cell)
_CONTROL = frozenset({"status", "execute_input", "clear_output"})
#: the longest error name, message or traceback line kept, and the most traceback lines
ERROR_CHARS, ERROR_LINES = 2000, 60


def _size(msg: dict) -> int:
    """Characters of everything in a kernel message the grader would keep (content and buffers)."""
    import json

    try:
        size = len(json.dumps(msg.get("content", {}), default=repr))
    except (TypeError, ValueError, RecursionError):
        size = len(repr(msg.get("content")))
    return size + sum(
        len(b) for b in msg.get("buffers") or () if isinstance(b, (bytes, bytearray, memoryview))
    )


_DISPLAYS = frozenset({"display_data", "execute_result", "update_display_data"})


def well_formed(kind: str, content: object) -> bool:
    """Whether a kernel message's content has the shape nbclient, nbformat and nbgrader rely on.

    Learner code can send any message on the kernel's channels (a stream whose text is a
    number, a display whose ``transient`` is a list, a widget without its model's name);
    passed on, such a message fails the whole notebook's grading. Checked: stream name and
    text; display data as text per MIME type (JSON types may hold data), metadata and
    ``transient`` as mappings; comm ids and data. Errors are made well formed by
    :func:`_shorten_error`; other kinds are nbclient's to judge.
    """
    if not isinstance(content, dict):
        return False
    transient = content.get("transient")
    if transient is not None and not isinstance(transient, dict):
        return False
    if kind == "stream":
        return content.get("name") in ("stdout", "stderr") and isinstance(content.get("text"), str)
    if kind in _DISPLAYS:
        data, metadata = content.get("data"), content.get("metadata", {})
        if not isinstance(data, dict) or not isinstance(metadata, dict):
            return False
        return all(
            isinstance(mime, str)
            and (isinstance(value, str) or (mime.endswith("json") and value is not None))
            for mime, value in data.items()
        )
    if kind.startswith("comm"):
        return isinstance(content.get("comm_id"), str) and isinstance(content.get("data", {}), dict)
    return True


def _shorten_error(content: dict) -> None:
    """Bound an error message in place: its name, message and traceback lines (learner-chosen text)."""

    def cut(text) -> str:
        text = str(text)
        return text if len(text) <= ERROR_CHARS else text[:ERROR_CHARS] + " ...[cut]"

    content["ename"] = cut(content.get("ename", ""))
    content["evalue"] = cut(content.get("evalue", ""))
    lines = content.get("traceback") or []
    lines = lines if isinstance(lines, list) else [lines]
    if len(lines) > ERROR_LINES:
        lines = [*lines[: ERROR_LINES // 2], "...[traceback cut]", *lines[-ERROR_LINES // 2 :]]
    content["traceback"] = [cut(line) for line in lines]


class ResilientExecute(Execute):
    """Execute in the sandboxed kernel; see the module docstring."""

    # the kernel's sandbox is thrown away with it: nothing to flush, so no graceful wait
    shutdown_kernel = Enum(["graceful", "immediate"], default_value="immediate").tag(config=True)
    output_bytes = Integer(
        1_000_000, help="Most output (characters of text and rich data) one cell may keep."
    ).tag(config=True)

    notebook_output_bytes = Integer(
        10_000_000,
        help="Most output (characters, as output_bytes counts them) all of one notebook's cells may keep.",
    ).tag(config=True)

    notebook_seconds = Float(
        600.0, help="Most time (seconds) all the cells of one notebook may run in the kernel, together."
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, *args, **kwargs):
        from autograder.preprocessors.recompute import python_source, recomputed_cells

        self._outside = recomputed_cells(nb, resources or {}, self)
        # only what the cells that run here import is preloaded into the kernel
        run_here = [c for i, c in enumerate(nb.cells) if c.cell_type == "code" and i not in self._outside]
        self._preload = preload_for([python_source(c.source) for c in run_here])
        self._sizes: dict[int, int] = {}
        self._total = 0
        self._cut: set[int] = set()
        self._started = time.monotonic()
        self._first_cell: float | None = None
        self._cells_seconds = 0.0
        try:
            return super().preprocess(nb, resources, *args, **kwargs)
        finally:
            if self._first_cell is not None:
                timing.record("kernel start", self._first_cell - self._started)
                timing.record("execution", time.monotonic() - self._first_cell)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if isinstance(km, SandboxKernelManager):
            km.preload = getattr(self, "_preload", None)
        return km

    def preprocess_cell(self, cell, resources, index):
        if self._first_cell is None:
            self._first_cell = time.monotonic()
        if index in getattr(self, "_outside", ()):
            cell.outputs = [NotebookNode(dict(GRADED_OUTSIDE))]
            cell.execution_count = None
            return cell, resources
        if cell.cell_type == "code" and self._cells_seconds >= self.notebook_seconds:
            why = f"not run: this notebook's cells already ran {self.notebook_seconds:g} s"
            cell.outputs = [_error("GradingTimeUp", why)]
            cell.execution_count = None
            return cell, resources
        began = time.monotonic()
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.log.warning("The kernel died in cell %d; a new kernel runs the remaining cells", index)
            cell.outputs.append(NotebookNode(dict(KERNEL_DIED)))
        except CellTimeoutError:
            self.log.warning("Cell %d did not stop when interrupted; a new kernel runs the rest", index)
            cell.outputs.append(
                _error("CellTimeoutError", f"this cell ran past {self.timeout} s and ignored the interrupt")
            )
        finally:
            self._cells_seconds += time.monotonic() - began
        run_sync(self._restart_kernel)()
        return cell, self.resources

    def process_message(self, msg, cell, cell_index):
        """nbclient's handling of one kernel message, within the output budgets (module docstring)."""
        kind = msg.get("msg_type", "")
        if kind in _CONTROL:
            return super().process_message(msg, cell, cell_index)
        if kind == "error" and isinstance(msg.get("content"), dict):
            _shorten_error(msg["content"])
        if not well_formed(kind, msg.get("content")):
            self.log.warning("Cell %d sent a malformed %r message: ignored", cell_index, kind)
            return None
        size = _size(msg)
        self._sizes[cell_index] = self._sizes.get(cell_index, 0) + size
        self._total += size
        within = self._sizes[cell_index] <= self.output_bytes and self._total <= self.notebook_output_bytes
        first_error = kind == "error" and not any(o.get("output_type") == "error" for o in cell.outputs)
        if within or first_error:
            try:
                return super().process_message(msg, cell, cell_index)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                # nbclient's own handlers (a widget's comm) trust the message: learner code sent it
                self.log.warning(
                    "Cell %d sent a %r message nbclient cannot use (%r): ignored", cell_index, kind, exc
                )
                content = msg.get("content")
                if isinstance(content, dict) and isinstance(content.get("comm_id"), str):
                    self.widget_state.pop(content["comm_id"], None)
                    self.widget_buffers.pop(content["comm_id"], None)
                return None
        if cell_index not in self._cut:
            self._cut.add(cell_index)
            if self._sizes[cell_index] > self.output_bytes:
                why = f"this cell printed or displayed over {self.output_bytes:,} characters"
            else:
                limit = self.notebook_output_bytes
                why = f"this notebook's cells printed or displayed over {limit:,} characters"
            cell.outputs.append(
                NotebookNode(output_type="stream", name="stderr", text=f"[output cut: {why}]\n")
            )
        return None

    async def _restart_kernel(self) -> None:
        if self.kc is not None:
            await ensure_async(self.kc.stop_channels())
        await ensure_async(self.km.restart_kernel(now=True))
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels())
        await ensure_async(self.kc.wait_for_ready(timeout=self.startup_timeout))
