#!/usr/bin/env bash
# Smoke test of the deployment files on this machine: nginx (deploy/nginx/chuan-locations.conf)
# → gunicorn (deploy/gunicorn.conf.py) → the background worker (manage.py run_worker), all as
# the current user on high ports with a throwaway configuration and data directory.
#
#   bash deploy/smoke.sh
#
# Checks: /healthz and a page through nginx, a static file served by nginx itself (cached
# for a year), uploads not exposed, a task queued and run by the worker; then stops
# everything it started. Runs on SQLite in its temporary directory unless SMOKE_DATABASE_URL
# names a PostgreSQL database; SMOKE_TASKS_BACKEND=redis uses the Redis queue instead.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
GUNICORN=$(dirname "$PY")/gunicorn
WEB_PORT=${SMOKE_WEB_PORT:-18000}
NGINX_PORT=${SMOKE_NGINX_PORT:-18080}
started=$(date +%s)

say() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing nginx"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    fail "nginx is not installed (sudo apt-get install -y nginx)"
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d /tmp/chuan-smoke.XXXXXX)
# nginx's workers (nobody, when started as root) read the static files from here.
chmod 755 "$TMP"
cleanup() {
  set +e
  if [ -f "$TMP/nginx.pid" ]; then "$NGINX" -p "$TMP" -c "$TMP/nginx.conf" -s stop 2>/dev/null; fi
  # gunicorn's quick stop (QUIT) and the worker's warm one (TERM); then, if need be, KILL.
  [ -n "${web_pid:-}" ] && kill -QUIT "$web_pid" 2>/dev/null
  [ -n "${worker_pid:-}" ] && kill -TERM "$worker_pid" 2>/dev/null
  for pid in ${web_pid:-} ${worker_pid:-}; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$TMP"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=chuan.settings
export CHUAN_DATA_DIR="$TMP/data"
export CHUAN_SECRET_KEY
CHUAN_SECRET_KEY=$("$PY" -c "import secrets; print(secrets.token_urlsafe(50))")
export CHUAN_DEBUG=0 CHUAN_HTTPS=0 CHUAN_ALLOWED_HOSTS=127.0.0.1,localhost
export CHUAN_TRUSTED_PROXIES=127.0.0.1 CHUAN_LOG_LEVEL=WARNING
export CHUAN_TASKS_BACKEND=${SMOKE_TASKS_BACKEND:-database}
export CHUAN_TASKS_REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/12}
export CHUAN_BIND="127.0.0.1:$WEB_PORT" WEB_CONCURRENCY=2 CHUAN_ACCESS_LOG="$TMP/gunicorn-access.log"
unset CHUAN_REPLICA_DATABASE_URL
if [ -n "${SMOKE_DATABASE_URL:-}" ]; then
  export DATABASE_URL=$SMOKE_DATABASE_URL
else
  unset DATABASE_URL
fi
mkdir -p "$CHUAN_DATA_DIR"

say "migrating a fresh database, collecting static files"
"$PY" manage.py migrate --no-input --verbosity 0
"$PY" manage.py createcachetable
"$PY" manage.py collectstatic --no-input --verbosity 0
chmod -R a+rX "$CHUAN_DATA_DIR/static"

say "starting gunicorn on $WEB_PORT and the worker ($CHUAN_TASKS_BACKEND queue)"
"$GUNICORN" -c deploy/gunicorn.conf.py >"$TMP/gunicorn.log" 2>&1 &
web_pid=$!
"$PY" manage.py run_worker --interval 1 >"$TMP/worker.log" 2>&1 &
worker_pid=$!

# nginx with the site's own locations; only the paths and the upstream are this machine's.
sed "s#/srv/chuan/data/static/#$CHUAN_DATA_DIR/static/#" deploy/nginx/chuan-locations.conf \
  >"$TMP/chuan-locations.conf"
mkdir -p "$TMP/nginx-temp"
cat >"$TMP/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $TMP/nginx-access.log;
    client_body_temp_path $TMP/nginx-temp/body;
    proxy_temp_path $TMP/nginx-temp/proxy;
    fastcgi_temp_path $TMP/nginx-temp/fastcgi;
    uwsgi_temp_path $TMP/nginx-temp/uwsgi;
    scgi_temp_path $TMP/nginx-temp/scgi;
    upstream chuan_web { server 127.0.0.1:$WEB_PORT; keepalive 8; }
    limit_req_zone \$binary_remote_addr zone=chuan_req:1m rate=30r/s;
    limit_conn_zone \$binary_remote_addr zone=chuan_conn:1m;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        server_name localhost;
        include $TMP/chuan-locations.conf;
    }
}
EOF
"$NGINX" -t -q -p "$TMP" -c "$TMP/nginx.conf" 2>"$TMP/nginx-test.log" \
  || { cat "$TMP/nginx-test.log" >&2; fail "nginx refuses the configuration"; }
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" 2> >(grep -v 'the "user" directive' >&2)

URL="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$URL/healthz" 2>/dev/null && break
  sleep 0.5
done
health=$(curl -fsS "$URL/healthz") || { tail -20 "$TMP/gunicorn.log" >&2; fail "/healthz through nginx"; }
say "/healthz through nginx: $health"

status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/accounts/login/")
[ "$status" = 200 ] || fail "the sign-in page through nginx answered $status"
say "the sign-in page through nginx: 200"

static=$(cd "$CHUAN_DATA_DIR/static" && find css -name '*.*.css' | head -1)
[ -n "$static" ] || fail "collectstatic wrote no hashed stylesheet"
headers=$(curl -fsS -D - -o /dev/null "$URL/static/$static") || fail "GET /static/$static"
echo "$headers" | grep -qi '^cache-control:.*immutable' || fail "/static/ is not cached by nginx"
if grep -q "GET /static/" "$TMP/gunicorn-access.log" 2>/dev/null; then
  fail "a static file reached gunicorn"
fi
say "/static/$static served by nginx, cached a year"

status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/media/anything.pdf")
[ "$status" = 404 ] || fail "/media/ answered $status, not 404"

"$PY" manage.py worker_ping --wait 60 || { tail -20 "$TMP/worker.log" >&2; fail "worker"; }

say "passed in $(( $(date +%s) - started )) s"
