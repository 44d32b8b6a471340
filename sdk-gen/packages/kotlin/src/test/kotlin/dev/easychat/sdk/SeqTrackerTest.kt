package dev.easychat.sdk

import dev.easychat.im.v1.Message
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The ordering rules of [SeqTracker], without a server. */
class SeqTrackerTest {
    private val conversation = "s_a_b"

    private fun message(seq: Long) = Message.newBuilder().setConversationId(conversation).setSeq(seq).build()

    private fun List<Message>.seqs() = map { it.seq }

    @Test
    fun `first message of an unknown conversation starts its timeline`() {
        val tracker = SeqTracker()
        assertEquals(listOf(5L), tracker.offerLive(message(5)).seqs())
        assertEquals(listOf(6L), tracker.offerLive(message(6)).seqs())
        assertEquals(emptyList<Long>(), tracker.offerLive(message(6)).seqs(), "repeat dropped")
    }

    @Test
    fun `message past a gap waits for the sync that fills it`() {
        val tracker = SeqTracker(mapOf(conversation to 2L))
        assertEquals(emptyList<Long>(), tracker.offerLive(message(5)).seqs())
        assertTrue(tracker.hasGap(conversation))
        // The sync replays 3..5; 5 is delivered once, from whichever copy comes first.
        assertEquals(listOf(3L, 4L, 5L), tracker.offerSynced(conversation, listOf(message(3), message(4), message(5))).seqs())
        assertEquals(emptyList<Long>(), tracker.syncFinished(conversation, 5).seqs())
        assertFalse(tracker.hasGap(conversation))
        assertEquals(5L, tracker.lastSeq(conversation))
    }

    @Test
    fun `live message filling the gap releases the held ones in order`() {
        val tracker = SeqTracker(mapOf(conversation to 1L))
        assertEquals(emptyList<Long>(), tracker.offerLive(message(3)).seqs())
        assertEquals(emptyList<Long>(), tracker.offerLive(message(4)).seqs())
        assertEquals(listOf(2L, 3L, 4L), tracker.offerLive(message(2)).seqs())
        assertEquals(emptyList<Long>(), tracker.offerSynced(conversation, listOf(message(2), message(3))).seqs())
    }

    @Test
    fun `seqs the sync skips are invisible and passed over`() {
        val tracker = SeqTracker(mapOf(conversation to 1L))
        tracker.offerLive(message(5))
        // 2 and 4 were deleted for this user: the batch skips them, max_seq covers them.
        assertEquals(listOf(3L), tracker.offerSynced(conversation, listOf(message(3))).seqs())
        assertEquals(listOf(5L), tracker.syncFinished(conversation, 4).seqs())
        assertEquals(mapOf(conversation to 5L), tracker.cursors())
    }
}
