//! The report page: one self-contained HTML file, charts as inline SVG, no script and
//! nothing fetched, so it opens from a USB stick on any computer. Each measure carries
//! a one-line explanation for a reader who is not a statistician.

use std::fmt::Write as _;

use super::analysis::{ExhibitRow, ItemRow, Report};
use super::stats::{Dist, WEEKDAYS};
use crate::time::Timestamp;

/// [`TIME_BINS`] labels short enough for a histogram's axis.
const SHORT_BINS: [&str; 8] = [
    "<10 s",
    "10–30 s",
    "½–1 min",
    "1–2 min",
    "2–5 min",
    "5–10 min",
    "10–20 min",
    "20+ min",
];
const ACCENT: &str = "#1f6fb2";
const MUTED: &str = "#9db8d3";
const WARN: &str = "#b3261e";

/// The whole page.
pub fn page(r: &Report, generated: Timestamp) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let period = r
        .period
        .map(|(a, b)| format!("{a} – {b}"))
        .unwrap_or_else(|| "no visits".into());
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Visitor engagement report · {period}</title>
<style>{CSS}</style></head><body>
<header><h1>Visitor engagement report</h1>
<p class="sub">{period} · {kiosks} kiosk{ks} · times in {tz} · made {generated}</p></header>
"#,
        kiosks = r.kiosks.len(),
        ks = if r.kiosks.len() == 1 { "" } else { "s" },
        tz = tz_name(r.utc_offset_minutes),
        generated = short_time(generated, r.utc_offset_minutes),
    );

    // Headline figures.
    let active_visits = r.session_active.n;
    h += r#"<section class="cards">"#;
    card(
        &mut h,
        &r.sessions.to_string(),
        "visits",
        "A visit starts when someone touches the attract screen and ends when they leave or the kiosk resets.",
    );
    card(
        &mut h,
        &mins(r.session_active.median),
        "median visit",
        "Half the visits were shorter than this, half longer, not counting the time the kiosk waited after the visitor walked away.",
    );
    card(
        &mut h,
        &r.exhibits
            .iter()
            .filter(|e| e.visits > 0)
            .count()
            .to_string(),
        "exhibits used",
        "Exhibits at least one visitor opened.",
    );
    let flagged = r.quiz_items.iter().filter(|q| !q.flags.is_empty()).count();
    card(
        &mut h,
        &flagged.to_string(),
        "questions to review",
        "Quiz questions flagged below: too easy, too hard, misleading, or answered worse by visitors who do well elsewhere.",
    );
    h += "</section>\n";

    // When.
    section(
        &mut h,
        "When visitors come",
        "Visits by the day they started, and by weekday and hour, to plan staffing and opening hours.",
    );
    h += "<h3>Visits per day</h3>";
    h += &day_bars(&r.daily);
    h += "<h3>Visits by weekday and hour</h3><p class=\"explain\">Darker squares are busier hours. Each square is one hour of one weekday, summed over the whole period.</p>";
    h += &heatmap(&r.hour_of_week);
    h += "</section>\n";

    // How long.
    section(
        &mut h,
        "How long visits last",
        "Visits that logged their end. The kiosk waits a while after the last touch before it resets; “without walk-away” removes that wait, so it is the time someone was really there.",
    );
    h += "<div class=\"two\">";
    let _ = write!(
        h,
        "<div><h3>As logged</h3>{}{}</div>",
        dist_line(&r.session_length),
        histogram(&r.session_length, MUTED)
    );
    let _ = write!(
        h,
        "<div><h3>Without walk-away</h3>{}{}</div>",
        dist_line(&r.session_active),
        histogram(&r.session_active, ACCENT)
    );
    h += "</div>";
    if !r.end_reasons.is_empty() {
        h += "<h3>How visits ended</h3><p class=\"explain\">idle: the visitor walked away and the kiosk reset itself; home: the visitor ended the visit; shutdown: the kiosk stopped during the visit.</p>";
        h += &hbars(
            &r.end_reasons
                .iter()
                .map(|(k, n)| (k.clone(), *n as f64, n.to_string()))
                .collect::<Vec<_>>(),
            ACCENT,
        );
    }
    let _ = writeln!(
        h,
        "<p class=\"explain\">{active_visits} of {} visits logged their end.</p></section>",
        r.sessions
    );

    // Exhibits.
    section(
        &mut h,
        "Exhibits",
        "Per exhibit: how many visits opened it and how long they stayed. Median: half stayed less, half more. Middle half: the range of the middle 50 % of visits.",
    );
    exhibits_table(&mut h, r);
    for e in &r.exhibits {
        exhibit_detail(&mut h, e);
    }
    h += "</section>\n";

    // Quiz.
    section(
        &mut h,
        "Quiz questions",
        "First answer right: share of visits whose first answer was right (later tries are learning, not knowledge). Discrimination: whether visitors who do well on the other questions also get this one right (above 0.2 good, below 0 suspicious). Questions need at least 10 answers to be flagged.",
    );
    quiz_table(&mut h, &r.quiz_items);
    h += "</section>\n";

    // Who.
    section(
        &mut h,
        "Languages and input devices",
        "The language and device each visit started with; below the languages, how many visits switched language on the way.",
    );
    h += "<div class=\"two\"><div><h3>Language</h3>";
    h += &hbars(
        &r.languages
            .iter()
            .map(|(k, n)| (k.clone(), *n as f64, share(*n, r.sessions)))
            .collect::<Vec<_>>(),
        ACCENT,
    );
    let _ = write!(
        h,
        "<p class=\"explain\">{} visits changed language during the visit.</p></div><div><h3>Input device</h3>",
        r.language_changes
    );
    h += &hbars(
        &r.inputs
            .iter()
            .map(|(k, n)| (k.clone(), *n as f64, share(*n, r.sessions)))
            .collect::<Vec<_>>(),
        ACCENT,
    );
    h += "</div></div></section>\n";

    if !r.controls.is_empty() {
        section(
            &mut h,
            "Controls used",
            "How often each slider, toggle or button of a demonstration or animation was used.",
        );
        h += "<table><tr><th>Exhibit</th><th>Scene</th><th>Control</th><th class=\"n\">Uses</th></tr>";
        for c in &r.controls {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&c.exhibit),
                esc(&c.scene),
                esc(&c.control),
                c.uses
            );
        }
        h += "</table></section>\n";
    }

    // Kiosks.
    section(
        &mut h,
        "Kiosks: uptime and errors",
        "Uptime: hours between each start of the kiosk program and its stop (or its last sign of life). Unclean restarts: starts after a crash or power cut. Dropped events: records the kiosk could not write (full or read-only disk).",
    );
    h += "<table><tr><th>Kiosk</th><th>First seen</th><th>Last seen</th><th class=\"n\">Visits</th><th class=\"n\">Uptime h</th><th class=\"n\">Starts</th><th class=\"n\">Unclean restarts</th><th class=\"n\">Errors</th><th class=\"n\">Dropped events</th></tr>";
    for k in &r.kiosks {
        let warn = |n: u64| {
            if n > 0 {
                " class=\"n warn\""
            } else {
                " class=\"n\""
            }
        };
        let _ = write!(
            h,
            "<tr><td class=\"nw\">{}</td><td class=\"nw\">{}</td><td class=\"nw\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{}</td><td{}>{}</td><td{}>{}</td><td{}>{}</td></tr>",
            esc(&k.id),
            k.first
                .map(|t| short_time(t, r.utc_offset_minutes))
                .unwrap_or_default(),
            k.last
                .map(|t| short_time(t, r.utc_offset_minutes))
                .unwrap_or_default(),
            k.sessions,
            k.uptime_h,
            k.starts,
            warn(k.unclean_restarts),
            k.unclean_restarts,
            warn(k.errors),
            k.errors,
            warn(k.dropped),
            k.dropped
        );
        if !k.top_errors.is_empty() {
            h += "<tr class=\"sub\"><td></td><td colspan=\"8\">Most frequent errors: ";
            let list: Vec<String> = k
                .top_errors
                .iter()
                .map(|(m, n)| format!("{} ×{n}", esc(m)))
                .collect();
            h += &list.join(" · ");
            h += "</td></tr>";
        }
    }
    h += "</table></section>\n";

    // Data.
    section(
        &mut h,
        "The data read",
        "Lines that could not be read are skipped and counted here; they never stop the report.",
    );
    let _ = write!(
        h,
        "<p>{} files, {:.1} MB, {} events counted{}.</p><table><tr><th>Skipped lines</th><th class=\"n\">Count</th></tr>",
        r.files,
        r.bytes as f64 / 1e6,
        r.events,
        if r.filtered_out > 0 {
            format!(", {} outside the dates or kiosks asked for", r.filtered_out)
        } else {
            String::new()
        }
    );
    for (why, n) in &r.skipped {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            why.describe()
        );
    }
    h += "</table>";
    if !r.has_content {
        h += "<p class=\"explain\">Run the report with <code>--exhibits FOLDER</code> to add titles, scene order, holding power and question texts.</p>";
    }
    h += "</section>\n</body></html>\n";
    h
}

const CSS: &str = "
body{font-family:system-ui,'Noto Sans CJK SC','Droid Sans Fallback',sans-serif;margin:0 auto;max-width:1100px;padding:0 24px 48px;color:#1b1b1b;background:#fff;line-height:1.45}
header{border-bottom:3px solid #1f6fb2;margin-bottom:16px}h1{margin:24px 0 4px}
.sub{color:#555;margin:0 0 12px}h2{margin:36px 0 4px;border-bottom:1px solid #ddd}h3{margin:18px 0 6px;font-size:1.05em}
.explain{color:#555;font-size:.92em;margin:2px 0 10px}
.cards{display:flex;gap:16px;flex-wrap:wrap}.card{flex:1 1 200px;border:1px solid #ddd;border-radius:8px;padding:12px 16px}
.card b{display:block;font-size:2em;color:#1f6fb2}.card span{font-weight:600}.card p{margin:4px 0 0;color:#555;font-size:.85em}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.93em}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f4f6f8}.nw{white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.warn{color:#b3261e;font-weight:600}
tr.sub td{color:#555;font-size:.9em;border-bottom:1px solid #ddd}
.flag{display:inline-block;background:#fde7e4;color:#8a1c14;border-radius:4px;padding:0 6px;margin:1px 2px;font-size:.85em}
.two{display:flex;gap:24px;flex-wrap:wrap}.two>div{flex:1 1 420px}
details{border:1px solid #ddd;border-radius:8px;padding:6px 12px;margin:8px 0}summary{cursor:pointer;font-weight:600}
svg text{font-family:inherit;font-size:12px;fill:#333}code{background:#f4f6f8;padding:0 4px}
@media print{details{break-inside:avoid}details>*{display:block}}
";

fn section(h: &mut String, title: &str, explain: &str) {
    let _ = write!(
        h,
        "<section><h2>{}</h2><p class=\"explain\">{}</p>",
        esc(title),
        esc(explain)
    );
}

fn card(h: &mut String, value: &str, label: &str, explain: &str) {
    let _ = write!(
        h,
        "<div class=\"card\"><b>{}</b><span>{}</span><p>{}</p></div>",
        esc(value),
        esc(label),
        esc(explain)
    );
}

fn exhibits_table(h: &mut String, r: &Report) {
    *h += "<table><tr><th>Exhibit</th><th class=\"n\">Visits</th><th class=\"n\">Median time</th><th class=\"n\">… without walk-away</th><th class=\"n\">Middle half</th><th class=\"n\">Holding power</th><th class=\"n\">Saw over half</th><th class=\"n\">Saw all</th></tr>";
    for e in &r.exhibits {
        let hp = match e.holding_power {
            Some(p) => format!("{:.0} %", p * 100.0),
            None => "–".into(),
        };
        // An exhibit nobody opened has no times: a dash, not "0 s".
        let time = |secs: f64| {
            if e.visits == 0 {
                "–".to_owned()
            } else {
                mins(secs)
            }
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n nw\">{} – {}</td><td class=\"n\">{hp}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            exhibit_name(e),
            e.visits,
            time(e.dwell.median),
            time(e.active.median),
            time(e.active.q1),
            time(e.active.q3),
            share(e.diligent, e.visits),
            share(e.completed, e.visits),
        );
    }
    *h += "</table><p class=\"explain\">Holding power: the median time without walk-away divided by the time the content needs (reading and watching at an ordinary pace); 100 % means a typical visitor took it all in. Saw over half: the share of visits that reached more than half of the exhibit's scenes (“diligent” visitors in museum studies).</p>";
}

fn exhibit_detail(h: &mut String, e: &ExhibitRow) {
    let _ = write!(
        h,
        "<details{}><summary>{} · {} visits</summary>",
        // Exhibits nobody opened stay folded: there is nothing to chart.
        if e.visits > 0 { " open" } else { "" },
        exhibit_name(e),
        e.visits
    );
    if !e.scene_count_known {
        *h += "<p class=\"explain\">Scene list as seen in the logs (give <code>--exhibits</code> for the real order).</p>";
    }
    *h += "<div class=\"two\"><div><h3>How far visits got</h3><p class=\"explain\">Share of the exhibit's visits that reached each scene, in order.</p>";
    let rows: Vec<(String, f64, String)> = e
        .scenes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let label = format!(
                "{}. {}",
                i + 1,
                s.title.clone().unwrap_or_else(|| s.id.clone())
            );
            (
                label,
                s.visits as f64,
                format!("{} · {}", s.visits, share(s.visits, e.visits)),
            )
        })
        .collect();
    *h += &hbars_scaled(&rows, ACCENT, e.visits as f64);
    *h += "</div><div><h3>Time in the exhibit, without walk-away</h3>";
    *h += &dist_line(&e.active);
    *h += &histogram(&e.active, ACCENT);
    *h += "</div></div><table><tr><th>Scene</th><th>Kind</th><th class=\"n\">Visits</th><th class=\"n\">Median time</th><th class=\"n\">… without walk-away</th><th class=\"n\">Middle half</th><th>Spread</th><th class=\"n\">Needs</th><th class=\"n\">Controls used</th></tr>";
    for s in &e.scenes {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n nw\">{} – {}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(s.title.as_deref().unwrap_or(&s.id)),
            esc(&s.kind),
            s.visits,
            mins(s.dwell.median),
            mins(s.active.median),
            mins(s.active.q1),
            mins(s.active.q3),
            sparkline(&s.active),
            s.needs_s.map(mins).unwrap_or_else(|| "–".into()),
            s.interactions
        );
    }
    *h += "</table><p class=\"explain\">Middle half and spread: time on the scene without walk-away; the spread shows how many visits fall in each time band, from under 10 s (left) to over 20 min (right).</p></details>";
}

fn quiz_table(h: &mut String, items: &[ItemRow]) {
    if items.is_empty() {
        *h += "<p>No quiz answers in these logs.</p>";
        return;
    }
    *h += "<table><tr><th>Question</th><th class=\"n\">Answers</th><th>First answer right</th><th class=\"n\">Discrimination</th><th>Choices picked first (✓ right)</th><th>Flags</th></tr>";
    for q in items {
        let bar = svg_meter(q.p_correct);
        let disc = q
            .discrimination
            .map(|d| format!("{d:.2}"))
            .unwrap_or_else(|| "–".into());
        let mut choices = String::new();
        for c in &q.choices {
            let label = c
                .text
                .clone()
                .unwrap_or_else(|| format!("choice {}", c.index + 1));
            let _ = write!(
                choices,
                "<div>{} {}: {}</div>",
                if c.correct { "✓" } else { "✗" },
                esc(&label),
                share(c.picked, q.responses)
            );
        }
        let flags: String = q
            .flags
            .iter()
            .map(|f| format!("<span class=\"flag\">{}</span>", f.describe()))
            .collect();
        let name = match &q.prompt {
            Some(p) => format!(
                "{}<div class=\"explain\">{} / {} / {}</div>",
                esc(p),
                esc(&q.exhibit),
                esc(&q.scene),
                esc(&q.question)
            ),
            None => format!(
                "{} / {} / {}",
                esc(&q.exhibit),
                esc(&q.scene),
                esc(&q.question)
            ),
        };
        let _ = write!(
            h,
            "<tr><td>{name}</td><td class=\"n\">{}</td><td class=\"nw\">{bar} {:.0} %</td><td class=\"n\">{disc}</td><td>{choices}</td><td>{flags}</td></tr>",
            q.responses,
            q.p_correct * 100.0
        );
    }
    *h += "</table>";
}

fn exhibit_name(e: &ExhibitRow) -> String {
    match &e.title {
        Some(t) => format!("{} <span class=\"explain\">({})</span>", esc(t), esc(&e.id)),
        None => esc(&e.id),
    }
}

/// Daily visits as columns.
fn day_bars(days: &[(crate::time::Date, u64)]) -> String {
    if days.is_empty() {
        return "<p>No visits.</p>".into();
    }
    let (w, hgt, left, bottom) = (1040.0, 200.0, 40.0, 24.0);
    let max = days.iter().map(|d| d.1).max().unwrap_or(1).max(1) as f64;
    let step = (w - left) / days.len() as f64;
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {}\" width=\"100%\" role=\"img\" aria-label=\"Visits per day\">",
        hgt + bottom
    );
    axis_y(&mut s, left, hgt, max);
    let label_every = (days.len() as f64 / 12.0).ceil().max(1.0) as usize;
    for (i, (d, n)) in days.iter().enumerate() {
        let bh = *n as f64 / max * (hgt - 10.0);
        let x = left + i as f64 * step;
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{d} {} ({n} visits)</title></rect>",
            x + step * 0.1,
            hgt - bh,
            (step * 0.8).max(1.0),
            if d.weekday() >= 5 { ACCENT } else { MUTED },
            WEEKDAYS[d.weekday() as usize]
        );
        if i % label_every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{}\">{}</text>",
                x,
                hgt + 16.0,
                &d.to_string()[5..]
            );
        }
    }
    s += "</svg><p class=\"explain\">Weekends in dark blue. Hover a column for its numbers.</p>";
    s
}

fn axis_y(s: &mut String, left: f64, hgt: f64, max: f64) {
    for frac in [0.0, 0.5, 1.0] {
        let y = hgt - frac * (hgt - 10.0);
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"100%\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e3e3e3\"/><text x=\"0\" y=\"{:.1}\">{}</text>",
            y + 4.0,
            (max * frac).round()
        );
    }
}

fn heatmap(grid: &[[u64; 24]; 7]) -> String {
    let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let (cell, left, top) = (40.0, 44.0, 18.0);
    let mut s = format!(
        "<svg viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" aria-label=\"Visits by weekday and hour\">",
        left + 24.0 * cell,
        top + 7.0 * cell * 0.7
    );
    for hr in (0..24).step_by(2) {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"12\">{hr:02}</text>",
            left + hr as f64 * cell + 8.0
        );
    }
    for (d, hours) in grid.iter().enumerate() {
        let y = top + d as f64 * cell * 0.7;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\">{}</text>",
            y + 18.0,
            WEEKDAYS[d]
        );
        for (hr, &n) in hours.iter().enumerate() {
            let a = if n == 0 {
                0.04
            } else {
                0.15 + 0.85 * n as f64 / max
            };
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{ACCENT}\" fill-opacity=\"{a:.2}\"><title>{} {hr:02}:00–{:02}:00: {n} visits</title></rect>",
                left + hr as f64 * cell,
                cell - 2.0,
                cell * 0.7 - 2.0,
                WEEKDAYS[d],
                (hr + 1) % 24
            );
        }
    }
    s += "</svg>";
    s
}

fn histogram(d: &Dist, colour: &str) -> String {
    let (w, hgt, bottom) = (560.0, 140.0, 22.0);
    let max = d.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = w / 8.0;
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {}\" width=\"100%\" role=\"img\" aria-label=\"Distribution of times\">",
        hgt + bottom
    );
    for (i, (&n, label)) in d.bins.iter().zip(SHORT_BINS).enumerate() {
        let bh = n as f64 / max * (hgt - 16.0);
        let x = i as f64 * step;
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{colour}\"><title>{label}: {n}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text><text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
            x + 4.0,
            hgt - bh,
            step - 8.0,
            x + step / 2.0,
            hgt - bh - 3.0,
            x + step / 2.0,
            hgt + 16.0
        );
    }
    s += "</svg>";
    s
}

fn hbars(rows: &[(String, f64, String)], colour: &str) -> String {
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max).max(1.0);
    hbars_scaled(rows, colour, max)
}

/// Horizontal bars: label, bar (value / `max`), figure.
fn hbars_scaled(rows: &[(String, f64, String)], colour: &str, max: f64) -> String {
    if rows.is_empty() {
        return "<p>None.</p>".into();
    }
    let (w, row, label_w) = (520.0, 26.0, 190.0);
    let bar_w = w - label_w - 110.0;
    let max = max.max(1.0);
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {}\" width=\"100%\" style=\"max-width:{w}px\" role=\"img\">",
        rows.len() as f64 * row
    );
    for (i, (label, v, text)) in rows.iter().enumerate() {
        let y = i as f64 * row;
        let bw = (v / max * bar_w).max(0.0);
        let short: String = label.chars().take(26).collect();
        let short = if short.len() < label.len() {
            format!("{short}…")
        } else {
            short
        };
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\"><title>{}</title>{}</text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"#f0f3f6\"/><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            y + 17.0,
            esc(label),
            esc(&short),
            y + 4.0,
            row - 8.0,
            y + 4.0,
            row - 8.0,
            label_w + bar_w + 6.0,
            y + 17.0,
            esc(text)
        );
    }
    s += "</svg>";
    s
}

/// A tiny histogram for a table cell: the same time bands as the big ones.
fn sparkline(d: &Dist) -> String {
    let max = d.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut s =
        String::from("<svg width=\"96\" height=\"22\" role=\"img\" aria-label=\"time bands\">");
    for (i, (&n, label)) in d.bins.iter().zip(SHORT_BINS).enumerate() {
        let bh = (n as f64 / max * 20.0).max(if n > 0 { 1.0 } else { 0.0 });
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{:.1}\" width=\"10\" height=\"{bh:.1}\" fill=\"{ACCENT}\"><title>{label}: {n}</title></rect>",
            i * 12,
            22.0 - bh
        );
    }
    s += "</svg>";
    s
}

fn svg_meter(p: f64) -> String {
    let colour = if !(0.3..=0.9).contains(&p) {
        WARN
    } else {
        ACCENT
    };
    format!(
        "<svg width=\"90\" height=\"12\" role=\"img\"><rect width=\"90\" height=\"12\" fill=\"#f0f3f6\"/><rect width=\"{:.1}\" height=\"12\" fill=\"{colour}\"/></svg>",
        p.clamp(0.0, 1.0) * 90.0
    )
}

fn dist_line(d: &Dist) -> String {
    if d.n == 0 {
        return "<p>No data.</p>".into();
    }
    format!(
        "<p>Median <b>{}</b> · middle half {} – {} · mean {} · {} visits</p>",
        mins(d.median),
        mins(d.q1),
        mins(d.q3),
        mins(d.mean),
        d.n
    )
}

/// Seconds for people: `45 s`, `3 min 20 s`, `1 h 5 min`.
pub fn mins(secs: f64) -> String {
    let s = secs.round() as i64;
    if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min {:02} s", s / 60, s % 60)
    } else {
        format!("{} h {:02} min", s / 3600, s / 60 % 60)
    }
}

fn share(n: u64, of: u64) -> String {
    if of == 0 {
        "–".into()
    } else {
        format!("{:.0} %", n as f64 * 100.0 / of as f64)
    }
}

/// `2026-11-28 18:15` in the report's time zone.
fn short_time(t: Timestamp, offset_minutes: i32) -> String {
    let local = Timestamp(t.0 + offset_minutes as i64 * 60_000);
    local.to_string().get(..16).unwrap_or("").replace('T', " ")
}

fn tz_name(offset: i32) -> String {
    if offset == 0 {
        "UTC".into()
    } else {
        format!(
            "UTC{}{:02}:{:02}",
            if offset < 0 { '-' } else { '+' },
            offset.abs() / 60,
            offset.abs() % 60
        )
    }
}

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&#39;",
            _ => out.push(c),
        }
    }
    out
}
