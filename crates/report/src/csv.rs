//! The CSV files beside the HTML page: one table per file, a header row, RFC 4180
//! quoting, seconds with three decimals.

use std::borrow::Cow;
use std::fmt::Write as _;

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

/// Quotes a field when it needs it.
pub fn field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// Milliseconds written as seconds with three decimals, exactly and without floats.
struct Millis(u64);

impl std::fmt::Display for Millis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{:03}", self.0 / 1000, self.0 % 1000)
    }
}

fn secs(s: f64) -> String {
    format!("{s:.3}")
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}")).unwrap_or_default()
}

fn exhibits(r: &Report) -> String {
    let mut out = String::from(
        "exhibit,title,visits,median_dwell_s,q1_dwell_s,q3_dwell_s,median_active_s,q1_active_s,q3_active_s,needs_s,holding_power,scenes,diligent_visits,diligent_share,completed_visits\n",
    );
    for e in &r.exhibits {
        let share = if e.visits == 0 {
            None
        } else {
            Some(e.diligent as f64 / e.visits as f64)
        };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            field(&e.id),
            field(e.title.as_deref().unwrap_or("")),
            e.visits,
            secs(e.dwell.median),
            secs(e.dwell.q1),
            secs(e.dwell.q3),
            secs(e.active.median),
            secs(e.active.q1),
            secs(e.active.q3),
            opt(e.needs_s, 1),
            opt(e.holding_power, 3),
            e.scene_count,
            e.diligent,
            opt(share, 3),
            e.completed,
        );
    }
    out
}

fn scenes(r: &Report) -> String {
    let mut out = String::from(
        "exhibit,scene,title,kind,position,visits,reach_share,median_dwell_s,q1_dwell_s,q3_dwell_s,median_active_s,q1_active_s,q3_active_s,needs_s,interactions\n",
    );
    for e in &r.exhibits {
        for (i, s) in e.scenes.iter().enumerate() {
            let reach = if e.visits == 0 {
                None
            } else {
                Some(s.visits as f64 / e.visits as f64)
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                field(&e.id),
                field(&s.id),
                field(s.title.as_deref().unwrap_or("")),
                field(&s.kind),
                i + 1,
                s.visits,
                opt(reach, 3),
                secs(s.dwell.median),
                secs(s.dwell.q1),
                secs(s.dwell.q3),
                secs(s.active.median),
                secs(s.active.q1),
                secs(s.active.q3),
                opt(s.needs_s, 1),
                s.interactions,
            );
        }
    }
    out
}

fn quiz_items(r: &Report) -> String {
    let mut out = String::from(
        "exhibit,scene,question,responses,p_correct,discrimination,discrimination_n,flags,prompt\n",
    );
    for q in &r.quiz_items {
        let flags: Vec<&str> = q.flags.iter().map(|f| f.describe()).collect();
        let _ = writeln!(
            out,
            "{},{},{},{},{:.3},{},{},{},{}",
            field(&q.exhibit),
            field(&q.scene),
            field(&q.question),
            q.responses,
            q.p_correct,
            opt(q.discrimination, 3),
            q.discrimination_n,
            field(&flags.join("; ")),
            field(q.prompt.as_deref().unwrap_or("")),
        );
    }
    out
}

fn quiz_choices(r: &Report) -> String {
    let mut out = String::from("exhibit,scene,question,choice,correct,picked_first,share,text\n");
    for q in &r.quiz_items {
        for c in &q.choices {
            let share = if q.responses == 0 {
                0.0
            } else {
                c.picked as f64 / q.responses as f64
            };
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{:.3},{}",
                field(&q.exhibit),
                field(&q.scene),
                field(&q.question),
                c.index,
                c.correct,
                c.picked,
                share,
                field(c.text.as_deref().unwrap_or("")),
            );
        }
    }
    out
}

fn daily(r: &Report) -> String {
    let mut out = String::from("date,visits\n");
    for (d, n) in &r.daily {
        let _ = writeln!(out, "{d},{n}");
    }
    out
}

fn hourly(r: &Report) -> String {
    let mut out = String::from("weekday,hour,visits\n");
    for (d, hours) in r.hour_of_week.iter().enumerate() {
        for (h, n) in hours.iter().enumerate() {
            let _ = writeln!(out, "{},{h},{n}", crate::stats::WEEKDAYS[d]);
        }
    }
    out
}

fn kiosks(r: &Report) -> String {
    let mut out = String::from(
        "kiosk,first_event,last_event,events,visits,starts,unclean_restarts,uptime_h,errors,dropped_events,versions\n",
    );
    for k in &r.kiosks {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{:.2},{},{},{}",
            field(&k.id),
            k.first.map(|t| t.to_string()).unwrap_or_default(),
            k.last.map(|t| t.to_string()).unwrap_or_default(),
            k.events,
            k.sessions,
            k.starts,
            k.unclean_restarts,
            k.uptime_h,
            k.errors,
            k.dropped,
            field(&k.versions.join(" ")),
        );
    }
    out
}

fn controls(r: &Report) -> String {
    let mut out = String::from("exhibit,scene,control,uses\n");
    for c in &r.controls {
        let _ = writeln!(
            out,
            "{},{},{},{}",
            field(&c.exhibit),
            field(&c.scene),
            field(&c.control),
            c.uses
        );
    }
    out
}

/// One row per visit, from the sessions read (not from the figures).
pub fn sessions(data: &Dataset) -> String {
    let mut out = String::from(
        "kiosk,session,start,lang,input,languages,end_reason,duration_s,active_s,exhibits,scenes,answers,first_answers_correct\n",
    );
    // Half a million rows: each core formats its share.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = data.sessions.len().div_ceil(threads).max(1);
    let parts: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = data
            .sessions
            .chunks(share)
            .map(|chunk| scope.spawn(move || session_rows(data, chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("formatting rows panicked"))
            .collect()
    });
    for part in parts {
        out += &part;
    }
    out
}

fn session_rows(data: &Dataset, sessions: &[Session]) -> String {
    let names = &data.names;
    let mut out = String::with_capacity(sessions.len() * 110);
    for s in sessions {
        // A visit has a handful of scenes and answers: counting by looking back is
        // cheaper than collecting into sets, half a million times.
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
        let _ = write!(
            out,
            "{},{},{},{},{},",
            field(names.name(s.kiosk)),
            field(&s.id),
            s.began(),
            field(s.lang.map_or("", |l| names.name(l))),
            field(s.input.map_or("", |i| names.name(i))),
        );
        for (i, l) in s.langs.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out += &field(names.name(*l));
        }
        out.push(',');
        match s.end {
            Some(e) => {
                let _ = write!(
                    out,
                    "{},{},{}",
                    field(names.name(e.reason)),
                    Millis(e.duration_ms),
                    Millis(e.duration_ms.saturating_sub(e.idle_ms))
                );
            }
            None => out += ",,",
        }
        let _ = writeln!(
            out,
            ",{exhibits},{},{answers},{right}",
            s.scenes.iter().filter(|sc| sc.enters > 0).count(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(super::field("plain"), "plain");
        assert_eq!(super::field("a,b"), "\"a,b\"");
        assert_eq!(super::field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
