//! The app's areas: groups of screens whose code is downloaded the first time one of them is
//! visited. Each area is one Wasm chunk (`scripts/build-wasm.mjs` splits the module at the
//! `#[wasm_split]` function of each area); code two areas share is downloaded once.
//!
//! The catalogue screens (home, search, a matter, a theme, the halls) are not here: they are
//! what a first visit opens, so they stay in the main module.

mod account;
mod apply;
mod appointment;
mod booking;
mod clerk;
mod clerk_login;
mod licences;
mod login;
mod track;
mod tracking;

use crate::i18n::t;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// 一事联办: checklist, the steps of the combined application, the receipt, drafts.
    Apply,
    /// 预约办事: the citizen's appointments, booking and its confirmation.
    Booking,
    /// 预约详情: one appointment, its 签到码 as a QR code, rescheduling.
    Appointment,
    /// 登录 alone: every page that needs a login sends here, so it carries nothing else.
    Login,
    /// 我的: 实名, enterprises.
    Account,
    /// 电子证照 and 亮证 (the QR code).
    Licences,
    /// 办件查询 and 办事公开: public, without login.
    Track,
    /// 我的办件, one case with its actions (补正, 评价), 消息中心.
    Tracking,
    /// 窗口人员登录 alone.
    ClerkLogin,
    /// 窗口工作台: work list, case, 差评整改, 窗口签到. No citizen downloads it.
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
            Appointments | Book | BookConfirm => Area::Booking,
            Appointment => Area::Appointment,
            Login => Area::Login,
            Me | Identity | Enterprises => Area::Account,
            Licences | Licence => Area::Licences,
            Track | Stats => Area::Track,
            MyCases | MyCase | Messages => Area::Tracking,
            ClerkLogin => Area::ClerkLogin,
            ClerkWork | ClerkCase | ClerkFollowUps | ClerkCheckIn => Area::Clerk,
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

const AREAS: usize = 10;

thread_local! {
    /// Each area's `Render` once its chunk has arrived: later visits draw at once.
    static LOADED: [Cell<Option<Render>>; AREAS] = const { [const { Cell::new(None) }; AREAS] };
}

impl Area {
    fn index(self) -> usize {
        match self {
            Area::Apply => 0,
            Area::Booking => 1,
            Area::Appointment => 2,
            Area::Login => 3,
            Area::Account => 4,
            Area::Licences => 5,
            Area::Track => 6,
            Area::Tracking => 7,
            Area::ClerkLogin => 8,
            Area::Clerk => 9,
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
            Area::Appointment => appointment::screens().await?,
            Area::Login => login::screens().await?,
            Area::Account => account::screens().await?,
            Area::Licences => licences::screens().await?,
            Area::Track => track::screens().await?,
            Area::Tracking => tracking::screens().await?,
            Area::ClerkLogin => clerk_login::screens().await?,
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
        for screen in [Appointments, Book, BookConfirm] {
            assert_eq!(screen.area(), Area::Booking);
        }
        assert_eq!(Appointment.area(), Area::Appointment);
        assert_eq!(Login.area(), Area::Login);
        for screen in [Me, Identity, Enterprises] {
            assert_eq!(screen.area(), Area::Account);
        }
        for screen in [Licences, Licence] {
            assert_eq!(screen.area(), Area::Licences);
        }
        for screen in [Track, Stats] {
            assert_eq!(screen.area(), Area::Track);
        }
        for screen in [MyCases, MyCase, Messages] {
            assert_eq!(screen.area(), Area::Tracking);
        }
        assert_eq!(ClerkLogin.area(), Area::ClerkLogin);
        for screen in [ClerkWork, ClerkCase, ClerkFollowUps, ClerkCheckIn] {
            assert_eq!(screen.area(), Area::Clerk);
        }
    }
}
