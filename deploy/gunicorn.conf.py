"""gunicorn's settings for Chuẩn's web nodes (`gunicorn -c deploy/gunicorn.conf.py`).

Every value can be changed from the environment file (deploy/chuan.env.example) without
editing this file. A web node keeps nothing that must be shared (docs/deployment.md,
"Stateless web nodes"): a worker killed at any moment loses only the request it was
serving, which the client retries (the receipt API is idempotent).
"""

import multiprocessing
import os

wsgi_app = "chuan.wsgi:application"
bind = os.environ.get("CHUAN_BIND", "127.0.0.1:8000").split(",")
# Sync workers: Chuẩn's requests are short and CPU-bound; 2 per core plus one keeps the
# cores busy while one worker waits on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
# A request still running after this long is killed (nginx waits a little longer).
timeout = int(os.environ.get("CHUAN_WEB_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# Recycle each worker after about this many requests: memory stays flat whatever leaks.
max_requests = int(os.environ.get("CHUAN_WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Heartbeat files on memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# Only nginx on this host talks to gunicorn; it sets X-Forwarded-*.
forwarded_allow_ips = os.environ.get("CHUAN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("CHUAN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("CHUAN_LOG_LEVEL", "info").lower()
proc_name = "chuan-web"
