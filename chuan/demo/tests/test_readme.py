from pathlib import Path

from chuan.demo.gialai import DEMO_ACCOUNTS, DEMO_PASSWORD

README = Path(__file__).resolve().parents[3] / "README.md"


def test_readme_lists_every_demo_account_and_the_password():
    text = README.read_text(encoding="utf-8")
    for account in DEMO_ACCOUNTS:
        assert f"`{account.username}`" in text, account.username
    assert DEMO_PASSWORD in text
    assert "make run" in text and "make test" in text
