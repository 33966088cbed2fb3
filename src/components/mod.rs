//! Reusable pieces, one per file, each named after what it shows.

pub mod appointment_card;
pub mod cancel_appointment;
pub mod case_view;
pub mod coming_soon;
pub mod elder_toggle;
pub mod error_summary;
pub mod flag_tags;
pub mod hall_card;
pub mod hall_choice;
pub mod header;
pub mod hotline;
pub mod icons;
pub mod lazy_screen;
pub mod matter_card;
pub mod not_found;
pub mod qr_code;
pub mod remote;
pub mod require_login;
pub mod search_form;
pub mod slot_picker;
pub mod tab_bar;
pub mod text_field;
pub mod theme_card;
