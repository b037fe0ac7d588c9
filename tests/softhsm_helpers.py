"""A SoftHSM2 token holding an EC signing key and its certificate, for the PKCS#11 tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

LIBRARIES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")


@dataclass(frozen=True)
class Token:
    lib: str
    label: str
    key_label: str
    pin: str
    cert_pem: bytes


def make_token(tmp_path: Path, common_name: str = "টোকেন") -> Token:
    """Initialise a token "apa" (PIN 1234) in ``tmp_path`` with key and certificate "head";
    skips the test where SoftHSM2 is not installed. SoftHSM2 reads its configuration once per
    process, so the tests share one token (the ``softhsm_token`` fixture) and SOFTHSM2_CONF
    stays set for the rest of the run."""
    lib = next((p for p in LIBRARIES if os.path.exists(p)), None)
    if lib is None or shutil.which("softhsm2-util") is None:
        pytest.skip("SoftHSM2 is not installed")
    import pkcs11
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_der_public_key
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "apa", "--so-pin", "5678",
                    "--pin", "1234"], check=True, capture_output=True)
    token = pkcs11.lib(lib).get_token(token_label="apa")
    with token.open(rw=True, user_pin="1234") as session:
        params = session.create_domain_parameters(
            pkcs11.KeyType.EC, {pkcs11.Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True)
        public, _ = params.generate_keypair(store=True, label="head", id=b"\x01")
        # A certificate for the token key, issued by a throw-away CA made here.
        token_public = load_der_public_key(encode_ec_public_key(public))
        ca_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, common_name)])
        now = dt.datetime.now(dt.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(token_public).serial_number(7)
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                .sign(ca_key, hashes.SHA256()))
        session.create_object({
            pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
            pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
            pkcs11.Attribute.LABEL: "head", pkcs11.Attribute.ID: b"\x01", pkcs11.Attribute.TOKEN: True,
            pkcs11.Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            pkcs11.Attribute.SUBJECT: name.public_bytes(),
        })
    return Token(lib, "apa", "head", "1234", cert.public_bytes(serialization.Encoding.PEM))
