//! Opening hours: when the kiosk is open, when it next opens or closes, and which
//! exhibits a special day shows first. A pure function of the schedule and a moment in
//! the venue's time zone, so daylight-saving changes and dated exceptions are tested
//! without waiting for them.
//!
//! Times are written as the venue's wall clock (`"09:30"`). On a spring-forward day an
//! opening time inside the skipped hour opens when the clock would have shown it (02:30
//! becomes 03:30); on a fall-back day a time that happens twice counts the first time.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};

/// How many days ahead the next opening is looked for (a venue closed longer than this
/// shows "closed" without a reopening time).
pub const LOOK_AHEAD_DAYS: i32 = 60;

/// Opening hours as written in the kiosk config.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Schedule {
    /// IANA time zone of the venue, e.g. `"Asia/Shanghai"` (default: the computer's).
    pub time_zone: Option<String>,
    /// Regular opening hours (default: none, which means always open).
    pub weekly: Vec<WeeklyHours>,
    /// Dated exceptions: closed days, other hours, themed days (default: none).
    pub exceptions: Vec<Exception>,
}

/// Opening hours on some days of the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    /// The days, e.g. `[Tue, Wed, Thu, Fri]`.
    pub days: Vec<Day>,
    /// Opening time, `"HH:MM"`.
    pub open: String,
    /// Closing time, `"HH:MM"`; earlier than `open` means after midnight.
    pub close: String,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Monday,
            Day::Tue => Weekday::Tuesday,
            Day::Wed => Weekday::Wednesday,
            Day::Thu => Weekday::Thursday,
            Day::Fri => Weekday::Friday,
            Day::Sat => Weekday::Saturday,
            Day::Sun => Weekday::Sunday,
        }
    }
}

/// One dated exception.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The date, `"YYYY-MM-DD"`.
    pub date: String,
    /// Last date of a run of days, `"YYYY-MM-DD"` (default: just `date`).
    #[serde(default)]
    pub until: Option<String>,
    /// Closed all day (default false).
    #[serde(default)]
    pub closed: bool,
    /// Opening time that day (default: the weekly hours).
    #[serde(default)]
    pub open: Option<String>,
    /// Closing time that day (default: the weekly hours).
    #[serde(default)]
    pub close: Option<String>,
    /// Exhibits shown first on the hub that day, by id (default: the usual playlist).
    #[serde(default)]
    pub playlist: Vec<String>,
}

/// A problem in a schedule, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// Not a known IANA time zone.
    #[error("unknown time zone `{0}`")]
    TimeZone(String),
    /// Not `HH:MM`.
    #[error("`{0}` is not a time of day; write it as \"HH:MM\", e.g. \"09:30\"")]
    Time(String),
    /// Not `YYYY-MM-DD`.
    #[error("`{0}` is not a date; write it as \"YYYY-MM-DD\", e.g. \"2027-01-01\"")]
    Date(String),
    /// `open` without `close` or the reverse on an exception.
    #[error("an exception with `open` needs `close` too, and the reverse")]
    HalfHours,
    /// Opening and closing at the same time.
    #[error("opens and closes at the same time, {0}")]
    Empty(String),
    /// `until` before `date`.
    #[error("`until` {until} is before `date` {date}")]
    Backwards {
        /// The first date.
        date: String,
        /// The last date.
        until: String,
    },
}

/// Where in the schedule a problem is, for the config validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Where {
    /// `time_zone`.
    TimeZone,
    /// `weekly[i].field`.
    Weekly(usize, &'static str),
    /// `exceptions[i].field`.
    Exception(usize, &'static str),
}

/// Opening and closing on one day (closing may be on the next day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hours {
    open: Time,
    close: Time,
}

/// A schedule checked and ready to answer questions.
#[derive(Debug, Clone)]
pub struct Compiled {
    tz: TimeZone,
    /// Always open: no weekly hours were given.
    always: bool,
    weekly: Vec<(Weekday, Hours)>,
    exceptions: Vec<CompiledException>,
}

#[derive(Debug, Clone)]
struct CompiledException {
    from: Date,
    until: Date,
    closed: bool,
    hours: Option<Hours>,
    playlist: Vec<String>,
}

/// What the kiosk should be doing at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Open to visitors.
    Open {
        /// When it closes next (`None`: always open).
        closes_at: Option<Timestamp>,
        /// A themed day's exhibits to show first (empty: the usual playlist).
        playlist_first: Vec<String>,
    },
    /// Closed: the dim screen, almost no CPU.
    Closed {
        /// When it opens next (`None`: not within [`LOOK_AHEAD_DAYS`]).
        opens_at: Option<Timestamp>,
    },
}

fn time(s: &str) -> Result<Time, ScheduleError> {
    let bad = || ScheduleError::Time(s.to_owned());
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    // "24:00" closes at midnight.
    if (h, m) == (24, 0) {
        return Ok(Time::midnight());
    }
    Time::new(h, m, 0, 0).map_err(|_| bad())
}

fn date(s: &str) -> Result<Date, ScheduleError> {
    let bad = || ScheduleError::Date(s.to_owned());
    let mut parts = s.trim().split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let y: i16 = y.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    let d: i8 = d.parse().map_err(|_| bad())?;
    Date::new(y, m, d).map_err(|_| bad())
}

fn hours(open: &str, close: &str) -> Result<Hours, ScheduleError> {
    let whole_day = close.trim() == "24:00";
    let (open, close) = (time(open)?, time(close)?);
    // "00:00" to "24:00" is a whole day (closing at the next midnight), not an empty one.
    if open == close && !whole_day {
        return Err(ScheduleError::Empty(format!("{open}")));
    }
    Ok(Hours { open, close })
}

impl Schedule {
    /// Checks the schedule; every problem at once, each with where it is.
    pub fn compile(&self) -> Result<Compiled, Vec<(Where, ScheduleError)>> {
        let mut problems = Vec::new();
        let tz = match &self.time_zone {
            None => TimeZone::system(),
            Some(name) => TimeZone::get(name).unwrap_or_else(|_| {
                problems.push((Where::TimeZone, ScheduleError::TimeZone(name.clone())));
                TimeZone::UTC
            }),
        };
        let mut weekly = Vec::new();
        for (i, w) in self.weekly.iter().enumerate() {
            match hours(&w.open, &w.close) {
                Ok(h) => weekly.extend(w.days.iter().map(|d| (d.weekday(), h))),
                Err(e) => {
                    let field = if time(&w.open).is_err() {
                        "open"
                    } else {
                        "close"
                    };
                    problems.push((Where::Weekly(i, field), e));
                }
            }
        }
        let mut exceptions = Vec::new();
        for (i, x) in self.exceptions.iter().enumerate() {
            let from = date(&x.date).map_err(|e| problems.push((Where::Exception(i, "date"), e)));
            let until = match &x.until {
                None => from,
                Some(u) => date(u).map_err(|e| problems.push((Where::Exception(i, "until"), e))),
            };
            let hours = match (&x.open, &x.close) {
                (None, None) => Ok(None),
                (Some(o), Some(c)) => hours(o, c).map(Some).map_err(|e| {
                    let field = if time(o).is_err() { "open" } else { "close" };
                    problems.push((Where::Exception(i, field), e));
                }),
                _ => {
                    problems.push((Where::Exception(i, "open"), ScheduleError::HalfHours));
                    Err(())
                }
            };
            if let (Ok(from), Ok(until), Ok(hours)) = (from, until, hours) {
                if until < from {
                    problems.push((
                        Where::Exception(i, "until"),
                        ScheduleError::Backwards {
                            date: x.date.clone(),
                            until: x.until.clone().unwrap_or_default(),
                        },
                    ));
                    continue;
                }
                exceptions.push(CompiledException {
                    from,
                    until,
                    closed: x.closed,
                    hours,
                    playlist: x.playlist.clone(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Compiled {
            tz,
            always: self.weekly.is_empty(),
            weekly,
            exceptions,
        })
    }
}

impl Compiled {
    /// The venue's time zone.
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The exception covering `day` (the last one listed wins, so a later line can
    /// override a longer run).
    fn exception(&self, day: Date) -> Option<&CompiledException> {
        self.exceptions
            .iter()
            .rev()
            .find(|x| x.from <= day && day <= x.until)
    }

    /// The opening periods that start on `day`, as moments, with the day's playlist.
    fn periods(&self, day: Date) -> Vec<(Timestamp, Timestamp, &[String])> {
        let (hours, playlist): (Vec<Hours>, &[String]) = match self.exception(day) {
            Some(x) if x.closed => (Vec::new(), &[]),
            Some(x) => {
                let hours = match x.hours {
                    Some(h) => vec![h],
                    None => self.weekly_hours(day),
                };
                (hours, &x.playlist)
            }
            None => (self.weekly_hours(day), &[]),
        };
        hours
            .into_iter()
            .filter_map(|h| {
                let open = day.to_datetime(h.open).to_zoned(self.tz.clone()).ok()?;
                // Closing at or before opening means the next day (a late event).
                let close_day = if h.close <= h.open {
                    day.tomorrow().ok()?
                } else {
                    day
                };
                let close = close_day
                    .to_datetime(h.close)
                    .to_zoned(self.tz.clone())
                    .ok()?;
                Some((open.timestamp(), close.timestamp(), playlist))
            })
            .collect()
    }

    fn weekly_hours(&self, day: Date) -> Vec<Hours> {
        let wd = day.weekday();
        self.weekly
            .iter()
            .filter(|(d, _)| *d == wd)
            .map(|(_, h)| *h)
            .collect()
    }

    /// Open or closed at `now`, and until when.
    pub fn decide(&self, now: Timestamp) -> Decision {
        if self.always {
            // Exceptions still close an always-open kiosk on their days.
            let today = now.to_zoned(self.tz.clone()).date();
            match self.exception(today) {
                Some(x) if x.closed => {}
                Some(x) if x.hours.is_none() => {
                    return Decision::Open {
                        closes_at: None,
                        playlist_first: x.playlist.clone(),
                    };
                }
                Some(_) => return self.decide_by_periods(now),
                None => {
                    return Decision::Open {
                        closes_at: None,
                        playlist_first: Vec::new(),
                    };
                }
            }
            return Decision::Closed {
                opens_at: self.next_day_start(today),
            };
        }
        self.decide_by_periods(now)
    }

    /// The start of the first day after `day` that is not a closed exception (for an
    /// always-open kiosk closed for a day).
    fn next_day_start(&self, day: Date) -> Option<Timestamp> {
        let mut d = day;
        for _ in 0..LOOK_AHEAD_DAYS {
            d = d.tomorrow().ok()?;
            if !self.exception(d).is_some_and(|x| x.closed) {
                return d
                    .to_datetime(Time::midnight())
                    .to_zoned(self.tz.clone())
                    .ok()
                    .map(|z| z.timestamp());
            }
        }
        None
    }

    fn decide_by_periods(&self, now: Timestamp) -> Decision {
        let today = now.to_zoned(self.tz.clone()).date();
        // Yesterday's late opening may still be running.
        let mut day = today.yesterday().unwrap_or(today);
        let mut next_open: Option<Timestamp> = None;
        for _ in 0..=LOOK_AHEAD_DAYS + 1 {
            for (open, close, playlist) in self.periods(day) {
                if open <= now && now < close {
                    return Decision::Open {
                        closes_at: Some(close),
                        playlist_first: playlist.to_vec(),
                    };
                }
                if open > now && next_open.is_none_or(|n| open < n) {
                    next_open = Some(open);
                }
            }
            if next_open.is_some() && day > today {
                break;
            }
            match day.tomorrow() {
                Ok(d) => day = d,
                Err(_) => break,
            }
        }
        Decision::Closed {
            opens_at: next_open,
        }
    }

    /// [`Compiled::decide`] for a wall-clock time in the venue's zone (tests, and
    /// `kiosk status`).
    pub fn decide_local(&self, local: jiff::civil::DateTime) -> Decision {
        match local.to_zoned(self.tz.clone()) {
            Ok(z) => self.decide(z.timestamp()),
            Err(_) => self.decide(Timestamp::now()),
        }
    }

    /// A moment shown in the venue's zone, e.g. for the closed screen's "opens at".
    pub fn local(&self, t: Timestamp) -> Zoned {
        t.to_zoned(self.tz.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::datetime;

    fn schedule(tz: &str, text: &str) -> Compiled {
        let mut s: Schedule = crate::ron_errors::options().from_str(text).unwrap();
        s.time_zone = Some(tz.into());
        s.compile().unwrap()
    }

    const MUSEUM: &str = r#"(
        weekly: [
            (days: [Tue, Wed, Thu, Fri], open: "09:00", close: "17:00"),
            (days: [Sat, Sun], open: "09:00", close: "18:30"),
        ],
        exceptions: [
            (date: "2026-12-25", closed: true),
            (date: "2026-12-29", until: "2026-12-31", open: "10:00", close: "20:00",
             playlist: ["seasons", "water-cycle"]),
            (date: "2027-01-04", playlist: ["earthquake-drill"]),
        ],
    )"#;

    fn at(s: &Compiled, y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Decision {
        s.decide_local(datetime(y, mo, d, h, mi, 0, 0))
    }

    fn local(s: &Compiled, t: Timestamp) -> String {
        s.local(t).strftime("%Y-%m-%d %H:%M").to_string()
    }

    #[test]
    fn open_on_weekdays_closed_on_mondays_and_at_night() {
        let s = schedule("Asia/Shanghai", MUSEUM);
        // Tuesday 1 December 2026, 10:00: open until 17:00.
        let Decision::Open {
            closes_at: Some(c),
            playlist_first,
        } = at(&s, 2026, 12, 1, 10, 0)
        else {
            panic!()
        };
        assert_eq!(local(&s, c), "2026-12-01 17:00");
        assert!(playlist_first.is_empty());
        // 17:00 sharp is closed; it opens again at 09:00 the next morning.
        let Decision::Closed { opens_at: Some(o) } = at(&s, 2026, 12, 1, 17, 0) else {
            panic!()
        };
        assert_eq!(local(&s, o), "2026-12-02 09:00");
        // Monday is closed all day: Sunday evening's next opening is Tuesday.
        let Decision::Closed { opens_at: Some(o) } = at(&s, 2026, 12, 6, 19, 0) else {
            panic!()
        };
        assert_eq!(local(&s, o), "2026-12-08 09:00");
    }

    #[test]
    fn dated_exceptions_close_days_change_hours_and_theme_the_hub() {
        let s = schedule("Asia/Shanghai", MUSEUM);
        // Christmas Day is a Friday: closed; it opens Saturday 09:00.
        let Decision::Closed { opens_at: Some(o) } = at(&s, 2026, 12, 25, 11, 0) else {
            panic!()
        };
        assert_eq!(local(&s, o), "2026-12-26 09:00");
        // 29–31 December: 10:00 to 20:00, seasons and the water cycle first.
        assert!(matches!(
            at(&s, 2026, 12, 30, 9, 30),
            Decision::Closed { .. }
        ));
        let Decision::Open {
            closes_at: Some(c),
            playlist_first,
        } = at(&s, 2026, 12, 30, 19, 0)
        else {
            panic!()
        };
        assert_eq!(local(&s, c), "2026-12-30 20:00");
        assert_eq!(playlist_first, ["seasons", "water-cycle"]);
        // An exception with only a playlist keeps the weekly hours: Monday stays closed.
        assert!(matches!(at(&s, 2027, 1, 4, 12, 0), Decision::Closed { .. }));
    }

    #[test]
    fn daylight_saving_changes_keep_the_wall_clock_hours() {
        let s = schedule(
            "Europe/Berlin",
            r#"(weekly: [(days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun], open: "02:30", close: "17:00")])"#,
        );
        // Sunday 29 March 2026, clocks go from 02:00 to 03:00: 02:30 does not exist, so it
        // opens at 03:30, which is 01:30 UTC.
        let Decision::Closed { opens_at: Some(o) } = at(&s, 2026, 3, 29, 1, 0) else {
            panic!()
        };
        assert_eq!(local(&s, o), "2026-03-29 03:30");
        assert_eq!(o.to_string(), "2026-03-29T01:30:00Z");
        // The day before, it closes at 17:00 CET (16:00 UTC); the day after, 17:00 CEST
        // (15:00 UTC): the same wall clock, an hour apart in absolute time.
        let Decision::Open {
            closes_at: Some(c), ..
        } = at(&s, 2026, 3, 28, 12, 0)
        else {
            panic!()
        };
        assert_eq!(c.to_string(), "2026-03-28T16:00:00Z");
        let Decision::Open {
            closes_at: Some(c), ..
        } = at(&s, 2026, 3, 30, 12, 0)
        else {
            panic!()
        };
        assert_eq!(c.to_string(), "2026-03-30T15:00:00Z");
        // Sunday 25 October 2026, 03:00 back to 02:00: 02:30 happens twice; the kiosk
        // opens the first time (00:30 UTC).
        let Decision::Closed { opens_at: Some(o) } = at(&s, 2026, 10, 25, 0, 30) else {
            panic!()
        };
        assert_eq!(o.to_string(), "2026-10-25T00:30:00Z");
    }

    #[test]
    fn a_whole_day_runs_midnight_to_midnight() {
        let s = schedule(
            "Asia/Shanghai",
            r#"(weekly: [(days: [Sat], open: "00:00", close: "24:00")])"#,
        );
        let Decision::Open {
            closes_at: Some(c), ..
        } = at(&s, 2026, 12, 5, 23, 59)
        else {
            panic!()
        };
        assert_eq!(local(&s, c), "2026-12-06 00:00");
    }

    #[test]
    fn late_openings_run_past_midnight() {
        let s = schedule(
            "Asia/Shanghai",
            r#"(weekly: [(days: [Fri], open: "18:00", close: "01:00")])"#,
        );
        // Friday 4 December 2026 at 23:00 and Saturday at 00:30: open until 01:00.
        for (d, h, m) in [(4, 23, 0), (5, 0, 30)] {
            let Decision::Open {
                closes_at: Some(c), ..
            } = at(&s, 2026, 12, d, h, m)
            else {
                panic!("{d} {h}:{m}")
            };
            assert_eq!(local(&s, c), "2026-12-05 01:00");
        }
        assert!(matches!(at(&s, 2026, 12, 5, 1, 0), Decision::Closed { .. }));
    }

    #[test]
    fn no_weekly_hours_means_always_open_except_closed_days() {
        let s = schedule(
            "Asia/Shanghai",
            r#"(exceptions: [(date: "2027-02-17", closed: true)])"#,
        );
        assert_eq!(
            at(&s, 2027, 2, 16, 3, 0),
            Decision::Open {
                closes_at: None,
                playlist_first: Vec::new()
            }
        );
        let Decision::Closed { opens_at: Some(o) } = at(&s, 2027, 2, 17, 12, 0) else {
            panic!()
        };
        assert_eq!(local(&s, o), "2027-02-18 00:00");
    }

    #[test]
    fn every_problem_is_reported_with_where_it_is() {
        let s: Schedule = crate::ron_errors::options()
            .from_str(
                r#"(
                time_zone: "Asia/Shangai",
                weekly: [(days: [Mon], open: "9:00", close: "17:00"), (days: [Tue], open: "09:00", close: "09:00")],
                exceptions: [
                    (date: "2027-13-01", closed: true),
                    (date: "2027-01-05", until: "2027-01-01"),
                    (date: "2027-01-06", open: "10:00"),
                ],
            )"#,
            )
            .unwrap();
        let problems: Vec<Where> = s.compile().unwrap_err().into_iter().map(|p| p.0).collect();
        assert_eq!(
            problems,
            [
                Where::TimeZone,
                Where::Weekly(0, "open"),
                Where::Weekly(1, "close"),
                Where::Exception(0, "date"),
                Where::Exception(1, "until"),
                Where::Exception(2, "open"),
            ]
        );
    }
}
