//! The error every call returns: [`SdkError`], generic over the operation's
//! own error enum.

use std::fmt;
use std::time::Duration;

pub use crate::build_error::BuildError;
use crate::credentials::CredentialsError;
use crate::transport::ConnectorError;

/// What the service said about a failed request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMeta {
    /// The error code, its namespace and URL parts removed.
    pub code: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The HTTP status.
    pub status: u16,
    /// The request ID (`x-amzn-RequestId`).
    pub request_id: Option<String>,
    /// The modeled error's shape name, where it differs from the code: a
    /// service that moved from awsQuery keeps its old codes, while the
    /// response still names the shape.
    pub shape: Option<String>,
}

impl ErrorMeta {
    /// The error code (`ResourceNotFoundException`), if the service sent one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message, if the service sent one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The name of the modeled error the response is: the shape name if
    /// the response gives one apart from the code, else the code.
    pub fn shape_name(&self) -> Option<&str> {
        self.shape.as_deref().or(self.code.as_deref())
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request ID (`x-amzn-RequestId`), to quote to AWS support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unknown error"))?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request ID {id}")?;
        }
        f.write_str(")")
    }
}

/// An input member broke a constraint of the model; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The member, by its name in the model.
    pub member: String,
    /// The constraint trait (`@length`, `@range`, `@pattern`, `@required`).
    pub constraint: String,
    /// What is wrong with the value.
    pub problem: String,
}

impl ValidationError {
    /// An error of `member` breaking `constraint`.
    pub fn new(
        member: impl Into<String>,
        constraint: impl Into<String>,
        problem: impl Into<String>,
    ) -> Self {
        ValidationError {
            member: member.into(),
            constraint: constraint.into(),
            problem: problem.into(),
        }
    }

    /// The member at fault, by its wire name (`FunctionName`).
    pub fn member(&self) -> &str {
        &self.member
    }

    /// The constraint it breaks (`length 1 to 256`).
    pub fn constraint(&self) -> &str {
        &self.constraint
    }

    /// What is wrong with the value.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid `{}` ({}): {}",
            self.member, self.constraint, self.problem
        )
    }
}

impl std::error::Error for ValidationError {}

/// Which time limit was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Connecting to the endpoint.
    Connect,
    /// One attempt.
    Attempt,
    /// Reading the response of one attempt (the read timeout).
    Read,
    /// The whole call, retries included.
    Operation,
}

/// Any failure of a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The configuration cannot make a request (no region, a bad endpoint URL...).
    Construction(String),
    /// An input member breaks the model's constraints; nothing was sent.
    Validation(ValidationError),
    /// No credentials, or signing failed.
    Signing(String),
    /// The request did not get a response: connection refused or broken.
    Transport(ConnectorError),
    /// A time limit was reached.
    Timeout {
        /// Which limit.
        kind: TimeoutKind,
        /// The limit.
        after: Duration,
    },
    /// The response could not be understood (not JSON, wrong member types...).
    Response {
        /// What is wrong with it.
        message: String,
        /// The service's answer, as far as it could be read.
        meta: ErrorMeta,
    },
    /// The service answered with an error.
    Service {
        /// The operation's error, modeled or not.
        error: E,
        /// Code, message, status and request ID.
        meta: ErrorMeta,
    },
    /// A paginator stopped because the service sent the same marker twice,
    /// or the page limit was reached.
    Pagination(String),
}

impl<E> SdkError<E> {
    /// Status, code, message and request ID, when the service answered.
    pub fn meta(&self) -> Option<&ErrorMeta> {
        match self {
            SdkError::Service { meta, .. } | SdkError::Response { meta, .. } => Some(meta),
            _ => None,
        }
    }

    /// The HTTP status of the service's answer.
    pub fn status(&self) -> Option<u16> {
        self.meta().map(ErrorMeta::status)
    }

    /// The request ID of the service's answer.
    pub fn request_id(&self) -> Option<&str> {
        self.meta().and_then(ErrorMeta::request_id)
    }

    /// The operation's error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The operation's error, as the AWS SDK gives it: the service's answer,
    /// or for any other failure (a timeout, a connection error...) the
    /// error's `Unhandled` variant with the failure as its message.
    pub fn into_service_error(self) -> E
    where
        E: From<Unhandled> + fmt::Display,
    {
        match self {
            SdkError::Service { error, .. } => error,
            other => E::from(Unhandled {
                code: ProvideErrorMetadata::code(&other).map(str::to_owned),
                message: Some(other.to_string()),
            }),
        }
    }

    /// The error of a credentials provider that failed.
    pub fn signing(e: CredentialsError) -> Self {
        SdkError::Signing(DisplayErrorContext(&e).to_string())
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Construction(m) => write!(f, "cannot make the request: {m}"),
            SdkError::Validation(e) => write!(f, "{e}"),
            SdkError::Signing(m) => write!(f, "cannot sign the request: {m}"),
            SdkError::Transport(e) => write!(f, "{e}"),
            SdkError::Timeout { kind, after } => {
                let what = match kind {
                    TimeoutKind::Connect => "connecting",
                    TimeoutKind::Attempt => "the attempt",
                    TimeoutKind::Read => "reading the response",
                    TimeoutKind::Operation => "the operation",
                };
                write!(f, "{what} timed out after {after:?}")
            }
            SdkError::Response { message, meta } => {
                write!(f, "unreadable response: {message} ({meta})")
            }
            SdkError::Service { error, meta } => {
                write!(f, "{error} (HTTP {}", meta.status)?;
                if let Some(id) = &meta.request_id {
                    write!(f, ", request ID {id}")?;
                }
                f.write_str(")")
            }
            SdkError::Pagination(m) => write!(f, "pagination stopped: {m}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Validation(e) => Some(e),
            SdkError::Transport(e) => Some(e),
            SdkError::Service { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// An error the service sent that the model does not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhandled {
    /// The error code, if any.
    pub code: Option<String>,
    /// The message, if any.
    pub message: Option<String>,
}

impl Unhandled {
    /// The error code, if any.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unknown error"))?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Unhandled {}

/// The code and message of an error, under the names of the AWS SDK's trait.
/// Every call's [`SdkError`], every operation's error enum and every modeled
/// error implement it.
pub trait ProvideErrorMetadata {
    /// The error code the service sent.
    fn code(&self) -> Option<&str>;
    /// The message the service sent.
    fn message(&self) -> Option<&str>;
}

impl<E> ProvideErrorMetadata for SdkError<E> {
    fn code(&self) -> Option<&str> {
        self.meta().and_then(ErrorMeta::code)
    }

    fn message(&self) -> Option<&str> {
        self.meta().and_then(ErrorMeta::message)
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn code(&self) -> Option<&str> {
        Unhandled::code(self)
    }

    fn message(&self) -> Option<&str> {
        Unhandled::message(self)
    }
}

/// Displays an error followed by each of its sources, `: `-separated, as the
/// AWS SDK's type of this name does: `eprintln!("{}", DisplayErrorContext(&e))`.
pub struct DisplayErrorContext<E>(pub E);

impl<E: std::error::Error> fmt::Display for DisplayErrorContext<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl<E: std::error::Error> fmt::Debug for DisplayErrorContext<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod display_tests {
    use super::*;

    #[test]
    fn display_error_context_shows_the_sources() {
        let e: SdkError<Unhandled> = SdkError::Service {
            error: Unhandled {
                code: Some("Oops".into()),
                message: Some("it broke".into()),
            },
            meta: ErrorMeta::default(),
        };
        let shown = DisplayErrorContext(&e).to_string();
        assert!(shown.starts_with("Oops: it broke (HTTP"), "{shown}");
        assert!(shown.ends_with("): Oops: it broke"), "{shown}");
        assert_eq!(ProvideErrorMetadata::code(&e), None);
        let timeout: SdkError<Unhandled> = SdkError::Timeout {
            kind: TimeoutKind::Operation,
            after: Duration::from_secs(1),
        };
        let unhandled = timeout.into_service_error();
        assert_eq!(
            unhandled.message(),
            Some("the operation timed out after 1s")
        );
    }
}
