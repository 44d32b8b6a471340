"""End-to-end tests of the SDK against a live server (EASYCHAT_ADDR=host:port).

Run by sdk-gen/langs/python-test.sh, which sdk-gen/test-all calls with a fresh server. Each test
registers its own users, so they are independent of each other and of earlier runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
from collections.abc import AsyncIterator, Coroutine
from typing import Any

import grpc
import grpc.aio
import pytest

from easychat import (
    Backoff,
    ChatSession,
    Client,
    SessionClosedError,
    __version__,
    error_reason,
    single_conversation_id,
)
from easychat.gen.im.v1 import im_pb2
from easychat.gen.social.v1 import social_pb2
from easychat.gen.user.v1 import user_pb2

PASSWORD = "correct horse battery staple"
# Generous: the server may share a 2-core machine with builds.
EVENT_TIMEOUT = 15.0


@pytest.fixture
def addr() -> str:
    value = os.environ.get("EASYCHAT_ADDR")
    if not value:
        pytest.fail(
            "EASYCHAT_ADDR is not set: run sdk-gen/test-all, or start `easychat serve` and "
            "export EASYCHAT_ADDR=host:port"
        )
    return value


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    asyncio.run(asyncio.wait_for(coroutine, 120))


def random_phone() -> str:
    return "+86" + "".join(random.choices("0123456789", k=11))


async def registered(addr: str, nickname: str) -> Client:
    client = Client(addr)
    await client.register(random_phone(), PASSWORD, nickname)
    return client


@contextlib.asynccontextmanager
async def friends(addr: str) -> AsyncIterator[tuple[Client, Client, str]]:
    """Two new users who are friends, and their conversation id."""
    alice = await registered(addr, "alice")
    bob = await registered(addr, "bob")
    try:
        sent = await alice.social.SendFriendRequest(
            social_pb2.SendFriendRequestRequest(user_id=bob.user_id, message="hi, it's alice")
        )
        await bob.social.HandleFriendRequest(
            social_pb2.HandleFriendRequestRequest(request_id=sent.request.request_id, accept=True)
        )
        yield alice, bob, single_conversation_id(alice.user_id, bob.user_id)
    finally:
        await alice.close()
        await bob.close()


async def next_event(session: ChatSession, kind: str) -> im_pb2.ServerEvent:
    """The next event of one kind, skipping others (presence, typing)."""
    while True:
        event = await session.next_event(EVENT_TIMEOUT)
        if event.WhichOneof("event") == kind:
            return event


async def next_messages(session: ChatSession, count: int) -> list[im_pb2.Message]:
    return [(await next_event(session, "message")).message for _ in range(count)]


async def assert_no_more_messages(session: ChatSession, sender: ChatSession, conversation: str) -> None:
    """Nothing more reaches `session`: `sender` sends a marker now, and it must be the next
    message (a session's events come in order, so a late duplicate would come before it)."""
    marker = await sender.send_text(conversation, "marker")
    got = (await next_event(session, "message")).message
    assert got.message_id == marker.message_id, f"before the marker: {got}"


def texts(messages: list[im_pb2.Message]) -> list[str]:
    return [m.content.text.text for m in messages]


def seqs(messages: list[im_pb2.Message]) -> list[int]:
    return [m.seq for m in messages]


def test_register_login_and_token(addr: str) -> None:
    async def scenario() -> None:
        phone = random_phone()
        async with Client(addr) as first:
            user = await first.register(phone, PASSWORD, "carol")
            assert first.token
            me = await first.users.GetMe(user_pb2.GetMeRequest())
            assert me.user.user_id == user.user_id and me.user.phone == phone

        async with Client(addr) as second:
            again = await second.login(phone, PASSWORD)
            assert again.user_id == user.user_id
            # A saved token resumes the login without the password.
            async with Client(addr, token=second.token) as resumed:
                me = await resumed.users.GetMe(user_pb2.GetMeRequest())
                assert me.user.user_id == user.user_id

        async with Client(addr) as anonymous:
            with pytest.raises(grpc.aio.AioRpcError) as failure:
                await anonymous.users.GetMe(user_pb2.GetMeRequest())
            assert failure.value.code() == grpc.StatusCode.UNAUTHENTICATED
            assert error_reason(failure.value) == "TOKEN_MISSING"
            with pytest.raises(grpc.aio.AioRpcError) as failure:
                await anonymous.login(phone, "wrong password!")
            assert error_reason(failure.value) == "BAD_CREDENTIALS"

    assert __version__
    run(scenario())


def test_chat_both_ways_in_real_time(addr: str) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            listed = await alice.social.ListFriends(social_pb2.ListFriendsRequest())
            assert [f.conversation_id for f in listed.friends] == [conversation]

            async with alice.chat() as a, bob.chat() as b:
                assert a.user_id == alice.user_id and b.user_id == bob.user_id
                sent = [await a.send_text(conversation, f"hello {i}") for i in range(3)]
                assert seqs(sent) == [1, 2, 3]
                got = await next_messages(b, 3)
                assert texts(got) == ["hello 0", "hello 1", "hello 2"]
                assert seqs(got) == [1, 2, 3]
                assert {m.sender_id for m in got} == {alice.user_id}
                # The sender's own stream holds its acked messages too: one complete timeline.
                assert seqs(await next_messages(a, 3)) == [1, 2, 3]

                await b.send_text(conversation, "hi alice")
                await b.send_text(conversation, "how are you?")
                got = await next_messages(a, 2)
                assert texts(got) == ["hi alice", "how are you?"]
                assert seqs(got) == [4, 5]
                assert a.cursors == {conversation: 5}

    run(scenario())


def test_reconnect_syncs_without_gaps(addr: str) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            # A fixed 1 s pause before reconnecting: bob's messages land while alice is away.
            slow = Backoff(initial=1.0, jitter=0.0)
            async with alice.chat(backoff=slow) as a, bob.chat() as b:
                await b.send_text(conversation, "before")
                assert seqs(await next_messages(a, 1)) == [1]

                a.drop()
                for i in range(5):
                    await b.send_text(conversation, f"while away {i}")
                got = await next_messages(a, 5)
                assert seqs(got) == [2, 3, 4, 5, 6], "every seq exactly once, in order"
                assert texts(got) == [f"while away {i}" for i in range(5)]
                assert a.reconnects == 1

                # Live pushes work again on the new stream.
                await b.send_text(conversation, "welcome back")
                assert texts(await next_messages(a, 1)) == ["welcome back"]
                await assert_no_more_messages(a, b, conversation)

    run(scenario())


def test_send_is_retried_with_the_same_client_msg_id(addr: str) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            async with alice.chat(backoff=Backoff(initial=0.5)) as a, bob.chat() as b:
                # Sent while the stream is down: the send waits for the reconnect, then lands.
                a.drop()
                first = await a.send_text(conversation, "sent across a reconnect")
                assert first.seq == 1
                assert a.reconnects == 1

                # The same client_msg_id again (a retry) is stored once.
                once = await a.send_text(conversation, "only once", client_msg_id="retry-1")
                twice = await a.send_text(conversation, "only once", client_msg_id="retry-1")
                assert once.message_id == twice.message_id and once.seq == twice.seq == 2

                got = await next_messages(b, 2)
                assert texts(got) == ["sent across a reconnect", "only once"]
                await assert_no_more_messages(b, a, conversation)

    run(scenario())


def test_read_receipt(addr: str) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            async with alice.chat() as a, bob.chat() as b:
                sent = await a.send_text(conversation, "did you read this?")
                (received,) = await next_messages(b, 1)
                result = await b.mark_read(conversation, received.seq)
                assert result.read_seq == sent.seq and result.unread_count == 0

                receipt = (await next_event(a, "read_receipt")).read_receipt
                assert receipt.conversation_id == conversation
                positions = {p.user_id: p.read_seq for p in receipt.positions}
                assert positions == {bob.user_id: sent.seq}

    run(scenario())


def test_session_with_a_bad_token_ends_without_retrying(addr: str) -> None:
    async def scenario() -> None:
        async with Client(addr, token="not-a-real-token") as client:
            session = client.chat(backoff=Backoff(initial=0.05))
            with pytest.raises(SessionClosedError) as failure:
                await session.start()
            cause = failure.value.__cause__
            assert isinstance(cause, grpc.aio.AioRpcError)
            assert cause.code() == grpc.StatusCode.UNAUTHENTICATED
            assert error_reason(cause) == "TOKEN_INVALID"
            assert session.reconnects == 0
            await session.close()

    run(scenario())
