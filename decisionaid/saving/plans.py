"""Saved plans: a family's answers kept in the database under a return code.

No requests or sessions here: views pass the answers in and take them back out. Only a keyed
hash of each code is stored (HMAC-SHA-256 with a key derived from DJANGO_SECRET_KEY), so a
copy of the database alone reveals no working code, and each code's 65 bits of randomness
make guessing hopeless even for someone who also has the key.
"""

import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from decisionaid.family import journey, tailoring
from decisionaid.family.answers import OWN_QUESTION_MAX_LENGTH, OWN_QUESTIONS_MAX
from decisionaid.library import catalogue, loader
from decisionaid.saving import codes, erasure
from decisionaid.saving.models import SavedPlan
from decisionaid.weighing import rules

FORMAT = 1
HASH_SALT = "decisionaid.plans.return-code"
FINGERPRINT_SALT = "decisionaid.plans.key-fingerprint"


def keys() -> list[str]:
    """The current secret key first, then any older keys (DJANGO_SECRET_KEY_FALLBACKS), so
    rotating the key does not lose saved plans."""
    return [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]


def code_hashes(code: str) -> list[str]:
    """The code's hash under each key, the current one first."""
    return [salted_hmac(HASH_SALT, code, secret=key, algorithm="sha256").hexdigest() for key in keys()]


def key_fingerprint(key: str) -> str:
    """Names a secret key without giving away anything of it: which key a plan's hash needs."""
    return salted_hmac(FINGERPRINT_SALT, "", secret=key, algorithm="sha256").hexdigest()[:16]


def fingerprints() -> list[str]:
    """The fingerprints of the keys set now, the current one first."""
    return [key_fingerprint(key) for key in keys()]


def openable():
    """Plans that can still be opened: not expired, and hashed under a key set now (or saved
    before keys were recorded, which cannot be told apart)."""
    return SavedPlan.objects.filter(expires_at__gt=timezone.now(), key_fingerprint__in=["", *fingerprints()])


def matches(plan: SavedPlan, code: str) -> bool:
    """Whether this is the plan's code. A plan still hashed under an older key (or saved
    before keys were recorded) moves to the current key, now that its code is here."""
    hashes = code_hashes(code)
    if not any(hmac.compare_digest(plan.code_hash, h) for h in hashes):
        return False
    current = fingerprints()[0]
    if plan.code_hash != hashes[0] or plan.key_fingerprint != current:
        plan.code_hash, plan.key_fingerprint = hashes[0], current
        SavedPlan.objects.filter(pk=plan.pk).update(code_hash=hashes[0], key_fingerprint=current)
    return True


def expiry(now):
    return now + timedelta(days=settings.SAVED_PLAN_DAYS)


def live(plan_id) -> SavedPlan | None:
    """The plan with this id, unless it has expired or been deleted."""
    if plan_id is None:
        return None
    return openable().filter(pk=plan_id).first()


@dataclass(frozen=True)
class Saved:
    plan: SavedPlan
    code: str
    replaced_code: bool  # a new code for a plan saved before: its old code no longer works


def save(answers: dict, questions: dict, plan_id=None, weigh_up=None) -> Saved:
    """Save these answers under a new code: into the plan saved before, if it is still there
    (its old code stops working), or a new plan. To keep a plan's code, update() it instead."""
    now = timezone.now()
    data = SavedPlan.pack(answers, questions, FORMAT, weigh_up)
    plan = live(plan_id)
    replacing = plan is not None
    for _ in range(5):  # a repeated code is vanishingly unlikely; the unique index catches it
        code = codes.new_code()
        try:
            with transaction.atomic():
                if plan is None:
                    plan = SavedPlan.objects.create(
                        code_hash=code_hashes(code)[0], key_fingerprint=fingerprints()[0], data=data,
                        saved_at=now, expires_at=expiry(now),
                    )
                else:
                    plan.code_hash, plan.key_fingerprint, plan.data, plan.saved_at, plan.expires_at = (
                        code_hashes(code)[0], fingerprints()[0], data, now, expiry(now)
                    )
                    plan.save()
            return Saved(plan, code, replaced_code=replacing)
        except IntegrityError:
            continue
    raise RuntimeError("Could not make a unique return code")


def update(plan_id, answers: dict, questions: dict, weigh_up=None) -> bool:
    """Keep a saved plan up to date as the family goes on; False when it is gone, or can no
    longer be opened. (Its hash stays as it is: the code is not here to hash again.)"""
    now = timezone.now()
    data = SavedPlan.pack(answers, questions, FORMAT, weigh_up)
    return bool(openable().filter(pk=plan_id).update(data=data, saved_at=now, expires_at=expiry(now)))


def find(typed: str) -> SavedPlan | None:
    """The live plan for a code as a family typed it, or None, whatever the reason."""
    canonical = codes.normalise(typed)
    # A malformed code is looked up too (it cannot match), so every wrong code costs the same.
    lookup = canonical or typed[:200]
    hashes = code_hashes(lookup)
    plan = SavedPlan.objects.filter(code_hash__in=hashes, expires_at__gt=timezone.now()).first()
    if plan is not None and canonical:
        matches(plan, canonical)  # moves a plan saved under an older secret key to the current one
    return plan if canonical else None


def delete(plan_id) -> None:
    SavedPlan.objects.filter(pk=plan_id).delete()
    erasure.after_commit()


def clear_expired(now=None) -> int:
    deleted, _ = SavedPlan.objects.filter(expires_at__lte=now or timezone.now()).delete()
    erasure.after_commit()
    return deleted


@dataclass(frozen=True)
class Restored:
    answers: dict
    questions_to_bring: dict
    changed: bool  # some answers no longer fit the questions, so they were left out
    weigh_up: dict = None


def restorable(plan: SavedPlan, still_valid_answer) -> Restored:
    """What a saved plan gives back today: answers to questions that still exist, whose
    values are still valid choices, and that the other answers still lead to. The journey
    then asks whatever is missing, new questions included.

    `still_valid_answer(question, value)`: the answer as the question's form takes it today, or
    None (family.forms.still_valid_answer; passed in, so saving never reaches up to forms)."""
    data = plan.contents
    saved_answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    kept = {}
    for question_id, value in saved_answers.items():
        question = catalogue.load().question(question_id)
        cleaned = still_valid_answer(question, value) if question else None
        if cleaned is not None:
            kept[question_id] = cleaned
    answers = journey.relevant_answers(kept)

    saved_questions = data.get("questions_to_bring") if isinstance(data.get("questions_to_bring"), dict) else {}
    known = suggested_question_ids()
    chosen = saved_questions.get("chosen")  # None: the family kept the summary's suggestions
    chosen = None if chosen is None else [i for i in _strings(chosen) if i in known]
    own = [q.strip() for q in _strings(saved_questions.get("own")) if q.strip()]
    own = [q for q in own if len(q) <= OWN_QUESTION_MAX_LENGTH][:OWN_QUESTIONS_MAX]
    return Restored(answers, {"chosen": chosen, "own": own}, changed=answers != saved_answers,
                    weigh_up=restorable_weigh_up(data.get("weigh_up")))


def restorable_weigh_up(saved) -> dict:
    """A saved weigh-up, kept only where it still fits today's options and prompts."""
    if not isinstance(saved, dict):
        return {}
    option_ids = {o.id for o in loader.load().options} | {rules.DONT_KNOW}
    options = [o for o in _strings(saved.get("options")) if o in option_ids]
    reasons = saved.get("reasons") if isinstance(saved.get("reasons"), dict) else {}
    reasons = {
        o: {side: text[:settings.FREE_TEXT_MAX_LENGTH] for side, text in r.items() if side in ("for", "against")
            and isinstance(text, str)}
        for o, r in reasons.items() if o in options and isinstance(r, dict)
    }
    leaning = saved.get("leaning") if saved.get("leaning") in {*options, rules.MIX, rules.NOT_SURE} else ""
    sure_items = {i["value"] for i in rules.sure_items()}
    sure = saved.get("sure") if isinstance(saved.get("sure"), dict) else {}
    steps = {s["value"] for s in rules.content()["next_steps"]}
    return rules.WeighUp(
        options=tuple(options), reasons=reasons, leaning=leaning,
        sure={k: v for k, v in sure.items() if k in sure_items and v in ("yes", "no")},
        next_steps=tuple(s for s in _strings(saved.get("next_steps")) if s in steps),
    ).as_session()


def suggested_question_ids() -> set[str]:
    """Every question to bring that the summary can offer, whatever the answers."""
    content = loader.load()
    offered = tailoring.suggested_questions(content.options, (), {}) + content.questions_to_ask
    return {q.id for q in offered}


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
