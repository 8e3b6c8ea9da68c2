"""Limits kept in the database on wrong return codes per client (the PDFs' limit is printing/limits.py).

Return codes (README: "Wrong codes"). A client (an internet address; IPv6 by its /64) may have
RETURN_ATTEMPTS_PER_CLIENT wrong codes checked at once in any RETURN_ATTEMPTS_WINDOW_SECONDS.
Past that it is never refused outright, which would let a stranger on a hospital's network
lock every family there out: its codes are still checked, right ones included, but one at a
time, each in a turn of its own RETURN_SLOW_CHECK_SECONDS apart, in order of asking, waiting
for it at most RETURN_SLOW_WAIT_SECONDS (the family sees a slower answer). Only when every turn
that near is taken is a code refused unchecked ("try again in a minute").

A code waits in its request's thread, and an app server has few threads, so waiting is rationed
(security re-check R1: nine addresses guessing at once held every thread, and every page with
them): in each server process at most RETURN_WAITING_PER_PROCESS codes wait at once, and at
most one of each client. A code that would wait past that gives its turn back and is refused
unchecked, as when every turn is taken; a code whose turn is now never waits, so the families
of other networks are never held up.

Why it holds across workers and app servers sharing the database, whatever runs at once:
- At once: every attempt first writes a row, committed (the return view runs outside the
  request transaction), then counts the client's rows of the window. Order the attempts that
  pass by when their rows were committed: the k-th counts after its own commit, so it sees the
  k - 1 before it (passing rows are only deleted by a right code or by age) and its own, and
  it passes only if k <= the limit. A refused attempt deletes its row (refusals do not pile
  up); a right code deletes its row too, so only wrong codes count.
- One at a time: a turn is a row (client, slot) under a unique constraint, so the database
  lets one attempt, and only one, have each slot of each client; a turn's code is checked no
  sooner than its slot begins. So from the moment a client passes its limit, the codes it has
  checked in any t seconds number at most t / RETURN_SLOW_CHECK_SECONDS + 2 (the app servers'
  clocks kept in step). Each checked code leaves a row, so a client that keeps guessing stays
  over its limit.
Rows older than the window are deleted as attempts come in and by `clearsavedplans`.

There is no limit on all clients together: with 65-bit codes it would protect almost nothing,
and anyone could use it to lock every family out. Many wrong codes overall are logged instead.
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from decisionaid.saving.models import ReturnAttempt, ReturnTurn
from decisionaid.site.clients import client_key

logger = logging.getLogger(__name__)


def window_start(seconds):
    return timezone.now() - timedelta(seconds=seconds)


def admit(model, key: str, limit: int, window_seconds: int):
    """Count this attempt and return its ticket (a row), or None when the limit is reached."""
    since = window_start(window_seconds)
    model.objects.filter(at__lt=since).delete()
    ticket = model.objects.create(client=key, at=timezone.now())
    if model.objects.filter(client=key, at__gte=since).count() > limit:
        ticket.delete()
        return None
    return ticket


@dataclass(frozen=True)
class Turn:
    ticket: ReturnAttempt
    at: float  # when the code may be checked (time.time()): now, or a turn a few seconds on
    client: str = ""
    slot: int | None = None  # the turn's row, when the client is past its limit


def begin(meta) -> Turn | None:
    """A return code is about to be checked: its turn, or None when this client has tried many
    wrong codes lately and every turn within RETURN_SLOW_WAIT_SECONDS is taken."""
    key, window = client_key(meta), settings.RETURN_ATTEMPTS_WINDOW_SECONDS
    if (ticket := admit(ReturnAttempt, key, settings.RETURN_ATTEMPTS_PER_CLIENT, window)) is not None:
        turn = Turn(ticket, clock(), key)
    elif (taken := take_a_turn(key)) is not None:
        at, slot = taken
        turn = Turn(ReturnAttempt.objects.create(client=key, at=timezone.now()), at, key, slot)
    else:
        return None
    alert_on_many_wrong_codes(ReturnAttempt.objects.filter(at__gte=window_start(window)).count())
    return turn


def take_a_turn(key: str) -> tuple[float, int] | None:
    """The time and number of the first slot of this client's not yet taken, from now to
    RETURN_SLOW_WAIT_SECONDS on, now taken; None when all are."""
    every = settings.RETURN_SLOW_CHECK_SECONDS
    now = clock()
    first, last = int(now // every), int((now + settings.RETURN_SLOW_WAIT_SECONDS) // every)
    ReturnTurn.objects.filter(slot__lt=first).delete()
    taken = set(ReturnTurn.objects.filter(client=key, slot__gte=first).values_list("slot", flat=True))
    for slot in (s for s in range(first, last + 1) if s not in taken):
        try:
            with transaction.atomic():
                ReturnTurn.objects.create(client=key, slot=slot)
        except IntegrityError:  # another attempt took it meanwhile
            continue
        return max(now, slot * every), slot
    return None


class WaitingRoom:
    """The codes of this process waiting for their turn: at most RETURN_WAITING_PER_PROCESS, and
    one per client."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clients = []

    def enter(self, client: str) -> bool:
        with self.lock:
            if len(self.clients) >= settings.RETURN_WAITING_PER_PROCESS or client in self.clients:
                return False
            self.clients.append(client)
            return True

    def leave(self, client: str) -> None:
        with self.lock:
            self.clients.remove(client)


waiting_room = WaitingRoom()


def wait_for(turn: Turn) -> bool:
    """Hold the request until its turn (no database transaction is open meanwhile); False when
    there is no place to wait: the turn is given back, and the code must not be checked."""
    if (wait := turn.at - clock()) <= 0:
        return True
    if not waiting_room.enter(turn.client):
        give_back(turn)
        return False
    try:
        sleep(wait)
    finally:
        waiting_room.leave(turn.client)
    return True


def give_back(turn: Turn) -> None:
    """A code refused unchecked neither counts nor keeps its turn."""
    turn.ticket.delete()
    if turn.slot is not None:
        ReturnTurn.objects.filter(client=turn.client, slot=turn.slot).delete()


# The clock and the wait, named here so a test can run them on a clock of its own.
clock = time.time
sleep = time.sleep


def alert_on_many_wrong_codes(overall: int) -> None:
    """Someone may be guessing from many addresses: say so in the log (no code, no address),
    once as the count passes the alert level and again at each further multiple of it."""
    alert = settings.RETURN_ATTEMPTS_ALERT
    if overall > alert and (overall - 1) % alert == 0:
        minutes = settings.RETURN_ATTEMPTS_WINDOW_SECONDS // 60
        logger.warning("More than %d wrong return codes in the last %d minutes, from all clients together.",
                       overall - 1, minutes)


def right_code(turn: Turn) -> None:
    """A right code does not count against anyone."""
    turn.ticket.delete()


def clear_old() -> int:
    """Wrong codes older than the window, and turns gone by: how many wrong codes went."""
    deleted, _ = ReturnAttempt.objects.filter(at__lt=window_start(settings.RETURN_ATTEMPTS_WINDOW_SECONDS)).delete()
    ReturnTurn.objects.filter(slot__lt=clock() // settings.RETURN_SLOW_CHECK_SECONDS).delete()
    return deleted
