//! Loads the catalogue seed files from the data directory and validates them; any problem
//! stops the start with the file and the entry it concerns.

use anyhow::{bail, Context};
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
