# Empathy in customer service: one Makefile for learners, instructors and CI.
#   make lab    set up (first time only) and open the course in JupyterLab
#   make test   set up and run lint, the notebook checks and the whole test suite

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NLTK_STAMP := nltk_data/.built
# nbgrader runs helpers such as alembic by name, so the venv's bin comes first
export PATH := $(abspath $(BIN)):$(PATH)
# jupyter refuses to run as root (containers, CI) unless told to
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)
PORT   ?= 8888

.DEFAULT_GOAL := help
.PHONY: help setup nltk-data lab test lint format nbcheck nbclean release bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

$(BIN)/python:
	@echo "Creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# the limited kernel nbgrader grades in (autograder/sandbox/kernel.py)
GRADING_KERNEL := $(VENV)/share/jupyter/kernels/empathy-grading/kernel.json
$(GRADING_KERNEL): autograder/sandbox/kernel.py $(STAMP)
	$(BIN)/python -m autograder.sandbox.kernel --install

# JupyterLab settings that keep pop-ups (news, update checks) away from learners
$(LAB_SETTINGS): course/lab/overrides.json $(STAMP)
	@mkdir -p $(dir $@)
	cp $< $@

$(NLTK_STAMP): $(STAMP) autograder/nltkdata.py
	$(BIN)/python -m autograder.nltkdata
	@touch $@

# The rubric's hashed index of the text the course prints (autograder/rubric/copied.py), built from the
# release notebooks, role-plays and model answers (source/*/model-answers/, never released) found by glob; kept inside the autograder package so it
# is there when a notebook is graded in the sandbox. Rebuilt whenever one of those files changes.
COURSE_INDEX := autograder/rubric/course_index.json
COURSE_TEXT  := $(wildcard source/*/model-answers/*.md) $(shell find release course/roleplays -type f \( -name '*.ipynb' \
	-o -name '*.yaml' -o -name '*.md' -o -name '*.csv' -o -name '*.json' \) -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)
$(COURSE_INDEX): $(STAMP) autograder/rubric/copied.py $(COURSE_TEXT) $(wildcard autograder/rubric/scenarios/*.yaml)
	$(BIN)/python -m autograder.rubric.copied

setup: $(STAMP) $(NLTK_STAMP) $(LAB_SETTINGS) $(GRADING_KERNEL) $(COURSE_INDEX) sandbox ## create .venv, install everything, build the offline NLTK data and the course-text index, install bubblewrap (idempotent)

nltk-data: $(STAMP) ## (re)build the offline NLTK data in nltk_data/
	$(BIN)/python -m autograder.nltkdata
	@touch $(NLTK_STAMP)

lab: setup ## open the course in JupyterLab (learner view, no instructor tools), in your own workspace/
	$(BIN)/python -m course.workspace
	$(BIN)/python -m course.learnerlab $(LAB_FLAGS) --ServerApp.port=$(PORT) --ServerApp.root_dir=workspace

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

nbcheck: $(STAMP) ## fail if any notebook is stored with outputs or without a kernelspec
	$(BIN)/python -m course.nbclean --check source release

nbclean: $(STAMP) ## clear outputs and set the kernelspec of every notebook
	$(BIN)/python -m course.nbclean source release

release: setup ## regenerate release/ (student versions) from source/ with nbgrader
	$(BIN)/python -m course.releasegen
	$(BIN)/python -m autograder.rubric.copied

test: setup browser hub-setup lint nbcheck ## everything CI runs
	$(BIN)/python -m pytest

bench: setup ## run the rubric and politeness benchmarks and print their figures
	$(BIN)/python bench/rubric_calibration.py
	$(BIN)/python bench/rubric_families.py
	$(BIN)/python bench/politeness.py

clean: ## remove the virtual environment and generated data (keeps learner work)
	rm -rf $(VENV) nltk_data .pytest_cache .ruff_cache $(COURSE_INDEX)

# Instructor tools (python -m course; see docs/instructor.md)
COURSE ?= .
.PHONY: demo instructor

demo: setup ## a demo class of 30 learners and the whole grading cycle, in demo/
	$(BIN)/python -m course demo

instructor: setup ## JupyterLab with nbgrader's formgrader at the course root (COURSE=dir for another)
	cd $(COURSE) && PATH="$(abspath $(BIN)):$$PATH" $(abspath $(BIN))/jupyter lab $(LAB_FLAGS) --ServerApp.port=$(PORT)

# Debian's Chromium for the browser tests (tests/browser): Playwright drives it, never downloads one.
CHROMIUM ?= /usr/bin/chromium
.PHONY: browser sandbox

browser: ## install Debian's chromium for the browser tests (needs root, as in CI)
	@if [ -x "$(CHROMIUM)" ]; then echo "browser: $$($(CHROMIUM) --version 2>/dev/null | head -n1) at $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	elif [ -n "$$CI" ]; then echo "browser: $(CHROMIUM) is missing and CI is not root: cannot install chromium" >&2; exit 1; \
	else echo "browser: no $(CHROMIUM) and not root: the browser tests will be skipped (run: sudo make browser)"; fi

# The course on JupyterHub, on one machine (course/hub/, README "Three ways to run the course").
#   make hub LEARNERS=3 TAS=1 HUB_PORT=8000
# As root, learners are separate Unix users; their servers run from the learners'
# environment in $(HUB_ENV), built with an interpreter every user can run.
LEARNERS ?= 3
TAS      ?= 0
HUB_PORT ?= 8000
HUB_PROXY := hub/node_modules/.bin/configurable-http-proxy
ifeq ($(shell id -u),0)
HUB_ENV    ?= /opt/empathy-course/singleuser
HUB_PYTHON ?= /usr/bin/python3
else
HUB_ENV    ?= hub/singleuser
HUB_PYTHON ?= $(PYTHON)
endif
HUB_ENV_STAMP := $(HUB_ENV)/.installed
COURSE_CODE := $(shell find autograder course -name '*.py' -o -name '*.yaml' -o -name '*.json' -o -name '*.md' 2>/dev/null)
.PHONY: hub hub-setup hub-python node

node: ## install Debian's nodejs and npm when node is missing (needs root, as in CI)
	@if command -v node >/dev/null && command -v npm >/dev/null; then echo "node: $$(node --version)"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; \
	else echo "node: nodejs and npm are missing; run: sudo make node" >&2; exit 1; fi

$(HUB_PROXY): hub/package.json hub/package-lock.json
	@$(MAKE) --no-print-directory node
	npm ci --prefix hub --no-audit --no-fund --loglevel=error
	@touch $@

# an interpreter every learner can run (Debian's python3 with venv when root: a Python
# under /root cannot be run by other users)
hub-python:
	@if $(HUB_PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv; \
	else echo "$(HUB_PYTHON) cannot make virtual environments: set HUB_PYTHON=/path/to/python3.11" >&2; exit 1; fi

$(HUB_ENV_STAMP): requirements.txt pyproject.toml $(COURSE_CODE) | $(STAMP) hub-python
	$(BIN)/python -m course.hub.singleuser --python $(HUB_PYTHON) --prefix $(HUB_ENV)
	@touch $@

hub-setup: setup $(HUB_PROXY) $(HUB_ENV_STAMP) ## install JupyterHub's proxy (npm) and build the learners' environment

hub: hub-setup ## a local JupyterHub for a class: instructor + LEARNERS=3 learner accounts (Ctrl-C stops it)
	$(BIN)/python -m course.hub --learners $(LEARNERS) --tas $(TAS) --port $(HUB_PORT) --learner-env $(HUB_ENV)

# Debian's bubblewrap: learner code runs in it while grading (autograder/sandbox/bwrap.py).
sandbox: ## install Debian's bubblewrap, which isolates learner code while grading (needs root, as in CI)
	@if command -v bwrap >/dev/null 2>&1; then echo "sandbox: $$(bwrap --version) at $$(command -v bwrap)"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bubblewrap; \
	elif [ -n "$$CI" ]; then echo "sandbox: bwrap is missing and CI is not root: cannot install bubblewrap" >&2; exit 1; \
	else echo "sandbox: no bwrap and not root: autograding will refuse to run (fix: sudo make sandbox, or sudo apt-get install bubblewrap)"; fi
