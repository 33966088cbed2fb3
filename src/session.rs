//! Who is logged in: the citizen's profile (`GET /auth/sessions/current`, which answers `null`
//! rather than a 401 for a visitor without a session), asked once when the app starts and
//! replaced by the answers of login, 实名认证 and logout, so every page agrees without asking
//! again.

use crate::api::{self, ApiFailure};
use crate::prefs::use_prefs;
use leptos::prelude::*;
use lianban_core::account::{Me, Preferences};

#[derive(Clone, Copy)]
pub struct Session {
    /// `Ok(None)`: nobody is logged in.
    pub me: LocalResource<Result<Option<Me>, ApiFailure>>,
    /// This phone's 长辈版 switch, captured here because login completes outside any owner.
    elder: RwSignal<bool>,
}

impl Session {
    pub fn provide() -> Session {
        let session = Session {
            me: api::resource(api::me),
            elder: use_prefs().elder,
        };
        provide_context(session);
        session
    }

    /// The logged-in citizen's profile (tracked).
    pub fn current(&self) -> Option<Me> {
        self.me.get().and_then(|r| r.ok()).flatten()
    }

    /// Whether the logged-in citizen has done 实名认证 (a memo: pages switch on it).
    pub fn verified(&self) -> Memo<bool> {
        let me = self.me;
        Memo::new(move |_| me.with(|m| matches!(m, Some(Ok(Some(me))) if me.verified)))
    }

    /// Replaces the profile with a newer answer, or `None` after logout.
    pub fn set(&self, me: Option<Me>) {
        self.me.set(Some(Ok(me)));
    }

    /// Changes the known profile in place (a count after adding an enterprise).
    pub fn patch(&self, change: impl FnOnce(&mut Me)) {
        if let Some(mut me) = self.me.get_untracked().and_then(|r| r.ok()).flatten() {
            change(&mut me);
            self.set(Some(me));
        }
    }

    /// After login: elder mode on this phone or on the account turns it on for both.
    pub fn logged_in(&self, me: Me) {
        let elder = self.elder;
        let local = elder.get_untracked();
        if me.preferences.elder_mode {
            elder.set(true);
        } else if local {
            save_elder_mode(me.preferences.language.clone(), true);
        }
        self.set(Some(me));
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Keeps the account's 长辈版 preference in step with this phone's, when logged in.
pub fn save_elder_mode(language: String, elder_mode: bool) {
    leptos::task::spawn_local(async move {
        // The phone keeps the choice either way; the account copy is a convenience.
        let _ = api::save_preferences(&Preferences {
            elder_mode,
            language,
        })
        .await;
    });
}
