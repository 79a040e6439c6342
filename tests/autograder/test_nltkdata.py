"""Tests for autograder/nltkdata.py: the offline NLTK data set-up."""

import os
import subprocess
import sys
import zipfile

from autograder import nltkdata


def _python(code, data_dir):
    env = dict(os.environ, COURSE_NLTK_DATA=str(data_dir), NLTK_DATA=str(data_dir))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_build_from_scratch_then_vader_works(tmp_path):
    """Does building into an empty folder give a VADER that NLTK loads, with no network?"""
    written = nltkdata.build(tmp_path)
    assert written[0] == tmp_path / nltkdata.VADER
    with zipfile.ZipFile(written[0]) as archive:
        assert archive.namelist() == ["vader_lexicon/vader_lexicon.txt"]
    code = (
        "import socket\n"
        "def no_network(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no_network\n"
        "from autograder import nltkdata\n"
        "nltkdata.verify()\n"
        "from nltk.sentiment import SentimentIntensityAnalyzer\n"
        "print(SentimentIntensityAnalyzer().polarity_scores('I hate waiting')['compound'])\n"
    )
    proc = _python(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) < 0
    assert proc.stderr == ""


def test_build_gives_a_tagger_nltk_loads_offline(tmp_path):
    """Does the built tagger model load through NLTK's own PerceptronTagger, with no network?"""
    written = nltkdata.build(tmp_path)
    assert {p.name for p in written[1:-1]} == {
        *(f"averaged_perceptron_tagger_eng.{part}.json" for part in ("weights", "tagdict", "classes")),
        nltkdata.TAGGER_FEATURES,
        nltkdata.TAGGER_MATRIX,
    }
    code = (
        "import socket\n"
        "def no_network(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no_network\n"
        "from autograder import nltkdata\n"
        "nltkdata.verify()\n"
        "from nltk.tag import PerceptronTagger\n"
        "print(' '.join(t for _, t in PerceptronTagger().tag('I will send you a new card'.split())))\n"
    )
    proc = _python(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["PRP", "MD", "VB", "PRP", "DT", "JJ", "NN"]


def test_build_gives_general_english_frequencies_offline(tmp_path):
    """Does the build write the word-frequency table the relevance check reads, with no network?"""
    written = nltkdata.build(tmp_path)
    assert written[-1] == tmp_path / nltkdata.FREQUENCY
    code = (
        "import socket\n"
        "def no_network(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no_network\n"
        "from autograder import nltkdata\n"
        "nltkdata.verify()\n"
        "from autograder.rubric import background\n"
        "print(background.zipf('time') > background.zipf('hotel') > 0, background.zipf('router'))\n"
    )
    proc = _python(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "0.0"]


def test_tagger_model_refuses_code_in_the_pickle():
    """Does reading the packaged model refuse a pickle that would import anything but plain containers?"""
    import io
    import pickle

    import pytest

    hostile = pickle.dumps((os.system, ("true",)), protocol=2)
    with pytest.raises(pickle.UnpicklingError):
        nltkdata._ContainersOnly(io.BytesIO(hostile)).load()


def test_missing_data_names_the_make_target(tmp_path):
    """Does a missing resource give one clear error naming `make nltk-data`, not an NLTK trace?"""
    code = "from autograder import nltkdata\nnltkdata.require(nltkdata.VADER)\n"
    proc = _python(code, tmp_path / "empty")
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("autograder.nltkdata.MissingNltkData:")
    assert "make nltk-data" in last
    assert "sentiment/vader_lexicon.zip" in last


def test_cli_builds_data_into_a_fresh_folder(tmp_path):
    """Does `python -m autograder nltk-data` build the data into a folder that did not exist?"""
    code = "import sys\nfrom autograder.cli import main\nsys.exit(main(['nltk-data']))\n"
    env_dir = tmp_path / "fresh"
    proc = _python(code, env_dir)
    assert proc.returncode == 0, proc.stderr
    assert (env_dir / nltkdata.VADER).is_file()
    assert "NLTK data ready." in proc.stdout


def test_register_puts_project_folder_first(tmp_path, monkeypatch):
    """Is the project folder first on nltk.data.path after register()?"""
    import nltk

    monkeypatch.setenv(nltkdata.DATA_ENV, str(tmp_path))
    monkeypatch.setattr(nltk.data, "path", ["/somewhere/else", str(tmp_path)])
    assert nltkdata.register() == tmp_path.resolve()
    assert nltk.data.path[0] == str(tmp_path.resolve())
    assert nltk.data.path.count(str(tmp_path.resolve())) == 1
