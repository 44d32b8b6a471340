package dev.easychat.media.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
 * download them.
 * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
 * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
 * what arrived (size, type, and for images the pixel size) and makes the media usable. An
 * image, file or voice message then names the media id instead of a URL, and the server fills
 * in its size and type from the upload, so a client cannot misstate them. The uploader and the
 * members of every conversation a message with it was sent to may download it.
 * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class MediaServiceGrpc {

  private MediaServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "easychat.media.v1.MediaService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.easychat.media.v1.CreateUploadRequest,
      dev.easychat.media.v1.CreateUploadResponse> getCreateUploadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateUpload",
      requestType = dev.easychat.media.v1.CreateUploadRequest.class,
      responseType = dev.easychat.media.v1.CreateUploadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.media.v1.CreateUploadRequest,
      dev.easychat.media.v1.CreateUploadResponse> getCreateUploadMethod() {
    io.grpc.MethodDescriptor<dev.easychat.media.v1.CreateUploadRequest, dev.easychat.media.v1.CreateUploadResponse> getCreateUploadMethod;
    if ((getCreateUploadMethod = MediaServiceGrpc.getCreateUploadMethod) == null) {
      synchronized (MediaServiceGrpc.class) {
        if ((getCreateUploadMethod = MediaServiceGrpc.getCreateUploadMethod) == null) {
          MediaServiceGrpc.getCreateUploadMethod = getCreateUploadMethod =
              io.grpc.MethodDescriptor.<dev.easychat.media.v1.CreateUploadRequest, dev.easychat.media.v1.CreateUploadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateUpload"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.media.v1.CreateUploadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.media.v1.CreateUploadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MediaServiceMethodDescriptorSupplier("CreateUpload"))
              .build();
        }
      }
    }
    return getCreateUploadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.media.v1.CompleteUploadRequest,
      dev.easychat.media.v1.CompleteUploadResponse> getCompleteUploadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CompleteUpload",
      requestType = dev.easychat.media.v1.CompleteUploadRequest.class,
      responseType = dev.easychat.media.v1.CompleteUploadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.media.v1.CompleteUploadRequest,
      dev.easychat.media.v1.CompleteUploadResponse> getCompleteUploadMethod() {
    io.grpc.MethodDescriptor<dev.easychat.media.v1.CompleteUploadRequest, dev.easychat.media.v1.CompleteUploadResponse> getCompleteUploadMethod;
    if ((getCompleteUploadMethod = MediaServiceGrpc.getCompleteUploadMethod) == null) {
      synchronized (MediaServiceGrpc.class) {
        if ((getCompleteUploadMethod = MediaServiceGrpc.getCompleteUploadMethod) == null) {
          MediaServiceGrpc.getCompleteUploadMethod = getCompleteUploadMethod =
              io.grpc.MethodDescriptor.<dev.easychat.media.v1.CompleteUploadRequest, dev.easychat.media.v1.CompleteUploadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CompleteUpload"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.media.v1.CompleteUploadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.media.v1.CompleteUploadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MediaServiceMethodDescriptorSupplier("CompleteUpload"))
              .build();
        }
      }
    }
    return getCompleteUploadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.media.v1.GetDownloadUrlRequest,
      dev.easychat.media.v1.GetDownloadUrlResponse> getGetDownloadUrlMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetDownloadUrl",
      requestType = dev.easychat.media.v1.GetDownloadUrlRequest.class,
      responseType = dev.easychat.media.v1.GetDownloadUrlResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.media.v1.GetDownloadUrlRequest,
      dev.easychat.media.v1.GetDownloadUrlResponse> getGetDownloadUrlMethod() {
    io.grpc.MethodDescriptor<dev.easychat.media.v1.GetDownloadUrlRequest, dev.easychat.media.v1.GetDownloadUrlResponse> getGetDownloadUrlMethod;
    if ((getGetDownloadUrlMethod = MediaServiceGrpc.getGetDownloadUrlMethod) == null) {
      synchronized (MediaServiceGrpc.class) {
        if ((getGetDownloadUrlMethod = MediaServiceGrpc.getGetDownloadUrlMethod) == null) {
          MediaServiceGrpc.getGetDownloadUrlMethod = getGetDownloadUrlMethod =
              io.grpc.MethodDescriptor.<dev.easychat.media.v1.GetDownloadUrlRequest, dev.easychat.media.v1.GetDownloadUrlResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetDownloadUrl"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.media.v1.GetDownloadUrlRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.media.v1.GetDownloadUrlResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MediaServiceMethodDescriptorSupplier("GetDownloadUrl"))
              .build();
        }
      }
    }
    return getGetDownloadUrlMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static MediaServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MediaServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MediaServiceStub>() {
        @java.lang.Override
        public MediaServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MediaServiceStub(channel, callOptions);
        }
      };
    return MediaServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static MediaServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MediaServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MediaServiceBlockingV2Stub>() {
        @java.lang.Override
        public MediaServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MediaServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return MediaServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static MediaServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MediaServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MediaServiceBlockingStub>() {
        @java.lang.Override
        public MediaServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MediaServiceBlockingStub(channel, callOptions);
        }
      };
    return MediaServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static MediaServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MediaServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MediaServiceFutureStub>() {
        @java.lang.Override
        public MediaServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MediaServiceFutureStub(channel, callOptions);
        }
      };
    return MediaServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
   * download them.
   * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
   * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
   * what arrived (size, type, and for images the pixel size) and makes the media usable. An
   * image, file or voice message then names the media id instead of a URL, and the server fills
   * in its size and type from the upload, so a client cannot misstate them. The uploader and the
   * members of every conversation a message with it was sent to may download it.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * CreateUpload reserves a media id and returns where to PUT its bytes, valid for
     * `media.upload_url_ttl_secs` (15 minutes by default).
     * Errors: INVALID_ARGUMENT (INVALID_FIELD), FAILED_PRECONDITION (MEDIA_TYPE_NOT_ALLOWED: the
     * MIME type is not allowed for the kind; MEDIA_TOO_LARGE: over the kind's size limit),
     * RESOURCE_EXHAUSTED (MEDIA_QUOTA_EXCEEDED: the caller's stored media would pass
     * `media.quota_bytes_per_user`; RATE_LIMITED: over `media.uploads_per_minute`).
     * </pre>
     */
    default void createUpload(dev.easychat.media.v1.CreateUploadRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.media.v1.CreateUploadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateUploadMethod(), responseObserver);
    }

    /**
     * <pre>
     * CompleteUpload checks the uploaded bytes against what CreateUpload declared and makes the
     * media usable in messages. Completing a completed upload returns it again.
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND: no such media, or not the caller's), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: nothing arrived yet; MEDIA_MISMATCH: the size, checksum or type of what
     * arrived is not what was declared: upload again under a new CreateUpload).
     * </pre>
     */
    default void completeUpload(dev.easychat.media.v1.CompleteUploadRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.media.v1.CompleteUploadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCompleteUploadMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetDownloadUrl returns a URL to GET the media's bytes (range requests allowed), valid for
     * `media.download_url_ttl_secs` (1 hour by default).
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND), PERMISSION_DENIED (MEDIA_NOT_SHARED: the caller neither
     * uploaded it nor is a member of a conversation it was sent to), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: not completed yet).
     * </pre>
     */
    default void getDownloadUrl(dev.easychat.media.v1.GetDownloadUrlRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.media.v1.GetDownloadUrlResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetDownloadUrlMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service MediaService.
   * <pre>
   * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
   * download them.
   * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
   * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
   * what arrived (size, type, and for images the pixel size) and makes the media usable. An
   * image, file or voice message then names the media id instead of a URL, and the server fills
   * in its size and type from the upload, so a client cannot misstate them. The uploader and the
   * members of every conversation a message with it was sent to may download it.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static abstract class MediaServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return MediaServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service MediaService.
   * <pre>
   * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
   * download them.
   * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
   * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
   * what arrived (size, type, and for images the pixel size) and makes the media usable. An
   * image, file or voice message then names the media id instead of a URL, and the server fills
   * in its size and type from the upload, so a client cannot misstate them. The uploader and the
   * members of every conversation a message with it was sent to may download it.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class MediaServiceStub
      extends io.grpc.stub.AbstractAsyncStub<MediaServiceStub> {
    private MediaServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MediaServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MediaServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * CreateUpload reserves a media id and returns where to PUT its bytes, valid for
     * `media.upload_url_ttl_secs` (15 minutes by default).
     * Errors: INVALID_ARGUMENT (INVALID_FIELD), FAILED_PRECONDITION (MEDIA_TYPE_NOT_ALLOWED: the
     * MIME type is not allowed for the kind; MEDIA_TOO_LARGE: over the kind's size limit),
     * RESOURCE_EXHAUSTED (MEDIA_QUOTA_EXCEEDED: the caller's stored media would pass
     * `media.quota_bytes_per_user`; RATE_LIMITED: over `media.uploads_per_minute`).
     * </pre>
     */
    public void createUpload(dev.easychat.media.v1.CreateUploadRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.media.v1.CreateUploadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateUploadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * CompleteUpload checks the uploaded bytes against what CreateUpload declared and makes the
     * media usable in messages. Completing a completed upload returns it again.
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND: no such media, or not the caller's), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: nothing arrived yet; MEDIA_MISMATCH: the size, checksum or type of what
     * arrived is not what was declared: upload again under a new CreateUpload).
     * </pre>
     */
    public void completeUpload(dev.easychat.media.v1.CompleteUploadRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.media.v1.CompleteUploadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCompleteUploadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetDownloadUrl returns a URL to GET the media's bytes (range requests allowed), valid for
     * `media.download_url_ttl_secs` (1 hour by default).
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND), PERMISSION_DENIED (MEDIA_NOT_SHARED: the caller neither
     * uploaded it nor is a member of a conversation it was sent to), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: not completed yet).
     * </pre>
     */
    public void getDownloadUrl(dev.easychat.media.v1.GetDownloadUrlRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.media.v1.GetDownloadUrlResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetDownloadUrlMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service MediaService.
   * <pre>
   * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
   * download them.
   * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
   * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
   * what arrived (size, type, and for images the pixel size) and makes the media usable. An
   * image, file or voice message then names the media id instead of a URL, and the server fills
   * in its size and type from the upload, so a client cannot misstate them. The uploader and the
   * members of every conversation a message with it was sent to may download it.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class MediaServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<MediaServiceBlockingV2Stub> {
    private MediaServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MediaServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MediaServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * CreateUpload reserves a media id and returns where to PUT its bytes, valid for
     * `media.upload_url_ttl_secs` (15 minutes by default).
     * Errors: INVALID_ARGUMENT (INVALID_FIELD), FAILED_PRECONDITION (MEDIA_TYPE_NOT_ALLOWED: the
     * MIME type is not allowed for the kind; MEDIA_TOO_LARGE: over the kind's size limit),
     * RESOURCE_EXHAUSTED (MEDIA_QUOTA_EXCEEDED: the caller's stored media would pass
     * `media.quota_bytes_per_user`; RATE_LIMITED: over `media.uploads_per_minute`).
     * </pre>
     */
    public dev.easychat.media.v1.CreateUploadResponse createUpload(dev.easychat.media.v1.CreateUploadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateUploadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * CompleteUpload checks the uploaded bytes against what CreateUpload declared and makes the
     * media usable in messages. Completing a completed upload returns it again.
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND: no such media, or not the caller's), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: nothing arrived yet; MEDIA_MISMATCH: the size, checksum or type of what
     * arrived is not what was declared: upload again under a new CreateUpload).
     * </pre>
     */
    public dev.easychat.media.v1.CompleteUploadResponse completeUpload(dev.easychat.media.v1.CompleteUploadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCompleteUploadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetDownloadUrl returns a URL to GET the media's bytes (range requests allowed), valid for
     * `media.download_url_ttl_secs` (1 hour by default).
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND), PERMISSION_DENIED (MEDIA_NOT_SHARED: the caller neither
     * uploaded it nor is a member of a conversation it was sent to), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: not completed yet).
     * </pre>
     */
    public dev.easychat.media.v1.GetDownloadUrlResponse getDownloadUrl(dev.easychat.media.v1.GetDownloadUrlRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetDownloadUrlMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service MediaService.
   * <pre>
   * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
   * download them.
   * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
   * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
   * what arrived (size, type, and for images the pixel size) and makes the media usable. An
   * image, file or voice message then names the media id instead of a URL, and the server fills
   * in its size and type from the upload, so a client cannot misstate them. The uploader and the
   * members of every conversation a message with it was sent to may download it.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class MediaServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<MediaServiceBlockingStub> {
    private MediaServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MediaServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MediaServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * CreateUpload reserves a media id and returns where to PUT its bytes, valid for
     * `media.upload_url_ttl_secs` (15 minutes by default).
     * Errors: INVALID_ARGUMENT (INVALID_FIELD), FAILED_PRECONDITION (MEDIA_TYPE_NOT_ALLOWED: the
     * MIME type is not allowed for the kind; MEDIA_TOO_LARGE: over the kind's size limit),
     * RESOURCE_EXHAUSTED (MEDIA_QUOTA_EXCEEDED: the caller's stored media would pass
     * `media.quota_bytes_per_user`; RATE_LIMITED: over `media.uploads_per_minute`).
     * </pre>
     */
    public dev.easychat.media.v1.CreateUploadResponse createUpload(dev.easychat.media.v1.CreateUploadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateUploadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * CompleteUpload checks the uploaded bytes against what CreateUpload declared and makes the
     * media usable in messages. Completing a completed upload returns it again.
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND: no such media, or not the caller's), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: nothing arrived yet; MEDIA_MISMATCH: the size, checksum or type of what
     * arrived is not what was declared: upload again under a new CreateUpload).
     * </pre>
     */
    public dev.easychat.media.v1.CompleteUploadResponse completeUpload(dev.easychat.media.v1.CompleteUploadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCompleteUploadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetDownloadUrl returns a URL to GET the media's bytes (range requests allowed), valid for
     * `media.download_url_ttl_secs` (1 hour by default).
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND), PERMISSION_DENIED (MEDIA_NOT_SHARED: the caller neither
     * uploaded it nor is a member of a conversation it was sent to), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: not completed yet).
     * </pre>
     */
    public dev.easychat.media.v1.GetDownloadUrlResponse getDownloadUrl(dev.easychat.media.v1.GetDownloadUrlRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetDownloadUrlMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service MediaService.
   * <pre>
   * MediaService uploads images, files and voice clips, and hands out short-lived URLs to
   * download them.
   * An upload takes three steps: CreateUpload reserves a media id and returns a pre-signed URL;
   * the client PUTs the bytes there (no token: the URL is the permission); CompleteUpload checks
   * what arrived (size, type, and for images the pixel size) and makes the media usable. An
   * image, file or voice message then names the media id instead of a URL, and the server fills
   * in its size and type from the upload, so a client cannot misstate them. The uploader and the
   * members of every conversation a message with it was sent to may download it.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata.
   * </pre>
   */
  public static final class MediaServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<MediaServiceFutureStub> {
    private MediaServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MediaServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MediaServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * CreateUpload reserves a media id and returns where to PUT its bytes, valid for
     * `media.upload_url_ttl_secs` (15 minutes by default).
     * Errors: INVALID_ARGUMENT (INVALID_FIELD), FAILED_PRECONDITION (MEDIA_TYPE_NOT_ALLOWED: the
     * MIME type is not allowed for the kind; MEDIA_TOO_LARGE: over the kind's size limit),
     * RESOURCE_EXHAUSTED (MEDIA_QUOTA_EXCEEDED: the caller's stored media would pass
     * `media.quota_bytes_per_user`; RATE_LIMITED: over `media.uploads_per_minute`).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.media.v1.CreateUploadResponse> createUpload(
        dev.easychat.media.v1.CreateUploadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateUploadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * CompleteUpload checks the uploaded bytes against what CreateUpload declared and makes the
     * media usable in messages. Completing a completed upload returns it again.
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND: no such media, or not the caller's), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: nothing arrived yet; MEDIA_MISMATCH: the size, checksum or type of what
     * arrived is not what was declared: upload again under a new CreateUpload).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.media.v1.CompleteUploadResponse> completeUpload(
        dev.easychat.media.v1.CompleteUploadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCompleteUploadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetDownloadUrl returns a URL to GET the media's bytes (range requests allowed), valid for
     * `media.download_url_ttl_secs` (1 hour by default).
     * Errors: NOT_FOUND (MEDIA_NOT_FOUND), PERMISSION_DENIED (MEDIA_NOT_SHARED: the caller neither
     * uploaded it nor is a member of a conversation it was sent to), FAILED_PRECONDITION
     * (MEDIA_NOT_UPLOADED: not completed yet).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.media.v1.GetDownloadUrlResponse> getDownloadUrl(
        dev.easychat.media.v1.GetDownloadUrlRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetDownloadUrlMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_UPLOAD = 0;
  private static final int METHODID_COMPLETE_UPLOAD = 1;
  private static final int METHODID_GET_DOWNLOAD_URL = 2;

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
        case METHODID_CREATE_UPLOAD:
          serviceImpl.createUpload((dev.easychat.media.v1.CreateUploadRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.media.v1.CreateUploadResponse>) responseObserver);
          break;
        case METHODID_COMPLETE_UPLOAD:
          serviceImpl.completeUpload((dev.easychat.media.v1.CompleteUploadRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.media.v1.CompleteUploadResponse>) responseObserver);
          break;
        case METHODID_GET_DOWNLOAD_URL:
          serviceImpl.getDownloadUrl((dev.easychat.media.v1.GetDownloadUrlRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.media.v1.GetDownloadUrlResponse>) responseObserver);
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
          getCreateUploadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.media.v1.CreateUploadRequest,
              dev.easychat.media.v1.CreateUploadResponse>(
                service, METHODID_CREATE_UPLOAD)))
        .addMethod(
          getCompleteUploadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.media.v1.CompleteUploadRequest,
              dev.easychat.media.v1.CompleteUploadResponse>(
                service, METHODID_COMPLETE_UPLOAD)))
        .addMethod(
          getGetDownloadUrlMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.media.v1.GetDownloadUrlRequest,
              dev.easychat.media.v1.GetDownloadUrlResponse>(
                service, METHODID_GET_DOWNLOAD_URL)))
        .build();
  }

  private static abstract class MediaServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    MediaServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.easychat.media.v1.MediaProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("MediaService");
    }
  }

  private static final class MediaServiceFileDescriptorSupplier
      extends MediaServiceBaseDescriptorSupplier {
    MediaServiceFileDescriptorSupplier() {}
  }

  private static final class MediaServiceMethodDescriptorSupplier
      extends MediaServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    MediaServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (MediaServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new MediaServiceFileDescriptorSupplier())
              .addMethod(getCreateUploadMethod())
              .addMethod(getCompleteUploadMethod())
              .addMethod(getGetDownloadUrlMethod())
              .build();
        }
      }
    }
    return result;
  }
}
