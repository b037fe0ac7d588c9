"""HQ's own certificate authority and server certificate, for a site without one, and the pin
an office checks on every connection (the SHA-256 of the server key's SubjectPublicKeyInfo, so a
renewed certificate on the same key keeps working)."""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ..export.files import write_whole


def spki_pin(cert: bytes) -> str:
    """The pin of a certificate (PEM or DER): SHA-256 of its public key info, hex."""
    loaded = x509.load_pem_x509_certificate(cert) if cert.lstrip().startswith(b"-----") else \
        x509.load_der_x509_certificate(cert)
    spki = loaded.public_key().public_bytes(serialization.Encoding.DER,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def make_server_certificate(out_dir: Path, host: str, days: int = 825) -> dict[str, Path]:
    """Write ``ca.crt``/``ca.key`` (HQ's private CA, ten years) and ``server.crt``/``server.key``
    (for ``host``, a name or an IP address) into ``out_dir``; returns the paths by name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "APA Desktop HQ private CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
          .not_valid_after(now + datetime.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    try:
        alt: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        alt = x509.DNSName(host)
    key = ec.generate_private_key(ec.SECP256R1())
    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])).issuer_name(ca_name)
              .public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(minutes=5))
              .not_valid_after(now + datetime.timedelta(days=days))
              .add_extension(x509.SubjectAlternativeName([alt]), critical=False)
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    private = dict(encoding=pem, format=serialization.PrivateFormat.PKCS8,
                   encryption_algorithm=serialization.NoEncryption())
    paths = {name: out_dir / name for name in ("ca.crt", "ca.key", "server.crt", "server.key")}
    write_whole(paths["ca.crt"], ca.public_bytes(pem))
    write_whole(paths["ca.key"], ca_key.private_bytes(**private), private=True)
    write_whole(paths["server.crt"], server.public_bytes(pem))
    write_whole(paths["server.key"], key.private_bytes(**private), private=True)
    return paths
