// @easychat/sdk: generated messages and services, plus the hand-written client and session.
export * from "./gen/easychat/user/v1/user_pb.js";
export * from "./gen/easychat/social/v1/social_pb.js";
export * from "./gen/easychat/im/v1/im_pb.js";
export * from "./gen/easychat/media/v1/media_pb.js";
export { SDK_VERSION } from "./gen/version.js";

export { EasyChatClient, type EasyChatClientOptions } from "./client.js";
export {
  ChatSession,
  type ChatSessionEvents,
  type ChatSessionOptions,
  type SendOptions,
  type SendTarget,
  type SessionState,
  newClientMsgId,
} from "./session.js";
export {
  type DownloadUrl,
  type MediaMessageOptions,
  MediaTransferError,
  type UploadOptions,
  mediaContent,
  mediaIdOf,
} from "./media.js";
export { type ErrorInfo, errorInfo, errorReason, isTransient } from "./errors.js";
export { type BackoffOptions, backoffDelay } from "./backoff.js";

// What apps need most from the runtime libraries, so they need not depend on them directly.
export { create, toBinary, fromBinary } from "@bufbuild/protobuf";
export { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
export { Code, ConnectError } from "@connectrpc/connect";
