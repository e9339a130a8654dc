//! Which failures are retried, and how long to wait before the next attempt.

use std::time::Duration;

use crate::config::retry::RetryConfig;
use crate::error::ErrorMeta;

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
pub enum RetryKind {
    /// The service asked us to slow down.
    Throttling,
    /// The service or the network failed in a way that may pass.
    Transient,
    /// Retrying would fail the same way.
    No,
}

/// Classifies an error response; `server_fault` is set for errors the model
/// marks as the service's fault.
pub fn classify(meta: &ErrorMeta, server_fault: bool) -> RetryKind {
    let code = meta.code().unwrap_or_default();
    if meta.status() == 429 || THROTTLING_CODES.contains(&code) {
        RetryKind::Throttling
    } else if matches!(meta.status(), 500 | 502 | 503 | 504)
        || server_fault
        || TRANSIENT_CODES.contains(&code)
    {
        RetryKind::Transient
    } else {
        RetryKind::No
    }
}

/// The longest `Retry-After` the client waits for; a longer hint is cut to this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A `Retry-After` header in seconds (the HTTP-date form is ignored), at most
/// [`MAX_RETRY_AFTER`].
pub fn retry_after(value: Option<&str>) -> Option<Duration> {
    let seconds: f64 = value?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0)
        .then(|| Duration::from_secs_f64(seconds.min(MAX_RETRY_AFTER.as_secs_f64())))
}

/// The wait before attempt `attempt + 1` (`attempt` counts from 1): the
/// server's `Retry-After` hint if it gave one, else exponential backoff with
/// full jitter up to the configured maximum.
pub fn backoff(config: &RetryConfig, attempt: u32, hint: Option<Duration>) -> Duration {
    match hint {
        Some(hint) => hint,
        None => ceiling(config, attempt).mul_f64(fastrand::f64()),
    }
}

/// The longest wait after attempt `attempt`: the initial backoff doubled for
/// each attempt after the first, capped at the configured maximum.
fn ceiling(config: &RetryConfig, attempt: u32) -> Duration {
    let exponent = attempt.saturating_sub(1).min(30);
    config
        .initial_backoff()
        .saturating_mul(1u32 << exponent)
        .min(config.max_backoff())
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
        for code in THROTTLING_CODES {
            assert_eq!(
                classify(&meta(400, Some(code)), false),
                RetryKind::Throttling,
                "{code}"
            );
        }
        for code in TRANSIENT_CODES {
            assert_eq!(
                classify(&meta(400, Some(code)), false),
                RetryKind::Transient,
                "{code}"
            );
        }
        for status in [500, 502, 503, 504] {
            assert_eq!(classify(&meta(status, None), false), RetryKind::Transient);
        }
        assert_eq!(
            classify(&meta(400, Some("ServiceException")), true),
            RetryKind::Transient
        );
        for status in [400, 403, 404, 409, 413, 501] {
            assert_eq!(classify(&meta(status, Some("X")), false), RetryKind::No);
        }
        assert_eq!(
            classify(&meta(400, Some("throttlingexception")), false),
            RetryKind::No
        );
    }

    #[test]
    fn the_ceiling_doubles_per_attempt_up_to_the_maximum() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_secs(1));
        let ceilings: Vec<u128> = (1..=7).map(|a| ceiling(&config, a).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1000, 1000, 1000]);
        assert_eq!(ceiling(&config, 0), Duration::from_millis(100));
        assert_eq!(
            ceiling(&config, u32::MAX),
            Duration::from_secs(1),
            "no overflow"
        );
    }

    #[test]
    fn waits_are_spread_over_the_whole_jitter_range() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_secs(1));
        for attempt in 1..=6 {
            let ceiling = ceiling(&config, attempt);
            let waits: Vec<Duration> = (0..2000).map(|_| backoff(&config, attempt, None)).collect();
            assert!(
                waits.iter().all(|w| *w <= ceiling),
                "attempt {attempt}: beyond {ceiling:?}"
            );
            // Full jitter is uniform on [0, ceiling]: the mean is half the ceiling
            // (this band is more than ten standard deviations wide), and the
            // draws reach both ends of the range.
            let mean = waits.iter().sum::<Duration>().as_secs_f64() / waits.len() as f64;
            let ratio = mean / ceiling.as_secs_f64();
            assert!(
                (0.4..0.6).contains(&ratio),
                "attempt {attempt}: mean {ratio} of the ceiling"
            );
            assert!(
                waits.iter().any(|w| *w < ceiling / 10),
                "attempt {attempt}: never short"
            );
            assert!(
                waits.iter().any(|w| *w > ceiling * 9 / 10),
                "attempt {attempt}: never long"
            );
        }
    }

    #[test]
    fn a_retry_after_hint_replaces_the_backoff() {
        let config = RetryConfig::standard().with_max_backoff(Duration::from_secs(1));
        assert_eq!(
            backoff(&config, 1, Some(Duration::from_millis(300))),
            Duration::from_millis(300)
        );
        assert_eq!(
            backoff(&config, 5, Some(Duration::from_secs(30))),
            Duration::from_secs(30)
        );
        assert_eq!(backoff(&config, 5, Some(Duration::ZERO)), Duration::ZERO);
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
