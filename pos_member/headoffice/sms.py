"""Sending SMS from head office: one small gateway interface, two adapters.

- ``FileSink`` appends each message as one JSON line to a file (the demo store; the
  tests read it).
- ``AliyunSms`` calls Alibaba Cloud's ``dysmsapi`` ``SendSms`` over HTTPS GET, signed
  as Alibaba documents its RPC signature: the parameters sorted by name, each name and
  value percent-encoded by RFC 3986 (space as %20, ``~`` kept), joined into the
  canonical query; the string to sign is ``GET&%2F&`` + that query percent-encoded
  again; the signature is Base64(HMAC-SHA1(AccessKeySecret + "&", string to sign)).

A gateway raises ``SmsUnavailable`` when the message was not accepted (provider down,
refused, timed out): the caller keeps what it had (the sign-in code is unused, the
notification waits and retries).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import httpx

TESTED_IN = "tests/headoffice/member/test_member_sms.py"


class SmsUnavailable(Exception):
    """The provider did not take the message; nothing was sent."""


@dataclass(frozen=True, slots=True)
class Sms:
    """One message: a template (``login_code``, ``balance``, ...) and its parameters."""

    phone: str
    template: str
    params: dict[str, str]
    text: str


class SmsGateway(Protocol):
    def send(self, message: Sms) -> str:
        """Send ``message``; the provider's id for it. Raises ``SmsUnavailable``."""
        ...


class FileSink:
    """Each message appended to ``path`` as one JSON line (never raises unless told to)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.down = False  # the tests' switch: behave as a provider that is down
        self._lock = threading.Lock()

    def send(self, message: Sms) -> str:
        if self.down:
            raise SmsUnavailable("the SMS sink is switched off")
        mid = uuid.uuid4().hex
        line = json.dumps(
            {"id": mid, "phone": message.phone, "template": message.template,
             "params": message.params, "text": message.text,
             "at": datetime.now(UTC).isoformat()},
            ensure_ascii=False,
        )  # fmt: skip
        with self._lock, self.path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
        return mid

    def messages(self) -> list[dict[str, object]]:
        if not self.path.exists():
            return []
        return [json.loads(x) for x in self.path.read_text("utf-8").splitlines() if x.strip()]


def percent_encode(value: str) -> str:
    """RFC 3986 percent-encoding as Alibaba's signature wants it (only A-Z a-z 0-9 - _ . ~
    kept; UTF-8 bytes as %XY)."""
    return quote(value, safe="-_.~", encoding="utf-8")


def canonical_query(params: dict[str, str]) -> str:
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def string_to_sign(params: dict[str, str], method: str = "GET") -> str:
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def rpc_signature(params: dict[str, str], secret: str, method: str = "GET") -> str:
    """Alibaba Cloud's RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0)."""
    digest = hmac.new(
        (secret + "&").encode(), string_to_sign(params, method).encode("utf-8"), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode("ascii")


@dataclass
class AliyunSms:
    """Alibaba Cloud SMS (``dysmsapi`` 2017-05-25 ``SendSms``)."""

    access_key_id: str
    access_key_secret: str
    sign_name: str
    #: Our template name -> the provider's approved template code (SMS_...).
    templates: dict[str, str]
    endpoint: str = "https://dysmsapi.aliyuncs.com/"
    region: str = "cn-hangzhou"
    timeout_s: float = 5.0

    def request_params(self, message: Sms, nonce: str, timestamp: str) -> dict[str, str]:
        params = {
            "AccessKeyId": self.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.phone,
            "RegionId": self.region,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "TemplateCode": self.templates[message.template],
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": timestamp,
            "Version": "2017-05-25",
        }
        params["Signature"] = rpc_signature(params, self.access_key_secret)
        return params

    def send(self, message: Sms) -> str:
        if message.template not in self.templates:
            raise SmsUnavailable(f"no provider template for {message.template}")
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        params = self.request_params(message, str(uuid.uuid4()), now)
        url = f"{self.endpoint}?{canonical_query(params)}"
        try:
            r = httpx.get(url, timeout=self.timeout_s)
            body = r.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SmsUnavailable(f"SMS provider unreachable: {type(exc).__name__}") from None
        if r.status_code != 200 or body.get("Code") != "OK":
            raise SmsUnavailable(f"SMS provider refused: {str(body.get('Code'))[:60]}")
        return str(body.get("BizId") or body.get("RequestId") or "")
