"""The link-free copy of a submission's files (autograder.sandbox.files)."""

from __future__ import annotations

import os

from autograder.sandbox import files


def test_a_copy_stops_at_the_entry_cap_and_names_what_it_left_out(tmp_path):
    """Does copying a folder with more entries than the cap copy only the cap and say so in one line?"""
    source, dest = tmp_path / "src", tmp_path / "dest"
    source.mkdir()
    for i in range(files.MAX_ENTRIES + 50):
        (source / f"f{i:05d}").write_bytes(b"")
    report = files.copy_regular_files(source, dest)
    assert len(report.copied) == files.MAX_ENTRIES == len(os.listdir(dest))
    assert f"more than {files.MAX_ENTRIES} files and folders" in report.describe()


def test_a_copy_from_an_open_folder_descriptor_leaves_it_open(tmp_path):
    """Can the source be an open folder descriptor (the sandbox's inbox), still open afterwards?"""
    source = tmp_path / "src"
    source.mkdir()
    (source / "data.csv").write_text("a\n")
    fd = os.open(source, os.O_RDONLY | os.O_DIRECTORY)
    try:
        report = files.copy_regular_files(fd, tmp_path / "dest")
        assert report.copied == ["data.csv"] and os.fstat(fd)
    finally:
        os.close(fd)
