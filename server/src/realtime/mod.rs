//! Real time: live sessions (Chat and Subscribe streams) and the hub that pushes events to them.
//!
//! - `hub`: who is connected, event fan-out to session queues, session revocation, presence.
//! - `receipts`: merges group read receipts before they fan out.
//! - `events`: domain events → proto and its encoding, once per event.
//! - `outbound`: the frames of a session's stream (its own, or shared pushed events).
//! - `session`: the Chat and Subscribe loops.

pub mod events;
pub mod hub;
pub mod outbound;
pub mod receipts;
pub mod session;
