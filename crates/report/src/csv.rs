//! The CSV files beside the HTML page: one table per file, a header row, quoting by the
//! [`csv`](::csv) crate (RFC 4180, only where needed), seconds with three decimals.

use std::fmt::Display;

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
fn table<const N: usize>(
    header: Option<[&str; N]>,
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut out = ::csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing into memory cannot fail, and the cells are `String`s, so UTF-8.
    if let Some(header) = header {
        out.write_record(header).expect("writing to memory");
    }
    for row in rows {
        out.write_record(&row).expect("writing to memory");
    }
    let bytes = out.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the cells are text")
}

/// A cell.
fn c(v: impl Display) -> String {
    v.to_string()
}

/// Milliseconds written as seconds with three decimals, exactly and without floats.
fn millis(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

fn secs(s: f64) -> String {
    format!("{s:.3}")
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}")).unwrap_or_default()
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
            c(&e.id),
            c(e.title.as_deref().unwrap_or("")),
            c(e.visits),
            secs(e.dwell.median),
            secs(e.dwell.q1),
            secs(e.dwell.q3),
            secs(e.active.median),
            secs(e.active.q1),
            secs(e.active.q3),
            opt(e.needs_s, 1),
            opt(e.holding_power, 3),
            c(e.scene_count),
            c(e.diligent),
            opt(ratio(e.diligent, e.visits), 3),
            c(e.completed),
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
                c(&e.id),
                c(&s.id),
                c(s.title.as_deref().unwrap_or("")),
                c(&s.kind),
                c(i + 1),
                c(s.visits),
                opt(ratio(s.visits, e.visits), 3),
                secs(s.dwell.median),
                secs(s.dwell.q1),
                secs(s.dwell.q3),
                secs(s.active.median),
                secs(s.active.q1),
                secs(s.active.q3),
                opt(s.needs_s, 1),
                c(s.interactions),
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
            c(&q.exhibit),
            c(&q.scene),
            c(&q.question),
            c(q.responses),
            format!("{:.3}", q.p_correct),
            opt(q.discrimination, 3),
            c(q.discrimination_n),
            flags.join("; "),
            c(q.prompt.as_deref().unwrap_or("")),
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
                c(&q.exhibit),
                c(&q.scene),
                c(&q.question),
                c(ch.index),
                c(ch.correct),
                c(ch.picked),
                format!("{:.3}", ratio(ch.picked, q.responses).unwrap_or(0.0)),
                c(ch.text.as_deref().unwrap_or("")),
            ]
        })
    });
    table(Some(header), rows)
}

fn daily(r: &Report) -> String {
    let rows = r.daily.iter().map(|(d, n)| [c(d), c(n)]);
    table(Some(["date", "visits"]), rows)
}

fn hourly(r: &Report) -> String {
    let rows = r.hour_of_week.iter().enumerate().flat_map(|(d, hours)| {
        hours
            .iter()
            .enumerate()
            .map(move |(h, n)| [c(crate::stats::WEEKDAYS[d]), c(h), c(n)])
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
            c(&k.id),
            k.first.map(c).unwrap_or_default(),
            k.last.map(c).unwrap_or_default(),
            c(k.events),
            c(k.sessions),
            c(k.starts),
            c(k.unclean_restarts),
            format!("{:.2}", k.uptime_h),
            c(k.errors),
            c(k.dropped),
            k.versions.join(" "),
        ]
    });
    table(Some(header), rows)
}

fn controls(r: &Report) -> String {
    let rows = r
        .controls
        .iter()
        .map(|u| [c(&u.exhibit), c(&u.scene), c(&u.control), c(u.uses)]);
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

fn session_row(data: &Dataset, s: &Session) -> [String; 13] {
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
    let langs: Vec<&str> = s.langs.iter().map(|l| names.name(*l)).collect();
    let (reason, duration, active) = match s.end {
        Some(e) => (
            c(names.name(e.reason)),
            millis(e.duration_ms),
            millis(e.duration_ms.saturating_sub(e.idle_ms)),
        ),
        None => Default::default(),
    };
    [
        c(names.name(s.kiosk)),
        c(&s.id),
        c(s.began()),
        c(s.lang.map_or("", |l| names.name(l))),
        c(s.input.map_or("", |i| names.name(i))),
        langs.join(" "),
        reason,
        duration,
        active,
        c(exhibits),
        c(s.scenes.iter().filter(|sc| sc.enters > 0).count()),
        c(answers),
        c(right),
    ]
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn cells_are_quoted_when_needed_and_read_back() {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", ""];
        let text = table(Some(["a", "b", "c", "d", "e"]), [cells.map(String::from)]);
        assert_eq!(
            text,
            "a,b,c,d,e\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n"
        );
        let mut back = ::csv::Reader::from_reader(text.as_bytes());
        let row = back.records().next().unwrap().unwrap();
        assert_eq!(row.iter().collect::<Vec<_>>(), cells);
    }
}
