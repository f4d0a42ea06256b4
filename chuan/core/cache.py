"""The shared cache's database backend, with a counter every worker can trust.

Rate limits must be counted once for the whole installation, not per gunicorn worker, and
survive a restart: the default cache is therefore the database (`createcachetable`), or
Redis when `CHUAN_REDIS_URL` is set. Django's database cache increments by reading and
writing back, which lets two workers count the same hit once and resets the entry's expiry
to the cache's default; here an increment happens under a lock (the database's write lock on
SQLite, an advisory lock on PostgreSQL) and keeps the expiry the entry had.
"""

import zlib
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils import timezone


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            # SQLite runs every transaction IMMEDIATE (settings), which takes the write lock
            # at its start; PostgreSQL needs a lock of its own, held until the commit.
            if connection.vendor == "postgresql":
                full_key = self.make_and_validate_key(key, version=version)
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(full_key.encode())]
                    )
            value = self.get(key, version=version)
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            new_value: int = value + delta
            self.set(key, new_value, timeout=self._seconds_left(key, version), version=version)
        return new_value

    def _seconds_left(self, key: Any, version: int | None) -> float:
        full_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_read(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s", [full_key])  # noqa: S608 - the table name is ours, quoted
            row = cursor.fetchone()
        if row is None:
            return 1
        expires = row[0]
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(
            expression
        ) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return max(1.0, (expires - timezone.now()).total_seconds())
