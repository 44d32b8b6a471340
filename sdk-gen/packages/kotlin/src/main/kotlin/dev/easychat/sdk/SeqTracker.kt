package dev.easychat.sdk

import dev.easychat.im.v1.Message
import java.util.TreeMap

/**
 * Turns the messages a session receives — pushed live, acked after its own sends, and replayed
 * by sync, in any mix and with repeats — into each conversation's timeline: every seq once, in
 * ascending order.
 *
 * A message past a gap is held back until the gap is filled; the caller then syncs that
 * conversation ([hasGap]). Not thread-safe: [ChatSession] guards it with its lock.
 */
internal class SeqTracker(initialCursors: Map<String, Long> = emptyMap()) {
    /** Highest seq delivered, per conversation. */
    private val delivered = HashMap(initialCursors)

    /** Messages received past a gap, per conversation, by seq. */
    private val held = HashMap<String, TreeMap<Long, Message>>()

    /** The highest seq delivered in [conversationId], or null if the conversation is unknown. */
    fun lastSeq(conversationId: String): Long? = delivered[conversationId]

    /** Every known conversation with its highest delivered seq: the cursors of the next sync. */
    fun cursors(): Map<String, Long> = HashMap(delivered)

    /** Whether [conversationId] holds messages waiting for missing seqs (it needs a sync). */
    fun hasGap(conversationId: String): Boolean = held[conversationId]?.isNotEmpty() == true

    /**
     * A message seen live (a pushed event or the ack of an own send). Returns the messages now
     * deliverable, in order: none when it is a repeat or sits past a gap.
     */
    fun offerLive(message: Message): List<Message> {
        val conversation = message.conversationId
        val last = delivered[conversation]
        if (last == null) {
            // First sight of this conversation: the timeline starts here. Callers who want the
            // history before it pass a cursor (ChatSessionOptions.cursors) or page ListMessages.
            delivered[conversation] = message.seq
            return listOf(message)
        }
        if (message.seq <= last) return emptyList()
        held.getOrPut(conversation) { TreeMap() }.putIfAbsent(message.seq, message)
        return drain(conversation)
    }

    /**
     * Messages of one sync batch. A batch is consecutive "as the caller may see them", so a seq it
     * skips (deleted for the user, cleared) will never come and is passed over.
     */
    fun offerSynced(conversationId: String, messages: List<Message>): List<Message> {
        val out = ArrayList<Message>(messages.size)
        for (message in messages) {
            if (message.seq > (delivered[conversationId] ?: 0L)) {
                delivered[conversationId] = message.seq
                out += message
            }
        }
        return out + drain(conversationId)
    }

    /**
     * A sync of [conversationId] finished with the conversation at [maxSeq]. The server reads
     * max_seq before the page, so every visible seq up to it was in the batches: whatever is
     * still missing up to there is invisible to this user and the timeline moves past it.
     */
    fun syncFinished(conversationId: String, maxSeq: Long): List<Message> {
        val last = delivered[conversationId] ?: 0L
        if (maxSeq > last) delivered[conversationId] = maxSeq
        return drain(conversationId)
    }

    /** Delivers the held messages that now follow on, and drops held repeats. */
    private fun drain(conversationId: String): List<Message> {
        val waiting = held[conversationId] ?: return emptyList()
        val out = ArrayList<Message>()
        var last = delivered[conversationId] ?: 0L
        while (waiting.isNotEmpty()) {
            val next = waiting.firstKey()
            when {
                next <= last -> waiting.remove(next)
                next == last + 1 -> {
                    out += waiting.remove(next)!!
                    last = next
                }
                else -> break
            }
        }
        delivered[conversationId] = last
        if (waiting.isEmpty()) held.remove(conversationId)
        return out
    }
}
