"""Regenerate ``release/`` (the student versions) from ``source/`` with nbgrader.

``python -m course.releasegen [MODULE...]`` (``make release``) runs
``nbgrader generate_assignment`` for each module in a scratch copy of the course,
so the instructor's gradebook is untouched, then replaces ``release/<module>``
with the result. ``--check`` compares instead of writing and exits 1 when
``release/`` is out of date.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"


def modules() -> list[str]:
    """Every source module, in course order."""
    return sorted(p.name for p in SOURCE.iterdir() if p.is_dir() and not p.name.startswith("."))


def generate(names: list[str], into: Path) -> Path:
    """Generate the release of ``names`` into ``into/release``; return that folder."""
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", into / "nbgrader_config.py")
    nbgrader = Path(sys.executable).parent / "nbgrader"
    for name in names:
        shutil.copytree(
            SOURCE / name,
            into / "source" / name,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
        print(f"generating {name} ...", flush=True)
        proc = subprocess.run(
            [str(nbgrader), "generate_assignment", name, "--force"],
            cwd=into,
            capture_output=True,
            text=True,
            env=dict(os.environ, PATH=f"{nbgrader.parent}{os.pathsep}{os.environ.get('PATH', '')}"),
        )
        if proc.returncode != 0:
            raise SystemExit(f"error: nbgrader could not generate {name}:\n{proc.stdout}{proc.stderr}")
    return into / "release"


def differences(generated: Path, committed: Path) -> list[str]:
    """Files that differ between two release trees, as relative paths."""
    diffs = []

    def walk(cmp: filecmp.dircmp, prefix: Path) -> None:
        diffs.extend(str(prefix / n) + " (only in generated)" for n in cmp.left_only)
        diffs.extend(str(prefix / n) + " (only in release/)" for n in cmp.right_only)
        diffs.extend(str(prefix / n) for n in cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix / name)

    walk(filecmp.dircmp(generated, committed, ignore=[".ipynb_checkpoints", "__pycache__"]), Path())
    return diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.releasegen", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to regenerate (default: all)")
    parser.add_argument("--check", action="store_true", help="only report whether release/ is up to date")
    args = parser.parse_args(argv)
    names = args.modules or modules()
    unknown = [n for n in names if not (SOURCE / n).is_dir()]
    if unknown:
        raise SystemExit(f"error: no source module {', '.join(unknown)} (known: {', '.join(modules())})")
    with tempfile.TemporaryDirectory() as tmp:
        generated = generate(names, Path(tmp))
        if args.check:
            stale = [d for n in names for d in differences(generated / n, RELEASE / n)]
            if not args.modules:
                stale += [
                    f"{p.name} (no longer in source/)" for p in RELEASE.iterdir() if p.name not in names
                ]
            if stale:
                print("release/ is out of date; run `make release`:\n  " + "\n  ".join(stale))
                return 1
            print("release/ is up to date.")
            return 0
        RELEASE.mkdir(exist_ok=True)
        for name in names:
            shutil.rmtree(RELEASE / name, ignore_errors=True)
            shutil.copytree(generated / name, RELEASE / name)
        if not args.modules:
            for old in RELEASE.iterdir():
                if old.is_dir() and old.name not in names:
                    shutil.rmtree(old)
    print(f"release/ regenerated for {len(names)} module(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
