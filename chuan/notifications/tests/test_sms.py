"""SMS to citizens: the text as gateways take it, the HTTP gateway adapter against a local
gateway simulator (accepts, fails, times out, refuses for good), and the SMS outbox's
retries."""

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from django.utils import timezone

import pytest

from chuan.notifications.choices import MailState
from chuan.notifications.models import OutgoingSms
from chuan.notifications.services.sms_outbox import sms_enqueue, sms_send_pending
from chuan.notifications.sms import HttpBackend, LocmemBackend, Sms, SmsError, sms_text


class Gateway:
    """A local SMS gateway: answers each POST with the next status of `script` (then 200),
    checking the token and the body's fields; `hang` makes it wait past the timeout."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.script: list[int] = []
        self.hang = False
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if gateway.hang:
                    threading.Event().wait(1.5)
                ok = (
                    self.headers["Authorization"] == "Bearer secret"
                    and set(body) == {"id", "to", "text", "sender"}
                    and len(body["text"]) <= 160
                    and body["text"].isascii()
                )
                status = gateway.script.pop(0) if gateway.script else (200 if ok else 400)
                if status == 200:
                    gateway.received.append(body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"status": "ok"}')
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings: Any) -> Iterator[Gateway]:
    server = Gateway()
    settings.CHUAN_SMS_BACKEND = "chuan.notifications.sms.HttpBackend"
    settings.CHUAN_SMS_URL = server.url
    settings.CHUAN_SMS_TOKEN = "secret"
    settings.CHUAN_SMS_SENDER = "UBND-GL"
    settings.CHUAN_SMS_TIMEOUT = 1
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _empty_locmem() -> Iterator[None]:
    LocmemBackend.outbox.clear()
    LocmemBackend.failing = None
    yield
    LocmemBackend.outbox.clear()
    LocmemBackend.failing = None


def test_the_text_is_unaccented_and_fits_one_segment() -> None:
    text = sms_text(
        "Hồ sơ 000.27.01.H21-260302-0001 đã được tiếp nhận tại Ủy ban Đà Nẵng <b>&#50%</b>"
    )
    assert text == "Ho so 000.27.01.H21-260302-0001 da duoc tiep nhan tai Uy ban Da Nang b50/b"
    long = sms_text("Phường Pleiku " * 30)
    assert len(long) <= 160 and long.endswith("...") and long.isascii()


def test_the_http_adapter_against_the_simulator(gateway: Gateway) -> None:
    backend = HttpBackend()
    backend.send(Sms("k1", "0905123456", "Ho so da tiep nhan"))
    assert gateway.received == [
        {"id": "k1", "to": "0905123456", "text": "Ho so da tiep nhan", "sender": "UBND-GL"}
    ]
    gateway.script = [503]
    with pytest.raises(SmsError) as error:
        backend.send(Sms("k2", "0905123456", "x"))
    assert not error.value.permanent
    gateway.script = [400]
    with pytest.raises(SmsError) as error:
        backend.send(Sms("k3", "0905123456", "x"))
    assert error.value.permanent
    gateway.script = [429]
    with pytest.raises(SmsError) as error:
        backend.send(Sms("k4", "0905123456", "x"))
    assert not error.value.permanent
    gateway.hang = True
    with pytest.raises(SmsError) as error:
        backend.send(Sms("k5", "0905123456", "x"))
    assert not error.value.permanent


def test_a_closed_port_is_tried_again(settings: Any, db: Any) -> None:
    settings.CHUAN_SMS_BACKEND = "chuan.notifications.sms.HttpBackend"
    settings.CHUAN_SMS_URL = "http://127.0.0.1:9/sms"
    sms_enqueue(key="a", to_number="0905123456", text="Ho so")
    result = sms_send_pending()
    assert (result.sent, result.retried) == (0, 1)
    assert "SmsError" in OutgoingSms.objects.get().last_error


def test_the_gateway_down_then_back_sends_each_message_once(gateway: Gateway, db: Any) -> None:
    for n in range(3):
        sms_enqueue(key=f"event-{n}", to_number="0905123456", text=f"Hồ sơ số {n}")
    assert sms_enqueue(key="event-0", to_number="0905123456", text="again") is None
    gateway.script = [503, 503, 503]
    now = timezone.now()
    first = sms_send_pending(now=now)
    assert (first.sent, first.retried, first.failed) == (0, 3, 0)
    assert first.next_attempt_at == now + dt.timedelta(minutes=1)
    assert sms_send_pending(now=now).sent == 0  # not due yet
    later = sms_send_pending(now=now + dt.timedelta(minutes=2))
    assert later.sent == 3 and later.next_attempt_at is None
    assert sorted(body["id"] for body in gateway.received) == ["event-0", "event-1", "event-2"]
    assert gateway.received[0]["text"] == "Ho so so 0"
    assert set(OutgoingSms.objects.values_list("state", flat=True)) == {MailState.SENT}


def test_a_refusal_for_good_fails_at_once(db: Any) -> None:
    sms_enqueue(key="bad", to_number="0905123456", text="x")
    LocmemBackend.failing = SmsError("HTTP 400", permanent=True)
    result = sms_send_pending()
    assert (result.failed, result.retried) == (1, 0)
    assert OutgoingSms.objects.get().state == MailState.FAILED


def test_attempts_run_out(settings: Any, db: Any) -> None:
    settings.CHUAN_MAIL_MAX_ATTEMPTS = 2
    sms_enqueue(key="flaky", to_number="0905123457", text="y")
    LocmemBackend.failing = SmsError("HTTP 503")
    now = timezone.now()
    sms_send_pending(now=now)
    assert OutgoingSms.objects.get().state == MailState.PENDING
    sms_send_pending(now=now + dt.timedelta(hours=1))
    flaky = OutgoingSms.objects.get()
    assert (flaky.state, flaky.attempts) == (MailState.FAILED, 2)
    assert "HTTP 503" in flaky.last_error and not LocmemBackend.outbox
