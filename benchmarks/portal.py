"""How fast the portal link takes online dossiers in and drains its outbox, against the local
portal simulator (`chuan.portal.testing.simulator`, a real HTTP server on 127.0.0.1).

Run from the project root:

    .venv/bin/python benchmarks/portal.py                # scratch SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_portal \\
        .venv/bin/python benchmarks/portal.py

With DATABASE_URL the database must be an empty scratch one (create and drop it with psql).
It loads the Gia Lai demo (no dossiers), then:

* inbound: the simulator's feed holds INBOUND online submissions (1,000; one scanned page
  each, 5% malformed, 5% delivered twice); one `submissions_pull` reads them all: dossiers per
  second, each with its file fetched and checked by content;
* outbound: MESSAGES messages (10,000) over DOSSIERS_OUT received dossiers (250) are written
  as the desk's hook writes them; the portal is down for three rounds of the worker, then
  back with FAIL_RATE (2%) of messages failing; `outbox_send` drains it: messages per second, and a
  check that the simulator took each exactly once, in order per dossier.

It prints figures; the outbound check raises if a message is missing, doubled or out of order.
"""

import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-portal-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from chuan.accounts.models import User
    from chuan.demo.loader import load_demo
    from chuan.dossiers.models import DossierEvent
    from chuan.dossiers.services import Applicant, ReceiptData, dossier_receive
    from chuan.portal.client import PortalClient
    from chuan.portal.models import PortalMessage
    from chuan.portal.services import outbox_send, submissions_pull
    from chuan.portal.services.outbox import _message_rows
    from chuan.portal.testing.data import MALFORMATIONS, submission_data
    from chuan.portal.testing.simulator import PortalSimulator
    from chuan.procedures.models import ProcedureVersion

    inbound = int(os.environ.get("INBOUND", "1000"))
    total = int(os.environ.get("MESSAGES", "10000"))
    dossiers_out = int(os.environ.get("DOSSIERS_OUT", "250"))
    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        load_demo(whole_country=False, dossiers=0)
        desk = User.objects.get(username="desk")
        agency = desk.memberships.first().agency
        version = ProcedureVersion.objects.get(procedure__code="1.001193", valid_to__isnull=True)
        with PortalSimulator(token="bench") as portal:  # noqa: S106
            settings.CHUAN_PORTAL_URL = portal.url
            settings.CHUAN_PORTAL_TOKEN = "bench"  # noqa: S105
            # Inbound ------------------------------------------------------------------
            for index in range(inbound):
                change = MALFORMATIONS[index % len(MALFORMATIONS)][1] if index % 20 == 7 else {}
                data = submission_data(
                    portal,
                    code=f"G22-BENCH-{index:06d}",
                    agency_code=agency.code,
                    procedure_code="1.001193",
                    files=1,
                    **change,
                )
                portal.submit(data)
                if index % 20 == 3:
                    portal.submit(data)
            began = time.perf_counter()
            with PortalClient() as client:
                pulled = submissions_pull(client=client, pages=1000)
            seconds = time.perf_counter() - began
            deliveries = pulled.new + pulled.duplicates + pulled.malformed
            print(
                f"inbound: {deliveries} deliveries ({pulled.new} new, {pulled.duplicates} "
                f"duplicates, {pulled.malformed} malformed) in {seconds:.2f} s: "
                f"{pulled.new / seconds:.0f} dossiers/s, {deliveries / seconds:.0f} deliveries/s"
            )
            # Outbound -----------------------------------------------------------------
            settings.CHUAN_PORTAL_URL = ""  # receipts below write nothing themselves
            now = timezone.now()
            dossiers = [
                dossier_receive(
                    agency=agency,
                    data=ReceiptData(
                        version=version,
                        channel=1,
                        applicant=Applicant(
                            name="Nguyễn Văn An", id_number="064095000123", phone="0905123456"
                        ),
                    ),
                    actor=desk,
                    at=now - datetime.timedelta(seconds=dossiers_out - index),
                )
                for index in range(dossiers_out)
            ]
            settings.CHUAN_PORTAL_URL = portal.url
            per = max(1, total // dossiers_out)
            events = DossierEvent.objects.bulk_create(
                DossierEvent(dossier=d, kind="extended", at=now, reason=str(n))
                for d in dossiers
                for n in range(per)
            )
            by_id = {d.pk: d for d in dossiers}
            rows = []
            for event in events:
                event.dossier = by_id[event.dossier_id]
                rows.append(_message_rows(event.dossier, event))
            PortalMessage.objects.bulk_create(rows, batch_size=2000)
            count = len(rows)
            with PortalClient() as client:
                portal.state.down = True
                moment = timezone.now()
                for _ in range(3):
                    outbox_send(now=moment, client=client)
                    moment += datetime.timedelta(minutes=5)
                portal.state.down = False
                portal.state.fail_rate = float(os.environ.get("FAIL_RATE", "0.02"))
                began = time.perf_counter()
                moment += datetime.timedelta(hours=2)
                while True:
                    result = outbox_send(now=moment, client=client)
                    if result.next_attempt_at is None:
                        break
                    moment = max(moment, result.next_attempt_at) + datetime.timedelta(seconds=1)
                seconds = time.perf_counter() - began
            delivered = portal.delivered()
            ids = list(PortalMessage.objects.order_by("id").values_list("message_id", "dossier_id"))
            expected: dict[int, list[str]] = {}
            for message_id, dossier_id in ids:
                expected.setdefault(dossier_id, []).append(message_id)
            assert len(delivered) == count, (len(delivered), count)
            for dossier in dossiers:
                assert portal.order_of(dossier.code) == expected[dossier.pk], dossier.code
            print(
                f"outbound: {count} messages over {dossiers_out} dossiers, portal down for 3 "
                f"rounds then {portal.state.fail_rate:.0%} failing: drained in {seconds:.2f} s, "
                f"{count / seconds:.0f} messages/s; {portal.state.duplicates} retries recognised "
                "as duplicates; "
                "each delivered once, in order per dossier"
            )
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
