#!/usr/bin/env python3
"""Ping a MongoDB-wire server (FerretDB here) with one raw OP_MSG: {ping: 1, $db: "admin"}.

Why raw: it needs nothing but the standard library, so `deploy/local/up` can check the
Mongo port without installing pymongo (or a venv) on the machine.

Usage: mongo_ping.py HOST PORT [TIMEOUT_SECS]
Exit 0 when the reply is an OP_MSG whose document has ok == 1, non-zero otherwise.
"""
import socket
import struct
import sys

OP_MSG = 2013


def bson_doc(items):
    """Encode a flat BSON document of int32 and string values (all a ping needs)."""
    body = b""
    for key, value in items:
        name = key.encode() + b"\x00"
        if isinstance(value, int):
            body += b"\x10" + name + struct.pack("<i", value)
        else:
            raw = value.encode() + b"\x00"
            body += b"\x02" + name + struct.pack("<i", len(raw)) + raw
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed by server")
        buf += chunk
    return buf


def ok_value(doc):
    """Return the value of the top-level 'ok' field of a BSON document (double/int32/int64/bool)."""
    pos, end = 4, struct.unpack_from("<i", doc, 0)[0] - 1
    while pos < end:
        kind = doc[pos]
        name_end = doc.index(b"\x00", pos + 1)
        name = doc[pos + 1:name_end].decode()
        pos = name_end + 1
        if kind == 0x01:  # double
            value, size = struct.unpack_from("<d", doc, pos)[0], 8
        elif kind == 0x10:  # int32
            value, size = struct.unpack_from("<i", doc, pos)[0], 4
        elif kind == 0x12:  # int64
            value, size = struct.unpack_from("<q", doc, pos)[0], 8
        elif kind == 0x08:  # bool
            value, size = doc[pos] == 1, 1
        elif kind == 0x02:  # string
            value, size = None, 4 + struct.unpack_from("<i", doc, pos)[0]
        elif kind in (0x03, 0x04):  # embedded document / array
            value, size = None, struct.unpack_from("<i", doc, pos)[0]
        else:
            return None  # a type a ping reply should not carry before 'ok'
        if name == "ok":
            return value
        pos += size
    return None


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
    doc = bson_doc([("ping", 1), ("$db", "admin")])
    # flagBits (uint32 0) + one section of kind 0 (the command document)
    payload = struct.pack("<I", 0) + b"\x00" + doc
    header = struct.pack("<iiii", 16 + len(payload), 1, 0, OP_MSG)
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(header + payload)
        length, _req, _resp_to, opcode = struct.unpack("<iiii", recv_exact(sock, 16))
        body = recv_exact(sock, length - 16)
    if opcode != OP_MSG or body[4] != 0:
        print(f"unexpected reply: opcode={opcode}", file=sys.stderr)
        return 2
    ok = ok_value(body[5:])
    if ok in (1, 1.0, True):
        return 0
    print(f"ping answered without ok=1 (ok={ok!r})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, struct.error) as exc:
        print(f"mongo ping failed: {exc}", file=sys.stderr)
        sys.exit(1)
