package dev.easychat.social.v1

import dev.easychat.social.v1.SocialServiceGrpc.getServiceDescriptor
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
 * Holder for Kotlin coroutine-based client and server APIs for easychat.social.v1.SocialService.
 */
public object SocialServiceGrpcKt {
  public const val SERVICE_NAME: String = SocialServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val sendFriendRequestMethod:
      MethodDescriptor<SendFriendRequestRequest, SendFriendRequestResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getSendFriendRequestMethod()

  public val listFriendRequestsMethod:
      MethodDescriptor<ListFriendRequestsRequest, ListFriendRequestsResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getListFriendRequestsMethod()

  public val handleFriendRequestMethod:
      MethodDescriptor<HandleFriendRequestRequest, HandleFriendRequestResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getHandleFriendRequestMethod()

  public val listFriendsMethod: MethodDescriptor<ListFriendsRequest, ListFriendsResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getListFriendsMethod()

  public val updateFriendRemarkMethod:
      MethodDescriptor<UpdateFriendRemarkRequest, UpdateFriendRemarkResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getUpdateFriendRemarkMethod()

  public val deleteFriendMethod: MethodDescriptor<DeleteFriendRequest, DeleteFriendResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getDeleteFriendMethod()

  public val blockUserMethod: MethodDescriptor<BlockUserRequest, BlockUserResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getBlockUserMethod()

  public val unblockUserMethod: MethodDescriptor<UnblockUserRequest, UnblockUserResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getUnblockUserMethod()

  public val listBlockedUsersMethod:
      MethodDescriptor<ListBlockedUsersRequest, ListBlockedUsersResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getListBlockedUsersMethod()

  public val createGroupMethod: MethodDescriptor<CreateGroupRequest, CreateGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getCreateGroupMethod()

  public val getGroupMethod: MethodDescriptor<GetGroupRequest, GetGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getGetGroupMethod()

  public val updateGroupMethod: MethodDescriptor<UpdateGroupRequest, UpdateGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getUpdateGroupMethod()

  public val joinGroupMethod: MethodDescriptor<JoinGroupRequest, JoinGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getJoinGroupMethod()

  public val inviteToGroupMethod: MethodDescriptor<InviteToGroupRequest, InviteToGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getInviteToGroupMethod()

  public val listGroupRequestsMethod:
      MethodDescriptor<ListGroupRequestsRequest, ListGroupRequestsResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getListGroupRequestsMethod()

  public val handleGroupRequestMethod:
      MethodDescriptor<HandleGroupRequestRequest, HandleGroupRequestResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getHandleGroupRequestMethod()

  public val listMyGroupsMethod: MethodDescriptor<ListMyGroupsRequest, ListMyGroupsResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getListMyGroupsMethod()

  public val listGroupMembersMethod:
      MethodDescriptor<ListGroupMembersRequest, ListGroupMembersResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getListGroupMembersMethod()

  public val leaveGroupMethod: MethodDescriptor<LeaveGroupRequest, LeaveGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getLeaveGroupMethod()

  public val removeGroupMemberMethod:
      MethodDescriptor<RemoveGroupMemberRequest, RemoveGroupMemberResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getRemoveGroupMemberMethod()

  public val setMemberRoleMethod: MethodDescriptor<SetMemberRoleRequest, SetMemberRoleResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getSetMemberRoleMethod()

  public val transferGroupOwnershipMethod:
      MethodDescriptor<TransferGroupOwnershipRequest, TransferGroupOwnershipResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getTransferGroupOwnershipMethod()

  public val muteMemberMethod: MethodDescriptor<MuteMemberRequest, MuteMemberResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getMuteMemberMethod()

  public val dissolveGroupMethod: MethodDescriptor<DissolveGroupRequest, DissolveGroupResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getDissolveGroupMethod()

  public val searchGroupsMethod: MethodDescriptor<SearchGroupsRequest, SearchGroupsResponse>
    @JvmStatic
    get() = SocialServiceGrpc.getSearchGroupsMethod()

  /**
   * A stub for issuing RPCs to a(n) easychat.social.v1.SocialService service as suspending coroutines.
   */
  @StubFor(SocialServiceGrpc::class)
  public class SocialServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<SocialServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): SocialServiceCoroutineStub = SocialServiceCoroutineStub(channel, callOptions)

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
    public suspend fun sendFriendRequest(request: SendFriendRequestRequest, headers: Metadata = Metadata()): SendFriendRequestResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getSendFriendRequestMethod(),
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
    public suspend fun listFriendRequests(request: ListFriendRequestsRequest, headers: Metadata = Metadata()): ListFriendRequestsResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getListFriendRequestsMethod(),
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
    public suspend fun handleFriendRequest(request: HandleFriendRequestRequest, headers: Metadata = Metadata()): HandleFriendRequestResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getHandleFriendRequestMethod(),
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
    public suspend fun listFriends(request: ListFriendsRequest, headers: Metadata = Metadata()): ListFriendsResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getListFriendsMethod(),
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
    public suspend fun updateFriendRemark(request: UpdateFriendRemarkRequest, headers: Metadata = Metadata()): UpdateFriendRemarkResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getUpdateFriendRemarkMethod(),
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
    public suspend fun deleteFriend(request: DeleteFriendRequest, headers: Metadata = Metadata()): DeleteFriendResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getDeleteFriendMethod(),
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
    public suspend fun blockUser(request: BlockUserRequest, headers: Metadata = Metadata()): BlockUserResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getBlockUserMethod(),
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
    public suspend fun unblockUser(request: UnblockUserRequest, headers: Metadata = Metadata()): UnblockUserResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getUnblockUserMethod(),
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
    public suspend fun listBlockedUsers(request: ListBlockedUsersRequest, headers: Metadata = Metadata()): ListBlockedUsersResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getListBlockedUsersMethod(),
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
    public suspend fun createGroup(request: CreateGroupRequest, headers: Metadata = Metadata()): CreateGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getCreateGroupMethod(),
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
    public suspend fun getGroup(request: GetGroupRequest, headers: Metadata = Metadata()): GetGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getGetGroupMethod(),
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
    public suspend fun updateGroup(request: UpdateGroupRequest, headers: Metadata = Metadata()): UpdateGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getUpdateGroupMethod(),
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
    public suspend fun joinGroup(request: JoinGroupRequest, headers: Metadata = Metadata()): JoinGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getJoinGroupMethod(),
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
    public suspend fun inviteToGroup(request: InviteToGroupRequest, headers: Metadata = Metadata()): InviteToGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getInviteToGroupMethod(),
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
    public suspend fun listGroupRequests(request: ListGroupRequestsRequest, headers: Metadata = Metadata()): ListGroupRequestsResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getListGroupRequestsMethod(),
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
    public suspend fun handleGroupRequest(request: HandleGroupRequestRequest, headers: Metadata = Metadata()): HandleGroupRequestResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getHandleGroupRequestMethod(),
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
    public suspend fun listMyGroups(request: ListMyGroupsRequest, headers: Metadata = Metadata()): ListMyGroupsResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getListMyGroupsMethod(),
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
    public suspend fun listGroupMembers(request: ListGroupMembersRequest, headers: Metadata = Metadata()): ListGroupMembersResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getListGroupMembersMethod(),
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
    public suspend fun leaveGroup(request: LeaveGroupRequest, headers: Metadata = Metadata()): LeaveGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getLeaveGroupMethod(),
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
    public suspend fun removeGroupMember(request: RemoveGroupMemberRequest, headers: Metadata = Metadata()): RemoveGroupMemberResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getRemoveGroupMemberMethod(),
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
    public suspend fun setMemberRole(request: SetMemberRoleRequest, headers: Metadata = Metadata()): SetMemberRoleResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getSetMemberRoleMethod(),
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
    public suspend fun transferGroupOwnership(request: TransferGroupOwnershipRequest, headers: Metadata = Metadata()): TransferGroupOwnershipResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getTransferGroupOwnershipMethod(),
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
    public suspend fun muteMember(request: MuteMemberRequest, headers: Metadata = Metadata()): MuteMemberResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getMuteMemberMethod(),
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
    public suspend fun dissolveGroup(request: DissolveGroupRequest, headers: Metadata = Metadata()): DissolveGroupResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getDissolveGroupMethod(),
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
    public suspend fun searchGroups(request: SearchGroupsRequest, headers: Metadata = Metadata()): SearchGroupsResponse = unaryRpc(
      channel,
      SocialServiceGrpc.getSearchGroupsMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the easychat.social.v1.SocialService service based on Kotlin coroutines.
   */
  public abstract class SocialServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.SendFriendRequest.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun sendFriendRequest(request: SendFriendRequestRequest): SendFriendRequestResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.SendFriendRequest is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.ListFriendRequests.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listFriendRequests(request: ListFriendRequestsRequest): ListFriendRequestsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.ListFriendRequests is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.HandleFriendRequest.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun handleFriendRequest(request: HandleFriendRequestRequest): HandleFriendRequestResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.HandleFriendRequest is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.ListFriends.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listFriends(request: ListFriendsRequest): ListFriendsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.ListFriends is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.UpdateFriendRemark.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun updateFriendRemark(request: UpdateFriendRemarkRequest): UpdateFriendRemarkResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.UpdateFriendRemark is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.DeleteFriend.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun deleteFriend(request: DeleteFriendRequest): DeleteFriendResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.DeleteFriend is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.BlockUser.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun blockUser(request: BlockUserRequest): BlockUserResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.BlockUser is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.UnblockUser.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun unblockUser(request: UnblockUserRequest): UnblockUserResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.UnblockUser is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.ListBlockedUsers.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listBlockedUsers(request: ListBlockedUsersRequest): ListBlockedUsersResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.ListBlockedUsers is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.CreateGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun createGroup(request: CreateGroupRequest): CreateGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.CreateGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.GetGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getGroup(request: GetGroupRequest): GetGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.GetGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.UpdateGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun updateGroup(request: UpdateGroupRequest): UpdateGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.UpdateGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.JoinGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun joinGroup(request: JoinGroupRequest): JoinGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.JoinGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.InviteToGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun inviteToGroup(request: InviteToGroupRequest): InviteToGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.InviteToGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.ListGroupRequests.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listGroupRequests(request: ListGroupRequestsRequest): ListGroupRequestsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.ListGroupRequests is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.HandleGroupRequest.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun handleGroupRequest(request: HandleGroupRequestRequest): HandleGroupRequestResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.HandleGroupRequest is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.ListMyGroups.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listMyGroups(request: ListMyGroupsRequest): ListMyGroupsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.ListMyGroups is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.ListGroupMembers.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listGroupMembers(request: ListGroupMembersRequest): ListGroupMembersResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.ListGroupMembers is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.LeaveGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun leaveGroup(request: LeaveGroupRequest): LeaveGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.LeaveGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.RemoveGroupMember.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun removeGroupMember(request: RemoveGroupMemberRequest): RemoveGroupMemberResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.RemoveGroupMember is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.SetMemberRole.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun setMemberRole(request: SetMemberRoleRequest): SetMemberRoleResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.SetMemberRole is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.TransferGroupOwnership.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun transferGroupOwnership(request: TransferGroupOwnershipRequest): TransferGroupOwnershipResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.TransferGroupOwnership is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.MuteMember.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun muteMember(request: MuteMemberRequest): MuteMemberResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.MuteMember is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.DissolveGroup.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun dissolveGroup(request: DissolveGroupRequest): DissolveGroupResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.DissolveGroup is unimplemented"))

    /**
     * Returns the response to an RPC for easychat.social.v1.SocialService.SearchGroups.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun searchGroups(request: SearchGroupsRequest): SearchGroupsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method easychat.social.v1.SocialService.SearchGroups is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getSendFriendRequestMethod(),
      implementation = ::sendFriendRequest
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getListFriendRequestsMethod(),
      implementation = ::listFriendRequests
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getHandleFriendRequestMethod(),
      implementation = ::handleFriendRequest
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getListFriendsMethod(),
      implementation = ::listFriends
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getUpdateFriendRemarkMethod(),
      implementation = ::updateFriendRemark
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getDeleteFriendMethod(),
      implementation = ::deleteFriend
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getBlockUserMethod(),
      implementation = ::blockUser
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getUnblockUserMethod(),
      implementation = ::unblockUser
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getListBlockedUsersMethod(),
      implementation = ::listBlockedUsers
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getCreateGroupMethod(),
      implementation = ::createGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getGetGroupMethod(),
      implementation = ::getGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getUpdateGroupMethod(),
      implementation = ::updateGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getJoinGroupMethod(),
      implementation = ::joinGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getInviteToGroupMethod(),
      implementation = ::inviteToGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getListGroupRequestsMethod(),
      implementation = ::listGroupRequests
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getHandleGroupRequestMethod(),
      implementation = ::handleGroupRequest
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getListMyGroupsMethod(),
      implementation = ::listMyGroups
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getListGroupMembersMethod(),
      implementation = ::listGroupMembers
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getLeaveGroupMethod(),
      implementation = ::leaveGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getRemoveGroupMemberMethod(),
      implementation = ::removeGroupMember
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getSetMemberRoleMethod(),
      implementation = ::setMemberRole
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getTransferGroupOwnershipMethod(),
      implementation = ::transferGroupOwnership
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getMuteMemberMethod(),
      implementation = ::muteMember
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getDissolveGroupMethod(),
      implementation = ::dissolveGroup
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = SocialServiceGrpc.getSearchGroupsMethod(),
      implementation = ::searchGroups
    )).build()
  }
}
