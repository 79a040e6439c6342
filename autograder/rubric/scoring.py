"""The reply rubric: eight criteria from the course's seed articles, their weights, and the caps.

``score_reply(scenario, reply)`` scores a written reply:

1. **Input guards** (:mod:`autograder.rubric.checks`): a reply that is not text, empty,
   not English or has no words scores 0 (or near 0) with one clear sentence
   saying why; other form problems (too long, code, heavy markup, SHOUTING,
   repetition, a keyword list, copying the message back, unfilled template
   placeholders) and harm (blame, dismissal, sarcasm, condescension, hidden
   blame, rudeness, repeated lecturing) each *cap* the total. So do the checks
   that read the scenario: another situation or nothing specific
   (:mod:`autograder.rubric.relevance`), text copied from the course
   (:mod:`autograder.rubric.copied`), and hollow boilerplate, red lines, steps
   already tried, selling and promises the company can't keep
   (:mod:`autograder.rubric.lesson_checks`); a reworded echo, minimising, headlines
   (:mod:`autograder.rubric.gaming`), a reply of questions only, the rubric recited
   (:mod:`autograder.rubric.gaming`), a similar scenario's reply
   (:mod:`autograder.rubric.contrast`) and the wrong voice (:mod:`autograder.rubric.addressee`); words
   for a grader, a reply taken back, a script with the person's lines, our error put on the person or
   granted only "if", and (after the criteria) "nothing I can do" or a choice between nothing
   (:mod:`autograder.rubric.bait`).
2. **Criteria** (:mod:`autograder.rubric.criteria`), each giving credit in [0, 1] with
   evidence and one actionable sentence, combined as a weighted mean with
   :data:`WEIGHTS`.
3. **Ownership cap**: in a scenario where the company is *not* at fault,
   apologising for the policy or price or accepting blame caps the total at
   :data:`WRONG_OWNERSHIP_CAP` (the human scale puts that in band 1).
4. **Adequate floor**: a reply with no problem flag that is polite, offers
   concrete help and takes fitting ownership scores at least
   :data:`ADEQUATE_FLOOR` (band 2, "polite and correct but generic"), because
   the scale keeps band 1 for specific faults. A polite reply whose only
   problems are band-1 faults (every cap at least :data:`POOR_FLOOR`) scores at
   least :data:`POOR_FLOOR` (band 1), because the scale keeps band 0 for harm,
   emptiness, off-topic replies and tricks. Neither floor applies with ``only``.

``uses_name`` is left out of the total (weight 0 for that reply) when the
scenario gives no name. The total is the minimum of the weighted mean and every
cap that applies. Bands, as people use them: ``min(4, floor(score * 5))``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from autograder.rubric import (
    addressee,
    bait,
    checks,
    contrast,
    copied,
    gaming,
    lesson_checks,
    other_people,
    relevance,
)
from autograder.rubric.criteria import (
    acknowledgement,
    commitment,
    concrete_help,
    invitation,
    name,
    ownership,
    reflection,
    tone,
)
from autograder.rubric.criteria.base import Context, profile
from autograder.rubric.result import CriterionResult, ReplyResult
from autograder.rubric.scenario import load_scenario
from autograder.rubric.text import analyse, content_stems

# The one readable place for the weights (relative; the total is a weighted mean).
WEIGHTS: dict[str, float] = {
    "uses_name": 0.5,
    "acknowledges_feeling": 1.5,
    "reflects_problem": 1.25,
    "commits_to_act": 1.0,
    "fitting_ownership": 1.25,
    "offers_concrete_help": 1.25,
    "invites_view": 0.75,
    "warm_polite_tone": 1.0,
}

CRITERIA = {
    "uses_name": name,
    "acknowledges_feeling": acknowledgement,
    "reflects_problem": reflection,
    "commits_to_act": commitment,
    "fitting_ownership": ownership,
    "offers_concrete_help": concrete_help,
    "invites_view": invitation,
    "warm_polite_tone": tone,
}

WRONG_OWNERSHIP_CAP = 0.35
# The human scale's band 2 ("adequate: polite and correct but generic or robotic") starts at 0.4. A reply
# with no problem at all that is polite and offers the person real help is at least adequate, however
# little empathy it shows; band 1 is for the faults the scale lists (sympathy with nothing behind it,
# apologising for policy, wrong blame, lecturing, mild dismissal).
ADEQUATE_FLOOR = 0.41
# Band 1 ("poor: a sympathy cliche with nothing behind it, an apology for policy, a lecture...") is for
# faults; band 0 for harm, emptiness, off-topic replies and tricks. A polite reply whose only problems
# are band-1 faults scores at least this much.
POOR_FLOOR = 0.21
# Problems so basic that the criteria are not assessed at all.
_UNSCORABLE = ("not_text", "empty", "no_words", "not_english")
_BOUNDARIES = (0.2, 0.4, 0.6, 0.8)


def _selected(only: Iterable[str] | None) -> tuple[str, ...]:
    if only is None:
        return tuple(CRITERIA)
    if isinstance(only, str):
        only = (only,)
    wanted = set(only)
    unknown = sorted(wanted - set(CRITERIA))
    if unknown:
        raise ValueError(f"unknown criterion {unknown[0]!r}; the criteria are: {', '.join(CRITERIA)}")
    if not wanted:
        raise ValueError("`only` must name at least one criterion")
    return tuple(n for n in CRITERIA if n in wanted)


@lru_cache(maxsize=64)
def _scenario_by_id(ref: str):
    return load_scenario(ref)


def score_reply(scenario, reply, only: Iterable[str] | None = None) -> ReplyResult:
    """Score ``reply`` (the learner's text) against the rubric for ``scenario``.

    Args:
        scenario: a scenario id, a path to a scenario YAML file, or a loaded ``Scenario``.
        reply: the reply; anything that is not a string scores 0 with the flag ``"not_text"``.
        only: optional criterion names; the score is then the weighted mean of just those
            criteria, still capped by the gaming and harm checks.

    Returns:
        A :class:`~autograder.rubric.result.ReplyResult`.
    """
    if isinstance(scenario, str) and "/" not in scenario and not scenario.endswith((".yaml", ".yml")):
        scenario = _scenario_by_id(scenario)  # ids resolve the same way every time; paths are re-read
    else:
        scenario = load_scenario(scenario)
    selected = _selected(only)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _score(scenario, reply, selected)


def _unscored(scenario_id: str, selected: tuple[str, ...], problems: list[checks.Problem]) -> ReplyResult:
    reason = problems[0].message
    criteria = tuple(
        CriterionResult(
            n,
            CRITERIA[n].LABEL,
            False,
            0.0,
            WEIGHTS[n],
            (),
            "Not assessed: " + reason[0].lower() + reason[1:],
        )
        for n in selected
    )
    flags = tuple(dict.fromkeys(p.flag for p in problems))
    feedback = tuple(dict.fromkeys(p.message for p in problems))
    return ReplyResult(scenario_id, 0.0, criteria, flags, feedback, 0.95, {"uncapped": 0.0})


def _score(scenario, reply, selected: tuple[str, ...]) -> ReplyResult:
    text, problems = checks.check_input(reply)
    if text is None:
        return _unscored(scenario.id, selected, problems)
    # Analysis never looks further than MAX_CHARS; a reply already flagged too long is capped at 0.1,
    # so its first few hundred words are enough to say what else is wrong with it.
    text = text[: 1000 if problems else checks.MAX_CHARS]
    template = checks.template_problem(text)
    if template:
        problems.append(template)
    markup = checks.markup_problem(text)
    if markup:
        problems.append(markup)
        text = checks.strip_markup(text)
    reply_analysis = analyse(text)
    problems.extend(checks.form_problems(reply_analysis, text))
    if not any(p.flag == "keyword_list" for p in problems):
        headlines = gaming.headlines_problem(reply_analysis)
        if headlines:
            problems.append(headlines)
    problems.extend(
        p
        for p in (
            gaming.interrogation_problem(reply_analysis),
            gaming.meta_talk_problem(reply_analysis),
            bait.grader_note_problem(reply_analysis),
            bait.take_back_problem(reply_analysis),
        )
        if p
    )
    if any(p.flag in _UNSCORABLE for p in problems):
        return _unscored(scenario.id, selected, [p for p in problems if p.flag in _UNSCORABLE])

    prof = profile(scenario)
    echo = checks.echo_problem(reply_analysis, prof.message) or gaming.restatement_problem(
        reply_analysis,
        prof.message,
        prof.scenario.customer_name,
        tuple(o.stems for o in prof.offers) + tuple(map(content_stems, prof.scenario.policy_facts)),
    )
    if echo:
        problems.append(echo)
    script = bait.script_problem(reply_analysis, prof.scenario.customer_name or "")
    if script:
        problems.append(script)
    harm = checks.harm_problems(reply_analysis)
    harm.extend(checks.polite_harm_problems(reply_analysis, prof.message, tuple(p.flag for p in harm)))
    harm.extend(gaming.minimising_problems(reply_analysis, prof.message))
    harm.extend(p for p in (bait.their_fault_problem(reply_analysis, scenario.company_at_fault),) if p)
    harm.extend(p for p in bait.hostility_problems(reply_analysis) if p.flag not in {h.flag for h in harm})
    doubted = bait.doubted_fault_problem(reply_analysis, scenario.company_at_fault)
    if doubted:
        problems.append(doubted)
    problems.extend(harm)
    lecture_phrases = checks.lecture_phrases(reply_analysis)
    lecture = checks.lecture_problem(lecture_phrases)
    if lecture:
        problems.append(lecture)
    problems.extend(_situation_problems(reply_analysis, prof, text, echo is not None))
    promised = lesson_checks.promises(reply_analysis, prof)
    problems.extend(lesson_checks.promise_problems(promised))
    context = Context(
        reply_analysis,
        prof,
        echo=echo is not None,
        harm=tuple(harm),
        lecture=tuple(lecture_phrases),
        ungrounded=promised.ungrounded + tuple(s for s, _ in promised.ruled_out),
    )

    results = []
    for criterion_name in selected:
        module = CRITERIA[criterion_name]
        res = module.evaluate(context)
        applies = getattr(module, "applies", None)
        weight = WEIGHTS[criterion_name] if applies is None or applies(context) else 0.0
        results.append(replace(res, weight=weight))

    by_name = {r.name: r for r in results}
    own = by_name.get("fitting_ownership")
    if own is not None and scenario.company_at_fault is False and own.credit == 0.0 and own.evidence:
        problems.append(
            checks.Problem(
                "wrong_ownership",
                WRONG_OWNERSHIP_CAP,
                "The reply apologises for a policy or price, or accepts blame that isn't the company's; "
                "show understanding without taking the blame.",
                own.evidence,
            )
        )

    total_weight = sum(r.weight for r in results)
    raw = sum(r.weight * r.credit for r in results) / total_weight if total_weight else 0.0
    if len(selected) == len(CRITERIA):
        problems.extend(_hollow_problems(reply_analysis, by_name, raw, scenario))
    cap = min((p.cap for p in problems), default=1.0)
    score = min(raw, cap)
    if not problems and len(selected) == len(CRITERIA) and _adequate(by_name):
        score = max(score, ADEQUATE_FLOOR)
    elif problems and cap >= POOR_FLOOR and len(selected) == len(CRITERIA) and _polite(by_name):
        score = max(score, POOR_FLOOR)
    score = round(max(0.0, score), 4)

    flags = tuple(dict.fromkeys(p.flag for p in problems))
    feedback = _feedback(problems, results)
    confidence = _confidence(score, raw, problems, results, reply_analysis)
    extra = {"uncapped": round(raw, 4), "cap": cap}
    return ReplyResult(scenario.id, score, tuple(results), flags, feedback, confidence, extra)


def _situation_problems(reply_analysis, prof, text: str, echo: bool) -> list[checks.Problem]:
    """Problems that depend on this scenario: copied course text, relevance, red lines, selling."""
    out = []
    copy = copied.copied_problem(text, prof.scenario.id)
    if copy:
        out.append(copy)
    elif not echo:  # an echo is all about this scenario, and already capped
        off_topic = relevance.relevance_problem(reply_analysis, prof.scenario)
        off_topic = off_topic or contrast.contrast_problem(reply_analysis, prof.scenario)
        if off_topic:
            out.append(off_topic)
        else:  # a reply to this person with replies to other people pasted on
            mixed = other_people.other_person_problem(reply_analysis, prof.scenario)
            if mixed:
                out.append(mixed)
    voice = addressee.addressee_problem(reply_analysis, prof.scenario)
    if voice:
        out.append(voice)
    hollow = lesson_checks.boilerplate_problem(reply_analysis, prof)
    if hollow:
        out.append(hollow)
    out.extend(lesson_checks.red_line_problems(reply_analysis, prof))
    out.extend(lesson_checks.tried_step_problems(reply_analysis, prof))
    out.extend(lesson_checks.selling_problems(reply_analysis, prof))
    return out


GENERIC_CAP = 0.59  # the top of band 2: polite and correct but generic


def _hollow_problems(reply_analysis, by_name, raw: float, scenario) -> list[checks.Problem]:
    """Replies with nothing behind their words: a refusal, or a choice between nothing."""
    credits = {n: r.credit for n, r in by_name.items()}
    offers = tuple(scenario.what_we_can_offer or ())
    hollow = bait.refusal_problem(reply_analysis, credits, raw, offers) or bait.empty_choice_problem(
        reply_analysis, credits, raw
    )
    if hollow:
        return [hollow]
    if credits["offers_concrete_help"] < 0.25 and credits["reflects_problem"] < 0.5 and raw > GENERIC_CAP:
        return [
            checks.Problem(
                "generic",
                GENERIC_CAP,
                "The reply could be sent to anyone: say back what happened to this person and offer one "
                "thing the company can really do about it.",
            )
        ]
    return []


def _polite(by_name: dict[str, CriterionResult]) -> bool:
    return by_name["warm_polite_tone"].credit >= 0.5


def _adequate(by_name: dict[str, CriterionResult]) -> bool:
    """Polite, with concrete help, and owning a company mistake when there is one."""
    return (
        by_name["warm_polite_tone"].credit >= 0.5
        and by_name["offers_concrete_help"].credit >= 0.5
        and by_name["fitting_ownership"].credit >= 0.5
    )


def _feedback(problems: list[checks.Problem], results: list[CriterionResult]) -> tuple[str, ...]:
    out = [p.message for p in problems]
    counted = [r for r in results if r.weight > 0]
    improve = sorted((r for r in counted if r.credit < 0.95), key=lambda r: -r.weight * (1 - r.credit))
    out.extend(r.feedback for r in improve)
    if not any(p.cap <= checks.HARM_CAP for p in problems):
        out.extend(r.feedback for r in counted if r.credit >= 0.95)
    return tuple(dict.fromkeys(s for s in out if s))


def _confidence(score, raw, problems, results, reply_analysis) -> float:
    distance = min(abs(score - b) for b in _BOUNDARIES)
    conf = 0.5 + 5 * min(distance, 0.1)
    capped = raw > score + 1e-9
    if capped and raw >= 0.6:  # friendly on most criteria, but a guard capped it: conflicting signals
        conf -= 0.25
    borderline = sum(1 for r in results if r.weight >= 1.0 and 0.35 <= r.credit <= 0.65)
    conf -= 0.05 * borderline
    if len(reply_analysis.words) < 8:
        conf -= 0.1
    return round(max(0.05, min(1.0, conf)), 3)
