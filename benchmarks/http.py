"""Chuẩn over HTTP against the stack's own ceiling, measured in the same run.

Run it from the project root against a scratch PostgreSQL database:

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_http'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_http \\
        .venv/bin/python benchmarks/http.py

It needs Debian's `wrk` (`apt-get install -y wrk`). An empty database is migrated and gets
the demo (about two minutes, once); a database that has it is reused. It then:

* generates a minimal Django 5.2 project in a temporary folder (two views: JSON without the
  database, and JSON from one ORM SELECT of a dossier's code by primary key, the same
  PostgreSQL database and connection settings as Chuẩn) and serves it with gunicorn;
* serves Chuẩn with gunicorn, with production's settings except what must differ on a
  benchmark machine (plain HTTP, a temporary data folder for the static files): the same
  number of sync workers for both (`--workers`, 3 as `make run`);
* drives every target with `wrk` at the same concurrency (8 connections, 2 threads) for
  `--duration` seconds, interleaving the targets over `--rounds` rounds (4) after a short
  warm-up, and prints the median over the rounds of requests/s, p50 and p95 latency, the
  ratio of requests/s to the one-query ceiling of the same run, and the CPU time per request
  of the web workers and of the PostgreSQL backends serving this database (from /proc);
* counts, in this process through Django's test client, the SQL statements each target
  runs once (the figure the tests' budgets assert).

The targets: receipt (`POST /api/v1/dossiers/` with a desk officer's token and a unique
`Idempotency-Key` each, rotating over `RECEIPT_AGENCIES` agencies of the province so that no
agency's day runs out of numbers), the dossier list (API, first page), the desk officer's
worklist page, a dossier's detail (API and page), the citizen's lookup (the form posted with
a code and phone ending), a document search (the master list with a query) and the
province's desk dashboard as DOST sees it.

Receipts stay in the database (a few thousand per run); the desk user, tokens and benchmark
accounts are created once. Figures vary with what else the machine runs: compare ratios,
measured side by side, rather than absolute rates.
"""

import sys
from pathlib import Path

# This file's own folder comes first on the path and its name would hide the standard
# library's `http` package: take the folder out before anything imports it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECEIPT_AGENCIES = 8
CLK_TCK = os.sysconf("SC_CLK_TCK")

MINIMAL_SETTINGS = """
import os
import dj_database_url
SECRET_KEY = "minimal-benchmark-project-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["minimal"]
MIDDLEWARE = []
ROOT_URLCONF = "minimal.urls"
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=CONN)}
USE_TZ = True
"""

MINIMAL_MODELS = """
from django.db import models


class Dossier(models.Model):
    code = models.CharField(max_length=40)

    class Meta:
        managed = False
        db_table = "dossiers_dossier"
"""

MINIMAL_URLS = """
from django.http import JsonResponse
from django.urls import path

from minimal.models import Dossier


def hello(request):
    return JsonResponse({"hello": "world"})


def one_query(request):
    row = Dossier.objects.filter(pk=int(request.GET.get("id", 1))).values("id", "code").first()
    return JsonResponse({"dossier": row})


urlpatterns = [path("json", hello), path("one", one_query)]
"""

LUA_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p95_us\\": %d, "
    .. "\\"bad_status\\": %d, \\"socket_errors\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""

LUA_GET = """
wrk.method = "GET"
if COOKIE ~= "" then wrk.headers["Cookie"] = COOKIE end
if AUTH ~= "" then wrk.headers["Authorization"] = AUTH end
"""

LUA_RECEIPT = """
local counter = 0
local threads = 0
local tokens = TOKENS
-- Each run of wrk (warm-up, every round) has keys of its own: a key used before would be
-- answered as a replay (200, no receipt).
local RUN = PREFIX .. "-" .. os.time()
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
  thread:set("run", RUN)
end
request = function()
  counter = counter + 1
  local token = tokens[(counter + id) % #tokens + 1]
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Token " .. token,
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/dossiers/", headers, BODY)
end
"""

LUA_LOOKUP = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken=" .. CSRF
wrk.body = "csrfmiddlewaretoken=" .. CSRF .. "&code=" .. CODE .. "&phone_tail=" .. TAIL
"""


@dataclass
class Target:
    name: str
    server: str  # "minimal" or "chuan"
    path: str
    script: str
    # The request the statement count replays: (method, path, body, headers, user).
    replay: tuple[str, str, Any, dict[str, str], Any] | None = None
    runs: list[dict[str, float]] = field(default_factory=list)
    statements: int | None = None


def lua_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # LuaJIT reads UTF-8, not \\u escapes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (and their threads), in seconds."""
    return sum(cpu_by_pid(pids).values())


def cpu_by_pid(pids: list[int]) -> dict[int, float]:
    found: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / CLK_TCK
    return found


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def postgres_pids(database: str) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        return [row[0] for row in cursor.fetchall()]


def setup_django(data_dir: Path) -> None:
    os.environ.setdefault("CHUAN_SECRET_KEY", "benchmark-" + secrets.token_urlsafe(40))
    os.environ["CHUAN_HTTPS"] = "0"
    os.environ["CHUAN_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chuan.settings")
    import django

    django.setup()


def ensure_data() -> None:
    from django.core.management import call_command

    from chuan.accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if not User.objects.filter(username="desk").exists():
        print("Loading the demo (once, about two minutes)…", flush=True)
        call_command("load_demo")
    call_command("collectstatic", verbosity=0, interactive=False)


def receipt_fixtures() -> tuple[list[str], str]:
    """Tokens of desk officers at RECEIPT_AGENCIES agencies of the demo desk's province
    (benchmark accounts created once), and a procedure code all of them may receive."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from rest_framework.authtoken.models import Token

    from chuan.accounts.models import User
    from chuan.accounts.roles import Role
    from chuan.organisations.models import Agency, Membership
    from chuan.organisations.scoping import active_membership
    from chuan.procedures.choices import ProcessStatus
    from chuan.procedures.models import InternalProcess
    from chuan.procedures.selectors import catalogue_versions

    desk = User.objects.get(username="desk")
    home = active_membership(desk)
    assert home is not None
    # A procedure the desk's agency has an approved internal process for (its steps are
    # copied to every dossier), as the desk's daily work mostly is.
    processed = InternalProcess.objects.filter(
        agency=home.agency, status=ProcessStatus.APPROVED
    ).values("procedure_id")
    version = (
        catalogue_versions(user=desk, on=timezone.localdate())
        .filter(procedure_id__in=processed)
        .select_related("procedure")
        .order_by("procedure__code")
        .first()
    )
    assert version is not None, "the demo desk has no procedure in force"
    agencies = [
        home.agency,
        *list(
            Agency.objects.filter(
                unit__province_id=home.agency.unit.province_id or home.agency.unit_id
            )
            .exclude(code__isnull=True)
            .exclude(code="")
            .exclude(pk=home.agency_id)
            .filter(valid_to__isnull=True)
            .order_by("pk")[: RECEIPT_AGENCIES - 1]
        ),
    ]
    group = Group.objects.get(name=Role.DESK_OFFICER)
    tokens = []
    for agency in agencies:
        user = desk
        if agency != home.agency:
            user, created = User.objects.get_or_create(
                username=f"bench.desk.{agency.pk}", defaults={"full_name": "Bench desk"}
            )
            if created:
                membership = Membership.objects.create(user=user, agency=agency)
                user.active_membership = membership
                user.save(update_fields=["active_membership"])
                user.groups.add(group)
        tokens.append(Token.objects.get_or_create(user=user)[0].key)
    return tokens, version.procedure.code


def session_cookie(username: str) -> str:
    from django.test import Client

    from chuan.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"sessionid={client.cookies['sessionid'].value}"


def build_targets(work: Path, minimal_id: int) -> list[Target]:
    from rest_framework.authtoken.models import Token

    from chuan.accounts.models import User
    from chuan.dossiers.models import Dossier
    from chuan.organisations.scoping import active_membership

    desk = User.objects.get(username="desk")
    membership = active_membership(desk)
    assert membership is not None
    token = Token.objects.get_or_create(user=desk)[0].key
    dossier = (
        Dossier.objects.filter(agency_id=membership.agency_id)
        .exclude(code="")
        .filter(applicant_phone__regex=r"\d{4}$")
        .order_by("-received_at")
        .first()
    )
    assert dossier is not None, "the demo desk has no dossier"
    tokens, procedure = receipt_fixtures()
    prefix = f"bench-{int(time.time())}-{secrets.token_hex(3)}"
    body = json.dumps(
        {
            "procedure": procedure,
            "channel": 1,
            "applicant": {
                "name": "Nguyễn Văn An",
                "id_number": "064090001234",
                "phone": "0905123456",
            },
            "components": [{"name": "Tờ khai", "originals": 1}],
        },
        ensure_ascii=False,
    )
    csrf = secrets.token_hex(16)  # 32 characters: Django takes an unmasked secret as a token
    desk_cookie = session_cookie("desk")
    dost_cookie = session_cookie("dost")
    doc_cookie = session_cookie("doccontrol")
    auth = f"Token {token}"

    def get_script(name: str, cookie: str = "", authorization: str = "") -> str:
        path = work / f"{name}.lua"
        path.write_text(
            LUA_GET.replace("COOKIE", lua_string(cookie)).replace("AUTH", lua_string(authorization))
            + LUA_DONE
        )
        return str(path)

    receipt = work / "receipt.lua"
    receipt.write_text(
        f"TOKENS = {{{', '.join(lua_string(t) for t in tokens)}}}\n"
        f"PREFIX = {lua_string(prefix)}\nBODY = {lua_string(body)}\n" + LUA_RECEIPT + LUA_DONE
    )
    lookup = work / "lookup.lua"
    lookup.write_text(
        f"CSRF = {lua_string(csrf)}\nCODE = {lua_string(dossier.code)}\n"
        f"TAIL = {lua_string(dossier.applicant_phone[-4:])}\n" + LUA_LOOKUP + LUA_DONE
    )
    plain = get_script("plain")
    api = {"HTTP_AUTHORIZATION": auth}
    dost = User.objects.get(username="dost")
    doc = User.objects.get(username="doccontrol")
    return [
        Target("minimal: JSON, no database", "minimal", "/json", plain),
        Target("minimal: one ORM SELECT", "minimal", f"/one?id={minimal_id}", plain),
        Target("Chuẩn /healthz", "chuan", "/healthz", plain, ("get", "/healthz", None, {}, None)),
        Target(
            "receipt POST /api/v1/dossiers/",
            "chuan",
            "/api/v1/dossiers/",
            str(receipt),
            ("post", "/api/v1/dossiers/", body, {**api, "HTTP_IDEMPOTENCY_KEY": prefix}, None),
        ),
        Target(
            "dossier list GET /api/v1/dossiers/",
            "chuan",
            "/api/v1/dossiers/",
            get_script("api", authorization=auth),
            ("get", "/api/v1/dossiers/", None, api, None),
        ),
        Target(
            "worklist page /desk/",
            "chuan",
            "/desk/",
            get_script("desk", cookie=desk_cookie),
            ("get", "/desk/", None, {}, desk),
        ),
        Target(
            "dossier detail (API)",
            "chuan",
            f"/api/v1/dossiers/{dossier.code}/",
            get_script("api2", authorization=auth),
            ("get", f"/api/v1/dossiers/{dossier.code}/", None, api, None),
        ),
        Target(
            "dossier page /dossiers/<id>/",
            "chuan",
            f"/dossiers/{dossier.pk}/",
            get_script("desk2", cookie=desk_cookie),
            ("get", f"/dossiers/{dossier.pk}/", None, {}, desk),
        ),
        Target(
            "citizen's lookup POST /tra-cuu/",
            "chuan",
            "/tra-cuu/",
            str(lookup),
            (
                "post",
                "/tra-cuu/",
                {"code": dossier.code, "phone_tail": dossier.applicant_phone[-4:]},
                {},
                None,
            ),
        ),
        Target(
            "document search /documents/?q=",
            "chuan",
            "/documents/?q=quy+trinh",
            get_script("doc", cookie=doc_cookie),
            ("get", "/documents/?q=quy+trinh", None, {}, doc),
        ),
        Target(
            "DOST desk dashboard /desk/dashboard/",
            "chuan",
            "/desk/dashboard/",
            get_script("dost", cookie=dost_cookie),
            ("get", "/desk/dashboard/", None, {}, dost),
        ),
    ]


def count_statements(targets: list[Target]) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for target in targets:
        if target.replay is None:
            continue
        method, path, body, headers, user = target.replay
        client = Client(SERVER_NAME="127.0.0.1")
        if user is not None:
            client.force_login(user)
        call = getattr(client, method)
        kwargs: dict[str, Any] = dict(headers)
        if body is not None and isinstance(body, str):
            kwargs["content_type"] = "application/json"
        # One request to warm what the workers keep between requests, then the counted one.
        for attempt in range(2):
            if "HTTP_IDEMPOTENCY_KEY" in kwargs:
                kwargs["HTTP_IDEMPOTENCY_KEY"] = f"{headers['HTTP_IDEMPOTENCY_KEY']}-s{attempt}"
            with CaptureQueriesContext(connection) as queries:
                response = call(path, body, **kwargs) if body is not None else call(path, **kwargs)
            if response.status_code >= 400:
                print(f"  ! {target.name}: {response.status_code}", file=sys.stderr)
        target.statements = len(queries)


def run_wrk(
    target: Target, base: str, seconds: float, connections: int, record: bool
) -> dict[str, float]:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{round(seconds)}s",
        "--timeout",
        "10s",
        "-s",
        target.script,
        base + target.path,
    ]
    ran = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    match = re.search(r"^RESULT (\{.*\})$", ran.stdout, re.MULTILINE)
    if match is None:
        raise SystemExit(f"wrk gave no result for {target.name}:\n{ran.stdout}\n{ran.stderr}")
    result = json.loads(match.group(1))
    figures = {
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50": result["p50_us"] / 1000,
        "p95": result["p95_us"] / 1000,
        "requests": result["requests"],
        "errors": result["bad_status"] + result["socket_errors"],
    }
    if record:
        target.runs.append(figures)
    return figures


def start_server(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        args,
        cwd=cwd,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--duration", type=float, default=8)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--only", default="", help="targets whose name contains this")
    options = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    work = Path(tempfile.mkdtemp(prefix="chuan-http-"))
    servers: list[subprocess.Popen] = []
    try:
        setup_django(work / "data")
        ensure_data()
        from django.conf import settings

        from chuan.dossiers.models import Dossier

        database = settings.DATABASES["default"]["NAME"]
        conn_max_age = settings.DATABASES["default"].get("CONN_MAX_AGE", 0)
        minimal_id = Dossier.objects.order_by("pk").values_list("pk", flat=True).first() or 1

        project = work / "minimal"
        (project / "minimal").mkdir(parents=True)
        (project / "minimal" / "__init__.py").write_text("")
        (project / "minimal" / "settings.py").write_text(
            MINIMAL_SETTINGS.replace("CONN", repr(conn_max_age))
        )
        (project / "minimal" / "models.py").write_text(MINIMAL_MODELS)
        (project / "minimal" / "urls.py").write_text(textwrap.dedent(MINIMAL_URLS))
        (project / "minimal" / "wsgi.py").write_text(
            "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'minimal.settings')\n"
            "from django.core.wsgi import get_wsgi_application\n"
            "application = get_wsgi_application()\n"
        )
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        env = dict(os.environ)
        ports = {"minimal": free_port(), "chuan": free_port()}
        common = ["--workers", str(options.workers), "--access-logfile", "/dev/null"]
        servers.append(
            start_server(
                [
                    gunicorn,
                    "minimal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{ports['minimal']}",
                    *common,
                ],
                {**env, "DJANGO_SETTINGS_MODULE": "minimal.settings", "PYTHONPATH": str(project)},
                project,
                work / "minimal.log",
            )
        )
        servers.append(
            start_server(
                [
                    gunicorn,
                    "chuan.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{ports['chuan']}",
                    *common,
                ],
                {**env, "DJANGO_SETTINGS_MODULE": "chuan.settings"},
                ROOT,
                work / "chuan.log",
            )
        )
        bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        wait_for(bases["minimal"] + "/json")
        wait_for(bases["chuan"] + "/healthz")
        targets = build_targets(work, minimal_id)
        if options.only:
            targets = [
                t
                for t in targets
                if t.server == "minimal" or options.only.lower() in t.name.lower()
            ]
        pids = {
            name: [*children(server.pid), server.pid]
            for name, server in zip(ports, servers, strict=False)
        }

        print(
            f"wrk: {options.connections} connections, {options.duration:g} s per run, "
            f"{options.rounds} interleaved rounds; gunicorn: {options.workers} sync workers; "
            f"PostgreSQL database {database}, CONN_MAX_AGE {conn_max_age}",
            flush=True,
        )
        for target in targets:  # warm-up: imports, caches, connections
            run_wrk(target, bases[target.server], 2, options.connections, record=False)
        cpu: dict[str, list[tuple[float, float, int]]] = {t.name: [] for t in targets}
        for round_number in range(1, options.rounds + 1):
            for target in targets:
                pg0 = cpu_by_pid(postgres_pids(database))
                app0 = cpu_seconds(pids[target.server])
                figures = run_wrk(
                    target, bases[target.server], options.duration, options.connections, True
                )
                pg1 = cpu_by_pid(postgres_pids(database))
                app1 = cpu_seconds(pids[target.server])
                # Backends that opened during the run count from zero; one that closed during
                # it (a connection older than CONN_MAX_AGE) is left out.
                pg = sum(used - pg0.get(pid, 0.0) for pid, used in pg1.items())
                cpu[target.name].append((app1 - app0, pg, int(figures["requests"])))
                print(
                    f"  round {round_number} {target.name}: {figures['rps']:.0f}/s, "
                    f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms"
                    + (f", {figures['errors']:.0f} errors" if figures["errors"] else ""),
                    flush=True,
                )
        count_statements(targets)

        ceiling = statistics.median(t["rps"] for t in targets[1].runs)
        print()
        print(
            "| target (median of rounds) | requests/s | p50 | p95 | of one-query ceiling "
            "| app CPU / request | PostgreSQL CPU / request | SQL statements |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for target in targets:
            rps = statistics.median(r["rps"] for r in target.runs)
            p50 = statistics.median(r["p50"] for r in target.runs)
            p95 = statistics.median(r["p95"] for r in target.runs)
            app = statistics.median(a / n * 1000 for a, _, n in cpu[target.name] if n)
            pg = statistics.median(p / n * 1000 for _, p, n in cpu[target.name] if n)
            errors = sum(r["errors"] for r in target.runs)
            statements = "1" if target.path.startswith("/one") else "0"
            if target.server == "chuan":
                statements = str(target.statements)
            print(
                f"| {target.name} | {rps:,.0f} | {p50:.1f} ms | {p95:.1f} ms | "
                f"{rps / ceiling:.0%} | {app:.2f} ms | {pg:.2f} ms | {statements} |"
                + (f" {errors:.0f} errors" if errors else "")
            )
    finally:
        for server in servers:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
