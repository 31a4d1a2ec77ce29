//! Shared by the integration tests: fixture folders, and the random source of the property tests.
// Each test crate uses the part it needs.
#![allow(dead_code, unused_imports)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Each fixture file of `dir` with its parsed JSON. A file that cannot be read fails loudly.
#[allow(clippy::panic)]
pub fn fixtures(dir: &str) -> Vec<(PathBuf, Value)> {
    let dir = Path::new(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, value)
        })
        .collect()
}

mod rng;
pub use rng::{iterations, Rng};
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod server;
