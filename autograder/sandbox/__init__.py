"""Where learner code runs while grading: isolation, the grading kernel and the recompute step.

* :mod:`~autograder.sandbox.bwrap`: the bubblewrap profile (namespaces, filesystem view, environment);
* :mod:`~autograder.sandbox.seccomp`: the seccomp programs (no new processes; no new namespaces or mounts);
* :mod:`~autograder.sandbox.pids`: the pids cgroup that caps a sandbox's threads when grading as root;
* :mod:`~autograder.sandbox.confine`: what runs first inside: bounded in-memory folders, no new namespaces;
* :mod:`~autograder.sandbox.files`: copying a submission's regular files, never following links;
* :mod:`~autograder.sandbox.submission`: nbgrader's ``Autograde`` that skips links and special files;
* :mod:`~autograder.sandbox.manager`: the kernel manager that starts the grading kernel in bubblewrap;
* :mod:`~autograder.sandbox.spare`: the next submission's kernel, started ahead;
* :mod:`~autograder.sandbox.kernel`: the grading kernel (limits, guard rails, import path);
* :mod:`~autograder.sandbox.guardrails`: the audit hook underneath;
* :mod:`~autograder.sandbox.run` and :mod:`~autograder.sandbox.child`: the recompute step's process;
* :mod:`~autograder.sandbox.timing`: phase timings for the benchmark.

Kept apart from the rubric (:mod:`autograder.rubric`), which never runs learner code.
"""
