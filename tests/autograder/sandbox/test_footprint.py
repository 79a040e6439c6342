"""How much a submission folder holds, measured without copying it (autograder/sandbox/footprint.py)."""

from __future__ import annotations

import os

from autograder.sandbox import footprint


def test_an_ordinary_submission_or_a_missing_folder_is_no_problem(tmp_path):
    """Is a notebook with a data file, checkpoints and a nested folder or two accepted?"""
    assert footprint.folder_problem(tmp_path / "missing") is None
    (tmp_path / "a.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("{}")
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "cases.csv").write_text("a,b\n" * 1000)
    assert footprint.folder_problem(tmp_path) is None


def test_too_many_entries_are_refused_with_the_limit_and_the_fix(tmp_path):
    """Are more than MAX_ENTRIES files refused, in one line naming the limit and the fix?"""
    for i in range(footprint.MAX_ENTRIES + 1):
        (tmp_path / f"{i}").touch()
    why = footprint.folder_problem(tmp_path)
    assert why is not None and "files and folders" in why and "submit again" in why
    assert "\n" not in why


def test_folders_nested_too_deeply_are_refused(tmp_path):
    """Is a tree one level deeper than MAX_DEPTH refused, and one exactly MAX_DEPTH deep accepted?"""
    path = tmp_path
    for _ in range(footprint.MAX_DEPTH):
        path = path / "d"
    path.mkdir(parents=True)
    assert footprint.folder_problem(tmp_path) is None
    (path / "d").mkdir()
    assert "levels deep" in footprint.folder_problem(tmp_path)


def test_sparse_files_count_by_their_apparent_size(tmp_path):
    """Is a sparse file (a few blocks on disk) counted as large as a copy of it would be?"""
    with open(tmp_path / "data.bin", "wb") as handle:
        handle.truncate(footprint.MAX_TOTAL_BYTES + 1)
    assert os.stat(tmp_path / "data.bin").st_blocks * 512 < 1024**2
    why = footprint.folder_problem(tmp_path)
    assert why is not None and "MB" in why and "data.bin" in why


def test_links_are_counted_never_followed(tmp_path):
    """Does a link to a huge file or a big folder count as one entry, its target never measured?"""
    big = tmp_path / "outside"
    big.mkdir()
    with open(big / "huge", "wb") as handle:
        handle.truncate(footprint.MAX_TOTAL_BYTES * 10)
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "to-file").symlink_to(big / "huge")
    (submission / "to-folder").symlink_to(big)
    (submission / "to-root").symlink_to("/")
    assert footprint.folder_problem(submission) is None


def test_a_submission_folder_that_is_a_link_is_not_walked(tmp_path):
    """Is a submission folder that is itself a link refused rather than followed?"""
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert "is a symbolic link" in footprint.folder_problem(tmp_path / "link")


def test_notebooks_that_tip_the_total_name_clearing_outputs(tmp_path):
    """When notebooks hold most of the bytes, does the fix say to clear the outputs?"""
    for name in ("a.ipynb", "b.ipynb"):
        with open(tmp_path / name, "wb") as handle:
            handle.truncate(footprint.MAX_TOTAL_BYTES // 2 + 1)
    assert "clear all outputs" in footprint.folder_problem(tmp_path)
