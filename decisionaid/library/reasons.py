"""For whom the sources name an option, as data in each option file's front matter:

    put_forward:             the situations a source sentence ties the option to. Where the
      - situation: ...       family's answers describe one (`when`), the option is put forward
        when: {condition}    (tailoring.py). The situation is in the family's words.
        detail: ...          optional: a sentence more on what the source says of it there
        only_if: ...         optional: a sentence on a further part of the situation this tool
                             does not ask about ("It names it only if ..."): the option is then
                             named for the family, never put forward
        seed_conditions:     the sentences, word for word, and the file each is in
          - {quote: ..., source: ...}
    also_described:          optional: sources that describe it for neuroblastoma that has come
      situation: ...         back, naming no risk group or other situation (never puts it forward)
      seed_conditions: [...]
    no_longer_put_forward:   situations that only a superseded source tied it to, kept as history
      - situation: ...
        superseded_by: ...   the newer edition, which no longer lists it
        seed_conditions: [...]
    not_yours:               optional: where the page would say "That is not the situation you
      - says: ...            described", what it says instead when `when` holds: why not, in the
        when: {condition}    source's terms (kept as a Reason, its words in `situation`)
        seed_conditions: [...]

A situation put forward or described must rest on at least one source that no newer edition
replaces (sources.yaml's superseded_by).
"""

from dataclasses import dataclass, field

from decisionaid.library import catalogue
from decisionaid.library.catalogue import ContentError


@dataclass(frozen=True)
class Reason:
    """A situation a source ties an option to, the sentences that do it, and, for a situation
    the family can be in, the condition over their answers that says so."""

    situation: str  # "for cancer that was high risk when it was first found"
    seed_conditions: tuple[dict, ...] = field(default=(), compare=False)
    when: dict | None = field(default=None, compare=False)
    detail: str = ""  # a sentence more on what the source says of it there ("... to relieve symptoms")
    only_if: str = ""  # a sentence on the part of the situation this tool does not ask about
    superseded_by: str = ""  # for a situation no longer listed: the edition that dropped it

    @property
    def in_full(self) -> str:
        """The situation with any more it says, and any part this tool does not ask about."""
        return ". ".join(filter(None, [self.situation, self.detail, self.only_if]))

    @property
    def sources(self) -> set[str]:
        return {quoted.get("source") for quoted in self.seed_conditions}


@dataclass(frozen=True)
class Situations:
    put_forward: tuple[Reason, ...] = ()
    also_described: Reason | None = None
    no_longer_put_forward: tuple[Reason, ...] = ()
    not_yours: tuple[Reason, ...] = ()


def read(meta: dict, where: str) -> Situations:
    try:
        also = meta.get("also_described")
        return Situations(
            put_forward=tuple(_reason(r, when=True) for r in meta.get("put_forward") or ()),
            also_described=_reason(also) if also else None,
            no_longer_put_forward=tuple(_reason(r) for r in meta.get("no_longer_put_forward") or ()),
            not_yours=tuple(_reason({**r, "situation": r["says"]}, when=True) for r in meta.get("not_yours") or ()),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ContentError(f"{where}: a put_forward, also_described or no_longer_put_forward entry needs a "
                           f"situation and seed_conditions (and put_forward a when; a not_yours entry says, "
                           f"when and seed_conditions): {error}") from error


def _reason(raw: dict, when=False) -> Reason:
    return Reason(situation=raw["situation"], seed_conditions=tuple(raw.get("seed_conditions") or ()),
                  when=raw["when"] if when else None, detail=raw.get("detail", ""), only_if=raw.get("only_if", ""),
                  superseded_by=raw.get("superseded_by", ""))


def problems(situations: Situations, questions_by_id: dict, where: str):
    sources = {s.id: s for s in catalogue.load().sources}
    current = (*situations.put_forward, *filter(None, [situations.also_described]), *situations.not_yours)
    for reason in (*current, *situations.no_longer_put_forward):
        named = f"{where}: {reason.situation!r}"
        if not reason.seed_conditions or not all(q.get("quote") for q in reason.seed_conditions):
            yield f"{named} must quote the source sentences behind it"
        for source in reason.sources - set(sources):
            yield f"{named}: unknown source {source!r} (not in sources.yaml)"
    for reason in current:
        if all(sources[s].superseded_by for s in reason.sources if s in sources):
            yield f"{where}: {reason.situation!r} rests only on a source a newer edition replaces: quote that one"
    for reason in (*situations.put_forward, *situations.not_yours):
        yield from catalogue.condition_problems(reason.when, questions_by_id, where, earlier=False)
    for reason in situations.no_longer_put_forward:
        if reason.superseded_by not in {sources[s].superseded_by for s in reason.sources if s in sources}:
            yield f"{where}: {reason.situation!r}: superseded_by must name the edition that replaces its source"
