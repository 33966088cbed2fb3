//! The application draft: every answer, field and uploaded material, saved as the citizen goes.
//!
//! Kept in `localStorage` at once on every change (it must survive a closed tab and a lost
//! network), and on the server (`PUT /drafts/{theme}`, debounced) when a verified citizen is
//! logged in, so another phone can continue. Which copy is newer is decided by the server's
//! version, never by clocks: this phone's copy remembers the version it was made from and
//! whether it has changes the server has not accepted; when both changed, the citizen
//! chooses. Fields filled from the account (name, identity number, phone) are never part of
//! a draft.

use lianban_core::apply::{ApplicationRequest, Draft, DraftSave, Upload};
use serde::{Deserialize, Serialize};

const PREFIX: &str = "lianban.apply.";

/// One theme's draft as this phone keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub theme_name: String,
    /// Where the citizen was: `questions`, `checklist`, `form.<group>`, `materials`,
    /// `delivery`, `review`.
    pub step: String,
    pub content: ApplicationRequest,
    /// Milliseconds since 1970 of the last change (this phone's clock, for display only);
    /// 0 for a draft never changed.
    pub saved_at: i64,
    /// The `Idempotency-Key` of this draft's submit: a retried submit never makes two cases.
    pub key: String,
    /// The uploaded files' names, for display; the content holds only their ids.
    #[serde(default)]
    pub files: Vec<Upload>,
    /// The version of the server's copy this one was made from; 0 when the server had none.
    #[serde(default)]
    pub version: i64,
    /// Changed here since the server last accepted it. A copy kept before versions existed
    /// counts as changed, so that it is never dropped unasked.
    #[serde(default = "changed_before_versions")]
    pub unsaved: bool,
}

fn changed_before_versions() -> bool {
    true
}

impl LocalDraft {
    pub fn fresh(theme_id: &str, theme_name: &str, key: String) -> LocalDraft {
        LocalDraft {
            theme_name: theme_name.to_string(),
            step: "questions".to_string(),
            content: ApplicationRequest {
                theme_id: theme_id.to_string(),
                ..Default::default()
            },
            saved_at: 0,
            key,
            files: Vec::new(),
            version: 0,
            unsaved: false,
        }
    }

    pub fn to_save(&self) -> DraftSave {
        DraftSave {
            step: self.step.clone(),
            content: self.content.clone(),
            version: self.version,
        }
    }

    /// The display name of an uploaded file, if this phone knows it.
    pub fn file_name(&self, id: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.as_str())
    }

    /// The server's copy in place of this one, keeping this phone's submit key and file names.
    pub fn replaced_by(self, server: Draft) -> LocalDraft {
        LocalDraft {
            theme_name: server.theme_name,
            step: server.step,
            content: server.content,
            saved_at: server.saved_at,
            key: self.key,
            files: self.files,
            version: server.version,
            unsaved: false,
        }
    }

    /// This copy, to be saved over the server's newer `version` (the citizen chose it).
    pub fn kept_over(mut self, version: i64) -> LocalDraft {
        self.version = version;
        self.unsaved = true;
        self
    }

    /// Has something the server should have.
    pub fn owes_server(&self) -> bool {
        self.unsaved && self.saved_at > 0
    }
}

/// What to do with this phone's copy, given the server's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reconciled {
    /// This phone's copy stands; `save` when the server does not have it yet.
    Local { save: bool },
    /// The server's copy is newer and nothing here is unsaved: it replaces this one.
    Server(LocalDraft),
    /// Both changed since they were last in step: the citizen chooses.
    Conflict(Draft),
}

pub fn reconcile(local: &LocalDraft, server: Option<Draft>) -> Reconciled {
    match server {
        None => Reconciled::Local {
            save: local.owes_server(),
        },
        Some(s) if s.version == local.version => Reconciled::Local {
            save: local.owes_server(),
        },
        // This phone's own save whose answer never came back (the tab closed meanwhile).
        Some(s) if same_request(&s.content, &local.content) => Reconciled::Server(LocalDraft {
            version: s.version,
            unsaved: false,
            ..local.clone()
        }),
        Some(s) if !local.owes_server() => Reconciled::Server(local.clone().replaced_by(s)),
        Some(s) => Reconciled::Conflict(s),
    }
}

/// The copy a list shows and a "continue" opens: the server's when it replaces this phone's,
/// this phone's otherwise (a conflict is asked about when the draft is opened). `None` when
/// there is neither.
pub fn current(
    local: Option<LocalDraft>,
    server: Option<Draft>,
    fresh_key: impl FnOnce() -> String,
) -> Option<LocalDraft> {
    match (local, server) {
        (local, None) => local,
        (None, Some(server)) => {
            let theme = server.theme_id.clone();
            Some(LocalDraft::fresh(&theme, "", fresh_key()).replaced_by(server))
        }
        (Some(local), Some(server)) => match reconcile(&local, Some(server)) {
            Reconciled::Server(newer) => Some(newer),
            _ => Some(local),
        },
    }
}

/// The same answers, fields, materials and step. Compared as the JSON both are sent as: the
/// serialiser is in the Wasm anyway, a deep comparison would be more code.
pub fn same_content(a: &LocalDraft, b: &LocalDraft) -> bool {
    a.step == b.step && same_request(&a.content, &b.content)
}

fn same_request(a: &ApplicationRequest, b: &ApplicationRequest) -> bool {
    serde_json::to_string(a).ok() == serde_json::to_string(b).ok()
}

/// After the server accepted `sent` as `version`: this phone's stored copy is made from that
/// version, and has nothing unsaved unless it changed since.
pub fn note_saved(theme_id: &str, sent: &LocalDraft, version: i64) -> Option<LocalDraft> {
    let mut stored = load(theme_id)?;
    stored.version = version;
    if same_content(&stored, sent) {
        stored.unsaved = false;
    }
    save(theme_id, &stored);
    Some(stored)
}

/// A fresh random key, e.g. `lb-3f09c1d2e4a5b6c7-…`.
pub fn new_key() -> String {
    let part = || (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("lb-{:x}-{:x}", part(), part())
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// `2026-11-25 14:03`, China time.
pub fn format_saved_at(ms: i64) -> String {
    let minutes = (ms / 1000 + 8 * 3600).div_euclid(60);
    let day = crate::clock::date_from_days(minutes.div_euclid(1440));
    let in_day = minutes.rem_euclid(1440);
    format!("{day} {}", lianban_core::booking::clock(in_day as u32))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn load(theme_id: &str) -> Option<LocalDraft> {
    let text = storage()?.get_item(&format!("{PREFIX}{theme_id}")).ok()??;
    serde_json::from_str(&text).ok()
}

/// Only the step, time and version of this phone's draft (see `start::Brief`).
pub fn load_brief(theme_id: &str) -> Option<super::start::Brief> {
    let text = storage()?.get_item(&format!("{PREFIX}{theme_id}")).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save(theme_id: &str, draft: &LocalDraft) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = s.set_item(&format!("{PREFIX}{theme_id}"), &text);
    }
}

pub fn remove(theme_id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{theme_id}"));
    }
}

/// Every draft on this phone, by theme id.
pub fn all() -> Vec<(String, LocalDraft)> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let len = s.length().unwrap_or(0);
    let ids: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_string))
        .collect();
    ids.into_iter()
        .filter_map(|id| load(&id).map(|d| (id, d)))
        .collect()
}

/// Forgets every draft on this phone (at logout, on a shared phone); the server keeps its
/// copies of a verified citizen's drafts.
pub fn clear_all() {
    for (id, _) in all() {
        remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(version: i64, unsaved: bool) -> LocalDraft {
        LocalDraft {
            saved_at: 1_000,
            key: "lb-local".into(),
            files: vec![Upload {
                id: "u1".into(),
                name: "租赁合同.jpg".into(),
                content_type: "image/jpeg".into(),
                size: 10,
            }],
            version,
            unsaved,
            ..LocalDraft::fresh("open-restaurant", "我要开饭店", "lb-local".into())
        }
    }

    fn server(version: i64) -> Draft {
        Draft {
            theme_id: "open-restaurant".into(),
            theme_name: "我要开饭店".into(),
            step: "materials".into(),
            content: ApplicationRequest {
                theme_id: "open-restaurant".into(),
                fields: [("shop_name".to_string(), "另一部手机填的".to_string())].into(),
                ..Default::default()
            },
            // A clock a year ahead decides nothing.
            saved_at: 1_000 + 366 * 86_400_000,
            version,
        }
    }

    #[test]
    fn the_server_version_decides_never_the_clock() {
        // In step: this phone saves what it has not sent yet.
        assert_eq!(
            reconcile(&local(3, true), Some(server(3))),
            Reconciled::Local { save: true }
        );
        assert_eq!(
            reconcile(&local(3, false), Some(server(3))),
            Reconciled::Local { save: false }
        );
        assert_eq!(
            reconcile(&local(0, true), None),
            Reconciled::Local { save: true }
        );
        // Another phone saved since, nothing unsaved here: the newer copy replaces this one,
        // with this phone's key and file names.
        let Reconciled::Server(won) = reconcile(&local(3, false), Some(server(4))) else {
            panic!("the server's copy should win");
        };
        assert_eq!((won.step.as_str(), won.version), ("materials", 4));
        assert_eq!(won.key, "lb-local");
        assert_eq!(won.file_name("u1"), Some("租赁合同.jpg"));
        assert!(!won.unsaved);
        // This phone's own save, answered after the tab was gone: no conflict with itself.
        let mut own = local(3, true);
        own.content = server(4).content;
        own.content
            .fields
            .insert("shop_name".into(), "老街坊".into());
        let mut saved = server(4);
        saved.content = own.content.clone();
        let Reconciled::Server(same) = reconcile(&own, Some(saved)) else {
            panic!("its own save is not a conflict");
        };
        assert_eq!(
            (same.version, same.unsaved, same.step),
            (4, false, own.step)
        );
        // Both changed: the citizen is asked.
        assert_eq!(
            reconcile(&local(3, true), Some(server(4))),
            Reconciled::Conflict(server(4))
        );
        // Keeping this phone's copy saves it over the newer version.
        let kept = local(3, true).kept_over(4);
        assert_eq!(
            reconcile(&kept, Some(server(4))),
            Reconciled::Local { save: true }
        );
        assert_eq!(kept.to_save().version, 4);
    }

    #[test]
    fn lists_show_the_copy_that_continues() {
        let other_phone = current(None, Some(server(5)), || "lb-new".into()).unwrap();
        assert_eq!(
            (other_phone.key.as_str(), other_phone.version),
            ("lb-new", 5)
        );
        assert_eq!(other_phone.theme_name, "我要开饭店");
        assert_eq!(current(None, None, || "x".into()), None);
        assert_eq!(
            current(Some(local(3, true)), Some(server(4)), || "x".into()),
            Some(local(3, true)),
            "a conflict keeps this phone's copy until the citizen chooses"
        );
    }

    #[test]
    fn copies_kept_before_versions_count_as_unsaved() {
        let old: LocalDraft = serde_json::from_str(
            r#"{"theme_name":"我要开饭店","step":"form","content":{"theme_id":"open-restaurant"},"saved_at":5,"key":"k"}"#,
        )
        .unwrap();
        assert_eq!((old.version, old.unsaved), (0, true));
    }

    #[test]
    fn saved_times_are_china_time() {
        // 2026-11-25 06:03:00 UTC.
        let day = lianban_core::date::SimpleDate::new(2026, 11, 25).unwrap();
        let ms = (day.days_since_epoch() * 86_400 + 6 * 3600 + 3 * 60) * 1000;
        assert_eq!(format_saved_at(ms), "2026-11-25 14:03");
    }
}
