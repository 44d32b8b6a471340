package dev.easychat.sdk

import dev.easychat.im.v1.AddReactionRequest
import dev.easychat.im.v1.ChatRequest
import dev.easychat.im.v1.ChatResponse
import dev.easychat.im.v1.ChatResponse.FrameCase
import dev.easychat.im.v1.EditMessageRequest
import dev.easychat.im.v1.FileContent
import dev.easychat.im.v1.FrameError
import dev.easychat.im.v1.ImageContent
import dev.easychat.im.v1.MarkReadRequest
import dev.easychat.im.v1.MarkReadResponse
import dev.easychat.im.v1.Message
import dev.easychat.im.v1.MessageContent
import dev.easychat.im.v1.PinMessageRequest
import dev.easychat.im.v1.Ping
import dev.easychat.im.v1.PinnedMessage
import dev.easychat.im.v1.ReactionCount
import dev.easychat.im.v1.RecallMessageRequest
import dev.easychat.im.v1.RemoveReactionRequest
import dev.easychat.im.v1.SendMessageRequest
import dev.easychat.im.v1.SendMessageResponse
import dev.easychat.im.v1.SendTypingRequest
import dev.easychat.im.v1.ServerEvent
import dev.easychat.im.v1.SessionReady
import dev.easychat.im.v1.SyncBatch
import dev.easychat.im.v1.SyncCursor
import dev.easychat.im.v1.SyncRequest
import dev.easychat.im.v1.TextContent
import dev.easychat.im.v1.UnpinMessageRequest
import dev.easychat.im.v1.VoiceContent
import dev.easychat.media.v1.Media
import dev.easychat.media.v1.MediaKind
import io.grpc.Status
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.SendChannel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.receiveAsFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import java.io.Closeable
import java.util.UUID
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration.Companion.nanoseconds

/**
 * The real-time session of one device, kept alive over network trouble.
 *
 * It opens ImService.Chat, waits for `ready`, and whenever the stream ends (dropped connection,
 * server restart, SLOW_CONSUMER, silence) opens a new one after an exponential backoff — except
 * on UNAUTHENTICATED, which needs a new login and closes the session ([state] becomes
 * [ConnectionState.Closed]). After every (re)connect it syncs each known conversation from the
 * last seq it delivered, so [events] carries every message once and in seq order per
 * conversation, including this session's own sends (from their acks: the server does not echo
 * them). Requests ([send], [sendText], [sendMedia], [markRead], [recall], [edit], [addReaction],
 * [removeReaction], [pin], [unpin]) wait for a live stream and are re-sent after a reconnect
 * until answered; sends keep their client_msg_id, so the server stores each once.
 *
 * Create it with [EasyChatClient.chatSession]; it runs in the scope given there until [close]d.
 */
class ChatSession internal constructor(
    private val client: EasyChatClient,
    scope: CoroutineScope,
    private val options: ChatSessionOptions,
) : Closeable {
    /** Guards every field below; held only briefly and never across a suspension. */
    private val lock = Any()
    private val tracker = SeqTracker(options.cursors)

    /** Requests awaiting their result, by request_id, oldest first: re-sent on each new stream. */
    private val inFlight = LinkedHashMap<String, PendingRequest>()

    /** Sync requests of the current stream, by request_id. */
    private val syncs = HashMap<String, SyncInFlight>()

    /** Conversations with a sync in flight on the current stream. */
    private val syncing = HashSet<String>()

    /** The current stream's outgoing frames, from its `ready` until it ends. */
    private var outgoing: SendChannel<ChatRequest>? = null
    private var closed = false
    private var closedCause: Throwable? = null

    private val requestIds = AtomicLong()
    private val eventChannel = Channel<ServerEvent>(Channel.UNLIMITED)
    private val mutableState = MutableStateFlow<ConnectionState>(ConnectionState.Connecting)
    private val sessionJob = SupervisorJob(scope.coroutineContext[Job])
    private val sessionScope = CoroutineScope(scope.coroutineContext + sessionJob + CoroutineName("easychat-chat"))

    /**
     * Everything the server pushes — messages (each once, in seq order per conversation, own
     * sends included), read receipts, recalls, edits, reactions, pins and unpins, typing,
     * presence. Buffered without limit so nothing is lost while no one collects; meant for a
     * single collector. Ends when the session is closed, with the cause if the server refused it.
     */
    val events: Flow<ServerEvent> = eventChannel.receiveAsFlow()

    /** Whether the session is connected, reconnecting, or closed. */
    val state: StateFlow<ConnectionState> = mutableState.asStateFlow()

    init {
        sessionScope.launch { runConnections() }
    }

    /** Suspends until the session is ready; throws if it closes first. */
    suspend fun awaitReady(): SessionReady =
        when (val state = state.first { it is ConnectionState.Ready || it is ConnectionState.Closed }) {
            is ConnectionState.Ready -> state.session
            is ConnectionState.Closed -> throw state.cause ?: IllegalStateException("chat session closed")
            else -> error("unreachable")
        }

    /**
     * Sends a message and returns the server's ack with the stored message. Waits for a live
     * stream and retries across reconnects with the same client_msg_id (generated when the
     * request has none), so the message is stored once however often it goes out. Fails with
     * [EasyChatException] when the server refuses it (e.g. NOT_FRIENDS).
     */
    suspend fun send(request: SendMessageRequest): SendMessageResponse {
        val withId = if (request.clientMsgId.isEmpty()) {
            request.toBuilder().setClientMsgId(newClientMsgId()).build()
        } else {
            request
        }
        return request { setSend(withId) }.sendResult
    }

    /**
     * Sends a text message to a conversation; see [send]. With [replyTo] (the id of a message of
     * the same conversation) it is a reply: the stored message's `replyTo` quotes that message
     * (id, seq, sender, snippet). [mentions] are user ids of members to mention (at most 50;
     * anyone else is refused, MENTION_NOT_MEMBER), [mentionAll] mentions every member of a group
     * (its owner and managers only): the stored message's `mentionedUserIds` / `mentionsAll` say
     * whom.
     */
    suspend fun sendText(
        conversationId: String,
        text: String,
        clientMsgId: String = newClientMsgId(),
        replyTo: String = "",
        mentions: List<String> = emptyList(),
        mentionAll: Boolean = false,
    ): Message =
        send(
            SendMessageRequest.newBuilder()
                .setClientMsgId(clientMsgId)
                .setConversationId(conversationId)
                .setContent(MessageContent.newBuilder().setText(TextContent.newBuilder().setText(text)))
                .setReplyToMessageId(replyTo)
                .addAllMentionUserIds(mentions)
                .setMentionAll(mentionAll)
                .build(),
        ).message

    /**
     * Sends a completed upload ([EasyChatClient.uploadMedia], or media already sent to a
     * conversation the user is a member of) as an image, file or voice message, as its kind
     * says; see [send]. The message names [media]'s id instead of a URL, and the server fills in
     * size, MIME type, an image's width and height, and a file's name from the upload (unless
     * [fileName] names it otherwise). [durationMs] is a voice clip's length. [replyTo] quotes a
     * message, as in [sendText]. Fails with [EasyChatException] when the server refuses it
     * (MEDIA_NOT_SHARED, MEDIA_NOT_UPLOADED, …).
     */
    suspend fun sendMedia(
        conversationId: String,
        media: Media,
        durationMs: Long = 0,
        fileName: String = "",
        clientMsgId: String = newClientMsgId(),
        replyTo: String = "",
    ): Message {
        val content = MessageContent.newBuilder()
        when (media.kind) {
            MediaKind.MEDIA_KIND_IMAGE -> content.setImage(ImageContent.newBuilder().setMediaId(media.mediaId))
            MediaKind.MEDIA_KIND_FILE ->
                content.setFile(FileContent.newBuilder().setMediaId(media.mediaId).setName(fileName))
            MediaKind.MEDIA_KIND_VOICE ->
                content.setVoice(VoiceContent.newBuilder().setMediaId(media.mediaId).setDurationMs(durationMs))
            else -> throw IllegalArgumentException("media ${media.mediaId} has no message kind: ${media.kind}")
        }
        return send(
            SendMessageRequest.newBuilder()
                .setClientMsgId(clientMsgId)
                .setConversationId(conversationId)
                .setContent(content)
                .setReplyToMessageId(replyTo)
                .build(),
        ).message
    }

    /** Marks everything up to [readSeq] read; the peers get a read receipt. */
    suspend fun markRead(conversationId: String, readSeq: Long): MarkReadResponse =
        request {
            setMarkRead(MarkReadRequest.newBuilder().setConversationId(conversationId).setReadSeq(readSeq))
        }.markReadResult

    /** Recalls a message; returns it without its content. */
    suspend fun recall(messageId: String): Message =
        request { setRecall(RecallMessageRequest.newBuilder().setMessageId(messageId)) }.recallResult.message

    /**
     * Replaces the text of a text message the user sent (within the server's edit window);
     * returns the message with its new text and `editTime`. Members' sessions get an `edit`
     * event. Fails with [EasyChatException] (EDIT_NOT_ALLOWED, EDIT_WINDOW_PASSED, …).
     */
    suspend fun edit(messageId: String, text: String): Message =
        request {
            setEdit(EditMessageRequest.newBuilder().setMessageId(messageId).setText(TextContent.newBuilder().setText(text)))
        }.editResult.message

    /**
     * Adds the user's [emoji] reaction to a message (idempotent); returns the message's reactions
     * after it. Members' sessions get a `reaction` event.
     */
    suspend fun addReaction(messageId: String, emoji: String): List<ReactionCount> =
        request {
            setAddReaction(AddReactionRequest.newBuilder().setMessageId(messageId).setEmoji(emoji))
        }.addReactionResult.reactionsList

    /**
     * Takes the user's [emoji] reaction off a message (idempotent); returns the message's
     * reactions after it. Members' sessions get a `reaction` event with `added` false.
     */
    suspend fun removeReaction(messageId: String, emoji: String): List<ReactionCount> =
        request {
            setRemoveReaction(RemoveReactionRequest.newBuilder().setMessageId(messageId).setEmoji(emoji))
        }.removeReactionResult.reactionsList

    /**
     * Pins a message for every member of its conversation (in a group its owner and managers
     * only, PIN_NOT_ALLOWED for others; in a single chat either side; idempotent); returns the
     * conversation's pinned messages after it, most recently pinned first. Members' sessions get
     * a `pin` event.
     */
    suspend fun pin(messageId: String): List<PinnedMessage> =
        request { setPin(PinMessageRequest.newBuilder().setMessageId(messageId)) }.pinResult.pinnedMessagesList

    /**
     * Takes a message's pin off (same permissions as [pin]; idempotent); returns the
     * conversation's pinned messages after it. Members' sessions get a `pin` event with `pinned`
     * false.
     */
    suspend fun unpin(messageId: String): List<PinnedMessage> =
        request { setUnpin(UnpinMessageRequest.newBuilder().setMessageId(messageId)) }.unpinResult.pinnedMessagesList

    /**
     * Tells the conversation the user is typing. Best effort: dropped (returns false) while
     * disconnected, since a late typing notice is worse than none.
     */
    fun sendTyping(conversationId: String): Boolean {
        val frame = ChatRequest.newBuilder()
            .setTyping(SendTypingRequest.newBuilder().setConversationId(conversationId))
            .build()
        return synchronized(lock) { outgoing?.trySend(frame)?.isSuccess == true }
    }

    /** The highest seq delivered in a conversation, or null if none was seen yet. */
    fun lastSeq(conversationId: String): Long? = synchronized(lock) { tracker.lastSeq(conversationId) }

    /** Every conversation seen with its highest delivered seq; save them to resume a later session. */
    fun cursors(): Map<String, Long> = synchronized(lock) { tracker.cursors() }

    /** Ends the session: the stream is cancelled, waiting requests fail, [events] completes. */
    override fun close() {
        finish(null)
        sessionJob.cancel()
    }

    // --- connection loop ----------------------------------------------------------------------

    /** Keeps one stream open at a time, with backoff between attempts, until closed. */
    private suspend fun runConnections() {
        var failures = 0
        while (true) {
            setState(ConnectionState.Connecting)
            // The channel may be waiting out gRPC's own reconnect delay; this loop paces retries.
            client.resetConnectBackoff()
            val stream = StreamRun()
            val cause = try {
                runStream(stream)
                null
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                e
            }
            if (cause != null && cause.statusCode == Status.Code.UNAUTHENTICATED) {
                // The token expired or was revoked: reconnecting cannot help.
                finish(cause)
                return
            }
            failures = if (stream.ready.value) 1 else failures + 1
            val wait = options.backoff(failures)
            setState(ConnectionState.Reconnecting(wait, cause))
            delay(wait)
        }
    }

    /** Runs one Chat stream until it ends; throws why, or returns if the server closed it cleanly. */
    private suspend fun runStream(stream: StreamRun) {
        val frames = Channel<ChatRequest>(Channel.UNLIMITED)
        try {
            coroutineScope {
                val watchdog = launch { watch(stream, frames) }
                client.im.chat(frames.receiveAsFlow()).collect { response ->
                    stream.heard()
                    if (response.frameCase == FrameCase.READY) {
                        onReady(response.ready, frames)
                        stream.ready.value = true
                    } else {
                        onFrame(response)
                    }
                }
                watchdog.cancel()
            }
        } finally {
            frames.close()
            synchronized(lock) {
                outgoing = null
                syncs.clear()
                syncing.clear()
            }
        }
    }

    /**
     * Fails the stream if `ready` is late or the server falls silent; pings so that a live
     * server always has something to answer (and its heartbeat timeout never fires).
     */
    private suspend fun watch(stream: StreamRun, frames: SendChannel<ChatRequest>) {
        withTimeoutOrNull(options.readyTimeout) { stream.ready.first { it } }
            ?: throw ConnectionLost("no ready frame within ${options.readyTimeout}")
        var nonce = 0L
        while (true) {
            delay(options.pingInterval)
            val silence = stream.silence()
            // A healthy stream answers the last ping within the interval: 1.5 intervals of
            // silence means the connection is gone even if TCP has not noticed.
            if (silence > options.pingInterval * 1.5) throw ConnectionLost("no frame for $silence")
            frames.trySend(ChatRequest.newBuilder().setPing(Ping.newBuilder().setNonce(++nonce)).build())
        }
    }

    private fun onReady(ready: SessionReady, frames: SendChannel<ChatRequest>) {
        synchronized(lock) {
            if (closed) return
            outgoing = frames
            // The server answers frames in order: the sync's batches come before the acks of
            // the re-sent requests, and both before anything this stream sends later.
            requestSync(tracker.cursors().keys)
            for (pending in inFlight.values) frames.trySend(pending.frame)
            mutableState.value = ConnectionState.Ready(ready)
        }
    }

    private fun onFrame(response: ChatResponse) {
        synchronized(lock) {
            if (closed) return
            when (response.frameCase) {
                FrameCase.SEND_RESULT -> {
                    deliverLive(response.sendResult.message)
                    complete(response)
                }
                FrameCase.MARK_READ_RESULT,
                FrameCase.RECALL_RESULT,
                FrameCase.EDIT_RESULT,
                FrameCase.ADD_REACTION_RESULT,
                FrameCase.REMOVE_REACTION_RESULT,
                FrameCase.PIN_RESULT,
                FrameCase.UNPIN_RESULT,
                -> complete(response)
                FrameCase.SYNC_BATCH -> onSyncBatch(response.requestId, response.syncBatch)
                FrameCase.ERROR -> onFrameError(response.requestId, response.error)
                FrameCase.EVENT -> {
                    val event = response.event
                    if (event.hasMessage()) deliverLive(event.message) else eventChannel.trySend(event)
                }
                // Pongs only prove liveness (already noted); a second ready or an empty frame
                // carries nothing.
                else -> Unit
            }
        }
    }

    // --- requests -----------------------------------------------------------------------------

    /** Sends a frame now if connected, else on the next stream, and waits for its result. */
    private suspend fun request(frame: ChatRequest.Builder.() -> Unit): ChatResponse {
        val id = "r${requestIds.incrementAndGet()}"
        val pending = PendingRequest(ChatRequest.newBuilder().setRequestId(id).apply(frame).build())
        synchronized(lock) {
            if (closed) throw closedCause ?: IllegalStateException("chat session closed")
            inFlight[id] = pending
            outgoing?.trySend(pending.frame)
        }
        try {
            return pending.result.await()
        } finally {
            // Also on cancellation: a caller that gave up must not be re-sent forever.
            synchronized(lock) { inFlight.remove(id) }
        }
    }

    private fun complete(response: ChatResponse) {
        inFlight.remove(response.requestId)?.result?.complete(response)
    }

    private fun onFrameError(requestId: String, error: FrameError) {
        syncs.remove(requestId)?.let { failed ->
            // Those conversations sync again on the next gap or reconnect.
            syncing.removeAll(failed.conversations.toSet())
            return
        }
        val pending = inFlight[requestId] ?: return
        if (error.code == Status.Code.UNAVAILABLE.value()) {
            // A backend hiccup (BACKEND_UNAVAILABLE): the same frame may go through shortly.
            val wait = options.backoff(++pending.retries)
            sessionScope.launch {
                delay(wait)
                synchronized(lock) { if (inFlight[requestId] === pending) outgoing?.trySend(pending.frame) }
            }
        } else {
            inFlight.remove(requestId)
            pending.result.completeExceptionally(EasyChatException.fromFrame(error))
        }
    }

    // --- ordered delivery ---------------------------------------------------------------------

    private fun deliverLive(message: Message) {
        tracker.offerLive(message).forEach(::emitMessage)
        if (tracker.hasGap(message.conversationId)) requestSync(listOf(message.conversationId))
    }

    /** Asks the current stream for what follows the delivered seq of each conversation. */
    private fun requestSync(conversations: Collection<String>) {
        val frames = outgoing ?: return // The next stream syncs everything anyway.
        val todo = conversations.filter { it !in syncing }
        for (chunk in todo.chunked(MAX_SYNC_CURSORS)) {
            val id = "s${requestIds.incrementAndGet()}"
            val sync = SyncRequest.newBuilder().setPageSize(options.syncPageSize)
            for (conversation in chunk) {
                sync.addCursors(
                    SyncCursor.newBuilder()
                        .setConversationId(conversation)
                        .setLastSeq(tracker.lastSeq(conversation) ?: 0L),
                )
            }
            syncs[id] = SyncInFlight(chunk)
            syncing += chunk
            frames.trySend(ChatRequest.newBuilder().setRequestId(id).setSync(sync).build())
        }
    }

    private fun onSyncBatch(requestId: String, batch: SyncBatch) {
        val sync = syncs[requestId] ?: return
        sync.maxSeq[batch.conversationId] = batch.maxSeq
        tracker.offerSynced(batch.conversationId, batch.messagesList).forEach(::emitMessage)
        if (!batch.done) return
        syncs.remove(requestId)
        for (conversation in sync.conversations) {
            syncing.remove(conversation)
            val maxSeq = sync.maxSeq[conversation] ?: continue
            tracker.syncFinished(conversation, maxSeq).forEach(::emitMessage)
        }
        // Messages that arrived live past the synced range and still miss a predecessor.
        requestSync(sync.conversations.filter(tracker::hasGap))
    }

    private fun emitMessage(message: Message) {
        eventChannel.trySend(ServerEvent.newBuilder().setMessage(message).build())
    }

    /** Publishes a state of the connection loop, unless the session is already closed. */
    private fun setState(state: ConnectionState) {
        synchronized(lock) { if (!closed) mutableState.value = state }
    }

    /** Closes for good: fails waiting requests, publishes the final state, ends [events]. */
    private fun finish(cause: Throwable?) {
        val waiting = synchronized(lock) {
            if (closed) return
            closed = true
            closedCause = cause
            outgoing = null
            mutableState.value = ConnectionState.Closed(cause)
            inFlight.values.toList().also { inFlight.clear() }
        }
        val failure = cause ?: IllegalStateException("chat session closed")
        waiting.forEach { it.result.completeExceptionally(failure) }
        eventChannel.close(cause)
    }

    /** A request frame and whoever waits for its result. */
    private class PendingRequest(val frame: ChatRequest) {
        val result = CompletableDeferred<ChatResponse>()
        var retries = 0
    }

    /** One sync request: its conversations, and the max_seq each reported so far. */
    private class SyncInFlight(val conversations: List<String>) {
        val maxSeq = HashMap<String, Long>()
    }

    /** Per-stream liveness: whether it became ready and when it last said anything. */
    private class StreamRun {
        val ready = MutableStateFlow(false)

        @Volatile
        private var lastHeard = System.nanoTime()

        fun heard() {
            lastHeard = System.nanoTime()
        }

        fun silence() = (System.nanoTime() - lastHeard).nanoseconds
    }

    /** The stream looks dead although the transport has not said so. */
    private class ConnectionLost(message: String) : Exception(message)

    companion object {
        /** The server's limit of cursors per sync request. */
        private const val MAX_SYNC_CURSORS = 100

        /** A fresh client_msg_id, for callers that want to keep it for their own retries. */
        @JvmStatic
        fun newClientMsgId(): String = UUID.randomUUID().toString()
    }
}
