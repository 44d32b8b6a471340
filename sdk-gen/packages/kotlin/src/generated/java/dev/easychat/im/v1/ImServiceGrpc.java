package dev.easychat.im.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * ImService carries conversations and messages.
 * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
 * only ever sees conversations they belong to.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ImServiceGrpc {

  private ImServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "easychat.im.v1.ImService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.ListConversationsRequest,
      dev.easychat.im.v1.ListConversationsResponse> getListConversationsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListConversations",
      requestType = dev.easychat.im.v1.ListConversationsRequest.class,
      responseType = dev.easychat.im.v1.ListConversationsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.ListConversationsRequest,
      dev.easychat.im.v1.ListConversationsResponse> getListConversationsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.ListConversationsRequest, dev.easychat.im.v1.ListConversationsResponse> getListConversationsMethod;
    if ((getListConversationsMethod = ImServiceGrpc.getListConversationsMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getListConversationsMethod = ImServiceGrpc.getListConversationsMethod) == null) {
          ImServiceGrpc.getListConversationsMethod = getListConversationsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.ListConversationsRequest, dev.easychat.im.v1.ListConversationsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListConversations"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ListConversationsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ListConversationsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("ListConversations"))
              .build();
        }
      }
    }
    return getListConversationsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.GetConversationRequest,
      dev.easychat.im.v1.GetConversationResponse> getGetConversationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConversation",
      requestType = dev.easychat.im.v1.GetConversationRequest.class,
      responseType = dev.easychat.im.v1.GetConversationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.GetConversationRequest,
      dev.easychat.im.v1.GetConversationResponse> getGetConversationMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.GetConversationRequest, dev.easychat.im.v1.GetConversationResponse> getGetConversationMethod;
    if ((getGetConversationMethod = ImServiceGrpc.getGetConversationMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getGetConversationMethod = ImServiceGrpc.getGetConversationMethod) == null) {
          ImServiceGrpc.getGetConversationMethod = getGetConversationMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.GetConversationRequest, dev.easychat.im.v1.GetConversationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConversation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.GetConversationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.GetConversationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("GetConversation"))
              .build();
        }
      }
    }
    return getGetConversationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.UpdateConversationRequest,
      dev.easychat.im.v1.UpdateConversationResponse> getUpdateConversationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateConversation",
      requestType = dev.easychat.im.v1.UpdateConversationRequest.class,
      responseType = dev.easychat.im.v1.UpdateConversationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.UpdateConversationRequest,
      dev.easychat.im.v1.UpdateConversationResponse> getUpdateConversationMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.UpdateConversationRequest, dev.easychat.im.v1.UpdateConversationResponse> getUpdateConversationMethod;
    if ((getUpdateConversationMethod = ImServiceGrpc.getUpdateConversationMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getUpdateConversationMethod = ImServiceGrpc.getUpdateConversationMethod) == null) {
          ImServiceGrpc.getUpdateConversationMethod = getUpdateConversationMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.UpdateConversationRequest, dev.easychat.im.v1.UpdateConversationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateConversation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.UpdateConversationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.UpdateConversationResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("UpdateConversation"))
              .build();
        }
      }
    }
    return getUpdateConversationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.ListMessagesRequest,
      dev.easychat.im.v1.ListMessagesResponse> getListMessagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListMessages",
      requestType = dev.easychat.im.v1.ListMessagesRequest.class,
      responseType = dev.easychat.im.v1.ListMessagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.ListMessagesRequest,
      dev.easychat.im.v1.ListMessagesResponse> getListMessagesMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.ListMessagesRequest, dev.easychat.im.v1.ListMessagesResponse> getListMessagesMethod;
    if ((getListMessagesMethod = ImServiceGrpc.getListMessagesMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getListMessagesMethod = ImServiceGrpc.getListMessagesMethod) == null) {
          ImServiceGrpc.getListMessagesMethod = getListMessagesMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.ListMessagesRequest, dev.easychat.im.v1.ListMessagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListMessages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ListMessagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ListMessagesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("ListMessages"))
              .build();
        }
      }
    }
    return getListMessagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.GetMessageRequest,
      dev.easychat.im.v1.GetMessageResponse> getGetMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetMessage",
      requestType = dev.easychat.im.v1.GetMessageRequest.class,
      responseType = dev.easychat.im.v1.GetMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.GetMessageRequest,
      dev.easychat.im.v1.GetMessageResponse> getGetMessageMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.GetMessageRequest, dev.easychat.im.v1.GetMessageResponse> getGetMessageMethod;
    if ((getGetMessageMethod = ImServiceGrpc.getGetMessageMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getGetMessageMethod = ImServiceGrpc.getGetMessageMethod) == null) {
          ImServiceGrpc.getGetMessageMethod = getGetMessageMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.GetMessageRequest, dev.easychat.im.v1.GetMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.GetMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.GetMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("GetMessage"))
              .build();
        }
      }
    }
    return getGetMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.SendMessageRequest,
      dev.easychat.im.v1.SendMessageResponse> getSendMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendMessage",
      requestType = dev.easychat.im.v1.SendMessageRequest.class,
      responseType = dev.easychat.im.v1.SendMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.SendMessageRequest,
      dev.easychat.im.v1.SendMessageResponse> getSendMessageMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.SendMessageRequest, dev.easychat.im.v1.SendMessageResponse> getSendMessageMethod;
    if ((getSendMessageMethod = ImServiceGrpc.getSendMessageMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getSendMessageMethod = ImServiceGrpc.getSendMessageMethod) == null) {
          ImServiceGrpc.getSendMessageMethod = getSendMessageMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.SendMessageRequest, dev.easychat.im.v1.SendMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SendMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SendMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("SendMessage"))
              .build();
        }
      }
    }
    return getSendMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.MarkReadRequest,
      dev.easychat.im.v1.MarkReadResponse> getMarkReadMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "MarkRead",
      requestType = dev.easychat.im.v1.MarkReadRequest.class,
      responseType = dev.easychat.im.v1.MarkReadResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.MarkReadRequest,
      dev.easychat.im.v1.MarkReadResponse> getMarkReadMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.MarkReadRequest, dev.easychat.im.v1.MarkReadResponse> getMarkReadMethod;
    if ((getMarkReadMethod = ImServiceGrpc.getMarkReadMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getMarkReadMethod = ImServiceGrpc.getMarkReadMethod) == null) {
          ImServiceGrpc.getMarkReadMethod = getMarkReadMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.MarkReadRequest, dev.easychat.im.v1.MarkReadResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "MarkRead"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.MarkReadRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.MarkReadResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("MarkRead"))
              .build();
        }
      }
    }
    return getMarkReadMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.GetReadReceiptsRequest,
      dev.easychat.im.v1.GetReadReceiptsResponse> getGetReadReceiptsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetReadReceipts",
      requestType = dev.easychat.im.v1.GetReadReceiptsRequest.class,
      responseType = dev.easychat.im.v1.GetReadReceiptsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.GetReadReceiptsRequest,
      dev.easychat.im.v1.GetReadReceiptsResponse> getGetReadReceiptsMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.GetReadReceiptsRequest, dev.easychat.im.v1.GetReadReceiptsResponse> getGetReadReceiptsMethod;
    if ((getGetReadReceiptsMethod = ImServiceGrpc.getGetReadReceiptsMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getGetReadReceiptsMethod = ImServiceGrpc.getGetReadReceiptsMethod) == null) {
          ImServiceGrpc.getGetReadReceiptsMethod = getGetReadReceiptsMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.GetReadReceiptsRequest, dev.easychat.im.v1.GetReadReceiptsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetReadReceipts"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.GetReadReceiptsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.GetReadReceiptsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("GetReadReceipts"))
              .build();
        }
      }
    }
    return getGetReadReceiptsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.RecallMessageRequest,
      dev.easychat.im.v1.RecallMessageResponse> getRecallMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RecallMessage",
      requestType = dev.easychat.im.v1.RecallMessageRequest.class,
      responseType = dev.easychat.im.v1.RecallMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.RecallMessageRequest,
      dev.easychat.im.v1.RecallMessageResponse> getRecallMessageMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.RecallMessageRequest, dev.easychat.im.v1.RecallMessageResponse> getRecallMessageMethod;
    if ((getRecallMessageMethod = ImServiceGrpc.getRecallMessageMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getRecallMessageMethod = ImServiceGrpc.getRecallMessageMethod) == null) {
          ImServiceGrpc.getRecallMessageMethod = getRecallMessageMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.RecallMessageRequest, dev.easychat.im.v1.RecallMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RecallMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.RecallMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.RecallMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("RecallMessage"))
              .build();
        }
      }
    }
    return getRecallMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.EditMessageRequest,
      dev.easychat.im.v1.EditMessageResponse> getEditMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "EditMessage",
      requestType = dev.easychat.im.v1.EditMessageRequest.class,
      responseType = dev.easychat.im.v1.EditMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.EditMessageRequest,
      dev.easychat.im.v1.EditMessageResponse> getEditMessageMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.EditMessageRequest, dev.easychat.im.v1.EditMessageResponse> getEditMessageMethod;
    if ((getEditMessageMethod = ImServiceGrpc.getEditMessageMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getEditMessageMethod = ImServiceGrpc.getEditMessageMethod) == null) {
          ImServiceGrpc.getEditMessageMethod = getEditMessageMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.EditMessageRequest, dev.easychat.im.v1.EditMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "EditMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.EditMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.EditMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("EditMessage"))
              .build();
        }
      }
    }
    return getEditMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.AddReactionRequest,
      dev.easychat.im.v1.AddReactionResponse> getAddReactionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AddReaction",
      requestType = dev.easychat.im.v1.AddReactionRequest.class,
      responseType = dev.easychat.im.v1.AddReactionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.AddReactionRequest,
      dev.easychat.im.v1.AddReactionResponse> getAddReactionMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.AddReactionRequest, dev.easychat.im.v1.AddReactionResponse> getAddReactionMethod;
    if ((getAddReactionMethod = ImServiceGrpc.getAddReactionMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getAddReactionMethod = ImServiceGrpc.getAddReactionMethod) == null) {
          ImServiceGrpc.getAddReactionMethod = getAddReactionMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.AddReactionRequest, dev.easychat.im.v1.AddReactionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AddReaction"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.AddReactionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.AddReactionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("AddReaction"))
              .build();
        }
      }
    }
    return getAddReactionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.RemoveReactionRequest,
      dev.easychat.im.v1.RemoveReactionResponse> getRemoveReactionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RemoveReaction",
      requestType = dev.easychat.im.v1.RemoveReactionRequest.class,
      responseType = dev.easychat.im.v1.RemoveReactionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.RemoveReactionRequest,
      dev.easychat.im.v1.RemoveReactionResponse> getRemoveReactionMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.RemoveReactionRequest, dev.easychat.im.v1.RemoveReactionResponse> getRemoveReactionMethod;
    if ((getRemoveReactionMethod = ImServiceGrpc.getRemoveReactionMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getRemoveReactionMethod = ImServiceGrpc.getRemoveReactionMethod) == null) {
          ImServiceGrpc.getRemoveReactionMethod = getRemoveReactionMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.RemoveReactionRequest, dev.easychat.im.v1.RemoveReactionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RemoveReaction"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.RemoveReactionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.RemoveReactionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("RemoveReaction"))
              .build();
        }
      }
    }
    return getRemoveReactionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.PinMessageRequest,
      dev.easychat.im.v1.PinMessageResponse> getPinMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "PinMessage",
      requestType = dev.easychat.im.v1.PinMessageRequest.class,
      responseType = dev.easychat.im.v1.PinMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.PinMessageRequest,
      dev.easychat.im.v1.PinMessageResponse> getPinMessageMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.PinMessageRequest, dev.easychat.im.v1.PinMessageResponse> getPinMessageMethod;
    if ((getPinMessageMethod = ImServiceGrpc.getPinMessageMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getPinMessageMethod = ImServiceGrpc.getPinMessageMethod) == null) {
          ImServiceGrpc.getPinMessageMethod = getPinMessageMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.PinMessageRequest, dev.easychat.im.v1.PinMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "PinMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.PinMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.PinMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("PinMessage"))
              .build();
        }
      }
    }
    return getPinMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.UnpinMessageRequest,
      dev.easychat.im.v1.UnpinMessageResponse> getUnpinMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UnpinMessage",
      requestType = dev.easychat.im.v1.UnpinMessageRequest.class,
      responseType = dev.easychat.im.v1.UnpinMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.UnpinMessageRequest,
      dev.easychat.im.v1.UnpinMessageResponse> getUnpinMessageMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.UnpinMessageRequest, dev.easychat.im.v1.UnpinMessageResponse> getUnpinMessageMethod;
    if ((getUnpinMessageMethod = ImServiceGrpc.getUnpinMessageMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getUnpinMessageMethod = ImServiceGrpc.getUnpinMessageMethod) == null) {
          ImServiceGrpc.getUnpinMessageMethod = getUnpinMessageMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.UnpinMessageRequest, dev.easychat.im.v1.UnpinMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UnpinMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.UnpinMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.UnpinMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("UnpinMessage"))
              .build();
        }
      }
    }
    return getUnpinMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.SearchMessagesRequest,
      dev.easychat.im.v1.SearchMessagesResponse> getSearchMessagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchMessages",
      requestType = dev.easychat.im.v1.SearchMessagesRequest.class,
      responseType = dev.easychat.im.v1.SearchMessagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.SearchMessagesRequest,
      dev.easychat.im.v1.SearchMessagesResponse> getSearchMessagesMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.SearchMessagesRequest, dev.easychat.im.v1.SearchMessagesResponse> getSearchMessagesMethod;
    if ((getSearchMessagesMethod = ImServiceGrpc.getSearchMessagesMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getSearchMessagesMethod = ImServiceGrpc.getSearchMessagesMethod) == null) {
          ImServiceGrpc.getSearchMessagesMethod = getSearchMessagesMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.SearchMessagesRequest, dev.easychat.im.v1.SearchMessagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchMessages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SearchMessagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SearchMessagesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("SearchMessages"))
              .build();
        }
      }
    }
    return getSearchMessagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.DeleteMessagesForMeRequest,
      dev.easychat.im.v1.DeleteMessagesForMeResponse> getDeleteMessagesForMeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteMessagesForMe",
      requestType = dev.easychat.im.v1.DeleteMessagesForMeRequest.class,
      responseType = dev.easychat.im.v1.DeleteMessagesForMeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.DeleteMessagesForMeRequest,
      dev.easychat.im.v1.DeleteMessagesForMeResponse> getDeleteMessagesForMeMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.DeleteMessagesForMeRequest, dev.easychat.im.v1.DeleteMessagesForMeResponse> getDeleteMessagesForMeMethod;
    if ((getDeleteMessagesForMeMethod = ImServiceGrpc.getDeleteMessagesForMeMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getDeleteMessagesForMeMethod = ImServiceGrpc.getDeleteMessagesForMeMethod) == null) {
          ImServiceGrpc.getDeleteMessagesForMeMethod = getDeleteMessagesForMeMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.DeleteMessagesForMeRequest, dev.easychat.im.v1.DeleteMessagesForMeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteMessagesForMe"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.DeleteMessagesForMeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.DeleteMessagesForMeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("DeleteMessagesForMe"))
              .build();
        }
      }
    }
    return getDeleteMessagesForMeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.ClearConversationForMeRequest,
      dev.easychat.im.v1.ClearConversationForMeResponse> getClearConversationForMeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ClearConversationForMe",
      requestType = dev.easychat.im.v1.ClearConversationForMeRequest.class,
      responseType = dev.easychat.im.v1.ClearConversationForMeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.ClearConversationForMeRequest,
      dev.easychat.im.v1.ClearConversationForMeResponse> getClearConversationForMeMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.ClearConversationForMeRequest, dev.easychat.im.v1.ClearConversationForMeResponse> getClearConversationForMeMethod;
    if ((getClearConversationForMeMethod = ImServiceGrpc.getClearConversationForMeMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getClearConversationForMeMethod = ImServiceGrpc.getClearConversationForMeMethod) == null) {
          ImServiceGrpc.getClearConversationForMeMethod = getClearConversationForMeMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.ClearConversationForMeRequest, dev.easychat.im.v1.ClearConversationForMeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ClearConversationForMe"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ClearConversationForMeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ClearConversationForMeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("ClearConversationForMe"))
              .build();
        }
      }
    }
    return getClearConversationForMeMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.SendTypingRequest,
      dev.easychat.im.v1.SendTypingResponse> getSendTypingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendTyping",
      requestType = dev.easychat.im.v1.SendTypingRequest.class,
      responseType = dev.easychat.im.v1.SendTypingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.SendTypingRequest,
      dev.easychat.im.v1.SendTypingResponse> getSendTypingMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.SendTypingRequest, dev.easychat.im.v1.SendTypingResponse> getSendTypingMethod;
    if ((getSendTypingMethod = ImServiceGrpc.getSendTypingMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getSendTypingMethod = ImServiceGrpc.getSendTypingMethod) == null) {
          ImServiceGrpc.getSendTypingMethod = getSendTypingMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.SendTypingRequest, dev.easychat.im.v1.SendTypingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendTyping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SendTypingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SendTypingResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("SendTyping"))
              .build();
        }
      }
    }
    return getSendTypingMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.ChatRequest,
      dev.easychat.im.v1.ChatResponse> getChatMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Chat",
      requestType = dev.easychat.im.v1.ChatRequest.class,
      responseType = dev.easychat.im.v1.ChatResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.ChatRequest,
      dev.easychat.im.v1.ChatResponse> getChatMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.ChatRequest, dev.easychat.im.v1.ChatResponse> getChatMethod;
    if ((getChatMethod = ImServiceGrpc.getChatMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getChatMethod = ImServiceGrpc.getChatMethod) == null) {
          ImServiceGrpc.getChatMethod = getChatMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.ChatRequest, dev.easychat.im.v1.ChatResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Chat"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ChatRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.ChatResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("Chat"))
              .build();
        }
      }
    }
    return getChatMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.easychat.im.v1.SubscribeRequest,
      dev.easychat.im.v1.SubscribeResponse> getSubscribeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Subscribe",
      requestType = dev.easychat.im.v1.SubscribeRequest.class,
      responseType = dev.easychat.im.v1.SubscribeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.easychat.im.v1.SubscribeRequest,
      dev.easychat.im.v1.SubscribeResponse> getSubscribeMethod() {
    io.grpc.MethodDescriptor<dev.easychat.im.v1.SubscribeRequest, dev.easychat.im.v1.SubscribeResponse> getSubscribeMethod;
    if ((getSubscribeMethod = ImServiceGrpc.getSubscribeMethod) == null) {
      synchronized (ImServiceGrpc.class) {
        if ((getSubscribeMethod = ImServiceGrpc.getSubscribeMethod) == null) {
          ImServiceGrpc.getSubscribeMethod = getSubscribeMethod =
              io.grpc.MethodDescriptor.<dev.easychat.im.v1.SubscribeRequest, dev.easychat.im.v1.SubscribeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Subscribe"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SubscribeRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.easychat.im.v1.SubscribeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ImServiceMethodDescriptorSupplier("Subscribe"))
              .build();
        }
      }
    }
    return getSubscribeMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ImServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ImServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ImServiceStub>() {
        @java.lang.Override
        public ImServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ImServiceStub(channel, callOptions);
        }
      };
    return ImServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ImServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ImServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ImServiceBlockingV2Stub>() {
        @java.lang.Override
        public ImServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ImServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ImServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ImServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ImServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ImServiceBlockingStub>() {
        @java.lang.Override
        public ImServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ImServiceBlockingStub(channel, callOptions);
        }
      };
    return ImServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ImServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ImServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ImServiceFutureStub>() {
        @java.lang.Override
        public ImServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ImServiceFutureStub(channel, callOptions);
        }
      };
    return ImServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * ImService carries conversations and messages.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
   * only ever sees conversations they belong to.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * ListConversations lists the caller's conversations: pinned first, then by last activity.
     * </pre>
     */
    default void listConversations(dev.easychat.im.v1.ListConversationsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ListConversationsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListConversationsMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetConversation returns one of the caller's conversations.
     * </pre>
     */
    default void getConversation(dev.easychat.im.v1.GetConversationRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetConversationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConversationMethod(), responseObserver);
    }

    /**
     * <pre>
     * UpdateConversation hides, pins or mutes a conversation for the caller only.
     * </pre>
     */
    default void updateConversation(dev.easychat.im.v1.UpdateConversationRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.UpdateConversationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateConversationMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListMessages pages through a conversation's history by seq, in either direction.
     * </pre>
     */
    default void listMessages(dev.easychat.im.v1.ListMessagesRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ListMessagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMessagesMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetMessage returns one message of a conversation the caller belongs to.
     * </pre>
     */
    default void getMessage(dev.easychat.im.v1.GetMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * SendMessage stores a message and returns it with its seq once it is durable. A retry with the
     * same client_msg_id returns the original message instead of storing a second one.
     * Errors: PERMISSION_DENIED (not friends, not a member, muted, MENTION_ALL_NOT_ALLOWED,
     * MEDIA_NOT_SHARED: a media_id the caller may not use), INVALID_ARGUMENT (content,
     * MENTION_NOT_MEMBER, a media_id of another kind), NOT_FOUND (reply_to_message_id not in this
     * conversation, MEDIA_NOT_FOUND), FAILED_PRECONDITION (replying to a recalled message,
     * MEDIA_NOT_UPLOADED, REJECTED_BY_POLICY: the deployment's before_send webhook refused it),
     * RESOURCE_EXHAUSTED (RATE_LIMITED), UNAVAILABLE (POLICY_UNAVAILABLE).
     * </pre>
     */
    default void sendMessage(dev.easychat.im.v1.SendMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SendMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * MarkRead moves the caller's read position forward; it never moves back.
     * </pre>
     */
    default void markRead(dev.easychat.im.v1.MarkReadRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.MarkReadResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getMarkReadMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetReadReceipts tells which members have read a message and which have not.
     * </pre>
     */
    default void getReadReceipts(dev.easychat.im.v1.GetReadReceiptsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetReadReceiptsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetReadReceiptsMethod(), responseObserver);
    }

    /**
     * <pre>
     * RecallMessage withdraws a message: its sender within 2 minutes, or a group owner or manager at
     * any time. The content is erased from history; the seq stays, so unread counts do not change.
     * </pre>
     */
    default void recallMessage(dev.easychat.im.v1.RecallMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.RecallMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRecallMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * EditMessage replaces the text of the caller's own text message, within
     * `limits.edit_window_secs` of sending. History then shows the new text with its edit time, and
     * members' live sessions get an `edit` event. A recalled message cannot be edited (recall wins).
     * Errors: PERMISSION_DENIED (EDIT_NOT_ALLOWED: not the sender or not a text message;
     * EDIT_WINDOW_PASSED), FAILED_PRECONDITION (MESSAGE_RECALLED), INVALID_ARGUMENT (text).
     * </pre>
     */
    default void editMessage(dev.easychat.im.v1.EditMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.EditMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getEditMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * AddReaction adds the caller's emoji reaction to a message (idempotent). A message holds at
     * most `limits.max_reactions_per_message` distinct emoji and each user at most
     * `limits.max_reactions_per_user` of them on one message (FAILED_PRECONDITION,
     * TOO_MANY_REACTIONS). Members' live sessions get a `reaction` event.
     * </pre>
     */
    default void addReaction(dev.easychat.im.v1.AddReactionRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.AddReactionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAddReactionMethod(), responseObserver);
    }

    /**
     * <pre>
     * RemoveReaction takes the caller's emoji reaction off a message (idempotent).
     * </pre>
     */
    default void removeReaction(dev.easychat.im.v1.RemoveReactionRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.RemoveReactionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRemoveReactionMethod(), responseObserver);
    }

    /**
     * <pre>
     * PinMessage pins a message for every member of its conversation: in a group the owner and
     * managers may (PERMISSION_DENIED, PIN_NOT_ALLOWED for others), in a single chat either side.
     * At most `limits.max_pinned_messages` per conversation (FAILED_PRECONDITION, TOO_MANY_PINS);
     * pinning a pinned message changes nothing. Members get a `pin` event; a recall unpins.
     * </pre>
     */
    default void pinMessage(dev.easychat.im.v1.PinMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.PinMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getPinMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * UnpinMessage takes a message's pin off (same permissions as PinMessage; idempotent).
     * </pre>
     */
    default void unpinMessage(dev.easychat.im.v1.UnpinMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.UnpinMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUnpinMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * SearchMessages finds the text messages of the caller's conversations (all of them, or one)
     * that contain `query`, newest first, paged. Case-insensitive for ASCII letters; any script
     * (Chinese included) matches as a substring. Recalled messages, messages the caller deleted for
     * themself or cleared, and messages from before they joined a group are never found. Errors:
     * INVALID_ARGUMENT (query), PERMISSION_DENIED (a conversation the caller is not in),
     * RESOURCE_EXHAUSTED (`limits.searches_per_minute`), FAILED_PRECONDITION (SEARCH_UNAVAILABLE:
     * a deployment that stores messages in MongoDB without `backends.search.url`).
     * </pre>
     */
    default void searchMessages(dev.easychat.im.v1.SearchMessagesRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SearchMessagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchMessagesMethod(), responseObserver);
    }

    /**
     * <pre>
     * DeleteMessagesForMe hides messages from the caller's view of a conversation only.
     * </pre>
     */
    default void deleteMessagesForMe(dev.easychat.im.v1.DeleteMessagesForMeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.DeleteMessagesForMeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMessagesForMeMethod(), responseObserver);
    }

    /**
     * <pre>
     * ClearConversationForMe hides the whole history up to now from the caller's view only.
     * </pre>
     */
    default void clearConversationForMe(dev.easychat.im.v1.ClearConversationForMeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ClearConversationForMeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getClearConversationForMeMethod(), responseObserver);
    }

    /**
     * <pre>
     * SendTyping tells the other members of a conversation that the caller is typing. It is relayed
     * to their live sessions and never stored. Past a few per second and conversation, extra ones
     * are dropped (the indicator is already showing), not refused.
     * </pre>
     */
    default void sendTyping(dev.easychat.im.v1.SendTypingRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SendTypingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendTypingMethod(), responseObserver);
    }

    /**
     * <pre>
     * Chat is the real-time session of one device: a bidirectional stream. The client sends
     * frames (send, mark read, recall, edit, reactions, pins, typing, sync, ping), each with its
     * own request_id; the server answers each frame with a result carrying the same request_id (or
     * an error for that frame only, the stream stays open) and pushes events (new messages, read
     * receipts, recalls, edits, reactions, pins, typing, presence). The first server frame is `ready`. Authenticated by the call's
     * bearer token; the stream ends with UNAUTHENTICATED when the token expires or is revoked,
     * with RESOURCE_EXHAUSTED (reason SLOW_CONSUMER) when the client reads too slowly, and with
     * UNAVAILABLE (reason HEARTBEAT_TIMEOUT) when the client sent no frame for 90 seconds (by
     * default): clients ping every 30 seconds or so, and after any end reconnect and sync. A user
     * with too many live sessions on the server already is refused with RESOURCE_EXHAUSTED
     * (reason TOO_MANY_SESSIONS).
     * </pre>
     */
    default io.grpc.stub.StreamObserver<dev.easychat.im.v1.ChatRequest> chat(
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ChatResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getChatMethod(), responseObserver);
    }

    /**
     * <pre>
     * Subscribe is Chat's server half for clients that cannot stream upward (grpc-web browsers):
     * the same events, plus a heartbeat frame every few seconds. Act through the unary RPCs.
     * Refused like Chat when the user has too many live sessions (TOO_MANY_SESSIONS).
     * </pre>
     */
    default void subscribe(dev.easychat.im.v1.SubscribeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SubscribeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubscribeMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ImService.
   * <pre>
   * ImService carries conversations and messages.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
   * only ever sees conversations they belong to.
   * </pre>
   */
  public static abstract class ImServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ImServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ImService.
   * <pre>
   * ImService carries conversations and messages.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
   * only ever sees conversations they belong to.
   * </pre>
   */
  public static final class ImServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ImServiceStub> {
    private ImServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ImServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ImServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * ListConversations lists the caller's conversations: pinned first, then by last activity.
     * </pre>
     */
    public void listConversations(dev.easychat.im.v1.ListConversationsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ListConversationsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListConversationsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetConversation returns one of the caller's conversations.
     * </pre>
     */
    public void getConversation(dev.easychat.im.v1.GetConversationRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetConversationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConversationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UpdateConversation hides, pins or mutes a conversation for the caller only.
     * </pre>
     */
    public void updateConversation(dev.easychat.im.v1.UpdateConversationRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.UpdateConversationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateConversationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListMessages pages through a conversation's history by seq, in either direction.
     * </pre>
     */
    public void listMessages(dev.easychat.im.v1.ListMessagesRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ListMessagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMessagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetMessage returns one message of a conversation the caller belongs to.
     * </pre>
     */
    public void getMessage(dev.easychat.im.v1.GetMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SendMessage stores a message and returns it with its seq once it is durable. A retry with the
     * same client_msg_id returns the original message instead of storing a second one.
     * Errors: PERMISSION_DENIED (not friends, not a member, muted, MENTION_ALL_NOT_ALLOWED,
     * MEDIA_NOT_SHARED: a media_id the caller may not use), INVALID_ARGUMENT (content,
     * MENTION_NOT_MEMBER, a media_id of another kind), NOT_FOUND (reply_to_message_id not in this
     * conversation, MEDIA_NOT_FOUND), FAILED_PRECONDITION (replying to a recalled message,
     * MEDIA_NOT_UPLOADED, REJECTED_BY_POLICY: the deployment's before_send webhook refused it),
     * RESOURCE_EXHAUSTED (RATE_LIMITED), UNAVAILABLE (POLICY_UNAVAILABLE).
     * </pre>
     */
    public void sendMessage(dev.easychat.im.v1.SendMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SendMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * MarkRead moves the caller's read position forward; it never moves back.
     * </pre>
     */
    public void markRead(dev.easychat.im.v1.MarkReadRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.MarkReadResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getMarkReadMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetReadReceipts tells which members have read a message and which have not.
     * </pre>
     */
    public void getReadReceipts(dev.easychat.im.v1.GetReadReceiptsRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetReadReceiptsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetReadReceiptsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RecallMessage withdraws a message: its sender within 2 minutes, or a group owner or manager at
     * any time. The content is erased from history; the seq stays, so unread counts do not change.
     * </pre>
     */
    public void recallMessage(dev.easychat.im.v1.RecallMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.RecallMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRecallMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * EditMessage replaces the text of the caller's own text message, within
     * `limits.edit_window_secs` of sending. History then shows the new text with its edit time, and
     * members' live sessions get an `edit` event. A recalled message cannot be edited (recall wins).
     * Errors: PERMISSION_DENIED (EDIT_NOT_ALLOWED: not the sender or not a text message;
     * EDIT_WINDOW_PASSED), FAILED_PRECONDITION (MESSAGE_RECALLED), INVALID_ARGUMENT (text).
     * </pre>
     */
    public void editMessage(dev.easychat.im.v1.EditMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.EditMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getEditMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * AddReaction adds the caller's emoji reaction to a message (idempotent). A message holds at
     * most `limits.max_reactions_per_message` distinct emoji and each user at most
     * `limits.max_reactions_per_user` of them on one message (FAILED_PRECONDITION,
     * TOO_MANY_REACTIONS). Members' live sessions get a `reaction` event.
     * </pre>
     */
    public void addReaction(dev.easychat.im.v1.AddReactionRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.AddReactionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAddReactionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RemoveReaction takes the caller's emoji reaction off a message (idempotent).
     * </pre>
     */
    public void removeReaction(dev.easychat.im.v1.RemoveReactionRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.RemoveReactionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRemoveReactionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * PinMessage pins a message for every member of its conversation: in a group the owner and
     * managers may (PERMISSION_DENIED, PIN_NOT_ALLOWED for others), in a single chat either side.
     * At most `limits.max_pinned_messages` per conversation (FAILED_PRECONDITION, TOO_MANY_PINS);
     * pinning a pinned message changes nothing. Members get a `pin` event; a recall unpins.
     * </pre>
     */
    public void pinMessage(dev.easychat.im.v1.PinMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.PinMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getPinMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UnpinMessage takes a message's pin off (same permissions as PinMessage; idempotent).
     * </pre>
     */
    public void unpinMessage(dev.easychat.im.v1.UnpinMessageRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.UnpinMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUnpinMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SearchMessages finds the text messages of the caller's conversations (all of them, or one)
     * that contain `query`, newest first, paged. Case-insensitive for ASCII letters; any script
     * (Chinese included) matches as a substring. Recalled messages, messages the caller deleted for
     * themself or cleared, and messages from before they joined a group are never found. Errors:
     * INVALID_ARGUMENT (query), PERMISSION_DENIED (a conversation the caller is not in),
     * RESOURCE_EXHAUSTED (`limits.searches_per_minute`), FAILED_PRECONDITION (SEARCH_UNAVAILABLE:
     * a deployment that stores messages in MongoDB without `backends.search.url`).
     * </pre>
     */
    public void searchMessages(dev.easychat.im.v1.SearchMessagesRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SearchMessagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchMessagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * DeleteMessagesForMe hides messages from the caller's view of a conversation only.
     * </pre>
     */
    public void deleteMessagesForMe(dev.easychat.im.v1.DeleteMessagesForMeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.DeleteMessagesForMeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMessagesForMeMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ClearConversationForMe hides the whole history up to now from the caller's view only.
     * </pre>
     */
    public void clearConversationForMe(dev.easychat.im.v1.ClearConversationForMeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ClearConversationForMeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getClearConversationForMeMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SendTyping tells the other members of a conversation that the caller is typing. It is relayed
     * to their live sessions and never stored. Past a few per second and conversation, extra ones
     * are dropped (the indicator is already showing), not refused.
     * </pre>
     */
    public void sendTyping(dev.easychat.im.v1.SendTypingRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SendTypingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendTypingMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Chat is the real-time session of one device: a bidirectional stream. The client sends
     * frames (send, mark read, recall, edit, reactions, pins, typing, sync, ping), each with its
     * own request_id; the server answers each frame with a result carrying the same request_id (or
     * an error for that frame only, the stream stays open) and pushes events (new messages, read
     * receipts, recalls, edits, reactions, pins, typing, presence). The first server frame is `ready`. Authenticated by the call's
     * bearer token; the stream ends with UNAUTHENTICATED when the token expires or is revoked,
     * with RESOURCE_EXHAUSTED (reason SLOW_CONSUMER) when the client reads too slowly, and with
     * UNAVAILABLE (reason HEARTBEAT_TIMEOUT) when the client sent no frame for 90 seconds (by
     * default): clients ping every 30 seconds or so, and after any end reconnect and sync. A user
     * with too many live sessions on the server already is refused with RESOURCE_EXHAUSTED
     * (reason TOO_MANY_SESSIONS).
     * </pre>
     */
    public io.grpc.stub.StreamObserver<dev.easychat.im.v1.ChatRequest> chat(
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.ChatResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getChatMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Subscribe is Chat's server half for clients that cannot stream upward (grpc-web browsers):
     * the same events, plus a heartbeat frame every few seconds. Act through the unary RPCs.
     * Refused like Chat when the user has too many live sessions (TOO_MANY_SESSIONS).
     * </pre>
     */
    public void subscribe(dev.easychat.im.v1.SubscribeRequest request,
        io.grpc.stub.StreamObserver<dev.easychat.im.v1.SubscribeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getSubscribeMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ImService.
   * <pre>
   * ImService carries conversations and messages.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
   * only ever sees conversations they belong to.
   * </pre>
   */
  public static final class ImServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ImServiceBlockingV2Stub> {
    private ImServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ImServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ImServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * ListConversations lists the caller's conversations: pinned first, then by last activity.
     * </pre>
     */
    public dev.easychat.im.v1.ListConversationsResponse listConversations(dev.easychat.im.v1.ListConversationsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListConversationsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetConversation returns one of the caller's conversations.
     * </pre>
     */
    public dev.easychat.im.v1.GetConversationResponse getConversation(dev.easychat.im.v1.GetConversationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConversationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateConversation hides, pins or mutes a conversation for the caller only.
     * </pre>
     */
    public dev.easychat.im.v1.UpdateConversationResponse updateConversation(dev.easychat.im.v1.UpdateConversationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateConversationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMessages pages through a conversation's history by seq, in either direction.
     * </pre>
     */
    public dev.easychat.im.v1.ListMessagesResponse listMessages(dev.easychat.im.v1.ListMessagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetMessage returns one message of a conversation the caller belongs to.
     * </pre>
     */
    public dev.easychat.im.v1.GetMessageResponse getMessage(dev.easychat.im.v1.GetMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SendMessage stores a message and returns it with its seq once it is durable. A retry with the
     * same client_msg_id returns the original message instead of storing a second one.
     * Errors: PERMISSION_DENIED (not friends, not a member, muted, MENTION_ALL_NOT_ALLOWED,
     * MEDIA_NOT_SHARED: a media_id the caller may not use), INVALID_ARGUMENT (content,
     * MENTION_NOT_MEMBER, a media_id of another kind), NOT_FOUND (reply_to_message_id not in this
     * conversation, MEDIA_NOT_FOUND), FAILED_PRECONDITION (replying to a recalled message,
     * MEDIA_NOT_UPLOADED, REJECTED_BY_POLICY: the deployment's before_send webhook refused it),
     * RESOURCE_EXHAUSTED (RATE_LIMITED), UNAVAILABLE (POLICY_UNAVAILABLE).
     * </pre>
     */
    public dev.easychat.im.v1.SendMessageResponse sendMessage(dev.easychat.im.v1.SendMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * MarkRead moves the caller's read position forward; it never moves back.
     * </pre>
     */
    public dev.easychat.im.v1.MarkReadResponse markRead(dev.easychat.im.v1.MarkReadRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getMarkReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetReadReceipts tells which members have read a message and which have not.
     * </pre>
     */
    public dev.easychat.im.v1.GetReadReceiptsResponse getReadReceipts(dev.easychat.im.v1.GetReadReceiptsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetReadReceiptsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RecallMessage withdraws a message: its sender within 2 minutes, or a group owner or manager at
     * any time. The content is erased from history; the seq stays, so unread counts do not change.
     * </pre>
     */
    public dev.easychat.im.v1.RecallMessageResponse recallMessage(dev.easychat.im.v1.RecallMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRecallMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * EditMessage replaces the text of the caller's own text message, within
     * `limits.edit_window_secs` of sending. History then shows the new text with its edit time, and
     * members' live sessions get an `edit` event. A recalled message cannot be edited (recall wins).
     * Errors: PERMISSION_DENIED (EDIT_NOT_ALLOWED: not the sender or not a text message;
     * EDIT_WINDOW_PASSED), FAILED_PRECONDITION (MESSAGE_RECALLED), INVALID_ARGUMENT (text).
     * </pre>
     */
    public dev.easychat.im.v1.EditMessageResponse editMessage(dev.easychat.im.v1.EditMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getEditMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * AddReaction adds the caller's emoji reaction to a message (idempotent). A message holds at
     * most `limits.max_reactions_per_message` distinct emoji and each user at most
     * `limits.max_reactions_per_user` of them on one message (FAILED_PRECONDITION,
     * TOO_MANY_REACTIONS). Members' live sessions get a `reaction` event.
     * </pre>
     */
    public dev.easychat.im.v1.AddReactionResponse addReaction(dev.easychat.im.v1.AddReactionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAddReactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RemoveReaction takes the caller's emoji reaction off a message (idempotent).
     * </pre>
     */
    public dev.easychat.im.v1.RemoveReactionResponse removeReaction(dev.easychat.im.v1.RemoveReactionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRemoveReactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * PinMessage pins a message for every member of its conversation: in a group the owner and
     * managers may (PERMISSION_DENIED, PIN_NOT_ALLOWED for others), in a single chat either side.
     * At most `limits.max_pinned_messages` per conversation (FAILED_PRECONDITION, TOO_MANY_PINS);
     * pinning a pinned message changes nothing. Members get a `pin` event; a recall unpins.
     * </pre>
     */
    public dev.easychat.im.v1.PinMessageResponse pinMessage(dev.easychat.im.v1.PinMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getPinMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UnpinMessage takes a message's pin off (same permissions as PinMessage; idempotent).
     * </pre>
     */
    public dev.easychat.im.v1.UnpinMessageResponse unpinMessage(dev.easychat.im.v1.UnpinMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUnpinMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchMessages finds the text messages of the caller's conversations (all of them, or one)
     * that contain `query`, newest first, paged. Case-insensitive for ASCII letters; any script
     * (Chinese included) matches as a substring. Recalled messages, messages the caller deleted for
     * themself or cleared, and messages from before they joined a group are never found. Errors:
     * INVALID_ARGUMENT (query), PERMISSION_DENIED (a conversation the caller is not in),
     * RESOURCE_EXHAUSTED (`limits.searches_per_minute`), FAILED_PRECONDITION (SEARCH_UNAVAILABLE:
     * a deployment that stores messages in MongoDB without `backends.search.url`).
     * </pre>
     */
    public dev.easychat.im.v1.SearchMessagesResponse searchMessages(dev.easychat.im.v1.SearchMessagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteMessagesForMe hides messages from the caller's view of a conversation only.
     * </pre>
     */
    public dev.easychat.im.v1.DeleteMessagesForMeResponse deleteMessagesForMe(dev.easychat.im.v1.DeleteMessagesForMeRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMessagesForMeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ClearConversationForMe hides the whole history up to now from the caller's view only.
     * </pre>
     */
    public dev.easychat.im.v1.ClearConversationForMeResponse clearConversationForMe(dev.easychat.im.v1.ClearConversationForMeRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getClearConversationForMeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SendTyping tells the other members of a conversation that the caller is typing. It is relayed
     * to their live sessions and never stored. Past a few per second and conversation, extra ones
     * are dropped (the indicator is already showing), not refused.
     * </pre>
     */
    public dev.easychat.im.v1.SendTypingResponse sendTyping(dev.easychat.im.v1.SendTypingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendTypingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Chat is the real-time session of one device: a bidirectional stream. The client sends
     * frames (send, mark read, recall, edit, reactions, pins, typing, sync, ping), each with its
     * own request_id; the server answers each frame with a result carrying the same request_id (or
     * an error for that frame only, the stream stays open) and pushes events (new messages, read
     * receipts, recalls, edits, reactions, pins, typing, presence). The first server frame is `ready`. Authenticated by the call's
     * bearer token; the stream ends with UNAUTHENTICATED when the token expires or is revoked,
     * with RESOURCE_EXHAUSTED (reason SLOW_CONSUMER) when the client reads too slowly, and with
     * UNAVAILABLE (reason HEARTBEAT_TIMEOUT) when the client sent no frame for 90 seconds (by
     * default): clients ping every 30 seconds or so, and after any end reconnect and sync. A user
     * with too many live sessions on the server already is refused with RESOURCE_EXHAUSTED
     * (reason TOO_MANY_SESSIONS).
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<dev.easychat.im.v1.ChatRequest, dev.easychat.im.v1.ChatResponse>
        chat() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getChatMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Subscribe is Chat's server half for clients that cannot stream upward (grpc-web browsers):
     * the same events, plus a heartbeat frame every few seconds. Act through the unary RPCs.
     * Refused like Chat when the user has too many live sessions (TOO_MANY_SESSIONS).
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.easychat.im.v1.SubscribeResponse>
        subscribe(dev.easychat.im.v1.SubscribeRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getSubscribeMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ImService.
   * <pre>
   * ImService carries conversations and messages.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
   * only ever sees conversations they belong to.
   * </pre>
   */
  public static final class ImServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ImServiceBlockingStub> {
    private ImServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ImServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ImServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * ListConversations lists the caller's conversations: pinned first, then by last activity.
     * </pre>
     */
    public dev.easychat.im.v1.ListConversationsResponse listConversations(dev.easychat.im.v1.ListConversationsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListConversationsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetConversation returns one of the caller's conversations.
     * </pre>
     */
    public dev.easychat.im.v1.GetConversationResponse getConversation(dev.easychat.im.v1.GetConversationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConversationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateConversation hides, pins or mutes a conversation for the caller only.
     * </pre>
     */
    public dev.easychat.im.v1.UpdateConversationResponse updateConversation(dev.easychat.im.v1.UpdateConversationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateConversationMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMessages pages through a conversation's history by seq, in either direction.
     * </pre>
     */
    public dev.easychat.im.v1.ListMessagesResponse listMessages(dev.easychat.im.v1.ListMessagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetMessage returns one message of a conversation the caller belongs to.
     * </pre>
     */
    public dev.easychat.im.v1.GetMessageResponse getMessage(dev.easychat.im.v1.GetMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SendMessage stores a message and returns it with its seq once it is durable. A retry with the
     * same client_msg_id returns the original message instead of storing a second one.
     * Errors: PERMISSION_DENIED (not friends, not a member, muted, MENTION_ALL_NOT_ALLOWED,
     * MEDIA_NOT_SHARED: a media_id the caller may not use), INVALID_ARGUMENT (content,
     * MENTION_NOT_MEMBER, a media_id of another kind), NOT_FOUND (reply_to_message_id not in this
     * conversation, MEDIA_NOT_FOUND), FAILED_PRECONDITION (replying to a recalled message,
     * MEDIA_NOT_UPLOADED, REJECTED_BY_POLICY: the deployment's before_send webhook refused it),
     * RESOURCE_EXHAUSTED (RATE_LIMITED), UNAVAILABLE (POLICY_UNAVAILABLE).
     * </pre>
     */
    public dev.easychat.im.v1.SendMessageResponse sendMessage(dev.easychat.im.v1.SendMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * MarkRead moves the caller's read position forward; it never moves back.
     * </pre>
     */
    public dev.easychat.im.v1.MarkReadResponse markRead(dev.easychat.im.v1.MarkReadRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getMarkReadMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetReadReceipts tells which members have read a message and which have not.
     * </pre>
     */
    public dev.easychat.im.v1.GetReadReceiptsResponse getReadReceipts(dev.easychat.im.v1.GetReadReceiptsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetReadReceiptsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RecallMessage withdraws a message: its sender within 2 minutes, or a group owner or manager at
     * any time. The content is erased from history; the seq stays, so unread counts do not change.
     * </pre>
     */
    public dev.easychat.im.v1.RecallMessageResponse recallMessage(dev.easychat.im.v1.RecallMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRecallMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * EditMessage replaces the text of the caller's own text message, within
     * `limits.edit_window_secs` of sending. History then shows the new text with its edit time, and
     * members' live sessions get an `edit` event. A recalled message cannot be edited (recall wins).
     * Errors: PERMISSION_DENIED (EDIT_NOT_ALLOWED: not the sender or not a text message;
     * EDIT_WINDOW_PASSED), FAILED_PRECONDITION (MESSAGE_RECALLED), INVALID_ARGUMENT (text).
     * </pre>
     */
    public dev.easychat.im.v1.EditMessageResponse editMessage(dev.easychat.im.v1.EditMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getEditMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * AddReaction adds the caller's emoji reaction to a message (idempotent). A message holds at
     * most `limits.max_reactions_per_message` distinct emoji and each user at most
     * `limits.max_reactions_per_user` of them on one message (FAILED_PRECONDITION,
     * TOO_MANY_REACTIONS). Members' live sessions get a `reaction` event.
     * </pre>
     */
    public dev.easychat.im.v1.AddReactionResponse addReaction(dev.easychat.im.v1.AddReactionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAddReactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RemoveReaction takes the caller's emoji reaction off a message (idempotent).
     * </pre>
     */
    public dev.easychat.im.v1.RemoveReactionResponse removeReaction(dev.easychat.im.v1.RemoveReactionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRemoveReactionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * PinMessage pins a message for every member of its conversation: in a group the owner and
     * managers may (PERMISSION_DENIED, PIN_NOT_ALLOWED for others), in a single chat either side.
     * At most `limits.max_pinned_messages` per conversation (FAILED_PRECONDITION, TOO_MANY_PINS);
     * pinning a pinned message changes nothing. Members get a `pin` event; a recall unpins.
     * </pre>
     */
    public dev.easychat.im.v1.PinMessageResponse pinMessage(dev.easychat.im.v1.PinMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getPinMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UnpinMessage takes a message's pin off (same permissions as PinMessage; idempotent).
     * </pre>
     */
    public dev.easychat.im.v1.UnpinMessageResponse unpinMessage(dev.easychat.im.v1.UnpinMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUnpinMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchMessages finds the text messages of the caller's conversations (all of them, or one)
     * that contain `query`, newest first, paged. Case-insensitive for ASCII letters; any script
     * (Chinese included) matches as a substring. Recalled messages, messages the caller deleted for
     * themself or cleared, and messages from before they joined a group are never found. Errors:
     * INVALID_ARGUMENT (query), PERMISSION_DENIED (a conversation the caller is not in),
     * RESOURCE_EXHAUSTED (`limits.searches_per_minute`), FAILED_PRECONDITION (SEARCH_UNAVAILABLE:
     * a deployment that stores messages in MongoDB without `backends.search.url`).
     * </pre>
     */
    public dev.easychat.im.v1.SearchMessagesResponse searchMessages(dev.easychat.im.v1.SearchMessagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteMessagesForMe hides messages from the caller's view of a conversation only.
     * </pre>
     */
    public dev.easychat.im.v1.DeleteMessagesForMeResponse deleteMessagesForMe(dev.easychat.im.v1.DeleteMessagesForMeRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMessagesForMeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ClearConversationForMe hides the whole history up to now from the caller's view only.
     * </pre>
     */
    public dev.easychat.im.v1.ClearConversationForMeResponse clearConversationForMe(dev.easychat.im.v1.ClearConversationForMeRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getClearConversationForMeMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SendTyping tells the other members of a conversation that the caller is typing. It is relayed
     * to their live sessions and never stored. Past a few per second and conversation, extra ones
     * are dropped (the indicator is already showing), not refused.
     * </pre>
     */
    public dev.easychat.im.v1.SendTypingResponse sendTyping(dev.easychat.im.v1.SendTypingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendTypingMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Subscribe is Chat's server half for clients that cannot stream upward (grpc-web browsers):
     * the same events, plus a heartbeat frame every few seconds. Act through the unary RPCs.
     * Refused like Chat when the user has too many live sessions (TOO_MANY_SESSIONS).
     * </pre>
     */
    public java.util.Iterator<dev.easychat.im.v1.SubscribeResponse> subscribe(
        dev.easychat.im.v1.SubscribeRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getSubscribeMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ImService.
   * <pre>
   * ImService carries conversations and messages.
   * Every RPC needs `authorization: Bearer &lt;token&gt;` metadata; the caller is the token's user and
   * only ever sees conversations they belong to.
   * </pre>
   */
  public static final class ImServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ImServiceFutureStub> {
    private ImServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ImServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ImServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * ListConversations lists the caller's conversations: pinned first, then by last activity.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.ListConversationsResponse> listConversations(
        dev.easychat.im.v1.ListConversationsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListConversationsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetConversation returns one of the caller's conversations.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.GetConversationResponse> getConversation(
        dev.easychat.im.v1.GetConversationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConversationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UpdateConversation hides, pins or mutes a conversation for the caller only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.UpdateConversationResponse> updateConversation(
        dev.easychat.im.v1.UpdateConversationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateConversationMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListMessages pages through a conversation's history by seq, in either direction.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.ListMessagesResponse> listMessages(
        dev.easychat.im.v1.ListMessagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMessagesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetMessage returns one message of a conversation the caller belongs to.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.GetMessageResponse> getMessage(
        dev.easychat.im.v1.GetMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SendMessage stores a message and returns it with its seq once it is durable. A retry with the
     * same client_msg_id returns the original message instead of storing a second one.
     * Errors: PERMISSION_DENIED (not friends, not a member, muted, MENTION_ALL_NOT_ALLOWED,
     * MEDIA_NOT_SHARED: a media_id the caller may not use), INVALID_ARGUMENT (content,
     * MENTION_NOT_MEMBER, a media_id of another kind), NOT_FOUND (reply_to_message_id not in this
     * conversation, MEDIA_NOT_FOUND), FAILED_PRECONDITION (replying to a recalled message,
     * MEDIA_NOT_UPLOADED, REJECTED_BY_POLICY: the deployment's before_send webhook refused it),
     * RESOURCE_EXHAUSTED (RATE_LIMITED), UNAVAILABLE (POLICY_UNAVAILABLE).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.SendMessageResponse> sendMessage(
        dev.easychat.im.v1.SendMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * MarkRead moves the caller's read position forward; it never moves back.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.MarkReadResponse> markRead(
        dev.easychat.im.v1.MarkReadRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getMarkReadMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetReadReceipts tells which members have read a message and which have not.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.GetReadReceiptsResponse> getReadReceipts(
        dev.easychat.im.v1.GetReadReceiptsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetReadReceiptsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * RecallMessage withdraws a message: its sender within 2 minutes, or a group owner or manager at
     * any time. The content is erased from history; the seq stays, so unread counts do not change.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.RecallMessageResponse> recallMessage(
        dev.easychat.im.v1.RecallMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRecallMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * EditMessage replaces the text of the caller's own text message, within
     * `limits.edit_window_secs` of sending. History then shows the new text with its edit time, and
     * members' live sessions get an `edit` event. A recalled message cannot be edited (recall wins).
     * Errors: PERMISSION_DENIED (EDIT_NOT_ALLOWED: not the sender or not a text message;
     * EDIT_WINDOW_PASSED), FAILED_PRECONDITION (MESSAGE_RECALLED), INVALID_ARGUMENT (text).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.EditMessageResponse> editMessage(
        dev.easychat.im.v1.EditMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getEditMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * AddReaction adds the caller's emoji reaction to a message (idempotent). A message holds at
     * most `limits.max_reactions_per_message` distinct emoji and each user at most
     * `limits.max_reactions_per_user` of them on one message (FAILED_PRECONDITION,
     * TOO_MANY_REACTIONS). Members' live sessions get a `reaction` event.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.AddReactionResponse> addReaction(
        dev.easychat.im.v1.AddReactionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAddReactionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * RemoveReaction takes the caller's emoji reaction off a message (idempotent).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.RemoveReactionResponse> removeReaction(
        dev.easychat.im.v1.RemoveReactionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRemoveReactionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * PinMessage pins a message for every member of its conversation: in a group the owner and
     * managers may (PERMISSION_DENIED, PIN_NOT_ALLOWED for others), in a single chat either side.
     * At most `limits.max_pinned_messages` per conversation (FAILED_PRECONDITION, TOO_MANY_PINS);
     * pinning a pinned message changes nothing. Members get a `pin` event; a recall unpins.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.PinMessageResponse> pinMessage(
        dev.easychat.im.v1.PinMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getPinMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UnpinMessage takes a message's pin off (same permissions as PinMessage; idempotent).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.UnpinMessageResponse> unpinMessage(
        dev.easychat.im.v1.UnpinMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUnpinMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SearchMessages finds the text messages of the caller's conversations (all of them, or one)
     * that contain `query`, newest first, paged. Case-insensitive for ASCII letters; any script
     * (Chinese included) matches as a substring. Recalled messages, messages the caller deleted for
     * themself or cleared, and messages from before they joined a group are never found. Errors:
     * INVALID_ARGUMENT (query), PERMISSION_DENIED (a conversation the caller is not in),
     * RESOURCE_EXHAUSTED (`limits.searches_per_minute`), FAILED_PRECONDITION (SEARCH_UNAVAILABLE:
     * a deployment that stores messages in MongoDB without `backends.search.url`).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.SearchMessagesResponse> searchMessages(
        dev.easychat.im.v1.SearchMessagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchMessagesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * DeleteMessagesForMe hides messages from the caller's view of a conversation only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.DeleteMessagesForMeResponse> deleteMessagesForMe(
        dev.easychat.im.v1.DeleteMessagesForMeRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMessagesForMeMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ClearConversationForMe hides the whole history up to now from the caller's view only.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.ClearConversationForMeResponse> clearConversationForMe(
        dev.easychat.im.v1.ClearConversationForMeRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getClearConversationForMeMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SendTyping tells the other members of a conversation that the caller is typing. It is relayed
     * to their live sessions and never stored. Past a few per second and conversation, extra ones
     * are dropped (the indicator is already showing), not refused.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.easychat.im.v1.SendTypingResponse> sendTyping(
        dev.easychat.im.v1.SendTypingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendTypingMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_CONVERSATIONS = 0;
  private static final int METHODID_GET_CONVERSATION = 1;
  private static final int METHODID_UPDATE_CONVERSATION = 2;
  private static final int METHODID_LIST_MESSAGES = 3;
  private static final int METHODID_GET_MESSAGE = 4;
  private static final int METHODID_SEND_MESSAGE = 5;
  private static final int METHODID_MARK_READ = 6;
  private static final int METHODID_GET_READ_RECEIPTS = 7;
  private static final int METHODID_RECALL_MESSAGE = 8;
  private static final int METHODID_EDIT_MESSAGE = 9;
  private static final int METHODID_ADD_REACTION = 10;
  private static final int METHODID_REMOVE_REACTION = 11;
  private static final int METHODID_PIN_MESSAGE = 12;
  private static final int METHODID_UNPIN_MESSAGE = 13;
  private static final int METHODID_SEARCH_MESSAGES = 14;
  private static final int METHODID_DELETE_MESSAGES_FOR_ME = 15;
  private static final int METHODID_CLEAR_CONVERSATION_FOR_ME = 16;
  private static final int METHODID_SEND_TYPING = 17;
  private static final int METHODID_SUBSCRIBE = 18;
  private static final int METHODID_CHAT = 19;

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
        case METHODID_LIST_CONVERSATIONS:
          serviceImpl.listConversations((dev.easychat.im.v1.ListConversationsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.ListConversationsResponse>) responseObserver);
          break;
        case METHODID_GET_CONVERSATION:
          serviceImpl.getConversation((dev.easychat.im.v1.GetConversationRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetConversationResponse>) responseObserver);
          break;
        case METHODID_UPDATE_CONVERSATION:
          serviceImpl.updateConversation((dev.easychat.im.v1.UpdateConversationRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.UpdateConversationResponse>) responseObserver);
          break;
        case METHODID_LIST_MESSAGES:
          serviceImpl.listMessages((dev.easychat.im.v1.ListMessagesRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.ListMessagesResponse>) responseObserver);
          break;
        case METHODID_GET_MESSAGE:
          serviceImpl.getMessage((dev.easychat.im.v1.GetMessageRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetMessageResponse>) responseObserver);
          break;
        case METHODID_SEND_MESSAGE:
          serviceImpl.sendMessage((dev.easychat.im.v1.SendMessageRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.SendMessageResponse>) responseObserver);
          break;
        case METHODID_MARK_READ:
          serviceImpl.markRead((dev.easychat.im.v1.MarkReadRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.MarkReadResponse>) responseObserver);
          break;
        case METHODID_GET_READ_RECEIPTS:
          serviceImpl.getReadReceipts((dev.easychat.im.v1.GetReadReceiptsRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.GetReadReceiptsResponse>) responseObserver);
          break;
        case METHODID_RECALL_MESSAGE:
          serviceImpl.recallMessage((dev.easychat.im.v1.RecallMessageRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.RecallMessageResponse>) responseObserver);
          break;
        case METHODID_EDIT_MESSAGE:
          serviceImpl.editMessage((dev.easychat.im.v1.EditMessageRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.EditMessageResponse>) responseObserver);
          break;
        case METHODID_ADD_REACTION:
          serviceImpl.addReaction((dev.easychat.im.v1.AddReactionRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.AddReactionResponse>) responseObserver);
          break;
        case METHODID_REMOVE_REACTION:
          serviceImpl.removeReaction((dev.easychat.im.v1.RemoveReactionRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.RemoveReactionResponse>) responseObserver);
          break;
        case METHODID_PIN_MESSAGE:
          serviceImpl.pinMessage((dev.easychat.im.v1.PinMessageRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.PinMessageResponse>) responseObserver);
          break;
        case METHODID_UNPIN_MESSAGE:
          serviceImpl.unpinMessage((dev.easychat.im.v1.UnpinMessageRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.UnpinMessageResponse>) responseObserver);
          break;
        case METHODID_SEARCH_MESSAGES:
          serviceImpl.searchMessages((dev.easychat.im.v1.SearchMessagesRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.SearchMessagesResponse>) responseObserver);
          break;
        case METHODID_DELETE_MESSAGES_FOR_ME:
          serviceImpl.deleteMessagesForMe((dev.easychat.im.v1.DeleteMessagesForMeRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.DeleteMessagesForMeResponse>) responseObserver);
          break;
        case METHODID_CLEAR_CONVERSATION_FOR_ME:
          serviceImpl.clearConversationForMe((dev.easychat.im.v1.ClearConversationForMeRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.ClearConversationForMeResponse>) responseObserver);
          break;
        case METHODID_SEND_TYPING:
          serviceImpl.sendTyping((dev.easychat.im.v1.SendTypingRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.SendTypingResponse>) responseObserver);
          break;
        case METHODID_SUBSCRIBE:
          serviceImpl.subscribe((dev.easychat.im.v1.SubscribeRequest) request,
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.SubscribeResponse>) responseObserver);
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
        case METHODID_CHAT:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.chat(
              (io.grpc.stub.StreamObserver<dev.easychat.im.v1.ChatResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getListConversationsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.ListConversationsRequest,
              dev.easychat.im.v1.ListConversationsResponse>(
                service, METHODID_LIST_CONVERSATIONS)))
        .addMethod(
          getGetConversationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.GetConversationRequest,
              dev.easychat.im.v1.GetConversationResponse>(
                service, METHODID_GET_CONVERSATION)))
        .addMethod(
          getUpdateConversationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.UpdateConversationRequest,
              dev.easychat.im.v1.UpdateConversationResponse>(
                service, METHODID_UPDATE_CONVERSATION)))
        .addMethod(
          getListMessagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.ListMessagesRequest,
              dev.easychat.im.v1.ListMessagesResponse>(
                service, METHODID_LIST_MESSAGES)))
        .addMethod(
          getGetMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.GetMessageRequest,
              dev.easychat.im.v1.GetMessageResponse>(
                service, METHODID_GET_MESSAGE)))
        .addMethod(
          getSendMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.SendMessageRequest,
              dev.easychat.im.v1.SendMessageResponse>(
                service, METHODID_SEND_MESSAGE)))
        .addMethod(
          getMarkReadMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.MarkReadRequest,
              dev.easychat.im.v1.MarkReadResponse>(
                service, METHODID_MARK_READ)))
        .addMethod(
          getGetReadReceiptsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.GetReadReceiptsRequest,
              dev.easychat.im.v1.GetReadReceiptsResponse>(
                service, METHODID_GET_READ_RECEIPTS)))
        .addMethod(
          getRecallMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.RecallMessageRequest,
              dev.easychat.im.v1.RecallMessageResponse>(
                service, METHODID_RECALL_MESSAGE)))
        .addMethod(
          getEditMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.EditMessageRequest,
              dev.easychat.im.v1.EditMessageResponse>(
                service, METHODID_EDIT_MESSAGE)))
        .addMethod(
          getAddReactionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.AddReactionRequest,
              dev.easychat.im.v1.AddReactionResponse>(
                service, METHODID_ADD_REACTION)))
        .addMethod(
          getRemoveReactionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.RemoveReactionRequest,
              dev.easychat.im.v1.RemoveReactionResponse>(
                service, METHODID_REMOVE_REACTION)))
        .addMethod(
          getPinMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.PinMessageRequest,
              dev.easychat.im.v1.PinMessageResponse>(
                service, METHODID_PIN_MESSAGE)))
        .addMethod(
          getUnpinMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.UnpinMessageRequest,
              dev.easychat.im.v1.UnpinMessageResponse>(
                service, METHODID_UNPIN_MESSAGE)))
        .addMethod(
          getSearchMessagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.SearchMessagesRequest,
              dev.easychat.im.v1.SearchMessagesResponse>(
                service, METHODID_SEARCH_MESSAGES)))
        .addMethod(
          getDeleteMessagesForMeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.DeleteMessagesForMeRequest,
              dev.easychat.im.v1.DeleteMessagesForMeResponse>(
                service, METHODID_DELETE_MESSAGES_FOR_ME)))
        .addMethod(
          getClearConversationForMeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.ClearConversationForMeRequest,
              dev.easychat.im.v1.ClearConversationForMeResponse>(
                service, METHODID_CLEAR_CONVERSATION_FOR_ME)))
        .addMethod(
          getSendTypingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.easychat.im.v1.SendTypingRequest,
              dev.easychat.im.v1.SendTypingResponse>(
                service, METHODID_SEND_TYPING)))
        .addMethod(
          getChatMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              dev.easychat.im.v1.ChatRequest,
              dev.easychat.im.v1.ChatResponse>(
                service, METHODID_CHAT)))
        .addMethod(
          getSubscribeMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.easychat.im.v1.SubscribeRequest,
              dev.easychat.im.v1.SubscribeResponse>(
                service, METHODID_SUBSCRIBE)))
        .build();
  }

  private static abstract class ImServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ImServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.easychat.im.v1.ImProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ImService");
    }
  }

  private static final class ImServiceFileDescriptorSupplier
      extends ImServiceBaseDescriptorSupplier {
    ImServiceFileDescriptorSupplier() {}
  }

  private static final class ImServiceMethodDescriptorSupplier
      extends ImServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ImServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ImServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ImServiceFileDescriptorSupplier())
              .addMethod(getListConversationsMethod())
              .addMethod(getGetConversationMethod())
              .addMethod(getUpdateConversationMethod())
              .addMethod(getListMessagesMethod())
              .addMethod(getGetMessageMethod())
              .addMethod(getSendMessageMethod())
              .addMethod(getMarkReadMethod())
              .addMethod(getGetReadReceiptsMethod())
              .addMethod(getRecallMessageMethod())
              .addMethod(getEditMessageMethod())
              .addMethod(getAddReactionMethod())
              .addMethod(getRemoveReactionMethod())
              .addMethod(getPinMessageMethod())
              .addMethod(getUnpinMessageMethod())
              .addMethod(getSearchMessagesMethod())
              .addMethod(getDeleteMessagesForMeMethod())
              .addMethod(getClearConversationForMeMethod())
              .addMethod(getSendTypingMethod())
              .addMethod(getChatMethod())
              .addMethod(getSubscribeMethod())
              .build();
        }
      }
    }
    return result;
  }
}
