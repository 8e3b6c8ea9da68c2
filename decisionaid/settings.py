"""One settings module, read from the environment (see README: Settings)."""

import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    return os.environ.get(name, "1" if default else "0") == "1"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_environment():
    """DJANGO_SECRET_KEY, or the contents of the file DJANGO_SECRET_KEY_FILE names (so `make serve`
    never puts the key on a command line, where logs and the process list would show it)."""
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if not key and os.environ.get("DJANGO_SECRET_KEY_FILE"):
        key = Path(os.environ["DJANGO_SECRET_KEY_FILE"]).read_text().strip()
    return key


DEBUG = env_flag("DJANGO_DEBUG")
TESTING = bool(os.environ.get("PYTEST_VERSION"))  # the test suite serves plain HTTP, debug off
SECRET_KEY = secret_key_from_environment()
if not SECRET_KEY:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local use).")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"
# Rotating the key: the new key in DJANGO_SECRET_KEY, the old ones here (comma-separated), so
# sessions, return-code cookies and saved plans made under them still open.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_http_compression",
    # One app per area (README: "How the code is laid out").
    "decisionaid.site",
    "decisionaid.library",
    "decisionaid.family",
    "decisionaid.weighing",
    "decisionaid.saving",
    "decisionaid.printing",
    "decisionaid.hospital",
    "decisionaid.fieldtest",  # the built-in field test (README: "Field test")
    "decisionaid",  # the migrations from before the split into apps
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, so static files carry these headers too.
    "decisionaid.site.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here (zstd, brotli or gzip, whichever the browser takes); static
    # files never reach it: whitenoise answers them above, from files compressed once by
    # collectstatic. Why not Django's GZipMiddleware, and why BREACH is not a worry: README,
    # "Performance budgets".
    "django_http_compression.middleware.HttpCompressionMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "decisionaid.site.middleware.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # One change at a time to a family's answers (sessions.py): it wraps every use of them.
    "decisionaid.site.middleware.one_change_at_a_time",
    "decisionaid.site.middleware.shared_device_expiry",
    "decisionaid.site.middleware.tell_htmx_whether_answers_are_here",
]

ROOT_URLCONF = "decisionaid.urls"
WSGI_APPLICATION = "decisionaid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "decisionaid.site.context_processors.shared_device",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write sessions at once. Without these, SQLite answers "database
    # is locked": a write transaction takes its lock when it begins (IMMEDIATE), not halfway, so
    # a waiting writer waits (up to `timeout` seconds) instead of failing; WAL lets pages be
    # read while a session is written. Other databases (DATABASE_URL) are left as they are.
    # Options in DATABASE_URL's query string (`?timeout=2`) win over these. Deleted content is
    # overwritten, and the log kept small, so an erase leaves nothing in the files (erasure.py).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE", "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON; PRAGMA journal_size_limit=1048576",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The family's answers live only in the server-side session (a database row), never in a
# cookie's content, so they survive a server restart and "Start over" can delete them.
# Django's database sessions, kept to the app's promises: see sessions.py.
SESSION_ENGINE = "decisionaid.saving.sessions"
SESSION_COOKIE_AGE = int(os.environ.get("DECISIONAID_SESSION_AGE", 14 * 24 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_FAILURE_VIEW = "decisionaid.site.views.csrf_failure"

# Secure by default: with debug off the site is served over HTTPS only (secure cookies, HSTS,
# HTTP redirected), unless DJANGO_HTTPS=0 says otherwise, as `make serve` on loopback does.
HTTPS = env_flag("DJANGO_HTTPS", default=not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_flag("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is a promise to browsers that is slow to take back, so a deployment opts in.
SECURE_HSTS_PRELOAD = HTTPS and env_flag("DJANGO_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a proxy that ends TLS (see README: deploying), trust its scheme header. For the
# return-code limit, the family's address is the X-Forwarded-For entry added by the farthest of
# our own proxies: DJANGO_PROXY_HOPS of them (one, unless set), each adding one entry on the right.
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
PROXY_HOPS = int(os.environ.get("DJANGO_PROXY_HOPS", 1 if BEHIND_PROXY else 0))

# A shared clinic tablet: answers last only for this browser session, and are erased on the
# server after a spell of inactivity (a warning first). A clinic can switch it on for every
# family here; a family can also choose it on the start page.
SHARED_DEVICE = env_flag("DECISIONAID_SHARED_DEVICE")
SHARED_DEVICE_WARNING_SECONDS = int(os.environ.get("DECISIONAID_SHARED_DEVICE_WARNING_SECONDS", 10 * 60))
SHARED_DEVICE_GRACE_SECONDS = int(os.environ.get("DECISIONAID_SHARED_DEVICE_GRACE_SECONDS", 60))

# Save and continue later (see plans.py): a saved plan is kept this many days after it was
# last saved, then deleted by `manage.py clearsavedplans`. Wrong return codes are checked at
# once up to a number per client within a sliding window, then one at a time, a few seconds
# apart (the counts and turns live in the database); many from all clients together are only
# logged, never refused, so no stranger can lock families out (throttle.py).
SAVED_PLAN_DAYS = int(os.environ.get("DECISIONAID_SAVED_PLAN_DAYS", 90))
RETURN_ATTEMPTS_PER_CLIENT = int(os.environ.get("DECISIONAID_RETURN_ATTEMPTS_PER_CLIENT", 10))
RETURN_SLOW_CHECK_SECONDS = int(os.environ.get("DECISIONAID_RETURN_SLOW_CHECK_SECONDS", 4))
RETURN_SLOW_WAIT_SECONDS = int(os.environ.get("DECISIONAID_RETURN_SLOW_WAIT_SECONDS", 12))
RETURN_WAITING_PER_PROCESS = int(os.environ.get("DECISIONAID_RETURN_WAITING_PER_PROCESS", 2))  # throttle.py
RETURN_ATTEMPTS_ALERT = int(os.environ.get("DECISIONAID_RETURN_ATTEMPTS_ALERT", 500))
RETURN_ATTEMPTS_WINDOW_SECONDS = int(os.environ.get("DECISIONAID_RETURN_ATTEMPTS_WINDOW_SECONDS", 15 * 60))

# The handout PDF (pdfs.py) takes a second or two of a worker: each is kept in memory for the
# session that made it, a session may make only so many, and only so many are made at once on
# this machine, in a fair turn (the others wait a little, then get "please try again"), so PDFs
# never take every worker from the other pages. A PDF not made in PDF_RENDER_SECONDS is stopped
# ("print the page instead"): waiting (longer than a PDF may take, so a waiting family outlasts a
# slow one) and making together stay under 20 s, so no family ever meets a bare error.
PDFS_PER_SESSION = int(os.environ.get("DECISIONAID_PDFS_PER_SESSION", 10))
PDF_WINDOW_SECONDS = int(os.environ.get("DECISIONAID_PDF_WINDOW_SECONDS", 10 * 60))
PDF_RENDERS_AT_ONCE = int(os.environ.get("DECISIONAID_PDF_RENDERS_AT_ONCE", 1))
PDF_WAIT_SECONDS = float(os.environ.get("DECISIONAID_PDF_WAIT_SECONDS", 10))
# The folder of lock files that shares the places to make a PDF between every worker and app
# server on this machine that runs from this folder (printing/render_places.py).
PDF_PLACES_DIR = os.environ.get("DECISIONAID_PDF_PLACES_DIR") or str(
    Path(tempfile.gettempdir()) / f"decisionaid-pdf-{os.getuid()}-{hashlib.sha256(bytes(BASE_DIR)).hexdigest()[:12]}")
PDF_RENDER_SECONDS = float(os.environ.get("DECISIONAID_PDF_RENDER_SECONDS", 9))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DECISIONAID_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Compressed, fingerprinted files that browsers may cache for a year (whitenoise).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Only this site's own resources: no inline script or style, no third-party anything.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# No address of ours ever leaves the site; this site's own form posts still carry a real Origin
# header, which Django's CSRF check compares with the host.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Free text is capped so a family can write freely but a request cannot be huge.
FREE_TEXT_MAX_LENGTH = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# About this decision aid: true by default, for a deploying organisation to override. These are
# about running the service where it is offered; who made the tool, and that its making was not
# funded, About always says (site/templates/site/about.html, "Who made it").
DECISIONAID_PUBLISHED = os.environ.get("DECISIONAID_PUBLISHED", "November 2026")
DECISIONAID_FUNDING = os.environ.get(
    "DECISIONAID_FUNDING",
    "No funding source has been declared for running this service. The team that offers it to "
    "you can tell you who pays for it.",
)
DECISIONAID_CONFLICTS = os.environ.get(
    "DECISIONAID_CONFLICTS",
    "No conflicts of interest have been declared by the team that offers this service. The "
    "medical content comes only from the public pages and texts listed on this page.",
)

# Logs never carry what a family typed: Django logs paths and errors, not form data, and
# answers never appear in a URL. Request logging is left at WARNING.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# ---------------------------------------------------------------------------------------------
# Offering it at a hospital (README: "Offering it at your hospital"). Everything for staff is in
# this one block: Django's admin at /admin/ with its accounts, groups and permissions; a staff
# login that locks after repeated wrong passwords (django-axes); Django's password validators;
# staff sessions shorter than families'. The organisation's details are entered in the admin;
# DECISIONAID_PUBLISHED, _FUNDING and _CONFLICTS above are only what About says while they are
# left blank.
INSTALLED_APPS += ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.admin", "axes"]
# The admin's own templates come from its app folder; `user` and `perms` are lazy, so family
# pages that never use them never touch the staff tables.
TEMPLATES[0]["APP_DIRS"] = True
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.contrib.auth.context_processors.auth")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "django.contrib.auth.middleware.AuthenticationMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # after the auth and message middleware
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Five wrong passwords for one account from one address, or from one address whatever the
# account, lock staff login there for 30 minutes (a right password clears the count). Never for
# an account alone: strangers on many addresses could then lock a colleague out. The address is
# counted as the return-code limit counts it (clients.counted_address), so it is right behind the
# proxy too.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "decisionaid.hospital.organisation.staff_address"
AXES_LOCKOUT_TEMPLATE = "hospital/staff_locked_out.html"
# A staff session ends this long after its last change (families keep theirs SESSION_COOKIE_AGE).
STAFF_SESSION_SECONDS = int(os.environ.get("DECISIONAID_STAFF_SESSION_SECONDS", 2 * 60 * 60))
# The service's public address, for the blank question list's and the clinic poster's QR code;
# blank: the first of ALLOWED_HOSTS (never the address a request names).
SERVICE_URL = os.environ.get("DECISIONAID_SERVICE_URL", "")
# ---------------------------------------------------------------------------------------------
