//! Checks of an animation scene: keyframe order, layers and parents, colours, chapters,
//! narration audio (its real length, read from the file) and subtitle cues (order,
//! overlaps, past the narration's end, a language with one but not the other).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Checker;
use crate::animation::{Animation, Cue, Shape, Subtitles, subtitles};
use crate::diagnostics::{Diagnostic, Pos, did_you_mean};
use crate::media;
use crate::ron_spans::Path;

/// A cue may end this long after the narration before it counts as running past it
/// (timings in subtitle files are rounded to the millisecond, encoders pad a little).
const CUE_SLACK_S: f32 = 0.05;

/// Where a cue is written: inline in the exhibit file (the path of the cue list inside
/// `Cues(…)`), or in a subtitle file.
enum CueSource<'a> {
    Inline(Path),
    File { rel: &'a str, path: PathBuf },
}

impl Checker<'_> {
    pub(super) fn animation(&mut self, path: &Path, anim: &Animation) {
        let (w, h) = anim.stage;
        if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
            self.error(
                &path.field("stage"),
                format!("the stage is {w}×{h}; both sides must be more than 0"),
                Some("the usual stage is `(1600, 900)`".into()),
            );
        }
        if let Some(l) = anim.length
            && !(l > 0.0 && l.is_finite())
        {
            self.error(
                &path.field("length"),
                format!("length {l} s: an animation must last longer than 0 s"),
                Some("leave `length` out to end at the last keyframe or subtitle".into()),
            );
        }
        let length = anim.length();
        if let Some(bg) = &anim.background {
            self.colour(&path.field("background"), bg);
        }
        self.layers(path, anim, length);
        self.chapters(path, anim, length);
        self.narration(path, anim, length);
    }

    fn colour(&mut self, path: &Path, c: &str) {
        if simulation::parse_colour(c).is_none() {
            self.error(
                path,
                format!("`{c}` is not a colour"),
                Some("write it as `\"#rrggbb\"` or `\"#rrggbbaa\"`, e.g. `\"#ffcc00\"`".into()),
            );
        }
    }

    fn layers(&mut self, path: &Path, anim: &Animation, length: f32) {
        let list = path.field("layers");
        if anim.layers.is_empty() {
            self.error(
                &list,
                "the animation has no layers",
                Some("add shapes, pictures or text: see docs/animations.md".into()),
            );
        }
        self.unique_ids(anim.layers.iter().map(|l| l.id.as_str()), &list, "layer");
        for (i, layer) in anim.layers.iter().enumerate() {
            let lp = list.index(i);
            self.id(&lp.field("id"), &layer.id, "layer");
            if let Some(parent) = &layer.parent {
                match anim.layers.iter().position(|l| &l.id == parent) {
                    Some(j) if j < i => {}
                    Some(j) if j == i => self.error(
                        &lp.field("parent"),
                        format!("layer `{parent}` is its own parent"),
                        Some("leave `parent` out to place the layer on the stage".into()),
                    ),
                    Some(_) => self.error(
                        &lp.field("parent"),
                        format!("parent `{parent}` is listed after this layer"),
                        Some("list a parent before its children".into()),
                    ),
                    None => {
                        let hint =
                            match did_you_mean(parent, anim.layers.iter().map(|l| l.id.as_str())) {
                                Some(s) => format!("did you mean `{s}`?"),
                                None => "name a layer listed before this one".into(),
                            };
                        self.error(
                            &lp.field("parent"),
                            format!("no layer `{parent}`"),
                            Some(hint),
                        );
                    }
                }
            }
            if let Some(c) = &layer.colour {
                self.colour(&lp.field("colour"), c);
            }
            if let Some(o) = &layer.outline {
                self.colour(&lp.field("outline").field("colour"), &o.colour);
                if o.width.is_nan() || o.width <= 0.0 {
                    self.error(
                        &lp.field("outline").field("width"),
                        format!("outline width {} must be more than 0", o.width),
                        Some("leave `outline` out for no outline".into()),
                    );
                }
            }
            self.finite_pair(&lp.field("at"), layer.at);
            self.finite(&lp.field("rotation"), layer.rotation);
            self.scale(&lp.field("scale"), layer.scale);
            self.opacity(&lp.field("opacity"), layer.opacity);
            self.shape(&lp.field("shape"), &layer.shape);
            let mut last: Option<f32> = None;
            for (k, key) in layer.keys.iter().enumerate() {
                let kp = lp.field("keys").index(k);
                self.finite(&kp.field("at"), key.at);
                if let Some(p) = key.pos {
                    self.finite_pair(&kp.field("pos"), p);
                }
                if let Some(r) = key.rotation {
                    self.finite(&kp.field("rotation"), r);
                }
                if key.at < 0.0 {
                    self.error(
                        &kp.field("at"),
                        format!("keyframe at {} s, before the start", key.at),
                        Some("times count from 0, the start of the animation".into()),
                    );
                }
                if let Some(prev) = last
                    && key.at < prev
                {
                    self.error(
                        &kp.field("at"),
                        format!(
                            "keyframe at {} s comes after one at {prev} s: keyframes out of order",
                            key.at
                        ),
                        Some("list each layer's keyframes in time order".into()),
                    );
                }
                last = Some(last.map_or(key.at, |p| p.max(key.at)));
                if let Some(from) = key.from
                    && from >= key.at
                {
                    self.error(
                        &kp.field("from"),
                        format!(
                            "`from` {from} s is not before the keyframe's time {} s",
                            key.at
                        ),
                        Some("`from` says when the change into this keyframe starts".into()),
                    );
                }
                if anim.length.is_some() && key.at > length {
                    self.warning(
                        &kp.field("at"),
                        format!(
                            "keyframe at {} s, after the animation ends ({length} s)",
                            key.at
                        ),
                        Some("visitors never see it; lengthen the animation or remove it".into()),
                    );
                }
                let sets_nothing = key.pos.is_none()
                    && key.rotation.is_none()
                    && key.scale.is_none()
                    && key.opacity.is_none()
                    && key.colour.is_none();
                if sets_nothing {
                    self.warning(
                        &kp,
                        "this keyframe sets nothing",
                        Some("give it `pos`, `rotation`, `scale`, `opacity` or `colour`".into()),
                    );
                }
                if let Some(c) = &key.colour {
                    self.colour(&kp.field("colour"), c);
                }
                if let Some(o) = key.opacity {
                    self.opacity(&kp.field("opacity"), o);
                }
                if let Some(s) = key.scale {
                    self.scale(&kp.field("scale"), s);
                }
            }
        }
    }

    /// A number that is a number: RON reads `inf` and `NaN` too.
    fn finite(&mut self, path: &Path, v: f32) {
        if !v.is_finite() {
            self.error(path, format!("`{v}` is not a usable number here"), None);
        }
    }

    fn finite_pair(&mut self, path: &Path, (x, y): (f32, f32)) {
        if !(x.is_finite() && y.is_finite()) {
            self.error(path, format!("`({x}, {y})` is not a usable position"), None);
        }
    }

    fn scale(&mut self, path: &Path, s: f32) {
        if !(s >= 0.0 && s.is_finite()) {
            self.error(
                path,
                format!("scale {s} must be 0 or more"),
                Some("0 is too small to see, 1 is as drawn; to mirror a shape, turn it".into()),
            );
        }
    }

    fn opacity(&mut self, path: &Path, o: f32) {
        if !(0.0..=1.0).contains(&o) {
            self.error(
                path,
                format!("opacity {o} is outside 0 to 1"),
                Some("0 is invisible, 1 is solid".into()),
            );
        }
    }

    fn shape(&mut self, path: &Path, shape: &Shape) {
        let positive = |v: f32| v > 0.0;
        let bad = match shape {
            Shape::Circle { radius } => (!positive(*radius)).then_some("radius"),
            Shape::Ellipse { width, height } | Shape::Rect { width, height, .. } => {
                if !positive(*width) {
                    Some("width")
                } else {
                    (!positive(*height)).then_some("height")
                }
            }
            Shape::Image { width, file, alt } => {
                self.image(&path.field("file"), file);
                if alt.is_empty() {
                    self.warning(
                        &path.field("file"),
                        "this picture has no `alt` text",
                        Some(
                            "say in a few words what it shows, for visitors who cannot see it"
                                .into(),
                        ),
                    );
                } else {
                    self.text(&path.field("alt"), alt, "picture description", false);
                }
                (!positive(*width)).then_some("width")
            }
            Shape::Text { text, size, width } => {
                self.text(&path.field("text"), text, "text layer", true);
                if !positive(*size) {
                    Some("size")
                } else {
                    width.is_some_and(|w| !positive(w)).then_some("width")
                }
            }
            Shape::Polygon { points } => {
                for (i, p) in points.iter().enumerate() {
                    self.finite_pair(&path.field("points").index(i), *p);
                }
                if points.len() < 3 {
                    self.error(
                        &path.field("points"),
                        format!("a polygon needs at least 3 points, not {}", points.len()),
                        None,
                    );
                }
                None
            }
            Shape::Line { width, .. } => (!positive(*width)).then_some("width"),
            Shape::Group => None,
        };
        if let Some(field) = bad {
            self.error(
                &path.field(field),
                format!("`{field}` must be more than 0"),
                None,
            );
        }
    }

    fn chapters(&mut self, path: &Path, anim: &Animation, length: f32) {
        let mut last: Option<f32> = None;
        for (i, ch) in anim.chapters.iter().enumerate() {
            let cp = path.field("chapters").index(i);
            if let Some(prev) = last
                && ch.at <= prev
            {
                self.error(
                    &cp.field("at"),
                    format!(
                        "chapter at {} s does not come after the one at {prev} s",
                        ch.at
                    ),
                    Some("list chapters in time order, each starting later".into()),
                );
            }
            if !ch.at.is_finite() || ch.at < 0.0 || (ch.at >= length && length > 0.0) {
                self.error(
                    &cp.field("at"),
                    format!(
                        "chapter at {} s is outside the animation (0 to {length} s)",
                        ch.at
                    ),
                    None,
                );
            }
            last = Some(ch.at);
            self.text(&cp.field("title"), &ch.title, "chapter title", true);
        }
    }

    fn narration(&mut self, path: &Path, anim: &Animation, length: f32) {
        // The real length of each narration, read from the audio file.
        let mut heard: BTreeMap<&str, f32> = BTreeMap::new();
        for (lang, rel) in &anim.narration {
            let np = path.field("narration").key(lang);
            self.language_known(&np, lang, "narration");
            // Read when the exhibit was loaded; only a file that failed is read again, for
            // the reason.
            let read = match anim.narration_s.get(lang) {
                Some(&secs) => Ok(f64::from(secs)),
                None => media::check_audio(&self.source.dir, rel),
            };
            match read {
                Ok(secs) => {
                    let secs = secs as f32;
                    heard.insert(lang, secs);
                    if anim.length.is_some() && secs > length + CUE_SLACK_S {
                        self.warning(
                            &np,
                            format!(
                                "the narration lasts {secs:.1} s, longer than the animation ({length} s)"
                            ),
                            Some("the end is cut off; lengthen the animation".into()),
                        );
                    }
                }
                Err(e) => self.error(&np, e.to_string(), Some(e.hint())),
            }
        }
        for (lang, subs) in &anim.subtitles {
            let sp = path.field("subtitles").key(lang);
            self.language_known(&sp, lang, "subtitles");
            let (source, cues): (CueSource, &[Cue]) = match subs {
                Subtitles::Cues(cues) => (CueSource::Inline(sp.index(0)), cues),
                // Read when the exhibit was loaded; only a file that failed is read again,
                // for the reason.
                Subtitles::File(rel) => match anim.file_cues.get(lang) {
                    Some(cues) => {
                        let path = media::resolve(&self.source.dir, rel).unwrap_or_default();
                        (CueSource::File { rel, path }, cues)
                    }
                    None => {
                        if let Err(e) = subtitles::load(&self.source.dir, rel) {
                            self.error(&sp, e.to_string(), Some(e.hint()));
                        }
                        continue;
                    }
                },
            };
            if cues.is_empty() {
                self.warning(
                    &sp,
                    format!("the `{lang}` subtitles have no cues"),
                    Some("write the cues, or leave this language out of `subtitles`".into()),
                );
            }
            self.cues(&source, cues, heard.get(lang.as_str()).copied(), lang);
        }
        // Visitors in a language with no subtitles read another language's.
        if !anim.subtitles.is_empty() {
            for lang in &self.exhibit.languages {
                if !anim.subtitles.contains_key(lang) && !anim.narration.contains_key(lang) {
                    let other = anim.subtitles.keys().next().cloned().unwrap_or_default();
                    self.warning(
                        &path.field("subtitles"),
                        format!("no `{lang}` subtitles"),
                        Some(format!(
                            "visitors who chose `{lang}` get the kiosk's default language's, or `{other}`"
                        )),
                    );
                }
            }
        }
        // Every language the animation speaks is also written, and the reverse.
        if !anim.narration.is_empty() {
            for lang in anim.narration.keys() {
                if !anim.subtitles.contains_key(lang) {
                    self.error(
                        &path.field("narration").key(lang),
                        format!("the `{lang}` narration has no subtitles"),
                        Some(format!(
                            "visitors who cannot hear it miss everything it says; add `{lang}` to `subtitles`"
                        )),
                    );
                }
            }
            for lang in anim.subtitles.keys() {
                if !anim.narration.contains_key(lang) {
                    self.error(
                        &path.field("subtitles").key(lang),
                        format!("`{lang}` has subtitles but no narration"),
                        Some(format!(
                            "add a `{lang}` audio file to `narration`, or its visitors watch in silence"
                        )),
                    );
                }
            }
        }
    }

    fn language_known(&mut self, path: &Path, lang: &str, what: &str) {
        let languages = &self.exhibit.languages;
        if !languages.iter().any(|l| l == lang) {
            let hint = match did_you_mean(lang, languages.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("add `{lang}` to the exhibit's `languages`"),
            };
            self.warning(
                path,
                format!("{what} in `{lang}`, which is not in the exhibit's languages"),
                Some(hint),
            );
        }
    }

    /// Each cue: a real span, after the one before without overlapping it, and within the
    /// narration.
    fn cues(&mut self, source: &CueSource, cues: &[Cue], heard: Option<f32>, lang: &str) {
        let mut prev: Option<&Cue> = None;
        for (i, cue) in cues.iter().enumerate() {
            if !(cue.from.is_finite() && cue.to.is_finite()) || cue.from < 0.0 || cue.to <= cue.from
            {
                self.cue_problem(
                    source,
                    i,
                    cue,
                    "from",
                    format!(
                        "cue from {} s to {} s is empty or backwards",
                        cue.from, cue.to
                    ),
                    "a cue ends after it starts".into(),
                );
            }
            if let Some(p) = prev {
                if cue.from < p.from {
                    self.cue_problem(
                        source,
                        i,
                        cue,
                        "from",
                        format!(
                            "cue at {} s comes after one at {} s: cues out of order",
                            cue.from, p.from
                        ),
                        "list cues in time order".into(),
                    );
                } else if cue.from < p.to {
                    self.cue_problem(
                        source,
                        i,
                        cue,
                        "from",
                        format!(
                            "cue starting at {} s overlaps the one before, which runs to {} s",
                            cue.from, p.to
                        ),
                        "one caption at a time: end the earlier cue first".into(),
                    );
                }
            }
            if let Some(end) = heard
                && cue.to > end + CUE_SLACK_S
            {
                self.cue_problem(
                    source,
                    i,
                    cue,
                    "to",
                    format!(
                        "cue runs to {} s, past the end of the `{lang}` narration ({end:.2} s)",
                        cue.to
                    ),
                    "check the cue times against the audio file; is it the right file?".into(),
                );
            }
            prev = Some(cue);
        }
    }

    fn cue_problem(
        &mut self,
        source: &CueSource,
        index: usize,
        cue: &Cue,
        field: &str,
        message: String,
        hint: String,
    ) {
        match source {
            CueSource::Inline(list) => {
                self.error(&list.index(index).field(field), message, Some(hint));
            }
            CueSource::File { rel, path } => {
                // The file is read only when one of its cues has a problem to show.
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let line = text.lines().nth(cue.line.saturating_sub(1)).unwrap_or("");
                // Point at the start or end time on the timing line.
                let column = match field {
                    "to" => line
                        .find("-->")
                        .map_or(1, |c| line[..c].chars().count() + 5),
                    _ => 1,
                };
                let width = line.split_whitespace().next().map_or(1, str::len);
                let d = Diagnostic::error(path, Some(Pos::new(cue.line, column)), message)
                    .with_width(width)
                    .with_line_text(line)
                    .with_hint(format!("{hint} (in `{rel}`)"));
                self.out.push(d);
            }
        }
    }
}
