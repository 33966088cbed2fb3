//! 窗口工作人员 accounts: from `data/clerks.toml` (password as an argon2 PHC string), and with
//! `--dev` one demo clerk per department whose password the README names.

use crate::store::ClerkRecord;
use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use lianban_core::catalogue::Catalogue;
use serde::Deserialize;
use std::path::Path;

/// The demo clerks' password (only with `--dev`).
pub const DEMO_PASSWORD: &str = "lianban-demo-2026";
/// The demo clerks' hall.
const DEMO_HALL: &str = "city-centre";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClerksFile {
    #[serde(default)]
    clerks: Vec<ClerkEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClerkEntry {
    username: String,
    name: String,
    department: String,
    hall_id: String,
    password_hash: String,
}

/// A PHC string of `password` (argon2id, random salt).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("cannot hash: {e}"))?
        .to_string())
}

/// A hash to check an unknown name's password against, so that a login for a name that does
/// not exist costs the same time as one for a name that does.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash_password("no such clerk").unwrap_or_default());
    &DUMMY
}

/// Whether `password` matches the PHC string `hash` (false for a malformed hash).
pub fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The clerks of `data/clerks.toml` (none when the file is missing), checked against the
/// catalogue, plus the demo clerks with `dev`.
pub fn load(data_dir: &Path, catalogue: &Catalogue, dev: bool) -> anyhow::Result<Vec<ClerkRecord>> {
    let path = data_dir.join("clerks.toml");
    let mut clerks = Vec::new();
    if path.exists() {
        let text = std::fs::read_to_string(&path)?;
        let file: ClerksFile =
            toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))?;
        for c in file.clerks {
            let at = || format!("{}: 工作人员 {}", path.display(), c.username);
            anyhow::ensure!(
                catalogue.department(&c.department).is_some(),
                "{}: 没有部门 {}",
                at(),
                c.department
            );
            anyhow::ensure!(
                catalogue.hall(&c.hall_id).is_some(),
                "{}: 没有大厅 {}",
                at(),
                c.hall_id
            );
            PasswordHash::new(&c.password_hash)
                .map_err(|e| anyhow::anyhow!("{}: password_hash 不是 PHC 格式：{e}", at()))?;
            clerks.push(ClerkRecord {
                username: c.username,
                name: c.name,
                department: c.department,
                hall_id: c.hall_id,
                password_hash: c.password_hash,
            });
        }
    }
    if dev {
        // One hash for all of them: hashing is slow on purpose.
        let hash = hash_password(DEMO_PASSWORD)?;
        for d in &catalogue.departments {
            clerks.push(ClerkRecord {
                username: format!("{}.demo", d.code),
                name: format!("{}演示窗口", d.name),
                department: d.code.clone(),
                hall_id: DEMO_HALL.to_string(),
                password_hash: hash.clone(),
            });
        }
    }
    Ok(clerks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_matches_its_own_hash_only() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(password_matches(&h, "correct horse"));
        assert!(!password_matches(&h, "correct horse "));
        assert!(!password_matches("not a hash", "correct horse"));
    }
}
