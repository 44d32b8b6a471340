package dev.easychat.sdk

import dev.easychat.im.v1.SessionReady
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** How a [ChatSession] connects, keeps alive and catches up. */
data class ChatSessionOptions(
    /**
     * Where the application's local store stands: conversation id → highest seq it has. The first
     * connect syncs from there; conversations not listed start at the first message seen live.
     */
    val cursors: Map<String, Long> = emptyMap(),
    /** Delay before the first reconnect; doubled after each failed attempt, up to [maxBackoff]. */
    val initialBackoff: Duration = 500.milliseconds,
    val maxBackoff: Duration = 30.seconds,
    /**
     * A ping goes out this often; a stream that stays silent (no frame at all, not even a pong)
     * for 1.5 times as long is taken as dead and replaced. Also keeps the server's heartbeat
     * timeout (90 s by default) at bay.
     */
    val pingInterval: Duration = 20.seconds,
    /** A stream whose `ready` frame does not arrive in time is dropped and retried. */
    val readyTimeout: Duration = 10.seconds,
    /** Messages per sync batch (1 to 500). */
    val syncPageSize: Int = 200,
) {
    init {
        require(initialBackoff.isPositive() && maxBackoff >= initialBackoff) { "bad backoff bounds" }
        require(pingInterval.isPositive() && readyTimeout.isPositive()) { "timeouts must be positive" }
        require(syncPageSize in 1..500) { "syncPageSize must be 1 to 500" }
    }

    /** Exponential backoff with ±20 % jitter, so many clients dropped together do not return together. */
    internal fun backoff(failures: Int): Duration {
        val exponent = (failures - 1).coerceIn(0, 30)
        val base = (initialBackoff * (1L shl exponent).toDouble()).coerceAtMost(maxBackoff)
        return base * Random.nextDouble(0.8, 1.2)
    }
}

/** Where a [ChatSession]'s stream stands. */
sealed class ConnectionState {
    /** Opening a stream (the first one, or after a drop). */
    data object Connecting : ConnectionState()

    /** The server registered the session: events flow, requests go out. */
    data class Ready(val session: SessionReady) : ConnectionState()

    /** The stream ended because of [cause]; the next attempt starts after [delay]. */
    data class Reconnecting(val delay: Duration, val cause: Throwable?) : ConnectionState()

    /**
     * For good: closed by the application ([cause] null) or refused by the server, such as an
     * expired or revoked token (UNAUTHENTICATED): log in again and open a new session.
     */
    data class Closed(val cause: Throwable?) : ConnectionState()
}
