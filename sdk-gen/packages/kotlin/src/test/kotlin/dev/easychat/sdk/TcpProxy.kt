package dev.easychat.sdk

import java.io.Closeable
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.Collections
import kotlin.concurrent.thread

/**
 * A loopback TCP relay to the server whose link the test can cut, to drop a client's connection
 * the way a network does, without the client's cooperation. While cut, it kills live
 * connections and closes new ones at once, so reconnect attempts fail until [restore].
 */
class TcpProxy(private val upstreamHost: String, private val upstreamPort: Int) : Closeable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val sockets: MutableSet<Socket> = Collections.synchronizedSet(HashSet())

    @Volatile
    private var cut = false

    /** The local port to connect to instead of the server's. */
    val port: Int get() = server.localPort

    init {
        thread(isDaemon = true, name = "proxy-accept") {
            while (!server.isClosed) {
                val client = try {
                    server.accept()
                } catch (_: Exception) {
                    break
                }
                if (cut) client.close() else relay(client)
            }
        }
    }

    /** Drops every connection and refuses new ones. */
    fun cut() {
        cut = true
        synchronized(sockets) { sockets.toList() }.forEach { runCatching { it.close() } }
    }

    /** Lets connections through again. */
    fun restore() {
        cut = false
    }

    override fun close() {
        cut()
        server.close()
    }

    private fun relay(client: Socket) {
        val upstream = try {
            Socket().apply { connect(InetSocketAddress(upstreamHost, upstreamPort), 5_000) }
        } catch (_: Exception) {
            client.close()
            return
        }
        sockets += client
        sockets += upstream
        pump(client, upstream)
        pump(upstream, client)
    }

    /** Copies one direction; when either side goes, both close. */
    private fun pump(from: Socket, to: Socket) = thread(isDaemon = true, name = "proxy-pump") {
        try {
            from.getInputStream().copyTo(to.getOutputStream(), 16 * 1024)
        } catch (_: Exception) {
            // Closed by cut() or by a peer: fall through and close both.
        } finally {
            runCatching { from.close() }
            runCatching { to.close() }
            sockets -= from
            sockets -= to
        }
    }
}
