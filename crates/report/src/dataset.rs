//! What the report keeps while it streams the logs: one record per session and per
//! kiosk, never the lines themselves, so memory grows with visits, not with events.
//! Strings that repeat (ids of kiosks, exhibits, scenes, questions) are interned.

use rustc_hash::FxHashMap;

use usage_log::event::EventOf;
use usage_log::reader::{Record, Skip};
use usage_log::time::{Date, Timestamp};

/// An interned name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// The interner.
#[derive(Debug, Default)]
pub struct Names {
    map: FxHashMap<Box<str>, Sym>,
    list: Vec<Box<str>>,
}

impl Names {
    /// The symbol for `name`, made if new.
    pub fn sym(&mut self, name: &str) -> Sym {
        if let Some(&s) = self.map.get(name) {
            return s;
        }
        let s = Sym(self.list.len() as u32);
        self.list.push(name.into());
        self.map.insert(name.into(), s);
        s
    }

    /// The symbol for `name`, if it was ever seen.
    pub fn find(&self, name: &str) -> Option<Sym> {
        self.map.get(name).copied()
    }

    /// The name of `sym`.
    pub fn name(&self, sym: Sym) -> &str {
        &self.list[sym.0 as usize]
    }
}

/// One scene as one session saw it.
#[derive(Debug, Clone)]
pub struct SceneSeen {
    /// Exhibit id.
    pub exhibit: Sym,
    /// Scene id.
    pub scene: Sym,
    /// Scene kind (`quiz`, …), once entered.
    pub kind: Option<Sym>,
    /// First `scene_enter`.
    pub first_enter: Option<Timestamp>,
    /// How many times it was entered.
    pub enters: u32,
    /// Sum of `dwell_ms` of its exits.
    pub dwell_ms: u64,
    /// Sum of the walk-away part of that.
    pub idle_ms: u64,
    /// Controls used on it.
    pub interactions: u32,
}

/// One answer.
#[derive(Debug, Clone)]
pub struct AnswerSeen {
    /// Exhibit id.
    pub exhibit: Sym,
    /// Scene id.
    pub scene: Sym,
    /// Question id.
    pub question: Sym,
    /// When.
    pub ts: Timestamp,
    /// Chosen indices.
    pub choice: Box<[u32]>,
    /// Whether right.
    pub correct: bool,
}

/// How a session ended.
#[derive(Debug, Clone, Copy)]
pub struct EndSeen {
    /// When.
    pub ts: Timestamp,
    /// `idle`, `home`, `shutdown`.
    pub reason: Sym,
    /// Length of the session.
    pub duration_ms: u64,
    /// Walk-away tail.
    pub idle_ms: u64,
}

/// One visit.
#[derive(Debug, Clone)]
pub struct Session {
    /// The kiosk.
    pub kiosk: Sym,
    /// The anonymous session id.
    pub id: Box<str>,
    /// `session_start` time.
    pub start: Option<Timestamp>,
    /// Earliest event.
    pub first_ts: Timestamp,
    /// Latest event.
    pub last_ts: Timestamp,
    /// Starting language.
    pub lang: Option<Sym>,
    /// Every language used, in order.
    pub langs: Vec<Sym>,
    /// Starting input device.
    pub input: Option<Sym>,
    /// The end, if logged.
    pub end: Option<EndSeen>,
    /// Scenes seen, in order of first entry.
    pub scenes: Vec<SceneSeen>,
    /// Answers, in log order.
    pub answers: Vec<AnswerSeen>,
}

impl Session {
    fn new(kiosk: Sym, id: &str, ts: Timestamp) -> Self {
        Session {
            kiosk,
            id: id.into(),
            start: None,
            first_ts: ts,
            last_ts: ts,
            lang: None,
            langs: Vec::new(),
            input: None,
            end: None,
            scenes: Vec::new(),
            answers: Vec::new(),
        }
    }

    fn scene(&mut self, exhibit: Sym, scene: Sym) -> &mut SceneSeen {
        let i = match self
            .scenes
            .iter()
            .position(|s| s.exhibit == exhibit && s.scene == scene)
        {
            Some(i) => i,
            None => {
                self.scenes.push(SceneSeen {
                    exhibit,
                    scene,
                    kind: None,
                    first_enter: None,
                    enters: 0,
                    dwell_ms: 0,
                    idle_ms: 0,
                    interactions: 0,
                });
                self.scenes.len() - 1
            }
        };
        &mut self.scenes[i]
    }

    /// When the visit began: `session_start`, else its first event.
    pub fn began(&self) -> Timestamp {
        self.start.unwrap_or(self.first_ts)
    }
}

/// One kiosk's running record.
#[derive(Debug, Clone, Default)]
pub struct KioskSeen {
    /// First event.
    pub first_ts: Option<Timestamp>,
    /// Last event.
    pub last_ts: Option<Timestamp>,
    /// Events read.
    pub events: u64,
    /// `kiosk_start`s.
    pub starts: u64,
    /// `kiosk_stop`s.
    pub clean_stops: u64,
    /// Starts that followed a run without a stop (crash, power cut, kill).
    pub unclean_restarts: u64,
    /// Time between each start and its stop (or its last event).
    pub uptime_ms: u64,
    run_start: Option<Timestamp>,
    /// `error` events.
    pub errors: u64,
    /// Error messages and their counts (the first 50 distinct; later ones as "other").
    pub error_messages: FxHashMap<Box<str>, u64>,
    /// Events the kiosk itself reported it could not write.
    pub dropped: u64,
    /// Kiosk program versions seen.
    pub versions: Vec<Box<str>>,
}

impl KioskSeen {
    fn close_run(&mut self) {
        if let (Some(start), Some(last)) = (self.run_start.take(), self.last_ts) {
            self.uptime_ms += (last.0 - start.0).max(0) as u64;
        }
    }
}

/// Which lines count.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// First day, inclusive (local, see `utc_offset_minutes`).
    pub from: Option<Date>,
    /// Last day, inclusive.
    pub to: Option<Date>,
    /// Only these kiosks (empty: all).
    pub kiosks: Vec<String>,
    /// The venue's offset from UTC in minutes: `from` and `to` are its local days.
    pub utc_offset_minutes: i32,
}

impl Filter {
    /// Whether a file of UTC day `date` can hold lines that count (a local day spans
    /// two UTC days).
    pub fn wants_day(&self, date: Option<Date>) -> bool {
        let Some(d) = date else { return true };
        let day = d.days_since_epoch();
        self.from.is_none_or(|f| day + 1 >= f.days_since_epoch())
            && self.to.is_none_or(|t| day <= t.days_since_epoch() + 1)
    }

    fn offset_ms(&self) -> i64 {
        self.utc_offset_minutes as i64 * 60_000
    }

    fn start_ms(&self) -> i64 {
        self.from
            .map_or(i64::MIN, |d| Timestamp::at_midnight(d).0 - self.offset_ms())
    }

    fn end_ms(&self) -> i64 {
        self.to.map_or(i64::MAX, |d| {
            Timestamp::at_midnight(d.succ()).0 - self.offset_ms()
        })
    }
}

/// Everything read.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Interned names.
    pub names: Names,
    /// Visits.
    pub sessions: Vec<Session>,
    index: FxHashMap<Sym, FxHashMap<Box<str>, u32>>,
    /// Kiosks by id.
    pub kiosks: FxHashMap<Sym, KioskSeen>,
    /// Uses of each control: (exhibit, scene, control) → count.
    pub controls: FxHashMap<(Sym, Sym, Sym), u64>,
    /// Lines skipped, by reason (index into [`Skip::ALL`]).
    pub skipped: [u64; 6],
    /// Lines read and counted.
    pub events: u64,
    /// Lines outside the filter.
    pub filtered_out: u64,
    /// Files read.
    pub files: u64,
    /// Bytes read.
    pub bytes: u64,
    filter_from: i64,
    filter_to: i64,
    filter_kiosks: Vec<String>,
    /// The last line's kiosk and session: the next line is nearly always the same
    /// kiosk and often the same session, so two hash lookups are saved per line.
    last_kiosk: Option<(Box<str>, Sym)>,
    last_session: Option<(Sym, Box<str>, usize)>,
    /// The last line's exhibit and scene, and their symbols.
    last_place: Option<(Box<str>, Box<str>, Sym, Sym)>,
}

impl Dataset {
    /// An empty dataset that will keep what `filter` lets through.
    pub fn new(filter: &Filter) -> Self {
        Dataset {
            filter_from: filter.start_ms(),
            filter_to: filter.end_ms(),
            filter_kiosks: filter.kiosks.clone(),
            ..Default::default()
        }
    }

    /// Counts a skipped line.
    pub fn skip(&mut self, why: Skip) {
        let i = Skip::ALL.iter().position(|&s| s == why).unwrap_or(1);
        self.skipped[i] += 1;
    }

    /// Takes in one line.
    pub fn add(&mut self, line: &Record) {
        let ts = line.ts;
        let kiosk_id: &str = &line.kiosk;
        if ts.0 < self.filter_from
            || ts.0 >= self.filter_to
            || (!self.filter_kiosks.is_empty() && !self.filter_kiosks.iter().any(|k| k == kiosk_id))
        {
            self.filtered_out += 1;
            return;
        }
        self.events += 1;
        let kiosk = match &self.last_kiosk {
            Some((name, sym)) if **name == *kiosk_id => *sym,
            _ => {
                let sym = self.names.sym(kiosk_id);
                self.last_kiosk = Some((kiosk_id.into(), sym));
                sym
            }
        };
        let k = self.kiosks.entry(kiosk).or_default();
        k.events += 1;
        match &line.event {
            EventOf::KioskStart { version } => {
                if k.run_start.is_some() {
                    k.unclean_restarts += 1;
                    k.close_run();
                }
                k.starts += 1;
                k.run_start = Some(ts);
                if !k.versions.iter().any(|x| **x == **version) {
                    k.versions.push((**version).into());
                }
            }
            EventOf::KioskStop { .. } => {
                k.last_ts = Some(k.last_ts.map_or(ts, |l| l.max(ts)));
                if k.run_start.is_some() {
                    k.clean_stops += 1;
                    k.close_run();
                }
            }
            EventOf::Error {
                message, dropped, ..
            } => {
                k.errors += 1;
                k.dropped += dropped.unwrap_or(0);
                let msg: &str = message;
                let n = k.error_messages.len();
                match k.error_messages.get_mut(msg) {
                    Some(c) => *c += 1,
                    None if n < 50 => {
                        k.error_messages.insert(msg.into(), 1);
                    }
                    None => {
                        *k.error_messages
                            .entry("(other messages)".into())
                            .or_default() += 1
                    }
                }
            }
            // Logs that begin mid-run (a `--from` day, a lost file) still count uptime
            // from the first sign of life.
            _ if k.run_start.is_none() => k.run_start = Some(ts),
            _ => {}
        }
        k.first_ts = Some(k.first_ts.map_or(ts, |f| f.min(ts)));
        k.last_ts = Some(k.last_ts.map_or(ts, |l| l.max(ts)));
        let Some(id) = line.event.session() else {
            return;
        };
        let id: &str = id;
        let i = match &self.last_session {
            Some((k, name, i)) if *k == kiosk && **name == *id => *i,
            _ => {
                let index = self.index.entry(kiosk).or_default();
                let i = match index.get(id) {
                    Some(&i) => i as usize,
                    None => {
                        index.insert(id.into(), self.sessions.len() as u32);
                        self.sessions.push(Session::new(kiosk, id, ts));
                        self.sessions.len() - 1
                    }
                };
                self.last_session = Some((kiosk, id.into(), i));
                i
            }
        };
        let names = &mut self.names;
        let last_place = &mut self.last_place;
        let s = &mut self.sessions[i];
        s.first_ts = s.first_ts.min(ts);
        s.last_ts = s.last_ts.max(ts);
        // Consecutive lines are mostly on the same scene.
        let mut place = |names: &mut Names| {
            let (exhibit, scene): (&str, &str) =
                line.event.place().map_or(("", ""), |(e, s)| (e, s));
            match last_place {
                Some((e, sc, es, ss)) if **e == *exhibit && **sc == *scene => (*es, *ss),
                _ => {
                    let syms = (names.sym(exhibit), names.sym(scene));
                    *last_place = Some((exhibit.into(), scene.into(), syms.0, syms.1));
                    syms
                }
            }
        };
        match &line.event {
            EventOf::SessionStart { lang, input, .. } => {
                s.start = Some(ts);
                let lang = names.sym(lang);
                s.lang = Some(lang);
                if !s.langs.contains(&lang) {
                    s.langs.insert(0, lang);
                }
                s.input = Some(names.sym(input));
            }
            EventOf::LanguageChange { lang, .. } => {
                let lang = names.sym(lang);
                if !s.langs.contains(&lang) {
                    s.langs.push(lang);
                }
            }
            EventOf::SceneEnter { kind, .. } => {
                let (e, sc) = place(names);
                let kind = names.sym(kind);
                let seen = s.scene(e, sc);
                seen.kind = Some(kind);
                seen.enters += 1;
                seen.first_enter = Some(seen.first_enter.map_or(ts, |f| f.min(ts)));
            }
            EventOf::SceneExit {
                dwell_ms, idle_ms, ..
            } => {
                let (e, sc) = place(names);
                let seen = s.scene(e, sc);
                seen.dwell_ms += dwell_ms;
                seen.idle_ms += idle_ms.unwrap_or(0).min(*dwell_ms);
            }
            EventOf::QuizAnswer {
                question,
                choice,
                correct,
                ..
            } => {
                let (e, sc) = place(names);
                let question = names.sym(question);
                s.answers.push(AnswerSeen {
                    exhibit: e,
                    scene: sc,
                    question,
                    ts,
                    choice: choice.as_slice().into(),
                    correct: *correct,
                });
            }
            EventOf::Interaction { control, .. } => {
                let (e, sc) = place(names);
                s.scene(e, sc).interactions += 1;
                let control = names.sym(control);
                *self.controls.entry((e, sc, control)).or_default() += 1;
            }
            EventOf::SessionEnd {
                reason,
                duration_ms,
                idle_ms,
                ..
            } => {
                s.end = Some(EndSeen {
                    ts,
                    reason: names.sym(reason),
                    duration_ms: *duration_ms,
                    idle_ms: (*idle_ms).min(*duration_ms),
                });
            }
            _ => {}
        }
    }

    /// Ends open kiosk runs at their last event (call once all lines are in).
    pub fn finish(&mut self) {
        for k in self.kiosks.values_mut() {
            k.close_run();
        }
        // Answers in time order, whatever order the files came in.
        for s in &mut self.sessions {
            s.answers.sort_by_key(|a| a.ts);
        }
    }

    /// Adds everything `other` read (another thread's share of the files).
    pub fn merge(&mut self, other: Dataset) {
        let map: Vec<Sym> = other.names.list.iter().map(|n| self.names.sym(n)).collect();
        let m = |s: Sym| map[s.0 as usize];
        for (i, n) in other.skipped.iter().enumerate() {
            self.skipped[i] += n;
        }
        self.events += other.events;
        self.filtered_out += other.filtered_out;
        self.files += other.files;
        self.bytes += other.bytes;
        for ((e, s, c), n) in other.controls {
            *self.controls.entry((m(e), m(s), m(c))).or_default() += n;
        }
        for (k, o) in other.kiosks {
            let mine = self.kiosks.entry(m(k)).or_default();
            mine.first_ts = [mine.first_ts, o.first_ts].into_iter().flatten().min();
            mine.last_ts = [mine.last_ts, o.last_ts].into_iter().flatten().max();
            mine.events += o.events;
            mine.starts += o.starts;
            mine.clean_stops += o.clean_stops;
            mine.unclean_restarts += o.unclean_restarts;
            mine.uptime_ms += o.uptime_ms;
            mine.errors += o.errors;
            mine.dropped += o.dropped;
            for (msg, n) in o.error_messages {
                *mine.error_messages.entry(msg).or_default() += n;
            }
            for v in o.versions {
                if !mine.versions.contains(&v) {
                    mine.versions.push(v);
                }
            }
        }
        for mut s in other.sessions {
            s.kiosk = m(s.kiosk);
            s.lang = s.lang.map(m);
            s.input = s.input.map(m);
            s.langs.iter_mut().for_each(|l| *l = m(*l));
            if let Some(end) = &mut s.end {
                end.reason = m(end.reason);
            }
            for sc in &mut s.scenes {
                sc.exhibit = m(sc.exhibit);
                sc.scene = m(sc.scene);
                sc.kind = sc.kind.map(m);
            }
            for a in &mut s.answers {
                a.exhibit = m(a.exhibit);
                a.scene = m(a.scene);
                a.question = m(a.question);
            }
            let index = self.index.entry(s.kiosk).or_default();
            match index.get(&s.id) {
                None => {
                    index.insert(s.id.clone(), self.sessions.len() as u32);
                    self.sessions.push(s);
                }
                // The same visit in two shares (a file copied into two folders, or a
                // visit spread over folders): join the two halves.
                Some(&i) => join_sessions(&mut self.sessions[i as usize], s),
            }
        }
    }
}

fn join_sessions(a: &mut Session, b: Session) {
    a.start = a.start.or(b.start);
    a.first_ts = a.first_ts.min(b.first_ts);
    a.last_ts = a.last_ts.max(b.last_ts);
    a.lang = a.lang.or(b.lang);
    a.input = a.input.or(b.input);
    for l in b.langs {
        if !a.langs.contains(&l) {
            a.langs.push(l);
        }
    }
    a.end = a.end.or(b.end);
    for sc in b.scenes {
        let mine = a.scene(sc.exhibit, sc.scene);
        mine.kind = mine.kind.or(sc.kind);
        mine.first_enter = [mine.first_enter, sc.first_enter]
            .into_iter()
            .flatten()
            .min();
        mine.enters += sc.enters;
        mine.dwell_ms += sc.dwell_ms;
        mine.idle_ms += sc.idle_ms;
        mine.interactions += sc.interactions;
    }
    a.answers.extend(b.answers);
}
