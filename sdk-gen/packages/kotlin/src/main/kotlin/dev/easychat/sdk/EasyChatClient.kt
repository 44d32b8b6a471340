package dev.easychat.sdk

import dev.easychat.im.v1.ImServiceGrpcKt.ImServiceCoroutineStub
import dev.easychat.social.v1.SocialServiceGrpcKt.SocialServiceCoroutineStub
import dev.easychat.user.v1.LoginRequest
import dev.easychat.user.v1.LogoutRequest
import dev.easychat.user.v1.RegisterRequest
import dev.easychat.user.v1.User
import dev.easychat.user.v1.UserServiceGrpcKt.UserServiceCoroutineStub
import io.grpc.Channel
import io.grpc.ClientInterceptors
import io.grpc.ManagedChannel
import io.grpc.ManagedChannelBuilder
import kotlinx.coroutines.CoroutineScope
import java.io.Closeable
import java.util.concurrent.TimeUnit

/**
 * Entry point of the SDK: one gRPC channel to an EasyChat server, the logged-in user's token, and
 * coroutine stubs for the three services that send `authorization: Bearer <token>` on every call.
 *
 * ```
 * val client = EasyChatClient.forAddress("127.0.0.1:50051")
 * client.login("+8613800000000", "secret-password")
 * val friends = client.social.listFriends(ListFriendsRequest.getDefaultInstance())
 * ```
 *
 * The generated stubs stay fully available ([users], [social], [im]); this class only adds what
 * they lack: keeping the token, and opening a [ChatSession].
 */
class EasyChatClient(
    private val channel: Channel,
    /** Shut down by [close] when the client created the channel itself. */
    private val ownedChannel: ManagedChannel? = null,
) : Closeable {
    /**
     * Bearer token sent with every call; set by [register] and [login], or by the application
     * when it restores a saved login. Null sends no authorization (Register and Login need none).
     */
    @Volatile
    var token: String? = null

    /** The logged-in user, once [register] or [login] succeeded. */
    @Volatile
    var user: User? = null
        private set

    private val authenticated: Channel = ClientInterceptors.intercept(channel, BearerTokenInterceptor { token })

    /** UserService: profiles, passwords, search. */
    val users = UserServiceCoroutineStub(authenticated)

    /** SocialService: friends, friend requests, groups. */
    val social = SocialServiceCoroutineStub(authenticated)

    /** ImService: conversations, history, unary sends; prefer [chatSession] for real time. */
    val im = ImServiceCoroutineStub(authenticated)

    /** Creates an account and logs in as it. */
    suspend fun register(phone: String, password: String, nickname: String): User {
        val response = users.register(
            RegisterRequest.newBuilder().setPhone(phone).setPassword(password).setNickname(nickname).build(),
        )
        token = response.token
        user = response.user
        return response.user
    }

    /** Logs in with a phone number and password; later calls carry the new token. */
    suspend fun login(phone: String, password: String): User {
        val response = users.login(LoginRequest.newBuilder().setPhone(phone).setPassword(password).build())
        token = response.token
        user = response.user
        return response.user
    }

    /** Revokes the token on the server and forgets it. */
    suspend fun logout() {
        users.logout(LogoutRequest.getDefaultInstance())
        token = null
        user = null
    }

    /**
     * Opens a real-time [ChatSession] running in [scope]; it connects at once and keeps
     * reconnecting until closed (or until the token is rejected).
     */
    fun chatSession(scope: CoroutineScope, options: ChatSessionOptions = ChatSessionOptions()): ChatSession =
        ChatSession(this, scope, options)

    /**
     * Lets the channel try to connect now instead of waiting out gRPC's own reconnect delay:
     * [ChatSession] paces its reconnects itself.
     */
    internal fun resetConnectBackoff() {
        (channel as? ManagedChannel)?.resetConnectBackoff()
    }

    /** Shuts down the channel if this client created it. */
    override fun close() {
        ownedChannel?.let {
            it.shutdown()
            if (!it.awaitTermination(5, TimeUnit.SECONDS)) it.shutdownNow()
        }
    }

    companion object {
        /**
         * Connects to `host:port`. Plaintext suits a local or in-cluster server; pass
         * `plaintext = false` for TLS.
         */
        @JvmStatic
        @JvmOverloads
        fun forAddress(target: String, plaintext: Boolean = true): EasyChatClient {
            val builder = ManagedChannelBuilder.forTarget(target).userAgent("easychat-kotlin/${SdkVersion.VERSION}")
            if (plaintext) builder.usePlaintext() else builder.useTransportSecurity()
            val channel = builder.build()
            return EasyChatClient(channel, channel)
        }
    }
}
