//! `cargo xtask test`: every check CI runs, in order of cost, ending with
//! the list of checks that were skipped and why.

use std::path::PathBuf;

use crate::{cargo, codegen, parse_codegen, root, Failure};

/// The folder `../shared` that some tests read, beside the workspace.
const SHARED: &str = "../shared";

/// Where tests record their skips (see `tests::record_skip`).
const SKIPS: &str = "target/test-skips";

/// Runs every check; fails if one fails, or if a test skipped its check
/// while `../shared` is present and nobody asked for skips.
pub fn test() -> Result<(), Failure> {
    let skips = root().join(SKIPS);
    if skips.exists() {
        std::fs::remove_dir_all(&skips)
            .map_err(|e| Failure::Failed(format!("cannot clear {}: {e}", skips.display())))?;
    }
    let check = parse_codegen(&["--check".to_owned()])?;
    codegen(&check)?;
    cargo(&["fmt", "--all", "--", "--check"], &[])?;
    let clippy = |packages: &[&str]| {
        let args: Vec<&str> = ["clippy"]
            .iter()
            .chain(packages)
            .chain(&["--all-targets", "--", "-D", "warnings"])
            .copied()
            .collect();
        cargo(&args, &[])
    };
    clippy(&["--workspace"])?;
    // The runtime's optional protocol modules (cbor, xml...), which no
    // workspace member turns on.
    clippy(&["-p", "smithy-lean-runtime", "--all-features"])?;
    let tests = [
        &["test", "--workspace"][..],
        &[
            "test",
            "-p",
            "smithy-lean-runtime",
            "--all-features",
            "--lib",
        ],
    ];
    for args in tests {
        if let Err(failed) = cargo(args, &[]) {
            report_skips(&skips)?;
            return Err(failed);
        }
    }
    cargo(
        &["doc", "--workspace", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    build_fuzz_targets()?;
    crate::protocol_tests::protocol_tests(&[])?;
    let skipped = report_skips(&skips)?;
    match skipped {
        0 => outln!("all checks passed"),
        n => outln!("all checks passed, but {n} skipped their check (listed above)"),
    }
    Ok(())
}

/// Records that the check `name` was skipped and why, as the tests do, so
/// that the end of the run lists it.
pub fn record_skip(name: &str, reason: &str) {
    let dir = root().join(SKIPS);
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(name.replace(' ', "__")), reason));
    if let Err(e) = written {
        eprintln!("warning: cannot record the skip of {name}: {e}");
    }
}

/// Builds (without running) the cargo-fuzz targets, which live outside the
/// workspace, so that they cannot rot unnoticed. They build with the
/// workspace's lockfile, so with the versions CI tested.
fn build_fuzz_targets() -> Result<(), Failure> {
    let fuzz = root().join("tests/fuzz");
    let lock = fuzz.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root().join("Cargo.lock"), &lock)
            .map_err(|e| Failure::Failed(format!("cannot write {}: {e}", lock.display())))?;
    }
    let manifest = fuzz.join("Cargo.toml");
    let target = root().join("target/fuzz");
    cargo(
        &[
            "build",
            "--manifest-path",
            &manifest.to_string_lossy(),
            "--bins",
        ],
        &[("CARGO_TARGET_DIR", &target.to_string_lossy())],
    )
}

/// Prints every recorded skip with its reason and returns how many there
/// were; an unasked-for skip while `../shared` is present is an error.
fn report_skips(dir: &std::path::Path) -> Result<usize, Failure> {
    let mut skips: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let test = entry.file_name().to_string_lossy().replace("__", "::");
            let reason = std::fs::read_to_string(entry.path()).unwrap_or_default();
            (test, reason)
        })
        .collect();
    skips.sort();
    if skips.is_empty() {
        return Ok(0);
    }
    eprintln!("\n*** {} TESTS SKIPPED THEIR CHECK ***", skips.len());
    for (test, reason) in &skips {
        eprintln!("  - {test}: {reason}");
    }
    let shared: PathBuf = root().join(SHARED);
    let asked = std::env::var_os("SKIP_UPSTREAM").is_some_and(|v| v == "1");
    if shared.exists() && !asked {
        return Err(Failure::Failed(format!(
            "{} tests skipped although {} is present; set SKIP_UPSTREAM=1 to allow skips",
            skips.len(),
            shared.display()
        )));
    }
    if !shared.exists() {
        eprintln!(
            "*** {} is missing: the checks above did not run ***\n",
            shared.display()
        );
    }
    Ok(skips.len())
}
