"""Moto-backed fixture for the Rust client's end-to-end tests.

Run as ``target/moto-venv/bin/python tests/moto/harness.py`` (the venv is
filled from ``tests/moto/requirements.txt``). It:

1. starts moto's server in-process on 127.0.0.1 (a free port);
2. starts a small reverse proxy on 127.0.0.1 (another free port) that checks
   the SigV4 signature of every request and forwards it unchanged to moto;
3. creates a fixture with boto3 talking to moto directly: an IAM role, the
   Lambda functions ``my-function`` and ``other-function``, SQS queues, a
   Kinesis stream, a DynamoDB table with a stream, and event source mappings
   with a spread of settings;
4. lists the mappings with boto3 (all, by function name, by event source ARN)
   and prints ONE line of JSON to stdout: the proxy and moto URLs, the
   credentials the proxy knows, and boto3's results in wire form (no
   ResponseMetadata, datetimes as epoch seconds);
5. blocks reading stdin until EOF, then stops its servers and exits 0.
   (Stdin must be a pipe: with /dev/null the harness stops at once.)

With ``--oracle`` it skips steps 3 and 4 and starts, on a third port, the
oracle: boto3 answering for tests that use other generated clients. Each
``POST /`` carries ``{"service", "operation", "params"}`` (botocore's
operation name in snake case, its parameters in wire form); boto3 calls moto
directly and the answer is ``{"result": ...}`` in wire form (blobs as base64)
or ``{"error": {"code", "message", "status"}}``. ``{"signed": true}`` answers
with the signing service, region and ``X-Amz-Target`` of every request the
proxy accepted, so tests can see what the signature covered. The JSON line
then carries the proxy, moto and oracle URLs and the credentials.

Why the proxy: moto does not check SigV4 signatures in a usable way (its
optional IAM auth cannot be used for Lambda's GET requests), so a client
that signs wrongly would pass against moto alone. The proxy recomputes each
signature with botocore's signer (``botocore.auth.SigV4Auth``, and
``S3SigV4Auth`` for S3), the
reference implementation, from what arrived on the wire: method, raw path,
raw query string exactly as sent, the headers named in ``SignedHeaders``,
the request's own ``X-Amz-Date``, and the body. A missing or malformed
``Authorization`` header, an unknown access key, a missing/unsigned/wrong
session token, or a signature that differs gets the 403
``InvalidSignatureException`` answer that AWS gives.

Setup errors go to stderr with a traceback and exit code 1 before the line
is printed. Everything except the one JSON line goes to stderr. Nothing
secret (secret keys, tokens, signatures) is ever logged. Set
``MOTO_HARNESS_VERBOSE=1`` to log each proxied request (method, path,
status) to stderr.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import hmac
import http.client
import http.server
import io
import json
import logging
import os
import re
import sys
import threading
import time
import traceback
import uuid
import zipfile
from typing import Any

# Anything printed during setup (by us or by a library) must not reach the
# stdout the Rust test reads: keep the real stdout for the one JSON line.
_REAL_STDOUT = sys.stdout
sys.stdout = sys.stderr

import boto3  # noqa: E402
from botocore.auth import S3SigV4Auth, SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.compat import HTTPHeaders  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402
from botocore.config import Config  # noqa: E402

REGION = "us-east-1"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_ACCESS_KEY = "ASIATEMPEXAMPLE"
SESSION_SECRET_KEY = "temp-secret"
# Shaped like an STS token (base64 with '/', '+' and '=').
SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE//////////wEaDGhhcm5lc3MtdG9rZW4+c2Vzc2lvbi8xMjM0NTY3ODkw=="

# access key -> (secret key, session token or None)
KNOWN_CREDENTIALS: dict[str, tuple[str, str | None]] = {
    ACCESS_KEY: (SECRET_KEY, None),
    SESSION_ACCESS_KEY: (SESSION_SECRET_KEY, SESSION_TOKEN),
}

VERBOSE = os.environ.get("MOTO_HARNESS_VERBOSE") not in (None, "", "0")

SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided."
)

log = logging.getLogger("moto-harness")


# --------------------------------------------------------------------------
# SigV4 verification with botocore's signer as the reference
# --------------------------------------------------------------------------

_AUTH_RE = re.compile(r"^AWS4-HMAC-SHA256\s+(?P<params>.+)$", re.DOTALL)
_SIGNATURE_RE = re.compile(r"^[0-9a-f]{64}$")
_AMZ_DATE_RE = re.compile(r"^\d{8}T\d{6}Z$")
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


class _WireSigV4Auth(SigV4Auth):
    """botocore's SigV4 signer, signing exactly the headers the client named.

    botocore's own ``headers_to_sign`` takes every header of the request but
    skips a blacklist (user-agent, expect, ...). A server signs what the
    client's ``SignedHeaders`` lists, so this override returns those headers
    (all values of repeated ones) as they arrived. Everything else --
    canonical URI (botocore double-encodes the raw path, as AWS does for
    non-S3 services), canonical query (taken verbatim from the raw URL since
    the request has no ``params``), header value trimming, payload hash,
    string to sign and key derivation -- is botocore's.
    """

    def __init__(self, credentials, service_name, region_name, wire_headers):
        super().__init__(credentials, service_name, region_name)
        self._wire_headers = wire_headers  # list of (lowercase name, value)

    def headers_to_sign(self, request):
        header_map = HTTPHeaders()
        for name, value in self._wire_headers:
            header_map[name] = value  # HTTPHeaders appends repeated names
        return header_map


class _WireS3SigV4Auth(S3SigV4Auth):
    """botocore's S3 signer (the path signed as sent: neither encoded again
    nor normalized), signing exactly the headers the client named."""

    def __init__(self, credentials, service_name, region_name, wire_headers):
        super().__init__(credentials, service_name, region_name)
        self._wire_headers = wire_headers

    headers_to_sign = _WireSigV4Auth.headers_to_sign


class SignatureError(Exception):
    """Why a request's signature was rejected (never contains secrets)."""


def verify_sigv4(
    method: str, raw_target: str, headers: list[tuple[str, str]], body: bytes
) -> tuple[str, str, str]:
    """Check a request's SigV4 signature; return its access key, signing
    service and region, or raise.

    ``raw_target`` is the request target exactly as sent (path and raw query
    string), ``headers`` the request headers in arrival order.
    """
    by_name: dict[str, list[str]] = {}
    for name, value in headers:
        by_name.setdefault(name.lower(), []).append(value)

    auth_values = by_name.get("authorization", [])
    if len(auth_values) != 1:
        raise SignatureError("missing or repeated Authorization header")
    match = _AUTH_RE.match(auth_values[0].strip())
    if not match:
        raise SignatureError("Authorization is not AWS4-HMAC-SHA256")
    params: dict[str, str] = {}
    for part in match.group("params").split(","):
        key, sep, value = part.strip().partition("=")
        if not sep or key in params:
            raise SignatureError("malformed Authorization header")
        params[key] = value.strip()
    if set(params) != {"Credential", "SignedHeaders", "Signature"}:
        raise SignatureError("malformed Authorization header")

    scope = params["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request" or not all(scope):
        raise SignatureError("malformed credential scope")
    access_key, scope_date, region, service, _ = scope
    if access_key not in KNOWN_CREDENTIALS:
        raise SignatureError(f"unknown access key {access_key}")
    secret_key, expected_token = KNOWN_CREDENTIALS[access_key]

    signature = params["Signature"]
    if not _SIGNATURE_RE.match(signature):
        raise SignatureError("malformed signature")

    signed_names = params["SignedHeaders"].split(";")
    if (
        not all(signed_names)
        or signed_names != sorted(signed_names)
        or len(set(signed_names)) != len(signed_names)
        or any(n != n.lower() for n in signed_names)
    ):
        raise SignatureError("malformed SignedHeaders")
    if "host" not in signed_names:
        raise SignatureError("host is not signed")
    missing = [n for n in signed_names if n not in by_name]
    if missing:
        raise SignatureError(f"signed headers missing from the request: {missing}")

    amz_dates = by_name.get("x-amz-date", [])
    if len(amz_dates) != 1 or not _AMZ_DATE_RE.match(amz_dates[0].strip()):
        raise SignatureError("missing or malformed X-Amz-Date")
    timestamp = amz_dates[0].strip()
    if scope_date != timestamp[:8]:
        raise SignatureError("credential scope date differs from X-Amz-Date")

    tokens = by_name.get("x-amz-security-token", [])
    if expected_token is None:
        if tokens:
            raise SignatureError("a session token was sent with long-term credentials")
    else:
        if len(tokens) != 1 or not hmac.compare_digest(
            tokens[0].strip().encode(), expected_token.encode()
        ):
            raise SignatureError("missing or wrong session token")
        if "x-amz-security-token" not in signed_names:
            raise SignatureError("the session token is not signed")

    # botocore trusts X-Amz-Content-SHA256 when present; AWS checks it, and
    # S3 requires it.
    content_sha = by_name.get("x-amz-content-sha256", [])
    if service == "s3" and (not content_sha or "x-amz-content-sha256" not in signed_names):
        raise SignatureError("S3 requests must sign X-Amz-Content-SHA256")
    if content_sha and content_sha[0].strip() != UNSIGNED_PAYLOAD:
        if content_sha[0].strip() != hashlib.sha256(body).hexdigest():
            raise SignatureError("X-Amz-Content-SHA256 does not match the body")

    wire_headers = [
        (name.lower(), value) for name, value in headers if name.lower() in signed_names
    ]
    host = by_name["host"][0].strip()
    # The URL carries the raw request target: with no ``params`` botocore
    # builds the canonical query from the URL's query string verbatim.
    # Of the request's headers botocore's canonical request only reads
    # X-Amz-Content-SHA256 (used instead of hashing the body when present);
    # the signed headers come from ``_WireSigV4Auth.headers_to_sign``.
    request = AWSRequest(
        method=method,
        url=f"http://{host}{raw_target}",
        headers={n: v for n, v in headers if n.lower() != "authorization"},
        data=body,
    )
    request.context["timestamp"] = timestamp
    credentials = Credentials(access_key, secret_key, expected_token)
    auth = _WireS3SigV4Auth if service == "s3" else _WireSigV4Auth
    signer = auth(credentials, service, region, wire_headers)
    canonical_request = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical_request)
    expected = signer.signature(string_to_sign, request)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise SignatureError(f"signature mismatch for access key {access_key}")
    return access_key, service, region


# --------------------------------------------------------------------------
# The reverse proxy
# --------------------------------------------------------------------------

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


# The signing scope and target of every request the proxy accepted, for the
# oracle's ``signed`` question.
SIGNED: list[dict[str, Any]] = []
SIGNED_LOCK = threading.Lock()


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so pooled clients work
    server_version = "moto-sigv4-proxy"
    upstream: tuple[str, int] = ("127.0.0.1", 0)  # set before serving

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if VERBOSE:
            sys.stderr.write(f"[proxy] {format % args}\n")

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _reject(self, reason: str) -> None:
        request_id = str(uuid.uuid4())
        sys.stderr.write(
            f"[proxy] 403 {self.command} {self.path.split('?', 1)[0]}: {reason} "
            f"(request id {request_id})\n"
        )
        body = json.dumps({"message": SIGNATURE_MISMATCH}).encode()
        self.send_response_only(403, "Forbidden")
        self.send_header("x-amzn-RequestId", request_id)
        self.send_header("X-Amzn-Errortype", "InvalidSignatureException")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        body = self._read_body()
        headers = list(self.headers.items())
        try:
            _, service, region = verify_sigv4(self.command, self.path, headers, body)
        except SignatureError as e:
            self._reject(str(e))
            return
        except Exception as e:  # a bug here must not look like a pass
            self._reject(f"cannot verify: {type(e).__name__}")
            traceback.print_exc(file=sys.stderr)
            return

        with SIGNED_LOCK:
            SIGNED.append(
                {"service": service, "region": region, "target": self.headers.get("X-Amz-Target")}
            )

        chunked = "chunked" in (self.headers.get("Transfer-Encoding") or "").lower()
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            conn.putrequest(
                self.command, self.path, skip_host=True, skip_accept_encoding=True
            )
            for name, value in headers:
                lname = name.lower()
                if lname in HOP_BY_HOP or (chunked and lname == "content-length"):
                    continue
                conn.putheader(name, value)
            if chunked:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body if body else None)
            resp = conn.getresponse()
            data = resp.read()
            status, reason, resp_headers = resp.status, resp.reason, resp.getheaders()
        except Exception as e:
            conn.close()
            sys.stderr.write(f"[proxy] cannot reach moto: {e!r}\n")
            self.send_error(502, "cannot reach moto")
            return
        conn.close()

        self.send_response_only(status, reason)
        for name, value in resp_headers:
            lname = name.lower()
            if lname in HOP_BY_HOP or lname == "content-length":
                continue
            self.send_header(name, value)
        no_body = self.command == "HEAD" or status in (204, 304) or status < 200
        if not no_body or self.command == "HEAD":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not no_body:
            self.wfile.write(data)
        self.log_request(status, len(data))

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle


def start_proxy(moto_port: int) -> http.server.ThreadingHTTPServer:
    handler = type("BoundProxyHandler", (ProxyHandler,), {"upstream": ("127.0.0.1", moto_port)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="sigv4-proxy", daemon=True).start()
    return server


# --------------------------------------------------------------------------
# The fixture
# --------------------------------------------------------------------------

HANDLER_SOURCE = b"def handler(event, context):\n    return {'ok': True}\n"

ASSUME_ROLE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("lambda_function.py", HANDLER_SOURCE)
    return buf.getvalue()


def create_fixture(session: boto3.Session, endpoint: str) -> dict[str, Any]:
    def client(name: str):
        return session.client(name, endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))

    iam, awslambda, sqs = client("iam"), client("lambda"), client("sqs")
    kinesis, dynamodb = client("kinesis"), client("dynamodb")

    role_arn = iam.create_role(
        RoleName="lambda-e2e-role",
        AssumeRolePolicyDocument=json.dumps(ASSUME_ROLE_POLICY),
        Path="/service-role/",
    )["Role"]["Arn"]

    code = {"ZipFile": _zip()}
    function_arn = awslambda.create_function(
        FunctionName="my-function",
        Runtime="python3.11",
        Role=role_arn,
        Handler="lambda_function.handler",
        Code=code,
        Description="Target of most mappings",
        Timeout=30,
        MemorySize=128,
    )["FunctionArn"]
    awslambda.create_function(
        FunctionName="other-function",
        Runtime="python3.11",
        Role=role_arn,
        Handler="lambda_function.handler",
        Code=code,
    )

    def queue_arn(name: str, attributes: dict[str, str] | None = None) -> str:
        url = sqs.create_queue(QueueName=name, Attributes=attributes or {})["QueueUrl"]
        return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]

    orders_arn = queue_arn("orders")
    audit_arn = queue_arn("audit")
    failures_arn = queue_arn("failures")  # only an OnFailure destination
    fifo_arn = queue_arn("events.fifo", {"FifoQueue": "true"})

    kinesis.create_stream(StreamName="clicks", ShardCount=1)
    stream_arn = kinesis.describe_stream_summary(StreamName="clicks")[
        "StreamDescriptionSummary"
    ]["StreamARN"]

    table = dynamodb.create_table(
        TableName="accounts",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )["TableDescription"]
    ddb_stream_arn = table["LatestStreamArn"]

    on_failure = {"OnFailure": {"Destination": failures_arn}}
    # What moto (5.2.x) does with these:
    # - It validates only the event source (an existing SQS queue, Kinesis
    #   stream or DynamoDB stream; Kafka, MQ and DocumentDB sources are
    #   rejected: ResourceNotFoundException "Invalid EventSourceArn") and
    #   BatchSize against the source's maximum (10000; 10 for FIFO queues --
    #   over it moto fails with an HTML 500, not a 400).
    # - Every other member is stored and returned as given, without checking
    #   that it makes sense for the source -- except StartingPositionTimestamp,
    #   which it accepts but never returns, and LastProcessingResult, which it
    #   never sets. StartingPosition defaults to TRIM_HORIZON for streams.
    # - State is "Enabled"/"Disabled" at once (never "Creating"),
    #   StateTransitionReason is "User initiated", LastModified whole seconds.
    # - Tags are accepted but are not a member of the listed shape (moto's
    #   raw body has "Tags": {...} in every mapping; boto3 drops it).
    # - Listing ignores MaxItems and Marker: one page, never a NextMarker.
    # - Its FunctionName filter compares against the string given at
    #   creation, so FunctionName is a plain name everywhere here (a mapping
    #   created with an ARN would not be found by name).
    mappings = [
        # SQS, my-function: batching window, filter, scaling, partial batch.
        dict(
            EventSourceArn=orders_arn,
            FunctionName="my-function",
            BatchSize=25,
            MaximumBatchingWindowInSeconds=5,
            FilterCriteria={
                "Filters": [
                    {"Pattern": json.dumps({"body": {"type": ["order"]}})},
                    {"Pattern": json.dumps({"attributes": {"ApproximateReceiveCount": ["1"]}})},
                ]
            },
            ScalingConfig={"MaximumConcurrency": 5},
            FunctionResponseTypes=["ReportBatchItemFailures"],
            MetricsConfig={"Metrics": ["EventCount"]},
        ),
        # SQS, other-function: same queue, disabled, defaults otherwise.
        dict(EventSourceArn=orders_arn, FunctionName="other-function", Enabled=False),
        # SQS, my-function: a second queue, only a batch size.
        dict(EventSourceArn=audit_arn, FunctionName="my-function", BatchSize=100),
        # SQS FIFO, other-function: batch size 10 is the FIFO maximum.
        dict(
            EventSourceArn=fifo_arn,
            FunctionName="other-function",
            BatchSize=10,
            ScalingConfig={"MaximumConcurrency": 2},
        ),
        # Kinesis, my-function: the stream settings.
        dict(
            EventSourceArn=stream_arn,
            FunctionName="my-function",
            StartingPosition="TRIM_HORIZON",
            BatchSize=500,
            MaximumBatchingWindowInSeconds=10,
            ParallelizationFactor=2,
            MaximumRetryAttempts=3,
            MaximumRecordAgeInSeconds=3600,
            BisectBatchOnFunctionError=True,
            TumblingWindowInSeconds=60,
            DestinationConfig=on_failure,
            FunctionResponseTypes=["ReportBatchItemFailures"],
        ),
        # Kinesis, other-function: AT_TIMESTAMP with a timestamp (moto
        # accepts StartingPositionTimestamp but leaves it out of responses).
        dict(
            EventSourceArn=stream_arn,
            FunctionName="other-function",
            StartingPosition="AT_TIMESTAMP",
            StartingPositionTimestamp=datetime.datetime(
                2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc
            ),
            BatchSize=100,
        ),
        # DynamoDB stream, my-function: LATEST, filter, failure destination.
        dict(
            EventSourceArn=ddb_stream_arn,
            FunctionName="my-function",
            StartingPosition="LATEST",
            BatchSize=200,
            MaximumRetryAttempts=-1,
            MaximumRecordAgeInSeconds=-1,
            BisectBatchOnFunctionError=False,
            DestinationConfig=on_failure,
            FilterCriteria={
                "Filters": [{"Pattern": json.dumps({"eventName": ["INSERT", "MODIFY"]})}]
            },
            KMSKeyArn="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            Tags={"team": "e2e"},
        ),
        # SQS, other-function: members meant for Kafka, MQ and DocumentDB
        # sources, which moto cannot create. Real Lambda would refuse them on
        # an SQS mapping; moto stores and returns them, which covers these
        # shapes (nested structures, maps of lists, enums) in the listing.
        dict(
            EventSourceArn=audit_arn,
            FunctionName="other-function",
            BatchSize=10,
            Queues=["orders-mq"],
            Topics=["orders-topic"],
            SourceAccessConfigurations=[
                {
                    "Type": "BASIC_AUTH",
                    "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-creds",
                },
                {"Type": "VPC_SUBNET", "URI": "subnet:subnet-0123456789abcdef0"},
            ],
            SelfManagedEventSource={
                "Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b-1.example.com:9092", "b-2.example.com:9092"]}
            },
            SelfManagedKafkaEventSourceConfig={"ConsumerGroupId": "e2e-self-managed"},
            AmazonManagedKafkaEventSourceConfig={"ConsumerGroupId": "e2e-msk"},
            DocumentDBEventSourceConfig={
                "DatabaseName": "shop",
                "CollectionName": "orders",
                "FullDocument": "UpdateLookup",
            },
            ProvisionedPollerConfig={"MinimumPollers": 1, "MaximumPollers": 3},
        ),
    ]
    for spec in mappings:
        awslambda.create_event_source_mapping(**spec)

    return {
        "function_arn": function_arn,
        "queue_arn": orders_arn,
        "lambda": awslambda,
    }


def to_wire(value: Any) -> Any:
    """boto3's parsed output back to JSON: datetimes as epoch seconds, blobs
    and streaming bodies as base64."""
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if hasattr(value, "read"):  # a streaming body (S3's GetObject)
        return base64.b64encode(value.read()).decode()
    return value


def list_all(awslambda, **kwargs: Any) -> dict[str, Any]:
    """All pages of list_event_source_mappings, as one response."""
    items: list[Any] = []
    marker = None
    for _ in range(1000):
        page = awslambda.list_event_source_mappings(
            **kwargs, **({"Marker": marker} if marker else {})
        )
        items.extend(page.get("EventSourceMappings", []))
        marker = page.get("NextMarker")
        if not marker:
            break
    else:
        raise RuntimeError("list_event_source_mappings did not stop paging")
    return to_wire({"EventSourceMappings": items})


# --------------------------------------------------------------------------
# The oracle
# --------------------------------------------------------------------------


class OracleHandler(http.server.BaseHTTPRequestHandler):
    """boto3 as the reference client, one JSON question per ``POST /``."""

    protocol_version = "HTTP/1.1"
    server_version = "boto3-oracle"
    clients: dict[str, Any] = {}  # set before serving: service -> boto3 client factory
    lock = threading.Lock()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if VERBOSE:
            sys.stderr.write(f"[oracle] {format % args}\n")

    def _answer(self, status: int, answer: Any) -> None:
        body = json.dumps(answer, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        try:
            question = json.loads(self.rfile.read(length) or b"null")
            if not isinstance(question, dict):
                raise ValueError("the question is not a JSON object")
        except ValueError as e:
            self._answer(400, {"bad_question": str(e)})
            return
        if question.get("signed"):
            with SIGNED_LOCK:
                self._answer(200, {"result": list(SIGNED)})
            return
        service, operation = question.get("service"), question.get("operation")
        params = question.get("params") or {}
        with self.lock:
            make = self.clients.get(service)
            if make is None:
                self._answer(400, {"bad_question": f"unknown service {service!r}"})
                return
            client = make()
        method = getattr(client, operation or "", None)
        if method is None:
            self._answer(400, {"bad_question": f"{service} has no operation {operation!r}"})
            return
        try:
            result = method(**params)
        except client.exceptions.ClientError as e:
            error = e.response.get("Error", {})
            status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            self._answer(
                200,
                {
                    "error": {
                        "code": error.get("Code"),
                        "message": error.get("Message"),
                        "status": status,
                    }
                },
            )
            return
        except Exception as e:  # a parameter boto3 refuses, say
            self._answer(400, {"bad_question": f"{type(e).__name__}: {e}"})
            return
        self._answer(200, {"result": to_wire(result)})


def start_oracle(session: boto3.Session, moto_url: str) -> http.server.ThreadingHTTPServer:
    cache: dict[str, Any] = {}

    def factory(name: str):
        def make():
            if name not in cache:
                cache[name] = session.client(
                    name, endpoint_url=moto_url, config=Config(retries={"max_attempts": 1})
                )
            return cache[name]

        return make

    clients = {name: factory(name) for name in ("dynamodb", "sqs", "sts", "s3")}
    handler = type("BoundOracleHandler", (OracleHandler,), {"clients": clients})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="oracle", daemon=True).start()
    return server


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description="moto, a SigV4-checking proxy and a fixture")
    parser.add_argument(
        "--oracle",
        action="store_true",
        help="skip the Lambda fixture and serve boto3 as an oracle instead",
    )
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="[harness] %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING if VERBOSE else logging.ERROR)
    started = time.monotonic()

    servers: list[Any] = []
    try:
        from moto.server import ThreadedMotoServer

        moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        moto_server.start()
        servers.append(moto_server)
        moto_host, moto_port = moto_server.get_host_and_port()
        moto_url = f"http://{moto_host}:{moto_port}"

        proxy = start_proxy(moto_port)
        servers.append(proxy)
        proxy_url = f"http://127.0.0.1:{proxy.server_address[1]}"

        session = boto3.Session(
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )
        info: dict[str, Any] = {
            "endpoint": proxy_url,
            "moto": moto_url,
            "region": REGION,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "session": {
                "access_key": SESSION_ACCESS_KEY,
                "secret_key": SESSION_SECRET_KEY,
                "token": SESSION_TOKEN,
            },
        }
        if args.oracle:
            oracle = start_oracle(session, moto_url)
            servers.append(oracle)
            info["oracle"] = f"http://127.0.0.1:{oracle.server_address[1]}"
            ready = f"oracle at {info['oracle']}"
        else:
            fixture = create_fixture(session, moto_url)
            awslambda = fixture["lambda"]
            info.update(
                {
                    "function_arn": fixture["function_arn"],
                    "queue_arn": fixture["queue_arn"],
                    "all": list_all(awslambda),
                    "by_function": list_all(awslambda, FunctionName="my-function"),
                    "by_event_source": list_all(awslambda, EventSourceArn=fixture["queue_arn"]),
                }
            )
            ready = f"{len(info['all']['EventSourceMappings'])} mappings"
        line = json.dumps(info, separators=(",", ":"), ensure_ascii=True)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        sys.stderr.write("[harness] setup failed\n")
        stop_all(servers)
        return 1

    sys.stderr.write(
        f"[harness] moto at {moto_url}, SigV4 proxy at {proxy_url}, {ready}, "
        f"ready in {time.monotonic() - started:.1f}s\n"
    )
    try:
        _REAL_STDOUT.write(line + "\n")
        _REAL_STDOUT.flush()
        try:
            while sys.stdin.buffer.read(65536):
                pass
        except KeyboardInterrupt:
            pass
    except BrokenPipeError:
        pass
    finally:
        stop_all(servers)
    sys.stderr.write("[harness] stopped\n")
    return 0


def stop_all(servers: list[Any]) -> None:
    """Stops moto (``stop``) and the HTTP servers (``shutdown``), newest first."""
    for server in reversed(servers):
        try:
            if hasattr(server, "shutdown"):
                server.shutdown()
                server.server_close()
            else:
                server.stop()
        except Exception:
            pass


if __name__ == "__main__":
    sys.exit(main())
