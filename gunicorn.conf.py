"""gunicorn's configuration for Gehoord: ``gunicorn -c gunicorn.conf.py gehoord.wsgi``.

Read from the environment (see docs/deploy.md):

- ``PORT`` (8000): the port to listen on, on every address;
- ``WEB_CONCURRENCY``: the number of worker processes (default: 2 per CPU + 1, at most 12);
- ``FORWARDED_ALLOW_IPS`` (``127.0.0.1,::1``): the proxies whose ``X-Forwarded-Proto`` is trusted;
- ``LOG_FORMAT`` / ``LOG_LEVEL`` / ``LOG_STREAM``: as for the application, so gunicorn's own
  lines and the access log come out in the same format, on stdout (unless ``LOG_STREAM``
  says ``stderr``);
- ``PROMETHEUS_MULTIPROC_DIR``: where the workers keep their Prometheus metrics, so that
  ``/metrics`` answers for all of them together. When it is not set, a temporary directory
  is made at start-up and removed at exit.

Anything else can still be given on the command line or in ``GUNICORN_CMD_ARGS``. gunicorn
reads every global of this module whose name is a setting, hence the underscores on the rest.
"""

import glob as _glob
import os as _os
import shutil as _shutil
import sys as _sys
import tempfile as _tempfile

import environ as _environ

_sys.path.insert(0, _os.path.dirname(_os.path.abspath(__file__)))

from gehoord.core import logs as _logs

_env = _environ.Env()


def _cpus() -> int:
    try:
        return len(_os.sched_getaffinity(0))  # the CPUs this container may use
    except AttributeError:  # not on Linux
        return _os.cpu_count() or 1


# --- serving --------------------------------------------------------------------------

bind = f"0.0.0.0:{_env.int('PORT', default=8000)}"
# Each worker holds a database connection (CONN_MAX_AGE): the cap keeps a big host from
# opening more than PostgreSQL's default max_connections allows for web, worker and beat.
workers = _env.int("WEB_CONCURRENCY", default=min(2 * _cpus() + 1, 12))
worker_class = "sync"
# Rendering a letter preview (WeasyPrint) can take seconds; a request that takes a minute is stuck.
timeout = 60
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (plus jitter, so not all at once): bounded memory.
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = _env.str("FORWARDED_ALLOW_IPS", default="127.0.0.1,::1")
proc_name = "gehoord"
# The heartbeat file on tmpfs: on a container's overlay file system it can stall a worker.
if _os.path.isdir("/dev/shm"):  # noqa: S108 (gunicorn's advice for containers)
    worker_tmp_dir = "/dev/shm"  # noqa: S108
# No runtime control socket (gunicornc): nothing uses it, and two instances would share its path.
control_socket_disable = True

# --- logs: the application's configuration, gunicorn's loggers included ----------------

_debug = _env.bool("DEBUG", default=False)
_log_format = _env.str("LOG_FORMAT", default="text" if _debug else "json").lower()
_log_level = _env.str("LOG_LEVEL", default="INFO")
# The workers' Django reads it too: a server logs to stdout (management commands to stderr).
_os.environ.setdefault("LOG_STREAM", "stdout")
accesslog = "-"
access_log_format = _logs.ACCESS_LOG_FORMAT
errorlog = "-"
loglevel = _log_level.lower()
logconfig_dict = _logs.logging_config(
    log_format=_log_format, level=_log_level, stream=_os.environ["LOG_STREAM"]
)

# --- Prometheus multiprocess mode (prometheus_client's "Multiprocess Mode") ------------
# The directory must be known before a worker imports prometheus_client, so it is set here,
# in the master, and inherited by every worker it forks.

_OWNED_MARKER = "GEHOORD_PROMETHEUS_TEMP_DIR"
if not _os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _os.environ["PROMETHEUS_MULTIPROC_DIR"] = _tempfile.mkdtemp(prefix="gehoord-prometheus-")
    _os.environ[_OWNED_MARKER] = _os.environ["PROMETHEUS_MULTIPROC_DIR"]
_os.makedirs(_os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)


def on_starting(server):
    """Before the first worker: the files of a previous run would count its workers twice."""
    for stale in _glob.glob(_os.path.join(_os.environ["PROMETHEUS_MULTIPROC_DIR"], "*.db")):
        _os.remove(stale)


def child_exit(server, worker):
    """A worker is gone (recycled, timed out, crashed): its live gauges go with it."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    directory = _os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory and _os.environ.get(_OWNED_MARKER) == directory:
        _shutil.rmtree(directory, ignore_errors=True)
