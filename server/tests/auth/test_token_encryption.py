"""Plaid access tokens are stored encrypted, never as plaintext."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from pattern.app.factory import PatternApp
from pattern.kit.crypto import TokenCipher
from pattern.models import Item, User


async def test_a_stored_access_token_is_not_the_plaintext(app: PatternApp) -> None:
    plaintext = "access-sandbox-0a1b2c3d-4e5f-6789-abcd-ef0123456789"
    cipher = app.parts.cipher
    async with app.parts.sessionmaker() as session:
        user = User(username="alice", password_hash="x")
        session.add(user)
        await session.flush()
        session.add(
            Item(
                user_id=user.id,
                plaid_access_token_encrypted=cipher.encrypt(plaintext),
                plaid_item_id="item-1",
                plaid_institution_id="ins_109508",
            )
        )
        await session.commit()
        raw = (await session.execute(text("SELECT * FROM items"))).mappings().one()
        assert plaintext not in {str(value) for value in raw.values()}
        stored = await session.scalar(select(Item.plaid_access_token_encrypted))
    assert stored is not None
    assert cipher.decrypt(stored) == plaintext
    with pytest.raises(ValueError, match="cannot be decrypted"):
        TokenCipher(Fernet.generate_key().decode()).decrypt(stored)
