//! EasyChat's public gRPC contracts, generated from the `.proto` files beside this crate.
//!
//! Each package is a module (`user::v1`, `social::v1`, `im::v1`) holding its messages, its
//! client (`*_client`) and its server trait (`*_server`).

/// `easychat.user.v1`: accounts, tokens and profiles.
pub mod user {
    // Generated code: lints are the generator's business.
    #[allow(clippy::all)]
    pub mod v1 {
        tonic::include_proto!("easychat.user.v1");
    }
}

/// `easychat.social.v1`: friends, friend requests, groups and members.
pub mod social {
    // Generated code: lints are the generator's business.
    #[allow(clippy::all)]
    pub mod v1 {
        tonic::include_proto!("easychat.social.v1");
    }
}

/// `easychat.im.v1`: conversations and messages.
pub mod im {
    // Generated code: lints are the generator's business.
    #[allow(clippy::all)]
    pub mod v1 {
        tonic::include_proto!("easychat.im.v1");
    }
}

/// `easychat.media.v1`: uploads and download URLs of images, files and voice clips.
pub mod media {
    // Generated code: lints are the generator's business.
    #[allow(clippy::all)]
    pub mod v1 {
        tonic::include_proto!("easychat.media.v1");
    }
}

/// Encoded `FileDescriptorSet` of every EasyChat proto, for server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/easychat_descriptor.bin"));

/// Metadata with which a gateway shows a server the proxy key they share, so the server believes
/// the client address in the gateway's `x-forwarded-for` (see docs/rest.md).
pub const PROXY_KEY_METADATA: &str = "x-easychat-proxy-key";

/// A status code's name as the gRPC specification (and `google.rpc.Code`) spells it,
/// `INVALID_ARGUMENT`: the `status` of REST errors and the `code` label of the RPC metrics.
pub fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code;
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}
