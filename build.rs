//! Sets `CLAIM_CARDS_BUILD`: a hash of the sources that decide the widget's
//! markup (`src/`, `Cargo.lock`). A prerender records the build that made it;
//! the live widget takes a prerender over only when it was made by the same
//! build (see `src/prerender.rs`), so a widget whose markup changed renders
//! afresh instead of hydrating DOM it did not make.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut paths = vec![PathBuf::from("Cargo.lock")];
    files(Path::new("src"), &mut paths);
    paths.sort();
    // FNV-1a, 64 bits: a change anywhere changes the id.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &paths {
        let name = path.to_string_lossy().replace('\\', "/");
        for byte in name.bytes().chain([0]).chain(std::fs::read(path).unwrap_or_default()).chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=CLAIM_CARDS_BUILD={hash:016x}");
}
