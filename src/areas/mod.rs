//! The app's areas: groups of screens whose code is downloaded the first time one of them is
//! visited. Each area is one Wasm chunk (`scripts/build-wasm.mjs` splits the module at the
//! `#[wasm_split]` function of each area); code two areas share is downloaded once.
//!
//! The catalogue screens (home, search, a matter, a theme, the halls) are not here: they are
//! what a first visit opens, so they stay in the main module.

mod account;
mod apply;
mod booking;
mod clerk;
mod tracking;

use crate::i18n::t;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// 一事联办: checklist, the steps of the combined application, the receipt, drafts.
    Apply,
    /// 预约办事: the citizen's appointments, booking, rescheduling.
    Booking,
    /// 我的: login, 实名, enterprises, e-licences.
    Account,
    /// 办件: the public lookup, 我的办件, one case with its actions, 消息中心.
    Tracking,
    /// 窗口工作台: the clerk's login, work list and case. No citizen downloads it.
    Clerk,
}

/// Every screen whose code lives in an area's chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Checklist,
    ApplyFlow,
    Questions,
    Form,
    Materials,
    Delivery,
    Review,
    Receipt,
    Drafts,
    Appointments,
    Book,
    BookConfirm,
    Appointment,
    Login,
    Me,
    Identity,
    Enterprises,
    Licences,
    Licence,
    Track,
    MyCases,
    MyCase,
    Messages,
    Stats,
    ClerkLogin,
    ClerkWork,
    ClerkCase,
    ClerkFollowUps,
    ClerkCheckIn,
}

/// How a skeleton is drawn while the screen's chunk downloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Form,
    List,
    Detail,
}

/// Draws one screen of an area. It lives in the area's chunk.
pub type Render = fn(Screen) -> AnyView;

/// An area's chunk did not arrive (the network dropped, or the app was updated meanwhile).
#[derive(Clone, Debug)]
pub struct ChunkFailed;

impl From<SplitLoaderError> for ChunkFailed {
    fn from(_: SplitLoaderError) -> Self {
        ChunkFailed
    }
}

impl Screen {
    pub fn area(self) -> Area {
        use Screen::*;
        match self {
            Checklist | ApplyFlow | Questions | Form | Materials | Delivery | Review | Receipt
            | Drafts => Area::Apply,
            Appointments | Book | BookConfirm | Appointment => Area::Booking,
            Login | Me | Identity | Enterprises | Licences | Licence => Area::Account,
            Track | MyCases | MyCase | Messages | Stats => Area::Tracking,
            ClerkLogin | ClerkWork | ClerkCase | ClerkFollowUps | ClerkCheckIn => Area::Clerk,
        }
    }

    pub fn shape(self) -> Shape {
        use Screen::*;
        match self {
            Questions | Form | Delivery | Book | Login | Identity | Track | ClerkLogin
            | ClerkCheckIn => Shape::Form,
            Drafts | Appointments | Me | Enterprises | Licences | MyCases | Messages
            | ClerkWork | ClerkFollowUps | Stats => Shape::List,
            _ => Shape::Detail,
        }
    }

    /// The heading the frame shows until the screen draws its own. Only strings of the main
    /// table: one from an area's table would pull that whole table into the main module.
    pub fn title(self) -> &'static str {
        let l = t();
        use Screen::*;
        match self {
            Checklist | ApplyFlow | Questions | Form | Materials | Delivery | Review | Receipt => {
                l.chunk_title_apply
            }
            Drafts => l.me_drafts,
            Appointments | Appointment | Book | BookConfirm => l.appointments_title,
            Login => l.login_title,
            Me | Identity | Enterprises | Licences | Licence => l.me_title,
            Track => l.track_title,
            MyCases | MyCase => l.cases_title,
            Messages => l.messages_title,
            Stats => l.stats_title,
            ClerkLogin | ClerkWork | ClerkCase | ClerkFollowUps | ClerkCheckIn => l.clerk_title,
        }
    }
}

thread_local! {
    /// Each area's `Render` once its chunk has arrived: later visits draw at once.
    static LOADED: [Cell<Option<Render>>; 5] = const { [const { Cell::new(None) }; 5] };
}

impl Area {
    fn index(self) -> usize {
        match self {
            Area::Apply => 0,
            Area::Booking => 1,
            Area::Account => 2,
            Area::Tracking => 3,
            Area::Clerk => 4,
        }
    }

    pub fn loaded(self) -> Option<Render> {
        LOADED.with(|loaded| loaded[self.index()].get())
    }

    /// Downloads the area's chunk (once; a failed download is tried again on the next call).
    pub async fn load(self) -> Result<Render, ChunkFailed> {
        if let Some(render) = self.loaded() {
            return Ok(render);
        }
        let render = match self {
            Area::Apply => apply::screens().await?,
            Area::Booking => booking::screens().await?,
            Area::Account => account::screens().await?,
            Area::Tracking => tracking::screens().await?,
            Area::Clerk => clerk::screens().await?,
        };
        LOADED.with(|loaded| loaded[self.index()].set(Some(render)));
        Ok(render)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_belongs_to_the_area_that_draws_it() {
        use Screen::*;
        for screen in [Checklist, Form, Receipt, Drafts] {
            assert_eq!(screen.area(), Area::Apply);
        }
        for screen in [Appointments, Book, BookConfirm, Appointment] {
            assert_eq!(screen.area(), Area::Booking);
        }
        for screen in [Login, Me, Identity, Licence] {
            assert_eq!(screen.area(), Area::Account);
        }
        for screen in [Track, MyCases, MyCase, Messages, Stats] {
            assert_eq!(screen.area(), Area::Tracking);
        }
        for screen in [
            ClerkLogin,
            ClerkWork,
            ClerkCase,
            ClerkFollowUps,
            ClerkCheckIn,
        ] {
            assert_eq!(screen.area(), Area::Clerk);
        }
    }
}
