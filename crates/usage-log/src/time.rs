//! UTC timestamps as the log writes them (`2026-11-28T10:15:30.123Z`) and the calendar
//! arithmetic the report needs (date, weekday, hour). Hand-written because the report
//! parses one timestamp per line, tens of millions of them: a fixed-layout parse is
//! several times faster than a general date library, and the civil-date conversion is
//! the standard days-from-civil algorithm (H. Hinnant), tested against known dates.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

const MS_PER_DAY: i64 = 86_400_000;

impl Timestamp {
    /// The system clock now.
    pub fn now() -> Self {
        let ms = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_millis() as i64,
            Err(e) => -(e.duration().as_millis() as i64),
        };
        Timestamp(ms)
    }

    /// Midnight UTC at the start of `date`.
    pub fn at_midnight(date: Date) -> Self {
        Timestamp(date.days_since_epoch() * MS_PER_DAY)
    }

    /// The UTC date, after shifting by `offset_minutes` (for local-time grouping).
    pub fn date(self, offset_minutes: i32) -> Date {
        let ms = self.0 + offset_minutes as i64 * 60_000;
        Date::from_days_since_epoch(ms.div_euclid(MS_PER_DAY))
    }

    /// Hour of the day 0–23, after shifting by `offset_minutes`.
    pub fn hour(self, offset_minutes: i32) -> u32 {
        let ms = self.0 + offset_minutes as i64 * 60_000;
        (ms.rem_euclid(MS_PER_DAY) / 3_600_000) as u32
    }

    /// Parses the log's layout: `YYYY-MM-DDTHH:MM:SS[.fff…]Z`. Also accepts a numeric
    /// offset (`+08:00`) instead of `Z`, so that hand-made files read too.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || (b[10] != b'T' && b[10] != b't' && b[10] != b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let year = digits(&b[0..4])? as i32;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let second = digits(&b[17..19])?;
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut i = 19;
        let mut millis = 0u32;
        if b[i] == b'.' {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - start < 3 {
                    millis = millis * 10 + (b[i] - b'0') as u32;
                }
                i += 1;
            }
            let n = i - start;
            if n == 0 {
                return None;
            }
            for _ in n..3 {
                millis *= 10;
            }
        }
        let offset_ms: i64 = match b.get(i..)? {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2])? as i64;
                let m = digits(&[*m1, *m2])? as i64;
                let v = (h * 60 + m) * 60_000;
                if *sign == b'+' { v } else { -v }
            }
            _ => return None,
        };
        let days = Date { year, month, day }.days_since_epoch();
        let ms = days * MS_PER_DAY
            + (hour as i64 * 3600 + minute as i64 * 60 + second as i64) * 1000
            + millis as i64
            - offset_ms;
        Some(Timestamp(ms))
    }
}

impl fmt::Display for Timestamp {
    /// `2026-11-28T10:15:30.123Z`: RFC 3339, UTC, milliseconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date(0);
        let ms_of_day = self.0.rem_euclid(MS_PER_DAY);
        let secs = ms_of_day / 1000;
        write!(
            f,
            "{date}T{:02}:{:02}:{:02}.{:03}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            ms_of_day % 1000
        )
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])? as i32;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// The next day.
    pub fn succ(self) -> Self {
        Date::from_days_since_epoch(self.days_since_epoch() + 1)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Parses a UTC offset such as `+08:00`, `-05:30` or `Z` into minutes.
pub fn parse_offset(s: &str) -> Option<i32> {
    if s == "Z" || s == "z" || s == "0" {
        return Some(0);
    }
    let b = s.as_bytes();
    let (sign, rest) = match b.first()? {
        b'+' => (1, &b[1..]),
        b'-' => (-1, &b[1..]),
        _ => return None,
    };
    let (h, m) = match rest {
        [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
        [h1, h2] => (digits(&[*h1, *h2])?, 0),
        [h1] => (digits(&[*h1])?, 0),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates_convert_both_ways() {
        let cases = [
            ("1970-01-01", 0, 3),
            ("2000-02-29", 11_016, 1),
            ("2026-11-28", 20_785, 5),
            ("1969-12-31", -1, 2),
            ("2100-03-01", 47_541, 0),
        ];
        for (text, days, weekday) in cases {
            let d = Date::parse(text).unwrap();
            assert_eq!(d.days_since_epoch(), days, "{text}");
            assert_eq!(Date::from_days_since_epoch(days), d, "{text}");
            assert_eq!(d.weekday(), weekday, "{text}");
            assert_eq!(d.to_string(), text);
        }
        for days in -800_000..800_000 {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn timestamps_round_trip_in_the_log_layout() {
        let t = Timestamp::parse("2026-11-28T10:15:30.123Z").unwrap();
        assert_eq!(t.0, 1_795_860_930_123);
        assert_eq!(t.to_string(), "2026-11-28T10:15:30.123Z");
        assert_eq!(
            Timestamp::parse("2026-11-28T10:15:30Z").unwrap().0,
            1_795_860_930_000
        );
        assert_eq!(
            Timestamp::parse("2026-11-28T10:15:30.1Z").unwrap().0,
            1_795_860_930_100
        );
        assert_eq!(Timestamp::parse("2026-11-28T18:15:30.123+08:00"), Some(t));
        assert_eq!(t.hour(0), 10);
        assert_eq!(t.hour(8 * 60), 18);
        assert_eq!(t.date(14 * 60).to_string(), "2026-11-29");
    }

    #[test]
    fn bad_timestamps_are_refused() {
        for bad in [
            "",
            "2026-11-28",
            "2026-13-28T10:15:30Z",
            "2026-02-30T10:15:30Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T10:15:30",
            "2026-11-28T10:15:30.Z",
            "2026-11-28T10:15:30.123Zjunk",
            "２026-11-28T10:15:30Z",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("+08:00"), Some(480));
        assert_eq!(parse_offset("-05:30"), Some(-330));
        assert_eq!(parse_offset("Z"), Some(0));
        assert_eq!(parse_offset("+8"), Some(480));
        assert_eq!(parse_offset("8"), None);
        assert_eq!(parse_offset("+15:00"), None);
    }
}
