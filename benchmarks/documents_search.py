"""How fast the document search is over 100,000 documents.

Run from the project root (scratch SQLite by default; with DATABASE_URL an empty scratch
PostgreSQL database):

    .venv/bin/python benchmarks/documents_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_docs \\
        .venv/bin/python benchmarks/documents_search.py

It writes DOCUMENTS documents (100,000 by default) spread over the Gia Lai agencies, each
with a body of about 300 words drawn from the vocabulary of QMS procedures, fills the index
the way `documents.search.index_document` does (in bulk), and times `search_ids` for a few
queries over RUNS runs, as the list of 20 and as the master list (500) asks. It prints
figures and checks nothing.
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 20
VOCABULARY = (
    "quy trình kiểm soát tài liệu hồ sơ đánh giá nội bộ rủi ro cơ hội khắc phục phòng ngừa "
    "xem xét lãnh đạo mục tiêu chất lượng chính sách khách hàng hài lòng thủ tục hành chính "
    "tiếp nhận trả kết quả hộ tịch khai sinh kết hôn chứng thực đất đai xây dựng giấy phép "
    "biểu mẫu hướng dẫn công việc phân công trách nhiệm thời hạn giải quyết phê duyệt ban hành "
    "sửa đổi bổ sung thay thế lưu trữ bảo quản hủy bỏ theo dõi đo lường phân tích cải tiến"
)
WORDS = VOCABULARY.split()
QUERIES = (
    "danh gia noi bo",
    "khai sinh",
    "quy trinh kiem soat tai lieu",
    "giay phep xay dung",
    "zzz",
)


def main() -> None:
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-docs-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from chuan.demo.loader import load_demo
    from chuan.documents.models import ControlledDocument
    from chuan.documents.search import indexed_text, rebuild_index, search_ids
    from chuan.organisations.models import Agency

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        load_demo(whole_country=False, dossiers=0)
        count = int(os.environ.get("DOCUMENTS", "100000"))
        agencies = list(Agency.objects.values_list("pk", flat=True))
        rng = random.Random(2026)
        began = time.perf_counter()
        batch = []
        with transaction.atomic():
            for index in range(count):
                body = " ".join(rng.choice(WORDS) for _ in range(300))
                title = " ".join(rng.choice(WORDS) for _ in range(6))
                batch.append(
                    ControlledDocument(
                        agency_id=agencies[index % len(agencies)],
                        code=f"QT-{index:06d}",
                        title=title,
                        kind="system_procedure",
                        search_text=indexed_text(f"QT-{index:06d} {title}", body),
                    )
                )
                if len(batch) == 5000:
                    ControlledDocument.objects.bulk_create(batch)
                    batch.clear()
            ControlledDocument.objects.bulk_create(batch)
            rebuild_index()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE documents_controlleddocument")
        print(f"wrote and indexed {count:,} documents in {time.perf_counter() - began:.0f} s")
        for limit in (20, 500):
            for query in QUERIES:
                time_search(search_ids, query, limit)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def time_search(search_ids: Callable[..., list[int]], query: str, limit: int) -> None:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        ids = search_ids(query, limit=limit)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    print(
        f"search {query!r} (limit {limit}): {len(ids)} shown, "
        f"median {statistics.median(samples):.1f} ms, p95 {samples[int(RUNS * 0.95) - 1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
