//! The CSV files beside the HTML page: one table per file, a header row, quoting by the
//! [`csv`](::csv) crate (RFC 4180, only where needed), seconds with three decimals.

use std::fmt::Display;

use usage_log::Timestamp;

use crate::analysis::Report;
use crate::dataset::{Dataset, Session};

/// File name and contents of every CSV file.
pub fn files(r: &Report) -> Vec<(&'static str, String)> {
    vec![
        ("exhibits.csv", exhibits(r)),
        ("scenes.csv", scenes(r)),
        ("quiz_items.csv", quiz_items(r)),
        ("quiz_choices.csv", quiz_choices(r)),
        ("daily.csv", daily(r)),
        ("hourly.csv", hourly(r)),
        ("kiosks.csv", kiosks(r)),
        ("controls.csv", controls(r)),
    ]
}

/// The one way a table is written: `header` (if any), then one record per row, each as
/// wide as the header.
fn table<'a, const N: usize>(
    header: Option<[&str; N]>,
    rows: impl IntoIterator<Item = [Cell<'a>; N]>,
) -> String {
    let rows = rows.into_iter();
    // About nine bytes a cell: sized once, the buffer is not copied as it grows.
    let guess = rows.size_hint().0 * N * 9;
    let mut out = ::csv::WriterBuilder::new().from_writer(Vec::with_capacity(guess));
    // Writing into memory cannot fail, and every cell is text, so the bytes are UTF-8.
    if let Some(header) = header {
        out.write_record(header).expect("writing to memory");
    }
    // One record and one number buffer for all rows: sessions.csv has half a million.
    let mut record = ::csv::ByteRecord::new();
    let mut number = String::new();
    for row in rows {
        record.clear();
        for cell in &row {
            record.push_field(cell.text(&mut number).as_bytes());
        }
        out.write_byte_record(&record).expect("writing to memory");
    }
    let bytes = out.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the cells are text")
}

/// A cell of a table.
enum Cell<'a> {
    /// Text as it is.
    Str(&'a str),
    /// Text made for this cell.
    String(String),
    /// A whole number.
    Int(u64),
    /// Milliseconds, written as seconds with three decimals, exactly and without floats.
    Millis(u64),
    /// A moment, RFC 3339 in UTC.
    Time(Timestamp),
    /// Nothing.
    Empty,
}

impl Cell<'_> {
    /// The cell's text, formatted in `buf` when it is a number.
    fn text<'s>(&'s self, buf: &'s mut String) -> &'s str {
        use std::fmt::Write as _;
        buf.clear();
        match self {
            Cell::Str(s) => s,
            Cell::String(s) => s,
            Cell::Int(n) => {
                let _ = write!(buf, "{n}");
                buf
            }
            Cell::Millis(ms) => {
                let _ = write!(buf, "{}.{:03}", ms / 1000, ms % 1000);
                buf
            }
            Cell::Time(t) => {
                let _ = write!(buf, "{t}");
                buf
            }
            Cell::Empty => "",
        }
    }
}

/// A cell of text made by `Display`.
fn c<'a>(v: impl Display) -> Cell<'a> {
    Cell::String(v.to_string())
}

/// A cell of text as it is.
fn t(v: &str) -> Cell<'_> {
    Cell::Str(v)
}

/// A cell of a whole number.
fn n<'a>(v: impl TryInto<u64>) -> Cell<'a> {
    Cell::Int(v.try_into().unwrap_or(u64::MAX))
}

fn secs<'a>(v: f64) -> Cell<'a> {
    Cell::String(format!("{v:.3}"))
}

fn opt<'a>(v: Option<f64>, digits: usize) -> Cell<'a> {
    v.map_or(Cell::Empty, |v| Cell::String(format!("{v:.digits$}")))
}

fn ratio(n: u64, of: u64) -> Option<f64> {
    (of != 0).then(|| n as f64 / of as f64)
}

fn exhibits(r: &Report) -> String {
    let header = [
        "exhibit",
        "title",
        "visits",
        "median_dwell_s",
        "q1_dwell_s",
        "q3_dwell_s",
        "median_active_s",
        "q1_active_s",
        "q3_active_s",
        "needs_s",
        "holding_power",
        "scenes",
        "diligent_visits",
        "diligent_share",
        "completed_visits",
    ];
    let rows = r.exhibits.iter().map(|e| {
        [
            t(&e.id),
            t(e.title.as_deref().unwrap_or("")),
            n(e.visits),
            secs(e.dwell.median),
            secs(e.dwell.q1),
            secs(e.dwell.q3),
            secs(e.active.median),
            secs(e.active.q1),
            secs(e.active.q3),
            opt(e.needs_s, 1),
            opt(e.holding_power, 3),
            n(e.scene_count),
            n(e.diligent),
            opt(ratio(e.diligent, e.visits), 3),
            n(e.completed),
        ]
    });
    table(Some(header), rows)
}

fn scenes(r: &Report) -> String {
    let header = [
        "exhibit",
        "scene",
        "title",
        "kind",
        "position",
        "visits",
        "reach_share",
        "median_dwell_s",
        "q1_dwell_s",
        "q3_dwell_s",
        "median_active_s",
        "q1_active_s",
        "q3_active_s",
        "needs_s",
        "interactions",
    ];
    let rows = r.exhibits.iter().flat_map(|e| {
        e.scenes.iter().enumerate().map(move |(i, s)| {
            [
                t(&e.id),
                t(&s.id),
                t(s.title.as_deref().unwrap_or("")),
                t(&s.kind),
                n(i + 1),
                n(s.visits),
                opt(ratio(s.visits, e.visits), 3),
                secs(s.dwell.median),
                secs(s.dwell.q1),
                secs(s.dwell.q3),
                secs(s.active.median),
                secs(s.active.q1),
                secs(s.active.q3),
                opt(s.needs_s, 1),
                n(s.interactions),
            ]
        })
    });
    table(Some(header), rows)
}

fn quiz_items(r: &Report) -> String {
    let header = [
        "exhibit",
        "scene",
        "question",
        "responses",
        "p_correct",
        "discrimination",
        "discrimination_n",
        "flags",
        "prompt",
    ];
    let rows = r.quiz_items.iter().map(|q| {
        let flags: Vec<&str> = q.flags.iter().map(|f| f.describe()).collect();
        [
            t(&q.exhibit),
            t(&q.scene),
            t(&q.question),
            n(q.responses),
            Cell::String(format!("{:.3}", q.p_correct)),
            opt(q.discrimination, 3),
            n(q.discrimination_n),
            Cell::String(flags.join("; ")),
            t(q.prompt.as_deref().unwrap_or("")),
        ]
    });
    table(Some(header), rows)
}

fn quiz_choices(r: &Report) -> String {
    let header = [
        "exhibit",
        "scene",
        "question",
        "choice",
        "correct",
        "picked_first",
        "share",
        "text",
    ];
    let rows = r.quiz_items.iter().flat_map(|q| {
        q.choices.iter().map(move |ch| {
            [
                t(&q.exhibit),
                t(&q.scene),
                t(&q.question),
                n(ch.index),
                c(ch.correct),
                n(ch.picked),
                Cell::String(format!(
                    "{:.3}",
                    ratio(ch.picked, q.responses).unwrap_or(0.0)
                )),
                t(ch.text.as_deref().unwrap_or("")),
            ]
        })
    });
    table(Some(header), rows)
}

fn daily(r: &Report) -> String {
    let rows = r.daily.iter().map(|(d, visits)| [c(d), n(*visits)]);
    table(Some(["date", "visits"]), rows)
}

fn hourly(r: &Report) -> String {
    let rows = r.hour_of_week.iter().enumerate().flat_map(|(d, hours)| {
        hours
            .iter()
            .enumerate()
            .map(move |(h, visits)| [t(crate::stats::WEEKDAYS[d]), n(h), n(*visits)])
    });
    table(Some(["weekday", "hour", "visits"]), rows)
}

fn kiosks(r: &Report) -> String {
    let header = [
        "kiosk",
        "first_event",
        "last_event",
        "events",
        "visits",
        "starts",
        "unclean_restarts",
        "uptime_h",
        "errors",
        "dropped_events",
        "versions",
    ];
    let rows = r.kiosks.iter().map(|k| {
        [
            t(&k.id),
            k.first.map_or(Cell::Empty, c),
            k.last.map_or(Cell::Empty, c),
            n(k.events),
            n(k.sessions),
            n(k.starts),
            n(k.unclean_restarts),
            Cell::String(format!("{:.2}", k.uptime_h)),
            n(k.errors),
            n(k.dropped),
            Cell::String(k.versions.join(" ")),
        ]
    });
    table(Some(header), rows)
}

fn controls(r: &Report) -> String {
    let rows = r
        .controls
        .iter()
        .map(|u| [t(&u.exhibit), t(&u.scene), t(&u.control), n(u.uses)]);
    table(Some(["exhibit", "scene", "control", "uses"]), rows)
}

/// The columns of `sessions.csv`.
const SESSION_COLUMNS: [&str; 13] = [
    "kiosk",
    "session",
    "start",
    "lang",
    "input",
    "languages",
    "end_reason",
    "duration_s",
    "active_s",
    "exhibits",
    "scenes",
    "answers",
    "first_answers_correct",
];

/// One row per visit, from the sessions read (not from the figures).
pub fn sessions(data: &Dataset) -> String {
    // Half a million rows: each core formats its share.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = data.sessions.len().div_ceil(threads).max(1);
    let parts: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = data
            .sessions
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || table(None, chunk.iter().map(|s| session_row(data, s))))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("formatting rows panicked"))
            .collect()
    });
    let mut out = table(Some(SESSION_COLUMNS), []);
    for part in parts {
        out += &part;
    }
    out
}

fn session_row<'d>(data: &'d Dataset, s: &'d Session) -> [Cell<'d>; 13] {
    let names = &data.names;
    // A visit has a handful of scenes and answers: counting by looking back is cheaper
    // than collecting into sets, half a million times.
    let exhibits = (0..s.scenes.len())
        .filter(|&i| {
            !s.scenes[..i]
                .iter()
                .any(|p| p.exhibit == s.scenes[i].exhibit)
        })
        .count();
    let (mut answers, mut right) = (0, 0);
    for (i, a) in s.answers.iter().enumerate() {
        let first = !s.answers[..i]
            .iter()
            .any(|p| (p.exhibit, p.scene, p.question) == (a.exhibit, a.scene, a.question));
        if first {
            answers += 1;
            right += a.correct as usize;
        }
    }
    let langs = match &s.langs[..] {
        [] => Cell::Empty,
        [one] => Cell::Str(names.name(*one)),
        many => Cell::String(
            many.iter()
                .map(|l| names.name(*l))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    let (reason, duration, active) = match s.end {
        Some(e) => (
            Cell::Str(names.name(e.reason)),
            Cell::Millis(e.duration_ms),
            Cell::Millis(e.duration_ms.saturating_sub(e.idle_ms)),
        ),
        None => (Cell::Empty, Cell::Empty, Cell::Empty),
    };
    [
        Cell::Str(names.name(s.kiosk)),
        Cell::Str(&s.id),
        Cell::Time(s.began()),
        Cell::Str(s.lang.map_or("", |l| names.name(l))),
        Cell::Str(s.input.map_or("", |i| names.name(i))),
        langs,
        reason,
        duration,
        active,
        n(exhibits),
        n(s.scenes.iter().filter(|sc| sc.enters > 0).count()),
        n(answers),
        n(right),
    ]
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn cells_are_quoted_when_needed_and_read_back() {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", ""];
        let text = table(Some(["a", "b", "c", "d", "e"]), [cells.map(super::t)]);
        assert_eq!(
            text,
            "a,b,c,d,e\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
        );
        let mut back = ::csv::Reader::from_reader(text.as_bytes());
        let row = back.records().next().unwrap().unwrap();
        assert_eq!(row.iter().collect::<Vec<_>>(), cells);
    }
}
