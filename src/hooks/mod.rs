//! The explorer's behaviour, one hook each, so that `Explorer` only wires
//! them together and lays out the page:
//!
//! * [`store`] — the reader's choices as a Yew reducer around the pure
//!   [`crate::view::ViewState::apply`], remembering how a change should reach the URL;
//! * [`url_sync`] — the choices mirrored in the page URL, back/forward;
//! * [`host`] — the host page told of every change, and able to send commands;
//! * [`reveal`] — a card to scroll to (`#claim-` deep link, host request);
//! * [`window`] — how many cards of a long selection are rendered;
//! * `archive` (feature `archive-view`) — an archive's files fetched round by round for the archive view.
//!
//! Effects and handlers only: nothing here runs during server-side rendering.

#[cfg(feature = "archive-view")]
pub mod archive;
pub mod host;
pub mod reveal;
pub mod store;
pub mod url_sync;
pub mod window;
