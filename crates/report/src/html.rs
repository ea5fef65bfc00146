//! The report page: one self-contained HTML file, charts as inline SVG, no script and
//! nothing fetched, so it opens from a USB stick on any computer. Each measure carries
//! a one-line explanation for a reader who is not a statistician. The words come from
//! [`Words`], in English or Simplified Chinese.
//!
//! The markup is the askama template `templates/report.html`, which escapes everything
//! it is given; this module only works out what goes in it (texts, figures, the
//! coordinates of the charts), as plain values.

use askama::Template;

use crate::analysis::{ExhibitRow, ItemRow, Report};
use crate::stats::Dist;
use crate::words::{Words, fill};
use usage_log::time::Timestamp;

const ACCENT: &str = "#1f6fb2";
const MUTED: &str = "#9db8d3";
const WARN: &str = "#b3261e";

/// The whole page, in the words `w`.
pub fn page(r: &Report, generated: Timestamp, w: &Words) -> String {
    let mut page = PageView::new(r, generated, w)
        .render()
        .expect("the report template renders into a String");
    page.push('\n');
    page
}

/// Everything the template shows, worked out.
#[derive(Template)]
#[template(path = "report.html")]
struct PageView<'a> {
    w: &'a Words,
    css: &'static str,
    period: String,
    sub: String,
    /// Headline figures: value, label, explanation.
    cards: Vec<(String, &'a str, &'a str)>,
    day_bars: Option<Svg>,
    heatmap: Svg,
    session_length: DistView,
    session_active: DistView,
    end_reasons: Option<Bars>,
    logged_end: String,
    exhibits: Table,
    exhibit_details: Vec<ExhibitView>,
    quiz: Option<Table>,
    languages: Bars,
    changed_language: String,
    inputs: Bars,
    controls: Option<Table>,
    kiosks: Table,
    data_line: String,
    skipped: Table,
    has_content: bool,
}

/// One exhibit's fold-out.
struct ExhibitView {
    open: bool,
    name: Vec<Part>,
    visits: String,
    scene_count_known: bool,
    reach: Bars,
    time: DistView,
    scenes: Table,
}

/// A table: its header (name, class: [`TEXT`] or [`NUM`]) and rows.
struct Table {
    head: Vec<(&'static str, &'static str)>,
    rows: Vec<Row>,
}

/// A table row, with a class or none.
struct Row {
    class: Option<&'static str>,
    cells: Vec<Cell>,
}

/// A table cell: its class (`""` for none), its span, what it holds.
struct Cell {
    class: &'static str,
    colspan: Option<u32>,
    parts: Vec<Part>,
}

/// A piece of a cell or of a heading.
enum Part {
    /// Text.
    Text(String),
    /// Text in a `<span>` of a class.
    Span(&'static str, String),
    /// Text in a `<div>` of a class (`""` for none).
    Div(&'static str, String),
    /// A small chart.
    Svg(Svg),
}

/// A chart.
struct Svg {
    view_box: Option<String>,
    width: String,
    height: Option<String>,
    style: Option<String>,
    aria: Option<String>,
    shapes: Vec<Shape>,
}

/// A shape of a chart; numbers as they are written in the page.
enum Shape {
    Rect(Rect),
    Text(Label),
    Line(Rule),
}

struct Rect {
    x: Option<String>,
    y: Option<String>,
    w: String,
    h: String,
    fill: &'static str,
    opacity: Option<String>,
    title: Option<String>,
}

struct Label {
    x: String,
    y: String,
    anchor: Option<&'static str>,
    title: Option<String>,
    text: String,
}

/// A horizontal grid line.
struct Rule {
    x1: String,
    x2: String,
    y: String,
}

/// Horizontal bars, or the word for none.
struct Bars {
    svg: Option<Svg>,
    none: &'static str,
}

/// A distribution: its line of figures (our words, holding `<b>`; the values are
/// numbers) or the word for no data, and its histogram.
struct DistView {
    line: Option<String>,
    no_data: &'static str,
    histogram: Svg,
}

fn text(t: impl Into<String>) -> Part {
    Part::Text(t.into())
}

fn cell(class: &'static str, parts: Vec<Part>) -> Cell {
    Cell {
        class,
        colspan: None,
        parts,
    }
}

fn row(cells: Vec<Cell>) -> Row {
    Row { class: None, cells }
}

/// A column of text (left-aligned).
const TEXT: &str = "";
/// A column of figures (right-aligned).
const NUM: &str = "n";

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

impl<'a> PageView<'a> {
    fn new(r: &'a Report, generated: Timestamp, w: &'a Words) -> Self {
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
        let v = View { r, w };
        let used = r.exhibits.iter().filter(|e| e.visits > 0).count();
        let flagged = r.quiz_items.iter().filter(|q| !q.flags.is_empty()).count();
        let cards = vec![
            (r.sessions.to_string(), w.card_visits, w.card_visits_explain),
            (
                v.time(r.session_active.median),
                w.card_median,
                w.card_median_explain,
            ),
            (used.to_string(), w.card_exhibits, w.card_exhibits_explain),
            (flagged.to_string(), w.card_review, w.card_review_explain),
        ];
        let end_reasons = (!r.end_reasons.is_empty()).then(|| {
            let rows: Vec<_> = r
                .end_reasons
                .iter()
                .map(|(k, n)| (w.label(k).to_owned(), *n as f64, n.to_string()))
                .collect();
            v.hbars(&rows, ACCENT)
        });
        let shares = |rows: &[(String, u64)]| -> Vec<(String, f64, String)> {
            rows.iter()
                .map(|(k, n)| (w.label(k).to_owned(), *n as f64, share(*n, r.sessions)))
                .collect()
        };
        let controls = (!r.controls.is_empty()).then(|| Table {
            head: vec![
                (w.th_exhibit, TEXT),
                (w.th_scene, TEXT),
                (w.th_control, TEXT),
                (w.th_uses, NUM),
            ],
            rows: r
                .controls
                .iter()
                .map(|c| {
                    row(vec![
                        cell("", vec![text(&c.exhibit)]),
                        cell("", vec![text(&c.scene)]),
                        cell("", vec![text(&c.control)]),
                        cell("n", vec![text(c.uses.to_string())]),
                    ])
                })
                .collect(),
        });
        let mut data_line = fill(
            w.data_line,
            &[
                ("files", &r.files.to_string()),
                ("mb", &format!("{:.1}", r.bytes as f64 / 1e6)),
                ("events", &r.events.to_string()),
            ],
        );
        if r.filtered_out > 0 {
            data_line += &fill(w.outside, &[("n", &r.filtered_out.to_string())]);
        }
        PageView {
            w,
            css: CSS,
            period,
            sub,
            cards,
            day_bars: v.day_bars(),
            heatmap: v.heatmap(),
            session_length: v.dist(&r.session_length, MUTED),
            session_active: v.dist(&r.session_active, ACCENT),
            end_reasons,
            logged_end: fill(
                w.logged_end,
                &[
                    ("a", &r.session_active.n.to_string()),
                    ("b", &r.sessions.to_string()),
                ],
            ),
            exhibits: v.exhibits_table(),
            exhibit_details: r.exhibits.iter().map(|e| v.exhibit_detail(e)).collect(),
            quiz: (!r.quiz_items.is_empty()).then(|| v.quiz_table(&r.quiz_items)),
            languages: v.hbars(&shares(&r.languages), ACCENT),
            changed_language: fill(
                w.changed_language,
                &[("n", &r.language_changes.to_string())],
            ),
            inputs: v.hbars(&shares(&r.inputs), ACCENT),
            controls,
            kiosks: v.kiosks(),
            data_line,
            skipped: Table {
                head: vec![(w.th_skipped, TEXT), (w.th_count, NUM)],
                rows: r
                    .skipped
                    .iter()
                    .map(|(why, n)| {
                        row(vec![
                            cell("", vec![text(w.skip(*why))]),
                            cell("n", vec![text(n.to_string())]),
                        ])
                    })
                    .collect(),
            },
            has_content: r.has_content,
        }
    }
}

/// The report and its words, for working out the pieces.
struct View<'a> {
    r: &'a Report,
    w: &'a Words,
}

impl View<'_> {
    fn kiosks(&self) -> Table {
        let (r, w) = (self.r, self.w);
        let warn = |n: u64| if n > 0 { "n warn" } else { "n" };
        let mut rows = Vec::new();
        for k in &r.kiosks {
            let when = |t: Option<Timestamp>| {
                t.map(|t| short_time(t, r.utc_offset_minutes))
                    .unwrap_or_default()
            };
            rows.push(row(vec![
                cell("nw", vec![text(&k.id)]),
                cell("nw", vec![text(when(k.first))]),
                cell("nw", vec![text(when(k.last))]),
                cell("n", vec![text(k.sessions.to_string())]),
                cell("n", vec![text(format!("{:.1}", k.uptime_h))]),
                cell("n", vec![text(k.starts.to_string())]),
                cell(
                    warn(k.unclean_restarts),
                    vec![text(k.unclean_restarts.to_string())],
                ),
                cell(warn(k.errors), vec![text(k.errors.to_string())]),
                cell(warn(k.dropped), vec![text(k.dropped.to_string())]),
            ]));
            if !k.top_errors.is_empty() {
                let list: Vec<String> = k
                    .top_errors
                    .iter()
                    .map(|(m, n)| format!("{m} ×{n}"))
                    .collect();
                rows.push(Row {
                    class: Some("sub"),
                    cells: vec![
                        cell("", vec![]),
                        Cell {
                            class: "",
                            colspan: Some(8),
                            parts: vec![text(format!(
                                "{} {}",
                                w.frequent_errors,
                                list.join(" · ")
                            ))],
                        },
                    ],
                });
            }
        }
        Table {
            head: vec![
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
            rows,
        }
    }

    fn exhibits_table(&self) -> Table {
        let w = self.w;
        let rows = self
            .r
            .exhibits
            .iter()
            .map(|e| {
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
                row(vec![
                    cell("", exhibit_name(e)),
                    cell("n", vec![text(e.visits.to_string())]),
                    cell("n", vec![text(time(e.dwell.median))]),
                    cell("n", vec![text(time(e.active.median))]),
                    cell(
                        "n nw",
                        vec![text(format!(
                            "{} – {}",
                            time(e.active.q1),
                            time(e.active.q3)
                        ))],
                    ),
                    cell("n", vec![text(hp)]),
                    cell("n", vec![text(share(e.diligent, e.visits))]),
                    cell("n", vec![text(share(e.completed, e.visits))]),
                ])
            })
            .collect();
        Table {
            head: vec![
                (w.th_exhibit, TEXT),
                (w.th_visits, NUM),
                (w.th_median_time, NUM),
                (w.th_without_walkaway, NUM),
                (w.th_middle_half, NUM),
                (w.th_holding, NUM),
                (w.th_over_half, NUM),
                (w.th_saw_all, NUM),
            ],
            rows,
        }
    }

    fn exhibit_detail(&self, e: &ExhibitRow) -> ExhibitView {
        let w = self.w;
        let reach: Vec<(String, f64, String)> = e
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
        let rows = e
            .scenes
            .iter()
            .map(|s| {
                row(vec![
                    cell("", vec![text(s.title.as_deref().unwrap_or(&s.id))]),
                    cell("", vec![text(w.label(&s.kind))]),
                    cell("n", vec![text(s.visits.to_string())]),
                    cell("n", vec![text(self.time(s.dwell.median))]),
                    cell("n", vec![text(self.time(s.active.median))]),
                    cell(
                        "n nw",
                        vec![text(format!(
                            "{} – {}",
                            self.time(s.active.q1),
                            self.time(s.active.q3)
                        ))],
                    ),
                    cell("", vec![Part::Svg(self.sparkline(&s.active))]),
                    cell(
                        "n",
                        vec![text(
                            s.needs_s
                                .map(|n| self.time(n))
                                .unwrap_or_else(|| "–".into()),
                        )],
                    ),
                    cell("n", vec![text(s.interactions.to_string())]),
                ])
            })
            .collect();
        ExhibitView {
            // Exhibits nobody opened stay folded: there is nothing to chart.
            open: e.visits > 0,
            name: exhibit_name(e),
            visits: fill(w.n_visits, &[("n", &e.visits.to_string())]),
            scene_count_known: e.scene_count_known,
            reach: self.hbars_scaled(&reach, ACCENT, e.visits as f64),
            time: self.dist(&e.active, ACCENT),
            scenes: Table {
                head: vec![
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
                rows,
            },
        }
    }

    fn quiz_table(&self, items: &[ItemRow]) -> Table {
        let w = self.w;
        let rows = items
            .iter()
            .map(|q| {
                let disc = q
                    .discrimination
                    .map(|d| format!("{d:.2}"))
                    .unwrap_or_else(|| "–".into());
                let choices = q
                    .choices
                    .iter()
                    .map(|c| {
                        let label = c.text.clone().unwrap_or_else(|| {
                            fill(w.choice_n, &[("n", &(c.index + 1).to_string())])
                        });
                        let mark = if c.correct { "✓" } else { "✗" };
                        Part::Div(
                            "",
                            format!("{mark} {label}: {}", share(c.picked, q.responses)),
                        )
                    })
                    .collect();
                let flags = q
                    .flags
                    .iter()
                    .map(|f| Part::Span("flag", w.flag(*f).to_owned()))
                    .collect();
                let path = format!("{} / {} / {}", q.exhibit, q.scene, q.question);
                let name = match &q.prompt {
                    Some(p) => vec![text(p), Part::Div("explain", path)],
                    None => vec![text(path)],
                };
                row(vec![
                    cell("", name),
                    cell("n", vec![text(q.responses.to_string())]),
                    cell(
                        "nw",
                        vec![
                            Part::Svg(svg_meter(q.p_correct)),
                            text(format!(" {:.0} %", q.p_correct * 100.0)),
                        ],
                    ),
                    cell("n", vec![text(disc)]),
                    cell("", choices),
                    cell("", flags),
                ])
            })
            .collect();
        Table {
            head: vec![
                (w.th_question, TEXT),
                (w.th_answers, NUM),
                (w.th_first_right, TEXT),
                (w.th_discrimination, NUM),
                (w.th_choices, TEXT),
                (w.th_flags, TEXT),
            ],
            rows,
        }
    }

    /// Daily visits as columns; none without days.
    fn day_bars(&self) -> Option<Svg> {
        let (days, w) = (&self.r.daily, self.w);
        if days.is_empty() {
            return None;
        }
        let (width, hgt, left, bottom) = (1040.0, 200.0, 40.0, 24.0);
        let max = days.iter().map(|d| d.1).max().unwrap_or(1).max(1) as f64;
        let step = (width - left) / days.len() as f64;
        let mut shapes = axis_y(left, hgt, max);
        let label_every = (days.len() as f64 / 12.0).ceil().max(1.0) as usize;
        for (i, (d, n)) in days.iter().enumerate() {
            let bh = *n as f64 / max * (hgt - 10.0);
            let x = left + i as f64 * step;
            shapes.push(Shape::Rect(Rect {
                x: Some(f1(x + step * 0.1)),
                y: Some(f1(hgt - bh)),
                w: f1((step * 0.8).max(1.0)),
                h: f1(bh),
                fill: if d.weekday() >= 5 { ACCENT } else { MUTED },
                opacity: None,
                title: Some(format!(
                    "{d} {}: {}",
                    w.weekdays[d.weekday() as usize],
                    fill(w.n_visits, &[("n", &n.to_string())])
                )),
            }));
            if i % label_every == 0 {
                shapes.push(Shape::Text(Label {
                    x: f1(x),
                    y: (hgt + 16.0).to_string(),
                    anchor: None,
                    title: None,
                    text: d.to_string()[5..].to_owned(),
                }));
            }
        }
        Some(Svg {
            view_box: Some(format!("0 0 {width} {}", hgt + bottom)),
            width: "100%".into(),
            height: None,
            style: None,
            aria: Some(w.per_day.into()),
            shapes,
        })
    }

    fn heatmap(&self) -> Svg {
        let (grid, w) = (&self.r.hour_of_week, self.w);
        let max = grid.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
        let (cell, left, top) = (40.0, 44.0, 18.0);
        let mut shapes = Vec::new();
        for hr in (0..24).step_by(2) {
            shapes.push(Shape::Text(Label {
                x: f1(left + hr as f64 * cell + 8.0),
                y: "12".into(),
                anchor: None,
                title: None,
                text: format!("{hr:02}"),
            }));
        }
        for (d, hours) in grid.iter().enumerate() {
            let y = top + d as f64 * cell * 0.7;
            shapes.push(Shape::Text(Label {
                x: "0".into(),
                y: f1(y + 18.0),
                anchor: None,
                title: None,
                text: w.weekdays[d].into(),
            }));
            for (hr, &n) in hours.iter().enumerate() {
                let a = if n == 0 {
                    0.04
                } else {
                    0.15 + 0.85 * n as f64 / max
                };
                shapes.push(Shape::Rect(Rect {
                    x: Some(f1(left + hr as f64 * cell)),
                    y: Some(f1(y)),
                    w: f1(cell - 2.0),
                    h: f1(cell * 0.7 - 2.0),
                    fill: ACCENT,
                    opacity: Some(format!("{a:.2}")),
                    title: Some(format!(
                        "{} {hr:02}:00–{:02}:00: {}",
                        w.weekdays[d],
                        (hr + 1) % 24,
                        fill(w.n_visits, &[("n", &n.to_string())])
                    )),
                }));
            }
        }
        Svg {
            view_box: Some(format!(
                "0 0 {} {}",
                left + 24.0 * cell,
                top + 7.0 * cell * 0.7
            )),
            width: "100%".into(),
            height: None,
            style: None,
            aria: Some(w.week_hour.into()),
            shapes,
        }
    }

    fn dist(&self, d: &Dist, colour: &'static str) -> DistView {
        DistView {
            line: (d.n > 0).then(|| self.dist_line(d)),
            no_data: self.w.no_data,
            histogram: self.histogram(d, colour),
        }
    }

    fn histogram(&self, d: &Dist, colour: &'static str) -> Svg {
        let (width, hgt, bottom) = (560.0, 140.0, 22.0);
        let max = d.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
        let step = width / 8.0;
        let mut shapes = Vec::new();
        for (i, (&n, label)) in d.bins.iter().zip(self.w.bins).enumerate() {
            let bh = n as f64 / max * (hgt - 16.0);
            let x = i as f64 * step;
            shapes.push(Shape::Rect(Rect {
                x: Some(f1(x + 4.0)),
                y: Some(f1(hgt - bh)),
                w: f1(step - 8.0),
                h: f1(bh),
                fill: colour,
                opacity: None,
                title: Some(format!("{label}: {n}")),
            }));
            shapes.push(Shape::Text(Label {
                x: f1(x + step / 2.0),
                y: f1(hgt - bh - 3.0),
                anchor: Some("middle"),
                title: None,
                text: n.to_string(),
            }));
            shapes.push(Shape::Text(Label {
                x: f1(x + step / 2.0),
                y: (hgt + 16.0).to_string(),
                anchor: Some("middle"),
                title: None,
                text: label.into(),
            }));
        }
        Svg {
            view_box: Some(format!("0 0 {width} {}", hgt + bottom)),
            width: "100%".into(),
            height: None,
            style: Some(format!("max-width:{width}px")),
            aria: None,
            shapes,
        }
    }

    fn hbars(&self, rows: &[(String, f64, String)], colour: &'static str) -> Bars {
        let max = rows.iter().map(|r| r.1).fold(0.0, f64::max).max(1.0);
        self.hbars_scaled(rows, colour, max)
    }

    /// Horizontal bars: label, bar (value / `max`), figure.
    fn hbars_scaled(&self, rows: &[(String, f64, String)], colour: &'static str, max: f64) -> Bars {
        let none = self.w.none;
        if rows.is_empty() {
            return Bars { svg: None, none };
        }
        let (width, row, label_w) = (520.0, 26.0, 190.0);
        let bar_w = width - label_w - 110.0;
        let max = max.max(1.0);
        let mut shapes = Vec::new();
        for (i, (label, v, figure)) in rows.iter().enumerate() {
            let y = i as f64 * row;
            let bw = (v / max * bar_w).max(0.0);
            let short: String = label.chars().take(26).collect();
            let short = if short.len() < label.len() {
                format!("{short}…")
            } else {
                short
            };
            shapes.push(Shape::Text(Label {
                x: "0".into(),
                y: f1(y + 17.0),
                anchor: None,
                title: Some(label.clone()),
                text: short,
            }));
            for (w, fill) in [(bar_w, "#f0f3f6"), (bw, colour)] {
                shapes.push(Shape::Rect(Rect {
                    x: Some(label_w.to_string()),
                    y: Some(f1(y + 4.0)),
                    w: f1(w),
                    h: f1(row - 8.0),
                    fill,
                    opacity: None,
                    title: None,
                }));
            }
            shapes.push(Shape::Text(Label {
                x: f1(label_w + bar_w + 6.0),
                y: f1(y + 17.0),
                anchor: None,
                title: None,
                text: figure.clone(),
            }));
        }
        Bars {
            svg: Some(Svg {
                view_box: Some(format!("0 0 {width} {}", rows.len() as f64 * row)),
                width: "100%".into(),
                height: None,
                style: Some(format!("max-width:{width}px")),
                aria: None,
                shapes,
            }),
            none,
        }
    }

    /// A tiny histogram for a table cell: the same time bands as the big ones.
    fn sparkline(&self, d: &Dist) -> Svg {
        let max = d.bins.iter().copied().max().unwrap_or(0).max(1) as f64;
        let shapes = d
            .bins
            .iter()
            .zip(self.w.bins)
            .enumerate()
            .map(|(i, (&n, label))| {
                let bh = (n as f64 / max * 20.0).max(if n > 0 { 1.0 } else { 0.0 });
                Shape::Rect(Rect {
                    x: Some((i * 12).to_string()),
                    y: Some(f1(22.0 - bh)),
                    w: "10".into(),
                    h: f1(bh),
                    fill: ACCENT,
                    opacity: None,
                    title: Some(format!("{label}: {n}")),
                })
            })
            .collect();
        Svg {
            view_box: None,
            width: "96".into(),
            height: Some("22".into()),
            style: None,
            aria: None,
            shapes,
        }
    }

    /// The figures of a distribution, in our words (which hold `<b>`); the values are
    /// numbers and times, never text from the logs.
    fn dist_line(&self, d: &Dist) -> String {
        fill(
            self.w.dist_line,
            &[
                ("median", &self.time(d.median)),
                ("q1", &self.time(d.q1)),
                ("q3", &self.time(d.q3)),
                ("mean", &self.time(d.mean)),
                ("n", &d.n.to_string()),
            ],
        )
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

fn exhibit_name(e: &ExhibitRow) -> Vec<Part> {
    match &e.title {
        Some(t) => vec![
            text(t),
            text(" "),
            Part::Span("explain", format!("({})", e.id)),
        ],
        None => vec![text(&e.id)],
    }
}

fn axis_y(left: f64, hgt: f64, max: f64) -> Vec<Shape> {
    let mut shapes = Vec::new();
    for frac in [0.0, 0.5, 1.0] {
        let y = hgt - frac * (hgt - 10.0);
        shapes.push(Shape::Line(Rule {
            x1: left.to_string(),
            x2: "100%".into(),
            y: f1(y),
        }));
        shapes.push(Shape::Text(Label {
            x: "0".into(),
            y: f1(y + 4.0),
            anchor: None,
            title: None,
            text: (max * frac).round().to_string(),
        }));
    }
    shapes
}

fn svg_meter(p: f64) -> Svg {
    let colour = if !(0.3..=0.9).contains(&p) {
        WARN
    } else {
        ACCENT
    };
    let rect = |w: String, fill| {
        Shape::Rect(Rect {
            x: None,
            y: None,
            w,
            h: "12".into(),
            fill,
            opacity: None,
            title: None,
        })
    };
    Svg {
        view_box: None,
        width: "90".into(),
        height: Some("12".into()),
        style: None,
        aria: None,
        shapes: vec![
            rect("90".into(), "#f0f3f6"),
            rect(f1(p.clamp(0.0, 1.0) * 90.0), colour),
        ],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{ControlRow, ExhibitRow};

    #[test]
    fn text_from_the_logs_is_escaped_and_our_markup_is_not() {
        let evil = "<script>alert(\"x\")</script> & 'more'";
        let r = Report {
            controls: vec![ControlRow {
                exhibit: evil.into(),
                scene: "s".into(),
                control: "<b>".into(),
                uses: 1,
            }],
            exhibits: vec![ExhibitRow {
                id: evil.into(),
                title: Some("A <i>title</i>".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let page = page(&r, Timestamp(0), Words::for_lang("en"));
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<b>&") && !page.contains("<i>title"));
        assert!(page.contains("&#60;script&#62;") || page.contains("&lt;script&gt;"));
        // Words of our own that hold markup keep it.
        assert!(page.contains("<code>--exhibits FOLDER</code>"));
        assert!(page.ends_with("</html>\n"));
    }
}
