"""Settings for Solidarity, read from the environment.

Every variable is documented once, in docs/configuration.md. With nothing set, the
project runs in development mode on SQLite so one can check out the code and run it.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "solidarity"


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def envbool(name, default):
    # A typo ("DEBUG=ture") must stop the start, not quietly read as false.
    value = os.environ.get(name, default).strip().lower()
    if value not in _TRUE + _FALSE:
        raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value: use true or false.")
    return value in _TRUE


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production mode).")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105

# Production is served over HTTPS unless the operator says otherwise.
HTTPS = envbool("HTTPS", "false" if DEBUG else "true")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The site's Tor onion service, v3 ("<56 characters>.onion"): the site answers on it too and
# every public page points to it (solidarity.core.onion). A wrong value stops the start.
from solidarity.core.onion import validated_onion_address  # noqa: E402

ONION_ADDRESS = validated_onion_address(os.environ.get("ONION_ADDRESS", ""))
if ONION_ADDRESS:
    ALLOWED_HOSTS.append(ONION_ADDRESS)
    CSRF_TRUSTED_ORIGINS.append(f"http://{ONION_ADDRESS}")

INSTALLED_APPS = [
    "solidarity.core",
    "solidarity.publishing",
    "solidarity.contact",
    "solidarity.search",
    "solidarity.network",
    "solidarity.archive",
    "solidarity.cases",
    "solidarity.campaigns",
    "solidarity.supporters",
    "solidarity.newsletter",
    "solidarity.mailreply",
    "solidarity.mirrors",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    # Two-step sign-in: authenticator apps (TOTP) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for its catalogues: Wagtail writes "3 minutes ago" with humanize's naturaltime.
    "django.contrib.humanize",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First, so that every request is logged, page-cache hits and refusals too.
    "solidarity.core.logs.RequestLogMiddleware",
    # Without the redirect to HTTPS on the onion host (solidarity.core.onion).
    "django.middleware.security.SecurityMiddleware",
    "solidarity.core.middleware.SecurityHeadersMiddleware",
    # Outside the page cache, so cached pages are compressed too (each once per process).
    "solidarity.core.compression.CompressionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "solidarity.core.onion.OnionMiddleware",
    "solidarity.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads request.POST (the CSRF check): an unreadable form is a 400.
    "solidarity.core.middleware.UndecodableFormMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.is_verified(); then a user who has not given the second step is
    # anonymous outside the sign-in pages, and a refused secret answers 429.
    "django_otp.middleware.OTPMiddleware",
    "solidarity.core.twofactor.TwoFactorMiddleware",
    "solidarity.core.login.ThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "solidarity.urls"
WSGI_APPLICATION = "solidarity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "solidarity.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite (WAL mode, see solidarity.core.apps) unless DATABASE_URL is set.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Kept open between requests by each worker thread (seconds; 0 closes it after each):
        # a new PostgreSQL connection costs more than a whole signature.
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60"),
    )
}
# PostgreSQL in production: each process keeps DATABASE_POOL_SIZE connections and lends one to
# whichever thread runs a query, until its request ends. An app server's threads (16 a worker,
# docs/deployment.md) then need no connection each: a page nginx refreshes from the app's cache
# takes none, and PostgreSQL's max_connections bounds the processes, not the threads.
DATABASE_POOL_SIZE = envint("DATABASE_POOL_SIZE", "0")
if DATABASE_POOL_SIZE:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL_SIZE needs PostgreSQL (a postgres:// DATABASE_URL).")
    # The pool keeps the connections (Django refuses persistent ones beside it).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": DATABASE_POOL_SIZE, "max_size": DATABASE_POOL_SIZE,
        # A request that waits this long for a connection fails rather than holding its thread.
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }
    # A file-backed test database lets `pytest --reuse-db` skip Wagtail's migrations.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_DATABASE_NAME", str(VAR_DIR / "test.sqlite3"))
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared between processes so that a purge on publish reaches every worker. While Redis
# does not answer (a restart) it answers as an empty cache (core/cache.py); a Redis that hangs
# is given up on after two seconds rather than holding every thread that asked.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis_cache = {
        "BACKEND": "solidarity.core.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    CACHES = {
        "default": {**_redis_cache},
        "pages": {**_redis_cache, "KEY_PREFIX": "pages"},
        "page-tokens": {**_redis_cache, "KEY_PREFIX": "page-tokens"},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "solidarity.core.cache.FileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        # The anonymous page cache (solidarity.core.pagecache), apart from rate limits.
        "pages": {
            "BACKEND": "solidarity.core.cache.FileCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        # Its purge tokens, a few dozen at most, where a flood of pages cannot cull them.
        "page-tokens": {
            "BACKEND": "solidarity.core.cache.FileCache",
            "LOCATION": str(VAR_DIR / "page-tokens"),
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }
# Seconds an anonymous page may be served from the cache (0 turns the page cache off).
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "0" if DEBUG else "600")
# Pages compressed by the application (brotli or gzip; never a page with a CSRF token:
# core/compression.py). Turn it off behind a proxy that compresses (nginx `gzip on`).
COMPRESS_RESPONSES = envbool("COMPRESS_RESPONSES", "true")

# Background tasks: database-backed worker (`manage.py db_worker`) by default. TASKS_BACKEND=rq
# puts the same tasks on a Redis queue (RQ) at REDIS_URL, run by
# `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler default`.
TASKS_BACKEND = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}.get(os.environ.get("TASKS_BACKEND", "database"), os.environ.get("TASKS_BACKEND", ""))
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND == "django_tasks_rq.RQBackend":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (the Redis server that holds the queue).")
    INSTALLED_APPS.append("django_rq")
    TASKS["default"]["QUEUES"] = ["default"]
    # A task (an e-mail) that runs longer than this is stopped and counts as failed.
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": envint("RQ_TASK_TIMEOUT", "300")}}

# E-mail
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "20")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Solidarity <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where contact-form notifications go.
CONTACT_NOTIFY_EMAILS = envlist("CONTACT_NOTIFY_EMAILS", "info@localhost")

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fa", _("Persian"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page sent for translation starts as a copy of the original: it stays a draft until a translator
# publishes it, never live on the Persian site in English (wagtail-localize otherwise publishes the
# copy when the original is live).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("fa", "فارسی")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static-collected"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_MAX_AGE = 3600
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Key for hashing IP addresses; they are never stored in clear.
IP_HASH_KEY = os.environ.get("IP_HASH_KEY", SECRET_KEY)
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 means the header
# is ignored (anyone can forge it) and REMOTE_ADDR is the client's address.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
# Contact form: at most this many messages per IP address (keyed hash) per window.
CONTACT_RATE_LIMIT = envint("CONTACT_RATE_LIMIT", "5")
CONTACT_RATE_WINDOW_SECONDS = envint("CONTACT_RATE_WINDOW_SECONDS", "3600")
# Staff log-in: failed attempts allowed per IP address and per username in the window.
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_FAILURE_WINDOW_SECONDS = envint("LOGIN_FAILURE_WINDOW_SECONDS", "900")
# Staff give a code from an authenticator app after the password (solidarity.core.twofactor).
STAFF_TWO_FACTOR = envbool("STAFF_TWO_FACTOR", "false" if DEBUG else "true")
# Password-reset requests per IP address (keyed hash) and per address asked for, per window.
PASSWORD_RESET_LIMIT = envint("PASSWORD_RESET_LIMIT", "3")
PASSWORD_RESET_WINDOW_SECONDS = envint("PASSWORD_RESET_WINDOW_SECONDS", "3600")
# Minutes an e-mailed link to set up two-step sign-in stays valid (it works once).
TWO_FACTOR_ENROLMENT_MINUTES = envint("TWO_FACTOR_ENROLMENT_MINUTES", "60")
# Every check of a password or code first takes a slot in solidarity.core.login's counters
# (atomic), so the first backend refuses before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "solidarity.core.login.ThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-otp's own per-device back-off is off: the counters above limit codes by account and
# by address, atomically, and a legitimate code is never made to wait for an attacker's.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Solidarity")
# Passkeys (django-otp-webauthn) as the second step only, for SITE_URL's host and origin
# (solidarity.core.passkeys.PasskeyHelper).
OTP_WEBAUTHN_HELPER_CLASS = "solidarity.core.passkeys.PasskeyHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID = SITE_URL.split("://", 1)[-1].split("/")[0].rsplit(":", 1)[0].strip("[]")
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
# Read only by the package's system check (which knows http://localhost but not http://127.0.0.1
# as a secure origin); PasskeyHelper accepts SITE_URL's origin.
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    "/".join(SITE_URL.split("/")[:3]) if SITE_URL.startswith(("https://", "http://localhost")) else "http://localhost"
]

# Campaigns: a signature counts once its e-mail link is confirmed within this many days.
CAMPAIGN_CONFIRMATION_DAYS = envint("CAMPAIGN_CONFIRMATION_DAYS", "14")
# Signatures per IP address (keyed hash) per campaign, a minute and in five minutes; a campaign
# may set its own. Many real people share one address (a union meeting on one Wi-Fi, a mobile
# carrier's shared addresses in Iran): these only stop a machine, and let a room of 200 sign at once.
# Made-up signatures are kept out by the e-mail confirmation, one signature per address, the proof
# of work and the hold below (campaigns/services/access.py).
CAMPAIGN_RATE_BURST = envint("CAMPAIGN_RATE_BURST", "250")
CAMPAIGN_RATE_SUSTAINED = envint("CAMPAIGN_RATE_SUSTAINED", "1000")
# On a campaign asking for proof of work, signatures an hour from one address without JavaScript.
CAMPAIGN_RATE_WITHOUT_PROOF_PER_HOUR = envint("CAMPAIGN_RATE_WITHOUT_PROOF_PER_HOUR", "60")
# From one address, signatures in an hour with one e-mail domain beyond this many are held for
# staff review (no confirmation e-mail until released): one party that owns a domain can confirm
# any number of made-up addresses at it. Large webmail providers are not counted by domain (an
# address there is an account of its own).
CAMPAIGN_HOLD_SAME_DOMAIN = envint("CAMPAIGN_HOLD_SAME_DOMAIN", "25")
CAMPAIGN_WEBMAIL_DOMAINS = envlist(
    "CAMPAIGN_WEBMAIL_DOMAINS",
    "gmail.com,googlemail.com,yahoo.com,outlook.com,hotmail.com,live.com,icloud.com,me.com,aol.com,"
    "proton.me,protonmail.com,gmx.de,gmx.net,web.de,yandex.ru,mail.ru,chmail.ir,yahoo.ca,hotmail.ca",
)
CAMPAIGN_POW_BITS = envint("CAMPAIGN_POW_BITS", "16")
# Seconds a proof-of-work challenge on a (possibly cached) campaign page stays valid.
CAMPAIGN_POW_MAX_AGE = envint("CAMPAIGN_POW_MAX_AGE", "10800")
# Seconds a queued "send the waiting confirmations" task counts as alive before another is queued.
CAMPAIGN_CONFIRMATIONS_KEY_SECONDS = envint("CAMPAIGN_CONFIRMATIONS_KEY_SECONDS", "30")
# How many tasks may send confirmation e-mails at once (each a share of them): as many as the
# workers that can run them.
CAMPAIGN_CONFIRMATION_SENDERS = envint("CAMPAIGN_CONFIRMATION_SENDERS", "2")
# An address that signs again gets at most one "already signed" e-mail in this many seconds.
CAMPAIGN_DUPLICATE_MAIL_SECONDS = envint("CAMPAIGN_DUPLICATE_MAIL_SECONDS", "600")
# Endorsement confirmation e-mails an hour to one address, however many connections ask.
CAMPAIGN_ENDORSEMENT_MAILS_PER_ADDRESS = envint("CAMPAIGN_ENDORSEMENT_MAILS_PER_ADDRESS", "3")
# Seconds a worker holds a campaign update it is e-mailing; one that dies lets go after this.
CAMPAIGN_UPDATE_LEASE_SECONDS = envint("CAMPAIGN_UPDATE_LEASE_SECONDS", "600")
# Seconds the public counts may lag behind the confirmed signatures.
CAMPAIGN_COUNTS_SECONDS = envint("CAMPAIGN_COUNTS_SECONDS", "1")
# Protest messages to the targets: how many per batch, seconds between batches.
CAMPAIGN_PROTEST_BATCH = envint("CAMPAIGN_PROTEST_BATCH", "100")
CAMPAIGN_PROTEST_INTERVAL = envint("CAMPAIGN_PROTEST_INTERVAL", "60")
# Attempts at delivering a protest batch to a target before it is left failed.
CAMPAIGN_PROTEST_ATTEMPTS = envint("CAMPAIGN_PROTEST_ATTEMPTS", "5")
# Delivery packs with more signers than this are drawn by the worker (about 5 ms a name), not in the request.
CAMPAIGN_DELIVERY_PACK_INLINE_MAX = envint("CAMPAIGN_DELIVERY_PACK_INLINE_MAX", "2000")
# Where the worker keeps delivery packs: never served by the web server; back it up with media.
CAMPAIGN_PRIVATE_ROOT = Path(os.environ.get("CAMPAIGN_PRIVATE_ROOT", VAR_DIR / "private" / "campaigns"))
# Signers' personal data is erased this many days after a campaign ends (counts are kept).
CAMPAIGN_ANONYMISE_AFTER_DAYS = envint("CAMPAIGN_ANONYMISE_AFTER_DAYS", "90")

# Supporters: newsletter signups confirmed within this many days.
SUPPORTERS_CONFIRMATION_DAYS = envint("SUPPORTERS_CONFIRMATION_DAYS", "7")
SUPPORTERS_SIGNUP_RATE_LIMIT = envint("SUPPORTERS_SIGNUP_RATE_LIMIT", "10")
SUPPORTERS_SIGNUP_RATE_WINDOW_SECONDS = envint("SUPPORTERS_SIGNUP_RATE_WINDOW_SECONDS", "3600")
# Signup e-mails an hour to one address, so the form cannot be used to flood a stranger.
SUPPORTERS_MAILS_PER_ADDRESS = envint("SUPPORTERS_MAILS_PER_ADDRESS", "3")
# Soft bounces (mailbox full, server down) before an address counts as bounced.
SUPPORTERS_SOFT_BOUNCE_LIMIT = envint("SUPPORTERS_SOFT_BOUNCE_LIMIT", "3")
# An address whose "unsubscribe <token>" mails are read with the bounces (List-Unsubscribe mailto:).
SUPPORTERS_UNSUBSCRIBE_MAILTO = os.environ.get("SUPPORTERS_UNSUBSCRIBE_MAILTO", "")
SUPPORTERS_IP_HASH_DAYS = envint("SUPPORTERS_IP_HASH_DAYS", "90")

# Newsletter: the SMTP servers it sends through, as JSON, e.g.
# [{"host": "smtp1", "port": 587, "user": "...", "password": "...", "tls": true, "rate": 50}]
# ("rate": messages a second, 0 = no limit); unset: the EMAIL_* server.
NEWSLETTER_SMTP_SERVERS = json.loads(os.environ.get("NEWSLETTER_SMTP_SERVERS") or "null")
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# Messages a second through the EMAIL_* server when NEWSLETTER_SMTP_SERVERS is unset (0 = no limit).
NEWSLETTER_RATE = envint("NEWSLETTER_RATE", "0")
# The domain in newsletter Message-IDs (default: SITE_URL's host).
NEWSLETTER_MESSAGE_ID_DOMAIN = os.environ.get("NEWSLETTER_MESSAGE_ID_DOMAIN", "")
# Deliveries a worker claims at once, and seconds one sending task runs before it queues the next.
NEWSLETTER_BATCH_SIZE = envint("NEWSLETTER_BATCH_SIZE", "200")
NEWSLETTER_TASK_SECONDS = envint("NEWSLETTER_TASK_SECONDS", "60")
# Worker tasks sending one issue at once (match the number of workers).
NEWSLETTER_PARALLEL_TASKS = envint("NEWSLETTER_PARALLEL_TASKS", "1")
# Seconds after which rows claimed by a worker that died go back to the queue.
NEWSLETTER_CLAIM_LEASE_SECONDS = envint("NEWSLETTER_CLAIM_LEASE_SECONDS", "300")

# Articles by e-mail (solidarity.mailreply): readers write to MAILREPLY_ADDRESS and get an article
# in the reply. `manage.py answer_mail` reads their letters from a Maildir (INBOUND_MAILDIR) or
# over IMAP (INBOUND_IMAP_URL, imaps://user:password@host/INBOX) and deletes each once answered.
MAILREPLY_ADDRESS = os.environ.get("MAILREPLY_ADDRESS", "")
INBOUND_MAILDIR = os.environ.get("INBOUND_MAILDIR", "")
INBOUND_IMAP_URL = os.environ.get("INBOUND_IMAP_URL", "")
# Replies to one address (counted under a keyed hash, never in clear) per window.
MAILREPLY_LIMIT = envint("MAILREPLY_LIMIT", "5")
MAILREPLY_WINDOW_SECONDS = envint("MAILREPLY_WINDOW_SECONDS", "86400")
# Bytes of pictures carried inside one reply; the others are left out.
MAILREPLY_IMAGE_BYTES = envint("MAILREPLY_IMAGE_BYTES", "150000")
# Copies of the site that others host (comma-separated addresses), linked from e-mailed articles
# beside the Mirrors page's own list.
MIRROR_ADDRESSES = envlist("MIRROR_ADDRESSES")

# Mirrors (solidarity.mirrors): the folder the worker bakes the public site into after each
# publish (empty: off); the Ed25519 private key that signs a bake's manifest (a file made by
# `manage.py mirror_keygen`); the public key shown on the Mirrors page when the key file is not
# on this machine.
MIRROR_BAKE_DIR = os.environ.get("MIRROR_BAKE_DIR", "")
MIRROR_SIGNING_KEY_FILE = os.environ.get("MIRROR_SIGNING_KEY_FILE", "")
MIRROR_PUBLIC_KEY = os.environ.get("MIRROR_PUBLIC_KEY", "")

# Health (/health/, solidarity.core.health): the token that shows the measures to monitoring,
# and the limits past which a check fails.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")
HEALTH_QUEUE_MAX_AGE_SECONDS = envint("HEALTH_QUEUE_MAX_AGE_SECONDS", "600")
HEALTH_DISK_MIN_FREE_MB = envint("HEALTH_DISK_MIN_FREE_MB", "1024")
# A probe on an app server's own port, in plain HTTP, gets an answer rather than a redirect.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Backups (manage.py backup, restore: solidarity.core.backups): where they are written, how
# many are kept, and the age public key ("age1...") they are encrypted to. A wrong key stops the start.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = envint("BACKUP_KEEP", "14")
BACKUP_RECIPIENT = os.environ.get("BACKUP_RECIPIENT", "").strip()
if BACKUP_RECIPIENT:
    import pyrage

    try:
        pyrage.x25519.Recipient.from_str(BACKUP_RECIPIENT)
    except pyrage.RecipientError as error:
        raise ImproperlyConfigured("BACKUP_RECIPIENT is not an age public key (age1...).") from error

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Solidarity")
WAGTAILADMIN_BASE_URL = SITE_URL
# Site search (see solidarity/search/services.py): FTS5 on SQLite, full text on PostgreSQL. The
# indexed text is folded and plural-stemmed in Python, so PostgreSQL must not stem it again:
# the "simple" configuration keeps both databases matching the same words.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt", "csv", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: staff pages make no third-party requests either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Logs (solidarity.core.logs): one JSON object a line in production, never a clear IP address.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json").strip().lower()
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not a log format: use json or text.")
# One line per request (solidarity.requests, INFO), whatever LOG_LEVEL says.
LOG_REQUESTS = envbool("LOG_REQUESTS", "false" if DEBUG else "true")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private": {"()": "solidarity.core.logs.PrivateRequestFilter"}},
    "formatters": {
        "json": {"()": "solidarity.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["private"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "solidarity.requests": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
        # The request line already says 404: Django's "Not Found" warning would say it twice.
        "django.request": {"level": "ERROR" if LOG_REQUESTS else "WARNING"},
    },
}
