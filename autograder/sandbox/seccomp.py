"""The seccomp programs of the grading sandbox (kept light: the sandboxed process imports it first).

:func:`seccomp_filter`, handed to bubblewrap, refuses new processes; :func:`namespace_filter`,
added by :func:`autograder.sandbox.confine.seal`, refuses new namespaces and mounts.
"""

from __future__ import annotations

import platform
import struct

# seccomp filter constants (linux/seccomp.h, linux/audit.h, linux/filter.h, asm/unistd_64.h)
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_EPERM, _ENOSYS = 1, 38
_CLONE_THREAD = 0x00010000
_LD_W_ABS, _JEQ_K, _JSET_K, _JGE_K, _RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
# (audit arch, fork, vfork, clone, clone3); fork/vfork are None where the architecture has none
_ARCHES = {
    "x86_64": (0xC000003E, 57, 58, 56, 435),
    "aarch64": (0xC00000B7, None, None, 220, 435),
}
_X32_BIT = 0x40000000


def seccomp_filter() -> bytes | None:
    """The seccomp program (``struct sock_filter`` array) that refuses new processes, or ``None``.

    ``fork``, ``vfork`` and a ``clone`` without ``CLONE_THREAD`` fail with ``EPERM``;
    ``clone3`` fails with ``ENOSYS`` (its flags are in memory a filter cannot read), so the
    C library makes threads with ``clone`` instead. System calls of another architecture
    (x32, i386) are refused. ``None`` on an architecture not in the table (threads and
    processes are then bounded only by the audit hook and ``RLIMIT_NPROC``).
    """
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return None
    audit_arch, fork, vfork, clone, clone3 = arch
    deny = _ERRNO | _EPERM
    prog: list[tuple[int, int, int, int]] = []

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> None:
        prog.append((code, jt, jf, k))

    op(_LD_W_ABS, 4)  # seccomp_data.arch
    op(_JEQ_K, audit_arch, 1, 0)
    op(_RET_K, deny)
    op(_LD_W_ABS, 0)  # seccomp_data.nr
    if platform.machine() == "x86_64":
        op(_JGE_K, _X32_BIT, 0, 1)
        op(_RET_K, deny)
    for number in (fork, vfork):
        if number is not None:
            op(_JEQ_K, number, 0, 1)
            op(_RET_K, deny)
    op(_JEQ_K, clone3, 0, 1)
    op(_RET_K, _ERRNO | _ENOSYS)
    op(_JEQ_K, clone, 1, 0)
    op(_RET_K, _ALLOW)
    op(_LD_W_ABS, 16)  # low half of seccomp_data.args[0]: clone's flags
    op(_JSET_K, _CLONE_THREAD, 0, 1)
    op(_RET_K, _ALLOW)
    op(_RET_K, deny)
    return b"".join(struct.pack("=HBBI", *ins) for ins in prog)


# system calls that make or join namespaces, or mount (asm/unistd_64.h, asm-generic/unistd.h)
_NAMESPACE_CALLS = {
    "x86_64": (272, 308, 165, 166, 155, 161),  # unshare setns mount umount2 pivot_root chroot
    "aarch64": (97, 268, 40, 39, 41, 51),
}
# open_tree move_mount fsopen fsconfig fsmount fspick mount_setattr: one number on every architecture
_NEW_MOUNT_CALLS = (428, 429, 430, 431, 432, 433, 442)


def namespace_filter() -> bytes | None:
    """The seccomp program that refuses (``EPERM``) new namespaces and every mount call, or ``None``.

    Added by :func:`autograder.sandbox.confine.seal` after the sandbox's own bounded folders
    are mounted: learner code can then neither leave them nor mount an unbounded tmpfs in a
    user namespace of its own. ``None`` on an architecture not in the table.
    """
    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return None
    deny = _ERRNO | _EPERM
    prog = [(_LD_W_ABS, 0, 0, 4), (_JEQ_K, 1, 0, arch[0]), (_RET_K, 0, 0, deny), (_LD_W_ABS, 0, 0, 0)]
    for number in (*_NAMESPACE_CALLS[platform.machine()], *_NEW_MOUNT_CALLS):
        prog += [(_JEQ_K, 0, 1, number), (_RET_K, 0, 0, deny)]
    prog.append((_RET_K, 0, 0, _ALLOW))
    return b"".join(struct.pack("=HBBI", *ins) for ins in prog)
