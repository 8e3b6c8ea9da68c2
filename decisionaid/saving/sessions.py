"""Django's database sessions, kept to the promises the app makes about a family's answers.

- A shared device's answers last on the server only as long as the page says: the row expires
  after the warning and grace times without use (the browser's cookie already ends with the
  browser), so `clearsessions` deletes it even if the tablet never comes back.
- Database trouble while saving is database trouble (the "Sorry, please try again" page), not
  Django's "session interrupted" 400, which means another request deleted the session.
- Two requests at once never lose each other's changes. A request that changes answers holds
  the session row for its whole length (middleware.one_change_at_a_time opens the transaction
  and saves in it; the row is read here with SELECT ... FOR UPDATE), so a second one waits and
  then builds on the first one's answers. Any other request that writes the session (one that
  only notes the time or shows a message) writes only the keys it changed over the row as it
  is then.
- Erased answers leave nothing in the database's files either (erasure.py): "Start over" and
  `clearsessions` end by emptying SQLite's write-ahead log.
"""

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, router, transaction
from django.utils import timezone

from decisionaid.family.answers import SHARED_KEY
from decisionaid.saving import erasure


class SessionNotSaved(DatabaseError):
    """The database could not store the session just now (locked, gone, read-only)."""


class SessionStore(db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._changed = set()  # the keys this request set or removed since it last saved
        self._whole = False  # cleared: write everything, merge nothing
        self._saved = False

    # Every change goes through these, so save() knows which keys this request changed.
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._changed.add(key)

    def __delitem__(self, key):
        super().__delitem__(key)
        self._changed.add(key)

    def pop(self, key, *default):
        self._changed.add(key)
        return super().pop(key, *default)

    def update(self, dict_):
        super().update(dict_)
        self._changed.update(dict_)

    def clear(self):
        super().clear()
        self._whole = True

    def flush(self):
        """Erase: the row goes, and once that is committed, the log that still holds it."""
        super().flush()
        erasure.after_commit(router.db_for_write(self.model))

    @classmethod
    def clear_expired(cls):
        """`clearsessions`: expired rows go, and the log that still holds them."""
        super().clear_expired()
        erasure.empty_log(router.db_for_write(cls.get_model_class()))

    def get_session_cookie_age(self):
        """How long the row lives after its last save. A shared device's cookie ends with the
        browser (set_expiry(0)), which Django reads as "the cookie age" for the row: here that is
        the warning and grace times, not two weeks."""
        if self.get(SHARED_KEY):
            return settings.SHARED_DEVICE_WARNING_SECONDS + settings.SHARED_DEVICE_GRACE_SECONDS
        return super().get_session_cookie_age()

    def _get_session_from_db(self):
        """Inside a transaction (a request that changes answers), hold the row until it ends."""
        if not transaction.get_connection(router.db_for_write(self.model)).in_atomic_block:
            return super()._get_session_from_db()
        found = (
            self.model.objects.select_for_update()
            .filter(session_key=self.session_key, expire_date__gt=timezone.now())
            .first()
        )
        if found is None:
            self._session_key = None
        return found

    def save(self, must_create=False):
        if must_create or self.session_key is None:
            super().save(must_create)  # a new row, everything in it: nothing to merge with
        elif self._saved and not self._changed and not self._whole:
            return  # saved already in this request, and nothing changed since
        else:
            self._save_over_the_row_as_it_is_now()
        self._changed.clear()
        self._whole = False
        self._saved = True

    def _save_over_the_row_as_it_is_now(self):
        using = router.db_for_write(self.model)
        with transaction.atomic(using=using):
            row = self.model.objects.using(using).select_for_update().filter(session_key=self.session_key).first()
            if row is None:
                raise UpdateError  # deleted meanwhile, by "Start over" in another tab: Django's 400
            if not self._whole:
                self._session_cache = self._merged_into(self.decode(row.session_data))
            try:
                super().save()
            except UpdateError as error:
                # Django reads any database error here as "the session was deleted"; the row is
                # there (just read, and held), so this is the database itself.
                raise SessionNotSaved("The session could not be saved") from error.__context__

    def _merged_into(self, latest: dict) -> dict:
        """The row as it is now, with this request's own changes on top."""
        mine = self._get_session()
        for key in self._changed:
            if key in mine:
                latest[key] = mine[key]
            else:
                latest.pop(key, None)
        return latest
