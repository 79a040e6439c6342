"""What the first code inside the sandbox does before any learner code: bounded folders, no new namespaces.

bubblewrap (0.8) can cap a tmpfs's bytes but not its number of files, and the folder it
binds at ``/submission`` lives on the grading machine's disk. So each process that runs
learner code (the grading kernel, the recompute step's child) calls :func:`enter` first,
while it is still one thread, and :func:`seal` just before learner code:

* :func:`enter` makes a user and mount namespace of its own (a user namespace needs no
  privilege) and mounts fresh in-memory folders at ``/submission``, ``/tmp`` and
  ``/dev/shm``, each with a byte cap and a file (inode) cap (:data:`FOLDERS`), so learner
  code cannot fill the disk, nor the machine's memory with millions of empty files;
* :func:`seal` copies the submission's files (regular files only, within those caps) from
  the folder bubblewrap bound into the new ``/submission``, makes the kernel's socket folder
  read-only, gives up the capabilities of the new namespace and adds a seccomp filter
  (:func:`autograder.sandbox.seccomp.namespace_filter`, on every thread) that refuses
  ``unshare``, ``setns`` and every mount call: learner code cannot make a namespace of its
  own and mount an unbounded tmpfs there.

Both raise :class:`Unconfined` with the reason when the kernel refuses; the process must
then stop before learner code runs. ``python -I -m autograder.sandbox.confine -c CODE``
enters, seals and runs ``CODE`` (bubblewrap's start check uses it).
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import struct

#: environment variable set inside the sandbox (never by learner code, which starts later)
ENV = "GRADING_CONFINE"
#: mount point -> (bytes, files, mode) of the in-memory folders made by :func:`enter`
FOLDERS = {
    "/submission": (256 * 1024**2, 10_000, 0o755),
    "/tmp": (256 * 1024**2, 10_000, 0o1777),
    "/dev/shm": (64 * 1024**2, 1_000, 0o1777),
}
#: ``RLIMIT_NPROC`` inside: per user namespace since Linux 5.14, where it counts threads of a
#: non-root grader; a root grader is exempt, and the pids cgroup (:mod:`autograder.sandbox.pids`) counts
THREADS = 128

_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_REMOUNT, _MS_BIND = 1, 2, 4, 32, 4096
_PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS = 24, 38
_SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC = 1, 1
_SYS_SECCOMP = {"x86_64": 317, "aarch64": 277}
_CAP_VERSION_3 = 0x20080522


class Unconfined(RuntimeError):
    """The kernel refused a step of :func:`enter` or :func:`seal` (one line: which, and why)."""


class _Filter(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise Unconfined(f"{what}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as out:
        out.write(text)


def _mounted_below(target: str) -> list[str]:
    """Mount points strictly inside ``target``, outermost first."""
    prefix = target.rstrip("/") + "/"
    points = []
    with open("/proc/self/mountinfo", encoding="utf-8") as lines:
        for line in lines:
            point = line.split()[4].encode().decode("unicode_escape")  # octal escapes such as \\040
            if point.startswith(prefix):
                points.append(point)
    return sorted(set(points), key=lambda p: p.count("/"))


def wanted() -> bool:
    """Whether this process runs in the grading sandbox (and so must enter and seal)."""
    return os.environ.get(ENV) == "1"


def enter() -> int:
    """Make this (single-threaded) process's namespaces and bounded folders; return the inbox folder.

    The returned descriptor is the folder bubblewrap bound at ``/submission`` (now hidden
    under the new one); :func:`seal` copies from it and closes it.
    """
    libc = _libc()
    inbox = os.open("/submission", os.O_RDONLY | os.O_DIRECTORY)
    uid, gid = os.getuid(), os.getgid()
    _check(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS), "a user and mount namespace of its own")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")
    for target, (size, files, mode) in FOLDERS.items():
        # folders bound beneath it (the kernel's socket folder under /tmp) are bound again on top
        kept = [(point, os.open(point, os.O_PATH | os.O_DIRECTORY)) for point in _mounted_below(target)]
        options = f"size={size},nr_inodes={files},mode={mode:o}".encode()
        flags = _MS_NOSUID | _MS_NODEV
        _check(libc.mount(b"tmpfs", target.encode(), b"tmpfs", flags, options), f"an in-memory {target}")
        for point, fd in kept:
            os.makedirs(point, exist_ok=True)
            source = f"/proc/self/fd/{fd}".encode()
            _check(libc.mount(source, os.fsencode(point), None, _MS_BIND, None), f"{point} again")
            os.close(fd)
    os.chdir("/submission")
    _, hard = resource.getrlimit(resource.RLIMIT_NPROC)
    cap = THREADS if hard == resource.RLIM_INFINITY else min(THREADS, hard)
    resource.setrlimit(resource.RLIMIT_NPROC, (cap, cap))
    return inbox


def seal(inbox: int, read_only: tuple[str, ...] = ()) -> None:
    """Copy the submission in, make ``read_only`` folders read-only, drop capabilities, refuse namespaces."""
    from autograder.sandbox import seccomp
    from autograder.sandbox.files import copy_regular_files

    libc = _libc()
    try:
        copy_regular_files(inbox, "/submission", skip_suffixes=(".ipynb",))
    finally:
        os.close(inbox)
    for folder in read_only:
        path = os.fsencode(folder)
        _check(libc.mount(path, path, None, _MS_BIND, None), f"a read-only {folder}")
        flags = _MS_BIND | _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV
        _check(libc.mount(path, path, None, flags, None), f"a read-only {folder}")
    for cap in range(64):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    header = struct.pack("=Ii", _CAP_VERSION_3, 0)
    _check(libc.capset(header, bytes(24)), "giving up capabilities")
    program = seccomp.namespace_filter()
    number = _SYS_SECCOMP.get(platform.machine())
    if program is None or number is None:
        raise Unconfined(f"no seccomp filter for {platform.machine()}: new namespaces would stay possible")
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
    buffer = ctypes.create_string_buffer(program)
    prog = _Filter(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    flag = _SECCOMP_FILTER_FLAG_TSYNC
    _check(libc.syscall(number, _SECCOMP_SET_MODE_FILTER, flag, ctypes.byref(prog)), "the namespace filter")


def main(argv: list[str]) -> None:
    """``-c CODE``: enter, seal and run ``CODE`` in this process."""
    import sys

    if argv[:1] != ["-c"] or len(argv) != 2:
        raise SystemExit("usage: python -I -m autograder.sandbox.confine -c CODE")
    try:
        seal(enter())
    except (Unconfined, OSError) as exc:
        print(f"cannot confine learner code: {exc}", file=sys.stderr)
        raise SystemExit(3) from None
    exec(compile(argv[1], "<confined>", "exec"), {"__name__": "__main__"})


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
