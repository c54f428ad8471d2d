"""The fast paths of /transactions/sync rendering give the same JSON as the plain ones."""

from __future__ import annotations

import json

import pytest

from plaid_emulator import ids, jsontext
from plaid_emulator.ledger import base_totals
from tests.emulator.test_ledger import ANCHOR, live_keys, mutated_ledger


@pytest.mark.parametrize("original", [False, True])
def test_render_json_is_the_rendered_dict_as_json(original: bool) -> None:
    ledger = mutated_ledger(1500)
    keys = live_keys(ledger)
    assert any(ledger.rendering(k).pending for k in keys)
    for key in keys:
        text = ledger.render_json(key, include_original_description=original)
        rendered = ledger.render(key, include_original_description=original)
        assert text == json.dumps(rendered, separators=(",", ":"))


def test_kept_cores_are_the_generated_ones() -> None:
    ledger = mutated_ledger(1500)
    slow = [ledger.render(k) for k in live_keys(ledger)]
    ledger.base_cores = base_totals(ledger.seed, ledger.base_count, ANCHOR).cores
    assert [ledger.render(k) for k in live_keys(ledger)] == slow


def test_raw_json_is_embedded_as_is() -> None:
    items = [{"a": 1.5, "b": None}, {"c": "\u00e9"}]
    content = {"added": jsontext.RawJSON(json.dumps(items)), "n": 2, "s": "\ud800"}
    assert json.loads(jsontext.encode(content)) == {"added": items, "n": 2, "s": "\ud800"}
    assert jsontext.encode({"s": "\ud800"}) == b'{"s":"\\ud800"}'


def test_base62_pairs_match_digit_by_digit() -> None:
    number = int.from_bytes(bytes(range(32)), "big")
    digits = []
    for _ in range(37):
        number, digit = divmod(number, 62)
        digits.append(ids._ALPHABET[digit])
    assert ids._base62(bytes(range(32)), 37) == "".join(digits)
