//! The adapters against real identity providers on loopback (see `passerelle_federation::testing`).

mod proconnect;
mod renater;

pub use passerelle_federation::testing::{form_action, input_value};
