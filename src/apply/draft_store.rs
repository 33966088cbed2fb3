//! The application draft: every answer, field and uploaded material, saved as the citizen goes.
//!
//! Kept in `localStorage` at once on every change (it must survive a closed tab and a lost
//! network), and on the server (`PUT /drafts/{theme}`, debounced) when a verified citizen is
//! logged in, so another phone can continue. On open the newer of the two wins, by `saved_at`.
//! Fields filled from the account (name, identity number, phone) are never part of a draft.

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
    /// Milliseconds since 1970 of the last change; 0 for a draft never changed.
    pub saved_at: i64,
    /// The `Idempotency-Key` of this draft's submit: a retried submit never makes two cases.
    pub key: String,
    /// The uploaded files' names, for display; the content holds only their ids.
    #[serde(default)]
    pub files: Vec<Upload>,
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
        }
    }

    pub fn to_save(&self) -> DraftSave {
        DraftSave {
            step: self.step.clone(),
            content: self.content.clone(),
            saved_at: self.saved_at,
        }
    }

    /// The display name of an uploaded file, if this phone knows it.
    pub fn file_name(&self, id: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.as_str())
    }
}

/// The newer of this phone's copy and the server's; the phone's submit key and file names
/// are kept when the server's content wins. `None` when there is neither.
pub fn newer(
    local: Option<LocalDraft>,
    server: Option<Draft>,
    fresh_key: impl FnOnce() -> String,
) -> Option<LocalDraft> {
    match (local, server) {
        (local, None) => local,
        (Some(local), Some(server)) if local.saved_at >= server.saved_at => Some(local),
        (local, Some(server)) => {
            let (key, files) = match local {
                Some(l) => (l.key, l.files),
                None => (fresh_key(), Vec::new()),
            };
            Some(LocalDraft {
                theme_name: server.theme_name,
                step: server.step,
                content: server.content,
                saved_at: server.saved_at,
                key,
                files,
            })
        }
    }
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

    fn local(saved_at: i64) -> LocalDraft {
        LocalDraft {
            saved_at,
            key: "lb-local".into(),
            files: vec![Upload {
                id: "u1".into(),
                name: "租赁合同.jpg".into(),
                content_type: "image/jpeg".into(),
                size: 10,
            }],
            ..LocalDraft::fresh("open-restaurant", "我要开饭店", "lb-local".into())
        }
    }

    fn server(saved_at: i64) -> Draft {
        Draft {
            theme_id: "open-restaurant".into(),
            theme_name: "我要开饭店".into(),
            step: "materials".into(),
            content: ApplicationRequest {
                theme_id: "open-restaurant".into(),
                ..Default::default()
            },
            saved_at,
        }
    }

    #[test]
    fn the_newer_copy_wins_and_keeps_the_phones_key() {
        assert_eq!(
            newer(Some(local(20)), Some(server(10)), || "x".into()),
            Some(local(20))
        );
        let won = newer(Some(local(10)), Some(server(20)), || "x".into()).unwrap();
        assert_eq!(won.step, "materials");
        assert_eq!(won.saved_at, 20);
        assert_eq!(won.key, "lb-local");
        assert_eq!(won.file_name("u1"), Some("租赁合同.jpg"));
        let other_phone = newer(None, Some(server(5)), || "lb-new".into()).unwrap();
        assert_eq!(other_phone.key, "lb-new");
        assert_eq!(newer(None, None, || "x".into()), None);
    }

    #[test]
    fn saved_times_are_china_time() {
        // 2026-11-25 06:03:00 UTC.
        let day = lianban_core::date::SimpleDate::new(2026, 11, 25).unwrap();
        let ms = (day.days_since_epoch() * 86_400 + 6 * 3600 + 3 * 60) * 1000;
        assert_eq!(format_saved_at(ms), "2026-11-25 14:03");
    }
}
