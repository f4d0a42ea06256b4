"""One-time codes against RFC 6238's own test vectors, and the rules around them."""

import base64

import pytest

from chuan.accounts import totp

# RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890", 8-digit codes.
SEED = base64.b32encode(b"12345678901234567890").decode()
VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("unix_time", "expected"), VECTORS)
def test_rfc_6238_vectors(unix_time, expected):
    assert totp.code_at(SEED, totp.step_of(unix_time), digits=8) == expected
    assert totp.code_at(SEED, totp.step_of(unix_time)) == expected[-6:]


def test_a_code_is_accepted_within_one_step_and_only_once():
    now = 1_764_460_800.0  # 30/11/2025 00:00 UTC
    step = totp.step_of(now)
    code = totp.code_at(SEED, step)
    assert totp.matching_step(SEED, code, now) == step
    assert totp.matching_step(SEED, f"{code[:3]} {code[3:]}", now + 30) == step  # spaces
    assert totp.matching_step(SEED, code, now + 90) is None  # too late
    assert totp.matching_step(SEED, code, now, after=step) is None  # already used
    assert totp.matching_step(SEED, "12345", now) is None
    assert totp.matching_step(SEED, "abcdef", now) is None


def test_secrets_are_random_and_the_uri_is_what_apps_read():
    first, second = totp.new_secret(), totp.new_secret()
    assert first != second and len(base64.b32decode(first)) == 20
    uri = totp.provisioning_uri(first, "leader", "Chuẩn")
    assert uri.startswith("otpauth://totp/Chu%E1%BA%A9n%3Aleader?secret=")
    assert f"secret={first}" in uri and "issuer=Chu%E1%BA%A9n" in uri
