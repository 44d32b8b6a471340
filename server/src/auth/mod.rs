//! Authentication: password hashing, bearer tokens, and the tower layer that checks them.

pub mod layer;
pub mod password;
pub mod tokens;

pub use layer::{AuthLayer, Caller};
