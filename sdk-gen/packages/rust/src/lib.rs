//! EasyChat's Rust SDK: a thin layer over the generated clients of `easychat-proto`.
//!
//! - [`Client`]: registers or logs in, keeps the token and adds it to every call.
//! - [`ChatSession`]: one device's real-time session over the `Chat` stream; reconnects with
//!   backoff, catches up by sync from the last seq it delivered per conversation, delivers each
//!   message once and in seq order, and retries sends with the same `client_msg_id` until the
//!   server acknowledges them. Replies, mentions, edits, reactions and pins go through it too.
//! - Media: [`Client::upload`] (CreateUpload, an HTTP PUT to the pre-signed URL,
//!   CompleteUpload), [`ChatSession::send_media`] (an image, file or voice message naming the
//!   upload) and [`Client::download`].
//!
//! The generated API stays available: `easychat_sdk::proto` re-exports `easychat-proto`.

mod client;
mod media;
mod session;

pub use client::{Authed, Client, Error};
pub use easychat_proto as proto;
pub use session::{ChatSession, SessionEvent};
