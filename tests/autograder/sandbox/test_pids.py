"""The pids cgroup each sandbox joins when grading as root."""

from __future__ import annotations

import os
import time

import pytest

from autograder.sandbox import pids

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the pids cgroup is the cap for a root grader only")


def test_a_new_group_caps_its_tasks():
    """Does each sandbox get its own group with pids.max set to the cap?"""
    assert pids.problem() is None, pids.problem()
    first, second = pids.new_group(), pids.new_group()
    try:
        assert first != second
        assert (first / "pids.max").read_text().strip() == str(pids.LIMIT)
    finally:
        first.rmdir()
        second.rmdir()


def test_sweep_removes_only_old_empty_groups():
    """Are empty groups past the grace time removed, while a just-made one (not joined yet) stays?"""
    old, young = pids.new_group(), pids.new_group()
    past = time.time() - 3600
    os.utime(old, (past, past))
    pids.sweep(old.parent)
    try:
        assert not old.exists() and young.exists()
    finally:
        young.rmdir()
