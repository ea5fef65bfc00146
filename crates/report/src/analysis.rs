//! From the sessions read to the figures the report shows. Every figure is defined here
//! once; the HTML page and the CSV files only format them.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::dataset::{Dataset, Session, Sym};
use crate::stats::{Dist, correlation};
use usage_log::reader::Skip;
use usage_log::time::{Date, Timestamp};

/// What the exhibits folder says about the content, when the report is given it.
#[derive(Debug, Clone, Default)]
pub struct ContentInfo {
    /// Exhibits, in the kiosk's order.
    pub exhibits: Vec<ExhibitInfo>,
}

/// One exhibit's content.
#[derive(Debug, Clone, Default)]
pub struct ExhibitInfo {
    /// Id.
    pub id: String,
    /// Title (in the report's language).
    pub title: String,
    /// Scenes in file order.
    pub scenes: Vec<SceneInfo>,
}

/// One scene's content.
#[derive(Debug, Clone, Default)]
pub struct SceneInfo {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `quiz`, `demonstration`, `animation`.
    pub kind: String,
    /// Seconds a visitor needs to take in the whole scene (see `docs/usage-log.md`).
    pub needs_s: f64,
    /// Its questions, for quiz scenes.
    pub questions: Vec<QuestionInfo>,
}

/// One quiz question's content.
#[derive(Debug, Clone, Default)]
pub struct QuestionInfo {
    /// Id.
    pub id: String,
    /// The question.
    pub prompt: String,
    /// Choice texts by file index.
    pub choices: Vec<String>,
    /// Indices of the right choices.
    pub correct: Vec<u32>,
}

/// Answers below this are too few to judge a question by.
pub const MIN_RESPONSES: u64 = 10;
/// First-answer share right above which a question is flagged too easy.
pub const TOO_EASY: f64 = 0.9;
/// … and below which too hard.
pub const TOO_HARD: f64 = 0.3;
/// Choice indices at or above this are not reported without the content (no quiz
/// question has that many choices; such a line is damaged).
pub const MAX_CHOICES: u32 = 64;

/// Report options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Minutes to add to UTC for days and hours (the venue's time zone).
    pub utc_offset_minutes: i32,
    /// Language of the page (`zh…` gives Simplified Chinese; anything else English).
    pub lang: String,
}

/// Everything the report shows.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// First and last day with visits (local).
    pub period: Option<(Date, Date)>,
    /// Minutes added to UTC.
    pub utc_offset_minutes: i32,
    /// Language of the page.
    pub lang: String,
    /// Files, bytes and counted events read.
    pub files: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Events counted.
    pub events: u64,
    /// Lines outside the period or kiosks asked for.
    pub filtered_out: u64,
    /// Lines skipped, by reason.
    pub skipped: Vec<(Skip, u64)>,
    /// Visits.
    pub sessions: u64,
    /// Visits per day, every day of the period.
    pub daily: Vec<(Date, u64)>,
    /// Visits by weekday (0 Monday) and hour.
    pub hour_of_week: [[u64; 24]; 7],
    /// Length of visits that logged their end, seconds.
    pub session_length: Dist,
    /// … without the walk-away tail.
    pub session_active: Dist,
    /// How visits ended.
    pub end_reasons: Vec<(String, u64)>,
    /// Starting languages.
    pub languages: Vec<(String, u64)>,
    /// Visits that changed language.
    pub language_changes: u64,
    /// Starting input devices.
    pub inputs: Vec<(String, u64)>,
    /// Per exhibit.
    pub exhibits: Vec<ExhibitRow>,
    /// Per quiz question.
    pub quiz_items: Vec<ItemRow>,
    /// Per control.
    pub controls: Vec<ControlRow>,
    /// Per kiosk.
    pub kiosks: Vec<KioskRow>,
    /// Whether the exhibits folder was given.
    pub has_content: bool,
}

/// One exhibit's figures.
#[derive(Debug, Clone, Default)]
pub struct ExhibitRow {
    /// Id.
    pub id: String,
    /// Title, when the content is known.
    pub title: Option<String>,
    /// Visits that entered any of its scenes.
    pub visits: u64,
    /// Time per visit, seconds, as logged.
    pub dwell: Dist,
    /// … with the walk-away tail removed.
    pub active: Dist,
    /// Seconds the content needs, when known.
    pub needs_s: Option<f64>,
    /// Median active time / time needed.
    pub holding_power: Option<f64>,
    /// Scenes counted for "more than half" (from the content, else as seen in the logs).
    pub scene_count: usize,
    /// Whether `scene_count` comes from the content.
    pub scene_count_known: bool,
    /// Ids of the scenes counted (the content's, else all seen in the logs).
    pub counted: Vec<String>,
    /// Visits that saw more than half its scenes.
    pub diligent: u64,
    /// Visits that saw every scene.
    pub completed: u64,
    /// Scenes in order, with the funnel.
    pub scenes: Vec<SceneRow>,
}

/// One scene's figures.
#[derive(Debug, Clone, Default)]
pub struct SceneRow {
    /// Id.
    pub id: String,
    /// Title, when known.
    pub title: Option<String>,
    /// Kind.
    pub kind: String,
    /// Visits that reached it.
    pub visits: u64,
    /// Time on it per visit that reached it, seconds, as logged.
    pub dwell: Dist,
    /// … without the walk-away tail.
    pub active: Dist,
    /// Seconds it needs, when known.
    pub needs_s: Option<f64>,
    /// Control uses on it.
    pub interactions: u64,
}

/// Why a question is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Almost everyone gets it right first time.
    TooEasy,
    /// Few get it right first time.
    TooHard,
    /// A wrong choice draws more first answers than the right one.
    Misleading,
    /// Visitors who do well elsewhere do worse here.
    NegativeDiscrimination,
}

impl Flag {
    /// In words (English; the page has them in its language too).
    pub const fn describe(self) -> &'static str {
        match self {
            Flag::TooEasy => "too easy",
            Flag::TooHard => "too hard",
            Flag::Misleading => "misleading: a wrong choice is the most picked",
            Flag::NegativeDiscrimination => "visitors who do well elsewhere get it wrong",
        }
    }
}

/// One quiz question's figures.
#[derive(Debug, Clone, Default)]
pub struct ItemRow {
    /// Exhibit id.
    pub exhibit: String,
    /// Scene id.
    pub scene: String,
    /// Question id.
    pub question: String,
    /// Question text, when known.
    pub prompt: Option<String>,
    /// Visits that answered.
    pub responses: u64,
    /// … whose first answer was right.
    pub first_correct: u64,
    /// Share right on the first answer.
    pub p_correct: f64,
    /// Correlation of being right here with being right on the visit's other questions.
    pub discrimination: Option<f64>,
    /// Visits that also answered other questions (the base of `discrimination`).
    pub discrimination_n: u64,
    /// Each choice: how often in first answers.
    pub choices: Vec<ChoiceRow>,
    /// What is wrong with it.
    pub flags: Vec<Flag>,
}

/// One choice of a question.
#[derive(Debug, Clone, Default)]
pub struct ChoiceRow {
    /// Index in the file.
    pub index: u32,
    /// Text, when known.
    pub text: Option<String>,
    /// Whether right (from the content, else inferred from right answers).
    pub correct: bool,
    /// First answers that included it.
    pub picked: u64,
}

/// One control's use.
#[derive(Debug, Clone, Default)]
pub struct ControlRow {
    /// Exhibit id.
    pub exhibit: String,
    /// Scene id.
    pub scene: String,
    /// Control id.
    pub control: String,
    /// Uses.
    pub uses: u64,
}

/// One kiosk's health.
#[derive(Debug, Clone, Default)]
pub struct KioskRow {
    /// Id.
    pub id: String,
    /// First event.
    pub first: Option<Timestamp>,
    /// Last event.
    pub last: Option<Timestamp>,
    /// Events.
    pub events: u64,
    /// Visits.
    pub sessions: u64,
    /// Starts.
    pub starts: u64,
    /// Restarts after a run that did not stop cleanly.
    pub unclean_restarts: u64,
    /// Hours running.
    pub uptime_h: f64,
    /// Error events.
    pub errors: u64,
    /// Events the kiosk could not write.
    pub dropped: u64,
    /// Most frequent errors.
    pub top_errors: Vec<(String, u64)>,
    /// Program versions.
    pub versions: Vec<String>,
}

/// Computes the report.
pub fn analyse(data: &Dataset, content: Option<&ContentInfo>, options: &Options) -> Report {
    let off = options.utc_offset_minutes;
    let mut report = Report {
        utc_offset_minutes: off,
        lang: options.lang.clone(),
        files: data.files,
        bytes: data.bytes,
        events: data.events,
        filtered_out: data.filtered_out,
        skipped: Skip::ALL.iter().copied().zip(data.skipped).collect(),
        sessions: data.sessions.len() as u64,
        has_content: content.is_some(),
        ..Default::default()
    };

    // The quiz item analysis runs beside everything else, on the other core.
    std::thread::scope(|scope| {
        let items = scope.spawn(|| item_rows(data, content));
        visits_and_exhibits(data, content, off, &mut report);
        report.quiz_items = items.join().expect("item analysis panicked");
    });
    report
}

/// Everything but the quiz items.
fn visits_and_exhibits(
    data: &Dataset,
    content: Option<&ContentInfo>,
    off: i32,
    report: &mut Report,
) {
    let names = &data.names;
    let name = |s: Sym| names.name(s).to_owned();
    // When and how visits happen.
    let mut days: FxHashMap<Date, u64> = FxHashMap::default();
    let mut length = Vec::new();
    let mut active = Vec::new();
    let mut reasons: FxHashMap<Sym, u64> = FxHashMap::default();
    let mut langs: FxHashMap<Sym, u64> = FxHashMap::default();
    let mut inputs: FxHashMap<Sym, u64> = FxHashMap::default();
    let mut sessions_per_kiosk: FxHashMap<Sym, u64> = FxHashMap::default();
    for s in &data.sessions {
        let began = s.began();
        let day = began.date(off);
        *days.entry(day).or_default() += 1;
        report.hour_of_week[day.weekday() as usize][began.hour(off) as usize] += 1;
        if let Some(end) = s.end {
            length.push(end.duration_ms as f64 / 1000.0);
            active.push(end.duration_ms.saturating_sub(end.idle_ms) as f64 / 1000.0);
            *reasons.entry(end.reason).or_default() += 1;
        }
        if let Some(l) = s.lang {
            *langs.entry(l).or_default() += 1;
        }
        if s.langs.len() > 1 {
            report.language_changes += 1;
        }
        if let Some(i) = s.input {
            *inputs.entry(i).or_default() += 1;
        }
        *sessions_per_kiosk.entry(s.kiosk).or_default() += 1;
    }
    if let (Some(&first), Some(&last)) = (days.keys().min(), days.keys().max()) {
        report.period = Some((first, last));
        let mut d = first;
        while d <= last {
            report.daily.push((d, days.get(&d).copied().unwrap_or(0)));
            d = d.succ();
        }
    }
    report.session_length = Dist::of(&mut length);
    report.session_active = Dist::of(&mut active);
    report.end_reasons = ranked(reasons, names);
    report.languages = ranked(langs, names);
    report.inputs = ranked(inputs, names);

    report.exhibits = exhibit_rows(data, content);
    let mut controls: Vec<ControlRow> = data
        .controls
        .iter()
        .map(|(&(e, s, c), &uses)| ControlRow {
            exhibit: name(e),
            scene: name(s),
            control: name(c),
            uses,
        })
        .collect();
    controls.sort_by(|a, b| {
        (&a.exhibit, &a.scene, std::cmp::Reverse(a.uses)).cmp(&(
            &b.exhibit,
            &b.scene,
            std::cmp::Reverse(b.uses),
        ))
    });
    report.controls = controls;

    let mut kiosks: Vec<KioskRow> = data
        .kiosks
        .iter()
        .map(|(&k, seen)| {
            let mut top: Vec<(String, u64)> = seen
                .error_messages
                .iter()
                .map(|(m, &n)| (m.to_string(), n))
                .collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            top.truncate(5);
            KioskRow {
                id: name(k),
                first: seen.first_ts,
                last: seen.last_ts,
                events: seen.events,
                sessions: sessions_per_kiosk.get(&k).copied().unwrap_or(0),
                starts: seen.starts,
                unclean_restarts: seen.unclean_restarts,
                uptime_h: seen.uptime_ms as f64 / 3_600_000.0,
                errors: seen.errors,
                dropped: seen.dropped,
                top_errors: top,
                versions: seen.versions.iter().map(|v| v.to_string()).collect(),
            }
        })
        .collect();
    kiosks.sort_by(|a, b| a.id.cmp(&b.id));
    report.kiosks = kiosks;
}

fn ranked(counts: FxHashMap<Sym, u64>, names: &crate::dataset::Names) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(s, n)| (names.name(s).to_owned(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

#[derive(Default)]
struct SceneAcc {
    visits: u64,
    dwell: Vec<f64>,
    active: Vec<f64>,
    interactions: u64,
    kind: Option<Sym>,
}

#[derive(Default)]
struct ExhibitAcc {
    dwell: Vec<f64>,
    active: Vec<f64>,
    /// Scenes each visit reached (as symbols).
    reached: Vec<Vec<Sym>>,
    scenes: FxHashMap<Sym, SceneAcc>,
}

fn exhibit_rows(data: &Dataset, content: Option<&ContentInfo>) -> Vec<ExhibitRow> {
    let names = &data.names;
    let mut acc: FxHashMap<Sym, ExhibitAcc> = FxHashMap::default();
    for s in &data.sessions {
        // This visit's share of each exhibit it entered.
        let mut per: Vec<(Sym, u64, u64, Vec<Sym>)> = Vec::new();
        for sc in &s.scenes {
            let i = match per.iter().position(|p| p.0 == sc.exhibit) {
                Some(i) => i,
                None => {
                    per.push((sc.exhibit, 0, 0, Vec::new()));
                    per.len() - 1
                }
            };
            per[i].1 += sc.dwell_ms;
            per[i].2 += sc.idle_ms;
            if sc.enters > 0 {
                per[i].3.push(sc.scene);
            }
            let ex = acc.entry(sc.exhibit).or_default();
            let scene = ex.scenes.entry(sc.scene).or_default();
            scene.interactions += sc.interactions as u64;
            scene.kind = scene.kind.or(sc.kind);
            if sc.enters > 0 {
                scene.visits += 1;
                scene.dwell.push(sc.dwell_ms as f64 / 1000.0);
                scene
                    .active
                    .push(sc.dwell_ms.saturating_sub(sc.idle_ms) as f64 / 1000.0);
            }
        }
        for (e, dwell, idle, reached) in per {
            // A visit is a session that entered the exhibit, per the log contract.
            if reached.is_empty() {
                continue;
            }
            let ex = acc.entry(e).or_default();
            ex.dwell.push(dwell as f64 / 1000.0);
            ex.active.push(dwell.saturating_sub(idle) as f64 / 1000.0);
            ex.reached.push(reached);
        }
    }

    // Every exhibit the logs name; rows are sorted by visits at the end.
    let mut order: Vec<Sym> = acc.keys().copied().collect();
    order.sort_by(|a, b| names.name(*a).cmp(names.name(*b)));
    let mut rows: Vec<ExhibitRow> = Vec::new();
    // Exhibits in the content nobody visited still get a row: that is news too.
    if let Some(c) = content {
        for e in &c.exhibits {
            if names.find(&e.id).is_none_or(|s| !acc.contains_key(&s)) {
                rows.push(ExhibitRow {
                    id: e.id.clone(),
                    title: Some(e.title.clone()),
                    needs_s: Some(e.scenes.iter().map(|s| s.needs_s).sum()),
                    scene_count: e.scenes.len(),
                    scene_count_known: true,
                    counted: e.scenes.iter().map(|s| s.id.clone()).collect(),
                    scenes: e
                        .scenes
                        .iter()
                        .map(|s| SceneRow {
                            id: s.id.clone(),
                            title: Some(s.title.clone()),
                            kind: s.kind.clone(),
                            needs_s: Some(s.needs_s),
                            ..Default::default()
                        })
                        .collect(),
                    ..Default::default()
                });
            }
        }
    }
    for e in order {
        let mut ex = acc.remove(&e).unwrap_or_default();
        let id = names.name(e).to_owned();
        let info = content.and_then(|c| c.exhibits.iter().find(|x| x.id == id));
        // Scene order: the file's, then the rest by how many reached them.
        let mut scene_order: Vec<Sym> = Vec::new();
        if let Some(info) = info {
            scene_order.extend(info.scenes.iter().filter_map(|s| names.find(&s.id)));
        }
        let mut others: Vec<Sym> = ex
            .scenes
            .keys()
            .filter(|s| !scene_order.contains(s))
            .copied()
            .collect();
        others.sort_by(|a, b| {
            ex.scenes[b]
                .visits
                .cmp(&ex.scenes[a].visits)
                .then(names.name(*a).cmp(names.name(*b)))
        });
        scene_order.extend(others);
        // The scenes that count for "saw over half" and "saw all": the content's when it
        // is known (a renamed or removed scene in old logs does not count), else all seen.
        let counted: Vec<String> = match info {
            Some(i) => i.scenes.iter().map(|s| s.id.clone()).collect(),
            None => scene_order
                .iter()
                .map(|s| names.name(*s).to_owned())
                .collect(),
        };
        let scene_count = counted.len().max(1);
        let known: FxHashSet<Sym> = counted.iter().filter_map(|id| names.find(id)).collect();
        let diligent = ex
            .reached
            .iter()
            .filter(|r| r.iter().filter(|s| known.contains(s)).count() * 2 > scene_count)
            .count() as u64;
        let completed = ex
            .reached
            .iter()
            .filter(|r| r.iter().filter(|s| known.contains(s)).count() >= scene_count)
            .count() as u64;
        let mut scenes = Vec::new();
        for sc in &scene_order {
            let scene_id = names.name(*sc).to_owned();
            let sinfo = info.and_then(|i| i.scenes.iter().find(|s| s.id == scene_id));
            let mut a = ex.scenes.remove(sc).unwrap_or_default();
            scenes.push(SceneRow {
                kind: a
                    .kind
                    .map(|k| names.name(k).to_owned())
                    .or(sinfo.map(|s| s.kind.clone()))
                    .unwrap_or_default(),
                title: sinfo.map(|s| s.title.clone()),
                needs_s: sinfo.map(|s| s.needs_s),
                visits: a.visits,
                dwell: Dist::of(&mut a.dwell),
                active: Dist::of(&mut a.active),
                interactions: a.interactions,
                id: scene_id,
            });
        }
        // Scenes of the content nobody reached are not in the symbol table.
        if let Some(info) = info {
            for s in &info.scenes {
                if names.find(&s.id).is_none() {
                    scenes.push(SceneRow {
                        id: s.id.clone(),
                        title: Some(s.title.clone()),
                        kind: s.kind.clone(),
                        needs_s: Some(s.needs_s),
                        ..Default::default()
                    });
                }
            }
        }
        let active = Dist::of(&mut ex.active);
        let needs_s = info
            .map(|i| i.scenes.iter().map(|s| s.needs_s).sum::<f64>())
            .filter(|n| *n > 0.0);
        rows.push(ExhibitRow {
            title: info.map(|i| i.title.clone()),
            visits: ex.dwell.len() as u64,
            dwell: Dist::of(&mut ex.dwell),
            holding_power: needs_s.map(|n| active.median / n),
            active,
            needs_s,
            scene_count,
            scene_count_known: info.is_some(),
            counted,
            diligent,
            completed,
            scenes,
            id,
        });
    }
    // Visited exhibits first, most visited on top; unvisited ones at the end.
    rows.sort_by(|a, b| b.visits.cmp(&a.visits).then(a.id.cmp(&b.id)));
    rows
}

/// The key of one question.
type Item = (Sym, Sym, Sym);

fn item_rows(data: &Dataset, content: Option<&ContentInfo>) -> Vec<ItemRow> {
    let names = &data.names;
    // First answers per visit: item → (right?, choices).
    struct ItemAcc {
        firsts: Vec<(u32, bool)>, // (session index, right)
        picked: FxHashMap<u32, u64>,
        seen_right: FxHashSet<u32>,
    }
    let mut items: FxHashMap<Item, ItemAcc> = FxHashMap::default();
    // Per session: (answered, right) over first answers, for the rest score.
    let mut totals: Vec<(u32, u32)> = vec![(0, 0); data.sessions.len()];
    for (si, s) in data.sessions.iter().enumerate() {
        let firsts = first_answers(s);
        for a in &firsts {
            let acc = items
                .entry((a.exhibit, a.scene, a.question))
                .or_insert_with(|| ItemAcc {
                    firsts: Vec::new(),
                    picked: FxHashMap::default(),
                    seen_right: FxHashSet::default(),
                });
            acc.firsts.push((si as u32, a.correct));
            for &c in a.choice.iter() {
                *acc.picked.entry(c).or_default() += 1;
                if a.correct {
                    acc.seen_right.insert(c);
                }
            }
            totals[si].0 += 1;
            totals[si].1 += a.correct as u32;
        }
        // Later answers still show which choices are right.
        for a in &s.answers {
            if a.correct
                && let Some(acc) = items.get_mut(&(a.exhibit, a.scene, a.question))
            {
                acc.seen_right.extend(a.choice.iter().copied());
            }
        }
    }
    let mut rows: Vec<ItemRow> = items
        .into_iter()
        .map(|((e, sc, q), acc)| {
            let exhibit = names.name(e).to_owned();
            let scene = names.name(sc).to_owned();
            let question = names.name(q).to_owned();
            let info = content
                .and_then(|c| c.exhibits.iter().find(|x| x.id == exhibit))
                .and_then(|x| x.scenes.iter().find(|s| s.id == scene))
                .and_then(|s| s.questions.iter().find(|x| x.id == question));
            let responses = acc.firsts.len() as u64;
            let first_correct = acc.firsts.iter().filter(|f| f.1).count() as u64;
            let p_correct = if responses == 0 {
                0.0
            } else {
                first_correct as f64 / responses as f64
            };
            let pairs: Vec<(f64, f64)> = acc
                .firsts
                .iter()
                .filter_map(|&(si, right)| {
                    let (n, r) = totals[si as usize];
                    let (n, r) = (n - 1, r - right as u32);
                    (n > 0).then(|| (right as u8 as f64, r as f64 / n as f64))
                })
                .collect();
            let discrimination = correlation(&pairs);
            // The content's choices; without it, the indices answers used (a line with a
            // wild index must not make millions of rows).
            let indices: Vec<u32> = match info {
                Some(i) => (0..i.choices.len() as u32).collect(),
                None => {
                    let mut seen: Vec<u32> = acc
                        .picked
                        .keys()
                        .copied()
                        .filter(|&c| c < MAX_CHOICES)
                        .collect();
                    seen.sort_unstable();
                    seen
                }
            };
            let choices: Vec<ChoiceRow> = indices
                .into_iter()
                .map(|index| ChoiceRow {
                    index,
                    text: info.and_then(|i| i.choices.get(index as usize).cloned()),
                    correct: info.map_or(acc.seen_right.contains(&index), |i| {
                        i.correct.contains(&index)
                    }),
                    picked: acc.picked.get(&index).copied().unwrap_or(0),
                })
                .collect();
            let mut flags = Vec::new();
            if responses >= MIN_RESPONSES {
                if p_correct > TOO_EASY {
                    flags.push(Flag::TooEasy);
                }
                if p_correct < TOO_HARD {
                    flags.push(Flag::TooHard);
                }
                let best_right = choices.iter().filter(|c| c.correct).map(|c| c.picked).max();
                if let Some(best_right) = best_right
                    && choices.iter().any(|c| !c.correct && c.picked > best_right)
                {
                    flags.push(Flag::Misleading);
                }
                if pairs.len() as u64 >= MIN_RESPONSES && discrimination.is_some_and(|d| d < 0.0) {
                    flags.push(Flag::NegativeDiscrimination);
                }
            }
            ItemRow {
                prompt: info.map(|i| i.prompt.clone()),
                exhibit,
                scene,
                question,
                responses,
                first_correct,
                p_correct,
                discrimination,
                discrimination_n: pairs.len() as u64,
                choices,
                flags,
            }
        })
        .collect();
    // In content order when known, else by id.
    let position = |r: &ItemRow| -> (usize, usize, usize) {
        let Some(c) = content else { return (0, 0, 0) };
        let e = c
            .exhibits
            .iter()
            .position(|x| x.id == r.exhibit)
            .unwrap_or(usize::MAX);
        let scene = c
            .exhibits
            .get(e)
            .and_then(|x| x.scenes.iter().position(|s| s.id == r.scene));
        let q = c.exhibits.get(e).and_then(|x| {
            scene.and_then(|s| {
                x.scenes[s]
                    .questions
                    .iter()
                    .position(|q| q.id == r.question)
            })
        });
        (e, scene.unwrap_or(usize::MAX), q.unwrap_or(usize::MAX))
    };
    rows.sort_by(|a, b| {
        position(a).cmp(&position(b)).then_with(|| {
            (&a.exhibit, &a.scene, &a.question).cmp(&(&b.exhibit, &b.scene, &b.question))
        })
    });
    rows
}

/// Each question's first answer in this visit (answers are in time order).
pub fn first_answers(s: &Session) -> Vec<&crate::dataset::AnswerSeen> {
    let mut seen: Vec<Item> = Vec::new();
    s.answers
        .iter()
        .filter(|a| {
            let key = (a.exhibit, a.scene, a.question);
            let new = !seen.contains(&key);
            if new {
                seen.push(key);
            }
            new
        })
        .collect()
}
