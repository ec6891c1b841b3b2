"""SSH public keys and SSH signatures (OpenSSH ``PROTOCOL.sshsig``), verified in-process.

Git signs a commit with ``gpg.format=ssh`` by running ``ssh-keygen -Y sign -n git`` over the
commit object without its ``gpgsig`` header. Verifying that with ``git log --format=%G?`` runs
``ssh-keygen`` twice per commit (≈ 60 ms each on this machine: 10 minutes for 10,000 articles),
so the check verifies the same bytes here with ``cryptography``; the tests prove that this
verdict agrees with ``git verify-commit`` on commits signed by the real ``ssh-keygen``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

#: Key types whose signatures this module verifies (FIDO ``sk-`` keys are not supported yet).
KEY_TYPES = (
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "ssh-rsa",
)
_ECDSA_HASH: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "ecdsa-sha2-nistp256": hashes.SHA256,
    "ecdsa-sha2-nistp384": hashes.SHA384,
    "ecdsa-sha2-nistp521": hashes.SHA512,
}
_RSA_HASH: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "rsa-sha2-256": hashes.SHA256,
    "rsa-sha2-512": hashes.SHA512,
}
_MESSAGE_HASH = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
_MAGIC = b"SSHSIG"
_ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_END = "-----END SSH SIGNATURE-----"


class InvalidKey(ValueError):
    """A public key line cannot be used (the message says why, in English)."""


@dataclass(frozen=True)
class PublicKey:
    type: str
    blob: bytes  # the SSH wire encoding of the key

    @property
    def fingerprint(self) -> str:
        """As ``ssh-keygen -l`` prints it: ``SHA256:`` + unpadded base64."""
        return fingerprint(self.blob)

    @property
    def line(self) -> str:
        return f"{self.type} {base64.b64encode(self.blob).decode('ascii')}"


@dataclass(frozen=True)
class Verdict:
    """What a signature says: ``valid`` only if it verifies; ``fingerprint`` of the key in it."""

    valid: bool
    fingerprint: str | None


def fingerprint(blob: bytes) -> str:
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii")
    return "SHA256:" + digest.rstrip("=")


def parse_public_key(line: str) -> PublicKey:
    """Read ``<type> <base64> [comment]`` (one line of ``id_ed25519.pub``); raise InvalidKey."""
    parts = str(line).split()
    if len(parts) < 2:
        raise InvalidKey("expected '<type> <base64> [comment]'")
    key_type, encoded = parts[0], parts[1]
    if key_type not in KEY_TYPES:
        raise InvalidKey(f"key type {key_type!r} is not supported ({', '.join(KEY_TYPES)})")
    try:
        blob = base64.b64decode(encoded, validate=True)
        inner_type = _Reader(blob).string().decode("ascii")
        serialization.load_ssh_public_key(f"{key_type} {encoded}".encode("ascii"))
    except (binascii.Error, ValueError, UnsupportedAlgorithm, UnicodeDecodeError) as exc:
        raise InvalidKey(f"the key data is not a valid {key_type} key") from exc
    if inner_type != key_type:
        raise InvalidKey(f"the key data is a {inner_type!r} key, the line says {key_type!r}")
    return PublicKey(key_type, blob)


def verify(armored: str, message: bytes, namespace: str = "git") -> Verdict:
    """Check an armored SSH signature over ``message`` in ``namespace``."""
    try:
        reader = _Reader(_dearmor(armored))
        if reader.take(6) != _MAGIC or reader.uint32() != 1:
            return Verdict(False, None)
        key_blob = reader.string()
        found_namespace, reserved, hash_name = reader.string(), reader.string(), reader.string()
        signature = reader.string()
    except ValueError:
        return Verdict(False, None)
    key_print = fingerprint(key_blob)
    if found_namespace != namespace.encode() or hash_name.decode("ascii", "replace") not in (
        _MESSAGE_HASH
    ):
        return Verdict(False, key_print)
    digest = _MESSAGE_HASH[hash_name.decode("ascii")](message).digest()
    signed = _MAGIC + b"".join(_string(x) for x in (found_namespace, reserved, hash_name, digest))
    return Verdict(_check(key_blob, signature, signed), key_print)


@functools.lru_cache(maxsize=256)
def _load_key(key_blob: bytes) -> tuple[str, object]:
    """(type, cryptography key) of a key blob; parsed once per key, not once per commit."""
    key_type = _Reader(key_blob).string().decode("ascii")
    if key_type not in KEY_TYPES:
        raise ValueError(f"unsupported key type {key_type!r}")
    line = key_type.encode() + b" " + base64.b64encode(key_blob)
    return key_type, serialization.load_ssh_public_key(line)


def _check(key_blob: bytes, signature: bytes, signed: bytes) -> bool:
    try:
        key_type, key = _load_key(key_blob)
        reader = _Reader(signature)
        sig_type, sig = reader.string().decode("ascii"), reader.string()
        if isinstance(key, ed25519.Ed25519PublicKey) and sig_type == "ssh-ed25519":
            key.verify(sig, signed)
        elif isinstance(key, rsa.RSAPublicKey) and sig_type in _RSA_HASH:
            key.verify(sig, signed, padding.PKCS1v15(), _RSA_HASH[sig_type]())
        elif isinstance(key, ec.EllipticCurvePublicKey) and sig_type == key_type:
            parts = _Reader(sig)
            der = encode_dss_signature(parts.mpint(), parts.mpint())
            key.verify(der, signed, ec.ECDSA(_ECDSA_HASH[key_type]()))
        else:
            return False
    except (InvalidSignature, ValueError, UnsupportedAlgorithm, UnicodeDecodeError):
        return False
    return True


def _dearmor(armored: str) -> bytes:
    lines = [line.strip() for line in armored.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _ARMOR_BEGIN or lines[-1] != _ARMOR_END:
        raise ValueError("not an armored SSH signature")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error as exc:
        raise ValueError("bad base64") from exc


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


class _Reader:
    """Reads the SSH wire format (RFC 4251): uint32, string, mpint."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.at + size > len(self.data):
            raise ValueError("truncated SSH data")
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk

    def uint32(self) -> int:
        return struct.unpack(">I", self.take(4))[0]

    def string(self) -> bytes:
        return self.take(self.uint32())

    def mpint(self) -> int:
        return int.from_bytes(self.string(), "big", signed=True)
