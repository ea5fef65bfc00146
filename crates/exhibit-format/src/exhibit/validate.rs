//! Checks an exhibit beyond what parsing catches, reporting every problem at once, each
//! pointing at the value in the file.

use std::collections::HashMap;

mod accessibility;
mod animation;

use super::{
    Demonstration, Exhibit, ExhibitSource, FORMAT_VERSION, Question, QuestionKind, Quiz, SceneKind,
};
use crate::diagnostics::{Diagnostic, Severity, did_you_mean};
use crate::media;
use crate::ron_spans::{Path, Seg};
use crate::text::Text;

/// All problems of `exhibit` (parsed from `source`), in no particular order.
pub fn validate_exhibit(exhibit: &Exhibit, source: &ExhibitSource) -> Vec<Diagnostic> {
    let mut v = Checker {
        source,
        exhibit,
        out: Vec::new(),
    };
    v.exhibit();
    v.out
}

struct Checker<'a> {
    source: &'a ExhibitSource,
    exhibit: &'a Exhibit,
    out: Vec<Diagnostic>,
}

/// A valid id: what reports, logs and links use to name things.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Checker<'_> {
    fn error(&mut self, path: &Path, message: impl Into<String>, hint: Option<String>) {
        self.report(Severity::Error, path, message, hint);
    }

    fn warning(&mut self, path: &Path, message: impl Into<String>, hint: Option<String>) {
        self.report(Severity::Warning, path, message, hint);
    }

    fn report(
        &mut self,
        severity: Severity,
        path: &Path,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let d = self
            .source
            .spans
            .diagnostic(severity, &self.source.file, path, message);
        self.out.push(d.with_hint_opt(hint));
    }

    fn exhibit(&mut self) {
        let e = self.exhibit;
        let root = Path::root();
        if e.format != FORMAT_VERSION {
            self.error(
                &root.field("format"),
                format!(
                    "format {} is not known to this kiosk (it reads format {FORMAT_VERSION})",
                    e.format
                ),
                Some("update the kiosk, or write the exhibit in format 1".into()),
            );
        }
        self.id(&root.field("id"), &e.id, "exhibit");
        if let Some(folder) = self.source.dir.file_name().and_then(|f| f.to_str())
            && folder != e.id
            && is_valid_id(&e.id)
        {
            self.warning(
                &root.field("id"),
                format!(
                    "exhibit id `{}` differs from its folder name `{folder}`",
                    e.id
                ),
                Some("name the folder after the id so technicians can find it".into()),
            );
        }
        if e.languages.is_empty() {
            self.error(
                &root.field("languages"),
                "an exhibit needs at least one language",
                Some(r#"e.g. `languages: ["zh-Hans", "en"]`"#.into()),
            );
        }
        let mut seen = HashMap::new();
        for (i, lang) in e.languages.iter().enumerate() {
            if seen.insert(lang.as_str(), i).is_some() {
                self.warning(
                    &root.field("languages").index(i),
                    format!("language `{lang}` is listed twice"),
                    None,
                );
            }
        }
        self.text(&root.field("title"), &e.title, "title", true);
        self.text(&root.field("summary"), &e.summary, "summary", false);
        if let Some(thumb) = &e.thumbnail {
            self.image(&root.field("thumbnail"), thumb);
        }
        for (i, font) in e.fonts.iter().enumerate() {
            if let Err(err) = media::load_font(&self.source.dir, font) {
                self.error(
                    &root.field("fonts").index(i),
                    err.to_string(),
                    Some(err.hint()),
                );
            }
        }
        if e.scenes.is_empty() {
            self.error(
                &root.field("scenes"),
                "an exhibit needs at least one scene",
                None,
            );
        }
        self.unique_ids(
            e.scenes.iter().map(|s| s.id.as_str()),
            &root.field("scenes"),
            "scene",
        );
        for (i, scene) in e.scenes.iter().enumerate() {
            let path = root.field("scenes").index(i);
            self.id(&path.field("id"), &scene.id, "scene");
            self.text(&path.field("title"), &scene.title, "scene title", false);
            if let Some(next) = &scene.next {
                if e.scene_index(next).is_none() {
                    let hint = match did_you_mean(next, e.scenes.iter().map(|s| s.id.as_str())) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "scenes in this exhibit: {}",
                            e.scenes
                                .iter()
                                .map(|s| format!("`{}`", s.id))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.error(
                        &path.field("next"),
                        format!("`next` links to scene `{next}`, which does not exist"),
                        Some(hint),
                    );
                } else if next == &scene.id {
                    self.error(
                        &path.field("next"),
                        format!("scene `{next}` links to itself"),
                        Some("leave `next` out to go on to the following scene".into()),
                    );
                }
            }
            match &scene.kind {
                SceneKind::Quiz(quiz) => self.quiz(&path.field("kind"), quiz),
                SceneKind::Demonstration(demo) => self.demonstration(&path.field("kind"), demo),
                SceneKind::Animation(anim) => self.animation(&path.field("kind"), anim),
            }
        }
        self.accessibility();
    }

    fn id(&mut self, path: &Path, id: &str, what: &str) {
        if !is_valid_id(id) {
            self.error(
                path,
                format!("{what} id `{id}` may only hold lower-case letters, digits, `-` and `_`"),
                Some("ids name things in logs and reports; e.g. `earthquake-safety`".into()),
            );
        }
    }

    fn unique_ids<'i>(&mut self, ids: impl Iterator<Item = &'i str>, list: &Path, what: &str) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(&j) = first.get(id) {
                let earlier = self.source.spans.locate(&list.index(j).field("id"));
                self.error(
                    &list.index(i).field("id"),
                    format!("duplicate {what} id `{id}`"),
                    Some(format!(
                        "first used on line {}; give each {what} its own id",
                        earlier.pos.line
                    )),
                );
            } else {
                first.insert(id, i);
            }
        }
    }

    /// Visitor text: present in every claimed language (warning, it falls back), and not
    /// written for languages the exhibit does not claim.
    fn text(&mut self, path: &Path, text: &Text, what: &str, required: bool) {
        if text.is_empty() {
            if required {
                self.error(
                    path,
                    format!("{what} is empty"),
                    Some(r#"write it per language: `{"zh-Hans": "…", "en": "…"}`"#.into()),
                );
            }
            return;
        }
        let languages = &self.exhibit.languages;
        for (i, lang) in languages.iter().enumerate() {
            // A language listed twice is reported once, where it is listed.
            if !text.has(lang) && !languages[..i].contains(lang) {
                let shown = languages
                    .iter()
                    .find(|l| text.has(l))
                    .or_else(|| text.0.keys().next());
                self.warning(
                    path,
                    format!("{what} has no `{lang}` text"),
                    Some(match shown {
                        Some(s) => format!("visitors who choose `{lang}` will read the kiosk's default language (or `{s}`) here"),
                        None => "add the text".into(),
                    }),
                );
            }
        }
        for lang in text.0.keys() {
            if !languages.contains(lang) {
                let hint = match did_you_mean(lang, languages.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`? Otherwise add `{lang}` to `languages`"),
                    None => format!("add `{lang}` to `languages`, or remove this text"),
                };
                self.warning(
                    &path.key(lang),
                    format!("{what} has text in `{lang}`, which is not in the exhibit's languages"),
                    Some(hint),
                );
            }
        }
    }

    fn image(&mut self, path: &Path, rel: &str) {
        if let Err(e) = media::check_image(&self.source.dir, rel) {
            self.error(path, e.to_string(), Some(e.hint()));
        }
    }

    /// A demonstration: the model's own checks (names, expressions, ranges), each pointed
    /// at the value and, inside an expression, at the character; then its visitor text
    /// and pictures.
    fn demonstration(&mut self, path: &Path, demo: &Demonstration) {
        let issues = match simulation::compile(demo) {
            Ok((_, warnings)) => warnings,
            Err(issues) => issues,
        };
        for issue in issues {
            let mut at = path.clone();
            for step in &issue.at {
                at.0.push(match step {
                    simulation::At::Field(f) => Seg::Field((*f).to_owned()),
                    simulation::At::Index(i) => Seg::Index(*i),
                    simulation::At::Key(k) => Seg::Key(k.clone()),
                });
            }
            let severity = if issue.warning {
                Severity::Warning
            } else {
                Severity::Error
            };
            let mut d =
                self.source
                    .spans
                    .diagnostic(severity, &self.source.file, &at, issue.message);
            if let (Some((offset, len)), Some(pos)) = (issue.span, d.pos.as_mut()) {
                // Inside the string: past the opening quote, then `offset` characters on.
                // Expressions hold no escapes or line breaks, so columns count straight.
                let spot = self.source.spans.locate(&at);
                if spot.exact {
                    pos.column += 1 + offset;
                    d.width = u32::try_from(len).unwrap_or(u32::MAX);
                }
            }
            self.out.push(d.with_hint_opt(issue.hint));
        }
        if let Some(intro) = &demo.intro {
            self.text(&path.field("intro"), intro, "demonstration intro", false);
        }
        for (i, p) in demo.parameters.iter().enumerate() {
            let pp = path.field("parameters").index(i);
            let required = p.control != simulation::ControlKind::Hidden;
            self.text(&pp.field("label"), &p.label, "parameter label", required);
        }
        for (i, d) in demo.derived.iter().enumerate() {
            if let Some(label) = &d.label {
                self.text(
                    &path.field("derived").index(i).field("label"),
                    label,
                    "label",
                    true,
                );
            }
        }
        for (i, e) in demo.events.iter().enumerate() {
            if let Some(m) = &e.message {
                self.text(
                    &path.field("events").index(i).field("message"),
                    m,
                    "event message",
                    true,
                );
            }
        }
        for (i, shape) in demo.shapes.iter().enumerate() {
            let sp = path.field("shapes").index(i);
            match shape {
                simulation::Shape::Image { file, alt, .. } => {
                    self.image(&sp.field("file"), file);
                    match alt.as_ref().filter(|a| !a.is_empty()) {
                        Some(alt) => self.text(&sp.field("alt"), alt, "picture description", false),
                        None => self.warning(
                            &sp.field("file"),
                            "this picture has no `alt` text",
                            Some(
                                "say in a few words what it shows, for visitors who cannot see it"
                                    .into(),
                            ),
                        ),
                    }
                }
                simulation::Shape::Arrow { label: Some(l), .. } => {
                    self.text(&sp.field("label"), l, "arrow label", false);
                }
                simulation::Shape::Label { text: Some(l), .. } => {
                    self.text(&sp.field("text"), l, "label", false);
                }
                _ => {}
            }
        }
        if let Some(g) = &demo.graph {
            for (i, s) in g.series.iter().enumerate() {
                let sp = path.field("graph").field("series").index(i);
                self.text(&sp.field("label"), &s.label, "graph series label", true);
            }
        }
    }

    fn quiz(&mut self, path: &Path, quiz: &Quiz) {
        self.text(&path.field("intro"), &quiz.intro, "quiz intro", false);
        if quiz.questions.is_empty() {
            self.error(
                &path.field("questions"),
                "a quiz needs at least one question",
                None,
            );
        }
        self.unique_ids(
            quiz.questions.iter().map(|q| q.id.as_str()),
            &path.field("questions"),
            "question",
        );
        for (i, q) in quiz.questions.iter().enumerate() {
            self.question(&path.field("questions").index(i), q);
        }
    }

    fn question(&mut self, path: &Path, q: &Question) {
        self.id(&path.field("id"), &q.id, "question");
        self.text(&path.field("prompt"), &q.prompt, "question prompt", true);
        self.text(
            &path.field("explanation"),
            &q.explanation,
            "explanation",
            false,
        );
        if q.explanation.is_empty() {
            self.warning(
                &path.field("explanation"),
                format!("question `{}` has no explanation", q.id),
                Some("the explanation is where visitors learn; say why the answer is right".into()),
            );
        }
        if let Some(img) = &q.image {
            self.image(&path.field("image"), img);
            if q.image_alt.is_empty() {
                self.warning(
                    &path.field("image"),
                    format!("the image of question `{}` has no `image_alt`", q.id),
                    Some("say in words what the picture shows: visitors who cannot see it hear or read that instead".into()),
                );
            }
        }
        self.text(
            &path.field("image_alt"),
            &q.image_alt,
            "image description",
            false,
        );
        let correct = q.choices.iter().filter(|c| c.correct).count();
        match q.kind {
            QuestionKind::TrueFalse => {
                if q.answer.is_none() {
                    self.error(
                        path,
                        format!("true/false question `{}` has no `answer`", q.id),
                        Some(
                            "add `answer: true` if the statement is true, `answer: false` if not"
                                .into(),
                        ),
                    );
                }
                if !q.choices.is_empty() {
                    self.error(
                        &path.field("choices"),
                        format!("true/false question `{}` takes no `choices`", q.id),
                        Some(
                            "the kiosk shows True and False itself; use `answer` and `explanation`"
                                .into(),
                        ),
                    );
                }
            }
            kind => {
                if q.answer.is_some() {
                    self.warning(
                        &path.field("answer"),
                        "`answer` is only used by true/false questions and is ignored here",
                        Some("mark the right choices with `correct: true`".into()),
                    );
                }
                if q.choices.len() < 2 {
                    self.error(
                        &path.field("choices"),
                        format!("question `{}` needs at least two choices", q.id),
                        None,
                    );
                } else if correct == 0 {
                    self.error(
                        &path.field("choices"),
                        format!("question `{}` has no correct answer", q.id),
                        Some("mark the right choice with `correct: true`".into()),
                    );
                } else if correct > 1 && kind == QuestionKind::SingleChoice {
                    self.error(
                        &path.field("choices"),
                        format!(
                            "single-choice question `{}` has {correct} correct choices",
                            q.id
                        ),
                        Some("use `kind: MultipleChoice`, or mark only one choice correct".into()),
                    );
                }
                for (i, c) in q.choices.iter().enumerate() {
                    let cp = path.field("choices").index(i);
                    self.text(&cp.field("text"), &c.text, "choice", true);
                    self.text(&cp.field("feedback"), &c.feedback, "choice feedback", false);
                }
            }
        }
    }
}
