"""SMS to citizens through a pluggable gateway, chosen by `CHUAN_SMS_BACKEND`:

* `chuan.notifications.sms.ConsoleBackend` (development): writes each message to the log.
* `chuan.notifications.sms.LocmemBackend` (tests): keeps messages in `LocmemBackend.outbox`.
* `chuan.notifications.sms.HttpBackend`: POSTs JSON to `CHUAN_SMS_URL` with
  `Authorization: Bearer CHUAN_SMS_TOKEN`: `{"id", "to", "text", "sender"}` — the shape of
  the brandname gateways Vietnamese carriers and resellers offer (VNPT, Viettel, FPT…); a
  province's gateway that differs gets its own small adapter. A 2xx is accepted; 4xx
  other than 408/429 is a refusal for good (bad number, bad content); anything else
  (5xx, timeout, connection refused) is tried again later by the outbox.

Messages are unaccented Vietnamese, at most 160 characters (`sms_text`): a message with
one accented letter leaves GSM-7 for UCS-2, which holds 70 characters a segment instead
of 160, so a 150-character notice costs three segments instead of one; brandname
gateways also refuse characters such as % # & [ ] { } \\ < @. Unaccented text is what
carriers' customer-care templates use and every phone shows.
"""

import json
import logging
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

SMS_LENGTH = 160
# GSM-7's basic set less what brandname gateways refuse; anything else is dropped.
_REFUSED = re.compile(r"[%#&\[\]{}\\<>@~^|`\"$]")
_NOT_GSM = re.compile(r"[^A-Za-z0-9 .,:;!?'()/+=*_\n-]")


def unaccented(text: str) -> str:
    """Vietnamese without diacritics, keeping case: "Hồ sơ Đã" → "Ho so Da"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sms_text(text: str, limit: int = SMS_LENGTH) -> str:
    """One GSM-7 segment: unaccented, refused characters dropped, spaces single, cut at a
    word within `limit` characters."""
    plain = _NOT_GSM.sub("", _REFUSED.sub("", unaccented(text)))
    plain = " ".join(plain.split())
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 3].rsplit(" ", 1)[0]
    return f"{cut}..."


class SmsError(Exception):
    """The gateway did not take the message. `permanent`: another try will not help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Sms:
    message_id: str  # the same on every attempt, so the gateway can drop a duplicate
    to: str
    text: str


class BaseBackend:
    def send(self, sms: Sms) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, sms: Sms) -> None:
        logger.info("SMS %s to %s: %s", sms.message_id, sms.to, sms.text)


class LocmemBackend(BaseBackend):
    outbox: ClassVar[list[Sms]] = []
    # Tests set this to make the next sends fail (then clear it).
    failing: ClassVar[SmsError | None] = None

    def send(self, sms: Sms) -> None:
        if LocmemBackend.failing is not None:
            raise LocmemBackend.failing
        LocmemBackend.outbox.append(sms)


class HttpBackend(BaseBackend):
    def __init__(self) -> None:
        self.url = getattr(settings, "CHUAN_SMS_URL", "")
        self.token = getattr(settings, "CHUAN_SMS_TOKEN", "")
        self.sender = getattr(settings, "CHUAN_SMS_SENDER", "")
        self.timeout = float(getattr(settings, "CHUAN_SMS_TIMEOUT", 10))

    def send(self, sms: Sms) -> None:
        if not self.url:
            raise SmsError("CHUAN_SMS_URL is not set", permanent=True)
        body = json.dumps(
            {"id": sms.message_id, "to": sms.to, "text": sms.text, "sender": self.sender}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": sms.message_id,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read(4096)
        except urllib.error.HTTPError as error:
            permanent = 400 <= error.code < 500 and error.code not in (408, 429)
            raise SmsError(f"HTTP {error.code}", permanent=permanent) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"{type(error).__name__}: {error}") from error


def get_backend() -> BaseBackend:
    path = getattr(settings, "CHUAN_SMS_BACKEND", "chuan.notifications.sms.ConsoleBackend")
    backend: Any = import_string(path)
    return backend()
