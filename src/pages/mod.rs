//! One file per screen, named after it; the component carries the screen's name.

pub mod appointment;
pub mod appointments;
pub mod book;
pub mod book_confirm;
pub mod departments;
pub mod enterprises;
pub mod hall;
pub mod halls;
pub mod home;
pub mod identity;
pub mod licence;
pub mod licences;
pub mod login;
pub mod matter;
pub mod me;
pub mod messages;
pub mod my_case;
pub mod my_cases;
pub mod not_found;
pub mod rating;
pub mod search;
pub mod stats;
pub mod supplement;
pub mod theme;
pub mod themes;
pub mod track;
