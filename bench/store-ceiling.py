#!/usr/bin/env python3
"""The MongoDB stand-in's own write ceiling: what the store under EasyChat's message path can take
at most, measured the way that path writes, so that EasyChat's figure on the real services can be
read against it.

From N concurrent clients (separate processes, one connection each) for D seconds, each client
repeats: `insert_many` of B message-shaped documents (conversation_id, seq, a small body) into a
scratch collection with a unique index on (conversation_id, seq), then one `$max` update of the
conversation's max_seq (upsert), as the store does once per batch. Each client writes its own
conversations (a partition has one consumer), so there are no conflicts. With B = 1 the insert
is an `insert_one`: one message at a time, as the old per-message path wrote.

Prints one JSON line per batch size on stdout, e.g.
  {"store": "FerretDB v1.24.2", "label": "ferretdb-postgresql", "clients": 8, "batch": 64,
   "docs_per_s": 1234.5, "batches_per_s": 19.3, ...}
and drops its scratch database at the end (also on an error or Ctrl-C).

Usage: store-ceiling.py [--url URL] [--clients N] [--batch B[,B...]] [--duration-secs D]
       [--warmup-secs W] [--body-bytes N] [--conversations K] [--label TEXT]
Run it through bench/store-ceiling.sh, which provides pymongo.
"""
import argparse
import json
import math
import multiprocessing
import os
import sys
import time
import uuid

import bson
import pymongo
from pymongo.errors import PyMongoError

MESSAGES = "messages"
CONVERSATIONS = "conversations"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url",
        default=os.environ.get("EASYCHAT_TEST_MONGO_URL", "mongodb://127.0.0.1:27017"),
        help="MongoDB URL (default: $EASYCHAT_TEST_MONGO_URL, else mongodb://127.0.0.1:27017)",
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument(
        "--batch",
        default="64,1",
        help="documents per insert; a comma list runs one measurement per size (default 64,1)",
    )
    parser.add_argument("--duration-secs", type=float, default=10.0, help="measured seconds per batch size (default 10)")
    parser.add_argument("--warmup-secs", type=float, default=2.0, help="unmeasured seconds before (default 2)")
    parser.add_argument("--body-bytes", type=int, default=64, help="message body size (default 64, as the bench's texts)")
    parser.add_argument("--conversations", type=int, default=4, help="conversations per client, written in turn (default 4)")
    parser.add_argument("--label", default="", help="a name for the store in the output (e.g. ferretdb-postgresql)")
    parser.add_argument("--database", default="", help="scratch database (default easychat_t_<pid>_ceiling<random>; dropped at the end)")
    args = parser.parse_args()
    try:
        args.batches = [int(b) for b in args.batch.split(",") if b]
    except ValueError:
        parser.error("--batch takes whole numbers, e.g. 64 or 64,1")
    if not args.batches or min(args.batches) < 1 or args.clients < 1 or args.conversations < 1:
        parser.error("--batch, --clients and --conversations must be at least 1")
    if args.duration_secs <= 0 or args.warmup_secs < 0:
        parser.error("--duration-secs must be positive and --warmup-secs not negative")
    return args


def client_for(url):
    # One connection per client process: the concurrency is the number of clients.
    return pymongo.MongoClient(url, maxPoolSize=1, serverSelectionTimeoutMS=10_000, appname="easychat-store-ceiling")


def worker(index, args, database, batch, start_at, measure_from, end_at, results):
    """One client: batches until end_at; counts those that complete in [measure_from, end_at]."""
    out = {"docs": 0, "batches": 0, "errors": 0, "latencies": [], "first_error": None}
    try:
        client = client_for(args.url)
        db = client[database]
        messages, conversations = db[MESSAGES], db[CONVERSATIONS]
        body = "x" * args.body_bytes
        conv_ids = [f"c{index}-{k}" for k in range(args.conversations)]
        next_seq = {c: 1 for c in conv_ids}
        turn = 0
        time.sleep(max(0.0, start_at - time.time()))
        while True:
            began = time.time()
            if began >= end_at:
                break
            conv = conv_ids[turn % len(conv_ids)]
            turn += 1
            first = next_seq[conv]
            docs = [{"conversation_id": conv, "seq": first + i, "body": body} for i in range(batch)]
            try:
                if batch == 1:
                    messages.insert_one(docs[0])
                else:
                    messages.insert_many(docs)
                conversations.update_one({"_id": conv}, {"$max": {"max_seq": first + batch - 1}}, upsert=True)
            except PyMongoError as err:
                out["errors"] += 1
                if out["first_error"] is None:
                    out["first_error"] = f"{type(err).__name__}: {err}"[:500]
                # A failed batch may have inserted part of its documents: move past it.
                next_seq[conv] = first + batch
                continue
            next_seq[conv] = first + batch
            done = time.time()
            if measure_from <= done <= end_at:
                out["docs"] += batch
                out["batches"] += 1
                out["latencies"].append(done - began)
        client.close()
    except Exception as err:  # reported, not raised: the parent prints what it got
        out["errors"] += 1
        out["first_error"] = out["first_error"] or f"{type(err).__name__}: {err}"[:500]
    results.put(out)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    # Nearest rank.
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def measure(args, database, batch, store):
    # Fresh collections for each batch size, index first, as the store creates it on start.
    setup = client_for(args.url)
    db = setup[database]
    db.drop_collection(MESSAGES)
    db.drop_collection(CONVERSATIONS)
    db[MESSAGES].create_index([("conversation_id", 1), ("seq", 1)], unique=True, name="conversation_seq")
    setup.close()

    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    # Every client starts at the same moment, after all have connected.
    start_at = time.time() + 1.0 + 0.05 * args.clients
    measure_from = start_at + args.warmup_secs
    end_at = measure_from + args.duration_secs
    procs = [
        ctx.Process(target=worker, args=(i, args, database, batch, start_at, measure_from, end_at, results))
        for i in range(args.clients)
    ]
    for proc in procs:
        proc.start()
    outs = [results.get(timeout=end_at - time.time() + 120) for _ in procs]
    for proc in procs:
        proc.join()

    docs = sum(o["docs"] for o in outs)
    batches = sum(o["batches"] for o in outs)
    errors = sum(o["errors"] for o in outs)
    latencies = sorted(l for o in outs for l in o["latencies"])
    first_error = next((o["first_error"] for o in outs if o["first_error"]), None)
    sample = {"_id": bson.ObjectId(), "conversation_id": "c0-0", "seq": 1, "body": "x" * args.body_bytes}

    def ms(value):
        return None if value is None else round(value * 1000, 2)

    line = {
        "store": store,
        "label": args.label or None,
        "clients": args.clients,
        "batch": batch,
        "op": "insert_one + $max" if batch == 1 else "insert_many + $max",
        "duration_s": args.duration_secs,
        "docs": docs,
        "batches": batches,
        "docs_per_s": round(docs / args.duration_secs, 1),
        "batches_per_s": round(batches / args.duration_secs, 1),
        "batch_ms_p50": ms(percentile(latencies, 50)),
        "batch_ms_p99": ms(percentile(latencies, 99)),
        "body_bytes": args.body_bytes,
        "doc_bytes": len(bson.encode(sample)),
        "errors": errors,
    }
    if first_error:
        line["first_error"] = first_error
    return line


def main():
    args = parse_args()
    database = args.database or f"easychat_t_{os.getpid()}_ceiling{uuid.uuid4().hex[:8]}"
    admin = client_for(args.url)
    info = admin.admin.command("buildInfo")
    if "ferretdbVersion" in info:
        store = f"FerretDB {info['ferretdbVersion']}"
    else:
        store = f"MongoDB {info.get('version', '?')}"
    failed = False
    try:
        for batch in args.batches:
            line = measure(args, database, batch, store)
            print(json.dumps(line), flush=True)
            failed = failed or line["errors"] > 0 or line["batches"] == 0
    finally:
        try:
            admin.drop_database(database)
        except PyMongoError as err:
            print(f"store-ceiling: could not drop the scratch database {database}: {err}", file=sys.stderr)
        admin.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
