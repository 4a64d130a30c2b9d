"""The SMS gateways: Alibaba Cloud's RPC signature against the worked example in its
documentation, the SendSms adapter against a fake provider on loopback that checks the
signature as Alibaba does, the provider down, and the file sink."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from pos_member.headoffice.sms import (
    AliyunSms,
    FileSink,
    Sms,
    SmsUnavailable,
    canonical_query,
    percent_encode,
    rpc_signature,
    string_to_sign,
)

SECRET = "fake-secret-for-tests"


def test_the_documented_worked_example() -> None:
    """Alibaba's signature page: DescribeRegions, AccessKey testid / testsecret."""
    params = {
        "TimeStamp": "2016-02-23T12:46:24Z", "Format": "XML", "AccessKeyId": "testid",
        "Action": "DescribeRegions", "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "Version": "2014-05-26",
        "SignatureVersion": "1.0",
    }  # fmt: skip
    # The page prints the string to sign; the "&" between the parameters is itself
    # percent-encoded (%26): the whole canonical query is encoded a second time.
    assert string_to_sign(params) == (
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
        "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
        "%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z"
        "%26Version%3D2014-05-26"
    )
    assert rpc_signature(params, "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


def test_percent_encoding_is_rfc3986() -> None:
    assert percent_encode("a b*~") == "a%20b%2A~"
    assert percent_encode("阿") == "%E9%98%BF"
    assert percent_encode('{"code":"1"}') == "%7B%22code%22%3A%221%22%7D"


class _Provider(BaseHTTPRequestHandler):
    """Checks each request's signature as the provider would (recomputed from the other
    parameters with the secret it knows) and keeps what it accepted."""

    accepted: ClassVar[list[dict[str, str]]] = []
    down = False

    def do_GET(self) -> None:
        if _Provider.down:
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"{}")
            return
        query = urlsplit(self.path).query
        params = dict(parse_qsl(query, keep_blank_values=True))
        sig = params.pop("Signature", "")
        # The provider's own computation, written out here independently.
        canon = "&".join(
            f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(params.items())
        )
        to_sign = "GET&%2F&" + quote(canon, safe="-_.~")
        want = base64.b64encode(
            hmac.new((SECRET + "&").encode(), to_sign.encode(), hashlib.sha1).digest()
        ).decode()
        if sig != want:
            body = {"Code": "SignatureDoesNotMatch"}
        else:
            _Provider.accepted.append(params)
            body = {"Code": "OK", "BizId": f"biz{len(_Provider.accepted)}", "RequestId": "r"}
        out = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *_args: Any) -> None:
        return


@pytest.fixture
def provider() -> Iterator[str]:
    _Provider.accepted = []
    _Provider.down = False
    server = HTTPServer(("127.0.0.1", 0), _Provider)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _adapter(endpoint: str, secret: str = SECRET) -> AliyunSms:
    return AliyunSms("key-id", secret, "测试门店", {"login_code": "SMS_1000001"},
                     endpoint=endpoint, timeout_s=3)  # fmt: skip


def test_send_sms_is_signed_as_the_provider_checks(provider: str) -> None:
    biz = _adapter(provider).send(Sms("13800000001", "login_code", {"code": "123456"}, "x"))
    assert biz == "biz1"
    got = _Provider.accepted[0]
    assert got["Action"] == "SendSms" and got["Version"] == "2017-05-25"
    assert got["PhoneNumbers"] == "13800000001" and got["SignName"] == "测试门店"
    assert json.loads(got["TemplateParam"]) == {"code": "123456"}
    assert got["SignatureMethod"] == "HMAC-SHA1" and got["SignatureVersion"] == "1.0"


def test_a_wrong_secret_is_refused_by_the_provider(provider: str) -> None:
    with pytest.raises(SmsUnavailable, match="SignatureDoesNotMatch"):
        _adapter(provider, "other").send(Sms("13800000001", "login_code", {"code": "1"}, "x"))
    assert _Provider.accepted == []


def test_provider_down_raises_unavailable(provider: str) -> None:
    _Provider.down = True
    with pytest.raises(SmsUnavailable):
        _adapter(provider).send(Sms("13800000001", "login_code", {"code": "1"}, "x"))


def test_provider_unreachable_raises_unavailable() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(SmsUnavailable, match="unreachable"):
        _adapter(f"http://127.0.0.1:{port}/").send(Sms("13800000001", "login_code", {}, "x"))


def test_request_params_sign_the_canonical_query() -> None:
    a = _adapter("http://127.0.0.1:1/")
    p = a.request_params(Sms("13800000001", "login_code", {"code": "1"}, "x"), "n-1",
                         "2026-12-03T00:00:00Z")  # fmt: skip
    sig = p.pop("Signature")
    assert sig == rpc_signature(p, SECRET)
    assert canonical_query(p).startswith("AccessKeyId=key-id&Action=SendSms&Format=JSON")


def test_file_sink_appends_json_lines(tmp_path: Path) -> None:
    sink = FileSink(tmp_path / "s.jsonl")
    sink.send(Sms("13800000001", "balance", {"sv": "1.00"}, "余额"))
    sink.send(Sms("13800000002", "balance", {"sv": "2.00"}, "余额"))
    got = sink.messages()
    assert [g["phone"] for g in got] == ["13800000001", "13800000002"]
    assert got[0]["text"] == "余额"
    sink.down = True
    with pytest.raises(SmsUnavailable):
        sink.send(Sms("13800000003", "balance", {}, "x"))
    assert len(sink.messages()) == 2
