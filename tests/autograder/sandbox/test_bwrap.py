"""The bubblewrap profile and the link-free copy that learner code gets while grading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.sandbox import bwrap
from autograder.sandbox.files import copy_regular_files

PROBE = """
import json, os, socket
seen = {"root": sorted(os.listdir("/")), "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "cwd": os.getcwd(), "files": sorted(os.listdir(".")), "env": sorted(os.environ)}
for path in %r:
    seen[path] = os.path.exists(path)
seen["home"] = sorted(os.listdir(%r)) if os.path.isdir(%r) else []
try:
    socket.create_connection(("127.0.0.1", 22), timeout=2)
    seen["net"] = "connected"
except OSError as exc:
    seen["net"] = type(exc).__name__
try:
    open("/usr/planted", "w")
    seen["usr_writable"] = True
except OSError:
    seen["usr_writable"] = False
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    assert bwrap.problem() is None, (
        f"bubblewrap must work here (CI installs it with make setup): {bwrap.problem()}"
    )
    course = tmp_path_factory.mktemp("course")
    (course / "gradebook.db").write_text("secret")
    work = course / "submitted" / "learner" / "ps1"
    work.mkdir(parents=True)
    (work / "data.csv").write_text("a,b\n")
    private = [str(course / "gradebook.db"), str(course), str(course.parent)]
    home = str(Path.home())
    code = PROBE % (private, home, home)
    proc = subprocess.run(
        bwrap.command([sys.executable, "-I", "-c", code], work), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), private, work


def test_sandbox_sees_no_course_no_home_and_no_other_process(probe):
    """Does sandboxed code see only its own copy: no course folder, gradebook, home or outside process?"""
    seen, private, _ = probe
    assert [seen[path] for path in private] == [False, False, False]
    assert seen["cwd"] == bwrap.WORKDIR and seen["files"] == ["data.csv"]
    assert max(seen["pids"]) < 10  # a new PID namespace: only the sandbox's own few processes
    # the instructor's home holds nothing but (where Python is installed there) the Python installation
    inside_home = (
        Path(sys.base_prefix).resolve().relative_to(Path.home()).parts[:1]
        if Path(sys.base_prefix).resolve().is_relative_to(Path.home())
        else ()
    )
    assert seen["home"] == list(inside_home)


def test_sandbox_has_no_network_and_a_read_only_system(probe):
    """Is the network empty and /usr read-only, with only the minimal environment passed in?"""
    seen, _, _ = probe
    assert seen["net"] in ("ConnectionRefusedError", "OSError") or seen["net"].endswith("Error")
    assert seen["net"] != "connected"
    assert seen["usr_writable"] is False
    assert set(seen["env"]) <= set(bwrap.environment()) | {"PWD"}


def test_isolation_can_be_switched_off_only_explicitly(monkeypatch):
    """Is isolation on unless $EMPATHY_ISOLATION says off?"""
    monkeypatch.delenv(bwrap.SWITCH, raising=False)
    assert bwrap.enabled()
    monkeypatch.setenv(bwrap.SWITCH, "off")
    assert not bwrap.enabled()


def test_copy_takes_regular_files_and_names_links_and_special_files(tmp_path):
    """Are links (to files, folders, /dev/zero) and FIFOs skipped and named, and regular files copied?"""
    src, dest = tmp_path / "src", tmp_path / "dest"
    (src / "sub").mkdir(parents=True)
    (src / "answer.txt").write_text("mine")
    (src / "sub" / "nested.json").write_text("{}")
    (tmp_path / "secret.ipynb").write_text("solution")
    (src / "notes.txt").symlink_to(tmp_path / "secret.ipynb")
    (src / "big.csv").symlink_to("/dev/zero")
    (src / "other").symlink_to(tmp_path)
    os.mkfifo(src / "pipe")
    report = copy_regular_files(src, dest)
    assert sorted(report.copied) == ["answer.txt", "sub/nested.json"]
    assert {name for name, _ in report.skipped} == {"notes.txt", "big.csv", "other", "pipe"}
    assert sorted(p.name for p in dest.rglob("*")) == ["answer.txt", "nested.json", "sub"]
    assert "notes.txt (a symbolic link)" in report.describe()


def test_a_linked_folder_copies_nothing(tmp_path):
    """Does a submission folder that is itself a link copy nothing (never the linked learner's files)?"""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "work.txt").write_text("theirs")
    (tmp_path / "attacker").symlink_to(victim)
    report = copy_regular_files(tmp_path / "attacker", tmp_path / "dest")
    assert report.copied == [] and report.skipped
    assert list((tmp_path / "dest").iterdir()) == []


PROCESSES = """
import json, os, tempfile, threading
seen = {}
done = []
worker = threading.Thread(target=done.append, args=(1,))
worker.start()
worker.join()
seen["thread"] = done == [1]
try:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    seen["fork"] = "forked"
except OSError as exc:
    seen["fork"] = exc.errno
written = 0
try:
    with open(os.path.join(tempfile.gettempdir(), "fill"), "wb") as out:
        while written < 2 * %d:
            out.write(b"x" * 1024**2)
            out.flush()
            written += 1024**2
except OSError as exc:
    seen["tmp_error"] = exc.errno
seen["tmp_written"] = written
for folder in ("/dev", "/dev/shm"):
    size = 0
    try:
        with open(folder + "/fill", "wb") as out:
            while size < 2 * %d:
                out.write(b"x" * 1024**2)
                out.flush()
                size += 1024**2
    except OSError as exc:
        seen[folder] = [exc.errno, size]
print(json.dumps(seen))
"""


@pytest.mark.skipif(bwrap.seccomp_filter() is None, reason="no seccomp filter for this architecture")
def test_sandbox_refuses_new_processes_but_not_threads_and_bounds_tmp(tmp_path):
    """Does a fork fail with EPERM while threads work, and do /tmp, /dev/shm and /dev stay bounded?"""
    import errno

    argv = [sys.executable, "-I", "-c", PROCESSES % (bwrap.TMP_BYTES, bwrap.SHM_BYTES)]
    proc = subprocess.run(bwrap.command(argv, tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["thread"] is True
    assert seen["fork"] == errno.EPERM
    assert seen["tmp_error"] == errno.ENOSPC and seen["tmp_written"] <= bwrap.TMP_BYTES
    assert seen["/dev"] == [errno.EROFS, 0]
    assert seen["/dev/shm"][0] == errno.ENOSPC and seen["/dev/shm"][1] <= bwrap.SHM_BYTES


def test_replace_file_never_writes_through_a_planted_link(tmp_path):
    """Does a file the grader writes in a sandbox-writable folder replace a link instead of following it?"""
    from autograder.sandbox.files import replace_file

    precious = tmp_path / "gradebook.db"
    precious.write_text("grades")
    folder = tmp_path / "ipc"
    folder.mkdir()
    (folder / "connection.json").symlink_to(precious)
    replace_file(folder / "connection.json", b"{}")
    assert precious.read_text() == "grades"
    assert not (folder / "connection.json").is_symlink()
    assert (folder / "connection.json").read_bytes() == b"{}"


def test_copy_skips_and_names_folders_nested_too_deep(tmp_path):
    """Is a folder nested past MAX_DEPTH skipped and named, while the rest is still copied?"""
    from autograder.sandbox import files

    source = tmp_path / "submission"
    deep = source.joinpath(*["d"] * (files.MAX_DEPTH + 20))
    deep.mkdir(parents=True)
    (deep / "buried.txt").write_text("x")
    (source / "data.csv").write_text("a,b\n")
    report = files.copy_regular_files(source, tmp_path / "copy")
    assert report.copied == ["data.csv"]
    assert len(report.skipped) == 1 and "levels deep" in report.skipped[0][1]
    assert "levels deep" in report.describe()
