//! `lianban-core`: the API types and the domain rules shared by the Liánbàn SPA and the
//! reference platform server. No I/O lives here, so the same code runs in the browser (for
//! instant feedback) and on the server (which never trusts the client).

pub mod account;
pub mod api;
pub mod apply;
pub mod appointments;
pub mod booking;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod date;
pub mod geo;
pub mod ics;
pub mod identity;
pub mod search;
