//! Animation scenes: a keyframed 2D sequence with chapters, narration per language and
//! subtitles. The format (plain serde types) is here; evaluating it at a moment and reading
//! subtitles live in the submodules, all free of rendering. A visitor's playback is the
//! kiosk's (`kiosk::kiosk_app::scenes::animation_playback`).
//!
//! Reference for designers: `docs/animations.md`.

pub mod ease;
pub mod subtitles;
pub mod timeline;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use ease::Ease;
pub use subtitles::{Cue, SubtitleError};
pub use timeline::{LayerFrame, frame};

use crate::text::{Lang, Text};

fn stage() -> (f32, f32) {
    (1600.0, 900.0)
}

fn one() -> f32 {
    1.0
}

/// An animation scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Animation {
    /// Size of the stage in points, `(width, height)` (default `(1600, 900)`). Layer
    /// positions are in these units, from the top-left corner, y downwards; the kiosk
    /// scales the stage to fit the screen.
    #[serde(default = "stage")]
    pub stage: (f32, f32),
    /// Stage colour, `"#rrggbb"` (default: the kiosk's surface colour).
    #[serde(default)]
    pub background: Option<String>,
    /// Length in seconds (default: the latest keyframe, subtitle cue or chapter start).
    #[serde(default)]
    pub length: Option<f32>,
    /// Start again from the beginning at the end (default false: it stops on the last
    /// frame and the visitor goes on with Next).
    #[serde(default, rename = "loop")]
    pub looping: bool,
    /// Chapters, by start time: the scrub bar marks them and Next / Previous chapter jump
    /// between them (default: none).
    #[serde(default)]
    pub chapters: Vec<Chapter>,
    /// One narration audio file per language (Ogg Vorbis or WAV), relative to the
    /// exhibit folder (default: none, a silent animation).
    #[serde(default)]
    pub narration: BTreeMap<Lang, String>,
    /// Subtitles per language: cues written here or an `.srt` / `.vtt` file.
    #[serde(default)]
    pub subtitles: BTreeMap<Lang, Subtitles>,
    /// The layers, drawn in order (later ones on top).
    pub layers: Vec<Layer>,
    /// Cues of the subtitle files, read when the exhibit is loaded (see
    /// [`Animation::read_media`]).
    #[serde(skip)]
    pub file_cues: BTreeMap<Lang, Vec<Cue>>,
    /// Seconds each narration file lasts, read when the exhibit is loaded.
    #[serde(skip)]
    pub narration_s: BTreeMap<Lang, f32>,
}

/// One chapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Start, in seconds.
    pub at: f32,
    /// Title, shown over the scrub bar while the chapter plays.
    pub title: Text,
}

/// Subtitles of one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Subtitles {
    /// A SubRip (`.srt`) or WebVTT (`.vtt`) file, relative to the exhibit folder.
    File(String),
    /// Cues written in the exhibit file.
    Cues(Vec<Cue>),
}

/// One layer: a shape, picture or text, with its starting look and keyframes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Id, unique within the animation (children name their parent by it).
    pub id: String,
    /// What the layer shows.
    pub shape: Shape,
    /// A layer listed earlier that this one moves, turns, scales and fades with; its
    /// `at` is then relative to the parent's position (default: none, the stage).
    #[serde(default)]
    pub parent: Option<String>,
    /// Position of the layer's centre at the start, `(x, y)` (default `(0, 0)`).
    #[serde(default)]
    pub at: (f32, f32),
    /// Rotation at the start, degrees clockwise (default 0).
    #[serde(default)]
    pub rotation: f32,
    /// Scale at the start (default 1).
    #[serde(default = "one")]
    pub scale: f32,
    /// Opacity at the start, 0 to 1 (default 1).
    #[serde(default = "one")]
    pub opacity: f32,
    /// Fill colour at the start, `"#rrggbb"` or `"#rrggbbaa"` (default white; for text,
    /// the text colour).
    #[serde(default)]
    pub colour: Option<String>,
    /// Outline, if any (default none).
    #[serde(default)]
    pub outline: Option<Outline>,
    /// Keyframes, in time order.
    #[serde(default)]
    pub keys: Vec<Key>,
    /// Under reduced motion, what large movements of this layer become (default `Fade`).
    #[serde(default)]
    pub reduced_motion: ReducedMotion,
}

/// An outline drawn around a shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    /// Width in points.
    pub width: f32,
    /// Colour, `"#rrggbb"`.
    pub colour: String,
}

/// What a layer shows. Sizes are in stage points, before scaling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Shape {
    /// Nothing: a pivot that children move with (e.g. an orbit's arm).
    Group,
    /// A circle.
    Circle {
        /// Radius.
        radius: f32,
    },
    /// An ellipse.
    Ellipse {
        /// Width.
        width: f32,
        /// Height.
        height: f32,
    },
    /// A rectangle, optionally with rounded corners.
    Rect {
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Corner radius (default 0).
        #[serde(default)]
        corner: f32,
    },
    /// A filled polygon; points relative to the layer's position.
    Polygon {
        /// Corners, `(x, y)`.
        points: Vec<(f32, f32)>,
    },
    /// A line from the layer's position to `to` (relative), drawn in the layer colour.
    Line {
        /// End, relative to the start.
        to: (f32, f32),
        /// Thickness (default 6).
        #[serde(default = "line_width")]
        width: f32,
        /// An arrowhead at the end (default false).
        #[serde(default)]
        arrow: bool,
    },
    /// A picture from the exhibit folder (PNG or JPEG), centred on the position.
    Image {
        /// Path relative to the exhibit folder.
        file: String,
        /// Width on the stage; the height follows the picture's shape.
        width: f32,
        /// What the picture shows, for visitors who cannot see it.
        #[serde(default)]
        alt: Text,
    },
    /// Text in the visitor's language, centred on the position.
    Text {
        /// The words.
        text: Text,
        /// Font size in stage points (default 40).
        #[serde(default = "text_size")]
        size: f32,
        /// Wrap width (default: no wrapping).
        #[serde(default)]
        width: Option<f32>,
    },
}

fn line_width() -> f32 {
    6.0
}

fn text_size() -> f32 {
    40.0
}

/// A keyframe: the values the layer reaches at time `at`, arriving along `ease` from the
/// previous keyframe that set the same value (or from the layer's starting look).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// Time in seconds.
    pub at: f32,
    /// When the change into this keyframe starts (default: at the previous keyframe that
    /// set the same value, or 0): before it, the value holds still.
    #[serde(default)]
    pub from: Option<f32>,
    /// Position, `(x, y)`.
    #[serde(default)]
    pub pos: Option<(f32, f32)>,
    /// Rotation, degrees clockwise (values past 360 turn further).
    #[serde(default)]
    pub rotation: Option<f32>,
    /// Scale.
    #[serde(default)]
    pub scale: Option<f32>,
    /// Opacity, 0 to 1.
    #[serde(default)]
    pub opacity: Option<f32>,
    /// Colour, `"#rrggbb"` or `"#rrggbbaa"` (blended in the Oklab colour space).
    #[serde(default)]
    pub colour: Option<String>,
    /// The easing curve into this keyframe (default `SineInOut`; `Cut` jumps at `at`).
    #[serde(default)]
    pub ease: Ease,
}

/// What a layer's large movements become under reduced motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ReducedMotion {
    /// A quick fade out at the old place and in at the new one, halfway through.
    #[default]
    Fade,
    /// A cut: the layer jumps to the new place halfway through.
    Cut,
    /// Moves as usual (small or essential motion, e.g. a slowly filling bar).
    Keep,
    /// Holds its starting place, turn and size throughout (shaking, swinging, bobbing:
    /// motion that is decoration, not the explanation). It still fades and changes
    /// colour.
    Still,
}

impl Animation {
    /// Reads the subtitle files named in `subtitles` and the length of each narration
    /// file from exhibit folder `dir`. A file that cannot be read leaves its language
    /// without subtitles (or counts as silent); the validator says why.
    pub fn read_media(&mut self, dir: &std::path::Path) {
        self.narration_s = self
            .narration
            .iter()
            .filter_map(|(lang, f)| {
                let secs = crate::media::check_audio(dir, f).ok()?;
                Some((lang.clone(), secs as f32))
            })
            .collect();
        self.file_cues = self
            .subtitles
            .iter()
            .filter_map(|(lang, s)| match s {
                Subtitles::File(f) => subtitles::load(dir, f).ok().map(|c| (lang.clone(), c)),
                Subtitles::Cues(_) => None,
            })
            .collect();
    }

    /// The subtitle cues of `lang`, written inline or read from its file.
    pub fn cues(&self, lang: &str) -> Option<&[Cue]> {
        match self.subtitles.get(lang)? {
            Subtitles::Cues(c) => Some(c),
            Subtitles::File(_) => self.file_cues.get(lang).map(Vec::as_slice),
        }
    }

    /// Seconds the animation lasts: `length`, or else the latest keyframe, subtitle cue,
    /// chapter start or narration end. Reports compare visitors' time with this.
    pub fn length(&self) -> f32 {
        if let Some(l) = self.length {
            return l.max(0.0);
        }
        let keys = self.layers.iter().flat_map(|l| l.keys.iter().map(|k| k.at));
        let cues = self
            .subtitles
            .keys()
            .flat_map(|lang| self.cues(lang).unwrap_or_default())
            .map(|c| c.to);
        let chapters = self.chapters.iter().map(|c| c.at);
        let spoken = self.narration_s.values().copied();
        keys.chain(cues)
            .chain(chapters)
            .chain(spoken)
            .fold(0.0, f32::max)
    }

    /// The chapter playing at `t` (the last one starting at or before it).
    pub fn chapter_at(&self, t: f32) -> Option<usize> {
        self.chapters.iter().rposition(|c| c.at <= t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Animation {
        crate::ron_errors::options().from_str(text).unwrap()
    }

    #[test]
    fn length_is_the_latest_keyframe_cue_or_chapter_unless_given() {
        let mut a = parse(
            r#"(
                chapters: [(at: 0.0, title: {}), (at: 4.0, title: {})],
                subtitles: {
                    "en": Cues([(from: 1.0, to: 7.5, text: "Hi")]),
                    "zh-Hans": File("narration/zh-Hans.vtt"),
                },
                layers: [(id: "a", shape: Group, keys: [(at: 6.0, pos: (1, 1))])],
            )"#,
        );
        assert_eq!(a.length(), 7.5);
        // The subtitle file's last cue ends at 6.1 s: within the length.
        a.read_media(std::path::Path::new("tests/fixtures/animation/rain"));
        assert_eq!(a.cues("zh-Hans").map(<[Cue]>::len), Some(3));
        assert_eq!(a.length(), 7.5);
        a.subtitles.remove("en");
        assert!((a.length() - 6.1).abs() < 1e-4, "{}", a.length());
        // Narration counts with its real length (5.3 s of speech here, so the cues win)…
        a.narration.insert("en".into(), "narration/en.ogg".into());
        a.read_media(std::path::Path::new("tests/fixtures/animation/rain"));
        assert!((a.narration_s["en"] - 5.31).abs() < 0.01);
        assert!((a.length() - 6.1).abs() < 1e-4);
        // … and holds the animation open when it runs longest.
        a.subtitles.clear();
        a.chapters.clear();
        a.layers.clear();
        assert!((a.length() - 5.31).abs() < 0.01, "{}", a.length());
        a.length = Some(30.0);
        assert_eq!(a.length(), 30.0);
    }

    #[test]
    fn chapters_and_misspelt_shape_fields() {
        let a = parse(r#"(chapters: [(at: 0.0, title: {}), (at: 4.0, title: {})], layers: [])"#);
        assert_eq!(a.chapter_at(3.9), Some(0));
        assert_eq!(a.chapter_at(4.0), Some(1));
        // A colour written inside the shape is refused, not silently dropped.
        let err = crate::ron_errors::options()
            .from_str::<Shape>(r##"Circle(radius: 4, colour: "#fff")"##)
            .unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
    }
}
