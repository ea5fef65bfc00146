//! One visitor's playback of an animation: the clock, play / pause, scrubbing, chapters
//! and the subtitles in each language. The clock is the master; narration audio follows
//! it, so the animation runs the same with no sound device at all.

use std::collections::BTreeMap;

use exhibit_format::animation::Animation;
use exhibit_format::animation::subtitles::{self, Cue};
use exhibit_format::text::Lang;

/// Within this many seconds of a chapter's start, "previous chapter" goes to the one
/// before (as media players do); later, it goes back to the start of this one.
pub const RESTART_CHAPTER_S: f32 = 3.0;

/// Playback state of one animation scene.
#[derive(Debug, Clone, PartialEq)]
pub struct AnimRun {
    /// Seconds from the start.
    pub t: f32,
    /// Whether the clock runs.
    pub playing: bool,
    /// Length in seconds.
    pub length: f32,
    looping: bool,
    cues: BTreeMap<Lang, Vec<Cue>>,
    /// Languages with subtitles or narration.
    spoken: Vec<Lang>,
    /// A finger holds the scrub bar: the clock waits, and narration with it.
    pub held: bool,
    /// Counts jumps (scrub, chapter, replay, a loop starting over), so narration knows to
    /// follow the clock to a new place.
    pub jumps: u64,
}

impl AnimRun {
    /// Playback of `anim` from the start, playing.
    pub fn new(anim: &Animation) -> Self {
        let cues = anim
            .subtitles
            .keys()
            .map(|lang| (lang.clone(), anim.cues(lang).unwrap_or_default().to_vec()))
            .collect();
        let mut spoken: Vec<Lang> = anim.subtitles.keys().cloned().collect();
        spoken.extend(anim.narration.keys().cloned());
        spoken.sort();
        spoken.dedup();
        AnimRun {
            t: 0.0,
            playing: true,
            length: anim.length(),
            looping: anim.looping,
            cues,
            spoken,
            held: false,
            jumps: 0,
        }
    }

    /// Moves the clock on by `dt` seconds if playing; at the end it stops, or starts
    /// over if the animation loops.
    pub fn advance(&mut self, dt: f32) {
        if !self.playing || self.held {
            return;
        }
        self.t += dt.max(0.0);
        if self.t >= self.length {
            if self.looping && self.length > 0.0 {
                self.t %= self.length;
                self.jumps += 1;
            } else {
                self.t = self.length;
                self.playing = false;
            }
        }
    }

    /// A visitor watching this needs no touch to be still there: a non-looping animation
    /// that is playing holds off the idle countdown (a looping one may play to an empty
    /// hall).
    pub fn holds_attention(&self) -> bool {
        self.playing && !self.looping
    }

    /// Reached the end (and does not loop).
    pub fn ended(&self) -> bool {
        !self.looping && self.t >= self.length
    }

    /// Play / pause; at the end, Play starts again from the beginning.
    pub fn toggle(&mut self) {
        if self.ended() {
            self.replay();
        } else {
            self.playing = !self.playing;
        }
    }

    /// From the beginning, playing.
    pub fn replay(&mut self) {
        self.seek(0.0);
        self.playing = true;
    }

    /// Jumps to `t` seconds (kept within the animation); playing or paused stays as is
    /// (a playing animation put at its end stops there on the next frame).
    pub fn seek(&mut self, t: f32) {
        let t = if t.is_finite() { t } else { 0.0 };
        self.t = t.clamp(0.0, self.length);
        self.jumps += 1;
    }

    /// To the start of the next chapter (or the end after the last); `false` if there
    /// was nowhere to go.
    pub fn next_chapter(&mut self, anim: &Animation) -> bool {
        let next = anim
            .chapters
            .iter()
            .map(|c| c.at)
            .find(|&at| at > self.t + 1e-3);
        match next {
            Some(at) => self.seek(at),
            None if !self.ended() => self.seek(self.length),
            None => return false,
        }
        true
    }

    /// To the start of this chapter, or of the previous one if this one has only just
    /// begun (see [`RESTART_CHAPTER_S`]).
    pub fn previous_chapter(&mut self, anim: &Animation) {
        let starts: Vec<f32> = std::iter::once(0.0)
            .chain(anim.chapters.iter().map(|c| c.at))
            .filter(|&at| at < self.t - 1e-3)
            .collect();
        let target = match starts.as_slice() {
            [] => 0.0,
            [.., before, last] if self.t - last < RESTART_CHAPTER_S => *before,
            [.., last] => *last,
        };
        self.seek(target);
    }

    /// The language whose narration and subtitles a visitor in `lang` gets: `lang` if the
    /// animation speaks or captions it, else `fallback`, else the first it has, so that
    /// nobody is left with neither.
    pub fn media_lang<'a>(&'a self, lang: &'a str, fallback: &'a str) -> &'a str {
        let has = |l: &str| self.spoken.iter().any(|s| s == l);
        if has(lang) {
            lang
        } else if has(fallback) {
            fallback
        } else {
            self.spoken.first().map_or(lang, String::as_str)
        }
    }

    /// The subtitle cue showing now for a visitor in `lang`.
    pub fn cue(&self, lang: &str, fallback: &str) -> Option<&Cue> {
        let cues = self.cues.get(self.media_lang(lang, fallback))?;
        subtitles::cue_at(cues, self.t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use exhibit_format::animation::{Chapter, Subtitles};
    use exhibit_format::text::Text;

    fn anim(chapters: &[f32], looping: bool) -> Animation {
        let mut subtitles = BTreeMap::new();
        let cue = |from, to, text: &str| Cue {
            from,
            to,
            text: text.into(),
            line: 0,
        };
        subtitles.insert(
            "en".to_owned(),
            Subtitles::Cues(vec![
                cue(0.0, 4.0, "Water warms."),
                cue(5.0, 9.0, "It rises."),
            ]),
        );
        subtitles.insert(
            "zh-Hans".to_owned(),
            Subtitles::Cues(vec![cue(0.0, 4.5, "水变暖。"), cue(4.5, 9.0, "水汽上升。")]),
        );
        Animation {
            stage: (1600.0, 900.0),
            background: None,
            length: Some(20.0),
            looping,
            chapters: chapters
                .iter()
                .map(|&at| Chapter {
                    at,
                    title: Text::default(),
                })
                .collect(),
            narration: Default::default(),
            subtitles,
            layers: Vec::new(),
            file_cues: BTreeMap::new(),
            narration_s: BTreeMap::new(),
        }
    }

    #[test]
    fn the_clock_runs_pauses_and_stops_at_the_end() {
        let a = anim(&[], false);
        let mut run = AnimRun::new(&a);
        run.advance(1.5);
        assert_eq!(run.t, 1.5);
        run.toggle();
        run.advance(1.0);
        assert_eq!(run.t, 1.5);
        run.toggle();
        run.advance(30.0);
        assert_eq!(run.t, 20.0);
        assert!(run.ended() && !run.playing);
        // Play at the end starts over.
        run.toggle();
        assert_eq!(run.t, 0.0);
        assert!(run.playing);
    }

    #[test]
    fn a_finger_on_the_bar_holds_the_clock_and_the_end_is_not_a_trap() {
        let a = anim(&[], false);
        let mut run = AnimRun::new(&a);
        run.held = true;
        run.seek(20.0);
        run.advance(0.1);
        assert_eq!(run.t, 20.0, "held: the clock waits");
        assert!(run.playing, "dragging through the end does not stop it");
        run.seek(10.0);
        run.held = false;
        run.advance(0.5);
        assert_eq!(run.t, 10.5);
        run.seek(f32::NAN);
        assert_eq!(run.t, 0.0);
    }

    #[test]
    fn a_looping_animation_starts_over() {
        let a = anim(&[], true);
        let mut run = AnimRun::new(&a);
        run.advance(21.0);
        assert!((run.t - 1.0).abs() < 1e-5);
        assert!(run.playing && !run.ended());
        assert_eq!(run.jumps, 1);
    }

    #[test]
    fn chapters_jump_like_a_media_player() {
        let a = anim(&[0.0, 6.0, 12.0], false);
        let mut run = AnimRun::new(&a);
        run.seek(7.0);
        assert!(run.next_chapter(&a));
        assert_eq!(run.t, 12.0);
        assert!(run.next_chapter(&a));
        assert_eq!(run.t, 20.0);
        assert!(!run.next_chapter(&a));
        // Well into a chapter: back to its start; just after a start: the one before.
        run.seek(15.5);
        run.previous_chapter(&a);
        assert_eq!(run.t, 12.0);
        run.previous_chapter(&a);
        assert_eq!(run.t, 6.0);
        run.seek(7.0);
        run.previous_chapter(&a);
        assert_eq!(run.t, 0.0);
        assert_eq!(a.chapter_at(7.0), Some(1));
    }

    #[test]
    fn subtitles_follow_the_clock_in_each_language() {
        let a = anim(&[], false);
        let mut run = AnimRun::new(&a);
        run.seek(4.2);
        assert_eq!(run.cue("en", "en"), None);
        assert_eq!(run.cue("zh-Hans", "en").unwrap().text, "水变暖。");
        run.seek(4.6);
        assert_eq!(run.cue("zh-Hans", "en").unwrap().text, "水汽上升。");
        assert_eq!(run.cue("en", "en"), None);
        run.seek(5.0);
        assert_eq!(run.cue("en", "zh-Hans").unwrap().text, "It rises.");
        // A language without subtitles gets the fallback's, or else the first there is.
        assert_eq!(run.cue("bo", "en").unwrap().text, "It rises.");
        assert_eq!(run.cue("bo", "ug").unwrap().text, "It rises.");
        assert_eq!(run.media_lang("bo", "ug"), "en");
    }
}
