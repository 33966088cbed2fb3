//! Loads the repository's `data/` as the server does, for the tests that run on real data.

use lianban_core::catalogue::{parse_catalogue, Catalogue};
use std::path::{Path, PathBuf};

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

pub fn load() -> Catalogue {
    let root = data_dir();
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    match parse_catalogue(&files) {
        Ok(c) => c,
        Err(errors) => panic!("data/ is not valid:\n{}", errors.join("\n")),
    }
}
