//! What the crate comparisons (`cbor`, `xml`) share: a checker program in
//! `xtask/bench/<name>` that prints a JSON report of each candidate on the
//! protocol suites' bodies and on hostile input, and a criterion benchmark
//! of their speed, turned into rows with the runtime's choice as "ours".

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use super::{bench_dir, cargo, criterion_mean, failed, ratio, row, run_criterion, target_dir, Row};
use crate::{root, Failure};

/// One comparison's report and where its benchmark ran.
pub(super) struct Comparison {
    /// How rows start (`CBOR crates`).
    label: &'static str,
    /// The candidates, the runtime's choice first.
    names: &'static [&'static str],
    report: Value,
    target: PathBuf,
    /// Whether the suites were there to read.
    has_suites: bool,
}

impl Comparison {
    /// Runs `bench-<name> report` on the suites of `../shared/smithy/ast/`
    /// that exist, then the criterion benchmark `name`.
    pub(super) fn run(
        name: &str,
        suites: &[&str],
        label: &'static str,
        names: &'static [&'static str],
    ) -> Result<Comparison, Failure> {
        let dir = bench_dir().join(name);
        let target = target_dir(name);
        let _ = std::fs::remove_file(dir.join("Cargo.lock"));
        let suites: Vec<PathBuf> = suites
            .iter()
            .map(|file| root().join("../shared/smithy/ast").join(file))
            .filter(|path| path.is_file())
            .collect();
        let bin = format!("bench-{name}");
        let output = Command::new(cargo())
            .args(["run", "--release", "--quiet", "--bin", &bin, "--", "report"])
            .args(&suites)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
        if !output.status.success() {
            return Err(failed(format!(
                "`{bin} report` failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        let report = serde_json::from_slice(&output.stdout)
            .map_err(|e| failed(format!("`{bin} report` printed no report: {e}")))?;
        run_criterion(&dir, name, &target)?;
        Ok(Comparison {
            label,
            names,
            report,
            target,
            has_suites: !suites.is_empty(),
        })
    }

    /// The report's value at `pointer`.
    pub(super) fn get(&self, pointer: &str) -> &Value {
        self.report.pointer(pointer).unwrap_or(&Value::Null)
    }

    /// `describe` of the runtime's choice, and of the others joined.
    fn columns(&self, describe: &dyn Fn(&str) -> String) -> (String, String) {
        let ours = format!("{}: {}", self.names[0], describe(self.names[0]));
        let others = self.names[1..]
            .iter()
            .map(|name| format!("{name}: {}", describe(name)))
            .collect::<Vec<_>>()
            .join("; ");
        (ours, others)
    }

    /// How many of the suites' bodies each candidate read.
    pub(super) fn suite_row(&self, what: &str) -> Row {
        let title = format!("{}: {what}", self.label);
        if !self.has_suites {
            return row(
                &title,
                "skipped: ../shared/smithy missing".to_owned(),
                "n/a".to_owned(),
                "n/a".to_owned(),
            );
        }
        let bodies = self.get("/suite/bodies").as_u64().unwrap_or(0);
        let read = |name: &str| {
            let read = self.report["suite"]["crates"][name]["decoded"]
                .as_u64()
                .unwrap_or(0);
            format!("{read} of {bodies}")
        };
        let (ours, others) = self.columns(&read);
        row(
            &format!(
                "{title}; {} of {bodies} read alike by all",
                self.get("/suite/agree")
            ),
            ours,
            others,
            "n/a".to_owned(),
        )
    }

    /// How each candidate met the hostile inputs.
    pub(super) fn hostile_row(&self, what: &str) -> Row {
        let hostile = |name: &str| {
            let h = &self.report["hostile"][name];
            let list = |key: &str| {
                let items: Vec<&str> = h[key]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if items.is_empty() {
                    "0".to_owned()
                } else {
                    format!("{} ({})", items.len(), items.join(", "))
                }
            };
            format!(
                "{} of {} refused, {} accepted, {} crashed",
                h["refused"],
                h["cases"],
                list("accepted"),
                list("crashed")
            )
        };
        let (ours, others) = self.columns(&hostile);
        row(
            &format!("{}: {what}", self.label),
            ours,
            others,
            "n/a".to_owned(),
        )
    }

    /// The mean time of the runtime's choice against each other candidate
    /// in criterion group `group`.
    pub(super) fn time_rows(&self, group: &str, what: &str) -> Result<Vec<Row>, Failure> {
        let ours = criterion_mean(&self.target, group, self.names[0])?;
        self.names[1..]
            .iter()
            .map(|name| {
                let theirs = criterion_mean(&self.target, group, name)?;
                Ok(row(
                    &format!("{}: {what}, mean time, against {name}", self.label),
                    format!("{:.1} µs", ours / 1e3),
                    format!("{:.1} µs", theirs / 1e3),
                    ratio(ours, theirs),
                ))
            })
            .collect()
    }
}
