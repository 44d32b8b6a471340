package dev.easychat.sdk

import com.google.rpc.ErrorInfo
import dev.easychat.im.v1.FrameError
import io.grpc.Status
import io.grpc.protobuf.StatusProto
import java.io.IOException

/**
 * An EasyChat error: a gRPC status code plus the stable `reason` listed in docs/errors.md
 * (for example `NOT_FRIENDS`). Switch on [reason]; show [message].
 */
class EasyChatException(
    val code: Status.Code,
    /** The google.rpc.ErrorInfo reason; empty when the server gave none. */
    val reason: String,
    message: String,
    cause: Throwable? = null,
) : Exception("$code${if (reason.isEmpty()) "" else " ($reason)"}: $message", cause) {
    companion object {
        /** The error a Chat stream reports for one of its frames. */
        internal fun fromFrame(error: FrameError): EasyChatException =
            EasyChatException(Status.fromCodeValue(error.code).code, error.reason, error.message)
    }
}

/**
 * The HTTP half of a media transfer ([EasyChatClient.uploadMedia]'s PUT to the pre-signed URL,
 * [EasyChatClient.downloadMedia]'s GET) was answered with a non-2xx [httpStatus]. [body] is the
 * store's explanation (plain text from the server's embedded store, XML from S3), such as an
 * expired URL or a wrong size. An IOException, like the transport failures of the same request.
 */
class MediaTransferException(
    /** `PUT` or `GET`. */
    val method: String,
    val httpStatus: Int,
    val body: String,
) : IOException("media $method failed: HTTP $httpStatus${if (body.isBlank()) "" else ": ${body.trim().take(500)}"}")

/**
 * The ErrorInfo reason carried by a failed call (grpc-status-details-bin) or a frame error, or
 * null when there is none: `catch (e: StatusException) { if (e.errorReason == "PHONE_TAKEN") … }`.
 */
val Throwable.errorReason: String?
    get() {
        if (this is EasyChatException) return reason.ifEmpty { null }
        val details = StatusProto.fromThrowable(this) ?: return null
        return details.detailsList
            .firstOrNull { it.`is`(ErrorInfo::class.java) }
            ?.unpack(ErrorInfo::class.java)
            ?.reason
    }

/** The gRPC status code of a failure, UNKNOWN when it is not a gRPC error. */
val Throwable.statusCode: Status.Code
    get() = if (this is EasyChatException) code else Status.fromThrowable(this).code
