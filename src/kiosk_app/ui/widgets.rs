//! Controls every screen uses: big buttons, answer rows, the language switch. Each one
//! registers with the [`FocusRing`] so gamepad and keyboard visitors can reach it.

use bevy_egui::egui::{self, Align2, Color32, FontId, RichText, Sense, Stroke, StrokeKind, vec2};

use crate::kiosk_app::input::focus::{FocusRing, ScanPart};
use crate::kiosk_app::ui::theme::{Appearance, MIN_TARGET};
use exhibit_format::layout::bar;
use exhibit_format::ui_strings::UiStrings;

/// The symbols the kiosk writes as text (everything else it marks, such as ✓ and ✗, it
/// draws as shapes). Each must be in the kiosk's fonts, or egui draws an empty box: a
/// test checks them.
pub mod symbols {
    /// One entered digit of the admin PIN (U+2022; "●" U+25CF is in none of the fonts).
    pub const PIN_DOT: &str = "\u{2022}";
    /// Lower, on a slider's stop and the volume button (U+2212).
    pub const MINUS: &str = "\u{2212}";
    /// The colour key before a graph series' name (U+25A0).
    pub const LEGEND_MARK: &str = "\u{25A0}";
    /// Between two facts on one line (U+00B7).
    pub const SEPARATOR: &str = "\u{00B7}";
    /// A range, as in "1–5" (U+2013).
    pub const RANGE: &str = "\u{2013}";

    /// All of them.
    pub const ALL: [&str; 5] = [PIN_DOT, MINUS, LEGEND_MARK, SEPARATOR, RANGE];
}
use symbols::MINUS;

/// How a button looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The main thing to do on this screen (amber).
    Primary,
    /// Anything else.
    Normal,
    /// Selected (a language in use, a ticked choice).
    Chosen,
}

impl Look {
    fn colours(self, a: &Appearance) -> (Color32, Color32) {
        match self {
            Look::Primary => (a.c.accent, a.c.on_accent),
            Look::Normal => (a.c.surface_raised, a.c.text),
            Look::Chosen => (a.c.background, a.c.text),
        }
    }
}

/// The root of a screen's drawing: the whole window, on the background layer.
pub fn screen_ui(ctx: &egui::Context, id: &str) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new(id),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// Registers a drawn control with the focus ring, draws the focus highlight on it, and
/// scrolls it into view when the focus just moved there. Returns whether Select
/// activated it this frame.
pub fn focusable(
    ui: &egui::Ui,
    ring: &mut FocusRing,
    response: &egui::Response,
    label: &str,
) -> bool {
    focusable_keyed(ui, ring, response, label, None)
}

/// [`focusable`] for a control that can be given the focus by key ([`FocusRing::want`]).
pub fn focusable_keyed(
    ui: &egui::Ui,
    ring: &mut FocusRing,
    response: &egui::Response,
    label: &str,
    key: Option<&str>,
) -> bool {
    let a = Appearance::of(ui.ctx());
    let (focused, activated) = match key {
        Some(k) => ring.register_keyed(response.id, response.rect, k, label),
        None => ring.register(response.id, response.rect, label),
    };
    ring.clip_last(ui.clip_rect());
    if focused && ring.visible() {
        let painter = ui.painter().with_clip_rect(ui.clip_rect().expand(12.0));
        painter.rect_stroke(
            response.rect.expand(9.0),
            20.0,
            Stroke::new(7.0, a.c.focus),
            StrokeKind::Outside,
        );
        painter.rect_stroke(
            response.rect.expand(2.0),
            15.0,
            Stroke::new(2.5, Color32::BLACK),
            StrokeKind::Outside,
        );
        hold_progress(&painter, ring, response.rect);
    }
    // Scrolling to the focus helps gamepad and keyboard visitors; it would only jolt touch ones.
    if ring.take_moved(response.id) && ring.visible() {
        response.scroll_to_me(Some(egui::Align::Center));
    }
    activated
}

/// One-button use: while the switch is held, a bar fills along the bottom of the
/// highlighted control; when it is full, the control is chosen.
fn hold_progress(painter: &egui::Painter, ring: &FocusRing, rect: egui::Rect) {
    let Some(done) = ring.hold_progress() else {
        return;
    };
    let a = Appearance::of(painter.ctx());
    let track = egui::Rect::from_min_max(
        egui::pos2(rect.left(), rect.bottom() + 12.0),
        egui::pos2(rect.right(), rect.bottom() + 24.0),
    );
    painter.rect_filled(track, 6.0, Color32::BLACK);
    let mut filled = track;
    filled.set_right(track.left() + track.width() * done.clamp(0.0, 1.0));
    painter.rect_filled(filled, 6.0, a.c.focus);
}

/// A big button; true when tapped, clicked or activated by gamepad / keyboard.
pub fn button(
    ui: &mut egui::Ui,
    ring: &mut FocusRing,
    text: &str,
    look: Look,
    min_width: f32,
) -> bool {
    button_keyed(ui, ring, text, look, min_width, None)
}

/// [`button`] that can be given the focus by key.
pub fn button_keyed(
    ui: &mut egui::Ui,
    ring: &mut FocusRing,
    text: &str,
    look: Look,
    min_width: f32,
    key: Option<&str>,
) -> bool {
    let a = Appearance::of(ui.ctx());
    let (fill, fg) = look.colours(&a);
    let stroke = if look == Look::Chosen {
        Stroke::new(3.0, a.c.accent)
    } else {
        a.outline(3.0)
    };
    let r = ui.add(
        egui::Button::new(RichText::new(text).size(a.button()).color(fg).strong())
            .fill(fill)
            .stroke(stroke)
            .corner_radius(14)
            .min_size(vec2(min_width, MIN_TARGET)),
    );
    if look == Look::Chosen {
        // "This one is on" by shape as well as colour: a bar under the label.
        let bar = egui::Rect::from_center_size(
            r.rect.center_bottom() - vec2(0.0, 14.0),
            vec2(r.rect.width() * 0.5, 5.0),
        );
        ui.painter().rect_filled(bar, 2.5, a.c.accent);
    }
    let activated = focusable_keyed(ui, ring, &r, text, key);
    r.clicked() || activated
}

/// The mark at the start of an answer row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A letter (single choice, true/false).
    Letter(char),
    /// A tick box (multiple choice), ticked or not.
    Tick(bool),
    /// After answering: the right answer (a check mark in a circle).
    Right,
    /// After answering: a wrong choice the visitor made (a cross).
    Wrong,
    /// After answering: a wrong choice not made (dimmed letter).
    Neutral(char),
}

/// A full-width answer row with wrapped text and, after answering, a note under it.
/// Returns true when chosen.
pub fn answer_row(ui: &mut egui::Ui, ring: &mut FocusRing, row: AnswerRow<'_>) -> bool {
    let a = Appearance::of(ui.ctx());
    let AnswerRow {
        mark,
        text,
        note,
        fill,
        key,
    } = row;
    let width = ui.available_width();
    let text_width = width - 150.0;
    let galley = layout_written(ui, text, a.body(), a.c.text, text_width);
    let note_galley = note
        .filter(|n| !n.trim().is_empty())
        .map(|n| layout_written(ui, n, a.small(), a.c.text_muted, text_width));
    // Right-to-left text is set flush right (its galley's rows end at x = 0).
    let rtl = exhibit_format::bidi_text::has_rtl(text);
    let note_h = note_galley
        .as_ref()
        .map(|g| g.size().y + 12.0)
        .unwrap_or(0.0);
    let height = (galley.size().y + note_h + 36.0).max(MIN_TARGET + 8.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    let painter = ui.painter();
    painter.rect_filled(rect, 14.0, fill);
    painter.rect_stroke(rect, 14.0, a.outline(2.0), StrokeKind::Inside);
    // Text centred in the row; the mark beside its first line.
    let content_h = galley.size().y + note_h;
    let text_left = rect.left() + 115.0;
    let text_pos = egui::pos2(text_left, rect.top() + (height - content_h) / 2.0);
    let at = |rtl: bool| if rtl { text_width } else { 0.0 };
    let mark_centre = egui::pos2(rect.left() + 60.0, text_pos.y + a.body() * 0.62);
    draw_mark(painter, mark_centre, mark);
    let text_h = galley.size().y;
    painter.galley(text_pos + vec2(at(rtl), 0.0), galley, a.c.text);
    if let Some((g, n)) = note_galley.zip(note) {
        let x = at(exhibit_format::bidi_text::has_rtl(n));
        painter.galley(text_pos + vec2(x, text_h + 12.0), g, a.c.text_muted);
    }
    let label = exhibit_format::bidi_text::visual(text);
    let activated = focusable_keyed(ui, ring, &response, &label, key);
    response.clicked() || activated
}

/// Lays out visitor text given in written order, wrapped at `width`. Right-to-left text is
/// wrapped in written order, each row put in drawing order, and its rows aligned to end at
/// x = 0 (draw it at the right edge).
fn layout_written(
    ui: &egui::Ui,
    written: &str,
    size: f32,
    colour: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let font = FontId::proportional(size);
    if !wraps_itself(written) {
        return ui.painter().layout(written.to_owned(), font, colour, width);
    }
    let rows = own_rows(ui, written, &font, width);
    let mut job = egui::text::LayoutJob::simple(rows, font, colour, f32::INFINITY);
    if exhibit_format::bidi_text::has_rtl(written) {
        job.halign = egui::Align::RIGHT;
    }
    ui.fonts_mut(|f| f.layout_job(job))
}

/// What an answer row shows.
pub struct AnswerRow<'a> {
    /// The mark at its start.
    pub mark: Mark,
    /// The choice's text, as written (right-to-left text is put in drawing order here).
    pub text: &'a str,
    /// Feedback under it, after answering.
    pub note: Option<&'a str>,
    /// Background.
    pub fill: Color32,
    /// Focus key, for the row that should take the focus.
    pub key: Option<&'a str>,
}

fn draw_mark(p: &egui::Painter, c: egui::Pos2, mark: Mark) {
    let a = Appearance::of(p.ctx());
    let r = 26.0;
    match mark {
        Mark::Letter(ch) | Mark::Neutral(ch) => {
            let dim = matches!(mark, Mark::Neutral(_));
            let col = if dim { a.c.text_muted } else { a.c.text };
            p.circle_stroke(c, r, Stroke::new(3.0, col));
            p.text(
                c,
                Align2::CENTER_CENTER,
                ch,
                FontId::proportional(30.0),
                col,
            );
        }
        Mark::Tick(on) => {
            let rect = egui::Rect::from_center_size(c, vec2(48.0, 48.0));
            if on {
                p.rect_filled(rect, 8.0, a.c.accent);
                check(p, c, a.c.on_accent);
            } else {
                p.rect_stroke(rect, 8.0, Stroke::new(3.5, a.c.text), StrokeKind::Inside);
            }
        }
        Mark::Right => {
            p.circle_filled(c, r + 2.0, a.c.text);
            check(p, c, a.c.right);
        }
        Mark::Wrong => {
            p.circle_filled(c, r + 2.0, a.c.text);
            cross(p, c, a.c.wrong);
        }
    }
}

/// A check mark centred on `c`.
pub fn check(p: &egui::Painter, c: egui::Pos2, col: Color32) {
    p.line(
        vec![
            c + vec2(-13.0, 1.0),
            c + vec2(-4.0, 11.0),
            c + vec2(14.0, -11.0),
        ],
        Stroke::new(6.0, col),
    );
}

/// A cross centred on `c`.
pub fn cross(p: &egui::Painter, c: egui::Pos2, col: Color32) {
    let d = 11.0;
    let s = Stroke::new(6.0, col);
    p.line_segment([c + vec2(-d, -d), c + vec2(d, d)], s);
    p.line_segment([c + vec2(-d, d), c + vec2(d, -d)], s);
}

/// The language switch, at the right end of a bar: each language by its own name; the one
/// in use is marked by a frame and a bar, not by colour alone. `before` draws what sits
/// just left of it (the settings button). Returns the language picked.
pub fn language_switch(
    ui: &mut egui::Ui,
    ring: &mut FocusRing,
    strings: &UiStrings,
    languages: &[String],
    current: &str,
    before: impl FnOnce(&mut egui::Ui, &mut FocusRing),
) -> Option<String> {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        // Right to left: the last language is drawn first so the row reads in order.
        let picked = languages.iter().rev().fold(None, |picked, lang| {
            let on = lang == current;
            let look = if on { Look::Chosen } else { Look::Normal };
            let pressed = button(
                ui,
                ring,
                strings.language_name(lang),
                look,
                bar::LANGUAGE_MIN_W,
            );
            if pressed && !on {
                Some(lang.clone())
            } else {
                picked
            }
        });
        ui.add_space(bar::SETTINGS_SPACE);
        before(ui, ring);
        picked
    })
    .inner
}

/// What a visitor did to a [`track_slider`] this frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct TrackUse {
    /// Where along the track (0 to 1) a finger or the mouse presses or tapped.
    pub pointer: Option<f32>,
    /// A tap: a finished change.
    pub tapped: bool,
    /// A finger (or the mouse) holds the knob.
    pub held: bool,
    /// A drag just ended: a finished change.
    pub released: bool,
    /// Left / right presses while it has the gamepad / keyboard focus (negative: left).
    pub presses: i32,
}

/// A slider sized for fingers: a thick track across `rect` (24 points in from each side,
/// centred at height `track_y`) with a knob at `frac` (0 to 1) and thin marks at `marks`.
/// The whole `rect` (with `response`, allocated by the caller) is one target; it takes
/// the focus under `label`, and left / right adjust it. The caller applies what
/// [`TrackUse`] says to its own value.
#[allow(clippy::too_many_arguments)]
pub fn track_slider(
    ui: &egui::Ui,
    ring: &mut FocusRing,
    rect: egui::Rect,
    response: &egui::Response,
    track_y: f32,
    frac: f32,
    marks: &[f32],
    label: &str,
) -> TrackUse {
    let a = Appearance::of(ui.ctx());
    let painter = ui.painter();
    let track = egui::Rect::from_center_size(
        egui::pos2(rect.center().x, track_y),
        vec2(rect.width() - 48.0, 12.0),
    );
    let x_of = |f: f32| track.left() + f.clamp(0.0, 1.0) * track.width();
    let knob = egui::pos2(x_of(frac), track.center().y);
    painter.rect_filled(track, 6.0, a.c.surface_raised);
    painter.rect_filled(
        egui::Rect::from_min_max(track.min, egui::pos2(knob.x, track.max.y)),
        6.0,
        a.c.accent,
    );
    for &m in marks {
        let x = x_of(m);
        painter.line_segment(
            [
                egui::pos2(x, track.top() - 10.0),
                egui::pos2(x, track.bottom() + 10.0),
            ],
            Stroke::new(4.0, a.c.text_muted),
        );
    }
    painter.circle_filled(knob, 24.0, a.c.text);
    painter.circle_stroke(knob, 24.0, Stroke::new(4.0, a.c.accent));

    let (focused, presses) = ring.register_adjustable(response.id, rect, label);
    ring.clip_last(ui.clip_rect());
    if focused && ring.visible() {
        // One-button use visits the lower and the upper half in turn: the highlight and a
        // big − or + show which one choosing would do.
        let half = match ring.scan_part() {
            ScanPart::Whole => None,
            ScanPart::Lower => Some((rect.with_max_x(rect.center().x), MINUS)),
            ScanPart::Raise => Some((rect.with_min_x(rect.center().x), "+")),
        };
        let lit = half.map_or(rect, |(r, _)| r);
        ui.painter().rect_stroke(
            lit.expand(6.0),
            16.0,
            Stroke::new(7.0, a.c.focus),
            StrokeKind::Outside,
        );
        if let Some((r, sign)) = half {
            let at = egui::pos2(r.center().x, rect.top() + 4.0);
            ui.painter().circle_filled(at, 26.0, a.c.focus);
            ui.painter().text(
                at,
                Align2::CENTER_CENTER,
                sign,
                FontId::proportional(40.0),
                Color32::BLACK,
            );
        }
        hold_progress(ui.painter(), ring, rect);
    }
    if ring.take_moved(response.id) && ring.visible() {
        response.scroll_to_me(Some(egui::Align::Center));
    }
    let pointer = (response.dragged() || response.clicked())
        .then(|| response.interact_pointer_pos())
        .flatten()
        .map(|at| ((at.x - track.left()) / track.width()).clamp(0.0, 1.0));
    TrackUse {
        pointer,
        tapped: response.clicked(),
        held: response.dragged(),
        released: response.drag_stopped(),
        presses,
    }
}

/// A dialog over the screen for visitors: a dim cover that takes every touch (nothing
/// under it is pressed), a card of `size` (kept on screen) edged in the accent colour,
/// and `content` laid out in it top-down with `align`, on a focus layer of its own (the
/// gamepad and keys stay inside). With no `size`, only the cover. Returns what `content`
/// returned and whether the cover beside the card was tapped.
pub fn dialog<R>(
    ctx: &egui::Context,
    ring: &mut FocusRing,
    id: &str,
    size: Option<egui::Vec2>,
    align: egui::Align,
    content: impl FnOnce(&mut egui::Ui, &mut FocusRing) -> R,
) -> (Option<R>, bool) {
    let a = Appearance::of(ctx);
    let screen = ctx.content_rect();
    ring.push_layer();
    let shown = egui::Area::new(egui::Id::new(id))
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            let cover = ui.allocate_rect(screen, Sense::click_and_drag());
            ui.painter()
                .rect_filled(screen, 0.0, Color32::from_black_alpha(215));
            let Some(size) = size else {
                return (None, cover.clicked());
            };
            let card =
                egui::Rect::from_center_size(screen.center(), size).intersect(screen.shrink(20.0));
            ui.painter().rect_filled(card, 24.0, a.c.surface);
            ui.painter()
                .rect_stroke(card, 24.0, Stroke::new(4.0, a.c.accent), StrokeKind::Inside);
            // The card takes its own touches, so they do not count as beside it.
            let _ = ui.interact(card, egui::Id::new((id, "card")), Sense::click());
            let inner = ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(card.shrink2(vec2(48.0, 36.0)))
                    .layout(egui::Layout::top_down(align)),
                |ui| content(ui, ring),
            );
            (Some(inner.inner), cover.clicked())
        });
    ring.pop_layer();
    shown.inner
}

/// A paragraph of visitor text, given in written order. Left-to-right text is an ordinary
/// wrapped label. Right-to-left text (Uyghur …) is wrapped here, in written order, each row
/// then put in drawing order (egui has no bidi of its own), and set flush right.
pub fn paragraph(
    ui: &mut egui::Ui,
    written: &str,
    size: f32,
    style: impl FnOnce(RichText) -> RichText,
) -> egui::Response {
    if !wraps_itself(written) {
        return ui.label(style(RichText::new(written).size(size)));
    }
    let rows = own_rows(
        ui,
        written,
        &FontId::proportional(size),
        ui.available_width(),
    );
    let label = egui::Label::new(style(RichText::new(rows).size(size)))
        .wrap_mode(egui::TextWrapMode::Extend);
    if !exhibit_format::bidi_text::is_rtl(written) {
        return ui.add(label);
    }
    ui.with_layout(egui::Layout::top_down(egui::Align::Max), |ui| {
        ui.add(label.halign(egui::Align::RIGHT))
    })
    .inner
}

/// `written` wrapped at `width` in `font`, in written order, each row then put in drawing
/// order: one row per line, for egui to draw without wrapping again.
fn own_rows(ui: &egui::Ui, written: &str, font: &FontId, width: f32) -> String {
    exhibit_format::bidi_text::wrap_visual(written, width, |piece| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(piece.to_owned(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
    })
}

/// Text the kiosk wraps itself rather than leaving it to egui: right-to-left text (egui
/// would put a paragraph's end on its first row) and Tibetan (egui would break inside a
/// syllable; rows break after a tsheg or shad instead).
fn wraps_itself(written: &str) -> bool {
    exhibit_format::bidi_text::has_rtl(written)
        || written
            .chars()
            .any(|c| ('\u{0F00}'..='\u{0FFF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::symbols;

    #[test]
    fn every_symbol_the_kiosk_writes_is_in_its_fonts() {
        for s in symbols::ALL {
            assert_eq!(
                exhibit_format::text_fit::missing_glyphs(s),
                Vec::<char>::new(),
                "{s:?} would be drawn as an empty box"
            );
        }
    }
}
