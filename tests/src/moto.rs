//! The moto harness (`tests/moto/harness.py`), run in a pinned venv under
//! `target/`: moto's server, a proxy that checks every request's SigV4
//! signature with botocore's signer, and either the Lambda fixture or the
//! boto3 oracle.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

use crate::root;

/// The venv's Python, created and filled from the pinned requirements when
/// missing or when the requirements changed, once per test binary.
pub fn python() -> PathBuf {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(install).clone()
}

fn install() -> PathBuf {
    let venv = root().join("target/moto-venv");
    let python = venv.join("bin/python");
    let requirements = root().join("tests/moto/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("tests/moto/requirements.txt");
    let stamp = venv.join("installed-requirements.txt");
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return python;
    }
    let run = |command: &mut Command, what: &str| {
        let status = command
            .status()
            .unwrap_or_else(|e| panic!("cannot {what}: {e}"));
        assert!(status.success(), "{what} failed ({status})");
    };
    if !python.exists() {
        run(
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
            "create the moto venv",
        );
    }
    run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements),
        "install the pinned moto and boto3",
    );
    std::fs::write(&stamp, wanted).expect("write the venv stamp");
    python
}

/// The running harness; dropping it closes its stdin and kills it, so the
/// servers stop even when a test fails.
pub struct Harness {
    child: Child,
    stdin: Option<ChildStdin>,
    /// The JSON line the harness printed: URLs, credentials and, with the
    /// Lambda fixture, boto3's listings.
    pub info: Value,
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.stdin.take();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Harness {
    /// Starts the harness with the Lambda fixture.
    pub fn lambda() -> Harness {
        Harness::start(&[])
    }

    /// Starts the harness with the boto3 oracle instead of a fixture.
    pub fn oracle() -> Harness {
        Harness::start(&["--oracle"])
    }

    fn start(args: &[&str]) -> Harness {
        let mut child = Command::new(python())
            .arg(root().join("tests/moto/harness.py"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the moto harness");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("harness stdout");
        let mut harness = Harness {
            child,
            stdin,
            info: Value::Null,
        };
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the harness's line");
        harness.info = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("the harness did not print its JSON line ({e}): {line:?}"));
        harness
    }

    /// A string the harness printed.
    pub fn str(&self, key: &str) -> &str {
        self.info[key]
            .as_str()
            .unwrap_or_else(|| panic!("harness info lacks {key}"))
    }

    /// What a test run against the oracle needs, as environment variables:
    /// `MOTO_ENDPOINT`, `MOTO_ORACLE`, `MOTO_REGION`, `MOTO_ACCESS_KEY` and
    /// `MOTO_SECRET_KEY`.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        [
            ("MOTO_ENDPOINT", "endpoint"),
            ("MOTO_ORACLE", "oracle"),
            ("MOTO_REGION", "region"),
            ("MOTO_ACCESS_KEY", "access_key"),
            ("MOTO_SECRET_KEY", "secret_key"),
        ]
        .into_iter()
        .map(|(var, key)| (var, self.str(key).to_owned()))
        .collect()
    }
}
