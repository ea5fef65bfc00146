//! The report page: one self-contained HTML file, charts as inline SVG, no script and
//! nothing fetched, so it opens from a USB stick on any computer. Each measure carries
//! a one-line explanation for a reader who is not a statistician. The words come from
//! [`Words`], in English or Simplified Chinese.

use std::fmt::Write as _;

use crate::analysis::{ExhibitRow, ItemRow, Report};
use crate::stats::Dist;
use crate::words::{Words, fill};
use usage_log::time::Timestamp;

const ACCENT: &str = "#1f6fb2";
const MUTED: &str = "#9db8d3";
const WARN: &str = "#b3261e";

/// The whole page, in the words `w`.
pub fn page(r: &Report, generated: Timestamp, w: &Words) -> String {
    Page { r, w }.render(generated)
}

struct Page<'a> {
    r: &'a Report,
    w: &'a Words,
}

impl Page<'_> {
    fn render(&self, generated: Timestamp) -> String {
        let (r, w) = (self.r, self.w);
        let mut h = String::with_capacity(64 * 1024);
        let period = r
            .period
            .map(|(a, b)| format!("{a} – {b}"))
            .unwrap_or_else(|| w.no_visits.into());
        let sub = [
            period.clone(),
            fill(w.kiosks, &[("n", &r.kiosks.len().to_string())]),
            fill(w.times_in, &[("tz", &tz_name(r.utc_offset_minutes))]),
            fill(
                w.made,
                &[("t", &short_time(generated, r.utc_offset_minutes))],
            ),
        ]
        .join(" · ");
        let _ = write!(
            h,
            r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {period}</title>
<style>{CSS}</style></head><body>
<header><h1>{title}</h1>
<p class="sub">{sub}</p></header>
"#,
            lang = w.html_lang,
            title = esc(w.title),
            period = esc(&period),
            sub = esc(&sub),
        );

        // Headline figures.
        h += r#"<section class="cards">"#;
        card(
            &mut h,
            &r.sessions.to_string(),
            w.card_visits,
            w.card_visits_explain,
        );
        card(
            &mut h,
            &self.time(r.session_active.median),
            w.card_median,
            w.card_median_explain,
        );
        let used = r.exhibits.iter().filter(|e| e.visits > 0).count();
        card(
            &mut h,
            &used.to_string(),
            w.card_exhibits,
            w.card_exhibits_explain,
        );
        let flagged = r.quiz_items.iter().filter(|q| !q.flags.is_empty()).count();
        card(
            &mut h,
            &flagged.to_string(),
            w.card_review,
            w.card_review_explain,
        );
        h += "</section>\n";

        // When.
        section(&mut h, w.when, w.when_explain);
        let _ = write!(h, "<h3>{}</h3>", esc(w.per_day));
        h += &self.day_bars();
        let _ = write!(
            h,
            "<h3>{}</h3><p class=\"explain\">{}</p>",
            esc(w.week_hour),
            esc(w.week_hour_explain)
        );
        h += &self.heatmap();
        h += "</section>\n";

        // How long.
        section(&mut h, w.length, w.length_explain);
        let _ = write!(
            h,
            "<div class=\"two\"><div><h3>{}</h3>{}{}</div><div><h3>{}</h3>{}{}</div></div>",
            esc(w.as_logged),
            self.dist_line(&r.session_length),
            self.histogram(&r.session_length, MUTED),
            esc(w.without_walkaway),
            self.dist_line(&r.session_active),
            self.histogram(&r.session_active, ACCENT),
        );
        if !r.end_reasons.is_empty() {
            let _ = write!(
                h,
                "<h3>{}</h3><p class=\"explain\">{}</p>",
                esc(w.how_ended),
                esc(w.how_ended_explain)
            );
            let rows: Vec<_> = r
                .end_reasons
                .iter()
                .map(|(k, n)| (w.label(k).to_owned(), *n as f64, n.to_string()))
                .collect();
            h += &self.hbars(&rows, ACCENT);
        }
        let logged = fill(
            w.logged_end,
            &[
                ("a", &r.session_active.n.to_string()),
                ("b", &r.sessions.to_string()),
            ],
        );
        let _ = writeln!(h, "<p class=\"explain\">{}</p></section>", esc(&logged));

        // Exhibits.
        section(&mut h, w.exhibits, w.exhibits_explain);
        self.exhibits_table(&mut h);
        for e in &r.exhibits {
            self.exhibit_detail(&mut h, e);
        }
        h += "</section>\n";

        // Quiz.
        section(&mut h, w.quiz, w.quiz_explain);
        self.quiz_table(&mut h, &r.quiz_items);
        h += "</section>\n";

        // Who.
        section(&mut h, w.who, w.who_explain);
        let shares = |rows: &[(String, u64)]| -> Vec<(String, f64, String)> {
            rows.iter()
                .map(|(k, n)| (w.label(k).to_owned(), *n as f64, share(*n, r.sessions)))
                .collect()
        };
        let changed = fill(
            w.changed_language,
            &[("n", &r.language_changes.to_string())],
        );
        let _ = writeln!(
            h,
            "<div class=\"two\"><div><h3>{}</h3>{}<p class=\"explain\">{}</p></div><div><h3>{}</h3>{}</div></div></section>",
            esc(w.language),
            self.hbars(&shares(&r.languages), ACCENT),
            esc(&changed),
            esc(w.input_device),
            self.hbars(&shares(&r.inputs), ACCENT),
        );

        if !r.controls.is_empty() {
            section(&mut h, w.controls, w.controls_explain);
            table_head(
                &mut h,
                &[
                    (w.th_exhibit, TEXT),
                    (w.th_scene, TEXT),
                    (w.th_control, TEXT),
                    (w.th_uses, NUM),
                ],
            );
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

        self.kiosks(&mut h);
        self.data_read(&mut h);
        h += "</body></html>\n";
        h
    }

    fn kiosks(&self, h: &mut String) {
        let (r, w) = (self.r, self.w);
        section(h, w.kiosks_title, w.kiosks_explain);
        table_head(
            h,
            &[
                (w.th_kiosk, TEXT),
                (w.th_first_seen, TEXT),
                (w.th_last_seen, TEXT),
                (w.th_visits, NUM),
                (w.th_uptime_h, NUM),
                (w.th_starts, NUM),
                (w.th_unclean, NUM),
                (w.th_errors, NUM),
                (w.th_dropped, NUM),
            ],
        );
        let warn = |n: u64| {
            if n > 0 {
                " class=\"n warn\""
            } else {
                " class=\"n\""
            }
        };
        for k in &r.kiosks {
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
                let list: Vec<String> = k
                    .top_errors
                    .iter()
                    .map(|(m, n)| format!("{} ×{n}", esc(m)))
                    .collect();
                let _ = write!(
                    h,
                    "<tr class=\"sub\"><td></td><td colspan=\"8\">{} {}</td></tr>",
                    esc(w.frequent_errors),
                    list.join(" · ")
                );
            }
        }
        *h += "</table></section>\n";
    }

    fn data_read(&self, h: &mut String) {
        let (r, w) = (self.r, self.w);
        section(h, w.data, w.data_explain);
        let mut line = fill(
            w.data_line,
            &[
                ("files", &r.files.to_string()),
                ("mb", &format!("{:.1}", r.bytes as f64 / 1e6)),
                ("events", &r.events.to_string()),
            ],
        );
        if r.filtered_out > 0 {
            line += &fill(w.outside, &[("n", &r.filtered_out.to_string())]);
        }
        let _ = write!(h, "<p>{}.</p>", esc(&line));
        table_head(h, &[(w.th_skipped, TEXT), (w.th_count, NUM)]);
        for (i, (_, n)) in r.skipped.iter().enumerate() {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
                esc(w.skips[i])
            );
        }
        *h += "</table>";
        if !r.has_content {
            // Holds markup (<code>), written by us, not from the logs.
            let _ = write!(h, "<p class=\"explain\">{}</p>", w.add_exhibits);
        }
        *h += "</section>\n";
    }

    fn exhibits_table(&self, h: &mut String) {
        let w = self.w;
        table_head(
            h,
            &[
                (w.th_exhibit, TEXT),
                (w.th_visits, NUM),
                (w.th_median_time, NUM),
                (w.th_without_walkaway, NUM),
                (w.th_middle_half, NUM),
                (w.th_holding, NUM),
                (w.th_over_half, NUM),
                (w.th_saw_all, NUM),
            ],
        );
        for e in &self.r.exhibits {
            let hp = match e.holding_power {
                Some(p) => format!("{:.0} %", p * 100.0),
                None => "–".into(),
            };
            // An exhibit nobody opened has no times: a dash, not "0 s".
            let time = |secs: f64| {
                if e.visits == 0 {
                    "–".to_owned()
                } else {
                    self.time(secs)
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
        let _ = write!(
            h,
            "</table><p class=\"explain\">{}</p>",
            esc(w.holding_explain)
        );
    }

    fn exhibit_detail(&self, h: &mut String, e: &ExhibitRow) {
        let w = self.w;
        let _ = write!(
            h,
            "<details{}><summary>{} · {}</summary>",
            // Exhibits nobody opened stay folded: there is nothing to chart.
            if e.visits > 0 { " open" } else { "" },
            exhibit_name(e),
            esc(&fill(w.n_visits, &[("n", &e.visits.to_string())]))
        );
        if !e.scene_count_known {
            // Holds markup (<code>), written by us.
            let _ = write!(h, "<p class=\"explain\">{}</p>", w.scenes_from_logs);
        }
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
        let _ = write!(
            h,
            "<div class=\"two\"><div><h3>{}</h3><p class=\"explain\">{}</p>{}</div><div><h3>{}</h3>{}{}</div></div>",
            esc(w.how_far),
            esc(w.how_far_explain),
            self.hbars_scaled(&rows, ACCENT, e.visits as f64),
            esc(w.time_in_exhibit),
            self.dist_line(&e.active),
            self.histogram(&e.active, ACCENT)
        );
        table_head(
            h,
            &[
                (w.th_scene, TEXT),
                (w.th_kind, TEXT),
                (w.th_visits, NUM),
                (w.th_median_time, NUM),
                (w.th_without_walkaway, NUM),
                (w.th_middle_half, NUM),
                (w.th_spread, TEXT),
                (w.th_needs, NUM),
                (w.th_controls_used, NUM),
            ],
        );
        for s in &e.scenes {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n nw\">{} – {}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(s.title.as_deref().unwrap_or(&s.id)),
                esc(w.label(&s.kind)),
                s.visits,
                self.time(s.dwell.median),
                self.time(s.active.median),
                self.time(s.active.q1),
                self.time(s.active.q3),
                self.sparkline(&s.active),
                s.needs_s
                    .map(|n| self.time(n))
                    .unwrap_or_else(|| "–".into()),
                s.interactions
            );
        }
        let _ = write!(
            h,
            "</table><p class=\"explain\">{}</p></details>",
            esc(w.spread_explain)
        );
    }

    fn quiz_table(&self, h: &mut String, items: &[ItemRow]) {
        let w = self.w;
        if items.is_empty() {
            let _ = write!(h, "<p>{}</p>", esc(w.no_quiz));
            return;
        }
        table_head(
            h,
            &[
                (w.th_question, TEXT),
                (w.th_answers, NUM),
                (w.th_first_right, TEXT),
                (w.th_discrimination, NUM),
                (w.th_choices, TEXT),
                (w.th_flags, TEXT),
            ],
        );
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
                    .unwrap_or_else(|| fill(w.choice_n, &[("n", &(c.index + 1).to_string())]));
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
                .map(|f| format!("<span class=\"flag\">{}</span>", esc(w.flags[*f as usize])))
                .collect();
            let path = format!(
                "{} / {} / {}",
                esc(&q.exhibit),
                esc(&q.scene),
                esc(&q.question)
            );
            let name = match &q.prompt {
                Some(p) => format!("{}<div class=\"explain\">{path}</div>", esc(p)),
                None => path,
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

    /// Daily visits as columns.
    fn day_bars(&self) -> String {
        let (days, w) = (&self.r.daily, self.w);
        if days.is_empty() {
            return format!("<p>{}</p>", esc(w.no_visits));
        }
        let (width, hgt, left, bottom) = (1040.0, 200.0, 40.0, 24.0);
        let max = days.iter().map(|d| d.1).max().unwrap_or(1).max(1) as f64;
        let step = (width - left) / days.len() as f64;
        let mut s = format!(
            "<svg viewBox=\"0 0 {width} {}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
            hgt + bottom,
            esc(w.per_day)
        );
        axis_y(&mut s, left, hgt, max);
        let label_every = (days.len() as f64 / 12.0).ceil().max(1.0) as usize;
        for (i, (d, n)) in days.iter().enumerate() {
            let bh = *n as f64 / max * (hgt - 10.0);
            let x = left + i as f64 * step;
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{d} {}: {}</title></rect>",
                x + step * 0.1,
                hgt - bh,
                (step * 0.8).max(1.0),
                if d.weekday() >= 5 { ACCENT } else { MUTED },
                w.weekdays[d.weekday() as usize],
                esc(&fill(w.n_visits, &[("n", &n.to_string())]))
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
        let _ = write!(s, "</svg><p class=\"explain\">{}</p>", esc(w.weekends));
        s
    }

    fn heatmap(&self) -> String {
        let (grid, w) = (&self.r.hour_of_week, self.w);
        let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
        let (cell, left, top) = (40.0, 44.0, 18.0);
        let mut s = format!(
            "<svg viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
            left + 24.0 * cell,
            top + 7.0 * cell * 0.7,
            esc(w.week_hour)
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
                w.weekdays[d]
            );
            for (hr, &n) in hours.iter().enumerate() {
                let a = if n == 0 {
                    0.04
                } else {
                    0.15 + 0.85 * n as f64 / max
                };
                let _ = write!(
                    s,
                    "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{ACCENT}\" fill-opacity=\"{a:.2}\"><title>{} {hr:02}:00–{:02}:00: {}</title></rect>",
                    left + hr as f64 * cell,
                    cell - 2.0,
                    cell * 0.7 - 2.0,
                    w.weekdays[d],
                    (hr + 1) % 24,
                    esc(&fill(w.n_visits, &[("n", &n.to_string())]))
                );
            }
        }
        s += "</svg>";
        s
    }

    fn histogram(&self, d: &Dist, colour: &str) -> String {
        let (width, hgt, bottom) = (560.0, 140.0, 22.0);
        let max = d.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
        let step = width / 8.0;
        let mut s = format!(
            "<svg viewBox=\"0 0 {width} {}\" width=\"100%\" style=\"max-width:{width}px\" role=\"img\">",
            hgt + bottom
        );
        for (i, (&n, label)) in d.bins.iter().zip(self.w.bins).enumerate() {
            let bh = n as f64 / max * (hgt - 16.0);
            let x = i as f64 * step;
            let label = esc(label);
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

    fn hbars(&self, rows: &[(String, f64, String)], colour: &str) -> String {
        let max = rows.iter().map(|r| r.1).fold(0.0, f64::max).max(1.0);
        self.hbars_scaled(rows, colour, max)
    }

    /// Horizontal bars: label, bar (value / `max`), figure.
    fn hbars_scaled(&self, rows: &[(String, f64, String)], colour: &str, max: f64) -> String {
        if rows.is_empty() {
            return format!("<p>{}</p>", esc(self.w.none));
        }
        let (width, row, label_w) = (520.0, 26.0, 190.0);
        let bar_w = width - label_w - 110.0;
        let max = max.max(1.0);
        let mut s = format!(
            "<svg viewBox=\"0 0 {width} {}\" width=\"100%\" style=\"max-width:{width}px\" role=\"img\">",
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
    fn sparkline(&self, d: &Dist) -> String {
        let max = d.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
        let mut s = String::from("<svg width=\"96\" height=\"22\" role=\"img\">");
        for (i, (&n, label)) in d.bins.iter().zip(self.w.bins).enumerate() {
            let bh = (n as f64 / max * 20.0).max(if n > 0 { 1.0 } else { 0.0 });
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{:.1}\" width=\"10\" height=\"{bh:.1}\" fill=\"{ACCENT}\"><title>{}: {n}</title></rect>",
                i * 12,
                22.0 - bh,
                esc(label)
            );
        }
        s += "</svg>";
        s
    }

    fn dist_line(&self, d: &Dist) -> String {
        if d.n == 0 {
            return format!("<p>{}</p>", esc(self.w.no_data));
        }
        // The template holds <b>, written by us; the values are numbers.
        let line = fill(
            self.w.dist_line,
            &[
                ("median", &self.time(d.median)),
                ("q1", &self.time(d.q1)),
                ("q3", &self.time(d.q3)),
                ("mean", &self.time(d.mean)),
                ("n", &d.n.to_string()),
            ],
        );
        format!("<p>{line}</p>")
    }

    /// Seconds for people: `45 s`, `3 min 20 s`, `1 h 05 min`.
    fn time(&self, secs: f64) -> String {
        duration_words(secs, self.w)
    }
}

/// Seconds for people, in `w`'s words: `45 s`, `3 min 20 s`, `1 h 05 min`.
pub fn duration_words(secs: f64, w: &Words) -> String {
    let s = secs.round() as i64;
    if s < 60 {
        fill(w.secs, &[("s", &s.to_string())])
    } else if s < 3600 {
        fill(
            w.mins_secs,
            &[
                ("m", &(s / 60).to_string()),
                ("s", &format!("{:02}", s % 60)),
            ],
        )
    } else {
        fill(
            w.hours_mins,
            &[
                ("h", &(s / 3600).to_string()),
                ("m", &format!("{:02}", s / 60 % 60)),
            ],
        )
    }
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

/// A column of text (left-aligned) or of figures (right-aligned).
const TEXT: bool = false;
const NUM: bool = true;

/// Opens a table with its header row.
fn table_head(h: &mut String, columns: &[(&str, bool)]) {
    *h += "<table><tr>";
    for (name, numeric) in columns {
        let class = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(h, "<th{class}>{}</th>", esc(name));
    }
    *h += "</tr>";
}

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

fn exhibit_name(e: &ExhibitRow) -> String {
    match &e.title {
        Some(t) => format!("{} <span class=\"explain\">({})</span>", esc(t), esc(&e.id)),
        None => esc(&e.id),
    }
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
