"""Tests for autograder/rubric/copied.py: the hashed index of course text and near-identical replies."""

import json
from pathlib import Path

import nbformat
import pytest
import yaml

from autograder import score_reply
from autograder.rubric import copied

WORKED = (
    "Maya, I'm sorry the boots came in the wrong size; that was our packing mistake. I'm sending size 38 "
    "by express delivery today so they reach you before your trip on Saturday, with a prepaid return label."
)
ROLEPLAY_LINE = (
    "I can hear how much this trip matters to you, and I'd like to get the right pair to you before the "
    "weekend so you can pack with no worries at all."
)


def _course(root: Path, *, extra_cell: str | None = None) -> Path:
    """A small course directory: one release notebook, one role-play, one model answer."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f'A strong reply:\n\n> "{WORKED}"')]
    if extra_cell:
        nb.cells.append(nbformat.v4.new_markdown_cell(extra_cell))
    (root / "release" / "01-boots").mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, root / "release" / "01-boots" / "01-boots.ipynb")
    (root / "course" / "roleplays").mkdir(parents=True, exist_ok=True)
    (root / "course" / "roleplays" / "boots.yaml").write_text(
        yaml.safe_dump({"id": "boots", "steps": {"open": {"choices": [{"say": ROLEPLAY_LINE}]}}})
    )
    (root / "source" / "01-boots" / "model-answers").mkdir(parents=True, exist_ok=True)
    (root / "source" / "01-boots" / "model-answers" / "boots.md").write_text("# Model\n\nShort.\n")
    return root


def test_the_index_holds_hashes_not_readable_text(tmp_path):
    """Does the generated index store hashed shingles only, with no sentence of the course in it?"""
    out = copied.write_index(_course(tmp_path), tmp_path / "index.json")
    stored = out.read_text()
    data = json.loads(stored)
    assert data["passages"] and all(isinstance(h, int) for p in data["passages"] for h in p["hashes"])
    for phrase in ("wrong size", "packing mistake", "right pair"):
        assert phrase not in stored


def test_pasted_and_lightly_edited_course_text_is_found(tmp_path):
    """Is a reply pasted from a release notebook or a role-play found, even with a few words changed?"""
    index = copied.write_index(_course(tmp_path), tmp_path / "index.json")
    share, source = copied.course_match(WORKED, index)
    assert share > 0.9 and source.startswith("release/01-boots/01-boots.ipynb")
    edited = ROLEPLAY_LINE.replace("I'd like to", "I want to").replace("at all", "")
    share, source = copied.course_match(edited, index)
    assert share >= copied.COPIED_SHARE and source.startswith("course/roleplays/boots.yaml")
    own = "Maya, that's our mistake and I'm sorry. I'm sending size 38 today so you have them for Saturday."
    assert copied.course_match(own, index)[0] < copied.COPIED_SHARE


def test_a_new_notebook_example_is_covered_without_code_changes(tmp_path):
    """Is a worked example added to a notebook found after rebuilding, with no list to edit?"""
    new = "Priya, that sounds maddening, and I'd be annoyed too after paying for a book I couldn't open."
    root = _course(tmp_path)
    index = copied.write_index(root, tmp_path / "index.json")
    assert copied.course_match(new, index)[0] < copied.COPIED_SHARE
    _course(root, extra_cell=f'*"{new}"*')
    index = copied.write_index(root, tmp_path / "index.json")
    assert copied.course_match(new, index)[0] >= copied.COPIED_SHARE


def test_a_missing_index_is_built_on_first_use(tmp_path, monkeypatch):
    """With no index file (a fresh checkout), is one built from the course files on first use?"""
    root = _course(tmp_path)
    index = tmp_path / "missing" / "index.json"  # its folder does not exist: cannot be written either
    monkeypatch.setattr(copied, "COURSE_ROOT", root)
    copied._index.cache_clear()
    copied._inverted.cache_clear()
    try:
        assert copied.course_match(WORKED, index)[0] > 0.9
        assert not index.exists()
    finally:
        copied._index.cache_clear()
        copied._inverted.cache_clear()


def test_the_course_index_is_built_by_setup():
    """Does the set-up's index cover the course's own printed replies (here, a role-play line)?"""
    printed = copied.course_text("Tom, I'm sorry: I can see both $89 charges")
    assert printed is not None
    result = score_reply("double-charge", printed)
    assert "copied" in result.flags and result.score <= copied.COPIED_CAP
    assert any("in your own words" in s for s in result.feedback)


def test_customer_words_are_not_counted_as_copying():
    """Is quoting the scenario's own facts and offers (which notebooks print) left to the echo check?"""
    reply = (
        "Dana, I'm sorry you've been locked out since this morning with bills due today. Instead of asking "
        "you to read out personal details, I'll send a one-time code to the phone number on file and unlock "
        "the account during this call once the code is confirmed. Shall I send it now?"
    )
    assert "copied" not in score_reply("locked-account-2fa", reply).flags


@pytest.mark.parametrize(
    ("texts", "groups"),
    [
        (
            {
                "ana": "Tom, I'm so sorry, we charged you twice and that's on us. I'm refunding $89 today.",
                "ben": "Tom, I'm so sorry, we charged you twice and that's on us. I'm refunding $89 today!",
                "cai": "tom im so sorry we charged you twice and thats on us, im refunding $89 today",
                "dee": "Hi Tom, that double charge is our billing error. The refund goes out today.",
                "eve": "",
            },
            [["ana", "ben", "cai"]],
        ),
        ({"ana": "Short.", "ben": "Short."}, []),
    ],
)
def test_near_identical_replies_between_learners_are_grouped(texts, groups):
    """Are learners with near-identical replies grouped, and different or too-short replies left out?"""
    assert copied.similar_groups(texts) == groups


def test_only_a_reply_printed_for_the_same_scenario_counts_as_copied():
    """Is the course's printed reply to Tom 'copied' for Tom, and left to the relevance check elsewhere?"""
    printed = copied.course_text("Tom, I'm sorry: I can see both $89 charges")
    assert copied.course_match(printed, scenario="double-charge")[0] >= copied.COPIED_SHARE
    assert copied.course_match(printed, scenario="price-increase")[0] == 0.0
    elsewhere = score_reply("price-increase", printed)
    assert "copied" not in elsewhere.flags and "other_situation" in elsewhere.flags


def test_each_quoted_reply_is_labelled_with_its_scenario(tmp_path):
    """Does the index label a quoted reply with the catalogue scenario it answers, and others with none?"""
    tom = (
        "Tom, I'm sorry: we charged you twice for the same order and that's our billing error. "
        "I'm refunding the duplicate $89 today."
    )
    root = _course(tmp_path, extra_cell=f'A model reply to Tom:\n\n> "{tom}"')
    data = copied.build_index(root)
    labels = {p["scenario"] for p in data["passages"]}
    assert "double-charge" in labels and None in labels  # Tom's reply, and Maya's boots


def test_replies_in_released_data_files_are_indexed(tmp_path):
    """Is a reply printed in a data file released beside the notebooks (a CSV of labelled replies, a JSON
    transcript) found as copied, with no list of files to edit?"""
    root = _course(tmp_path)
    csv_reply = (
        "Maya, sorry for the mix-up with the boots; I am posting the right pair tonight by express courier."
    )
    (root / "release" / "01-boots" / "labelled.csv").write_text(f'reply,label\n"{csv_reply}",4\n')
    json_line = "I know the trip is close, so the boots go out first thing tomorrow with a free return label."
    (root / "release" / "01-boots" / "transcript.json").write_text(
        json.dumps({"turns": [{"agent": json_line}]})
    )
    index = copied.write_index(root, tmp_path / "index.json")
    share, source = copied.course_match(csv_reply, index)
    assert share > 0.9 and source.startswith("release/01-boots/labelled.csv")
    share, source = copied.course_match(json_line, index)
    assert share > 0.9 and source.startswith("release/01-boots/transcript.json")
