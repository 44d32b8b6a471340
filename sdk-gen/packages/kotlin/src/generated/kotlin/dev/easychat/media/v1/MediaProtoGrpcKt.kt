package dev.easychat.media.v1

import dev.easychat.media.v1.MediaServiceGrpc.getServiceDescriptor
import io.grpc.CallOptions
import io.grpc.CallOptions.DEFAULT
import io.grpc.Channel
import io.grpc.Metadata
import io.grpc.MethodDescriptor
import io.grpc.ServerServiceDefinition
import io.grpc.ServerServiceDefinition.builder
import io.grpc.ServiceDescriptor
import io.grpc.Status.UNIMPLEMENTED
import io.grpc.StatusException
import io.grpc.kotlin.AbstractCoroutineServerImpl
import io.grpc.kotlin.AbstractCoroutineStub
import io.grpc.kotlin.ClientCalls.unaryRpc
import io.grpc.kotlin.ServerCalls.unaryServerMethodDefinition
import io.grpc.kotlin.StubFor
import kotlin.String
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.jvm.JvmOverloads
import kotlin.jvm.JvmStatic

/**
 * Holder for Kotlin coroutine-based client and server APIs for easychat.media.v1.MediaService.
 */
public object MediaServiceGrpcKt {
  public const val SERVICE_NAME: String = MediaServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val createUploadMethod: MethodDescriptor<CreateUploadRequest, CreateUploadResponse>
    @JvmStatic
    get() = MediaServiceGrpc.getCreateUploadMethod()

  public val completeUploadMethod: MethodDescriptor<CompleteUploadRequest, CompleteUploadResponse>
    @JvmStatic
    get() = MediaServiceGrpc.getCompleteUploadMethod()

  public val getDownloadUrlMethod: MethodDescriptor<GetDownloadUrlRequest, GetDownloadUrlResponse>
    @JvmStatic
    get() = MediaServiceGrpc.getGetDownloadUrlMethod()

  /**
   * A stub for issuing RPCs to a(n) easychat.media.v1.MediaService service as suspending coroutines.
   */
  @StubFor(MediaServiceGrpc::class)
  public class MediaServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<MediaServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): MediaServiceCoroutineStub = MediaServiceCoroutineStub(channel, callOptions)

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun createUpload(request: CreateUploadRequest, headers: Metadata = Metadata()): CreateUploadResponse = unaryRpc(
      channel,
      MediaServiceGrpc.getCreateUploadMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun completeUpload(request: CompleteUploadRequest, headers: Metadata = Metadata()): CompleteUploadResponse = unaryRpc(
      channel,
      MediaServiceGrpc.getCompleteUploadMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun getDownloadUrl(request: GetDownloadUrlRequest, headers: Metadata = Metadata()): GetDownloadUrlResponse = unaryRpc(
      channel,
      MediaServiceGrpc.getGetDownloadUrlMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the easychat.media.v1.MediaService service based on Kotlin coroutines.
   */
  public abstract class MediaServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for easychat.media.v1.MediaService.CreateUpload.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun createUpload(request: CreateUploadRequest): CreateUploadResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.media.v1.MediaService.CreateUpload is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.media.v1.MediaService.CompleteUpload.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun completeUpload(request: CompleteUploadRequest): CompleteUploadResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.media.v1.MediaService.CompleteUpload is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.media.v1.MediaService.GetDownloadUrl.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getDownloadUrl(request: GetDownloadUrlRequest): GetDownloadUrlResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.media.v1.MediaService.GetDownloadUrl is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MediaServiceGrpc.getCreateUploadMethod(),
      implementation = ::createUpload
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MediaServiceGrpc.getCompleteUploadMethod(),
      implementation = ::completeUpload
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MediaServiceGrpc.getGetDownloadUrlMethod(),
      implementation = ::getDownloadUrl
    )).build()
  }
}
