"""End-to-end tests of the SDK against a live server (EASYCHAT_ADDR=host:port).

Run by sdk-gen/langs/python-test.sh, which sdk-gen/test-all calls with a fresh server. Each test
registers its own users, so they are independent of each other and of earlier runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import random
import urllib.request
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any

import grpc
import grpc.aio
import pytest

from easychat import (
    Backoff,
    ChatSession,
    Client,
    ConnectionState,
    HTTPError,
    SessionClosedError,
    __version__,
    error_reason,
    single_conversation_id,
)
from easychat.gen.im.v1 import im_pb2
from easychat.gen.media.v1 import media_pb2
from easychat.gen.social.v1 import social_pb2
from easychat.gen.user.v1 import user_pb2
from harness import ServerProcess, TcpProxy

PASSWORD = "correct horse battery staple"
# Generous: the server may share a 2-core machine with builds.
EVENT_TIMEOUT = 15.0
# Quick reconnects for the tests that take the network or the server away: the session's own
# backoff, and gRPC's (which otherwise grows to two minutes while the server is unreachable).
FAST = Backoff(initial=0.1, maximum=1.0)
FAST_CHANNEL = [
    ("grpc.initial_reconnect_backoff_ms", 50),
    ("grpc.min_reconnect_backoff_ms", 50),
    ("grpc.max_reconnect_backoff_ms", 1000),
]


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


async def registered(addr: str, nickname: str, **options: Any) -> Client:
    client = Client(addr, **options)
    await client.register(random_phone(), PASSWORD, nickname)
    return client


@contextlib.asynccontextmanager
async def friends(addr: str, **options: Any) -> AsyncIterator[tuple[Client, Client, str]]:
    """Two new users who are friends, and their conversation id; ``options`` go to Client."""
    alice = await registered(addr, "alice", **options)
    bob = await registered(addr, "bob", **options)
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
    messages: list[im_pb2.Message] = []
    while len(messages) < count:
        try:
            messages.append((await next_event(session, "message")).message)
        except TimeoutError:
            pytest.fail(
                f"waiting for message {len(messages) + 1} of {count} "
                f"(got seqs {seqs(messages)}; session {session.state.value})"
            )
    return messages


async def wait_away(session: ChatSession, who: str) -> None:
    """Waits until ``session`` is not connected: its stream is gone, so nothing reaches it until
    it reconnects."""
    try:
        await session.wait_state(lambda state: state is not ConnectionState.CONNECTED, EVENT_TIMEOUT)
    except TimeoutError:
        pytest.fail(f"{who}'s session did not notice it was cut off")


def assert_timeline(who: str, messages: list[im_pb2.Message], first_seq: int, want: list[str]) -> None:
    """``messages`` are seqs first_seq.. with the texts of ``want``: every seq once, in order."""
    want_seqs = list(range(first_seq, first_seq + len(want)))
    assert (seqs(messages), texts(messages)) == (want_seqs, want), (
        f"{who}: every seq exactly once, in order"
    )


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
                assert a.state is ConnectionState.CONNECTED
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
            assert a.state is ConnectionState.CLOSED

    run(scenario())


def test_reconnect_syncs_without_gaps(addr: str) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            # Alice's session goes through a proxy, so that the test can take her network away:
            # while it is cut her session cannot reconnect, so bob's messages certainly land while
            # she is away, and only the sync after her reconnect can bring them.
            proxy = TcpProxy(addr)
            alice_via_proxy = Client(proxy.addr, token=alice.token, options=FAST_CHANNEL)
            try:
                async with alice_via_proxy.chat(backoff=FAST) as a, bob.chat() as b:
                    await b.send_text(conversation, "before")
                    assert seqs(await next_messages(a, 1)) == [1]

                    proxy.cut()
                    await wait_away(a, "alice")
                    want = [f"while away {i}" for i in range(5)]
                    for text in want:
                        await b.send_text(conversation, text)
                    assert a.state is not ConnectionState.CONNECTED, "alice got through the cut"
                    proxy.restore()
                    assert_timeline("alice after the reconnect", await next_messages(a, 5), 2, want)
                    assert a.reconnects == 1

                    # Live pushes work again on the new stream.
                    await b.send_text(conversation, "welcome back")
                    assert texts(await next_messages(a, 1)) == ["welcome back"]
                    await assert_no_more_messages(a, b, conversation)
            finally:
                await alice_via_proxy.close()
                proxy.close()

    run(scenario())


def test_server_killed_and_restarted_while_peer_sends() -> None:
    """The server is SIGKILLed while bob sends, with several sends in flight, and restarted on the
    same port and data directory; three times. Bob's session reconnects by itself and retries
    each unacked send with the same client_msg_id, so the history holds each send exactly once,
    even one stored just before a kill whose ack never went out. Alice is cut off from the first
    kill until bob is done: her session reconnects by itself and catches up on everything from
    the restarted server. Every send must be acked once, the acked seqs must be 1..n without a
    gap, and both timelines must be exactly the acked messages, in seq order."""
    binary = os.environ.get("EASYCHAT_BIN")
    if not binary:
        pytest.fail(
            "EASYCHAT_BIN is not set: run sdk-gen/test-all, or export the path of an easychat "
            "server binary"
        )
    server = ServerProcess(binary)
    # Each kill comes after 30 acks from the (re)started server, while many sends remain, so each
    # sender has one in flight.
    total, senders, kills, acks_between_kills = 600, 16, 3, 30

    async def scenario() -> None:
        await server.start()
        async with friends(server.addr, options=FAST_CHANNEL) as (alice, bob, conversation):
            proxy = TcpProxy(server.addr)
            alice_via_proxy = Client(proxy.addr, token=alice.token, options=FAST_CHANNEL)
            try:
                # Alice's session knows the conversation from the start (an app passes the cursors
                # of its local store, or of ListConversations): a session syncs, after a reconnect,
                # the conversations it has cursors for, and she may have heard nothing before the
                # first kill.
                chat_a = alice_via_proxy.chat(backoff=FAST, cursors={conversation: 0})
                async with chat_a as a, bob.chat(backoff=FAST) as b:
                    acked: dict[str, im_pb2.Message] = {}  # text -> the message as acked
                    failures: list[BaseException] = []
                    progress = asyncio.Condition()

                    async def sender(first: int) -> None:
                        # One send at a time per sender; the session retries each until acked.
                        for i in range(first, total, senders):
                            text = f"message {i:03d}"
                            try:
                                message = await b.send_text(
                                    conversation, text, client_msg_id=f"restart-{i:03d}"
                                )
                            except Exception as error:
                                failures.append(error)
                                message = None
                            async with progress:
                                if message is not None:
                                    acked[text] = message
                                progress.notify_all()
                            if message is None:
                                return

                    async def wait_acks(count: int) -> None:
                        try:
                            async with asyncio.timeout(30), progress:
                                await progress.wait_for(lambda: failures or len(acked) >= count)
                        except TimeoutError:
                            pytest.fail(
                                f"only {len(acked)} of bob's sends were acked "
                                f"(bob's session {b.state.value})"
                            )
                        if failures:
                            raise failures[0]

                    tasks = [asyncio.create_task(sender(first)) for first in range(senders)]
                    try:
                        for kill_round in range(kills):
                            await wait_acks(len(acked) + acks_between_kills)
                            # At a moment not in step with an ack, while other sends are in flight.
                            await asyncio.sleep(random.uniform(0, 0.02))
                            server.kill()
                            assert len(acked) < total - senders, "bob was done before the kill"
                            if kill_round == 0:
                                proxy.cut()  # alice stays away until bob is done
                                await wait_away(a, "alice")
                            await wait_away(b, "bob")
                            await server.start()
                        await wait_acks(total)
                    finally:
                        for task in tasks:
                            task.cancel()
                    assert a.state is not ConnectionState.CONNECTED, "alice got through the cut"
                    assert b.reconnects >= kills

                    # The history is exactly the sends: seqs 1..total, one per text.
                    by_seq = {m.seq: text for text, m in acked.items()}
                    assert sorted(by_seq) == list(range(1, total + 1)), (
                        "acked seqs: each of 1..total once, without a gap"
                    )
                    assert all(acked[text].content.text.text == text for text in acked)
                    want = [by_seq[seq] for seq in range(1, total + 1)]

                    proxy.restore()
                    assert_timeline("alice", await next_messages(a, total), 1, want)
                    assert_timeline("bob's own timeline", await next_messages(b, total), 1, want)
                    assert a.reconnects >= 1
                    await assert_no_more_messages(a, b, conversation)
            finally:
                await alice_via_proxy.close()
                proxy.close()

    try:
        run(scenario())
    except BaseException:
        print(f"--- server log (tail) ---\n{server.log_tail()}")
        raise
    finally:
        server.close()


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


def reaction_counts(reactions: list[im_pb2.ReactionCount]) -> list[tuple[str, int, bool]]:
    return [(r.emoji, r.count, r.reacted_by_me) for r in reactions]


def test_reply_react_edit_pin_and_mention(addr: str) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            async with alice.chat() as a, bob.chat() as b:
                original = await a.send_text(conversation, "lunch at noon?")
                answer = await b.send_text(conversation, "yes", reply_to=original.message_id)
                quote = answer.reply_to
                assert (quote.message_id, quote.seq, quote.sender_id, quote.snippet) == (
                    original.message_id, original.seq, alice.user_id, "lunch at noon?"
                )
                _, received = await next_messages(a, 2)
                assert received.reply_to.message_id == original.message_id

                reactions = await b.add_reaction(original.message_id, "🎉")
                assert reaction_counts(reactions) == [("🎉", 1, True)]
                added = (await next_event(a, "reaction")).reaction
                assert (added.message_id, added.user_id, added.emoji, added.added) == (
                    original.message_id, bob.user_id, "🎉", True
                )
                assert [(r.emoji, r.count) for r in added.reactions] == [("🎉", 1)]

                edited = await a.edit(original.message_id, "lunch at one?")
                assert edited.content.text.text == "lunch at one?"
                assert edited.HasField("edit_time") and edited.seq == original.seq
                seen = (await next_event(b, "edit")).edit.message
                assert seen.message_id == original.message_id
                assert seen.content.text.text == "lunch at one?" and seen.HasField("edit_time")

                assert await b.remove_reaction(original.message_id, "🎉") == []
                removed = (await next_event(a, "reaction")).reaction
                assert (removed.emoji, removed.added, list(removed.reactions)) == ("🎉", False, [])

                pinned = await a.pin(original.message_id)
                assert [(p.message.message_id, p.pinned_by) for p in pinned] == [
                    (original.message_id, alice.user_id)
                ]
                pin = (await next_event(b, "pin")).pin
                assert (pin.conversation_id, pin.message_id, pin.seq, pin.pinned, pin.user_id) == (
                    conversation, original.message_id, original.seq, True, alice.user_id
                )
                assert await b.unpin(original.message_id) == []
                # Alice's own pin came to her session too: wait for the unpin.
                unpin = (await next_event(a, "pin")).pin
                while unpin.pinned:
                    unpin = (await next_event(a, "pin")).pin
                assert (unpin.message_id, unpin.user_id) == (original.message_id, bob.user_id)

                mention = await a.send_text(conversation, "bob, see above", mentions=[bob.user_id])
                assert list(mention.mentioned_user_ids) == [bob.user_id]
                assert not mention.mentions_all
                received = (await next_event(b, "message")).message
                while received.message_id != mention.message_id:
                    received = (await next_event(b, "message")).message
                assert list(received.mentioned_user_ids) == [bob.user_id]

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


# A real 1×1 PNG (one red pixel): the server reads an image's format and pixel size.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f00050001ff56c72f0d0000000049454e44ae426082"
)


class WrongContentType(urllib.request.BaseHandler):
    """Sends every request with a Content-Type that the upload URL was not signed for."""

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        request.add_header("Content-Type", "text/plain")
        return request


def test_upload_send_and_download_media(addr: str, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with friends(addr) as (alice, bob, conversation):
            carol = await registered(addr, "carol")  # in no conversation with alice or bob
            async with carol, alice.chat() as a, bob.chat() as b:
                media = await alice.upload_media(
                    TINY_PNG, media_pb2.MEDIA_KIND_IMAGE, "image/png", file_name="dot.png"
                )
                assert media.media_id and media.completed
                assert (media.kind, media.mime_type, media.width, media.height, media.size) == (
                    media_pb2.MEDIA_KIND_IMAGE, "image/png", 1, 1, len(TINY_PNG)
                )
                assert media.sha256 == hashlib.sha256(TINY_PNG).hexdigest()
                assert (media.file_name, media.uploader_id) == ("dot.png", alice.user_id)
                # The uploader may download it before sending it anywhere.
                assert await alice.download_media(media.media_id) == TINY_PNG

                sent = await a.send_media(conversation, media)
                image = sent.content.image
                assert (image.media_id, image.url, image.width, image.height, image.size) == (
                    media.media_id, "", 1, 1, len(TINY_PNG)
                )
                (received,) = await next_messages(b, 1)
                assert received.message_id == sent.message_id
                assert await bob.download_media(received.content.image.media_id) == TINY_PNG

                # Carol is in no conversation it was sent to.
                with pytest.raises(grpc.aio.AioRpcError) as failure:
                    await carol.download_media(media.media_id)
                assert failure.value.code() == grpc.StatusCode.PERMISSION_DENIED
                assert error_reason(failure.value) == "MEDIA_NOT_SHARED"

                # A file read from a path is named after it unless the send gives a name; a voice
                # message carries the duration it is sent with.
                notes = tmp_path / "minutes.txt"
                notes.write_bytes(b"minutes of the meeting\n")
                file = await bob.upload_media(notes, media_pb2.MEDIA_KIND_FILE, "text/plain")
                assert file.file_name == "minutes.txt"
                shown = (await b.send_media(conversation, file)).content.file
                assert (shown.media_id, shown.name, shown.mime_type, shown.size) == (
                    file.media_id, "minutes.txt", "text/plain", len(notes.read_bytes())
                )
                renamed = await b.send_media(conversation, file, file_name="notes.txt")
                assert renamed.content.file.name == "notes.txt"
                assert await alice.download_media(file.media_id) == notes.read_bytes()
                clip = await alice.upload_media(
                    b"a few bytes of audio", media_pb2.MEDIA_KIND_VOICE, "audio/ogg"
                )
                voice = (await a.send_media(conversation, clip, duration_ms=1500)).content.voice
                assert (voice.media_id, voice.duration_ms) == (clip.media_id, 1500)

                # What arrives is checked: bytes that are no PNG are not completed as one.
                with pytest.raises(grpc.aio.AioRpcError) as failure:
                    await alice.upload_media(
                        b"not an image at all", media_pb2.MEDIA_KIND_IMAGE, "image/png"
                    )
                assert failure.value.code() == grpc.StatusCode.FAILED_PRECONDITION
                assert error_reason(failure.value) == "MEDIA_MISMATCH"

            # A PUT the storage refuses raises HTTPError with its status and body.
            opener = urllib.request.build_opener(WrongContentType())
            async with Client(addr, token=alice.token, http_opener=opener) as tampered:
                with pytest.raises(HTTPError) as refused:
                    await tampered.upload_media(TINY_PNG, media_pb2.MEDIA_KIND_IMAGE, "image/png")
                assert (refused.value.method, refused.value.status) == ("PUT", 400)
                assert "image/png" in refused.value.body

    run(scenario())
