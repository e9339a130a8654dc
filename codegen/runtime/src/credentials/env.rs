//! What the credential and region chains read from the process: environment
//! variables and the home folder. Tests give them a map instead.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Environment variables, from the process or a fixed map. `Debug` shows
/// the names of fixed variables, never their values (they hold secrets).
#[derive(Clone, Default)]
pub struct Env {
    fixed: Option<Arc<BTreeMap<String, String>>>,
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.fixed {
            Some(map) => f.debug_set().entries(map.keys()).finish(),
            None => f.write_str("Env(process)"),
        }
    }
}

impl Env {
    /// The process's environment, read at each lookup.
    pub fn real() -> Env {
        Env { fixed: None }
    }

    /// These variables and no others.
    pub fn from_vars<I, K, V>(vars: I) -> Env
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let map = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Env {
            fixed: Some(Arc::new(map)),
        }
    }

    /// A variable's value, unless unset or blank.
    pub fn var(&self, name: &str) -> Option<String> {
        let value = match &self.fixed {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        };
        value.filter(|v| !v.trim().is_empty())
    }

    /// Whether a variable is `true` (in any case).
    pub fn flag(&self, name: &str) -> bool {
        self.var(name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    }

    /// The home folder: `HOME`, else `USERPROFILE`.
    pub fn home(&self) -> Option<PathBuf> {
        self.var("HOME")
            .or_else(|| self.var("USERPROFILE"))
            .map(PathBuf::from)
    }
}
