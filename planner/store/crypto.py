"""Encryption at rest for saved plans: a key derived from a passphrase with scrypt, AES-GCM.

Every answer and every name is sealed before it reaches the database, so the database file (and
its journal) holds no readable personal data. A wrong passphrase is refused before anything is
read or written.
"""

from __future__ import annotations

import os

from planner.store.files import StoreError

CHECK = b"support-planner: the passphrase is right"
MIN_PASSPHRASE = 8
"""The shortest passphrase we accept, for the store, a plan or the keyworker."""
NONCE = 12
SCRYPT_N = 2**15
"""scrypt cost: about 0.1 s to derive the key on our machines, once per start."""


class Sealer:
    """Seals and opens stored data; without a key it passes data through unchanged."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key

    @property
    def encrypted(self) -> bool:
        """Whether data is sealed."""
        return self.key is not None

    def seal(self, data: bytes) -> bytes:
        """Data as stored."""
        if self.key is None:
            return data
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE)
        return nonce + AESGCM(self.key).encrypt(nonce, data, None)

    def open(self, stored: bytes) -> bytes:
        """Stored data as it was saved."""
        if self.key is None:
            return stored
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(self.key).decrypt(stored[:NONCE], stored[NONCE:], None)
        except (InvalidTag, ValueError):
            raise StoreError("error.store.wrong_passphrase") from None


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """A 256-bit key from a passphrase."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=8, p=1).derive(passphrase.encode("utf-8"))


def passphrase_check(passphrase: str) -> str:
    """A check value for a passphrase, safe to hand to another process: ``salt:digest``."""
    salt = os.urandom(16)
    return f"{salt.hex()}:{derive_key(passphrase, salt).hex()}"


def passphrase_matches(check: str, passphrase: str) -> bool:
    """Whether ``passphrase`` is the one :func:`passphrase_check` was made from."""
    import hmac

    salt, _, digest = check.partition(":")
    try:
        expected = bytes.fromhex(digest)
        given = derive_key(passphrase, bytes.fromhex(salt))
    except ValueError:
        return False
    return hmac.compare_digest(given, expected)


def check_new_passphrase(chosen: str, again: str) -> str | None:
    """Why a new passphrase cannot be used (a message key), or None when it can: long enough,
    and typed the same twice."""
    if len(chosen) < MIN_PASSPHRASE:
        return "ui.lock_too_short"
    if chosen != again:
        return "ui.lock_not_same"
    return None
