//! Step 6: the generated files, and writing them so that only files whose
//! contents changed are touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::format::{HEADER, TOML_HEADER};

/// Generated files by path relative to the crate root (`src/lib.rs`), sorted.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Files(BTreeMap<String, String>, Vec<(String, String)>);

/// What [`Files::write`] did, or in check mode would do.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written (check mode: files that differ or are missing).
    pub changed: Vec<PathBuf>,
    /// Generated files no longer produced, deleted (check mode: to be deleted).
    pub removed: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

impl WriteReport {
    /// Whether the folder already matched.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

impl Files {
    pub(crate) fn insert(&mut self, path: impl Into<String>, contents: String) {
        self.0.insert(path.into(), contents);
    }

    /// Operations left out because they need a feature the generator does
    /// not support, with the reason.
    pub fn skipped(&self) -> &[(String, String)] {
        &self.1
    }

    pub(crate) fn set_skipped(&mut self, skipped: Vec<(String, String)>) {
        self.1 = skipped;
    }

    /// The files, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }

    /// One file's contents.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.0.get(path).map(String::as_str)
    }

    /// Writes the files under `dir`, touching only those whose contents
    /// differ, and deletes files that carry the generated header but are no
    /// longer produced. With `check`, writes nothing and reports what would change.
    pub fn write(&self, dir: &Path, check: bool) -> Result<WriteReport> {
        let mut report = WriteReport::default();
        for (relative, contents) in &self.0 {
            let path = dir.join(relative);
            match std::fs::read(&path) {
                Ok(existing) if existing == contents.as_bytes() => report.unchanged += 1,
                _ => {
                    if !check {
                        if let Some(parent) = path.parent() {
                            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                                path: parent.to_owned(),
                                source,
                            })?;
                        }
                        std::fs::write(&path, contents).map_err(|source| Error::Write {
                            path: path.clone(),
                            source,
                        })?;
                    }
                    report.changed.push(path);
                }
            }
        }
        for path in self.leftovers(dir)? {
            if !check {
                std::fs::remove_file(&path).map_err(|source| Error::Write {
                    path: path.clone(),
                    source,
                })?;
            }
            report.removed.push(path);
        }
        Ok(report)
    }

    /// Files under `dir/src` that the generator wrote once but no longer produces.
    fn leftovers(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let mut folders = vec![dir.join("src")];
        while let Some(folder) = folders.pop() {
            let entries = match std::fs::read_dir(&folder) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => {
                    return Err(Error::Write {
                        path: folder,
                        source,
                    })
                }
            };
            for entry in entries {
                let path = entry
                    .map_err(|source| Error::Write {
                        path: folder.clone(),
                        source,
                    })?
                    .path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let relative = path
                    .strip_prefix(dir)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                if !self.0.contains_key(&relative) && is_generated(&path) {
                    found.push(path);
                }
            }
        }
        found.sort();
        Ok(found)
    }
}

/// Whether a file starts with one of the generator's headers.
fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .map(|text| text.starts_with(HEADER) || text.starts_with(TOML_HEADER))
        .unwrap_or(false)
}
