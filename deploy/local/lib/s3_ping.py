#!/usr/bin/env python3
"""Check an S3-compatible server (SeaweedFS here) with SigV4-signed requests: ListBuckets
(GET /), and with --write BUCKET also a write and a read: create BUCKET if it is missing, PUT a
small object into it and GET it back.

Why by hand: it needs nothing but the standard library, so `deploy/local/up` can check the S3
port without installing boto3 or the AWS CLI (or a venv) on the machine. The requests are
signed, so a success also proves that the server loaded the access key and verifies signatures.
The write matters for SeaweedFS: it lists buckets seconds (after a restart with data, about
fifteen) before an upload can go through.

Usage: s3_ping.py ENDPOINT ACCESS_KEY SECRET_KEY [TIMEOUT_SECS] [--write BUCKET]
  e.g. s3_ping.py http://127.0.0.1:8333 easychat easychat-secret-key 2 --write easychat-readiness
Exit 0 when every request succeeded (ListBuckets 200 with a ListAllMyBucketsResult; bucket
creation 200, or 409 BucketAlreadyOwnedByYou; PUT 200; GET 200 with the bytes just written),
non-zero otherwise, with the failing reply on stderr.
"""
import argparse
import datetime
import hashlib
import hmac
import http.client
import sys
import urllib.parse

REGION = "us-east-1"
SERVICE = "s3"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def signing_key(secret_key, date):
    k = _hmac(("AWS4" + secret_key).encode(), date)
    k = _hmac(k, REGION)
    k = _hmac(k, SERVICE)
    return _hmac(k, "aws4_request")


def signed_headers(method, host, path, access_key, secret_key, payload_sha256=EMPTY_SHA256, now=None):
    """Headers (Host, X-Amz-Date, X-Amz-Content-Sha256, Authorization) for a request with no
    query string. `path` must already be URI-encoded."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    date = amz_date[:8]
    headers = {"host": host, "x-amz-content-sha256": payload_sha256, "x-amz-date": amz_date}
    names = sorted(headers)
    canonical = "\n".join(
        [method, path, "", "".join(f"{n}:{headers[n]}\n" for n in names), ";".join(names), payload_sha256]
    )
    scope = f"{date}/{REGION}/{SERVICE}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    signature = hmac.new(signing_key(secret_key, date), to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={';'.join(names)}, Signature={signature}"
    )
    return headers


class Failed(Exception):
    pass


def request(args, method, path, body=b""):
    """One signed request; returns (status, body). Raises OSError when nothing answers."""
    url = args.endpoint
    headers = signed_headers(
        method, url.netloc, path, args.access_key, args.secret_key, hashlib.sha256(body).hexdigest()
    )
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=args.timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def expect(what, send, ok):
    try:
        status, body = send()
    except OSError as e:
        raise Failed(f"{what}: {e}") from e
    if not ok(status, body):
        raise Failed(f"{what}: HTTP {status}: {body[:300]!r}")
    return body


def http_url(text):
    url = urllib.parse.urlsplit(text)
    if url.scheme != "http" or not url.hostname:
        raise argparse.ArgumentTypeError(f"not an http://HOST:PORT URL: {text!r}")
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("endpoint", type=http_url)
    parser.add_argument("access_key")
    parser.add_argument("secret_key")
    parser.add_argument("timeout", type=float, nargs="?", default=2.0)
    parser.add_argument("--write", metavar="BUCKET")
    args = parser.parse_args()
    try:
        listing = expect(
            "ListBuckets",
            lambda: request(args, "GET", "/"),
            lambda s, b: s == 200 and b"ListAllMyBucketsResult" in b,
        )
        if args.write:
            bucket = urllib.parse.quote(args.write)
            if f"<Name>{args.write}</Name>".encode() not in listing:
                expect(
                    "CreateBucket",
                    lambda: request(args, "PUT", f"/{bucket}"),
                    lambda s, b: s == 200 or (s == 409 and b"BucketAlreadyOwnedByYou" in b),
                )
            data = datetime.datetime.now(datetime.timezone.utc).isoformat().encode()
            expect("PutObject", lambda: request(args, "PUT", f"/{bucket}/ping", data), lambda s, b: s == 200)
            expect("GetObject", lambda: request(args, "GET", f"/{bucket}/ping"), lambda s, b: s == 200 and b == data)
    except Failed as e:
        print(f"s3_ping: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
