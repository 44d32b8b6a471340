// Error helpers: EasyChat puts a google.rpc.ErrorInfo in every error status (docs/errors.md);
// its `reason` is the stable thing to switch on.
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { Code, ConnectError } from "@connectrpc/connect";

/** The google.rpc.ErrorInfo detail of an EasyChat error. */
export interface ErrorInfo {
  /** Stable reason such as `ALREADY_FRIENDS` (see docs/errors.md). */
  reason: string;
  /** Always `easychat` for errors from this server. */
  domain: string;
  /** Extra key/value details, if any. */
  metadata: Record<string, string>;
}

const ERROR_INFO_TYPE = "google.rpc.ErrorInfo";

/** The ErrorInfo of an error thrown by an EasyChat call, if it carries one. */
export function errorInfo(err: unknown): ErrorInfo | undefined {
  if (!(err instanceof ConnectError)) return undefined;
  for (const detail of err.details) {
    // Details received from the wire are undecoded ({type, value: bytes}).
    if ("type" in detail && detail.type === ERROR_INFO_TYPE && detail.value instanceof Uint8Array) {
      return decodeErrorInfo(detail.value);
    }
  }
  return undefined;
}

/** The ErrorInfo reason of an error thrown by an EasyChat call, if it carries one. */
export function errorReason(err: unknown): string | undefined {
  return errorInfo(err)?.reason;
}

/**
 * Whether a call that failed this way may succeed when simply tried again: the network or the
 * server was unavailable, or the outcome is unknown. Only safe to retry for idempotent calls
 * (SendMessage is, given the same client_msg_id).
 */
export function isTransient(err: unknown): boolean {
  const code = ConnectError.from(err).code;
  return (
    code === Code.Unavailable ||
    code === Code.Unknown ||
    code === Code.DeadlineExceeded ||
    code === Code.Aborted ||
    code === Code.Internal ||
    code === Code.ResourceExhausted
  );
}

// ErrorInfo is three fields; decoding it by hand spares shipping google/rpc protos in the SDK.
function decodeErrorInfo(bytes: Uint8Array): ErrorInfo {
  const info: ErrorInfo = { reason: "", domain: "", metadata: {} };
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) {
      info.reason = reader.string();
    } else if (field === 2 && wireType === WireType.LengthDelimited) {
      info.domain = reader.string();
    } else if (field === 3 && wireType === WireType.LengthDelimited) {
      const [key, value] = decodeMapEntry(reader.bytes());
      info.metadata[key] = value;
    } else {
      reader.skip(wireType);
    }
  }
  return info;
}

function decodeMapEntry(bytes: Uint8Array): [string, string] {
  const reader = new BinaryReader(bytes);
  let key = "";
  let value = "";
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) key = reader.string();
    else if (field === 2 && wireType === WireType.LengthDelimited) value = reader.string();
    else reader.skip(wireType);
  }
  return [key, value];
}
