"""What can be checked of ``deploy/`` (Kubernetes via Zero to JupyterHub) without a cluster.

* ``deploy/config.yaml`` merged over the chart's default values passes the chart's own
  schema (``deploy/chart/``, copied from zero-to-jupyterhub-k8s), as ``helm`` checks it,
  and sets what the course needs: the image, resources per learner, the exchange on a
  shared volume at the path the learners' config reads.
* ``deploy/Dockerfile`` installs the project's pinned ``requirements.txt`` and the course
  packages, with the files it copies present; the learners' environment of ``make hub``,
  built from the same files, has every pinned requirement at its pinned version and
  imports the course.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from course.hub.settings import default_learner_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CHART = DEPLOY / "chart"


def merged(base: dict, override: dict) -> dict:
    """Helm's merge of user values over the chart's defaults (dicts merge, the rest replaces)."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def config() -> dict:
    return yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))


def pinned() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line!r} is not pinned with =="
            pins[name] = version
    return pins


def test_config_passes_the_charts_schema():
    """Does config.yaml, merged over the chart's values.yaml, validate against values.schema.yaml?"""
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(merged(defaults, config()), schema)


def test_the_schema_check_catches_a_misspelt_key():
    """Would the schema check fail on a key the chart does not know (so the test above can fail)?"""
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    wrong = config()
    wrong["singleuser"]["memmory"] = wrong["singleuser"].pop("memory")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(merged(defaults, wrong), schema)


def test_config_gives_the_course_what_it_needs():
    """Image, resources per learner, and the exchange mounted where the learners' config looks?"""
    values = config()
    single = values["singleuser"]
    assert single["image"]["name"] and single["image"]["tag"]
    for resource in ("cpu", "memory"):
        assert single[resource]["guarantee"] and single[resource]["limit"], resource
    exchange = single["extraEnv"]["COURSE_EXCHANGE_ROOT"]
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    volumes = {v["name"]: v for v in single["storage"]["extraVolumes"]}
    assert exchange in mounts.values(), f"no volume mounted at {exchange}"
    name = next(n for n, path in mounts.items() if path == exchange)
    assert "persistentVolumeClaim" in volumes[name], "the exchange must be a shared claim"
    assert single["extraEnv"]["COURSE_ID"] == "empathy-in-customer-service"
    assert values["hub"]["config"]["Authenticator"]["admin_users"]
    assert "c.KubeSpawner.pre_spawn_hook" in values["hub"]["extraConfig"]["10-course-graders"]
    compile(values["hub"]["extraConfig"]["10-course-graders"], "10-course-graders", "exec")


def dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text(encoding="utf-8")


def test_dockerfile_installs_the_projects_pins_and_files():
    """Does the image install requirements.txt and copy files that exist, on Python 3.11?"""
    text = dockerfile()
    assert re.search(r"^FROM python:3\.11[-\w.]*$", text, re.M), "the image's Python must be 3.11"
    assert "pip install --no-cache-dir -r /tmp/course/requirements.txt" in text
    for source, _target in re.findall(r"^COPY (\S+(?: \S+)*?) (\S+)$", text, re.M):
        for item in source.split():
            assert (ROOT / item).exists(), f"Dockerfile copies {item}, which is not in the repository"
    copies = dict((target, source) for source, target in re.findall(r"^COPY (\S+) (\S+)$", text, re.M))
    assert copies["/etc/jupyter/nbgrader_config.py"] == "course/hub/learner_nbgrader_config.py"
    assert copies["/usr/local/share/jupyter/lab/settings/overrides.json"] == "course/lab/overrides.json"
    assert "jupyterhub" in pinned(), "jupyterhub-singleuser must be in the image"


def test_instructor_config_files_are_valid_json():
    for path in (DEPLOY / "instructor").rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_learners_environment_has_the_pins_and_imports_the_course():
    """Does the environment built from the image's files hold every pin and import the course?"""
    env = default_learner_env()
    python = env / "bin" / "python"
    if not python.exists():
        pytest.skip(f"no learners' environment in {env}: run `make hub-setup`")
    script = (
        "import json, sys, importlib.metadata as m\n"
        "names = json.loads(sys.argv[1])\n"
        "print(json.dumps({n: m.version(n) for n in names}))\n"
        "import autograder, course, course.selfcheck, nbgrader, jupyterlab, nltk, ipywidgets, yaml\n"
        "from autograder.nltkdata import verify; verify()\n"
        "from traitlets.config.loader import PyFileConfigLoader\n"
        "import jupyter_core.paths as p\n"
        "cfg = PyFileConfigLoader('nbgrader_config.py', path=f'{sys.prefix}/etc/jupyter').load_config()\n"
        "print(cfg.Exchange.root, cfg.CourseDirectory.course_id)\n"
    )
    pins = pinned()
    proc = subprocess.run(
        [str(python), "-c", script, json.dumps(sorted(pins))],
        capture_output=True,
        text=True,
        cwd="/",
        env={"PATH": "/usr/bin:/bin", "COURSE_EXCHANGE_ROOT": "/srv/x", "COURSE_ID": "c1"},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    versions_line, config_line = proc.stdout.strip().splitlines()[-2:]
    versions = json.loads(versions_line)
    assert {k.lower(): v for k, v in versions.items()} == {k.lower(): v for k, v in pins.items()}
    assert config_line == "/srv/x c1"
