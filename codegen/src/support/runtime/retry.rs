//! Which failures are retried, and how long to wait before the next attempt.

use std::time::Duration;

use super::config::RetryConfig;
use super::error::ErrorMeta;

/// Error codes the AWS SDKs treat as throttling.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Why a failed attempt may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryKind {
    /// The service asked us to slow down.
    Throttling,
    /// The service or the network failed in a way that may pass.
    Transient,
    /// Retrying would fail the same way.
    No,
}

/// Classifies an error response; `server_fault` is set for errors the model
/// marks as the service's fault.
pub(crate) fn classify(meta: &ErrorMeta, server_fault: bool) -> RetryKind {
    let code = meta.code().unwrap_or_default();
    if meta.status() == 429 || THROTTLING_CODES.contains(&code) {
        RetryKind::Throttling
    } else if matches!(meta.status(), 500 | 502 | 503 | 504) || server_fault || TRANSIENT_CODES.contains(&code) {
        RetryKind::Transient
    } else {
        RetryKind::No
    }
}

/// The longest `Retry-After` the client waits for; a longer hint is cut to this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A `Retry-After` header in seconds (the HTTP-date form is ignored), at most
/// [`MAX_RETRY_AFTER`].
pub(crate) fn retry_after(value: Option<&str>) -> Option<Duration> {
    let seconds: f64 = value?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0)
        .then(|| Duration::from_secs_f64(seconds.min(MAX_RETRY_AFTER.as_secs_f64())))
}

/// The wait before attempt `attempt + 1` (`attempt` counts from 1): the
/// server's `Retry-After` hint if it gave one, else exponential backoff with
/// full jitter up to the configured maximum.
pub(crate) fn backoff(config: &RetryConfig, attempt: u32, hint: Option<Duration>) -> Duration {
    if let Some(hint) = hint {
        return hint;
    }
    let exponent = attempt.saturating_sub(1).min(30);
    let ceiling = config
        .initial_backoff()
        .saturating_mul(1u32 << exponent)
        .min(config.max_backoff());
    ceiling.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(status: u16, code: Option<&str>) -> ErrorMeta {
        ErrorMeta {
            status,
            code: code.map(str::to_owned),
            ..ErrorMeta::default()
        }
    }

    #[test]
    fn classification() {
        assert_eq!(classify(&meta(429, None), false), RetryKind::Throttling);
        assert_eq!(classify(&meta(400, Some("ThrottlingException")), false), RetryKind::Throttling);
        for status in [500, 502, 503, 504] {
            assert_eq!(classify(&meta(status, None), false), RetryKind::Transient);
        }
        assert_eq!(classify(&meta(400, Some("ServiceException")), true), RetryKind::Transient);
        for status in [400, 403, 404, 409, 413] {
            assert_eq!(classify(&meta(status, Some("X")), false), RetryKind::No);
        }
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_secs(1));
        for attempt in 1..40 {
            let wait = backoff(&config, attempt, None);
            let ceiling = Duration::from_millis(100 * (1u64 << (attempt - 1).min(10))).min(Duration::from_secs(1));
            assert!(wait <= ceiling, "attempt {attempt}: {wait:?} > {ceiling:?}");
        }
        assert_eq!(backoff(&config, 1, Some(Duration::from_millis(300))), Duration::from_millis(300));
        assert_eq!(backoff(&config, 1, Some(Duration::from_secs(30))), Duration::from_secs(30));
    }

    #[test]
    fn retry_after_values() {
        assert_eq!(retry_after(Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(Some("0.5")), Some(Duration::from_millis(500)));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(Some("-1")), None);
        assert_eq!(retry_after(Some("86400")), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after(None), None);
    }
}
