"""What the grading kernel's messages may make the grader keep (autograder/preprocessors/execute.py)."""

from __future__ import annotations

from nbformat.v4 import new_code_cell

from autograder.preprocessors.execute import ResilientExecute


def _executor(cell_bytes: int, notebook_bytes: int) -> ResilientExecute:
    executor = ResilientExecute(output_bytes=cell_bytes, notebook_output_bytes=notebook_bytes)
    executor._sizes, executor._total, executor._cut = {}, 0, set()
    executor.reset_execution_trackers()  # what nbclient sets up before running cells
    executor.clear_before_next_output = False
    return executor


def _message(kind: str, content: dict) -> dict:
    return {"msg_type": kind, "header": {"msg_type": kind}, "parent_header": {}, "content": content}


def _stream(text: str) -> dict:
    return _message("stream", {"name": "stdout", "text": text})


def _error(evalue: str) -> dict:
    return _message(
        "error", {"ename": "ValueError", "evalue": evalue, "traceback": [f"ValueError: {evalue}"] * 500}
    )


def test_output_past_the_cell_limit_is_dropped_with_one_note():
    """Is output past a cell's limit dropped, with one stderr note saying so?"""
    executor, cell = _executor(1000, 10**6), new_code_cell("")
    for _ in range(10):
        executor.process_message(_stream("x" * 300), cell, 0)
    kept = "".join(o.text for o in cell.outputs if o.name == "stdout")
    notes = [o for o in cell.outputs if o.name == "stderr"]
    assert len(kept) <= 1000 and len(notes) == 1 and "this cell" in notes[0].text


def test_output_past_the_notebook_limit_is_dropped_across_cells():
    """Once all cells together pass the notebook's limit, does every later cell keep nothing but a note?"""
    executor = _executor(1000, 3000)
    cells = [new_code_cell("") for _ in range(10)]
    for index, cell in enumerate(cells):
        executor.process_message(_stream("x" * 800), cell, index)
    assert sum(len(o.text) for c in cells for o in c.outputs if o.name == "stdout") <= 3000
    assert "this notebook's cells" in cells[-1].outputs[-1].text


def test_a_cells_first_error_is_kept_short_even_past_the_limits():
    """Does output printed first never hide the cell's error, and is a huge error message shortened?"""
    executor, cell = _executor(1000, 1000), new_code_cell("")
    executor.process_message(_stream("x" * 5000), cell, 0)
    executor.process_message(_error("y" * 10_000_000), cell, 0)
    executor.process_message(_error("again"), cell, 0)
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert len(errors) == 1 and errors[0].ename == "ValueError"
    assert len(errors[0].evalue) < 3000 and sum(len(line) for line in errors[0].traceback) < 200_000


def test_messages_in_shapes_nbclient_cannot_use_are_ignored():
    """Are a stream of a number, a list as transient, a number as display data and a widget without its
    model ignored, never raising, while well-formed output is kept?"""
    executor, cell = _executor(10**6, 10**6), new_code_cell("")
    for message in [
        _message("stream", {"name": "stdout", "text": 5}),
        _message("display_data", {"data": {"text/plain": "x"}, "metadata": {}, "transient": [1]}),
        _message("display_data", {"data": {"text/plain": 7}, "metadata": {}}),
        _message(
            "comm_open", {"comm_id": "c1", "target_name": "jupyter.widget", "data": {"state": {"v": 1}}}
        ),
        _stream("kept"),
    ]:
        executor.process_message(message, cell, 0)
    assert [o.get("text") for o in cell.outputs] == ["kept"]
    assert "c1" not in executor.widget_state
