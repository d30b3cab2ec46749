"""UI text: both languages complete, and text from data made inert for markdown."""

from __future__ import annotations

import re
from pathlib import Path

from ui.i18n import STRINGS
from ui.widgets import md

ROOT = Path(__file__).resolve().parents[2]


def test_every_string_has_both_languages_and_the_same_placeholders() -> None:
    for key, (en, nl) in STRINGS.items():
        assert en.strip() and nl.strip(), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", nl)), key


def test_every_literal_key_used_by_the_pages_exists() -> None:
    sources = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]
    used = {key for path in sources
            for key in re.findall(r"\bt\([\"']([a-z_0-9]+)[\"']", path.read_text())}
    assert used
    assert used <= set(STRINGS), sorted(used - set(STRINGS))


def test_md_escapes_every_markdown_construct() -> None:
    text = "**bold** [link](http://x.org) ![img](y.png) <b>html</b> :red[colour] $x$ # h"
    escaped = md(text)
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == text
    for construct in ("**", "](", "![", "<b>", ":red[", "$x$"):
        assert construct not in escaped


def test_md_breaks_bare_urls_and_addresses_that_markdown_would_link() -> None:
    # GitHub-flavoured Markdown links http://..., www. names and e-mail addresses even when escaped
    escaped = md("see http://evil.example, www.evil.example or boss@evil.example")
    for pattern in ("http:", "www.", "boss@", "evil.example"):
        assert pattern not in escaped.replace("\\", "")
