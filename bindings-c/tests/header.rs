//! The checked-in header must be exactly what the pinned cbindgen makes of the
//! sources now, and its version macros must match Cargo.toml.
//!
//! cbindgen is a dev-dependency pinned by the workspace (`=0.29.4`), so nobody
//! needs `cargo install cbindgen` and CI cannot drift to another formatter
//! (rustls-ffi #322). `make header` runs this test with `SWH_WRITE_HEADER=1`
//! to rewrite the file.

use std::path::{Path, PathBuf};

const CBINDGEN_VERSION: &str = "0.29.4";

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn header_path() -> PathBuf {
    crate_dir().join("include/stdwebhooks.h")
}

fn generate() -> String {
    let dir = crate_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut out);
    String::from_utf8(out).expect("header is UTF-8")
}

#[test]
fn header_is_fresh() {
    println!("cbindgen {CBINDGEN_VERSION} (pinned in the workspace Cargo.toml)");
    let lock = std::fs::read_to_string(crate_dir().join("../Cargo.lock")).expect("Cargo.lock");
    assert!(
        lock.contains(&format!(
            "name = \"cbindgen\"\nversion = \"{CBINDGEN_VERSION}\""
        )),
        "Cargo.lock does not pin cbindgen {CBINDGEN_VERSION}"
    );
    let fresh = generate();
    let path = header_path();
    if std::env::var_os("SWH_WRITE_HEADER").is_some() {
        std::fs::write(&path, &fresh).expect("write header");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != fresh {
        let first = checked_in
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(checked_in.lines().count().min(fresh.lines().count()));
        panic!(
            "{} is stale (first difference at line {}); run `make -C bindings-c header` and commit it",
            path.display(),
            first + 1
        );
    }
}

fn macro_value(header: &str, name: &str) -> String {
    header
        .lines()
        .find_map(|l| l.strip_prefix(&format!("#define {name} ")))
        .unwrap_or_else(|| panic!("{name} is not in the header"))
        .trim()
        .to_string()
}

fn workspace_version(root: &Path) -> String {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("root Cargo.toml");
    let section = manifest
        .split("[workspace.package]")
        .nth(1)
        .expect("[workspace.package] in Cargo.toml");
    section
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == "version").then(|| v.trim().trim_matches('"').to_string())
        })
        .expect("version in [workspace.package]")
}

#[test]
fn version_macros_match_cargo_toml() {
    let header = std::fs::read_to_string(header_path()).expect("header");
    let version = workspace_version(&crate_dir().join(".."));
    let parts: Vec<&str> = version.split(['.', '-', '+']).take(3).collect();
    assert_eq!(macro_value(&header, "SWH_VERSION_MAJOR"), parts[0]);
    assert_eq!(macro_value(&header, "SWH_VERSION_MINOR"), parts[1]);
    assert_eq!(macro_value(&header, "SWH_VERSION_PATCH"), parts[2]);
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn test_only_export_stays_out_of_the_header() {
    let header = std::fs::read_to_string(header_path()).expect("header");
    assert!(!header.contains("swh_test_panic"));
}
