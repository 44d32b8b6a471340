package dev.easychat.user.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * UserService manages accounts: registration, login, tokens and profiles.
 * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class UserServiceGrpc {

  private UserServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "easychat.user.v1.UserService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.RegisterRequest,
      dev.easychat.user.v1.RegisterResponse> getRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Register",
      requestType = dev.easychat.user.v1.RegisterRequest.class,
      responseType = dev.easychat.user.v1.RegisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.RegisterRequest,
      dev.easychat.user.v1.RegisterResponse> getRegisterMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.RegisterRequest, dev.easychat.user.v1.RegisterResponse> getRegisterMethod;
    if ((getRegisterMethod = UserServiceGrpc.getRegisterMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getRegisterMethod = UserServiceGrpc.getRegisterMethod) == null) {
          UserServiceGrpc.getRegisterMethod = getRegisterMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.RegisterRequest, dev.easychat.user.v1.RegisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Register"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.RegisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.RegisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("Register"))
              .build();
        }
      }
    }
    return getRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.LoginRequest,
      dev.easychat.user.v1.LoginResponse> getLoginMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Login",
      requestType = dev.easychat.user.v1.LoginRequest.class,
      responseType = dev.easychat.user.v1.LoginResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.LoginRequest,
      dev.easychat.user.v1.LoginResponse> getLoginMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.LoginRequest, dev.easychat.user.v1.LoginResponse> getLoginMethod;
    if ((getLoginMethod = UserServiceGrpc.getLoginMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getLoginMethod = UserServiceGrpc.getLoginMethod) == null) {
          UserServiceGrpc.getLoginMethod = getLoginMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.LoginRequest, dev.easychat.user.v1.LoginResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Login"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.LoginRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.LoginResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("Login"))
              .build();
        }
      }
    }
    return getLoginMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.GetMeRequest,
      dev.easychat.user.v1.GetMeResponse> getGetMeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetMe",
      requestType = dev.easychat.user.v1.GetMeRequest.class,
      responseType = dev.easychat.user.v1.GetMeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.GetMeRequest,
      dev.easychat.user.v1.GetMeResponse> getGetMeMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.GetMeRequest, dev.easychat.user.v1.GetMeResponse> getGetMeMethod;
    if ((getGetMeMethod = UserServiceGrpc.getGetMeMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getGetMeMethod = UserServiceGrpc.getGetMeMethod) == null) {
          UserServiceGrpc.getGetMeMethod = getGetMeMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.GetMeRequest, dev.easychat.user.v1.GetMeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetMe"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.GetMeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.GetMeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("GetMe"))
              .build();
        }
      }
    }
    return getGetMeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.GetUserRequest,
      dev.easychat.user.v1.GetUserResponse> getGetUserMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetUser",
      requestType = dev.easychat.user.v1.GetUserRequest.class,
      responseType = dev.easychat.user.v1.GetUserResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.GetUserRequest,
      dev.easychat.user.v1.GetUserResponse> getGetUserMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.GetUserRequest, dev.easychat.user.v1.GetUserResponse> getGetUserMethod;
    if ((getGetUserMethod = UserServiceGrpc.getGetUserMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getGetUserMethod = UserServiceGrpc.getGetUserMethod) == null) {
          UserServiceGrpc.getGetUserMethod = getGetUserMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.GetUserRequest, dev.easychat.user.v1.GetUserResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetUser"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.GetUserRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.GetUserResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("GetUser"))
              .build();
        }
      }
    }
    return getGetUserMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.BatchGetUsersRequest,
      dev.easychat.user.v1.BatchGetUsersResponse> getBatchGetUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "BatchGetUsers",
      requestType = dev.easychat.user.v1.BatchGetUsersRequest.class,
      responseType = dev.easychat.user.v1.BatchGetUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.BatchGetUsersRequest,
      dev.easychat.user.v1.BatchGetUsersResponse> getBatchGetUsersMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.BatchGetUsersRequest, dev.easychat.user.v1.BatchGetUsersResponse> getBatchGetUsersMethod;
    if ((getBatchGetUsersMethod = UserServiceGrpc.getBatchGetUsersMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getBatchGetUsersMethod = UserServiceGrpc.getBatchGetUsersMethod) == null) {
          UserServiceGrpc.getBatchGetUsersMethod = getBatchGetUsersMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.BatchGetUsersRequest, dev.easychat.user.v1.BatchGetUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "BatchGetUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.BatchGetUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.BatchGetUsersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("BatchGetUsers"))
              .build();
        }
      }
    }
    return getBatchGetUsersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.UpdateProfileRequest,
      dev.easychat.user.v1.UpdateProfileResponse> getUpdateProfileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateProfile",
      requestType = dev.easychat.user.v1.UpdateProfileRequest.class,
      responseType = dev.easychat.user.v1.UpdateProfileResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.UpdateProfileRequest,
      dev.easychat.user.v1.UpdateProfileResponse> getUpdateProfileMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.UpdateProfileRequest, dev.easychat.user.v1.UpdateProfileResponse> getUpdateProfileMethod;
    if ((getUpdateProfileMethod = UserServiceGrpc.getUpdateProfileMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getUpdateProfileMethod = UserServiceGrpc.getUpdateProfileMethod) == null) {
          UserServiceGrpc.getUpdateProfileMethod = getUpdateProfileMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.UpdateProfileRequest, dev.easychat.user.v1.UpdateProfileResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateProfile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.UpdateProfileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.UpdateProfileResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("UpdateProfile"))
              .build();
        }
      }
    }
    return getUpdateProfileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.ChangePasswordRequest,
      dev.easychat.user.v1.ChangePasswordResponse> getChangePasswordMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ChangePassword",
      requestType = dev.easychat.user.v1.ChangePasswordRequest.class,
      responseType = dev.easychat.user.v1.ChangePasswordResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.ChangePasswordRequest,
      dev.easychat.user.v1.ChangePasswordResponse> getChangePasswordMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.ChangePasswordRequest, dev.easychat.user.v1.ChangePasswordResponse> getChangePasswordMethod;
    if ((getChangePasswordMethod = UserServiceGrpc.getChangePasswordMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getChangePasswordMethod = UserServiceGrpc.getChangePasswordMethod) == null) {
          UserServiceGrpc.getChangePasswordMethod = getChangePasswordMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.ChangePasswordRequest, dev.easychat.user.v1.ChangePasswordResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ChangePassword"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.ChangePasswordRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.ChangePasswordResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("ChangePassword"))
              .build();
        }
      }
    }
    return getChangePasswordMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.LogoutRequest,
      dev.easychat.user.v1.LogoutResponse> getLogoutMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Logout",
      requestType = dev.easychat.user.v1.LogoutRequest.class,
      responseType = dev.easychat.user.v1.LogoutResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.LogoutRequest,
      dev.easychat.user.v1.LogoutResponse> getLogoutMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.LogoutRequest, dev.easychat.user.v1.LogoutResponse> getLogoutMethod;
    if ((getLogoutMethod = UserServiceGrpc.getLogoutMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getLogoutMethod = UserServiceGrpc.getLogoutMethod) == null) {
          UserServiceGrpc.getLogoutMethod = getLogoutMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.LogoutRequest, dev.easychat.user.v1.LogoutResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Logout"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.LogoutRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.LogoutResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("Logout"))
              .build();
        }
      }
    }
    return getLogoutMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.user.v1.SearchUsersRequest,
      dev.easychat.user.v1.SearchUsersResponse> getSearchUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchUsers",
      requestType = dev.easychat.user.v1.SearchUsersRequest.class,
      responseType = dev.easychat.user.v1.SearchUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.user.v1.SearchUsersRequest,
      dev.easychat.user.v1.SearchUsersResponse> getSearchUsersMethod() {
    io.grpc.MethodDescriptor<dev.easychat.user.v1.SearchUsersRequest, dev.easychat.user.v1.SearchUsersResponse> getSearchUsersMethod;
    if ((getSearchUsersMethod = UserServiceGrpc.getSearchUsersMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getSearchUsersMethod = UserServiceGrpc.getSearchUsersMethod) == null) {
          UserServiceGrpc.getSearchUsersMethod = getSearchUsersMethod =
              io.grpc.MethodDescriptor.<dev.easychat.user.v1.SearchUsersRequest, dev.easychat.user.v1.SearchUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.SearchUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.user.v1.SearchUsersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new UserServiceMethodDescriptorSupplier("SearchUsers"))
              .build();
        }
      }
    }
    return getSearchUsersMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static UserServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceStub>() {
        @java.lang.Override
        public UserServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceStub(channel, callOptions);
        }
      };
    return UserServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static UserServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingV2Stub>() {
        @java.lang.Override
        public UserServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return UserServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static UserServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingStub>() {
        @java.lang.Override
        public UserServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceBlockingStub(channel, callOptions);
        }
      };
    return UserServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static UserServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceFutureStub>() {
        @java.lang.Override
        public UserServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceFutureStub(channel, callOptions);
        }
      };
    return UserServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * UserService manages accounts: registration, login, tokens and profiles.
   * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Register creates an account and returns it with a token, so the client is logged in at once.
     * Errors: INVALID_ARGUMENT (bad phone, short password, bad nickname), ALREADY_EXISTS (phone taken),
     * RESOURCE_EXHAUSTED (RATE_LIMITED: too many registrations from this address), UNAVAILABLE
     * (SERVER_BUSY: too many password checks at once; retry after the RetryInfo delay).
     * </pre>
     */
    default void register(dev.easychat.user.v1.RegisterRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.RegisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Login exchanges a phone number and password for a token.
     * Errors: UNAUTHENTICATED (unknown phone or wrong password; the two are not told apart),
     * INVALID_ARGUMENT (not a phone number), RESOURCE_EXHAUSTED (RATE_LIMITED: too many attempts for
     * this phone number from this address, or from all addresses), UNAVAILABLE (SERVER_BUSY).
     * </pre>
     */
    default void login(dev.easychat.user.v1.LoginRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.LoginResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLoginMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetMe returns the caller's own profile, phone number included.
     * </pre>
     */
    default void getMe(dev.easychat.user.v1.GetMeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.GetMeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetMeMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetUser returns one user's public profile. The phone number is only shown to the user and friends.
     * </pre>
     */
    default void getUser(dev.easychat.user.v1.GetUserRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.GetUserResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetUserMethod(), responseObserver);
    }

    /**
     * <pre>
     * BatchGetUsers returns the profiles of up to 100 users; unknown ids are left out of the result.
     * </pre>
     */
    default void batchGetUsers(dev.easychat.user.v1.BatchGetUsersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.BatchGetUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getBatchGetUsersMethod(), responseObserver);
    }

    /**
     * <pre>
     * UpdateProfile changes the caller's nickname, avatar and sex; fields not set are left as they are.
     * </pre>
     */
    default void updateProfile(dev.easychat.user.v1.UpdateProfileRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.UpdateProfileResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateProfileMethod(), responseObserver);
    }

    /**
     * <pre>
     * ChangePassword replaces the password, revokes every token issued before, and returns a new token.
     * Errors: PERMISSION_DENIED when the old password is wrong.
     * </pre>
     */
    default void changePassword(dev.easychat.user.v1.ChangePasswordRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.ChangePasswordResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getChangePasswordMethod(), responseObserver);
    }

    /**
     * <pre>
     * Logout revokes the token the call was made with.
     * </pre>
     */
    default void logout(dev.easychat.user.v1.LogoutRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.LogoutResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLogoutMethod(), responseObserver);
    }

    /**
     * <pre>
     * SearchUsers finds users by exact phone number or by a substring of the nickname.
     * Errors: RESOURCE_EXHAUSTED (RATE_LIMITED: more searches per minute than the server allows).
     * </pre>
     */
    default void searchUsers(dev.easychat.user.v1.SearchUsersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.SearchUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchUsersMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service UserService.
   * <pre>
   * UserService manages accounts: registration, login, tokens and profiles.
   * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static abstract class UserServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return UserServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service UserService.
   * <pre>
   * UserService manages accounts: registration, login, tokens and profiles.
   * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class UserServiceStub
      extends io.grpc.stub.AbstractAsyncStub<UserServiceStub> {
    private UserServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Register creates an account and returns it with a token, so the client is logged in at once.
     * Errors: INVALID_ARGUMENT (bad phone, short password, bad nickname), ALREADY_EXISTS (phone taken),
     * RESOURCE_EXHAUSTED (RATE_LIMITED: too many registrations from this address), UNAVAILABLE
     * (SERVER_BUSY: too many password checks at once; retry after the RetryInfo delay).
     * </pre>
     */
    public void register(dev.easychat.user.v1.RegisterRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.RegisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Login exchanges a phone number and password for a token.
     * Errors: UNAUTHENTICATED (unknown phone or wrong password; the two are not told apart),
     * INVALID_ARGUMENT (not a phone number), RESOURCE_EXHAUSTED (RATE_LIMITED: too many attempts for
     * this phone number from this address, or from all addresses), UNAVAILABLE (SERVER_BUSY).
     * </pre>
     */
    public void login(dev.easychat.user.v1.LoginRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.LoginResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLoginMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetMe returns the caller's own profile, phone number included.
     * </pre>
     */
    public void getMe(dev.easychat.user.v1.GetMeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.GetMeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetMeMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetUser returns one user's public profile. The phone number is only shown to the user and friends.
     * </pre>
     */
    public void getUser(dev.easychat.user.v1.GetUserRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.GetUserResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetUserMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * BatchGetUsers returns the profiles of up to 100 users; unknown ids are left out of the result.
     * </pre>
     */
    public void batchGetUsers(dev.easychat.user.v1.BatchGetUsersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.BatchGetUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getBatchGetUsersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UpdateProfile changes the caller's nickname, avatar and sex; fields not set are left as they are.
     * </pre>
     */
    public void updateProfile(dev.easychat.user.v1.UpdateProfileRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.UpdateProfileResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateProfileMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ChangePassword replaces the password, revokes every token issued before, and returns a new token.
     * Errors: PERMISSION_DENIED when the old password is wrong.
     * </pre>
     */
    public void changePassword(dev.easychat.user.v1.ChangePasswordRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.ChangePasswordResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getChangePasswordMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Logout revokes the token the call was made with.
     * </pre>
     */
    public void logout(dev.easychat.user.v1.LogoutRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.LogoutResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLogoutMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SearchUsers finds users by exact phone number or by a substring of the nickname.
     * Errors: RESOURCE_EXHAUSTED (RATE_LIMITED: more searches per minute than the server allows).
     * </pre>
     */
    public void searchUsers(dev.easychat.user.v1.SearchUsersRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.user.v1.SearchUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchUsersMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service UserService.
   * <pre>
   * UserService manages accounts: registration, login, tokens and profiles.
   * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class UserServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<UserServiceBlockingV2Stub> {
    private UserServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Register creates an account and returns it with a token, so the client is logged in at once.
     * Errors: INVALID_ARGUMENT (bad phone, short password, bad nickname), ALREADY_EXISTS (phone taken),
     * RESOURCE_EXHAUSTED (RATE_LIMITED: too many registrations from this address), UNAVAILABLE
     * (SERVER_BUSY: too many password checks at once; retry after the RetryInfo delay).
     * </pre>
     */
    public dev.easychat.user.v1.RegisterResponse register(dev.easychat.user.v1.RegisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Login exchanges a phone number and password for a token.
     * Errors: UNAUTHENTICATED (unknown phone or wrong password; the two are not told apart),
     * INVALID_ARGUMENT (not a phone number), RESOURCE_EXHAUSTED (RATE_LIMITED: too many attempts for
     * this phone number from this address, or from all addresses), UNAVAILABLE (SERVER_BUSY).
     * </pre>
     */
    public dev.easychat.user.v1.LoginResponse login(dev.easychat.user.v1.LoginRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLoginMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetMe returns the caller's own profile, phone number included.
     * </pre>
     */
    public dev.easychat.user.v1.GetMeResponse getMe(dev.easychat.user.v1.GetMeRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetMeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetUser returns one user's public profile. The phone number is only shown to the user and friends.
     * </pre>
     */
    public dev.easychat.user.v1.GetUserResponse getUser(dev.easychat.user.v1.GetUserRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * BatchGetUsers returns the profiles of up to 100 users; unknown ids are left out of the result.
     * </pre>
     */
    public dev.easychat.user.v1.BatchGetUsersResponse batchGetUsers(dev.easychat.user.v1.BatchGetUsersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getBatchGetUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateProfile changes the caller's nickname, avatar and sex; fields not set are left as they are.
     * </pre>
     */
    public dev.easychat.user.v1.UpdateProfileResponse updateProfile(dev.easychat.user.v1.UpdateProfileRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateProfileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ChangePassword replaces the password, revokes every token issued before, and returns a new token.
     * Errors: PERMISSION_DENIED when the old password is wrong.
     * </pre>
     */
    public dev.easychat.user.v1.ChangePasswordResponse changePassword(dev.easychat.user.v1.ChangePasswordRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getChangePasswordMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Logout revokes the token the call was made with.
     * </pre>
     */
    public dev.easychat.user.v1.LogoutResponse logout(dev.easychat.user.v1.LogoutRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLogoutMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchUsers finds users by exact phone number or by a substring of the nickname.
     * Errors: RESOURCE_EXHAUSTED (RATE_LIMITED: more searches per minute than the server allows).
     * </pre>
     */
    public dev.easychat.user.v1.SearchUsersResponse searchUsers(dev.easychat.user.v1.SearchUsersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchUsersMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service UserService.
   * <pre>
   * UserService manages accounts: registration, login, tokens and profiles.
   * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class UserServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<UserServiceBlockingStub> {
    private UserServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Register creates an account and returns it with a token, so the client is logged in at once.
     * Errors: INVALID_ARGUMENT (bad phone, short password, bad nickname), ALREADY_EXISTS (phone taken),
     * RESOURCE_EXHAUSTED (RATE_LIMITED: too many registrations from this address), UNAVAILABLE
     * (SERVER_BUSY: too many password checks at once; retry after the RetryInfo delay).
     * </pre>
     */
    public dev.easychat.user.v1.RegisterResponse register(dev.easychat.user.v1.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Login exchanges a phone number and password for a token.
     * Errors: UNAUTHENTICATED (unknown phone or wrong password; the two are not told apart),
     * INVALID_ARGUMENT (not a phone number), RESOURCE_EXHAUSTED (RATE_LIMITED: too many attempts for
     * this phone number from this address, or from all addresses), UNAVAILABLE (SERVER_BUSY).
     * </pre>
     */
    public dev.easychat.user.v1.LoginResponse login(dev.easychat.user.v1.LoginRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLoginMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetMe returns the caller's own profile, phone number included.
     * </pre>
     */
    public dev.easychat.user.v1.GetMeResponse getMe(dev.easychat.user.v1.GetMeRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetMeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetUser returns one user's public profile. The phone number is only shown to the user and friends.
     * </pre>
     */
    public dev.easychat.user.v1.GetUserResponse getUser(dev.easychat.user.v1.GetUserRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetUserMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * BatchGetUsers returns the profiles of up to 100 users; unknown ids are left out of the result.
     * </pre>
     */
    public dev.easychat.user.v1.BatchGetUsersResponse batchGetUsers(dev.easychat.user.v1.BatchGetUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getBatchGetUsersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateProfile changes the caller's nickname, avatar and sex; fields not set are left as they are.
     * </pre>
     */
    public dev.easychat.user.v1.UpdateProfileResponse updateProfile(dev.easychat.user.v1.UpdateProfileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateProfileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ChangePassword replaces the password, revokes every token issued before, and returns a new token.
     * Errors: PERMISSION_DENIED when the old password is wrong.
     * </pre>
     */
    public dev.easychat.user.v1.ChangePasswordResponse changePassword(dev.easychat.user.v1.ChangePasswordRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getChangePasswordMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Logout revokes the token the call was made with.
     * </pre>
     */
    public dev.easychat.user.v1.LogoutResponse logout(dev.easychat.user.v1.LogoutRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLogoutMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchUsers finds users by exact phone number or by a substring of the nickname.
     * Errors: RESOURCE_EXHAUSTED (RATE_LIMITED: more searches per minute than the server allows).
     * </pre>
     */
    public dev.easychat.user.v1.SearchUsersResponse searchUsers(dev.easychat.user.v1.SearchUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchUsersMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service UserService.
   * <pre>
   * UserService manages accounts: registration, login, tokens and profiles.
   * Register and Login are public; every other RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class UserServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<UserServiceFutureStub> {
    private UserServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Register creates an account and returns it with a token, so the client is logged in at once.
     * Errors: INVALID_ARGUMENT (bad phone, short password, bad nickname), ALREADY_EXISTS (phone taken),
     * RESOURCE_EXHAUSTED (RATE_LIMITED: too many registrations from this address), UNAVAILABLE
     * (SERVER_BUSY: too many password checks at once; retry after the RetryInfo delay).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.RegisterResponse> register(
        dev.easychat.user.v1.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Login exchanges a phone number and password for a token.
     * Errors: UNAUTHENTICATED (unknown phone or wrong password; the two are not told apart),
     * INVALID_ARGUMENT (not a phone number), RESOURCE_EXHAUSTED (RATE_LIMITED: too many attempts for
     * this phone number from this address, or from all addresses), UNAVAILABLE (SERVER_BUSY).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.LoginResponse> login(
        dev.easychat.user.v1.LoginRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLoginMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetMe returns the caller's own profile, phone number included.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.GetMeResponse> getMe(
        dev.easychat.user.v1.GetMeRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetMeMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetUser returns one user's public profile. The phone number is only shown to the user and friends.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.GetUserResponse> getUser(
        dev.easychat.user.v1.GetUserRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetUserMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * BatchGetUsers returns the profiles of up to 100 users; unknown ids are left out of the result.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.BatchGetUsersResponse> batchGetUsers(
        dev.easychat.user.v1.BatchGetUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getBatchGetUsersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UpdateProfile changes the caller's nickname, avatar and sex; fields not set are left as they are.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.UpdateProfileResponse> updateProfile(
        dev.easychat.user.v1.UpdateProfileRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateProfileMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ChangePassword replaces the password, revokes every token issued before, and returns a new token.
     * Errors: PERMISSION_DENIED when the old password is wrong.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.ChangePasswordResponse> changePassword(
        dev.easychat.user.v1.ChangePasswordRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getChangePasswordMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Logout revokes the token the call was made with.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.LogoutResponse> logout(
        dev.easychat.user.v1.LogoutRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLogoutMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SearchUsers finds users by exact phone number or by a substring of the nickname.
     * Errors: RESOURCE_EXHAUSTED (RATE_LIMITED: more searches per minute than the server allows).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.user.v1.SearchUsersResponse> searchUsers(
        dev.easychat.user.v1.SearchUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchUsersMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_REGISTER = 0;
  private static final int METHODID_LOGIN = 1;
  private static final int METHODID_GET_ME = 2;
  private static final int METHODID_GET_USER = 3;
  private static final int METHODID_BATCH_GET_USERS = 4;
  private static final int METHODID_UPDATE_PROFILE = 5;
  private static final int METHODID_CHANGE_PASSWORD = 6;
  private static final int METHODID_LOGOUT = 7;
  private static final int METHODID_SEARCH_USERS = 8;

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
        case METHODID_REGISTER:
          serviceImpl.register((dev.easychat.user.v1.RegisterRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.RegisterResponse>) responseObserver);
          break;
        case METHODID_LOGIN:
          serviceImpl.login((dev.easychat.user.v1.LoginRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.LoginResponse>) responseObserver);
          break;
        case METHODID_GET_ME:
          serviceImpl.getMe((dev.easychat.user.v1.GetMeRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.GetMeResponse>) responseObserver);
          break;
        case METHODID_GET_USER:
          serviceImpl.getUser((dev.easychat.user.v1.GetUserRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.GetUserResponse>) responseObserver);
          break;
        case METHODID_BATCH_GET_USERS:
          serviceImpl.batchGetUsers((dev.easychat.user.v1.BatchGetUsersRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.BatchGetUsersResponse>) responseObserver);
          break;
        case METHODID_UPDATE_PROFILE:
          serviceImpl.updateProfile((dev.easychat.user.v1.UpdateProfileRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.UpdateProfileResponse>) responseObserver);
          break;
        case METHODID_CHANGE_PASSWORD:
          serviceImpl.changePassword((dev.easychat.user.v1.ChangePasswordRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.ChangePasswordResponse>) responseObserver);
          break;
        case METHODID_LOGOUT:
          serviceImpl.logout((dev.easychat.user.v1.LogoutRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.LogoutResponse>) responseObserver);
          break;
        case METHODID_SEARCH_USERS:
          serviceImpl.searchUsers((dev.easychat.user.v1.SearchUsersRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.user.v1.SearchUsersResponse>) responseObserver);
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
          getRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.RegisterRequest,
              dev.easychat.user.v1.RegisterResponse>(
                service, METHODID_REGISTER)))
        .addMethod(
          getLoginMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.LoginRequest,
              dev.easychat.user.v1.LoginResponse>(
                service, METHODID_LOGIN)))
        .addMethod(
          getGetMeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.GetMeRequest,
              dev.easychat.user.v1.GetMeResponse>(
                service, METHODID_GET_ME)))
        .addMethod(
          getGetUserMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.GetUserRequest,
              dev.easychat.user.v1.GetUserResponse>(
                service, METHODID_GET_USER)))
        .addMethod(
          getBatchGetUsersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.BatchGetUsersRequest,
              dev.easychat.user.v1.BatchGetUsersResponse>(
                service, METHODID_BATCH_GET_USERS)))
        .addMethod(
          getUpdateProfileMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.UpdateProfileRequest,
              dev.easychat.user.v1.UpdateProfileResponse>(
                service, METHODID_UPDATE_PROFILE)))
        .addMethod(
          getChangePasswordMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.ChangePasswordRequest,
              dev.easychat.user.v1.ChangePasswordResponse>(
                service, METHODID_CHANGE_PASSWORD)))
        .addMethod(
          getLogoutMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.LogoutRequest,
              dev.easychat.user.v1.LogoutResponse>(
                service, METHODID_LOGOUT)))
        .addMethod(
          getSearchUsersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.user.v1.SearchUsersRequest,
              dev.easychat.user.v1.SearchUsersResponse>(
                service, METHODID_SEARCH_USERS)))
        .build();
  }

  private static abstract class UserServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    UserServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.easychat.user.v1.UserProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("UserService");
    }
  }

  private static final class UserServiceFileDescriptorSupplier
      extends UserServiceBaseDescriptorSupplier {
    UserServiceFileDescriptorSupplier() {}
  }

  private static final class UserServiceMethodDescriptorSupplier
      extends UserServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    UserServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (UserServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new UserServiceFileDescriptorSupplier())
              .addMethod(getRegisterMethod())
              .addMethod(getLoginMethod())
              .addMethod(getGetMeMethod())
              .addMethod(getGetUserMethod())
              .addMethod(getBatchGetUsersMethod())
              .addMethod(getUpdateProfileMethod())
              .addMethod(getChangePasswordMethod())
              .addMethod(getLogoutMethod())
              .addMethod(getSearchUsersMethod())
              .build();
        }
      }
    }
    return result;
  }
}
