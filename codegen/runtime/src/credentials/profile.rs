//! The shared `config` and `credentials` files (`~/.aws/config`,
//! `~/.aws/credentials`): their profiles, as the AWS SDKs read them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::env::Env;

/// One profile's properties, by lower-case name.
pub type Profile = BTreeMap<String, String>;

/// The profiles of both files, the credentials file's properties winning.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    /// The profile selected by `AWS_PROFILE` (or `default`).
    selected: String,
}

impl ProfileSet {
    /// The files `env` points at (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`,
    /// else `~/.aws/config` and `~/.aws/credentials`); a file that does not
    /// exist holds no profiles.
    pub fn load(env: &Env) -> Result<ProfileSet, ProfileError> {
        let home = env.home();
        let path = |var: &str, default: &str| {
            env.var(var)
                .map(|p| expand_home(&p, home.as_deref()))
                .or_else(|| home.as_ref().map(|h| h.join(".aws").join(default)))
        };
        let mut set = ProfileSet {
            profiles: BTreeMap::new(),
            selected: env
                .var("AWS_PROFILE")
                .unwrap_or_else(|| "default".to_owned()),
        };
        for (path, kind) in [
            (path("AWS_CONFIG_FILE", "config"), FileKind::Config),
            (
                path("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
                FileKind::Credentials,
            ),
        ] {
            let Some(path) = path else { continue };
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(ProfileError {
                        path,
                        line: 0,
                        problem: format!("cannot be read: {e}"),
                    })
                }
            };
            for (name, properties) in
                parse(&text, kind).map_err(|(line, problem)| ProfileError {
                    path: path.clone(),
                    line,
                    problem,
                })?
            {
                set.profiles.entry(name).or_default().extend(properties);
            }
        }
        Ok(set)
    }

    /// Profiles from the text of a config and a credentials file, for tests.
    pub fn from_texts(
        config: &str,
        credentials: &str,
        selected: &str,
    ) -> Result<ProfileSet, ProfileError> {
        let mut set = ProfileSet {
            profiles: BTreeMap::new(),
            selected: selected.to_owned(),
        };
        for (text, kind, name) in [
            (config, FileKind::Config, "config"),
            (credentials, FileKind::Credentials, "credentials"),
        ] {
            let parsed = parse(text, kind).map_err(|(line, problem)| ProfileError {
                path: PathBuf::from(name),
                line,
                problem,
            })?;
            for (name, properties) in parsed {
                set.profiles.entry(name).or_default().extend(properties);
            }
        }
        Ok(set)
    }

    /// The name of the selected profile.
    pub fn selected(&self) -> &str {
        &self.selected
    }

    /// A profile by name.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The selected profile, if the files define it.
    pub fn selected_profile(&self) -> Option<&Profile> {
        self.get(&self.selected)
    }
}

fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// A line of a profile file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file.
    pub path: PathBuf,
    /// The line, from 1 (0: the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(
                f,
                "the AWS profile file {} {}",
                self.path.display(),
                self.problem
            )
        } else {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.problem)
        }
    }
}

impl std::error::Error for ProfileError {}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    /// `[default]`, `[profile name]`; other sections (`[sso-session x]`, `[services x]`) are skipped.
    Config,
    /// `[name]`.
    Credentials,
}

/// The profiles of one file, or the line and problem of the first error.
fn parse(text: &str, kind: FileKind) -> Result<Vec<(String, Profile)>, (usize, String)> {
    let mut profiles: Vec<(String, Profile)> = Vec::new();
    // The section being read: `Some(index)` for a profile, `None` for a section skipped.
    let mut current: Option<Option<usize>> = None;
    let mut last_key: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('[') {
            // Anything after the closing `]` (a comment) is ignored.
            let Some((name, _)) = rest.split_once(']') else {
                return Err((
                    number,
                    format!("the section header {trimmed:?} has no closing `]`"),
                ));
            };
            let name = name.trim();
            let profile = match kind {
                FileKind::Credentials => Some(name.to_owned()),
                FileKind::Config if name == "default" => Some("default".to_owned()),
                FileKind::Config => name
                    .strip_prefix("profile")
                    .filter(|rest| rest.starts_with(char::is_whitespace))
                    .map(|rest| rest.trim().to_owned()),
            };
            current = Some(match profile {
                Some(name) if name.is_empty() => {
                    return Err((number, "a profile needs a name".to_owned()))
                }
                Some(name) => {
                    let index = match profiles.iter().position(|(n, _)| *n == name) {
                        Some(index) => index,
                        None => {
                            profiles.push((name, Profile::new()));
                            profiles.len() - 1
                        }
                    };
                    Some(index)
                }
                None => None,
            });
            last_key = None;
            continue;
        }
        let Some(section) = current else {
            return Err((number, "a property before any `[section]`".to_owned()));
        };
        if raw.starts_with(char::is_whitespace) {
            // A continuation of the previous property (or a sub-property).
            if last_key.is_none() {
                return Err((
                    number,
                    "an indented line that continues no property".to_owned(),
                ));
            }
            if let (Some(index), Some(key)) = (section, &last_key) {
                let value = profiles[index].1.entry(key.clone()).or_default();
                value.push('\n');
                value.push_str(trimmed);
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err((
                number,
                format!("expected `name = value`, found {trimmed:?}"),
            ));
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err((number, "a property needs a name before `=`".to_owned()));
        }
        if let Some(index) = section {
            profiles[index]
                .1
                .insert(key.clone(), strip_comment(value).trim().to_owned());
        }
        last_key = Some(key);
    }
    Ok(profiles)
}

/// Text before an inline comment: ` #` or ` ;` after whitespace.
fn strip_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'#' || b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_merge_and_credentials_win() {
        let config = "[default]\nregion = eu-west-1 # Ireland\n[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\ns3 =\n  max_concurrent_requests = 5\n[sso-session x]\nsso_region = us-east-1\n";
        let credentials = "; keys\n[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\nregion = us-east-2\n";
        let set = ProfileSet::from_texts(config, credentials, "dev").expect("parses");
        let default = set.get("default").expect("default");
        assert_eq!(default["region"], "us-east-2", "the credentials file wins");
        assert_eq!(default["aws_access_key_id"], "AKID");
        let dev = set.selected_profile().expect("dev");
        assert_eq!(dev["source_profile"], "default");
        assert_eq!(dev["s3"], "\nmax_concurrent_requests = 5");
        assert!(set.get("x").is_none() && set.get("sso-session x").is_none());
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = ProfileSet::from_texts("[default]\nregion = x\nnot a property\n", "", "default")
            .expect_err("broken");
        assert_eq!(
            e.to_string(),
            "config:3: expected `name = value`, found \"not a property\""
        );
        let e =
            ProfileSet::from_texts("", "aws_access_key_id = A\n", "default").expect_err("broken");
        assert_eq!(
            e.to_string(),
            "credentials:1: a property before any `[section]`"
        );
        let e = ProfileSet::from_texts("[default\n", "", "default").expect_err("broken");
        assert!(
            e.to_string().starts_with("config:1: the section header"),
            "{e}"
        );
    }

    #[test]
    fn a_profile_header_needs_the_profile_keyword_in_config() {
        let set = ProfileSet::from_texts(
            "[dev]\nregion = a\n[profile  spaced ] # note\nregion = b\n[default];x\nregion = c\n",
            "",
            "default",
        )
        .expect("parses");
        assert!(set.get("dev").is_none());
        assert_eq!(set.get("spaced").expect("spaced")["region"], "b");
        assert_eq!(set.get("default").expect("default")["region"], "c");
    }
}
