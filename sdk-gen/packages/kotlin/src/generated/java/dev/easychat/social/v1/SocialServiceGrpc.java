package dev.easychat.social.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * SocialService manages the social graph: friends, friend requests, groups and their members.
 * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SocialServiceGrpc {

  private SocialServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "easychat.social.v1.SocialService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.SendFriendRequestRequest,
      dev.easychat.social.v1.SendFriendRequestResponse> getSendFriendRequestMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendFriendRequest",
      requestType = dev.easychat.social.v1.SendFriendRequestRequest.class,
      responseType = dev.easychat.social.v1.SendFriendRequestResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.SendFriendRequestRequest,
      dev.easychat.social.v1.SendFriendRequestResponse> getSendFriendRequestMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.SendFriendRequestRequest, dev.easychat.social.v1.SendFriendRequestResponse> getSendFriendRequestMethod;
    if ((getSendFriendRequestMethod = SocialServiceGrpc.getSendFriendRequestMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getSendFriendRequestMethod = SocialServiceGrpc.getSendFriendRequestMethod) == null) {
          SocialServiceGrpc.getSendFriendRequestMethod = getSendFriendRequestMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.SendFriendRequestRequest, dev.easychat.social.v1.SendFriendRequestResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendFriendRequest"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.SendFriendRequestRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.SendFriendRequestResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("SendFriendRequest"))
              .build();
        }
      }
    }
    return getSendFriendRequestMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.ListFriendRequestsRequest,
      dev.easychat.social.v1.ListFriendRequestsResponse> getListFriendRequestsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListFriendRequests",
      requestType = dev.easychat.social.v1.ListFriendRequestsRequest.class,
      responseType = dev.easychat.social.v1.ListFriendRequestsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.ListFriendRequestsRequest,
      dev.easychat.social.v1.ListFriendRequestsResponse> getListFriendRequestsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.ListFriendRequestsRequest, dev.easychat.social.v1.ListFriendRequestsResponse> getListFriendRequestsMethod;
    if ((getListFriendRequestsMethod = SocialServiceGrpc.getListFriendRequestsMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getListFriendRequestsMethod = SocialServiceGrpc.getListFriendRequestsMethod) == null) {
          SocialServiceGrpc.getListFriendRequestsMethod = getListFriendRequestsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.ListFriendRequestsRequest, dev.easychat.social.v1.ListFriendRequestsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListFriendRequests"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListFriendRequestsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListFriendRequestsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("ListFriendRequests"))
              .build();
        }
      }
    }
    return getListFriendRequestsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.HandleFriendRequestRequest,
      dev.easychat.social.v1.HandleFriendRequestResponse> getHandleFriendRequestMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "HandleFriendRequest",
      requestType = dev.easychat.social.v1.HandleFriendRequestRequest.class,
      responseType = dev.easychat.social.v1.HandleFriendRequestResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.HandleFriendRequestRequest,
      dev.easychat.social.v1.HandleFriendRequestResponse> getHandleFriendRequestMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.HandleFriendRequestRequest, dev.easychat.social.v1.HandleFriendRequestResponse> getHandleFriendRequestMethod;
    if ((getHandleFriendRequestMethod = SocialServiceGrpc.getHandleFriendRequestMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getHandleFriendRequestMethod = SocialServiceGrpc.getHandleFriendRequestMethod) == null) {
          SocialServiceGrpc.getHandleFriendRequestMethod = getHandleFriendRequestMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.HandleFriendRequestRequest, dev.easychat.social.v1.HandleFriendRequestResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "HandleFriendRequest"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.HandleFriendRequestRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.HandleFriendRequestResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("HandleFriendRequest"))
              .build();
        }
      }
    }
    return getHandleFriendRequestMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.ListFriendsRequest,
      dev.easychat.social.v1.ListFriendsResponse> getListFriendsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListFriends",
      requestType = dev.easychat.social.v1.ListFriendsRequest.class,
      responseType = dev.easychat.social.v1.ListFriendsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.ListFriendsRequest,
      dev.easychat.social.v1.ListFriendsResponse> getListFriendsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.ListFriendsRequest, dev.easychat.social.v1.ListFriendsResponse> getListFriendsMethod;
    if ((getListFriendsMethod = SocialServiceGrpc.getListFriendsMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getListFriendsMethod = SocialServiceGrpc.getListFriendsMethod) == null) {
          SocialServiceGrpc.getListFriendsMethod = getListFriendsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.ListFriendsRequest, dev.easychat.social.v1.ListFriendsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListFriends"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListFriendsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListFriendsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("ListFriends"))
              .build();
        }
      }
    }
    return getListFriendsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.UpdateFriendRemarkRequest,
      dev.easychat.social.v1.UpdateFriendRemarkResponse> getUpdateFriendRemarkMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateFriendRemark",
      requestType = dev.easychat.social.v1.UpdateFriendRemarkRequest.class,
      responseType = dev.easychat.social.v1.UpdateFriendRemarkResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.UpdateFriendRemarkRequest,
      dev.easychat.social.v1.UpdateFriendRemarkResponse> getUpdateFriendRemarkMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.UpdateFriendRemarkRequest, dev.easychat.social.v1.UpdateFriendRemarkResponse> getUpdateFriendRemarkMethod;
    if ((getUpdateFriendRemarkMethod = SocialServiceGrpc.getUpdateFriendRemarkMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getUpdateFriendRemarkMethod = SocialServiceGrpc.getUpdateFriendRemarkMethod) == null) {
          SocialServiceGrpc.getUpdateFriendRemarkMethod = getUpdateFriendRemarkMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.UpdateFriendRemarkRequest, dev.easychat.social.v1.UpdateFriendRemarkResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateFriendRemark"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.UpdateFriendRemarkRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.UpdateFriendRemarkResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("UpdateFriendRemark"))
              .build();
        }
      }
    }
    return getUpdateFriendRemarkMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.DeleteFriendRequest,
      dev.easychat.social.v1.DeleteFriendResponse> getDeleteFriendMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteFriend",
      requestType = dev.easychat.social.v1.DeleteFriendRequest.class,
      responseType = dev.easychat.social.v1.DeleteFriendResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.DeleteFriendRequest,
      dev.easychat.social.v1.DeleteFriendResponse> getDeleteFriendMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.DeleteFriendRequest, dev.easychat.social.v1.DeleteFriendResponse> getDeleteFriendMethod;
    if ((getDeleteFriendMethod = SocialServiceGrpc.getDeleteFriendMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getDeleteFriendMethod = SocialServiceGrpc.getDeleteFriendMethod) == null) {
          SocialServiceGrpc.getDeleteFriendMethod = getDeleteFriendMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.DeleteFriendRequest, dev.easychat.social.v1.DeleteFriendResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteFriend"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.DeleteFriendRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.DeleteFriendResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("DeleteFriend"))
              .build();
        }
      }
    }
    return getDeleteFriendMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.BlockUserRequest,
      dev.easychat.social.v1.BlockUserResponse> getBlockUserMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "BlockUser",
      requestType = dev.easychat.social.v1.BlockUserRequest.class,
      responseType = dev.easychat.social.v1.BlockUserResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.BlockUserRequest,
      dev.easychat.social.v1.BlockUserResponse> getBlockUserMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.BlockUserRequest, dev.easychat.social.v1.BlockUserResponse> getBlockUserMethod;
    if ((getBlockUserMethod = SocialServiceGrpc.getBlockUserMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getBlockUserMethod = SocialServiceGrpc.getBlockUserMethod) == null) {
          SocialServiceGrpc.getBlockUserMethod = getBlockUserMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.BlockUserRequest, dev.easychat.social.v1.BlockUserResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "BlockUser"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.BlockUserRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.BlockUserResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("BlockUser"))
              .build();
        }
      }
    }
    return getBlockUserMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.UnblockUserRequest,
      dev.easychat.social.v1.UnblockUserResponse> getUnblockUserMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UnblockUser",
      requestType = dev.easychat.social.v1.UnblockUserRequest.class,
      responseType = dev.easychat.social.v1.UnblockUserResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.UnblockUserRequest,
      dev.easychat.social.v1.UnblockUserResponse> getUnblockUserMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.UnblockUserRequest, dev.easychat.social.v1.UnblockUserResponse> getUnblockUserMethod;
    if ((getUnblockUserMethod = SocialServiceGrpc.getUnblockUserMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getUnblockUserMethod = SocialServiceGrpc.getUnblockUserMethod) == null) {
          SocialServiceGrpc.getUnblockUserMethod = getUnblockUserMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.UnblockUserRequest, dev.easychat.social.v1.UnblockUserResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UnblockUser"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.UnblockUserRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.UnblockUserResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("UnblockUser"))
              .build();
        }
      }
    }
    return getUnblockUserMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.ListBlockedUsersRequest,
      dev.easychat.social.v1.ListBlockedUsersResponse> getListBlockedUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListBlockedUsers",
      requestType = dev.easychat.social.v1.ListBlockedUsersRequest.class,
      responseType = dev.easychat.social.v1.ListBlockedUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.ListBlockedUsersRequest,
      dev.easychat.social.v1.ListBlockedUsersResponse> getListBlockedUsersMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.ListBlockedUsersRequest, dev.easychat.social.v1.ListBlockedUsersResponse> getListBlockedUsersMethod;
    if ((getListBlockedUsersMethod = SocialServiceGrpc.getListBlockedUsersMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getListBlockedUsersMethod = SocialServiceGrpc.getListBlockedUsersMethod) == null) {
          SocialServiceGrpc.getListBlockedUsersMethod = getListBlockedUsersMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.ListBlockedUsersRequest, dev.easychat.social.v1.ListBlockedUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListBlockedUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListBlockedUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListBlockedUsersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("ListBlockedUsers"))
              .build();
        }
      }
    }
    return getListBlockedUsersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.CreateGroupRequest,
      dev.easychat.social.v1.CreateGroupResponse> getCreateGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateGroup",
      requestType = dev.easychat.social.v1.CreateGroupRequest.class,
      responseType = dev.easychat.social.v1.CreateGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.CreateGroupRequest,
      dev.easychat.social.v1.CreateGroupResponse> getCreateGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.CreateGroupRequest, dev.easychat.social.v1.CreateGroupResponse> getCreateGroupMethod;
    if ((getCreateGroupMethod = SocialServiceGrpc.getCreateGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getCreateGroupMethod = SocialServiceGrpc.getCreateGroupMethod) == null) {
          SocialServiceGrpc.getCreateGroupMethod = getCreateGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.CreateGroupRequest, dev.easychat.social.v1.CreateGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.CreateGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.CreateGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("CreateGroup"))
              .build();
        }
      }
    }
    return getCreateGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.GetGroupRequest,
      dev.easychat.social.v1.GetGroupResponse> getGetGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetGroup",
      requestType = dev.easychat.social.v1.GetGroupRequest.class,
      responseType = dev.easychat.social.v1.GetGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.GetGroupRequest,
      dev.easychat.social.v1.GetGroupResponse> getGetGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.GetGroupRequest, dev.easychat.social.v1.GetGroupResponse> getGetGroupMethod;
    if ((getGetGroupMethod = SocialServiceGrpc.getGetGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getGetGroupMethod = SocialServiceGrpc.getGetGroupMethod) == null) {
          SocialServiceGrpc.getGetGroupMethod = getGetGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.GetGroupRequest, dev.easychat.social.v1.GetGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.GetGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.GetGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("GetGroup"))
              .build();
        }
      }
    }
    return getGetGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.UpdateGroupRequest,
      dev.easychat.social.v1.UpdateGroupResponse> getUpdateGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateGroup",
      requestType = dev.easychat.social.v1.UpdateGroupRequest.class,
      responseType = dev.easychat.social.v1.UpdateGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.UpdateGroupRequest,
      dev.easychat.social.v1.UpdateGroupResponse> getUpdateGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.UpdateGroupRequest, dev.easychat.social.v1.UpdateGroupResponse> getUpdateGroupMethod;
    if ((getUpdateGroupMethod = SocialServiceGrpc.getUpdateGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getUpdateGroupMethod = SocialServiceGrpc.getUpdateGroupMethod) == null) {
          SocialServiceGrpc.getUpdateGroupMethod = getUpdateGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.UpdateGroupRequest, dev.easychat.social.v1.UpdateGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.UpdateGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.UpdateGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("UpdateGroup"))
              .build();
        }
      }
    }
    return getUpdateGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.JoinGroupRequest,
      dev.easychat.social.v1.JoinGroupResponse> getJoinGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "JoinGroup",
      requestType = dev.easychat.social.v1.JoinGroupRequest.class,
      responseType = dev.easychat.social.v1.JoinGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.JoinGroupRequest,
      dev.easychat.social.v1.JoinGroupResponse> getJoinGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.JoinGroupRequest, dev.easychat.social.v1.JoinGroupResponse> getJoinGroupMethod;
    if ((getJoinGroupMethod = SocialServiceGrpc.getJoinGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getJoinGroupMethod = SocialServiceGrpc.getJoinGroupMethod) == null) {
          SocialServiceGrpc.getJoinGroupMethod = getJoinGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.JoinGroupRequest, dev.easychat.social.v1.JoinGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "JoinGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.JoinGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.JoinGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("JoinGroup"))
              .build();
        }
      }
    }
    return getJoinGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.InviteToGroupRequest,
      dev.easychat.social.v1.InviteToGroupResponse> getInviteToGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "InviteToGroup",
      requestType = dev.easychat.social.v1.InviteToGroupRequest.class,
      responseType = dev.easychat.social.v1.InviteToGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.InviteToGroupRequest,
      dev.easychat.social.v1.InviteToGroupResponse> getInviteToGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.InviteToGroupRequest, dev.easychat.social.v1.InviteToGroupResponse> getInviteToGroupMethod;
    if ((getInviteToGroupMethod = SocialServiceGrpc.getInviteToGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getInviteToGroupMethod = SocialServiceGrpc.getInviteToGroupMethod) == null) {
          SocialServiceGrpc.getInviteToGroupMethod = getInviteToGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.InviteToGroupRequest, dev.easychat.social.v1.InviteToGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "InviteToGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.InviteToGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.InviteToGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("InviteToGroup"))
              .build();
        }
      }
    }
    return getInviteToGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.ListGroupRequestsRequest,
      dev.easychat.social.v1.ListGroupRequestsResponse> getListGroupRequestsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListGroupRequests",
      requestType = dev.easychat.social.v1.ListGroupRequestsRequest.class,
      responseType = dev.easychat.social.v1.ListGroupRequestsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.ListGroupRequestsRequest,
      dev.easychat.social.v1.ListGroupRequestsResponse> getListGroupRequestsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.ListGroupRequestsRequest, dev.easychat.social.v1.ListGroupRequestsResponse> getListGroupRequestsMethod;
    if ((getListGroupRequestsMethod = SocialServiceGrpc.getListGroupRequestsMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getListGroupRequestsMethod = SocialServiceGrpc.getListGroupRequestsMethod) == null) {
          SocialServiceGrpc.getListGroupRequestsMethod = getListGroupRequestsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.ListGroupRequestsRequest, dev.easychat.social.v1.ListGroupRequestsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListGroupRequests"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListGroupRequestsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListGroupRequestsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("ListGroupRequests"))
              .build();
        }
      }
    }
    return getListGroupRequestsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.HandleGroupRequestRequest,
      dev.easychat.social.v1.HandleGroupRequestResponse> getHandleGroupRequestMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "HandleGroupRequest",
      requestType = dev.easychat.social.v1.HandleGroupRequestRequest.class,
      responseType = dev.easychat.social.v1.HandleGroupRequestResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.HandleGroupRequestRequest,
      dev.easychat.social.v1.HandleGroupRequestResponse> getHandleGroupRequestMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.HandleGroupRequestRequest, dev.easychat.social.v1.HandleGroupRequestResponse> getHandleGroupRequestMethod;
    if ((getHandleGroupRequestMethod = SocialServiceGrpc.getHandleGroupRequestMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getHandleGroupRequestMethod = SocialServiceGrpc.getHandleGroupRequestMethod) == null) {
          SocialServiceGrpc.getHandleGroupRequestMethod = getHandleGroupRequestMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.HandleGroupRequestRequest, dev.easychat.social.v1.HandleGroupRequestResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "HandleGroupRequest"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.HandleGroupRequestRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.HandleGroupRequestResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("HandleGroupRequest"))
              .build();
        }
      }
    }
    return getHandleGroupRequestMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.ListMyGroupsRequest,
      dev.easychat.social.v1.ListMyGroupsResponse> getListMyGroupsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListMyGroups",
      requestType = dev.easychat.social.v1.ListMyGroupsRequest.class,
      responseType = dev.easychat.social.v1.ListMyGroupsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.ListMyGroupsRequest,
      dev.easychat.social.v1.ListMyGroupsResponse> getListMyGroupsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.ListMyGroupsRequest, dev.easychat.social.v1.ListMyGroupsResponse> getListMyGroupsMethod;
    if ((getListMyGroupsMethod = SocialServiceGrpc.getListMyGroupsMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getListMyGroupsMethod = SocialServiceGrpc.getListMyGroupsMethod) == null) {
          SocialServiceGrpc.getListMyGroupsMethod = getListMyGroupsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.ListMyGroupsRequest, dev.easychat.social.v1.ListMyGroupsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListMyGroups"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListMyGroupsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListMyGroupsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("ListMyGroups"))
              .build();
        }
      }
    }
    return getListMyGroupsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.ListGroupMembersRequest,
      dev.easychat.social.v1.ListGroupMembersResponse> getListGroupMembersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListGroupMembers",
      requestType = dev.easychat.social.v1.ListGroupMembersRequest.class,
      responseType = dev.easychat.social.v1.ListGroupMembersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.ListGroupMembersRequest,
      dev.easychat.social.v1.ListGroupMembersResponse> getListGroupMembersMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.ListGroupMembersRequest, dev.easychat.social.v1.ListGroupMembersResponse> getListGroupMembersMethod;
    if ((getListGroupMembersMethod = SocialServiceGrpc.getListGroupMembersMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getListGroupMembersMethod = SocialServiceGrpc.getListGroupMembersMethod) == null) {
          SocialServiceGrpc.getListGroupMembersMethod = getListGroupMembersMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.ListGroupMembersRequest, dev.easychat.social.v1.ListGroupMembersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListGroupMembers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListGroupMembersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.ListGroupMembersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("ListGroupMembers"))
              .build();
        }
      }
    }
    return getListGroupMembersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.LeaveGroupRequest,
      dev.easychat.social.v1.LeaveGroupResponse> getLeaveGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LeaveGroup",
      requestType = dev.easychat.social.v1.LeaveGroupRequest.class,
      responseType = dev.easychat.social.v1.LeaveGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.LeaveGroupRequest,
      dev.easychat.social.v1.LeaveGroupResponse> getLeaveGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.LeaveGroupRequest, dev.easychat.social.v1.LeaveGroupResponse> getLeaveGroupMethod;
    if ((getLeaveGroupMethod = SocialServiceGrpc.getLeaveGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getLeaveGroupMethod = SocialServiceGrpc.getLeaveGroupMethod) == null) {
          SocialServiceGrpc.getLeaveGroupMethod = getLeaveGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.LeaveGroupRequest, dev.easychat.social.v1.LeaveGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LeaveGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.LeaveGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.LeaveGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("LeaveGroup"))
              .build();
        }
      }
    }
    return getLeaveGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.RemoveGroupMemberRequest,
      dev.easychat.social.v1.RemoveGroupMemberResponse> getRemoveGroupMemberMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RemoveGroupMember",
      requestType = dev.easychat.social.v1.RemoveGroupMemberRequest.class,
      responseType = dev.easychat.social.v1.RemoveGroupMemberResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.RemoveGroupMemberRequest,
      dev.easychat.social.v1.RemoveGroupMemberResponse> getRemoveGroupMemberMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.RemoveGroupMemberRequest, dev.easychat.social.v1.RemoveGroupMemberResponse> getRemoveGroupMemberMethod;
    if ((getRemoveGroupMemberMethod = SocialServiceGrpc.getRemoveGroupMemberMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getRemoveGroupMemberMethod = SocialServiceGrpc.getRemoveGroupMemberMethod) == null) {
          SocialServiceGrpc.getRemoveGroupMemberMethod = getRemoveGroupMemberMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.RemoveGroupMemberRequest, dev.easychat.social.v1.RemoveGroupMemberResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RemoveGroupMember"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.RemoveGroupMemberRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.RemoveGroupMemberResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("RemoveGroupMember"))
              .build();
        }
      }
    }
    return getRemoveGroupMemberMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.SetMemberRoleRequest,
      dev.easychat.social.v1.SetMemberRoleResponse> getSetMemberRoleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetMemberRole",
      requestType = dev.easychat.social.v1.SetMemberRoleRequest.class,
      responseType = dev.easychat.social.v1.SetMemberRoleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.SetMemberRoleRequest,
      dev.easychat.social.v1.SetMemberRoleResponse> getSetMemberRoleMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.SetMemberRoleRequest, dev.easychat.social.v1.SetMemberRoleResponse> getSetMemberRoleMethod;
    if ((getSetMemberRoleMethod = SocialServiceGrpc.getSetMemberRoleMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getSetMemberRoleMethod = SocialServiceGrpc.getSetMemberRoleMethod) == null) {
          SocialServiceGrpc.getSetMemberRoleMethod = getSetMemberRoleMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.SetMemberRoleRequest, dev.easychat.social.v1.SetMemberRoleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetMemberRole"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.SetMemberRoleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.SetMemberRoleResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("SetMemberRole"))
              .build();
        }
      }
    }
    return getSetMemberRoleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.TransferGroupOwnershipRequest,
      dev.easychat.social.v1.TransferGroupOwnershipResponse> getTransferGroupOwnershipMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "TransferGroupOwnership",
      requestType = dev.easychat.social.v1.TransferGroupOwnershipRequest.class,
      responseType = dev.easychat.social.v1.TransferGroupOwnershipResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.TransferGroupOwnershipRequest,
      dev.easychat.social.v1.TransferGroupOwnershipResponse> getTransferGroupOwnershipMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.TransferGroupOwnershipRequest, dev.easychat.social.v1.TransferGroupOwnershipResponse> getTransferGroupOwnershipMethod;
    if ((getTransferGroupOwnershipMethod = SocialServiceGrpc.getTransferGroupOwnershipMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getTransferGroupOwnershipMethod = SocialServiceGrpc.getTransferGroupOwnershipMethod) == null) {
          SocialServiceGrpc.getTransferGroupOwnershipMethod = getTransferGroupOwnershipMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.TransferGroupOwnershipRequest, dev.easychat.social.v1.TransferGroupOwnershipResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "TransferGroupOwnership"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.TransferGroupOwnershipRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.TransferGroupOwnershipResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("TransferGroupOwnership"))
              .build();
        }
      }
    }
    return getTransferGroupOwnershipMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.MuteMemberRequest,
      dev.easychat.social.v1.MuteMemberResponse> getMuteMemberMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "MuteMember",
      requestType = dev.easychat.social.v1.MuteMemberRequest.class,
      responseType = dev.easychat.social.v1.MuteMemberResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.MuteMemberRequest,
      dev.easychat.social.v1.MuteMemberResponse> getMuteMemberMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.MuteMemberRequest, dev.easychat.social.v1.MuteMemberResponse> getMuteMemberMethod;
    if ((getMuteMemberMethod = SocialServiceGrpc.getMuteMemberMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getMuteMemberMethod = SocialServiceGrpc.getMuteMemberMethod) == null) {
          SocialServiceGrpc.getMuteMemberMethod = getMuteMemberMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.MuteMemberRequest, dev.easychat.social.v1.MuteMemberResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "MuteMember"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.MuteMemberRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.MuteMemberResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("MuteMember"))
              .build();
        }
      }
    }
    return getMuteMemberMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.DissolveGroupRequest,
      dev.easychat.social.v1.DissolveGroupResponse> getDissolveGroupMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DissolveGroup",
      requestType = dev.easychat.social.v1.DissolveGroupRequest.class,
      responseType = dev.easychat.social.v1.DissolveGroupResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.DissolveGroupRequest,
      dev.easychat.social.v1.DissolveGroupResponse> getDissolveGroupMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.DissolveGroupRequest, dev.easychat.social.v1.DissolveGroupResponse> getDissolveGroupMethod;
    if ((getDissolveGroupMethod = SocialServiceGrpc.getDissolveGroupMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getDissolveGroupMethod = SocialServiceGrpc.getDissolveGroupMethod) == null) {
          SocialServiceGrpc.getDissolveGroupMethod = getDissolveGroupMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.DissolveGroupRequest, dev.easychat.social.v1.DissolveGroupResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DissolveGroup"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.DissolveGroupRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.DissolveGroupResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("DissolveGroup"))
              .build();
        }
      }
    }
    return getDissolveGroupMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.social.v1.SearchGroupsRequest,
      dev.easychat.social.v1.SearchGroupsResponse> getSearchGroupsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchGroups",
      requestType = dev.easychat.social.v1.SearchGroupsRequest.class,
      responseType = dev.easychat.social.v1.SearchGroupsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.social.v1.SearchGroupsRequest,
      dev.easychat.social.v1.SearchGroupsResponse> getSearchGroupsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.social.v1.SearchGroupsRequest, dev.easychat.social.v1.SearchGroupsResponse> getSearchGroupsMethod;
    if ((getSearchGroupsMethod = SocialServiceGrpc.getSearchGroupsMethod) == null) {
      synchronized (SocialServiceGrpc.class) {
        if ((getSearchGroupsMethod = SocialServiceGrpc.getSearchGroupsMethod) == null) {
          SocialServiceGrpc.getSearchGroupsMethod = getSearchGroupsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.social.v1.SearchGroupsRequest, dev.easychat.social.v1.SearchGroupsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchGroups"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.SearchGroupsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.social.v1.SearchGroupsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SocialServiceMethodDescriptorSupplier("SearchGroups"))
              .build();
        }
      }
    }
    return getSearchGroupsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SocialServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SocialServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SocialServiceStub>() {
        @java.lang.Override
        public SocialServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SocialServiceStub(channel, callOptions);
        }
      };
    return SocialServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SocialServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SocialServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SocialServiceBlockingV2Stub>() {
        @java.lang.Override
        public SocialServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SocialServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return SocialServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SocialServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SocialServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SocialServiceBlockingStub>() {
        @java.lang.Override
        public SocialServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SocialServiceBlockingStub(channel, callOptions);
        }
      };
    return SocialServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SocialServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SocialServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SocialServiceFutureStub>() {
        @java.lang.Override
        public SocialServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SocialServiceFutureStub(channel, callOptions);
        }
      };
    return SocialServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * SocialService manages the social graph: friends, friend requests, groups and their members.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * SendFriendRequest asks another user to become a friend.
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user), ALREADY_EXISTS (already friends,
     * or a request between the two is already pending).
     * </pre>
     */
    default void sendFriendRequest(dev.easychat.social.v1.SendFriendRequestRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.SendFriendRequestResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendFriendRequestMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListFriendRequests lists the caller's incoming and outgoing requests, newest first.
     * </pre>
     */
    default void listFriendRequests(dev.easychat.social.v1.ListFriendRequestsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListFriendRequestsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListFriendRequestsMethod(), responseObserver);
    }

    /**
     * <pre>
     * HandleFriendRequest accepts or refuses a pending request sent to the caller. Accepting makes the
     * two friends and opens their single conversation.
     * Errors: NOT_FOUND, PERMISSION_DENIED (not the target), FAILED_PRECONDITION (already handled).
     * </pre>
     */
    default void handleFriendRequest(dev.easychat.social.v1.HandleFriendRequestRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.HandleFriendRequestResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getHandleFriendRequestMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListFriends lists the caller's friends, optionally filtered by nickname or remark.
     * </pre>
     */
    default void listFriends(dev.easychat.social.v1.ListFriendsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListFriendsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListFriendsMethod(), responseObserver);
    }

    /**
     * <pre>
     * UpdateFriendRemark sets the caller's private remark (alias) for a friend.
     * </pre>
     */
    default void updateFriendRemark(dev.easychat.social.v1.UpdateFriendRemarkRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.UpdateFriendRemarkResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateFriendRemarkMethod(), responseObserver);
    }

    /**
     * <pre>
     * DeleteFriend ends a friendship on both sides. The history stays; sending needs a new request.
     * </pre>
     */
    default void deleteFriend(dev.easychat.social.v1.DeleteFriendRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.DeleteFriendResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteFriendMethod(), responseObserver);
    }

    /**
     * <pre>
     * BlockUser blocks a user. From then on they cannot send the caller a friend request or a
     * single-chat message (they get the errors they would get from anyone who does not take their
     * requests or is not their friend, so the block is not named), and the caller sees none of
     * their messages: not pushed live, left out of history, sync and search (they stay stored;
     * unblocking shows them again). The caller cannot send them a single-chat message or a friend
     * request either until UnblockUser. A friendship is kept: unblocking restores messaging as it
     * was. Blocking a user already blocked changes nothing (and keeps the first block time).
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user).
     * </pre>
     */
    default void blockUser(dev.easychat.social.v1.BlockUserRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.BlockUserResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getBlockUserMethod(), responseObserver);
    }

    /**
     * <pre>
     * UnblockUser lifts the caller's block of a user. Unblocking a user who is not blocked changes
     * nothing. Errors: INVALID_ARGUMENT (yourself).
     * </pre>
     */
    default void unblockUser(dev.easychat.social.v1.UnblockUserRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.UnblockUserResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUnblockUserMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListBlockedUsers lists the users the caller blocked, most recently blocked first.
     * </pre>
     */
    default void listBlockedUsers(dev.easychat.social.v1.ListBlockedUsersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListBlockedUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListBlockedUsersMethod(), responseObserver);
    }

    /**
     * <pre>
     * CreateGroup creates a group owned by the caller, with the given friends as first members.
     * </pre>
     */
    default void createGroup(dev.easychat.social.v1.CreateGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.CreateGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetGroup returns a group's details; the notice is only shown to members.
     * </pre>
     */
    default void getGroup(dev.easychat.social.v1.GetGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.GetGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * UpdateGroup changes a group's details. Owner and managers only.
     * </pre>
     */
    default void updateGroup(dev.easychat.social.v1.UpdateGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.UpdateGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * JoinGroup joins an open group at once, or files a request for an approval-required group.
     * </pre>
     */
    default void joinGroup(dev.easychat.social.v1.JoinGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.JoinGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getJoinGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * InviteToGroup brings friends of the caller into a group. Owner and managers add them at once;
     * in an approval-required group an invitation by a plain member becomes a request to approve.
     * </pre>
     */
    default void inviteToGroup(dev.easychat.social.v1.InviteToGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.InviteToGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getInviteToGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListGroupRequests lists a group's join requests, newest first. Owner and managers only.
     * </pre>
     */
    default void listGroupRequests(dev.easychat.social.v1.ListGroupRequestsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListGroupRequestsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListGroupRequestsMethod(), responseObserver);
    }

    /**
     * <pre>
     * HandleGroupRequest approves or refuses a pending join request. Owner and managers only.
     * </pre>
     */
    default void handleGroupRequest(dev.easychat.social.v1.HandleGroupRequestRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.HandleGroupRequestResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getHandleGroupRequestMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListMyGroups lists the groups the caller is a member of.
     * </pre>
     */
    default void listMyGroups(dev.easychat.social.v1.ListMyGroupsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListMyGroupsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMyGroupsMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListGroupMembers lists a group's members with role, presence and mute. Members only.
     * </pre>
     */
    default void listGroupMembers(dev.easychat.social.v1.ListGroupMembersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListGroupMembersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListGroupMembersMethod(), responseObserver);
    }

    /**
     * <pre>
     * LeaveGroup removes the caller from a group. The owner must transfer or dissolve instead.
     * </pre>
     */
    default void leaveGroup(dev.easychat.social.v1.LeaveGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.LeaveGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLeaveGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * RemoveGroupMember removes a member. The owner removes anyone; managers remove plain members.
     * </pre>
     */
    default void removeGroupMember(dev.easychat.social.v1.RemoveGroupMemberRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.RemoveGroupMemberResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRemoveGroupMemberMethod(), responseObserver);
    }

    /**
     * <pre>
     * SetMemberRole promotes a member to manager or demotes a manager. Owner only.
     * </pre>
     */
    default void setMemberRole(dev.easychat.social.v1.SetMemberRoleRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.SetMemberRoleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetMemberRoleMethod(), responseObserver);
    }

    /**
     * <pre>
     * TransferGroupOwnership hands the group to another member; the old owner becomes a plain member.
     * </pre>
     */
    default void transferGroupOwnership(dev.easychat.social.v1.TransferGroupOwnershipRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.TransferGroupOwnershipResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getTransferGroupOwnershipMethod(), responseObserver);
    }

    /**
     * <pre>
     * MuteMember stops a member from sending until a time; a past or unset time unmutes.
     * The owner mutes anyone but themself; managers mute plain members.
     * </pre>
     */
    default void muteMember(dev.easychat.social.v1.MuteMemberRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.MuteMemberResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getMuteMemberMethod(), responseObserver);
    }

    /**
     * <pre>
     * DissolveGroup deletes a group and its membership. Owner only.
     * </pre>
     */
    default void dissolveGroup(dev.easychat.social.v1.DissolveGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.DissolveGroupResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDissolveGroupMethod(), responseObserver);
    }

    /**
     * <pre>
     * SearchGroups finds groups by a part of their name.
     * </pre>
     */
    default void searchGroups(dev.easychat.social.v1.SearchGroupsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.SearchGroupsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchGroupsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SocialService.
   * <pre>
   * SocialService manages the social graph: friends, friend requests, groups and their members.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
   * </pre>
   */
  public static abstract class SocialServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SocialServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SocialService.
   * <pre>
   * SocialService manages the social graph: friends, friend requests, groups and their members.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
   * </pre>
   */
  public static final class SocialServiceStub
      extends io.grpc.stub.AbstractAsyncStub<SocialServiceStub> {
    private SocialServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SocialServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SocialServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * SendFriendRequest asks another user to become a friend.
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user), ALREADY_EXISTS (already friends,
     * or a request between the two is already pending).
     * </pre>
     */
    public void sendFriendRequest(dev.easychat.social.v1.SendFriendRequestRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.SendFriendRequestResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendFriendRequestMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListFriendRequests lists the caller's incoming and outgoing requests, newest first.
     * </pre>
     */
    public void listFriendRequests(dev.easychat.social.v1.ListFriendRequestsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListFriendRequestsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListFriendRequestsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * HandleFriendRequest accepts or refuses a pending request sent to the caller. Accepting makes the
     * two friends and opens their single conversation.
     * Errors: NOT_FOUND, PERMISSION_DENIED (not the target), FAILED_PRECONDITION (already handled).
     * </pre>
     */
    public void handleFriendRequest(dev.easychat.social.v1.HandleFriendRequestRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.HandleFriendRequestResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getHandleFriendRequestMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListFriends lists the caller's friends, optionally filtered by nickname or remark.
     * </pre>
     */
    public void listFriends(dev.easychat.social.v1.ListFriendsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListFriendsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListFriendsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UpdateFriendRemark sets the caller's private remark (alias) for a friend.
     * </pre>
     */
    public void updateFriendRemark(dev.easychat.social.v1.UpdateFriendRemarkRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.UpdateFriendRemarkResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateFriendRemarkMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * DeleteFriend ends a friendship on both sides. The history stays; sending needs a new request.
     * </pre>
     */
    public void deleteFriend(dev.easychat.social.v1.DeleteFriendRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.DeleteFriendResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteFriendMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * BlockUser blocks a user. From then on they cannot send the caller a friend request or a
     * single-chat message (they get the errors they would get from anyone who does not take their
     * requests or is not their friend, so the block is not named), and the caller sees none of
     * their messages: not pushed live, left out of history, sync and search (they stay stored;
     * unblocking shows them again). The caller cannot send them a single-chat message or a friend
     * request either until UnblockUser. A friendship is kept: unblocking restores messaging as it
     * was. Blocking a user already blocked changes nothing (and keeps the first block time).
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user).
     * </pre>
     */
    public void blockUser(dev.easychat.social.v1.BlockUserRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.BlockUserResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getBlockUserMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UnblockUser lifts the caller's block of a user. Unblocking a user who is not blocked changes
     * nothing. Errors: INVALID_ARGUMENT (yourself).
     * </pre>
     */
    public void unblockUser(dev.easychat.social.v1.UnblockUserRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.UnblockUserResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUnblockUserMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListBlockedUsers lists the users the caller blocked, most recently blocked first.
     * </pre>
     */
    public void listBlockedUsers(dev.easychat.social.v1.ListBlockedUsersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListBlockedUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListBlockedUsersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * CreateGroup creates a group owned by the caller, with the given friends as first members.
     * </pre>
     */
    public void createGroup(dev.easychat.social.v1.CreateGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.CreateGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetGroup returns a group's details; the notice is only shown to members.
     * </pre>
     */
    public void getGroup(dev.easychat.social.v1.GetGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.GetGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UpdateGroup changes a group's details. Owner and managers only.
     * </pre>
     */
    public void updateGroup(dev.easychat.social.v1.UpdateGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.UpdateGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * JoinGroup joins an open group at once, or files a request for an approval-required group.
     * </pre>
     */
    public void joinGroup(dev.easychat.social.v1.JoinGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.JoinGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getJoinGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * InviteToGroup brings friends of the caller into a group. Owner and managers add them at once;
     * in an approval-required group an invitation by a plain member becomes a request to approve.
     * </pre>
     */
    public void inviteToGroup(dev.easychat.social.v1.InviteToGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.InviteToGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getInviteToGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListGroupRequests lists a group's join requests, newest first. Owner and managers only.
     * </pre>
     */
    public void listGroupRequests(dev.easychat.social.v1.ListGroupRequestsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListGroupRequestsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListGroupRequestsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * HandleGroupRequest approves or refuses a pending join request. Owner and managers only.
     * </pre>
     */
    public void handleGroupRequest(dev.easychat.social.v1.HandleGroupRequestRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.HandleGroupRequestResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getHandleGroupRequestMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListMyGroups lists the groups the caller is a member of.
     * </pre>
     */
    public void listMyGroups(dev.easychat.social.v1.ListMyGroupsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListMyGroupsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMyGroupsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListGroupMembers lists a group's members with role, presence and mute. Members only.
     * </pre>
     */
    public void listGroupMembers(dev.easychat.social.v1.ListGroupMembersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListGroupMembersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListGroupMembersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * LeaveGroup removes the caller from a group. The owner must transfer or dissolve instead.
     * </pre>
     */
    public void leaveGroup(dev.easychat.social.v1.LeaveGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.LeaveGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLeaveGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RemoveGroupMember removes a member. The owner removes anyone; managers remove plain members.
     * </pre>
     */
    public void removeGroupMember(dev.easychat.social.v1.RemoveGroupMemberRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.RemoveGroupMemberResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRemoveGroupMemberMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SetMemberRole promotes a member to manager or demotes a manager. Owner only.
     * </pre>
     */
    public void setMemberRole(dev.easychat.social.v1.SetMemberRoleRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.SetMemberRoleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetMemberRoleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * TransferGroupOwnership hands the group to another member; the old owner becomes a plain member.
     * </pre>
     */
    public void transferGroupOwnership(dev.easychat.social.v1.TransferGroupOwnershipRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.TransferGroupOwnershipResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getTransferGroupOwnershipMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * MuteMember stops a member from sending until a time; a past or unset time unmutes.
     * The owner mutes anyone but themself; managers mute plain members.
     * </pre>
     */
    public void muteMember(dev.easychat.social.v1.MuteMemberRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.MuteMemberResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getMuteMemberMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * DissolveGroup deletes a group and its membership. Owner only.
     * </pre>
     */
    public void dissolveGroup(dev.easychat.social.v1.DissolveGroupRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.DissolveGroupResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDissolveGroupMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SearchGroups finds groups by a part of their name.
     * </pre>
     */
    public void searchGroups(dev.easychat.social.v1.SearchGroupsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.social.v1.SearchGroupsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchGroupsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SocialService.
   * <pre>
   * SocialService manages the social graph: friends, friend requests, groups and their members.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
   * </pre>
   */
  public static final class SocialServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SocialServiceBlockingV2Stub> {
    private SocialServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SocialServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SocialServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * SendFriendRequest asks another user to become a friend.
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user), ALREADY_EXISTS (already friends,
     * or a request between the two is already pending).
     * </pre>
     */
    public dev.easychat.social.v1.SendFriendRequestResponse sendFriendRequest(dev.easychat.social.v1.SendFriendRequestRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendFriendRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListFriendRequests lists the caller's incoming and outgoing requests, newest first.
     * </pre>
     */
    public dev.easychat.social.v1.ListFriendRequestsResponse listFriendRequests(dev.easychat.social.v1.ListFriendRequestsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListFriendRequestsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * HandleFriendRequest accepts or refuses a pending request sent to the caller. Accepting makes the
     * two friends and opens their single conversation.
     * Errors: NOT_FOUND, PERMISSION_DENIED (not the target), FAILED_PRECONDITION (already handled).
     * </pre>
     */
    public dev.easychat.social.v1.HandleFriendRequestResponse handleFriendRequest(dev.easychat.social.v1.HandleFriendRequestRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getHandleFriendRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListFriends lists the caller's friends, optionally filtered by nickname or remark.
     * </pre>
     */
    public dev.easychat.social.v1.ListFriendsResponse listFriends(dev.easychat.social.v1.ListFriendsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListFriendsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateFriendRemark sets the caller's private remark (alias) for a friend.
     * </pre>
     */
    public dev.easychat.social.v1.UpdateFriendRemarkResponse updateFriendRemark(dev.easychat.social.v1.UpdateFriendRemarkRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateFriendRemarkMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteFriend ends a friendship on both sides. The history stays; sending needs a new request.
     * </pre>
     */
    public dev.easychat.social.v1.DeleteFriendResponse deleteFriend(dev.easychat.social.v1.DeleteFriendRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteFriendMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * BlockUser blocks a user. From then on they cannot send the caller a friend request or a
     * single-chat message (they get the errors they would get from anyone who does not take their
     * requests or is not their friend, so the block is not named), and the caller sees none of
     * their messages: not pushed live, left out of history, sync and search (they stay stored;
     * unblocking shows them again). The caller cannot send them a single-chat message or a friend
     * request either until UnblockUser. A friendship is kept: unblocking restores messaging as it
     * was. Blocking a user already blocked changes nothing (and keeps the first block time).
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user).
     * </pre>
     */
    public dev.easychat.social.v1.BlockUserResponse blockUser(dev.easychat.social.v1.BlockUserRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getBlockUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UnblockUser lifts the caller's block of a user. Unblocking a user who is not blocked changes
     * nothing. Errors: INVALID_ARGUMENT (yourself).
     * </pre>
     */
    public dev.easychat.social.v1.UnblockUserResponse unblockUser(dev.easychat.social.v1.UnblockUserRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUnblockUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListBlockedUsers lists the users the caller blocked, most recently blocked first.
     * </pre>
     */
    public dev.easychat.social.v1.ListBlockedUsersResponse listBlockedUsers(dev.easychat.social.v1.ListBlockedUsersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListBlockedUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * CreateGroup creates a group owned by the caller, with the given friends as first members.
     * </pre>
     */
    public dev.easychat.social.v1.CreateGroupResponse createGroup(dev.easychat.social.v1.CreateGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetGroup returns a group's details; the notice is only shown to members.
     * </pre>
     */
    public dev.easychat.social.v1.GetGroupResponse getGroup(dev.easychat.social.v1.GetGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateGroup changes a group's details. Owner and managers only.
     * </pre>
     */
    public dev.easychat.social.v1.UpdateGroupResponse updateGroup(dev.easychat.social.v1.UpdateGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * JoinGroup joins an open group at once, or files a request for an approval-required group.
     * </pre>
     */
    public dev.easychat.social.v1.JoinGroupResponse joinGroup(dev.easychat.social.v1.JoinGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getJoinGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * InviteToGroup brings friends of the caller into a group. Owner and managers add them at once;
     * in an approval-required group an invitation by a plain member becomes a request to approve.
     * </pre>
     */
    public dev.easychat.social.v1.InviteToGroupResponse inviteToGroup(dev.easychat.social.v1.InviteToGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getInviteToGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListGroupRequests lists a group's join requests, newest first. Owner and managers only.
     * </pre>
     */
    public dev.easychat.social.v1.ListGroupRequestsResponse listGroupRequests(dev.easychat.social.v1.ListGroupRequestsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListGroupRequestsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * HandleGroupRequest approves or refuses a pending join request. Owner and managers only.
     * </pre>
     */
    public dev.easychat.social.v1.HandleGroupRequestResponse handleGroupRequest(dev.easychat.social.v1.HandleGroupRequestRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getHandleGroupRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMyGroups lists the groups the caller is a member of.
     * </pre>
     */
    public dev.easychat.social.v1.ListMyGroupsResponse listMyGroups(dev.easychat.social.v1.ListMyGroupsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMyGroupsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListGroupMembers lists a group's members with role, presence and mute. Members only.
     * </pre>
     */
    public dev.easychat.social.v1.ListGroupMembersResponse listGroupMembers(dev.easychat.social.v1.ListGroupMembersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListGroupMembersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * LeaveGroup removes the caller from a group. The owner must transfer or dissolve instead.
     * </pre>
     */
    public dev.easychat.social.v1.LeaveGroupResponse leaveGroup(dev.easychat.social.v1.LeaveGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLeaveGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RemoveGroupMember removes a member. The owner removes anyone; managers remove plain members.
     * </pre>
     */
    public dev.easychat.social.v1.RemoveGroupMemberResponse removeGroupMember(dev.easychat.social.v1.RemoveGroupMemberRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRemoveGroupMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SetMemberRole promotes a member to manager or demotes a manager. Owner only.
     * </pre>
     */
    public dev.easychat.social.v1.SetMemberRoleResponse setMemberRole(dev.easychat.social.v1.SetMemberRoleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetMemberRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * TransferGroupOwnership hands the group to another member; the old owner becomes a plain member.
     * </pre>
     */
    public dev.easychat.social.v1.TransferGroupOwnershipResponse transferGroupOwnership(dev.easychat.social.v1.TransferGroupOwnershipRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getTransferGroupOwnershipMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * MuteMember stops a member from sending until a time; a past or unset time unmutes.
     * The owner mutes anyone but themself; managers mute plain members.
     * </pre>
     */
    public dev.easychat.social.v1.MuteMemberResponse muteMember(dev.easychat.social.v1.MuteMemberRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getMuteMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DissolveGroup deletes a group and its membership. Owner only.
     * </pre>
     */
    public dev.easychat.social.v1.DissolveGroupResponse dissolveGroup(dev.easychat.social.v1.DissolveGroupRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDissolveGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchGroups finds groups by a part of their name.
     * </pre>
     */
    public dev.easychat.social.v1.SearchGroupsResponse searchGroups(dev.easychat.social.v1.SearchGroupsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchGroupsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SocialService.
   * <pre>
   * SocialService manages the social graph: friends, friend requests, groups and their members.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
   * </pre>
   */
  public static final class SocialServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SocialServiceBlockingStub> {
    private SocialServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SocialServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SocialServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * SendFriendRequest asks another user to become a friend.
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user), ALREADY_EXISTS (already friends,
     * or a request between the two is already pending).
     * </pre>
     */
    public dev.easychat.social.v1.SendFriendRequestResponse sendFriendRequest(dev.easychat.social.v1.SendFriendRequestRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendFriendRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListFriendRequests lists the caller's incoming and outgoing requests, newest first.
     * </pre>
     */
    public dev.easychat.social.v1.ListFriendRequestsResponse listFriendRequests(dev.easychat.social.v1.ListFriendRequestsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListFriendRequestsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * HandleFriendRequest accepts or refuses a pending request sent to the caller. Accepting makes the
     * two friends and opens their single conversation.
     * Errors: NOT_FOUND, PERMISSION_DENIED (not the target), FAILED_PRECONDITION (already handled).
     * </pre>
     */
    public dev.easychat.social.v1.HandleFriendRequestResponse handleFriendRequest(dev.easychat.social.v1.HandleFriendRequestRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getHandleFriendRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListFriends lists the caller's friends, optionally filtered by nickname or remark.
     * </pre>
     */
    public dev.easychat.social.v1.ListFriendsResponse listFriends(dev.easychat.social.v1.ListFriendsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListFriendsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateFriendRemark sets the caller's private remark (alias) for a friend.
     * </pre>
     */
    public dev.easychat.social.v1.UpdateFriendRemarkResponse updateFriendRemark(dev.easychat.social.v1.UpdateFriendRemarkRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateFriendRemarkMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteFriend ends a friendship on both sides. The history stays; sending needs a new request.
     * </pre>
     */
    public dev.easychat.social.v1.DeleteFriendResponse deleteFriend(dev.easychat.social.v1.DeleteFriendRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteFriendMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * BlockUser blocks a user. From then on they cannot send the caller a friend request or a
     * single-chat message (they get the errors they would get from anyone who does not take their
     * requests or is not their friend, so the block is not named), and the caller sees none of
     * their messages: not pushed live, left out of history, sync and search (they stay stored;
     * unblocking shows them again). The caller cannot send them a single-chat message or a friend
     * request either until UnblockUser. A friendship is kept: unblocking restores messaging as it
     * was. Blocking a user already blocked changes nothing (and keeps the first block time).
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user).
     * </pre>
     */
    public dev.easychat.social.v1.BlockUserResponse blockUser(dev.easychat.social.v1.BlockUserRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getBlockUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UnblockUser lifts the caller's block of a user. Unblocking a user who is not blocked changes
     * nothing. Errors: INVALID_ARGUMENT (yourself).
     * </pre>
     */
    public dev.easychat.social.v1.UnblockUserResponse unblockUser(dev.easychat.social.v1.UnblockUserRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUnblockUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListBlockedUsers lists the users the caller blocked, most recently blocked first.
     * </pre>
     */
    public dev.easychat.social.v1.ListBlockedUsersResponse listBlockedUsers(dev.easychat.social.v1.ListBlockedUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListBlockedUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * CreateGroup creates a group owned by the caller, with the given friends as first members.
     * </pre>
     */
    public dev.easychat.social.v1.CreateGroupResponse createGroup(dev.easychat.social.v1.CreateGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetGroup returns a group's details; the notice is only shown to members.
     * </pre>
     */
    public dev.easychat.social.v1.GetGroupResponse getGroup(dev.easychat.social.v1.GetGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateGroup changes a group's details. Owner and managers only.
     * </pre>
     */
    public dev.easychat.social.v1.UpdateGroupResponse updateGroup(dev.easychat.social.v1.UpdateGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * JoinGroup joins an open group at once, or files a request for an approval-required group.
     * </pre>
     */
    public dev.easychat.social.v1.JoinGroupResponse joinGroup(dev.easychat.social.v1.JoinGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getJoinGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * InviteToGroup brings friends of the caller into a group. Owner and managers add them at once;
     * in an approval-required group an invitation by a plain member becomes a request to approve.
     * </pre>
     */
    public dev.easychat.social.v1.InviteToGroupResponse inviteToGroup(dev.easychat.social.v1.InviteToGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getInviteToGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListGroupRequests lists a group's join requests, newest first. Owner and managers only.
     * </pre>
     */
    public dev.easychat.social.v1.ListGroupRequestsResponse listGroupRequests(dev.easychat.social.v1.ListGroupRequestsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListGroupRequestsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * HandleGroupRequest approves or refuses a pending join request. Owner and managers only.
     * </pre>
     */
    public dev.easychat.social.v1.HandleGroupRequestResponse handleGroupRequest(dev.easychat.social.v1.HandleGroupRequestRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getHandleGroupRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMyGroups lists the groups the caller is a member of.
     * </pre>
     */
    public dev.easychat.social.v1.ListMyGroupsResponse listMyGroups(dev.easychat.social.v1.ListMyGroupsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMyGroupsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListGroupMembers lists a group's members with role, presence and mute. Members only.
     * </pre>
     */
    public dev.easychat.social.v1.ListGroupMembersResponse listGroupMembers(dev.easychat.social.v1.ListGroupMembersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListGroupMembersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * LeaveGroup removes the caller from a group. The owner must transfer or dissolve instead.
     * </pre>
     */
    public dev.easychat.social.v1.LeaveGroupResponse leaveGroup(dev.easychat.social.v1.LeaveGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLeaveGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RemoveGroupMember removes a member. The owner removes anyone; managers remove plain members.
     * </pre>
     */
    public dev.easychat.social.v1.RemoveGroupMemberResponse removeGroupMember(dev.easychat.social.v1.RemoveGroupMemberRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRemoveGroupMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SetMemberRole promotes a member to manager or demotes a manager. Owner only.
     * </pre>
     */
    public dev.easychat.social.v1.SetMemberRoleResponse setMemberRole(dev.easychat.social.v1.SetMemberRoleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetMemberRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * TransferGroupOwnership hands the group to another member; the old owner becomes a plain member.
     * </pre>
     */
    public dev.easychat.social.v1.TransferGroupOwnershipResponse transferGroupOwnership(dev.easychat.social.v1.TransferGroupOwnershipRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getTransferGroupOwnershipMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * MuteMember stops a member from sending until a time; a past or unset time unmutes.
     * The owner mutes anyone but themself; managers mute plain members.
     * </pre>
     */
    public dev.easychat.social.v1.MuteMemberResponse muteMember(dev.easychat.social.v1.MuteMemberRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getMuteMemberMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DissolveGroup deletes a group and its membership. Owner only.
     * </pre>
     */
    public dev.easychat.social.v1.DissolveGroupResponse dissolveGroup(dev.easychat.social.v1.DissolveGroupRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDissolveGroupMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchGroups finds groups by a part of their name.
     * </pre>
     */
    public dev.easychat.social.v1.SearchGroupsResponse searchGroups(dev.easychat.social.v1.SearchGroupsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchGroupsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SocialService.
   * <pre>
   * SocialService manages the social graph: friends, friend requests, groups and their members.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user.
   * </pre>
   */
  public static final class SocialServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SocialServiceFutureStub> {
    private SocialServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SocialServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SocialServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * SendFriendRequest asks another user to become a friend.
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user), ALREADY_EXISTS (already friends,
     * or a request between the two is already pending).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.SendFriendRequestResponse> sendFriendRequest(
        dev.easychat.social.v1.SendFriendRequestRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendFriendRequestMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListFriendRequests lists the caller's incoming and outgoing requests, newest first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.ListFriendRequestsResponse> listFriendRequests(
        dev.easychat.social.v1.ListFriendRequestsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListFriendRequestsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * HandleFriendRequest accepts or refuses a pending request sent to the caller. Accepting makes the
     * two friends and opens their single conversation.
     * Errors: NOT_FOUND, PERMISSION_DENIED (not the target), FAILED_PRECONDITION (already handled).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.HandleFriendRequestResponse> handleFriendRequest(
        dev.easychat.social.v1.HandleFriendRequestRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getHandleFriendRequestMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListFriends lists the caller's friends, optionally filtered by nickname or remark.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.ListFriendsResponse> listFriends(
        dev.easychat.social.v1.ListFriendsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListFriendsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UpdateFriendRemark sets the caller's private remark (alias) for a friend.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.UpdateFriendRemarkResponse> updateFriendRemark(
        dev.easychat.social.v1.UpdateFriendRemarkRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateFriendRemarkMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * DeleteFriend ends a friendship on both sides. The history stays; sending needs a new request.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.DeleteFriendResponse> deleteFriend(
        dev.easychat.social.v1.DeleteFriendRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteFriendMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * BlockUser blocks a user. From then on they cannot send the caller a friend request or a
     * single-chat message (they get the errors they would get from anyone who does not take their
     * requests or is not their friend, so the block is not named), and the caller sees none of
     * their messages: not pushed live, left out of history, sync and search (they stay stored;
     * unblocking shows them again). The caller cannot send them a single-chat message or a friend
     * request either until UnblockUser. A friendship is kept: unblocking restores messaging as it
     * was. Blocking a user already blocked changes nothing (and keeps the first block time).
     * Errors: INVALID_ARGUMENT (yourself), NOT_FOUND (unknown user).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.BlockUserResponse> blockUser(
        dev.easychat.social.v1.BlockUserRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getBlockUserMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UnblockUser lifts the caller's block of a user. Unblocking a user who is not blocked changes
     * nothing. Errors: INVALID_ARGUMENT (yourself).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.UnblockUserResponse> unblockUser(
        dev.easychat.social.v1.UnblockUserRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUnblockUserMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListBlockedUsers lists the users the caller blocked, most recently blocked first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.ListBlockedUsersResponse> listBlockedUsers(
        dev.easychat.social.v1.ListBlockedUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListBlockedUsersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * CreateGroup creates a group owned by the caller, with the given friends as first members.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.CreateGroupResponse> createGroup(
        dev.easychat.social.v1.CreateGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetGroup returns a group's details; the notice is only shown to members.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.GetGroupResponse> getGroup(
        dev.easychat.social.v1.GetGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UpdateGroup changes a group's details. Owner and managers only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.UpdateGroupResponse> updateGroup(
        dev.easychat.social.v1.UpdateGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * JoinGroup joins an open group at once, or files a request for an approval-required group.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.JoinGroupResponse> joinGroup(
        dev.easychat.social.v1.JoinGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getJoinGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * InviteToGroup brings friends of the caller into a group. Owner and managers add them at once;
     * in an approval-required group an invitation by a plain member becomes a request to approve.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.InviteToGroupResponse> inviteToGroup(
        dev.easychat.social.v1.InviteToGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getInviteToGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListGroupRequests lists a group's join requests, newest first. Owner and managers only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.ListGroupRequestsResponse> listGroupRequests(
        dev.easychat.social.v1.ListGroupRequestsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListGroupRequestsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * HandleGroupRequest approves or refuses a pending join request. Owner and managers only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.HandleGroupRequestResponse> handleGroupRequest(
        dev.easychat.social.v1.HandleGroupRequestRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getHandleGroupRequestMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListMyGroups lists the groups the caller is a member of.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.ListMyGroupsResponse> listMyGroups(
        dev.easychat.social.v1.ListMyGroupsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMyGroupsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListGroupMembers lists a group's members with role, presence and mute. Members only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.ListGroupMembersResponse> listGroupMembers(
        dev.easychat.social.v1.ListGroupMembersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListGroupMembersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * LeaveGroup removes the caller from a group. The owner must transfer or dissolve instead.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.LeaveGroupResponse> leaveGroup(
        dev.easychat.social.v1.LeaveGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLeaveGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * RemoveGroupMember removes a member. The owner removes anyone; managers remove plain members.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.RemoveGroupMemberResponse> removeGroupMember(
        dev.easychat.social.v1.RemoveGroupMemberRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRemoveGroupMemberMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SetMemberRole promotes a member to manager or demotes a manager. Owner only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.SetMemberRoleResponse> setMemberRole(
        dev.easychat.social.v1.SetMemberRoleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetMemberRoleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * TransferGroupOwnership hands the group to another member; the old owner becomes a plain member.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.TransferGroupOwnershipResponse> transferGroupOwnership(
        dev.easychat.social.v1.TransferGroupOwnershipRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getTransferGroupOwnershipMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * MuteMember stops a member from sending until a time; a past or unset time unmutes.
     * The owner mutes anyone but themself; managers mute plain members.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.MuteMemberResponse> muteMember(
        dev.easychat.social.v1.MuteMemberRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getMuteMemberMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * DissolveGroup deletes a group and its membership. Owner only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.DissolveGroupResponse> dissolveGroup(
        dev.easychat.social.v1.DissolveGroupRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDissolveGroupMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SearchGroups finds groups by a part of their name.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.social.v1.SearchGroupsResponse> searchGroups(
        dev.easychat.social.v1.SearchGroupsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchGroupsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SEND_FRIEND_REQUEST = 0;
  private static final int METHODID_LIST_FRIEND_REQUESTS = 1;
  private static final int METHODID_HANDLE_FRIEND_REQUEST = 2;
  private static final int METHODID_LIST_FRIENDS = 3;
  private static final int METHODID_UPDATE_FRIEND_REMARK = 4;
  private static final int METHODID_DELETE_FRIEND = 5;
  private static final int METHODID_BLOCK_USER = 6;
  private static final int METHODID_UNBLOCK_USER = 7;
  private static final int METHODID_LIST_BLOCKED_USERS = 8;
  private static final int METHODID_CREATE_GROUP = 9;
  private static final int METHODID_GET_GROUP = 10;
  private static final int METHODID_UPDATE_GROUP = 11;
  private static final int METHODID_JOIN_GROUP = 12;
  private static final int METHODID_INVITE_TO_GROUP = 13;
  private static final int METHODID_LIST_GROUP_REQUESTS = 14;
  private static final int METHODID_HANDLE_GROUP_REQUEST = 15;
  private static final int METHODID_LIST_MY_GROUPS = 16;
  private static final int METHODID_LIST_GROUP_MEMBERS = 17;
  private static final int METHODID_LEAVE_GROUP = 18;
  private static final int METHODID_REMOVE_GROUP_MEMBER = 19;
  private static final int METHODID_SET_MEMBER_ROLE = 20;
  private static final int METHODID_TRANSFER_GROUP_OWNERSHIP = 21;
  private static final int METHODID_MUTE_MEMBER = 22;
  private static final int METHODID_DISSOLVE_GROUP = 23;
  private static final int METHODID_SEARCH_GROUPS = 24;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_SEND_FRIEND_REQUEST:
          serviceImpl.sendFriendRequest((dev.easychat.social.v1.SendFriendRequestRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.SendFriendRequestResponse>) responseObserver);
          break;
        case METHODID_LIST_FRIEND_REQUESTS:
          serviceImpl.listFriendRequests((dev.easychat.social.v1.ListFriendRequestsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListFriendRequestsResponse>) responseObserver);
          break;
        case METHODID_HANDLE_FRIEND_REQUEST:
          serviceImpl.handleFriendRequest((dev.easychat.social.v1.HandleFriendRequestRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.HandleFriendRequestResponse>) responseObserver);
          break;
        case METHODID_LIST_FRIENDS:
          serviceImpl.listFriends((dev.easychat.social.v1.ListFriendsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListFriendsResponse>) responseObserver);
          break;
        case METHODID_UPDATE_FRIEND_REMARK:
          serviceImpl.updateFriendRemark((dev.easychat.social.v1.UpdateFriendRemarkRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.UpdateFriendRemarkResponse>) responseObserver);
          break;
        case METHODID_DELETE_FRIEND:
          serviceImpl.deleteFriend((dev.easychat.social.v1.DeleteFriendRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.DeleteFriendResponse>) responseObserver);
          break;
        case METHODID_BLOCK_USER:
          serviceImpl.blockUser((dev.easychat.social.v1.BlockUserRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.BlockUserResponse>) responseObserver);
          break;
        case METHODID_UNBLOCK_USER:
          serviceImpl.unblockUser((dev.easychat.social.v1.UnblockUserRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.UnblockUserResponse>) responseObserver);
          break;
        case METHODID_LIST_BLOCKED_USERS:
          serviceImpl.listBlockedUsers((dev.easychat.social.v1.ListBlockedUsersRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListBlockedUsersResponse>) responseObserver);
          break;
        case METHODID_CREATE_GROUP:
          serviceImpl.createGroup((dev.easychat.social.v1.CreateGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.CreateGroupResponse>) responseObserver);
          break;
        case METHODID_GET_GROUP:
          serviceImpl.getGroup((dev.easychat.social.v1.GetGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.GetGroupResponse>) responseObserver);
          break;
        case METHODID_UPDATE_GROUP:
          serviceImpl.updateGroup((dev.easychat.social.v1.UpdateGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.UpdateGroupResponse>) responseObserver);
          break;
        case METHODID_JOIN_GROUP:
          serviceImpl.joinGroup((dev.easychat.social.v1.JoinGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.JoinGroupResponse>) responseObserver);
          break;
        case METHODID_INVITE_TO_GROUP:
          serviceImpl.inviteToGroup((dev.easychat.social.v1.InviteToGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.InviteToGroupResponse>) responseObserver);
          break;
        case METHODID_LIST_GROUP_REQUESTS:
          serviceImpl.listGroupRequests((dev.easychat.social.v1.ListGroupRequestsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListGroupRequestsResponse>) responseObserver);
          break;
        case METHODID_HANDLE_GROUP_REQUEST:
          serviceImpl.handleGroupRequest((dev.easychat.social.v1.HandleGroupRequestRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.HandleGroupRequestResponse>) responseObserver);
          break;
        case METHODID_LIST_MY_GROUPS:
          serviceImpl.listMyGroups((dev.easychat.social.v1.ListMyGroupsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListMyGroupsResponse>) responseObserver);
          break;
        case METHODID_LIST_GROUP_MEMBERS:
          serviceImpl.listGroupMembers((dev.easychat.social.v1.ListGroupMembersRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.ListGroupMembersResponse>) responseObserver);
          break;
        case METHODID_LEAVE_GROUP:
          serviceImpl.leaveGroup((dev.easychat.social.v1.LeaveGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.LeaveGroupResponse>) responseObserver);
          break;
        case METHODID_REMOVE_GROUP_MEMBER:
          serviceImpl.removeGroupMember((dev.easychat.social.v1.RemoveGroupMemberRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.RemoveGroupMemberResponse>) responseObserver);
          break;
        case METHODID_SET_MEMBER_ROLE:
          serviceImpl.setMemberRole((dev.easychat.social.v1.SetMemberRoleRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.SetMemberRoleResponse>) responseObserver);
          break;
        case METHODID_TRANSFER_GROUP_OWNERSHIP:
          serviceImpl.transferGroupOwnership((dev.easychat.social.v1.TransferGroupOwnershipRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.TransferGroupOwnershipResponse>) responseObserver);
          break;
        case METHODID_MUTE_MEMBER:
          serviceImpl.muteMember((dev.easychat.social.v1.MuteMemberRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.MuteMemberResponse>) responseObserver);
          break;
        case METHODID_DISSOLVE_GROUP:
          serviceImpl.dissolveGroup((dev.easychat.social.v1.DissolveGroupRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.DissolveGroupResponse>) responseObserver);
          break;
        case METHODID_SEARCH_GROUPS:
          serviceImpl.searchGroups((dev.easychat.social.v1.SearchGroupsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.social.v1.SearchGroupsResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getSendFriendRequestMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.SendFriendRequestRequest,
              dev.easychat.social.v1.SendFriendRequestResponse>(
                service, METHODID_SEND_FRIEND_REQUEST)))
        .addMethod(
          getListFriendRequestsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.ListFriendRequestsRequest,
              dev.easychat.social.v1.ListFriendRequestsResponse>(
                service, METHODID_LIST_FRIEND_REQUESTS)))
        .addMethod(
          getHandleFriendRequestMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.HandleFriendRequestRequest,
              dev.easychat.social.v1.HandleFriendRequestResponse>(
                service, METHODID_HANDLE_FRIEND_REQUEST)))
        .addMethod(
          getListFriendsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.ListFriendsRequest,
              dev.easychat.social.v1.ListFriendsResponse>(
                service, METHODID_LIST_FRIENDS)))
        .addMethod(
          getUpdateFriendRemarkMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.UpdateFriendRemarkRequest,
              dev.easychat.social.v1.UpdateFriendRemarkResponse>(
                service, METHODID_UPDATE_FRIEND_REMARK)))
        .addMethod(
          getDeleteFriendMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.DeleteFriendRequest,
              dev.easychat.social.v1.DeleteFriendResponse>(
                service, METHODID_DELETE_FRIEND)))
        .addMethod(
          getBlockUserMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.BlockUserRequest,
              dev.easychat.social.v1.BlockUserResponse>(
                service, METHODID_BLOCK_USER)))
        .addMethod(
          getUnblockUserMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.UnblockUserRequest,
              dev.easychat.social.v1.UnblockUserResponse>(
                service, METHODID_UNBLOCK_USER)))
        .addMethod(
          getListBlockedUsersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.ListBlockedUsersRequest,
              dev.easychat.social.v1.ListBlockedUsersResponse>(
                service, METHODID_LIST_BLOCKED_USERS)))
        .addMethod(
          getCreateGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.CreateGroupRequest,
              dev.easychat.social.v1.CreateGroupResponse>(
                service, METHODID_CREATE_GROUP)))
        .addMethod(
          getGetGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.GetGroupRequest,
              dev.easychat.social.v1.GetGroupResponse>(
                service, METHODID_GET_GROUP)))
        .addMethod(
          getUpdateGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.UpdateGroupRequest,
              dev.easychat.social.v1.UpdateGroupResponse>(
                service, METHODID_UPDATE_GROUP)))
        .addMethod(
          getJoinGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.JoinGroupRequest,
              dev.easychat.social.v1.JoinGroupResponse>(
                service, METHODID_JOIN_GROUP)))
        .addMethod(
          getInviteToGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.InviteToGroupRequest,
              dev.easychat.social.v1.InviteToGroupResponse>(
                service, METHODID_INVITE_TO_GROUP)))
        .addMethod(
          getListGroupRequestsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.ListGroupRequestsRequest,
              dev.easychat.social.v1.ListGroupRequestsResponse>(
                service, METHODID_LIST_GROUP_REQUESTS)))
        .addMethod(
          getHandleGroupRequestMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.HandleGroupRequestRequest,
              dev.easychat.social.v1.HandleGroupRequestResponse>(
                service, METHODID_HANDLE_GROUP_REQUEST)))
        .addMethod(
          getListMyGroupsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.ListMyGroupsRequest,
              dev.easychat.social.v1.ListMyGroupsResponse>(
                service, METHODID_LIST_MY_GROUPS)))
        .addMethod(
          getListGroupMembersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.ListGroupMembersRequest,
              dev.easychat.social.v1.ListGroupMembersResponse>(
                service, METHODID_LIST_GROUP_MEMBERS)))
        .addMethod(
          getLeaveGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.LeaveGroupRequest,
              dev.easychat.social.v1.LeaveGroupResponse>(
                service, METHODID_LEAVE_GROUP)))
        .addMethod(
          getRemoveGroupMemberMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.RemoveGroupMemberRequest,
              dev.easychat.social.v1.RemoveGroupMemberResponse>(
                service, METHODID_REMOVE_GROUP_MEMBER)))
        .addMethod(
          getSetMemberRoleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.SetMemberRoleRequest,
              dev.easychat.social.v1.SetMemberRoleResponse>(
                service, METHODID_SET_MEMBER_ROLE)))
        .addMethod(
          getTransferGroupOwnershipMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.TransferGroupOwnershipRequest,
              dev.easychat.social.v1.TransferGroupOwnershipResponse>(
                service, METHODID_TRANSFER_GROUP_OWNERSHIP)))
        .addMethod(
          getMuteMemberMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.MuteMemberRequest,
              dev.easychat.social.v1.MuteMemberResponse>(
                service, METHODID_MUTE_MEMBER)))
        .addMethod(
          getDissolveGroupMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.DissolveGroupRequest,
              dev.easychat.social.v1.DissolveGroupResponse>(
                service, METHODID_DISSOLVE_GROUP)))
        .addMethod(
          getSearchGroupsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.social.v1.SearchGroupsRequest,
              dev.easychat.social.v1.SearchGroupsResponse>(
                service, METHODID_SEARCH_GROUPS)))
        .build();
  }

  private static abstract class SocialServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SocialServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.easychat.social.v1.SocialProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SocialService");
    }
  }

  private static final class SocialServiceFileDescriptorSupplier
      extends SocialServiceBaseDescriptorSupplier {
    SocialServiceFileDescriptorSupplier() {}
  }

  private static final class SocialServiceMethodDescriptorSupplier
      extends SocialServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SocialServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (SocialServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SocialServiceFileDescriptorSupplier())
              .addMethod(getSendFriendRequestMethod())
              .addMethod(getListFriendRequestsMethod())
              .addMethod(getHandleFriendRequestMethod())
              .addMethod(getListFriendsMethod())
              .addMethod(getUpdateFriendRemarkMethod())
              .addMethod(getDeleteFriendMethod())
              .addMethod(getBlockUserMethod())
              .addMethod(getUnblockUserMethod())
              .addMethod(getListBlockedUsersMethod())
              .addMethod(getCreateGroupMethod())
              .addMethod(getGetGroupMethod())
              .addMethod(getUpdateGroupMethod())
              .addMethod(getJoinGroupMethod())
              .addMethod(getInviteToGroupMethod())
              .addMethod(getListGroupRequestsMethod())
              .addMethod(getHandleGroupRequestMethod())
              .addMethod(getListMyGroupsMethod())
              .addMethod(getListGroupMembersMethod())
              .addMethod(getLeaveGroupMethod())
              .addMethod(getRemoveGroupMemberMethod())
              .addMethod(getSetMemberRoleMethod())
              .addMethod(getTransferGroupOwnershipMethod())
              .addMethod(getMuteMemberMethod())
              .addMethod(getDissolveGroupMethod())
              .addMethod(getSearchGroupsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
