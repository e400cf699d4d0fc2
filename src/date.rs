//! ISO 8601 dates as bundles use them: `2025-03-05` or an RFC 3339 date-time
//! such as `2025-03-05T14:30:00Z` / `2025-03-05T14:30+07:00`.
//!
//! A small hand-written parser: the widget needs validation, ordering and the
//! calendar date for display, not a time-zone database.

use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsoDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Time of day, if the value was a date-time.
    pub time: Option<Time>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes; `None` for a local time without offset.
    pub offset_minutes: Option<i16>,
}

impl IsoDate {
    /// Parses a date or date-time; the error says what is wrong in words an
    /// editor can act on.
    pub fn parse(text: &str) -> Result<IsoDate, String> {
        let bytes = text.as_bytes();
        let bad =
            || format!("\"{text}\" is not an ISO 8601 date (expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])");
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let year = digits(&bytes[0..4]).ok_or_else(bad)? as i32;
        let month = digits(&bytes[5..7]).ok_or_else(bad)? as u8;
        let day = digits(&bytes[8..10]).ok_or_else(bad)? as u8;
        if !(1..=12).contains(&month) {
            return Err(format!("\"{text}\": month {month} does not exist"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("\"{text}\": day {day} does not exist in that month"));
        }
        let rest = &bytes[10..];
        if rest.is_empty() {
            return Ok(IsoDate { year, month, day, time: None });
        }
        if rest[0] != b'T' && rest[0] != b't' && rest[0] != b' ' {
            return Err(bad());
        }
        let time = parse_time(&rest[1..]).ok_or_else(bad)?;
        if time.hour > 23 || time.minute > 59 || time.second > 60 {
            return Err(format!("\"{text}\": time of day is out of range"));
        }
        Ok(IsoDate { year, month, day, time: Some(time) })
    }

    /// Days since 1970-01-01 (negative before); the date's time is ignored.
    pub fn day_number(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) - 719_468
    }

    /// The date `days` after 1970-01-01 (the inverse of [`IsoDate::day_number`]).
    pub fn from_day_number(days: i64) -> IsoDate {
        // The inverse of days_from_civil (Howard Hinnant's civil calendar algorithms).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        IsoDate { year, month, day, time: None }
    }

    /// Day of the week, 0 for Monday to 6 for Sunday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.day_number() + 3).rem_euclid(7) as u8
    }

    /// A number that orders dates chronologically (minutes since year 0, UTC
    /// where an offset is known). A plain date sorts at the start of its day.
    pub fn sort_key(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let minutes = match self.time {
            Some(t) => t.hour as i64 * 60 + t.minute as i64 - t.offset_minutes.unwrap_or(0) as i64,
            None => 0,
        };
        days * 1440 + minutes
    }
}

impl PartialOrd for IsoDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IsoDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
            match t.offset_minutes {
                Some(0) => write!(f, "Z")?,
                Some(m) => {
                    let sign = if m < 0 { '-' } else { '+' };
                    write!(f, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)?
                }
                None => {}
            }
        }
        Ok(())
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + (b - b'0') as u32))
}

fn parse_time(b: &[u8]) -> Option<Time> {
    // hh:mm
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hour = digits(&b[0..2])? as u8;
    let minute = digits(&b[3..5])? as u8;
    let mut rest = &b[5..];
    let mut second = 0;
    if rest.first() == Some(&b':') {
        if rest.len() < 3 {
            return None;
        }
        second = digits(&rest[1..3])? as u8;
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let frac = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                return None;
            }
            rest = &rest[1 + frac..];
        }
    }
    let offset_minutes = match rest {
        [] => None,
        [b'Z'] | [b'z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = digits(&[*h1, *h2])? as i16;
            let m = digits(&[*m1, *m2])? as i16;
            if h > 23 || m > 59 {
                return None;
            }
            Some(if *sign == b'-' { -(h * 60 + m) } else { h * 60 + m })
        }
        _ => return None,
    };
    Some(Time { hour, minute, second, offset_minutes })
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 0000-03-01 (proleptic Gregorian); only differences matter.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates() {
        let d = IsoDate::parse("2025-03-05").unwrap();
        assert_eq!((d.year, d.month, d.day, d.time), (2025, 3, 5, None));
        assert_eq!(d.to_string(), "2025-03-05");
        assert!(IsoDate::parse("2024-02-29").is_ok());
        assert!(IsoDate::parse("2025-02-29").unwrap_err().contains("day 29"));
        assert!(IsoDate::parse("2025-13-01").unwrap_err().contains("month 13"));
        for bad in ["", "2025", "2025-3-5", "05/03/2025", "March 5", "2025-03-05x", "２０２５-03-05"] {
            assert!(IsoDate::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn date_times() {
        let d = IsoDate::parse("2025-03-05T14:30:00Z").unwrap();
        assert_eq!(d.to_string(), "2025-03-05T14:30:00Z");
        let d = IsoDate::parse("2025-03-05T14:30+07:00").unwrap();
        assert_eq!(d.time.unwrap().offset_minutes, Some(420));
        assert!(IsoDate::parse("2025-03-05T14:30:00.123-05:00").is_ok());
        assert!(IsoDate::parse("2025-03-05T24:00").is_err());
        assert!(IsoDate::parse("2025-03-05T14").is_err());
        assert!(IsoDate::parse("2025-03-05T14:30+7").is_err());
    }

    #[test]
    fn ordering_is_chronological_across_offsets() {
        let a = IsoDate::parse("2025-03-05T08:00+07:00").unwrap(); // 01:00Z
        let b = IsoDate::parse("2025-03-05T02:00Z").unwrap();
        let c = IsoDate::parse("2025-03-06").unwrap();
        let z = IsoDate::parse("2024-12-31").unwrap();
        assert!(z < a && a < b && b < c);
    }
}
