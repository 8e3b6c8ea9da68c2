"""gunicorn's settings for this app; gunicorn reads this file from the folder it starts in
(`make serve`, `make bench` and the test suite's servers all start in this one).

gunicorn names itself in a `Server` header on every response, with no setting to stop it; a
name tells an attacker what to try, so the header is left out. (A test starts gunicorn and
checks, so a gunicorn that changes how it writes headers is noticed.)
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
