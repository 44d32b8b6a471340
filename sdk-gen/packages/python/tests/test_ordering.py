"""Offline tests of ChatSession's delivery order: each seq once, in order, gaps held back.

These drive the session's internal frame handling directly; the live tests cover the same
behaviour end to end but cannot force out-of-order arrival.
"""

from __future__ import annotations

import asyncio

from easychat import ChatSession, Client
from easychat.gen.im.v1 import im_pb2

CONVERSATION = "s_a_b"


def message(seq: int) -> im_pb2.Message:
    return im_pb2.Message(conversation_id=CONVERSATION, seq=seq, message_id=f"m{seq}")


def drain(session: ChatSession) -> list[int]:
    seqs = []
    while not session._events.empty():
        event = session._events.get_nowait()
        assert event is not None and event.WhichOneof("event") == "message"
        seqs.append(event.message.seq)
    return seqs


def run_offline(test):  # type: ignore[no-untyped-def]
    async def wrapper() -> None:
        client = Client("127.0.0.1:9")  # never connected: the session is not started
        try:
            test(ChatSession(client))
        finally:
            await client.close()

    asyncio.run(wrapper())


def test_out_of_order_and_duplicate_messages_are_delivered_once_in_order() -> None:
    def check(session: ChatSession) -> None:
        session._accept(message(2))  # 1 is missing: held back
        assert drain(session) == []
        session._accept(message(1))
        session._accept(message(1))
        session._accept(message(3))
        session._accept(message(2))
        assert drain(session) == [1, 2, 3]
        assert session.cursors == {CONVERSATION: 3}

    run_offline(check)


def test_a_finished_sync_skips_seqs_hidden_from_the_user() -> None:
    def check(session: ChatSession) -> None:
        session._accept(message(4))  # 1..3 missing
        session._syncs["r1"] = {}
        # The sync returns 1 and 3 only: 2 was deleted for this user. max_seq says 4 exists.
        batch = im_pb2.SyncBatch(
            conversation_id=CONVERSATION, messages=[message(1), message(3)], max_seq=4, done=True
        )
        session._dispatch(im_pb2.ChatResponse(request_id="r1", sync_batch=batch))
        assert drain(session) == [1, 3, 4]
        assert session.cursors == {CONVERSATION: 4}
        session._accept(message(5))
        assert drain(session) == [5]

    run_offline(check)
