//! `DateTime`: a point in time as the service writes it in JSON bodies, epoch
//! seconds with an optional fraction.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time with microsecond precision or better, in UTC. The
/// default is the Unix epoch.
///
/// In JSON it is a number of seconds since the Unix epoch, with a fraction when
/// there is one (`1569284520.333`). It displays as RFC 3339
/// (`2019-09-24T00:22:00.333Z`) and converts to and from [`SystemTime`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

const NANOS_PER_SECOND: u32 = 1_000_000_000;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl DateTime {
    /// Whole seconds since the Unix epoch.
    pub const fn from_secs(seconds: i64) -> DateTime {
        DateTime { seconds, nanos: 0 }
    }

    /// Whole seconds since the Unix epoch and nanoseconds past them (`nanos`
    /// beyond a second carry into `seconds`).
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> DateTime {
        DateTime {
            seconds: seconds + (nanos / NANOS_PER_SECOND) as i64,
            nanos: nanos % NANOS_PER_SECOND,
        }
    }

    /// Seconds since the Unix epoch, with the fraction rounded to the nearest
    /// microsecond (the precision an `f64` holds for present-day times).
    /// `None` for NaN, infinities and values beyond the range of `i64` seconds.
    pub fn from_secs_f64(seconds: f64) -> Option<DateTime> {
        if !seconds.is_finite() || seconds.abs() >= 9.0e18 {
            return None;
        }
        let whole = seconds.floor();
        let micros = ((seconds - whole) * 1e6).round() as u32;
        let (seconds, micros) = if micros >= 1_000_000 {
            (whole as i64 + 1, 0)
        } else {
            (whole as i64, micros)
        };
        Some(DateTime {
            seconds,
            nanos: micros * 1000,
        })
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`secs`](Self::secs).
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Reads an RFC 3339 date-time (`2019-09-24T00:22:00.333Z`, or with an
    /// offset such as `+02:00` or `+0000`); `None` if it is not one.
    pub fn parse_rfc3339(text: &str) -> Option<DateTime> {
        let b = text.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Option<i64> {
            let digits = text.get(range)?;
            digits
                .bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| digits.parse().ok())?
        };
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
        if !(1..=12).contains(&month)
            || !(1..=31).contains(&day)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut rest = &text[19..];
        let mut nanos = 0u32;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let padded = format!("{:0<9}", &fraction[..digits.min(9)]);
            nanos = padded.parse().ok()?;
            rest = &fraction[digits..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes().first()? {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let digits = rest[1..].replace(':', "");
                if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let (h, m): (i64, i64) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
                sign * (h * 3600 + m * 60)
            }
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
        Some(DateTime { seconds, nanos })
    }

    /// Formats as an HTTP date (IMF-fixdate, `Tue, 24 Sep 2019 00:22:00 GMT`),
    /// with the fraction of a second only when there is one.
    pub fn to_http_date(&self) -> String {
        const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let days = self.seconds.div_euclid(86_400);
        let second_of_day = self.seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let weekday = WEEKDAYS[days.rem_euclid(7) as usize];
        let month = MONTHS[(month - 1) as usize];
        let (hour, minute, second) = (
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        );
        let fraction = match self.nanos {
            0 => String::new(),
            n => format!(".{:09}", n).trim_end_matches('0').to_owned(),
        };
        format!(
            "{weekday}, {day:02} {month} {year:04} {hour:02}:{minute:02}:{second:02}{fraction} GMT"
        )
    }

    /// Reads an HTTP date (IMF-fixdate, `Tue, 24 Sep 2019 00:22:00 GMT`, a
    /// fraction of a second allowed); `None` if it is not one.
    pub fn parse_http_date(text: &str) -> Option<DateTime> {
        let rest = text.trim().split_once(", ")?.1;
        let mut parts = rest.split(' ');
        let day: i64 = parts.next().filter(|d| d.len() == 2)?.parse().ok()?;
        let month = parts.next()?;
        let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
        let year: i64 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let time = parts.next()?;
        if parts.next() != Some("GMT") || parts.next().is_some() || !(1..=31).contains(&day) {
            return None;
        }
        let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
        let mut clock = clock
            .split(':')
            .map(|p| p.parse::<i64>().ok().filter(|_| p.len() == 2));
        let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
        if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let nanos = if fraction.is_empty() {
            0
        } else if fraction.bytes().all(|b| b.is_ascii_digit()) {
            format!("{:0<9}", &fraction[..fraction.len().min(9)])
                .parse()
                .ok()?
        } else {
            return None;
        };
        let seconds =
            days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
        Some(DateTime { seconds, nanos })
    }

    /// Seconds since the Unix epoch as decimal text, with the fraction only
    /// when there is one (`1576540098.52`).
    pub fn to_epoch_seconds(&self) -> String {
        match self.nanos {
            0 => self.seconds.to_string(),
            n => {
                let (seconds, fraction) = if self.seconds < 0 {
                    (self.seconds + 1, NANOS_PER_SECOND - n)
                } else {
                    (self.seconds, n)
                };
                let sign = if self.seconds < 0 && seconds == 0 {
                    "-"
                } else {
                    ""
                };
                let fraction = format!("{fraction:09}");
                format!("{sign}{seconds}.{}", fraction.trim_end_matches('0'))
            }
        }
    }

    /// Reads decimal epoch seconds (`1576540098.52`, `-1.5`); `None` if the
    /// text is not such a number.
    pub fn parse_epoch_seconds(text: &str) -> Option<DateTime> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((_, "")) => return None,
            Some(parts) => parts,
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let nanos: u32 = if fraction.is_empty() {
            0
        } else {
            format!("{:0<9}", &fraction[..fraction.len().min(9)])
                .parse()
                .ok()?
        };
        Some(match (negative, nanos) {
            (false, _) => DateTime {
                seconds: whole,
                nanos,
            },
            (true, 0) => DateTime {
                seconds: -whole,
                nanos: 0,
            },
            (true, n) => DateTime {
                seconds: -whole - 1,
                nanos: NANOS_PER_SECOND - n,
            },
        })
    }

    /// Seconds since the Unix epoch as a float.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SECOND)
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> DateTime {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => DateTime {
                seconds: i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                nanos: after.subsec_nanos(),
            },
            Err(before) => {
                let before = before.duration();
                let seconds = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                match before.subsec_nanos() {
                    0 => DateTime::from_secs(-seconds),
                    n => DateTime {
                        seconds: -seconds - 1,
                        nanos: NANOS_PER_SECOND - n,
                    },
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeOutOfRange;

    /// Fails only where the platform's `SystemTime` cannot hold the value.
    fn try_from(time: DateTime) -> Result<SystemTime, DateTimeOutOfRange> {
        let nanos = Duration::from_nanos(u64::from(time.nanos));
        let whole = Duration::from_secs(time.seconds.unsigned_abs());
        let result = if time.seconds >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        result
            .and_then(|t| t.checked_add(nanos))
            .ok_or(DateTimeOutOfRange(time))
    }
}

/// A [`DateTime`] that the platform's [`SystemTime`] cannot represent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTimeOutOfRange(pub DateTime);

impl fmt::Display for DateTimeOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is out of range for SystemTime", self.0)
    }
}

impl std::error::Error for DateTimeOutOfRange {}

impl fmt::Display for DateTime {
    /// RFC 3339 in UTC, with the fraction only when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.seconds.div_euclid(86_400);
        let second_of_day = self.seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )?;
        if self.nanos != 0 {
            let fraction = format!("{:09}", self.nanos);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

/// The proleptic Gregorian date of a day number counted from 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The wire forms of a timestamp (`@timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 (`2019-12-16T23:48:18.52Z`).
    DateTime,
    /// An HTTP date (`Mon, 16 Dec 2019 23:48:18.52 GMT`).
    HttpDate,
    /// Seconds since the Unix epoch (`1576540098.52`).
    EpochSeconds,
}

impl DateTime {
    /// The timestamp as text in `format`.
    pub fn format(&self, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::DateTime => self.to_string(),
            TimestampFormat::HttpDate => self.to_http_date(),
            TimestampFormat::EpochSeconds => self.to_epoch_seconds(),
        }
    }

    /// Reads text in `format`; `None` if it is not in that form.
    pub fn parse(text: &str, format: TimestampFormat) -> Option<DateTime> {
        match format {
            TimestampFormat::DateTime => DateTime::parse_rfc3339(text.trim()),
            TimestampFormat::HttpDate => DateTime::parse_http_date(text),
            TimestampFormat::EpochSeconds => DateTime::parse_epoch_seconds(text),
        }
    }
}

/// Serde adapters for members with a `@timestampFormat`, for
/// `#[serde(with = "...")]`: a timestamp, an `Option`, a list or a map of them.
pub mod format {
    use std::collections::HashMap;

    use super::{DateTime, TimestampFormat};

    /// What the adapters read and write.
    pub trait Timestamps: Sized {
        /// The value in JSON, in this format.
        fn to_json(&self, format: TimestampFormat) -> serde_json::Value;
        /// The value read from JSON in this format.
        fn from_json(value: serde_json::Value, format: TimestampFormat) -> Result<Self, String>;
    }

    impl Timestamps for DateTime {
        fn to_json(&self, format: TimestampFormat) -> serde_json::Value {
            match format {
                TimestampFormat::EpochSeconds => serde_json::to_value(self).unwrap_or_default(),
                other => serde_json::Value::String(self.format(other)),
            }
        }

        fn from_json(value: serde_json::Value, format: TimestampFormat) -> Result<Self, String> {
            match (&value, format) {
                (serde_json::Value::Number(n), TimestampFormat::EpochSeconds) => {
                    DateTime::parse_epoch_seconds(&n.to_string())
                        .or_else(|| n.as_f64().and_then(DateTime::from_secs_f64))
                }
                (serde_json::Value::String(s), f) if f != TimestampFormat::EpochSeconds => {
                    DateTime::parse(s, f)
                }
                _ => None,
            }
            .ok_or_else(|| format!("{value} is not a timestamp in the {format:?} format"))
        }
    }

    impl<T: Timestamps> Timestamps for Option<T> {
        fn to_json(&self, format: TimestampFormat) -> serde_json::Value {
            self.as_ref()
                .map_or(serde_json::Value::Null, |v| v.to_json(format))
        }

        fn from_json(value: serde_json::Value, format: TimestampFormat) -> Result<Self, String> {
            match value {
                serde_json::Value::Null => Ok(None),
                value => T::from_json(value, format).map(Some),
            }
        }
    }

    impl<T: Timestamps> Timestamps for Vec<T> {
        fn to_json(&self, format: TimestampFormat) -> serde_json::Value {
            serde_json::Value::Array(self.iter().map(|v| v.to_json(format)).collect())
        }

        fn from_json(value: serde_json::Value, format: TimestampFormat) -> Result<Self, String> {
            match value {
                serde_json::Value::Array(items) => {
                    items.into_iter().map(|v| T::from_json(v, format)).collect()
                }
                other => Err(format!("{other} is not a list of timestamps")),
            }
        }
    }

    impl<T: Timestamps> Timestamps for HashMap<String, T> {
        fn to_json(&self, format: TimestampFormat) -> serde_json::Value {
            serde_json::Value::Object(
                self.iter()
                    .map(|(k, v)| (k.clone(), v.to_json(format)))
                    .collect(),
            )
        }

        fn from_json(value: serde_json::Value, format: TimestampFormat) -> Result<Self, String> {
            match value {
                serde_json::Value::Object(map) => map
                    .into_iter()
                    .map(|(k, v)| Ok((k, T::from_json(v, format)?)))
                    .collect(),
                other => Err(format!("{other} is not a map of timestamps")),
            }
        }
    }

    fn serialize<T: Timestamps, S: serde::Serializer>(
        value: &T,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&value.to_json(format), serializer)
    }

    fn deserialize<'de, T: Timestamps, D: serde::Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<T, D::Error> {
        let value: serde_json::Value = serde::Deserialize::deserialize(deserializer)?;
        T::from_json(value, format).map_err(serde::de::Error::custom)
    }

    macro_rules! adapter {
        ($name:ident, $format:expr) => {
            /// Serde adapter for this format.
            pub mod $name {
                use super::Timestamps;

                /// Writes the value in this format.
                pub fn serialize<T: Timestamps, S: serde::Serializer>(
                    value: &T,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    super::serialize(value, $format, serializer)
                }

                /// Reads the value in this format.
                pub fn deserialize<'de, T: Timestamps, D: serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<T, D::Error> {
                    super::deserialize($format, deserializer)
                }
            }
        };
    }

    adapter!(date_time, super::TimestampFormat::DateTime);
    adapter!(http_date, super::TimestampFormat::HttpDate);
    adapter!(epoch_seconds, super::TimestampFormat::EpochSeconds);
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[cfg(feature = "cbor")]
        if !serializer.is_human_readable() {
            return crate::protocol::cbor::serialize_timestamp(
                self.seconds,
                self.nanos,
                serializer,
            );
        }
        if self.nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        #[cfg(feature = "cbor")]
        if !deserializer.is_human_readable() {
            let seconds = crate::protocol::cbor::deserialize_timestamp(deserializer)?;
            return DateTime::from_secs_f64(seconds).ok_or_else(|| {
                serde::de::Error::custom(format_args!("timestamp {seconds} is out of range"))
            });
        }
        // Through `serde_json::Value`, which reads numbers whether or not
        // serde_json's `arbitrary_precision` is on in the program.
        use serde::de::{Error as _, Unexpected, Visitor as _};
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => EpochSeconds.visit_str(&text),
            serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => EpochSeconds.visit_i64(i),
                (None, Some(u), _) => EpochSeconds.visit_u64(u),
                (None, None, Some(f)) => EpochSeconds.visit_f64(f),
                _ => Err(D::Error::custom(format_args!(
                    "timestamp {n} is out of range"
                ))),
            },
            serde_json::Value::Bool(b) => {
                Err(D::Error::invalid_type(Unexpected::Bool(b), &EpochSeconds))
            }
            serde_json::Value::Null => Err(D::Error::invalid_type(Unexpected::Unit, &EpochSeconds)),
            serde_json::Value::Array(_) => {
                Err(D::Error::invalid_type(Unexpected::Seq, &EpochSeconds))
            }
            serde_json::Value::Object(_) => {
                Err(D::Error::invalid_type(Unexpected::Map, &EpochSeconds))
            }
        }
    }
}

struct EpochSeconds;

impl serde::de::Visitor<'_> for EpochSeconds {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp in seconds since the Unix epoch, or an RFC 3339 date-time")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse_rfc3339(v)
            .ok_or_else(|| E::custom(format_args!("{v:?} is not an RFC 3339 date-time")))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom(format_args!("timestamp {v} is out of range")))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(v)
            .ok_or_else(|| E::custom(format_args!("timestamp {v} is out of range")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_strings_parse() {
        let t = DateTime::parse_rfc3339("2016-11-21T19:49:20.006Z").expect("valid");
        assert_eq!(t.to_string(), "2016-11-21T19:49:20.006Z");
        let offset = DateTime::parse_rfc3339("2016-11-21T21:49:20+02:00").expect("valid");
        assert_eq!(offset.to_string(), "2016-11-21T19:49:20Z");
        assert_eq!(
            DateTime::parse_rfc3339("2020-04-10T19:06:32.563+0000").map(|t| t.secs()),
            Some(1_586_545_592)
        );
        assert_eq!(
            DateTime::parse_rfc3339("1969-12-31T23:59:59Z").map(|t| t.secs()),
            Some(-1)
        );
        for bad in [
            "",
            "2016-11-21",
            "2016-13-01T00:00:00Z",
            "2016-11-21T19:49:20",
            "2016-11-21T19:49:20.Z",
            "２016-11-21T19:49:20Z",
        ] {
            assert_eq!(DateTime::parse_rfc3339(bad), None, "{bad}");
        }
        let parsed: DateTime =
            serde_json::from_str("\"2016-11-21T19:49:20Z\"").expect("a string parses");
        assert_eq!(parsed.secs(), 1_479_757_760);
    }

    #[test]
    fn epoch_seconds_text_round_trips() {
        let t = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        assert_eq!(t.to_epoch_seconds(), "1576540098.52");
        assert_eq!(DateTime::parse_epoch_seconds("1576540098.52"), Some(t));
        assert_eq!(DateTime::from_secs(5).to_epoch_seconds(), "5");
        let negative = DateTime::from_secs_and_nanos(-2, 500_000_000);
        assert_eq!(negative.to_epoch_seconds(), "-1.5");
        assert_eq!(DateTime::parse_epoch_seconds("-1.5"), Some(negative));
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 500_000_000).to_epoch_seconds(),
            "-0.5"
        );
        assert_eq!(
            DateTime::parse_epoch_seconds("-0.5"),
            Some(DateTime::from_secs_and_nanos(-1, 500_000_000))
        );
        for bad in ["", "1e9", "1.", "a", "--1"] {
            assert_eq!(DateTime::parse_epoch_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_read_and_write_their_own_form() {
        let t = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        for (format, text) in [
            (TimestampFormat::DateTime, "2019-12-16T23:48:18.52Z"),
            (
                TimestampFormat::HttpDate,
                "Mon, 16 Dec 2019 23:48:18.52 GMT",
            ),
            (TimestampFormat::EpochSeconds, "1576540098.52"),
        ] {
            assert_eq!(t.format(format), text);
            assert_eq!(DateTime::parse(text, format), Some(t));
        }
        use format::Timestamps;
        let json = Some(t).to_json(TimestampFormat::DateTime);
        assert_eq!(json, serde_json::json!("2019-12-16T23:48:18.52Z"));
        assert_eq!(
            Option::<DateTime>::from_json(json, TimestampFormat::DateTime),
            Ok(Some(t))
        );
        assert!(DateTime::from_json(serde_json::json!(1), TimestampFormat::DateTime).is_err());
    }

    #[test]
    fn http_dates_round_trip() {
        let t = DateTime::from_secs(1_569_284_520);
        assert_eq!(t.to_http_date(), "Tue, 24 Sep 2019 00:22:00 GMT");
        assert_eq!(
            DateTime::parse_http_date("Tue, 24 Sep 2019 00:22:00 GMT"),
            Some(t)
        );
        assert_eq!(
            DateTime::from_secs(0).to_http_date(),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
        assert_eq!(
            DateTime::from_secs(-1).to_http_date(),
            "Wed, 31 Dec 1969 23:59:59 GMT"
        );
        let fraction = DateTime::from_secs_and_nanos(1_576_540_098, 520_000_000);
        assert_eq!(fraction.to_http_date(), "Mon, 16 Dec 2019 23:48:18.52 GMT");
        assert_eq!(
            DateTime::parse_http_date("Mon, 16 Dec 2019 23:48:18.52 GMT"),
            Some(fraction)
        );
        for bad in [
            "",
            "Tue, 24 Sep 2019 00:22:00",
            "Tue, 24 Sept 2019 00:22:00 GMT",
            "Tue, 4 Sep 2019 00:22:00 GMT",
            "Tue, 24 Sep 2019 24:00:00 GMT",
            "2019-09-24T00:22:00Z",
        ] {
            assert_eq!(DateTime::parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn fraction_is_kept_to_the_microsecond() {
        let t = DateTime::from_secs_f64(1_569_284_520.333).expect("in range");
        assert_eq!((t.secs(), t.subsec_nanos()), (1_569_284_520, 333_000_000));
        assert_eq!(t.as_secs_f64(), 1_569_284_520.333);
        assert_eq!(t.to_string(), "2019-09-24T00:22:00.333Z");
    }

    #[test]
    fn negative_and_whole_values() {
        let t = DateTime::from_secs_f64(-1.5).expect("in range");
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
        assert_eq!(t.as_secs_f64(), -1.5);
        assert_eq!(DateTime::from_secs(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(
            DateTime::from_secs(951_782_400).to_string(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_secs_f64(0.9999999).map(|t| t.secs()),
            Some(1)
        );
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert_eq!(DateTime::from_secs_f64(f64::NAN), None);
        assert_eq!(DateTime::from_secs_f64(f64::INFINITY), None);
        assert_eq!(DateTime::from_secs_f64(1e19), None);
    }

    #[test]
    fn system_time_round_trip() {
        for t in [
            DateTime::from_secs(1_700_000_000),
            DateTime::from_secs_f64(-10.25).expect("in range"),
        ] {
            let system = SystemTime::try_from(t).expect("representable");
            assert_eq!(DateTime::from(system), t);
        }
    }
}
