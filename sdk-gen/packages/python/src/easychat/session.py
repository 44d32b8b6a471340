"""A real-time chat session that survives broken connections.

:class:`ChatSession` wraps the bidirectional ``ImService.Chat`` stream:

* it waits for the server's ``ready`` frame before anything else;
* when the stream ends (network failure, server restart, heartbeat timeout, slow consumer) it
  reconnects with exponential backoff, except on UNAUTHENTICATED, which no retry can fix;
* after every (re)connect it syncs each conversation from the highest seq it has delivered, and
  it delivers every message exactly once, in seq order per conversation, whether the message was
  pushed, synced, or is the acknowledgement of one of its own sends (so its message stream is the
  complete timeline, own messages included);
* sends carry a client_msg_id and are retried with that same id until acknowledged: the server
  stores a message once however often it is sent;
* it pings the server so that an idle session is not timed out, and so that a dead connection is
  noticed;
* :attr:`ChatSession.state` says whether it is connecting, connected, reconnecting or closed,
  and :meth:`ChatSession.wait_state` waits for a state.

Events come out of :meth:`ChatSession.next_event` or ``async for event in session`` as
``im.v1.ServerEvent`` messages: messages in seq order, and as they come read receipts, recalls,
edits (``event.edit.message``, the message with its new text), reaction changes
(``event.reaction``), pins and unpins (``event.pin``), typing and presence.
:meth:`ChatSession.send_text` takes ``reply_to`` to quote a message and ``mentions`` /
``mention_all`` to mention members; :meth:`ChatSession.send_media` sends an upload (from
:meth:`Client.upload_media <easychat.client.Client.upload_media>`) as an image, file or voice
message; :meth:`ChatSession.edit`, :meth:`ChatSession.add_reaction`,
:meth:`ChatSession.remove_reaction`, :meth:`ChatSession.pin` and :meth:`ChatSession.unpin` go
through the same stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import random
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import grpc
import grpc.aio

from easychat.client import Client
from easychat.errors import FrameError, SessionClosedError
from easychat.gen.im.v1 import im_pb2
from easychat.gen.media.v1 import media_pb2

__all__ = ["Backoff", "ChatSession", "ConnectionState"]

log = logging.getLogger(__name__)

# The server accepts at most this many cursors in one SyncRequest.
_MAX_SYNC_CURSORS = 100


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff between reconnects and retries: initial, doubled up to maximum."""

    initial: float = 0.5
    maximum: float = 30.0
    multiplier: float = 2.0
    # Each delay is randomised by up to this fraction so that clients dropped together (a server
    # restart) do not all come back at the same instant.
    jitter: float = 0.2

    def delays(self) -> Iterator[float]:
        """An endless sequence of delays in seconds."""
        delay = self.initial
        while True:
            yield delay * (1 + random.uniform(-self.jitter, self.jitter))
            delay = min(delay * self.multiplier, self.maximum)


class ConnectionState(enum.Enum):
    """Where a :class:`ChatSession`'s stream stands (:attr:`ChatSession.state`)."""

    CONNECTING = "connecting"
    """Opening a stream, the first one or the next after one ended."""
    CONNECTED = "connected"
    """The server said ready: events arrive and requests go out."""
    RECONNECTING = "reconnecting"
    """The stream ended, or could not be opened; waiting out the backoff before the next
    attempt. Nothing is received meanwhile: what was sent in the time comes by the sync after
    the reconnect."""
    CLOSED = "closed"
    """For good: closed, or refused by the server (UNAUTHENTICATED)."""


class _Disconnected(Exception):
    """The stream a request was written to ended before its answer came."""


class ChatSession:
    """One device's real-time session; see the module documentation.

    ``cursors`` maps conversation ids to the highest seq the caller already has (saved from an
    earlier session, or ``Conversation.max_seq`` from ListConversations): those conversations are
    synced from there. A conversation without a cursor starts at 0, so its whole history is
    delivered the first time the session hears of it.
    """

    def __init__(
        self,
        client: Client,
        *,
        cursors: Mapping[str, int] | None = None,
        backoff: Backoff = Backoff(),
        ping_interval: float = 30.0,
        ack_timeout: float = 10.0,
        sync_page_size: int = 0,
    ) -> None:
        self._client = client
        self._backoff = backoff
        self._ping_interval = ping_interval
        self._ack_timeout = ack_timeout
        self._sync_page_size = sync_page_size

        # Highest seq delivered per conversation, and messages held back until the gap before
        # them is filled.
        self._cursors: dict[str, int] = dict(cursors or {})
        self._held: dict[str, dict[int, im_pb2.Message]] = {}
        # Open sync requests: request_id -> {conversation id: highest max_seq reported}.
        self._syncs: dict[str, dict[str, int]] = {}
        # Conversations with a gap-filling sync in flight, so a burst of pushes asks only once.
        self._gap_syncs: set[str] = set()

        self._events: asyncio.Queue[im_pb2.ServerEvent | None] = asyncio.Queue()
        self._pending: dict[str, asyncio.Future[im_pb2.ChatResponse]] = {}
        self._write_lock = asyncio.Lock()
        self._call: grpc.aio.StreamStreamCall | None = None
        self._dropped: grpc.aio.StreamStreamCall | None = None
        self._connected = asyncio.Event()
        self._ended = asyncio.Event()  # set once for good: closed, or failed
        self._failure: BaseException | None = None
        self._run_task: asyncio.Task[None] | None = None
        self._was_ready = False  # whether the current stream got to ready
        self._background: set[asyncio.Task[None]] = set()  # keeps fire-and-forget tasks alive
        self._state = ConnectionState.CONNECTING
        self._state_changed = asyncio.Event()  # set and replaced when the state changes

        self.user_id = ""
        self.session_id = ""
        self.reconnects = 0  # how often the stream was opened again after the first time

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> ChatSession:
        """Opens the stream and waits for ``ready``; retries (with backoff) until it comes."""
        if self._run_task is None:
            self._run_task = asyncio.create_task(self._run(), name="easychat-chat-session")
        await self._wait_connected()
        return self

    async def close(self) -> None:
        """Ends the session; waiting calls raise :class:`SessionClosedError`."""
        self._end(None)
        if self._call is not None:
            self._call.cancel()
        for task in list(self._background):
            task.cancel()
        if self._run_task is not None:
            self._run_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._run_task

    def drop(self) -> None:
        """Breaks the current stream as a network failure would; the session reconnects.

        Meant for tests and for callers that know the network changed (a new Wi-Fi, say).
        """
        if self._call is not None:
            self._dropped = self._call
            self._call.cancel()

    async def __aenter__(self) -> ChatSession:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def state(self) -> ConnectionState:
        """Where the stream stands now. Once it is not ``CONNECTED``, the stream it was in is
        gone: nothing more is received from it."""
        return self._state

    async def wait_state(
        self, predicate: Callable[[ConnectionState], bool], timeout: float | None = None
    ) -> ConnectionState:
        """Waits until ``predicate(state)`` holds and returns that state; raises ``TimeoutError``
        after ``timeout`` seconds. It looks at the state as it is when it wakes, so a state that
        lasted only a moment may go unseen."""
        async with asyncio.timeout(timeout):
            while not predicate(self._state):
                await self._state_changed.wait()
        return self._state

    def _set_state(self, state: ConnectionState) -> None:
        if self._state is state or self._state is ConnectionState.CLOSED:
            return
        self._state = state
        self._state_changed.set()
        self._state_changed = asyncio.Event()

    @property
    def cursors(self) -> dict[str, int]:
        """Highest seq delivered per conversation; save it to resume a later session."""
        return dict(self._cursors)

    # --- what callers do ----------------------------------------------------------------------

    async def send(
        self,
        conversation_id: str,
        content: im_pb2.MessageContent,
        *,
        client_msg_id: str | None = None,
        reply_to: str | None = None,
        mentions: Sequence[str] = (),
        mention_all: bool = False,
    ) -> im_pb2.Message:
        """Sends a message and returns it as stored (with its seq) once the server acked it.

        Retried with the same ``client_msg_id`` across reconnects until acked; raises
        :class:`FrameError` if the server refuses it (not friends, muted, too large, …).
        ``reply_to`` is the id of a message of the same conversation that this one answers: the
        stored message's ``reply_to`` then quotes it (id, seq, sender, snippet). ``mentions`` are
        user ids of members to mention (at most 50; anyone else is refused, MENTION_NOT_MEMBER),
        ``mention_all`` mentions every member of a group (its owner and managers only): the
        stored message's ``mentioned_user_ids`` / ``mentions_all`` say whom.
        """
        send = im_pb2.SendMessageRequest(
            client_msg_id=client_msg_id or uuid.uuid4().hex,
            conversation_id=conversation_id,
            content=content,
            reply_to_message_id=reply_to or "",
            mention_user_ids=mentions,
            mention_all=mention_all,
        )
        answer = await self._request(lambda rid: im_pb2.ChatRequest(request_id=rid, send=send))
        message = answer.send_result.message
        self._accept(message)
        return message

    async def send_text(
        self,
        conversation_id: str,
        text: str,
        *,
        client_msg_id: str | None = None,
        reply_to: str | None = None,
        mentions: Sequence[str] = (),
        mention_all: bool = False,
    ) -> im_pb2.Message:
        """Sends a text message; see :meth:`send`."""
        content = im_pb2.MessageContent(text=im_pb2.TextContent(text=text))
        return await self.send(
            conversation_id,
            content,
            client_msg_id=client_msg_id,
            reply_to=reply_to,
            mentions=mentions,
            mention_all=mention_all,
        )

    async def send_media(
        self,
        conversation_id: str,
        media: media_pb2.Media,
        *,
        duration_ms: int = 0,
        file_name: str | None = None,
        client_msg_id: str | None = None,
        reply_to: str | None = None,
        mentions: Sequence[str] = (),
        mention_all: bool = False,
    ) -> im_pb2.Message:
        """Sends an upload as an image, file or voice message, by the media's kind, naming its
        media id; see :meth:`send`.

        ``media`` is the user's own completed upload (:meth:`Client.upload_media
        <easychat.client.Client.upload_media>`), or media already sent to a conversation the user
        is a member of. The server fills in the size, the MIME type and (images) the pixel size
        from the upload, and a file message's name too unless ``file_name`` gives one;
        ``duration_ms`` is a voice message's duration. The members of the conversation may then
        download the media (:meth:`Client.download_media
        <easychat.client.Client.download_media>`). Refusals (MEDIA_NOT_FOUND, MEDIA_NOT_UPLOADED,
        MEDIA_NOT_SHARED, …) raise :class:`FrameError`.
        """
        if media.kind == media_pb2.MEDIA_KIND_IMAGE:
            content = im_pb2.MessageContent(image=im_pb2.ImageContent(media_id=media.media_id))
        elif media.kind == media_pb2.MEDIA_KIND_FILE:
            content = im_pb2.MessageContent(
                file=im_pb2.FileContent(media_id=media.media_id, name=file_name or "")
            )
        elif media.kind == media_pb2.MEDIA_KIND_VOICE:
            content = im_pb2.MessageContent(
                voice=im_pb2.VoiceContent(media_id=media.media_id, duration_ms=duration_ms)
            )
        else:
            raise ValueError(
                f"media {media.media_id!r} of kind {media_pb2.MediaKind.Name(media.kind)} "
                "cannot be sent as a message"
            )
        return await self.send(
            conversation_id,
            content,
            client_msg_id=client_msg_id,
            reply_to=reply_to,
            mentions=mentions,
            mention_all=mention_all,
        )

    async def edit(self, message_id: str, text: str) -> im_pb2.Message:
        """Replaces the text of a text message the user sent (within the server's edit window)
        and returns the message with its new text and ``edit_time``; members' sessions get an
        ``edit`` event. Retried until answered (writing the same text twice is harmless); raises
        :class:`FrameError` when refused (EDIT_NOT_ALLOWED, EDIT_WINDOW_PASSED, …)."""
        edit = im_pb2.EditMessageRequest(message_id=message_id, text=im_pb2.TextContent(text=text))
        answer = await self._request(lambda rid: im_pb2.ChatRequest(request_id=rid, edit=edit))
        return answer.edit_result.message

    async def add_reaction(self, message_id: str, emoji: str) -> list[im_pb2.ReactionCount]:
        """Adds the user's ``emoji`` reaction to a message and returns the message's reactions
        after it; members' sessions get a ``reaction`` event. Idempotent, retried until acked."""
        add = im_pb2.AddReactionRequest(message_id=message_id, emoji=emoji)
        answer = await self._request(
            lambda rid: im_pb2.ChatRequest(request_id=rid, add_reaction=add)
        )
        return list(answer.add_reaction_result.reactions)

    async def remove_reaction(self, message_id: str, emoji: str) -> list[im_pb2.ReactionCount]:
        """Takes the user's ``emoji`` reaction off a message and returns the message's reactions
        after it; members' sessions get a ``reaction`` event (``added`` false). Idempotent,
        retried until acked."""
        remove = im_pb2.RemoveReactionRequest(message_id=message_id, emoji=emoji)
        answer = await self._request(
            lambda rid: im_pb2.ChatRequest(request_id=rid, remove_reaction=remove)
        )
        return list(answer.remove_reaction_result.reactions)

    async def pin(self, message_id: str) -> list[im_pb2.PinnedMessage]:
        """Pins a message for every member of its conversation and returns the conversation's
        pinned messages after it, most recently pinned first; members' sessions get a ``pin``
        event. In a group only the owner and managers may (PIN_NOT_ALLOWED), in a single chat
        either side; the server keeps a bounded number (TOO_MANY_PINS). Idempotent, retried
        until acked."""
        pin = im_pb2.PinMessageRequest(message_id=message_id)
        answer = await self._request(lambda rid: im_pb2.ChatRequest(request_id=rid, pin=pin))
        return list(answer.pin_result.pinned_messages)

    async def unpin(self, message_id: str) -> list[im_pb2.PinnedMessage]:
        """Takes a message's pin off (same permissions as :meth:`pin`) and returns the
        conversation's pinned messages after it; members' sessions get a ``pin`` event
        (``pinned`` false). Idempotent, retried until acked."""
        unpin = im_pb2.UnpinMessageRequest(message_id=message_id)
        answer = await self._request(lambda rid: im_pb2.ChatRequest(request_id=rid, unpin=unpin))
        return list(answer.unpin_result.pinned_messages)

    async def mark_read(self, conversation_id: str, read_seq: int) -> im_pb2.MarkReadResponse:
        """Marks everything up to ``read_seq`` read (retried until acked: it is idempotent)."""
        mark = im_pb2.MarkReadRequest(conversation_id=conversation_id, read_seq=read_seq)
        answer = await self._request(lambda rid: im_pb2.ChatRequest(request_id=rid, mark_read=mark))
        return answer.mark_read_result

    async def typing(self, conversation_id: str) -> None:
        """Tells the conversation the user is typing; best effort, never retried."""
        typing = im_pb2.SendTypingRequest(conversation_id=conversation_id)
        with contextlib.suppress(_Disconnected):
            await self._write(im_pb2.ChatRequest(typing=typing))

    async def next_event(self, timeout: float | None = None) -> im_pb2.ServerEvent:
        """The next event; raises :class:`SessionClosedError` once the session has ended and
        every event before that was read, or ``TimeoutError`` after ``timeout`` seconds."""
        event = await asyncio.wait_for(self._events.get(), timeout)
        if event is None:
            self._events.put_nowait(None)  # keep the end visible to other readers
            raise self._closed_error()
        return event

    def __aiter__(self) -> ChatSession:
        return self

    async def __anext__(self) -> im_pb2.ServerEvent:
        try:
            return await self.next_event()
        except SessionClosedError:
            if self._failure is not None:
                raise
            raise StopAsyncIteration from None

    # --- the connection loop ------------------------------------------------------------------

    async def _run(self) -> None:
        delays = self._backoff.delays()
        while True:
            self._was_ready = False
            self._set_state(ConnectionState.CONNECTING)
            try:
                await self._stream()
            except grpc.aio.AioRpcError as error:
                if error.code() == grpc.StatusCode.UNAUTHENTICATED:
                    log.warning("chat session rejected, not reconnecting: %s", error.details())
                    self._end(error)
                    return
                log.info("chat stream ended: %s %s", error.code().name, error.details())
            except Exception as error:  # a bug here must not leave callers waiting forever
                log.exception("chat session failed")
                self._end(error)
                return
            if self._ended.is_set():
                return
            self._set_state(ConnectionState.RECONNECTING)
            if self._was_ready:
                delays = self._backoff.delays()  # the last stream worked: start over small
            await asyncio.sleep(next(delays))

    async def _stream(self) -> None:
        """Runs one Chat stream until it ends."""
        call = self._client.im.Chat()
        self._call = call
        pinger: asyncio.Task[None] | None = None
        try:
            frame = await call.read()
            if frame is grpc.aio.EOF or frame.WhichOneof("frame") != "ready":
                log.warning("chat stream did not start with ready")
                return
            if self.session_id:
                self.reconnects += 1
            self.user_id, self.session_id = frame.ready.user_id, frame.ready.session_id
            self._was_ready = True
            self._connected.set()
            self._set_state(ConnectionState.CONNECTED)
            pinger = asyncio.create_task(self._ping_loop(call))
            await self._sync(list(self._cursors))
            while (frame := await call.read()) is not grpc.aio.EOF:
                self._dispatch(frame)
        except asyncio.CancelledError:
            # grpc.aio raises CancelledError from read() when the call is cancelled; only a
            # drop() of this very call means "reconnect", anything else is a real cancellation.
            if self._dropped is not call or self._ended.is_set():
                raise
            log.info("chat stream dropped, reconnecting")
        finally:
            self._connected.clear()
            self._set_state(ConnectionState.RECONNECTING)
            self._call = None
            call.cancel()
            if pinger is not None:
                pinger.cancel()
            self._on_disconnect()

    def _on_disconnect(self) -> None:
        # Answers to frames of the old stream will never come: let their senders retry.
        for future in self._pending.values():
            if not future.done():
                future.set_exception(_Disconnected())
        self._pending.clear()
        # Syncs in flight died with the stream; the next connect syncs every conversation.
        self._syncs.clear()
        self._gap_syncs.clear()

    async def _ping_loop(self, call: grpc.aio.StreamStreamCall) -> None:
        # The server ends a stream that stays silent past its heartbeat timeout, and a missing
        # pong is how a dead connection shows.
        while True:
            await asyncio.sleep(self._ping_interval)
            try:
                await self._request(
                    lambda rid: im_pb2.ChatRequest(request_id=rid, ping=im_pb2.Ping()), retry=False
                )
            except (_Disconnected, TimeoutError):
                if self._call is call:
                    log.info("no pong from the server, reconnecting")
                    self.drop()
                return

    # --- requests and answers -----------------------------------------------------------------

    async def _write(self, request: im_pb2.ChatRequest) -> None:
        call = self._call
        if call is None or not self._connected.is_set():
            raise _Disconnected()
        async with self._write_lock:  # grpc.aio allows one write at a time
            try:
                await call.write(request)
            except (grpc.aio.AioRpcError, asyncio.InvalidStateError) as error:
                raise _Disconnected() from error

    async def _request(
        self, build: Callable[[str], im_pb2.ChatRequest], *, retry: bool = True
    ) -> im_pb2.ChatResponse:
        """Writes a frame and waits for its answer; with ``retry`` it writes it again (with a new
        request_id) after a reconnect, a lost answer, or an UNAVAILABLE frame error."""
        delays = self._backoff.delays()
        while True:
            await self._wait_connected()
            request_id = uuid.uuid4().hex
            answer: asyncio.Future[im_pb2.ChatResponse] = asyncio.get_running_loop().create_future()
            self._pending[request_id] = answer
            try:
                await self._write(build(request_id))
                frame = await asyncio.wait_for(answer, self._ack_timeout)
            except (_Disconnected, TimeoutError):
                if not retry:
                    raise
                continue  # _wait_connected() waits for the reconnect
            finally:
                self._pending.pop(request_id, None)
                if answer.done() and not answer.cancelled():
                    # When the stream ended while the frame still waited for the write lock, the
                    # answer got its _Disconnected without being awaited: take it, or asyncio
                    # logs "Future exception was never retrieved".
                    answer.exception()
            if frame.WhichOneof("frame") != "error":
                return frame
            error = FrameError.from_proto(frame.error)
            if not retry or error.code != grpc.StatusCode.UNAVAILABLE:
                raise error
            await asyncio.sleep(next(delays))  # a backend is down: try again later

    async def _wait_connected(self) -> None:
        if self._ended.is_set():
            raise self._closed_error()
        connected = asyncio.ensure_future(self._connected.wait())
        ended = asyncio.ensure_future(self._ended.wait())
        try:
            await asyncio.wait({connected, ended}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            connected.cancel()
            ended.cancel()
        if self._ended.is_set():
            raise self._closed_error()

    def _dispatch(self, frame: im_pb2.ChatResponse) -> None:
        kind = frame.WhichOneof("frame")
        if kind == "event":
            if frame.event.WhichOneof("event") == "message":
                self._accept(frame.event.message)
            else:
                self._events.put_nowait(frame.event)
        elif frame.request_id in self._syncs:
            self._on_sync_frame(frame)
        else:
            answer = self._pending.get(frame.request_id)
            if answer is not None and not answer.done():
                answer.set_result(frame)

    # --- ordering and sync --------------------------------------------------------------------

    def _accept(self, message: im_pb2.Message) -> None:
        """Takes a message from any source; delivers it when all before it were delivered."""
        conversation = message.conversation_id
        if message.seq <= self._cursors.get(conversation, 0):
            return  # already delivered
        self._held.setdefault(conversation, {}).setdefault(message.seq, message)
        self._deliver_ready(conversation)

    def _deliver_ready(self, conversation: str) -> None:
        held = self._held.get(conversation, {})
        last = self._cursors.get(conversation, 0)
        while last + 1 in held:
            last += 1
            self._events.put_nowait(im_pb2.ServerEvent(message=held.pop(last)))
        self._cursors[conversation] = last
        if not held:
            self._held.pop(conversation, None)
        elif conversation not in self._gap_syncs and self._connected.is_set():
            # A message came before one we have not seen: fetch what lies between.
            self._gap_syncs.add(conversation)
            task = asyncio.create_task(self._sync([conversation]))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _sync(self, conversations: list[str]) -> None:
        """Asks for everything after the cursors of ``conversations``; answers come as frames."""
        for start in range(0, len(conversations), _MAX_SYNC_CURSORS):
            chunk = conversations[start : start + _MAX_SYNC_CURSORS]
            request_id = uuid.uuid4().hex
            self._syncs[request_id] = {}
            cursors = [
                im_pb2.SyncCursor(conversation_id=c, last_seq=self._cursors.get(c, 0)) for c in chunk
            ]
            sync = im_pb2.SyncRequest(cursors=cursors, page_size=self._sync_page_size)
            try:
                await self._write(im_pb2.ChatRequest(request_id=request_id, sync=sync))
            except _Disconnected:
                return  # the next connect syncs again

    def _on_sync_frame(self, frame: im_pb2.ChatResponse) -> None:
        floors = self._syncs[frame.request_id]
        if frame.WhichOneof("frame") == "error":
            # Refused as a whole (say, a conversation we no longer belong to). Nothing to
            # wait for; a later push with a gap asks again.
            log.warning("sync refused: %s", FrameError.from_proto(frame.error))
            del self._syncs[frame.request_id]
            self._gap_syncs.difference_update(floors)
            return
        batch = frame.sync_batch
        log.debug(
            "sync batch: %s, %d messages, max seq %d",
            batch.conversation_id, len(batch.messages), batch.max_seq,
        )
        for message in batch.messages:
            self._accept(message)
        floors[batch.conversation_id] = max(floors.get(batch.conversation_id, 0), batch.max_seq)
        if not batch.done:
            return
        del self._syncs[frame.request_id]
        for conversation, max_seq in floors.items():
            self._gap_syncs.discard(conversation)
            self._skip_invisible(conversation, max_seq)

    def _skip_invisible(self, conversation: str, max_seq: int) -> None:
        """After a finished sync, seqs up to ``max_seq`` that it did not return are hidden from
        this user (deleted or cleared for them): stop waiting for them."""
        held = self._held.get(conversation, {})
        for seq in sorted(s for s in held if s <= max_seq):
            self._events.put_nowait(im_pb2.ServerEvent(message=held.pop(seq)))
        self._cursors[conversation] = max(self._cursors.get(conversation, 0), max_seq)
        self._deliver_ready(conversation)

    # --- ending -------------------------------------------------------------------------------

    def _end(self, failure: BaseException | None) -> None:
        if self._ended.is_set():
            return
        self._failure = failure
        self._ended.set()
        self._set_state(ConnectionState.CLOSED)
        self._events.put_nowait(None)

    def _closed_error(self) -> SessionClosedError:
        if self._failure is None:
            return SessionClosedError("the chat session is closed")
        error = SessionClosedError(f"the chat session ended: {self._failure}")
        error.__cause__ = self._failure
        return error
