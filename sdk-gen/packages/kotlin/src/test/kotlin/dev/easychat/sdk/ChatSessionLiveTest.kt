package dev.easychat.sdk

import dev.easychat.im.v1.Message
import dev.easychat.im.v1.PinEvent
import dev.easychat.im.v1.PinnedMessage
import dev.easychat.im.v1.ReactionCount
import dev.easychat.im.v1.ReactionEvent
import dev.easychat.im.v1.ReadReceiptEvent
import dev.easychat.im.v1.ServerEvent
import dev.easychat.media.v1.CreateUploadRequest
import dev.easychat.media.v1.MediaKind
import dev.easychat.social.v1.HandleFriendRequestRequest
import dev.easychat.social.v1.ListFriendsRequest
import dev.easychat.social.v1.SendFriendRequestRequest
import io.grpc.ManagedChannelBuilder
import io.grpc.Status
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test
import java.security.MessageDigest
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * The SDK against a live server (EASYCHAT_ADDR, exported by sdk-gen/test-all): two users befriend,
 * chat both ways in real time, one loses its connection while the other writes, reconnects and
 * catches up without gaps or repeats, and a read receipt comes back; then replies, reactions,
 * edits, pins and mentions; and an image uploaded, sent, downloaded by the friend and refused to a
 * stranger.
 */
class ChatSessionLiveTest {
    private val address: String = System.getenv("EASYCHAT_ADDR")
        ?.takeIf { it.isNotBlank() }
        ?: fail("EASYCHAT_ADDR is not set: run through sdk-gen/test-all, or start `easychat serve` and export it")

    private val closing = ArrayList<AutoCloseable>()

    @AfterEach
    fun tearDown() {
        closing.asReversed().forEach { runCatching { it.close() } }
    }

    private fun <T : AutoCloseable> T.closeLater(): T = also { closing += it }

    @Test
    fun `chat both ways, survive a dropped connection, sync without gaps, get a read receipt`(): Unit = runBlocking {
        withTimeout(60.seconds) {
            val (host, port) = address.substringBeforeLast(":") to address.substringAfterLast(":").toInt()
            val proxy = TcpProxy(host, port).closeLater()
            val alice = EasyChatClient.forAddress(address).closeLater()
            // Bob goes through the proxy, so the test can cut his network.
            val bobChannel = ManagedChannelBuilder.forAddress("127.0.0.1", proxy.port).usePlaintext().build()
            val bob = EasyChatClient(bobChannel, bobChannel).closeLater()

            val aliceUser = alice.register(randomPhone(), "alice-password", "Alice")
            val bobUser = bob.register(randomPhone(), "bob-password", "Bob")

            // Befriend: Alice asks, Bob accepts.
            val request = alice.social.sendFriendRequest(
                SendFriendRequestRequest.newBuilder().setUserId(bobUser.userId).setMessage("hi, it's Alice").build(),
            ).request
            bob.social.handleFriendRequest(
                HandleFriendRequestRequest.newBuilder().setRequestId(request.requestId).setAccept(true).build(),
            )
            val conversation = listOf(aliceUser.userId, bobUser.userId).sorted().let { "s_${it[0]}_${it[1]}" }
            val friend = alice.social.listFriends(ListFriendsRequest.getDefaultInstance()).friendsList.single()
            assertEquals(conversation, friend.conversationId, "single conversation id")

            coroutineScope {
                val fast = ChatSessionOptions(initialBackoff = 100.milliseconds, maxBackoff = 1.seconds)
                val aliceSession = alice.chatSession(this, fast).closeLater()
                val bobSession = bob.chatSession(this, fast).closeLater()
                val aliceInbox = Inbox(aliceSession, this)
                val bobInbox = Inbox(bobSession, this)
                aliceSession.awaitReady()
                bobSession.awaitReady()

                // Real time, both ways. Own sends show up in the sender's timeline via the ack.
                assertEquals(1L, aliceSession.sendText(conversation, "hello Bob").seq)
                assertEquals("hello Bob", bobInbox.nextMessage().content.text.text)
                assertEquals(1L, aliceInbox.nextMessage().seq)
                bobSession.sendText(conversation, "hello Alice")
                assertEquals("hello Alice", aliceInbox.nextMessage().content.text.text)
                assertEquals(2L, bobInbox.nextMessage().seq)

                // Bob's network goes down while Alice keeps writing, and Bob writes too.
                proxy.cut()
                bobSession.state.first { it !is ConnectionState.Ready }
                val missed = (1..3).map { aliceSession.sendText(conversation, "while you were away $it") }
                assertEquals(listOf(3L, 4L, 5L), missed.map { it.seq })
                val offlineSend = async { bobSession.sendText(conversation, "sent while offline") }

                // Back online: Bob's session reconnects by itself, syncs 3..5, then its queued
                // send goes through, stored once thanks to its client_msg_id.
                proxy.restore()
                assertEquals(6L, withTimeout(20.seconds) { offlineSend.await() }.seq)
                aliceSession.sendText(conversation, "welcome back")

                val aliceTimeline = (1..5).map { aliceInbox.nextMessage() }
                assertEquals(listOf(3L, 4L, 5L, 6L, 7L), aliceTimeline.map { it.seq })
                assertEquals("sent while offline", aliceTimeline[3].content.text.text)
                val bobTimeline = (1..5).map { bobInbox.nextMessage() }
                assertEquals(listOf(3L, 4L, 5L, 6L, 7L), bobTimeline.map { it.seq }, "every seq once, in order")
                assertEquals("while you were away 1", bobTimeline[0].content.text.text)
                assertEquals("welcome back", bobTimeline[4].content.text.text)
                assertEquals(7L, bobSession.lastSeq(conversation))

                // Bob reads everything; Alice is told.
                bobSession.markRead(conversation, 7)
                val receipt = withTimeout(10.seconds) { aliceInbox.receipts.receive() }
                assertEquals(conversation, receipt.conversationId)
                assertEquals(7L, receipt.positionsList.single { it.userId == bobUser.userId }.readSeq)

                // Nothing was delivered twice.
                assertTrue(aliceInbox.messages.isEmpty, "no repeated message for Alice")
                assertTrue(bobInbox.messages.isEmpty, "no repeated message for Bob")
                // Closing ends the sessions' event flows, and with them the inbox collectors.
                aliceSession.close()
                bobSession.close()
            }
        }
    }

    @Test
    fun `reply quoting a message, react to it, edit it, take the reaction back, pin it, mention`(): Unit = runBlocking {
        withTimeout(60.seconds) {
            val alice = EasyChatClient.forAddress(address).closeLater()
            val bob = EasyChatClient.forAddress(address).closeLater()
            val aliceId = alice.register(randomPhone(), "alice-password", "Alice").userId
            val bobId = bob.register(randomPhone(), "bob-password", "Bob").userId
            val request = alice.social.sendFriendRequest(
                SendFriendRequestRequest.newBuilder().setUserId(bobId).build(),
            ).request
            bob.social.handleFriendRequest(
                HandleFriendRequestRequest.newBuilder().setRequestId(request.requestId).setAccept(true).build(),
            )
            val conversation = listOf(aliceId, bobId).sorted().let { "s_${it[0]}_${it[1]}" }

            coroutineScope {
                val aliceSession = alice.chatSession(this).closeLater()
                val bobSession = bob.chatSession(this).closeLater()
                val aliceInbox = Inbox(aliceSession, this)
                val bobInbox = Inbox(bobSession, this)
                aliceSession.awaitReady()
                bobSession.awaitReady()

                val original = aliceSession.sendText(conversation, "lunch at noon?")
                val answer = bobSession.sendText(conversation, "yes", replyTo = original.messageId)
                val quote = answer.replyTo
                assertEquals(original.messageId, quote.messageId)
                assertEquals("lunch at noon?", quote.snippet)
                assertEquals(original.seq, quote.seq)
                assertEquals(aliceId, quote.senderId)
                val received = (1..2).map { aliceInbox.nextMessage() }.last()
                assertEquals(original.messageId, received.replyTo.messageId, "Alice receives the quote")

                assertEquals(listOf(Triple("🎉", 1L, true)), counts(bobSession.addReaction(original.messageId, "🎉")))
                val added = withTimeout(10.seconds) { aliceInbox.reactions.receive() }
                assertEquals(original.messageId, added.messageId)
                assertEquals(bobId, added.userId)
                assertEquals("🎉", added.emoji)
                assertTrue(added.added)
                assertEquals(listOf(Triple("🎉", 1L, false)), counts(added.reactionsList))

                val edited = aliceSession.edit(original.messageId, "lunch at one?")
                assertEquals("lunch at one?", edited.content.text.text)
                assertTrue(edited.hasEditTime(), "an edited message has its edit time")
                assertEquals(original.seq, edited.seq)
                val seen = withTimeout(10.seconds) { bobInbox.edits.receive() }
                assertEquals(original.messageId, seen.messageId)
                assertEquals("lunch at one?", seen.content.text.text)
                assertTrue(seen.hasEditTime())

                assertEquals(emptyList<ReactionCount>(), bobSession.removeReaction(original.messageId, "🎉"))
                val removed = withTimeout(10.seconds) { aliceInbox.reactions.receive() }
                assertEquals("🎉", removed.emoji)
                assertTrue(!removed.added && removed.reactionsList.isEmpty(), "the reaction is gone")

                val pinned = aliceSession.pin(original.messageId)
                assertEquals(listOf(original.messageId to aliceId), pinned.map { it.message.messageId to it.pinnedBy })
                val pin = withTimeout(10.seconds) { bobInbox.pins.receive() }
                assertEquals(conversation, pin.conversationId)
                assertEquals(original.messageId, pin.messageId)
                assertEquals(original.seq, pin.seq)
                assertEquals(aliceId, pin.userId)
                assertTrue(pin.pinned)
                assertEquals(emptyList<PinnedMessage>(), bobSession.unpin(original.messageId))
                // Alice's own pin came to her session too: the unpin follows it.
                val unpin = withTimeout(10.seconds) {
                    var event = aliceInbox.pins.receive()
                    while (event.pinned) event = aliceInbox.pins.receive()
                    event
                }
                assertEquals(original.messageId, unpin.messageId)
                assertEquals(bobId, unpin.userId)

                val mention = aliceSession.sendText(conversation, "bob, see above", mentions = listOf(bobId))
                assertEquals(listOf(bobId), mention.mentionedUserIdsList)
                assertTrue(!mention.mentionsAll)
                val mentioned = withTimeout(10.seconds) {
                    var message = bobInbox.nextMessage()
                    while (message.messageId != mention.messageId) message = bobInbox.nextMessage()
                    message
                }
                assertEquals(listOf(bobId), mentioned.mentionedUserIdsList, "Bob receives the mention")

                aliceSession.close()
                bobSession.close()
            }
        }
    }

    @Test
    fun `upload an image, send it, the friend downloads the same bytes, a stranger may not`(): Unit = runBlocking {
        withTimeout(60.seconds) {
            val alice = EasyChatClient.forAddress(address).closeLater()
            val bob = EasyChatClient.forAddress(address).closeLater()
            val carol = EasyChatClient.forAddress(address).closeLater()
            val aliceId = alice.register(randomPhone(), "alice-password", "Alice").userId
            val bobId = bob.register(randomPhone(), "bob-password", "Bob").userId
            carol.register(randomPhone(), "carol-password", "Carol")
            val request = alice.social.sendFriendRequest(
                SendFriendRequestRequest.newBuilder().setUserId(bobId).build(),
            ).request
            bob.social.handleFriendRequest(
                HandleFriendRequestRequest.newBuilder().setRequestId(request.requestId).setAccept(true).build(),
            )
            val conversation = listOf(aliceId, bobId).sorted().let { "s_${it[0]}_${it[1]}" }

            // Create, PUT, complete: the server read the PNG's header for its pixel size.
            val uploaded = alice.uploadMedia(TINY_PNG, MediaKind.MEDIA_KIND_IMAGE, "image/png", "dot.png")
            assertTrue(uploaded.completed, "the upload is completed")
            assertTrue(uploaded.mediaId.isNotEmpty())
            assertEquals(MediaKind.MEDIA_KIND_IMAGE, uploaded.kind)
            assertEquals("image/png", uploaded.mimeType)
            assertEquals(TINY_PNG.size.toLong(), uploaded.size)
            assertEquals(1 to 1, uploaded.width to uploaded.height, "width and height")
            assertEquals(aliceId, uploaded.uploaderId)
            val sha256 = MessageDigest.getInstance("SHA-256").digest(TINY_PNG).joinToString("") { "%02x".format(it) }
            assertEquals(sha256, uploaded.sha256, "the helper declared the checksum")
            assertArrayEquals(TINY_PNG, alice.downloadMedia(uploaded.mediaId), "the uploader may download it")

            // A PUT the store refuses (too few bytes) is reported with its HTTP status and body.
            val reserved = alice.media.createUpload(
                CreateUploadRequest.newBuilder()
                    .setKind(MediaKind.MEDIA_KIND_IMAGE)
                    .setMimeType("image/png")
                    .setSize(TINY_PNG.size.toLong())
                    .build(),
            )
            val short = TINY_PNG.copyOf(10)
            val failure = runCatching { MediaHttp.upload("PUT", reserved.uploadUrl, reserved.uploadHeadersMap, short) }
            val refusedPut = failure.exceptionOrNull() as? MediaTransferException ?: fail("not refused: $failure")
            assertEquals(400, refusedPut.httpStatus)
            assertTrue("${TINY_PNG.size} bytes" in refusedPut.body, "the store says why: ${refusedPut.body}")

            coroutineScope {
                val aliceSession = alice.chatSession(this).closeLater()
                val bobSession = bob.chatSession(this).closeLater()
                val bobInbox = Inbox(bobSession, this)
                aliceSession.awaitReady()
                bobSession.awaitReady()

                val sent = aliceSession.sendMedia(conversation, uploaded)
                assertTrue(sent.content.hasImage(), "an image message")
                val image = sent.content.image
                assertEquals(uploaded.mediaId, image.mediaId)
                assertEquals(Triple(1, 1, TINY_PNG.size.toLong()), Triple(image.width, image.height, image.size))
                assertEquals("", image.url, "named by media id, not by URL")

                val received = bobInbox.nextMessage()
                assertEquals(sent.messageId, received.messageId)
                assertEquals(uploaded.mediaId, received.content.image.mediaId)
                val downloaded = bob.downloadMedia(received.content.image.mediaId)
                assertArrayEquals(TINY_PNG, downloaded, "Bob gets the same bytes")

                aliceSession.close()
                bobSession.close()
            }

            // Carol is in no conversation the image was sent to.
            val refused = runCatching { carol.downloadMedia(uploaded.mediaId) }.exceptionOrNull()
            assertEquals(Status.Code.PERMISSION_DENIED, refused?.statusCode, "refused: $refused")
            assertEquals("MEDIA_NOT_SHARED", refused?.errorReason)
        }
    }

    /** (emoji, count, reacted by me) of each reaction. */
    private fun counts(reactions: List<ReactionCount>) = reactions.map { Triple(it.emoji, it.count, it.reactedByMe) }

    /** Splits one session's events into the kinds the test waits for. */
    private class Inbox(session: ChatSession, scope: CoroutineScope) {
        val messages = Channel<Message>(Channel.UNLIMITED)
        val receipts = Channel<ReadReceiptEvent>(Channel.UNLIMITED)
        val edits = Channel<Message>(Channel.UNLIMITED)
        val reactions = Channel<ReactionEvent>(Channel.UNLIMITED)
        val pins = Channel<PinEvent>(Channel.UNLIMITED)

        init {
            scope.launch {
                session.events.collect { event ->
                    when (event.eventCase) {
                        ServerEvent.EventCase.MESSAGE -> messages.send(event.message)
                        ServerEvent.EventCase.READ_RECEIPT -> receipts.send(event.readReceipt)
                        ServerEvent.EventCase.EDIT -> edits.send(event.edit.message)
                        ServerEvent.EventCase.REACTION -> reactions.send(event.reaction)
                        ServerEvent.EventCase.PIN -> pins.send(event.pin)
                        else -> Unit // Presence and typing are not under test here.
                    }
                }
            }
        }

        suspend fun nextMessage(): Message = withTimeout(10.seconds) { messages.receive() }
    }

    private companion object {
        /** A real 1×1 PNG (one red pixel), 70 bytes: the server checks the format and reads its size. */
        val TINY_PNG: ByteArray = (
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489" +
                "0000000d4944415478da63f8cfc0f01f00050001ff56c72f0d0000000049454e44ae426082"
            ).chunked(2).map { it.toInt(16).toByte() }.toByteArray()
    }

    private fun randomPhone() = "+86" + (1..11).joinToString("") { Random.nextInt(10).toString() }
}
