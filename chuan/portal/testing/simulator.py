"""A local stand-in for the National Public Service Portal, for tests and benchmarks: a real
HTTP server (the standard library's threading server, HTTP/1.1 kept alive) speaking what
`portal.client` speaks.

* `POST /messages` checks the message against the field lists of `portal.messages`
  (400 naming the first problem), keeps the first delivery of each `messageId` and answers
  later ones as duplicates; it records, per dossier code, the ids in the order it took them
  and what it now holds (status, due date).
* `GET /submissions?after=&limit=` serves the feed of online submissions put in with
  `submit()`; `POST /submissions/<code>/answer` records the desk's answer.
* `GET /files/<id>` serves the files put in with `add_file()`.
* `GET /dossiers/<code>` answers what it holds (TraCuuHoSo).

It can be told to be down (503 to everything), to fail a share of messages (503) and to
time out on a share of them — after taking the message, which is the case that tests that a
retry is not seen twice. Its randomness is seeded."""

import json
import random
import re
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from chuan.portal import messages as spec

_CODE = re.compile(r"^/(submissions|dossiers|files)/([^/]+)(/answer)?$")


def message_problem(body: Any) -> str | None:
    """Why the portal refuses this message, or None."""
    if not isinstance(body, dict):
        return "the body is not an object"
    service, data = body.get("service"), body.get("data")
    if service not in (spec.Service.SYNC, spec.Service.PROGRESS):
        return f"unknown service {service!r}"
    if not isinstance(body.get("messageId"), str) or not body["messageId"]:
        return "messageId is missing"
    if not isinstance(body.get("madonvi"), str) or not body["madonvi"]:
        return "madonvi is missing"
    if not isinstance(data, dict):
        return "data is not an object"
    allowed, required = (
        (spec.SYNC_FIELDS, spec.SYNC_REQUIRED)
        if service == spec.Service.SYNC
        else (spec.PROGRESS_FIELDS, spec.PROGRESS_REQUIRED)
    )
    if service == spec.Service.SYNC and not isinstance(body.get("isUpdating"), bool):
        return "isUpdating must be true or false"
    unknown = sorted(set(data) - allowed)
    if unknown:
        return f"unknown fields: {', '.join(unknown)}"
    for name in sorted(required):
        if data.get(name) in (None, ""):
            return f"{name} is required"
    for name, value in data.items():
        if name in spec.DATE_FIELDS and value and spec.parse_portal_time(value) is None:
            return f"{name} is not yyyyMMddHHmmss"
        if name in spec.SYNC_LIST_FIELDS and service == spec.Service.SYNC:
            if not isinstance(value, list):
                return f"{name} is not a list"
            for item in value:
                if not isinstance(item, dict) or set(item) - spec.SYNC_LIST_FIELDS[name]:
                    return f"{name} holds an unknown field"
                for key, inner in item.items():
                    if key in spec.DATE_FIELDS and inner and spec.parse_portal_time(inner) is None:
                        return f"{name}.{key} is not yyyyMMddHHmmss"
    status = data.get("TrangThaiHoSo", data.get("TrangThai"))
    if not isinstance(status, int) or not 1 <= status <= 10:
        return "the status is not a code from 1 to 10"
    return None


class PortalState:
    """What the simulated portal holds; every access under one lock."""

    def __init__(self, token: str, seed: int) -> None:
        self.token = token
        self.lock = threading.Lock()
        self.random = random.Random(seed)  # noqa: S311 - a test's dice, not a secret
        self.down = False
        self.fail_rate = 0.0
        self.timeout_rate = 0.0
        self.timeout_seconds = 1.0
        self.accepted: dict[str, dict[str, Any]] = {}  # messageId → body, first delivery
        self.order: dict[str, list[str]] = defaultdict(list)  # MaHoSo → ids as taken
        self.holds: dict[str, dict[str, Any]] = {}  # MaHoSo → latest status and due date
        self.duplicates = 0
        self.refused: list[tuple[str, str]] = []  # (messageId, reason)
        self.feed: list[dict[str, Any]] = []
        self.answers: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.files: dict[str, bytes] = {}
        self.requests = 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle and delayed ACKs add 40 ms.
    disable_nagle_algorithm = True
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: Any, raw: bytes | None = None) -> None:
        data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if raw is None else "application/pdf")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        state = self.server.state
        if self.headers.get("Authorization") != f"Bearer {state.token}":
            self._send(401, {"error": "bad token"})
            return False
        if state.down:
            self._send(503, {"error": "portal down"})
            return False
        return True

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            return json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return None

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests += 1
        if not self._authorised():
            return
        parts = urlsplit(self.path)
        if parts.path == "/submissions":
            query = parse_qs(parts.query)
            after = int((query.get("after") or ["0"])[0])
            limit = min(int((query.get("limit") or ["100"])[0]), 500)
            with state.lock:
                items = [item for item in state.feed if item["cursor"] > after][:limit]
            self._send(200, {"items": items})
            return
        match = _CODE.match(parts.path)
        if match and match.group(1) == "files":
            content = state.files.get(unquote(match.group(2)))
            if content is None:
                self._send(404, {"error": "no such file"})
            else:
                self._send(200, None, raw=content)
            return
        if match and match.group(1) == "dossiers":
            with state.lock:
                held = state.holds.get(unquote(match.group(2)))
            if held is None:
                self._send(404, {"error": "no such dossier"})
            else:
                self._send(200, held)
            return
        self._send(404, {"error": "unknown path"})

    def do_POST(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests += 1
        body = self._body()
        if not self._authorised():
            return
        path = urlsplit(self.path).path
        match = _CODE.match(path)
        if match and match.group(1) == "submissions" and match.group(3):
            with state.lock:
                state.answers[unquote(match.group(2))].append(
                    body if isinstance(body, dict) else {}
                )
            self._send(200, {"ok": True})
            return
        if path != "/messages":
            self._send(404, {"error": "unknown path"})
            return
        self._message(state, body)

    def _message(self, state: PortalState, body: Any) -> None:
        problem = message_problem(body)
        with state.lock:
            roll = state.random.random()
            if problem is None and roll < state.fail_rate:
                fail = True
            else:
                fail = False
            timeout = problem is None and not fail and roll < state.fail_rate + state.timeout_rate
            if problem is not None:
                state.refused.append((str((body or {}).get("messageId", "")), problem))
            elif not fail:
                message_id = body["messageId"]
                duplicate = message_id in state.accepted
                if duplicate:
                    state.duplicates += 1
                else:
                    state.accepted[message_id] = body
                    data = body["data"]
                    code = data["MaHoSo"]
                    state.order[code].append(message_id)
                    held = state.holds.setdefault(code, {"MaHoSo": code})
                    if body["service"] == spec.Service.SYNC:
                        held["TrangThaiHoSo"] = data["TrangThaiHoSo"]
                        held["NgayHenTra"] = data.get("NgayHenTra", "")
                    else:
                        held["TrangThaiHoSo"] = data["TrangThai"]
        if problem is not None:
            self._send(400, {"error": problem})
        elif fail:
            self._send(503, {"error": "try again"})
        else:
            if timeout:
                # Taken, but the answer comes too late: the desk will try again.
                time.sleep(state.timeout_seconds)
            self._send(200, {"ok": True, "duplicate": duplicate})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: PortalState


class PortalSimulator:
    """Run the simulated portal on 127.0.0.1 on a free port, in a background thread.

    >>> with PortalSimulator(token="t") as portal:
    ...     portal.url  # "http://127.0.0.1:PORT"
    """

    def __init__(self, token: str = "portal-token", seed: int = 16) -> None:  # noqa: S107
        self.state = PortalState(token, seed)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = self.state
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> "PortalSimulator":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "PortalSimulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # Putting things in --------------------------------------------------------------------

    def submit(self, data: dict[str, Any]) -> int:
        """Put an online submission in the feed (again, for a duplicated delivery)."""
        with self.state.lock:
            cursor = len(self.state.feed) + 1
            self.state.feed.append({"cursor": cursor, "data": data})
        return cursor

    def add_file(self, file_id: str, content: bytes) -> str:
        """Hold a file; its path for `DuongDanTaiTepTin`."""
        with self.state.lock:
            self.state.files[file_id] = content
        return f"/files/{file_id}"

    # Reading what it holds ----------------------------------------------------------------

    def delivered(self) -> dict[str, dict[str, Any]]:
        with self.state.lock:
            return dict(self.state.accepted)

    def order_of(self, code: str) -> list[str]:
        with self.state.lock:
            return list(self.state.order.get(code, []))

    def held(self, code: str) -> dict[str, Any] | None:
        with self.state.lock:
            return self.state.holds.get(code)

    def hold(self, code: str, **values: Any) -> None:
        """Make the portal hold something else for a dossier (as after a change made there)."""
        with self.state.lock:
            self.state.holds.setdefault(code, {"MaHoSo": code}).update(values)
