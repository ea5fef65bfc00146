//! Right-to-left text (Uyghur, Arabic, Persian, Hebrew, …) for egui 0.36.
//!
//! What egui 0.36 (epaint 0.36.2) does by itself. We checked this by laying text out with
//! epaint and looking at the glyphs. It splits each line into runs by *font face*. It
//! shapes each run with `harfrust`, a Rust port of HarfBuzz, and guesses the script and
//! direction from that run's own characters. So inside one run, Arabic-script letters are
//! joined by the font's OpenType tables (initial, medial and final forms, lam-alef) and come
//! out right to left, and Tibetan stacks are built. But egui runs no bidi algorithm. It
//! places the runs left to right in logical order: the words of a sentence (the spaces
//! between them come from egui's Latin font, so each word is its own run), numbers, Latin
//! words and punctuation. A right-to-left sentence therefore shows its words in the wrong
//! order. egui also never aligns such a line to the right.
//!
//! [`visual`] fills that gap. It reorders each line by the Unicode Bidirectional Algorithm
//! (`unicode-bidi`) into the order in which egui must place things from left to right. It
//! leaves one thing alone: each run of right-to-left *script* characters stays in logical
//! order, because egui's shaper reverses and joins that run itself. Brackets inside
//! right-to-left runs are mirrored. Letters are not reshaped into presentation forms; that
//! would not help, because egui shapes them anyway.
//!
//! The function assumes this about fonts: the font for an RTL script must be added after
//! egui's default fonts (`FontPriority::Lowest`), as `theme.rs` adds fonts. Then spaces,
//! ASCII digits, Latin letters and ASCII punctuation come from egui's default font, and each
//! run that egui shapes in the RTL font is exactly a run of RTL-script characters. If
//! the RTL font came first, it would also supply the spaces. A whole sentence would then be
//! one run, and this function would reverse its word order a second time. Where two such
//! runs would touch in the output, it puts U+2060 WORD JOINER between them. egui draws
//! nothing for that character, but it does split runs there.
//!
//! What this function does not do:
//! * egui wraps a long line by itself, from left to right, after [`visual`] has reordered
//!   it. The visual text of a wrapped right-to-left paragraph would then show its *end* on
//!   the first row. Use [`wrap_visual`], which wraps in logical order first and then
//!   reorders each row.
//! * Right alignment: callers must align right-to-left text to the right themselves
//!   (see [`is_rtl`]).
//! * Text input and selection. The result is for display only. Cursor positions in egui
//!   follow the visual string.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// The base (paragraph) direction used for reordering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Base {
    /// From the first strong character of each line (Unicode rules P2 and P3).
    #[default]
    Auto,
    /// Left to right, whatever the text starts with.
    Ltr,
    /// Right to left, whatever the text starts with. Use this for a right-to-left language's
    /// strings, which may start with a number or a Latin word.
    Rtl,
}

/// Whether the text reads from right to left: its first strong directional character
/// (a letter) belongs to a right-to-left script. Text with no letters is not RTL.
pub fn is_rtl(text: &str) -> bool {
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::L => return false,
            BidiClass::R | BidiClass::AL => return true,
            _ => {}
        }
    }
    false
}

/// Whether the text has any right-to-left character, or an explicit right-to-left control.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
        )
    })
}

/// Turns text in logical order into what egui 0.36 must be given so that it draws it
/// correctly from left to right. Each line (split on `'\n'`) is reordered on its own, with
/// the base direction taken from its first strong character. Text with no right-to-left
/// character comes back unchanged and borrowed.
pub fn visual(text: &str) -> Cow<'_, str> {
    visual_with(text, Base::Auto)
}

/// Like [`visual`], with the base direction chosen by the caller (for example from the
/// language's `direction`).
pub fn visual_with(text: &str, base: Base) -> Cow<'_, str> {
    if base != Base::Rtl && !has_rtl(text) {
        return Cow::Borrowed(text);
    }
    let mut out = Out::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_plain('\n');
        }
        visual_line(line, base, &mut out);
    }
    if out.s == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out.s)
    }
}

/// The written (logical) order of a line [`visual`] made, for reading it aloud: the
/// reordering undone (it is its own inverse for lines of right-to-left words, numbers and
/// Latin words) and the word joiners it put in taken out.
pub fn logical(shown: &str) -> Cow<'_, str> {
    logical_with(shown, Base::Auto)
}

/// [`logical`] for a line made with [`visual_with`] and `base`.
pub fn logical_with(shown: &str, base: Base) -> Cow<'_, str> {
    if base != Base::Rtl && !has_rtl(shown) {
        return Cow::Borrowed(shown);
    }
    Cow::Owned(visual_with(shown, base).replace('\u{2060}', ""))
}

/// Wraps text to `max_width`, row by row in logical order (breaking at spaces, after a
/// Tibetan tsheg `་` or shad `།`, or inside a word that is wider than a row), then reorders
/// each row like [`visual`]. The
/// result has one row per line, so egui must not wrap it again: lay it out with the same
/// or more width. `measure` gives the drawn width of a piece of logical text, for example
/// via `ctx.fonts(|f| f.layout_no_wrap(..).size().x)`. Each paragraph keeps its own base
/// direction on every row, so a row that starts with a Latin word or a number still reads
/// right to left.
pub fn wrap_visual(text: &str, max_width: f32, mut measure: impl FnMut(&str) -> f32) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let base = if is_rtl(line) { Base::Rtl } else { Base::Ltr };
        for (j, row) in wrap_logical(line, max_width, &mut measure)
            .iter()
            .enumerate()
        {
            if j > 0 {
                out.push('\n');
            }
            out.push_str(&visual_with(row, base));
        }
    }
    out
}

/// Greedy wrapping in logical order. A row may end at a space (dropped) or after a Tibetan
/// tsheg or shad (kept; egui itself would break Tibetan inside a syllable, as it only
/// breaks at whitespace, CJK characters or anywhere).
fn wrap_logical<'a>(
    line: &'a str,
    max_width: f32,
    measure: &mut impl FnMut(&str) -> f32,
) -> Vec<&'a str> {
    let mut rows = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        if measure(rest) <= max_width {
            rows.push(rest);
            break;
        }
        // Longest prefix, ending at a break opportunity, that fits.
        let mut best = None;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, d)| d);
            let cut = match c {
                ' ' if i > 0 => i,
                // After a tsheg (not before a shad, which never starts a row) or a shad.
                '\u{0F0B}' if next != Some('\u{0F0D}') => i + c.len_utf8(),
                '\u{0F0D}' | '\u{0F0E}' if next != Some('\u{0F0D}') => i + c.len_utf8(),
                _ => continue,
            };
            if cut >= rest.len() {
                break;
            }
            if measure(rest[..cut].trim_end_matches(' ')) <= max_width {
                best = Some(cut);
            } else {
                break;
            }
        }
        let cut = match best {
            Some(i) => i,
            None => {
                // A single word wider than the row: break it by characters.
                let mut cut = 0;
                for (i, c) in rest.char_indices() {
                    let end = i + c.len_utf8();
                    if cut > 0 && measure(&rest[..end]) > max_width {
                        break;
                    }
                    cut = end;
                }
                cut
            }
        };
        rows.push(rest[..cut].trim_end_matches(' '));
        rest = rest[cut..].trim_start_matches(' ');
    }
    if rows.is_empty() {
        rows.push("");
    }
    rows
}

fn visual_line(line: &str, base: Base, out: &mut Out) {
    if line.is_empty() {
        return;
    }
    if base != Base::Rtl && !has_rtl(line) {
        out.push_ltr(line);
        return;
    }
    let level = match base {
        Base::Auto => None,
        Base::Ltr => Some(Level::ltr()),
        Base::Rtl => Some(Level::rtl()),
    };
    let info = BidiInfo::new(line, level);
    for para in &info.paragraphs {
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let s = &line[run.clone()];
            if levels[run.start].is_rtl() {
                out.push_rtl(s);
            } else {
                out.push_ltr(s);
            }
        }
    }
}

/// The output, which knows whether it ends in a right-to-left script run.
struct Out {
    s: String,
    in_script_run: bool,
}

impl Out {
    fn with_capacity(n: usize) -> Self {
        Self {
            s: String::with_capacity(n),
            in_script_run: false,
        }
    }

    fn push_plain(&mut self, c: char) {
        self.s.push(c);
        self.in_script_run = false;
    }

    /// Starts a run of RTL-script characters that egui must shape on its own.
    fn push_script_run(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if self.in_script_run {
            self.s.push(SPLIT);
        }
        self.s.push_str(run);
        self.in_script_run = true;
    }

    /// A left-to-right run: kept in order. RTL-script characters inside it (Arabic-Indic
    /// digits, or letters under an explicit override) each go to egui as a run of their own,
    /// so that egui's shaper cannot reverse them.
    fn push_ltr(&mut self, s: &str) {
        let mut buf = [0u8; 4];
        for c in s.chars() {
            if is_bidi_control(c) {
                continue;
            }
            if is_rtl_script(c) {
                self.push_script_run(c.encode_utf8(&mut buf));
            } else if is_mark(c) && self.in_script_run {
                self.s.push(c);
            } else {
                self.push_plain(c);
            }
        }
    }

    /// A right-to-left run, given in logical order: its pieces are written in reverse
    /// order. A piece is either a run of RTL-script characters (with its marks),
    /// which stays in logical order for egui to reverse, or one other character with its
    /// marks, mirrored if it is a bracket.
    fn push_rtl(&mut self, s: &str) {
        // Pieces as (text without bidi controls, is a script run).
        let mut pieces: Vec<(String, bool)> = Vec::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if is_bidi_control(c) {
                continue;
            }
            let script = is_rtl_script(c);
            let mut piece = String::new();
            piece.push(if script { c } else { mirror(c) });
            while let Some(&d) = chars.peek() {
                let belongs = if is_bidi_control(d) {
                    // Dropped, but does not end the piece (egui never sees it).
                    chars.next();
                    continue;
                } else if script {
                    is_rtl_script(d) || is_mark(d)
                } else {
                    is_mark(d)
                };
                if !belongs {
                    break;
                }
                piece.push(d);
                chars.next();
            }
            pieces.push((piece, script));
        }
        for (piece, script) in pieces.iter().rev() {
            if *script {
                self.push_script_run(piece);
            } else {
                self.s.push_str(piece);
                self.in_script_run = false;
            }
        }
    }
}

/// Written between two RTL-script runs that would otherwise touch: egui draws it as
/// nothing and, as it is not in the RTL font, starts a new run after it.
const SPLIT: char = '\u{2060}';

/// Characters of the right-to-left scripts (their letters, marks, digits and punctuation),
/// which egui takes from an RTL font and whose runs its shaper reverses.
pub fn is_rtl_script(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x061B | 0x061D..=0x08FF // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Supplement/Extended (not U+061C)
        | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms A
        | 0xFE70..=0xFEFE // Arabic presentation forms B
        | 0x10800..=0x10FFF // historic RTL scripts, Hanifi Rohingya, Yezidi, Arabic Extended-C
        | 0x1E800..=0x1EFFF // Mende Kikakui, Adlam, Arabic mathematical letters
    )
}

/// Combining marks outside the RTL blocks that stay with the character before them.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Directional marks and embeddings: used by the algorithm, then dropped.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The mirrored form of a character shown right to left (Unicode Bidi_Mirroring_Glyph,
/// the common pairs).
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '≤' => '≥',
        '≥' => '≤',
        '⁅' => '⁆',
        '⁆' => '⁅',
        '⁽' => '⁾',
        '⁾' => '⁽',
        '₍' => '₎',
        '₎' => '₍',
        '〈' => '〉',
        '〉' => '〈',
        '「' => '」',
        '」' => '「',
        '『' => '』',
        '』' => '『',
        '【' => '】',
        '】' => '【',
        '（' => '）',
        '）' => '（',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UYGHUR: &str = "ئۇيغۇر";
    const TILI: &str = "تىلى";

    #[test]
    fn text_without_rtl_is_borrowed_unchanged() {
        for t in [
            "Touch the screen to start",
            "触摸屏幕或按任意键开始",
            "བཀྲ་ཤིས་བདེ་ལེགས།",
            "Монгол хэл: Өнөөдөр",
            "Question 3 of 5 (50%)",
            "",
            "a\nb",
        ] {
            assert!(matches!(visual(t), Cow::Borrowed(s) if s == t), "{t}");
            assert!(!is_rtl(t));
        }
    }

    #[test]
    fn one_word_is_left_for_egui_to_shape() {
        // egui reverses and joins a single run itself.
        let w = "ئۇيغۇرچە";
        assert!(matches!(visual(w), Cow::Borrowed(s) if s == w));
        assert!(is_rtl(w));
    }

    #[test]
    fn words_of_a_sentence_are_reversed_but_not_their_letters() {
        // Logical "ئۇيغۇر تىلى" (Uyghur language): the first word must be drawn rightmost.
        assert_eq!(
            visual(&format!("{UYGHUR} {TILI}")),
            format!("{TILI} {UYGHUR}")
        );
        // Welcome to the science gallery.
        assert_eq!(
            visual("پەن كۆرگەزمىسىگە خۇش كەلدىڭىز"),
            "كەلدىڭىز خۇش كۆرگەزمىسىگە پەن"
        );
    }

    #[test]
    fn final_punctuation_goes_to_the_left_end() {
        assert_eq!(visual("ياخشىمۇسىز!"), "!ياخشىمۇسىز");
        // The Arabic question mark is an RTL-script character: it stays in the word's run
        // and egui's shaper puts it at the left end itself.
        assert!(matches!(visual("نېمە؟"), Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_and_latin_words_stay_readable() {
        // "2024-year" in Uyghur: the number stays 2024, and is read first (rightmost).
        assert_eq!(visual("2024-يىلى"), "يىلى-2024");
        // Question 3 of 5.
        assert_eq!(visual("5 سوئالنىڭ 3-سى"), "سى-3 سوئالنىڭ 5");
        // A Latin word inside keeps its letter order.
        // After a Latin word a number belongs to it (rule W7): "abc 123" is one run.
        assert_eq!(visual("ئۇيغۇرچە abc 123"), "abc 123 ئۇيغۇرچە");
        assert_eq!(visual("ئۇيغۇرچە 123"), "123 ئۇيغۇرچە");
        // In a left-to-right line only the Uyghur words are reversed.
        assert_eq!(visual("CO2 دېگەن نېمە"), "CO2 نېمە دېگەن");
    }

    #[test]
    fn a_forced_rtl_base_orders_a_line_that_starts_with_latin() {
        // The kiosk knows the language is RTL: "CO2" is read first, so it goes rightmost.
        assert_eq!(visual_with("CO2 دېگەن نېمە", Base::Rtl), "نېمە دېگەن CO2");
        // A placeholder value first: "{value}%" in an RTL string.
        assert_eq!(visual_with("50% ئاۋاز", Base::Rtl), "ئاۋاز 50%");
    }

    #[test]
    fn brackets_are_mirrored_in_rtl_runs() {
        assert_eq!(
            visual(&format!("{TILI} ({UYGHUR})")),
            format!("({UYGHUR}) {TILI}")
        );
        assert_eq!(visual("«ئۇيغۇر»"), "«ئۇيغۇر»");
    }

    #[test]
    fn lines_are_reordered_one_by_one() {
        let text = format!("{UYGHUR} {TILI}\nEnglish line\n{TILI} 3");
        assert_eq!(
            visual(&text),
            format!("{TILI} {UYGHUR}\nEnglish line\n3 {TILI}")
        );
    }

    #[test]
    fn rtl_words_in_an_ltr_sentence_keep_english_order() {
        // English sentence naming the language: only the Uyghur words are reversed.
        assert_eq!(
            visual(&format!("Language: {UYGHUR} {TILI} (ug)")),
            format!("Language: {TILI} {UYGHUR} (ug)")
        );
    }

    #[test]
    fn touching_script_runs_are_split_for_egui() {
        // Arabic-Indic digits touching a letter: the digits are an LTR run of their own,
        // so they must not end up in the same egui run as the letter.
        let v = visual("ب١٢");
        assert_eq!(v, format!("١{SPLIT}٢{SPLIT}ب"));
        // Directional marks are dropped; runs they separated are split.
        assert_eq!(visual("\u{200F}ئا\u{200F}"), "ئا");
    }

    #[test]
    fn lam_alef_and_marks_stay_in_their_run() {
        let w = "لا ئالەم"; // two words: "no", "world"
        assert_eq!(visual(w), "ئالەم لا");
        assert_eq!(visual("بِسْمِ الله"), "الله بِسْمِ");
    }

    #[test]
    fn hebrew_is_handled_too() {
        assert_eq!(visual("שלום עולם"), "עולם שלום");
    }

    #[test]
    fn wrapping_happens_before_reordering() {
        // One "pixel" per character.
        let measure = |s: &str| s.chars().count() as f32;
        let text = "بىر ئىككى ئۈچ تۆت";
        // Logical rows: "بىر ئىككى" and "ئۈچ تۆت": the first row holds the start.
        assert_eq!(wrap_visual(text, 9.0, measure), "ئىككى بىر\nتۆت ئۈچ");
        // A row that starts with a number still reads right to left.
        assert_eq!(wrap_visual("بىر 2 ئۈچ", 5.0, measure), "2 بىر\nئۈچ");
        // Nothing to wrap or reorder.
        assert_eq!(wrap_visual("one two", 20.0, measure), "one two");
        // A word longer than the row is cut.
        assert_eq!(wrap_visual("abcdef", 4.0, measure), "abcd\nef");
    }

    #[test]
    fn tibetan_wraps_between_syllables() {
        let measure = |s: &str| s.chars().count() as f32;
        // "བཀྲ་ཤིས་བདེ་ལེགས།" (Tashi delek): rows end after a tsheg, never inside a stack.
        let rows = wrap_visual("བཀྲ་ཤིས་བདེ་ལེགས།", 9.0, measure);
        assert_eq!(rows, "བཀྲ་ཤིས་\nབདེ་ལེགས།");
        // A shad never starts a row: "ང་།" stays together.
        assert_eq!(wrap_visual("ཀ་ཀ་ང་།", 5.0, measure), "ཀ་ཀ་\nང་།");
    }

    #[test]
    fn is_rtl_looks_at_the_first_letter() {
        assert!(is_rtl("2024-يىلى"));
        assert!(!is_rtl("CO2 دېگەن"));
        assert!(!is_rtl("123 !"));
        assert!(has_rtl("CO2 دېگەن"));
    }
}
