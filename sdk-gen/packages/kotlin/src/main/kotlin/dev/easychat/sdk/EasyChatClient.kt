package dev.easychat.sdk

import dev.easychat.im.v1.ImServiceGrpcKt.ImServiceCoroutineStub
import dev.easychat.media.v1.CompleteUploadRequest
import dev.easychat.media.v1.CreateUploadRequest
import dev.easychat.media.v1.GetDownloadUrlRequest
import dev.easychat.media.v1.Media
import dev.easychat.media.v1.MediaKind
import dev.easychat.media.v1.MediaServiceGrpcKt.MediaServiceCoroutineStub
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
import java.io.IOException
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

/**
 * Entry point of the SDK: one gRPC channel to an EasyChat server, the logged-in user's token, and
 * coroutine stubs for the four services that send `authorization: Bearer <token>` on every call.
 *
 * ```
 * val client = EasyChatClient.forAddress("127.0.0.1:50051")
 * client.login("+8613800000000", "secret-password")
 * val friends = client.social.listFriends(ListFriendsRequest.getDefaultInstance())
 * ```
 *
 * The generated stubs stay fully available ([users], [social], [im], [media]); this class only
 * adds what they lack: keeping the token, opening a [ChatSession], and moving media bytes over
 * HTTP ([uploadMedia], [downloadMedia]).
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

    /**
     * MediaService: uploads of images, files and voice clips, and download URLs. [uploadMedia]
     * and [downloadMedia] also do the HTTP transfer that goes with them.
     */
    val media = MediaServiceCoroutineStub(authenticated)

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
     * Uploads [data] as one media item and returns it completed, ready for
     * [ChatSession.sendMedia]: CreateUpload declares its [kind], [mimeType], size, SHA-256 and
     * [fileName] (optional, shown on file messages); the bytes go to the returned pre-signed URL
     * in an HTTP PUT with the returned headers (the JDK's HttpClient, Java 11+); CompleteUpload
     * then has the server check size, checksum and, for an image, its real format, and fill in
     * its width and height.
     *
     * Fails with a StatusException whose [errorReason] says why (MEDIA_TYPE_NOT_ALLOWED,
     * MEDIA_TOO_LARGE, MEDIA_QUOTA_EXCEEDED, MEDIA_MISMATCH, …), or a [MediaTransferException]
     * (HTTP status and body) when the store refuses the PUT.
     */
    suspend fun uploadMedia(data: ByteArray, kind: MediaKind, mimeType: String, fileName: String = ""): Media {
        val upload = media.createUpload(
            CreateUploadRequest.newBuilder()
                .setKind(kind)
                .setMimeType(mimeType)
                .setSize(data.size.toLong())
                .setSha256(sha256Hex(data))
                .setFileName(fileName)
                .build(),
        )
        MediaHttp.upload(upload.uploadMethod.ifEmpty { "PUT" }, upload.uploadUrl, upload.uploadHeadersMap, data)
        return media.completeUpload(CompleteUploadRequest.newBuilder().setMediaId(upload.media.mediaId).build()).media
    }

    /**
     * Downloads a media item's bytes: GetDownloadUrl, then an HTTP GET of the short-lived URL.
     * The uploader and the members of a conversation it was sent to may; anyone else gets a
     * StatusException with [errorReason] MEDIA_NOT_SHARED (PERMISSION_DENIED). A non-2xx answer
     * to the GET is a [MediaTransferException].
     */
    suspend fun downloadMedia(mediaId: String): ByteArray {
        val link = media.getDownloadUrl(GetDownloadUrlRequest.newBuilder().setMediaId(mediaId).build())
        val data = MediaHttp.download(link.url)
        if (data.size.toLong() != link.media.size) {
            throw IOException("media $mediaId: downloaded ${data.size} bytes of ${link.media.size}")
        }
        return data
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

/** Lowercase hex SHA-256, as CreateUpload takes it. */
private fun sha256Hex(data: ByteArray): String =
    MessageDigest.getInstance("SHA-256").digest(data).joinToString("") { "%02x".format(it.toInt() and 0xff) }
