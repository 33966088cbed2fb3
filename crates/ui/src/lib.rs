//! `lianban-ui`: what a Liánbàn screen says and shows, apart from its markup.
//!
//! The SPA renders its screens with Leptos; the server paints the first screen of a deep link
//! into the HTML it sends (`lianban-server`'s `first_screen`). Both take their words, icons,
//! links and the content decisions of the catalogue pages (which rows a guide lists, in which
//! order, under which label) from here, so the two renderings differ only in how they write
//! markup, and the browser tests compare that.
//!
//! No Leptos, no browser and no I/O: plain functions of `lianban-core`'s types.

pub mod channel;
pub mod icons;
pub mod links;
pub mod locale;
pub mod screens;
pub mod url;
