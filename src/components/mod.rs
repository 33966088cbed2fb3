//! Reusable pieces, one per file, each named after what it shows.

pub mod coming_soon;
pub mod elder_toggle;
pub mod flag_tags;
pub mod hall_card;
pub mod header;
pub mod icons;
pub mod matter_card;
pub mod not_found;
pub mod remote;
pub mod search_form;
pub mod tab_bar;
pub mod theme_card;
