//! 一事联办: the questionnaire engine, the combined form's fields, and the application that
//! is submitted once for several departments. Shared by the SPA and the server.

mod answers;
mod application;
mod checklist;
mod field;
mod promised;
mod upload;

pub use answers::*;
pub use application::*;
pub use checklist::*;
pub use field::*;
pub use promised::*;
pub use upload::*;
