package dev.easychat.im.v1

import dev.easychat.im.v1.ImServiceGrpc.getServiceDescriptor
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
import io.grpc.kotlin.ClientCalls.bidiStreamingRpc
import io.grpc.kotlin.ClientCalls.serverStreamingRpc
import io.grpc.kotlin.ClientCalls.unaryRpc
import io.grpc.kotlin.ServerCalls.bidiStreamingServerMethodDefinition
import io.grpc.kotlin.ServerCalls.serverStreamingServerMethodDefinition
import io.grpc.kotlin.ServerCalls.unaryServerMethodDefinition
import io.grpc.kotlin.StubFor
import kotlin.String
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.jvm.JvmOverloads
import kotlin.jvm.JvmStatic
import kotlinx.coroutines.flow.Flow

/**
 * Holder for Kotlin coroutine-based client and server APIs for easychat.im.v1.ImService.
 */
public object ImServiceGrpcKt {
  public const val SERVICE_NAME: String = ImServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val listConversationsMethod:
      MethodDescriptor<ListConversationsRequest, ListConversationsResponse>
    @JvmStatic
    get() = ImServiceGrpc.getListConversationsMethod()

  public val getConversationMethod:
      MethodDescriptor<GetConversationRequest, GetConversationResponse>
    @JvmStatic
    get() = ImServiceGrpc.getGetConversationMethod()

  public val updateConversationMethod:
      MethodDescriptor<UpdateConversationRequest, UpdateConversationResponse>
    @JvmStatic
    get() = ImServiceGrpc.getUpdateConversationMethod()

  public val listMessagesMethod: MethodDescriptor<ListMessagesRequest, ListMessagesResponse>
    @JvmStatic
    get() = ImServiceGrpc.getListMessagesMethod()

  public val getMessageMethod: MethodDescriptor<GetMessageRequest, GetMessageResponse>
    @JvmStatic
    get() = ImServiceGrpc.getGetMessageMethod()

  public val sendMessageMethod: MethodDescriptor<SendMessageRequest, SendMessageResponse>
    @JvmStatic
    get() = ImServiceGrpc.getSendMessageMethod()

  public val markReadMethod: MethodDescriptor<MarkReadRequest, MarkReadResponse>
    @JvmStatic
    get() = ImServiceGrpc.getMarkReadMethod()

  public val getReadReceiptsMethod:
      MethodDescriptor<GetReadReceiptsRequest, GetReadReceiptsResponse>
    @JvmStatic
    get() = ImServiceGrpc.getGetReadReceiptsMethod()

  public val recallMessageMethod: MethodDescriptor<RecallMessageRequest, RecallMessageResponse>
    @JvmStatic
    get() = ImServiceGrpc.getRecallMessageMethod()

  public val editMessageMethod: MethodDescriptor<EditMessageRequest, EditMessageResponse>
    @JvmStatic
    get() = ImServiceGrpc.getEditMessageMethod()

  public val addReactionMethod: MethodDescriptor<AddReactionRequest, AddReactionResponse>
    @JvmStatic
    get() = ImServiceGrpc.getAddReactionMethod()

  public val removeReactionMethod: MethodDescriptor<RemoveReactionRequest, RemoveReactionResponse>
    @JvmStatic
    get() = ImServiceGrpc.getRemoveReactionMethod()

  public val pinMessageMethod: MethodDescriptor<PinMessageRequest, PinMessageResponse>
    @JvmStatic
    get() = ImServiceGrpc.getPinMessageMethod()

  public val unpinMessageMethod: MethodDescriptor<UnpinMessageRequest, UnpinMessageResponse>
    @JvmStatic
    get() = ImServiceGrpc.getUnpinMessageMethod()

  public val searchMessagesMethod: MethodDescriptor<SearchMessagesRequest, SearchMessagesResponse>
    @JvmStatic
    get() = ImServiceGrpc.getSearchMessagesMethod()

  public val deleteMessagesForMeMethod:
      MethodDescriptor<DeleteMessagesForMeRequest, DeleteMessagesForMeResponse>
    @JvmStatic
    get() = ImServiceGrpc.getDeleteMessagesForMeMethod()

  public val clearConversationForMeMethod:
      MethodDescriptor<ClearConversationForMeRequest, ClearConversationForMeResponse>
    @JvmStatic
    get() = ImServiceGrpc.getClearConversationForMeMethod()

  public val sendTypingMethod: MethodDescriptor<SendTypingRequest, SendTypingResponse>
    @JvmStatic
    get() = ImServiceGrpc.getSendTypingMethod()

  public val chatMethod: MethodDescriptor<ChatRequest, ChatResponse>
    @JvmStatic
    get() = ImServiceGrpc.getChatMethod()

  public val subscribeMethod: MethodDescriptor<SubscribeRequest, SubscribeResponse>
    @JvmStatic
    get() = ImServiceGrpc.getSubscribeMethod()

  /**
   * A stub for issuing RPCs to a(n) easychat.im.v1.ImService service as suspending coroutines.
   */
  @StubFor(ImServiceGrpc::class)
  public class ImServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<ImServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): ImServiceCoroutineStub = ImServiceCoroutineStub(channel, callOptions)

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
    public suspend fun listConversations(request: ListConversationsRequest, headers: Metadata = Metadata()): ListConversationsResponse = unaryRpc(
      channel,
      ImServiceGrpc.getListConversationsMethod(),
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
    public suspend fun getConversation(request: GetConversationRequest, headers: Metadata = Metadata()): GetConversationResponse = unaryRpc(
      channel,
      ImServiceGrpc.getGetConversationMethod(),
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
    public suspend fun updateConversation(request: UpdateConversationRequest, headers: Metadata = Metadata()): UpdateConversationResponse = unaryRpc(
      channel,
      ImServiceGrpc.getUpdateConversationMethod(),
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
    public suspend fun listMessages(request: ListMessagesRequest, headers: Metadata = Metadata()): ListMessagesResponse = unaryRpc(
      channel,
      ImServiceGrpc.getListMessagesMethod(),
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
    public suspend fun getMessage(request: GetMessageRequest, headers: Metadata = Metadata()): GetMessageResponse = unaryRpc(
      channel,
      ImServiceGrpc.getGetMessageMethod(),
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
    public suspend fun sendMessage(request: SendMessageRequest, headers: Metadata = Metadata()): SendMessageResponse = unaryRpc(
      channel,
      ImServiceGrpc.getSendMessageMethod(),
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
    public suspend fun markRead(request: MarkReadRequest, headers: Metadata = Metadata()): MarkReadResponse = unaryRpc(
      channel,
      ImServiceGrpc.getMarkReadMethod(),
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
    public suspend fun getReadReceipts(request: GetReadReceiptsRequest, headers: Metadata = Metadata()): GetReadReceiptsResponse = unaryRpc(
      channel,
      ImServiceGrpc.getGetReadReceiptsMethod(),
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
    public suspend fun recallMessage(request: RecallMessageRequest, headers: Metadata = Metadata()): RecallMessageResponse = unaryRpc(
      channel,
      ImServiceGrpc.getRecallMessageMethod(),
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
    public suspend fun editMessage(request: EditMessageRequest, headers: Metadata = Metadata()): EditMessageResponse = unaryRpc(
      channel,
      ImServiceGrpc.getEditMessageMethod(),
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
    public suspend fun addReaction(request: AddReactionRequest, headers: Metadata = Metadata()): AddReactionResponse = unaryRpc(
      channel,
      ImServiceGrpc.getAddReactionMethod(),
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
    public suspend fun removeReaction(request: RemoveReactionRequest, headers: Metadata = Metadata()): RemoveReactionResponse = unaryRpc(
      channel,
      ImServiceGrpc.getRemoveReactionMethod(),
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
    public suspend fun pinMessage(request: PinMessageRequest, headers: Metadata = Metadata()): PinMessageResponse = unaryRpc(
      channel,
      ImServiceGrpc.getPinMessageMethod(),
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
    public suspend fun unpinMessage(request: UnpinMessageRequest, headers: Metadata = Metadata()): UnpinMessageResponse = unaryRpc(
      channel,
      ImServiceGrpc.getUnpinMessageMethod(),
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
    public suspend fun searchMessages(request: SearchMessagesRequest, headers: Metadata = Metadata()): SearchMessagesResponse = unaryRpc(
      channel,
      ImServiceGrpc.getSearchMessagesMethod(),
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
    public suspend fun deleteMessagesForMe(request: DeleteMessagesForMeRequest, headers: Metadata = Metadata()): DeleteMessagesForMeResponse = unaryRpc(
      channel,
      ImServiceGrpc.getDeleteMessagesForMeMethod(),
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
    public suspend fun clearConversationForMe(request: ClearConversationForMeRequest, headers: Metadata = Metadata()): ClearConversationForMeResponse = unaryRpc(
      channel,
      ImServiceGrpc.getClearConversationForMeMethod(),
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
    public suspend fun sendTyping(request: SendTypingRequest, headers: Metadata = Metadata()): SendTypingResponse = unaryRpc(
      channel,
      ImServiceGrpc.getSendTypingMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Returns a [Flow] that, when collected, executes this RPC and emits responses from the
     * server as they arrive.  That flow finishes normally if the server closes its response with
     * [`Status.OK`][io.grpc.Status], and fails by throwing a [StatusException] otherwise.  If
     * collecting the flow downstream fails exceptionally (including via cancellation), the RPC
     * is cancelled with that exception as a cause.
     *
     * The [Flow] of requests is collected once each time the [Flow] of responses is
     * collected. If collection of the [Flow] of responses completes normally or
     * exceptionally before collection of `requests` completes, the collection of
     * `requests` is cancelled.  If the collection of `requests` completes
     * exceptionally for any other reason, then the collection of the [Flow] of responses
     * completes exceptionally for the same reason and the RPC is cancelled with that reason.
     *
     * @param requests A [Flow] of request messages.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return A flow that, when collected, emits the responses from the server.
     */
    public fun chat(requests: Flow<ChatRequest>, headers: Metadata = Metadata()): Flow<ChatResponse> = bidiStreamingRpc(
      channel,
      ImServiceGrpc.getChatMethod(),
      requests,
      callOptions,
      headers
    )

    /**
     * Returns a [Flow] that, when collected, executes this RPC and emits responses from the
     * server as they arrive.  That flow finishes normally if the server closes its response with
     * [`Status.OK`][io.grpc.Status], and fails by throwing a [StatusException] otherwise.  If
     * collecting the flow downstream fails exceptionally (including via cancellation), the RPC
     * is cancelled with that exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return A flow that, when collected, emits the responses from the server.
     */
    public fun subscribe(request: SubscribeRequest, headers: Metadata = Metadata()): Flow<SubscribeResponse> = serverStreamingRpc(
      channel,
      ImServiceGrpc.getSubscribeMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the easychat.im.v1.ImService service based on Kotlin coroutines.
   */
  public abstract class ImServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.ListConversations.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listConversations(request: ListConversationsRequest): ListConversationsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.ListConversations is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.GetConversation.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getConversation(request: GetConversationRequest): GetConversationResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.GetConversation is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.UpdateConversation.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun updateConversation(request: UpdateConversationRequest): UpdateConversationResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.UpdateConversation is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.ListMessages.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listMessages(request: ListMessagesRequest): ListMessagesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.ListMessages is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.GetMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getMessage(request: GetMessageRequest): GetMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.GetMessage is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.SendMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun sendMessage(request: SendMessageRequest): SendMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.SendMessage is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.MarkRead.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun markRead(request: MarkReadRequest): MarkReadResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.MarkRead is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.GetReadReceipts.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getReadReceipts(request: GetReadReceiptsRequest): GetReadReceiptsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.GetReadReceipts is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.RecallMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun recallMessage(request: RecallMessageRequest): RecallMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.RecallMessage is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.EditMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun editMessage(request: EditMessageRequest): EditMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.EditMessage is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.AddReaction.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun addReaction(request: AddReactionRequest): AddReactionResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.AddReaction is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.RemoveReaction.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun removeReaction(request: RemoveReactionRequest): RemoveReactionResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.RemoveReaction is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.PinMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun pinMessage(request: PinMessageRequest): PinMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.PinMessage is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.UnpinMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun unpinMessage(request: UnpinMessageRequest): UnpinMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.UnpinMessage is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.SearchMessages.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun searchMessages(request: SearchMessagesRequest): SearchMessagesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.SearchMessages is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.DeleteMessagesForMe.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun deleteMessagesForMe(request: DeleteMessagesForMeRequest): DeleteMessagesForMeResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.DeleteMessagesForMe is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.ClearConversationForMe.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun clearConversationForMe(request: ClearConversationForMeRequest): ClearConversationForMeResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.ClearConversationForMe is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.im.v1.ImService.SendTyping.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun sendTyping(request: SendTypingRequest): SendTypingResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.SendTyping is unimplemented"))

    /**
     * Returns a [Flow] of responses to an RPC for easychat.im.v1.ImService.Chat.
     *
     * If creating or collecting the returned flow fails with a [StatusException], the RPC
     * will fail with the corresponding [io.grpc.Status].  If it fails with a
     * [java.util.concurrent.CancellationException], the RPC will fail with status `Status.CANCELLED`.  If creating
     * or collecting the returned flow fails for any other reason, the RPC will fail with
     * `Status.UNKNOWN` with the exception as a cause.
     *
     * @param requests A [Flow] of requests from the client.  This flow can be
     *        collected only once and throws [java.lang.IllegalStateException] on attempts to collect
     *        it more than once.
     */
    public open fun chat(requests: Flow<ChatRequest>): Flow<ChatResponse> = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.Chat is unimplemented"))

    /**
     * Returns a [Flow] of responses to an RPC for easychat.im.v1.ImService.Subscribe.
     *
     * If creating or collecting the returned flow fails with a [StatusException], the RPC
     * will fail with the corresponding [io.grpc.Status].  If it fails with a
     * [java.util.concurrent.CancellationException], the RPC will fail with status `Status.CANCELLED`.  If creating
     * or collecting the returned flow fails for any other reason, the RPC will fail with
     * `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open fun subscribe(request: SubscribeRequest): Flow<SubscribeResponse> = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.im.v1.ImService.Subscribe is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getListConversationsMethod(),
      implementation = ::listConversations
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getGetConversationMethod(),
      implementation = ::getConversation
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getUpdateConversationMethod(),
      implementation = ::updateConversation
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getListMessagesMethod(),
      implementation = ::listMessages
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getGetMessageMethod(),
      implementation = ::getMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getSendMessageMethod(),
      implementation = ::sendMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getMarkReadMethod(),
      implementation = ::markRead
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getGetReadReceiptsMethod(),
      implementation = ::getReadReceipts
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getRecallMessageMethod(),
      implementation = ::recallMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getEditMessageMethod(),
      implementation = ::editMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getAddReactionMethod(),
      implementation = ::addReaction
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getRemoveReactionMethod(),
      implementation = ::removeReaction
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getPinMessageMethod(),
      implementation = ::pinMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getUnpinMessageMethod(),
      implementation = ::unpinMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getSearchMessagesMethod(),
      implementation = ::searchMessages
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getDeleteMessagesForMeMethod(),
      implementation = ::deleteMessagesForMe
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getClearConversationForMeMethod(),
      implementation = ::clearConversationForMe
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getSendTypingMethod(),
      implementation = ::sendTyping
    ))
      .addMethod(bidiStreamingServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getChatMethod(),
      implementation = ::chat
    ))
      .addMethod(serverStreamingServerMethodDefinition(
      context = this.context,
      descriptor = ImServiceGrpc.getSubscribeMethod(),
      implementation = ::subscribe
    )).build()
  }
}
