"""The HTTP client of the portal link: the standard library's `http.client`, one kept-alive
connection per batch, the token in the Authorization header, a timeout on every call.

What can go wrong is sorted for the outbox: `PortalUnavailableError` (no connection, a timeout,
5xx, 429, or the token refused — the portal or the configuration, not the message, so it is
tried again later) and `PortalRefusedError` (4xx naming what is wrong with this message, which
another attempt will not change)."""

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings


class PortalError(Exception):
    """The portal did not take what was sent."""


class PortalUnavailableError(PortalError):
    """Try again later: the portal is down, slow, overloaded or refused the token."""


class PortalRefusedError(PortalError):
    """The portal refused this request for good (its fields, its state)."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


# Largest answer read from the portal (a page of submissions, a lookup); a file has its own.
ANSWER_MAX_BYTES = 8 * 1024 * 1024


def portal_enabled() -> bool:
    """Whether this installation is linked to a portal (CHUAN_PORTAL_URL set)."""
    return bool(getattr(settings, "CHUAN_PORTAL_URL", ""))


class PortalClient:
    """Calls to the portal at `base_url` with `token`, each bounded by `timeout` seconds.
    Use it as a context manager to keep one connection for a batch."""

    def __init__(
        self, base_url: str | None = None, token: str | None = None, timeout: float | None = None
    ) -> None:
        url = base_url if base_url is not None else settings.CHUAN_PORTAL_URL
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PortalUnavailableError(f"CHUAN_PORTAL_URL is not an http(s) address: {url!r}")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.prefix = parts.path.rstrip("/")
        self.token = token if token is not None else settings.CHUAN_PORTAL_TOKEN
        self.timeout = float(timeout if timeout is not None else settings.CHUAN_PORTAL_TIMEOUT)
        self._connection: http.client.HTTPConnection | None = None

    def __enter__(self) -> "PortalClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            factory = (
                http.client.HTTPSConnection
                if self.scheme == "https"
                else http.client.HTTPConnection
            )
            self._connection = factory(self.host, self.port, timeout=self.timeout)
        return self._connection

    def _request(
        self, method: str, path: str, body: Any = None, *, limit: int = ANSWER_MAX_BYTES
    ) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        # A kept-alive connection the portal closed meanwhile fails at once: one fresh try.
        for fresh in (False, True):
            connection = self._connect()
            try:
                connection.request(method, self.prefix + path, body=payload, headers=headers)
                response = connection.getresponse()
                length = response.getheader("Content-Length")
                if length is not None and length.isdigit() and int(length) > limit:
                    self.close()
                    raise PortalRefusedError(f"answer of {length} bytes is over {limit}")
                data = response.read(limit + 1)
                if len(data) > limit:
                    self.close()
                    raise PortalRefusedError(f"answer over {limit} bytes")
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, data
            except TimeoutError as exc:
                self.close()
                raise PortalUnavailableError(f"no answer within {self.timeout:g} s") from exc
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if fresh:
                    raise PortalUnavailableError(f"connection lost: {exc}") from exc
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise PortalUnavailableError(f"cannot reach the portal: {exc}") from exc
        raise PortalUnavailableError("cannot reach the portal")  # pragma: no cover

    def _json(self, method: str, path: str, body: Any = None) -> Answer:
        status, data = self._request(method, path, body)
        try:
            parsed = json.loads(data.decode() or "{}") if data else {}
        except (UnicodeDecodeError, ValueError):
            parsed = {}
        if not isinstance(parsed, dict):
            parsed = {"data": parsed}
        reason = str(parsed.get("error") or parsed.get("message") or "")[:500]
        if status in (401, 403):
            raise PortalUnavailableError(f"the portal refused the token ({status})")
        if status == 429 or status >= 500:
            raise PortalUnavailableError(f"the portal answered {status} {reason}".strip())
        if status >= 400:
            raise PortalRefusedError(f"{status}: {reason or 'refused'}")
        return Answer(status=status, body=parsed)

    # The portal's services --------------------------------------------------------------

    def send(self, body: dict[str, Any]) -> Answer:
        """Deliver one message (its envelope carries the idempotent `messageId`)."""
        return self._json("POST", "/messages", body)

    def submissions(self, after: int, limit: int) -> Answer:
        """The next page of the feed of online submissions after `after`."""
        return self._json("GET", "/submissions?" + urlencode({"after": after, "limit": limit}))

    def answer_submission(self, code: str, body: dict[str, Any]) -> Answer:
        """Tell the portal what became of a submission (accepted, refused with the reason)."""
        return self._json("POST", f"/submissions/{_segment(code)}/answer", body)

    def lookup(self, code: str) -> Answer:
        """TraCuuHoSo: what the portal holds for a dossier code (404 → PortalRefusedError)."""
        return self._json("GET", f"/dossiers/{_segment(code)}")

    def file(self, url: str, limit: int) -> bytes:
        """A file attached on the portal, at most `limit` bytes (PortalRefusedError when larger:
        the size is judged before anything reads the content)."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if (parts.hostname, parts.port) != (self.host, self.port):
                raise PortalRefusedError("a file outside the portal")
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if self.prefix and path.startswith(self.prefix):
                path = path[len(self.prefix) :]
        else:
            path = url if url.startswith("/") else f"/{url}"
        status, data = self._request("GET", path, limit=limit)
        if status in (401, 403) or status == 429 or status >= 500:
            raise PortalUnavailableError(f"the portal answered {status} for a file")
        if status >= 400:
            raise PortalRefusedError(f"{status}: the file is not on the portal")
        return data


def _segment(code: str) -> str:
    from urllib.parse import quote

    return quote(code, safe="")
