"""gunicorn's settings for this app; gunicorn reads this file from the folder it starts in
(`make serve`, `make bench` and the test suite's servers all start in this one), so they all
run the app the same way. GUNICORN_CMD_ARGS and the command line win over it.

Threads (security review row 12): a sync worker reads a request's body itself, so a few clients
sending a body a byte a second held every worker and stalled every page. With gthread a body
that trickles in holds one thread of a worker, not the worker; the other threads go on serving
(a test sends slow bodies to a real server and opens a page meanwhile). More slow clients than
threads can still stall it: in front of the internet, a proxy that buffers whole request bodies
is still needed (README: Deploying). The app is safe to run in threads: what it keeps in memory
is read-only content, or behind locks (recent_pdfs.py), and each thread has its own database
connection and session.

A gthread worker tells the master it is alive from its own loop, not from the threads, so
gunicorn's `timeout` no longer ends a long request: what must end in time ends by itself
(a PDF's deadline, a return code's turn, the database's busy timeout).

gunicorn names itself in a `Server` header on every response, with no setting to stop it; a
name tells an attacker what to try, so the header is left out. (A test starts gunicorn and
checks, so a gunicorn that changes how it writes headers is noticed.)
"""

from gunicorn.http import wsgi

worker_class = "gthread"
threads = 8
# The access log (`make serve` writes it): when, which page, its status, size and time; never the
# client's address, its browser or the page it came from, which with the pages a family read
# would say much about a sick child (security re-check R10), and never a query string.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss'

_default_headers = wsgi.Response.default_headers


def _without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
