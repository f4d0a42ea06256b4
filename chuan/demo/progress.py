"""What the demo loader tells the person waiting for the first `make run`: each stage as it
starts and what it created, with the time since the start, so that a long first start is
never a silent one. Also the one shortcut the loader takes with passwords."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Progress:
    """A writer (like a management command's `stdout`) that stamps every line with the
    seconds since the load started and flushes at once: `make run` pipes the output, and a
    buffered line printed a minute late is as good as none."""

    def __init__(self, stdout: Any = None) -> None:
        self.stdout = stdout
        self.started = time.perf_counter()
        self.cpu_started = time.process_time()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def cpu(self) -> float:
        """Processor time used so far (user + system of this process): on a machine shared
        with others the wall time says little about the loader itself."""
        return time.process_time() - self.cpu_started

    def write(self, message: str, /) -> None:
        if self.stdout is None:
            return
        for line in message.strip().splitlines():
            self.stdout.write(f"[{self.elapsed():6.1f} s] {line}")
        flush = getattr(self.stdout, "flush", None)
        if flush is not None:
            flush()


@contextmanager
def one_hash_per_password() -> Iterator[None]:
    """While the demo loads, hash each password once and reuse the result.

    The demo's two dozen accounts share one published password, and a PBKDF2 hash costs about
    a quarter of a second of processor time by design: hashing it for every account was a
    tenth of the whole first start. Every account still gets a full-strength hash that
    signs in with the password; only the salt is shared, which protects nothing here since
    the password is printed in the README. Django's own functions are put back on leaving."""
    from django.contrib.auth import base_user, hashers
    from django.contrib.auth import models as auth_models

    original = hashers.make_password
    hashed: dict[str, str] = {}

    def make_password(
        password: str | None, salt: str | None = None, hasher: str = "default"
    ) -> str:
        if password is None or salt is not None or hasher != "default":
            return original(password, salt, hasher)
        if password not in hashed:
            hashed[password] = original(password)
        return hashed[password]

    # Both places Django calls it from: set_password and UserManager.create_user.
    modules: list[Any] = [base_user, auth_models]
    for module in modules:
        module.make_password = make_password
    try:
        yield
    finally:
        for module in modules:
            module.make_password = original
