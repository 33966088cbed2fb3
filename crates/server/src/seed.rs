//! Loads the catalogue seed files from the data directory and validates them; any problem
//! stops the start with the file and the entry it concerns.

use anyhow::{bail, Context};
use lianban_core::booking::BookingRules;
use lianban_core::calendar::{calendar_from_files, WorkingCalendar};
use lianban_core::catalogue::{parse_catalogue, Catalogue};
use std::path::Path;

pub fn load_catalogue(data_dir: &Path) -> anyhow::Result<Catalogue> {
    let mut files = Vec::new();
    collect(data_dir, data_dir, &mut files)
        .with_context(|| format!("cannot read the data directory {}", data_dir.display()))?;
    if files.is_empty() {
        bail!(
            "the data directory {} holds no .toml files",
            data_dir.display()
        );
    }
    parse_catalogue(&files).map_err(|errors| {
        anyhow::anyhow!(
            "the catalogue in {} is not valid:\n  {}",
            data_dir.display(),
            errors.join("\n  ")
        )
    })
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, root, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)?
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            out.push((rel, text));
        }
    }
    Ok(())
}

/// Reads `calendar/`: each `<year>.toml` (the State Council's notice of that year) and
/// `statutory.toml` (what the law closes in years whose notice is not out yet).
pub fn load_calendar(data_dir: &Path) -> anyhow::Result<WorkingCalendar> {
    let dir = data_dir.join("calendar");
    let mut files = Vec::new();
    if dir.exists() {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((name, text));
        }
    }
    let calendar = calendar_from_files(&files).map_err(|errors| {
        anyhow::anyhow!(
            "the calendar in {} is not valid:\n  {}",
            dir.display(),
            errors.join("\n  ")
        )
    })?;
    let pending = calendar.pending_years();
    if !pending.is_empty() {
        tracing::info!(
            years = ?pending,
            "no State Council notice yet for these years: their statutory holidays are closed and their dates are marked provisional"
        );
    }
    Ok(calendar)
}

/// Reads `booking.toml` (absent: the published defaults).
pub fn load_booking_rules(data_dir: &Path) -> anyhow::Result<BookingRules> {
    let path = data_dir.join("booking.toml");
    if !path.exists() {
        return Ok(BookingRules::default());
    }
    let text = std::fs::read_to_string(&path)?;
    toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))
}
