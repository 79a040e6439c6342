"""nbgrader's ``Execute``, surviving a kernel that dies.

Stock nbgrader abandons the whole submission when the kernel dies (learner code
calling ``os._exit``, a crash, the memory limit reached in native code). Here the
cell the kernel died in gets an error output saying so, a new kernel starts, and
the remaining cells run on it. Cells that needed state from before the crash
then fail on their own, so the crash costs what depended on it and nothing more;
rubric and case tests are recomputed from the learner's cells anyway
(:class:`~autograder.preprocessors.RecomputeGrades`).
"""

from __future__ import annotations

from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError
from nbclient.util import ensure_async
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

KERNEL_DIED = NotebookNode(
    output_type="error",
    ename="KernelDied",
    evalue="the kernel stopped while running this cell",
    traceback=["KernelDied: the kernel stopped while running this cell (e.g. os._exit or a crash)"],
)


class ResilientExecute(Execute):
    """Execute, restarting the kernel after it dies and carrying on with the next cell."""

    def preprocess_cell(self, cell, resources, index):
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.log.warning("The kernel died in cell %d; a new kernel runs the remaining cells", index)
            cell.outputs.append(NotebookNode(dict(KERNEL_DIED)))
            run_sync(self._restart_kernel)()
            return cell, self.resources

    async def _restart_kernel(self) -> None:
        if self.kc is not None:
            await ensure_async(self.kc.stop_channels())
        await ensure_async(self.km.restart_kernel(now=True))
        self.kc = self.km.client()
        await ensure_async(self.kc.start_channels())
        await ensure_async(self.kc.wait_for_ready(timeout=self.startup_timeout))
