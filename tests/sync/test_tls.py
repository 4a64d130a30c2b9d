"""Head office over HTTPS (uvicorn's --ssl-certfile/--ssl-keyfile), verified by the till."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pos_member.domain.errors import HeadOfficeUnreachable
from pos_member.headoffice import cli as hq_cli
from pos_member.headoffice.testing import free_port
from pos_member.settings import SyncSettings
from pos_member.store.db import Store
from pos_member.sync.client import SyncClient, enrol_terminal

pytestmark = pytest.mark.integration


def _pem_cert(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_ca_and_server(tmp: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pos-member test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = tmp / "ca.pem", tmp / "hq.pem", tmp / "hq.key"
    ca_file.write_bytes(_pem_cert(ca))
    cert_file.write_bytes(_pem_cert(cert))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_file, cert_file, key_file


def test_a_till_enrols_and_syncs_over_https_and_refuses_an_unknown_certificate(
    tmp_path: Path, capsys
) -> None:
    ca_file, cert_file, key_file = make_ca_and_server(tmp_path)
    url = f"sqlite:///{tmp_path / 'hq.db'}"
    assert hq_cli.main(["demo-seed", "--db", url, "--members", "20", "--products", "5"]) == 0
    assert hq_cli.main(["enrol-terminal", "--db", url, "--store", "S001", "--terminal", "T01"]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_member.headoffice.cli", "serve", "--db", url, "--port",
         str(port), "--ssl-certfile", str(cert_file), "--ssl-keyfile", str(key_file)],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"https://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                ctx = ssl.create_default_context(cafile=str(ca_file))
                if httpx.get(f"{base}/api/v1/health", verify=ctx, timeout=1).is_success:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        store = Store.open(tmp_path / "till.db")
        try:
            # Without head office's CA the till refuses the connection: nothing is sent.
            with pytest.raises(HeadOfficeUnreachable):
                enrol_terminal(store, base, code, "T01", settings=SyncSettings())
            settings = SyncSettings(ca_file=ca_file)
            enrol_terminal(store, base, code, "T01", settings=settings)
            client = SyncClient(store, settings)
            report = client.run_round()
            client.close()
            assert report.pulled > 20
        finally:
            store.close()
    finally:
        proc.terminate()
        proc.wait(10)
