"""What the first code inside the sandbox sets up: bounded in-memory folders, a task cap, no namespaces."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from autograder.sandbox import bwrap, confine, pids

PROBE = r"""
import ctypes, json, os, threading, time
seen = {"files": sorted(os.listdir(".")), "cwd": os.getcwd()}
mounts = {line.split()[4]: line.split(" - ")[1] for line in open("/proc/self/mountinfo")}
seen["mounts"] = {p: mounts.get(p, "") for p in ("/submission", "/tmp", "/dev/shm")}
seen["caps"] = [l.split()[1] for l in open("/proc/self/status") if l.startswith("CapEff")]
libc = ctypes.CDLL(None, use_errno=True)
seen["unshare"] = (libc.unshare(0x10000000 | 0x00020000), ctypes.get_errno())
seen["mount"] = (libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None), ctypes.get_errno())
made = 0
try:
    for made in range(30000):
        open(f"f{made}", "w").close()
except OSError as exc:
    seen["files_error"] = exc.errno
seen["made"] = made
threading.stack_size(65536)
started = 0
try:
    for _ in range(3000):
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        started += 1
except RuntimeError:
    pass
seen["threads"] = started
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    assert bwrap.problem() is None, bwrap.problem()
    work = tmp_path_factory.mktemp("work")
    (work / "data.csv").write_text("a,b\n")
    (work / "answer.ipynb").write_text("{}")
    argv = [sys.executable, "-I", "-m", "autograder.sandbox.confine", "-c", PROBE]
    proc = subprocess.run(bwrap.command(argv, work), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout), work


def test_the_submission_is_copied_into_an_in_memory_folder_with_caps(seen):
    """Are /submission, /tmp and /dev/shm fresh tmpfs mounts with a byte and a file cap, holding the files?"""
    found, _ = seen
    assert found["cwd"] == "/submission" and found["files"] == ["data.csv"]
    for path, (size, files, _) in confine.FOLDERS.items():
        options = found["mounts"][path]
        assert options.startswith("tmpfs "), (path, options)
        assert f"size={size // 1024}k" in options and f"nr_inodes={files}" in options, (path, options)


def test_creating_files_stops_at_the_file_cap_and_the_host_copy_is_untouched(seen):
    """Do 30,000 new files stop near the cap (no space left), with nothing written to the host folder?"""
    found, work = seen
    assert found["files_error"] == 28 and found["made"] <= confine.FOLDERS["/submission"][1]
    assert sorted(p.name for p in work.iterdir()) == ["answer.ipynb", "data.csv"]


def test_new_namespaces_and_mounts_are_refused_and_no_capability_is_left(seen):
    """Are unshare and mount refused with EPERM, with no effective capability?"""
    found, _ = seen
    assert found["unshare"] == [-1, 1] and found["mount"] == [-1, 1]
    assert found["caps"] == ["0000000000000000"]


def test_threads_stop_at_the_sandbox_task_cap(seen):
    """Does starting 3,000 threads stop at the cap (pids cgroup as root, RLIMIT_NPROC otherwise)?"""
    found, _ = seen
    assert 10 < found["threads"] < max(pids.LIMIT, confine.THREADS)
