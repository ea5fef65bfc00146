//! The quiz scene: question, choices, feedback on each choice, explanation, summary.

use bevy_egui::egui::{self, RichText};

use super::{SceneEvent, SceneRequest, SceneUi};
use crate::kiosk_app::scenes::quiz_run::{Outcome, Phase, QuizRun};
use crate::kiosk_app::ui::theme::Appearance;
use crate::kiosk_app::ui::widgets::{self, AnswerRow, Look, Mark};
use exhibit_format::exhibit::{Question, QuestionKind, Quiz};

/// Focus keys: where the gamepad focus goes as the quiz moves on.
const FIRST_CHOICE: &str = "quiz-first-choice";
const CONTINUE: &str = "quiz-continue";

/// The control that takes the gamepad focus when the scene opens.
pub fn entry_focus(run: &QuizRun) -> &'static str {
    if run.phase() == Phase::Intro {
        CONTINUE
    } else {
        FIRST_CHOICE
    }
}

/// Draws the quiz and applies what the visitor does to `run`.
pub fn show(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    quiz: &Quiz,
    run: &mut QuizRun,
) -> Option<SceneRequest> {
    match run.phase() {
        Phase::Intro => {
            intro(ui, s, quiz, run);
            None
        }
        Phase::Asking | Phase::Feedback => {
            question(ui, s, quiz, run);
            None
        }
        Phase::Summary => summary(ui, s, quiz, run),
    }
}

fn intro(ui: &mut egui::Ui, s: &mut SceneUi, quiz: &Quiz, run: &mut QuizRun) {
    let a = Appearance::of(ui.ctx());
    ui.add_space(40.0);
    widgets::paragraph(ui, s.written(&quiz.intro), a.heading() * 0.8, |t| t);
    ui.add_space(40.0);
    if widgets::button_keyed(
        ui,
        s.ring,
        s.word("start"),
        Look::Primary,
        320.0,
        Some(CONTINUE),
    ) {
        run.start();
        s.ring.want(FIRST_CHOICE);
    }
}

fn question(ui: &mut egui::Ui, s: &mut SceneUi, quiz: &Quiz, run: &mut QuizRun) {
    let a = Appearance::of(ui.ctx());
    let Some(qi) = run.question_index() else {
        return;
    };
    let q = &quiz.questions[qi];
    let (n, m) = run.progress();
    let answered = run.phase() == Phase::Feedback;

    // After answering, the verdict and the way on come first, where the eye (and the
    // gamepad focus) already is.
    if let Some(outcome) = run.outcome() {
        let (fill, word) = match outcome {
            Outcome::Correct => (a.c.right, s.word("correct")),
            Outcome::Partly => (a.c.partly, s.word("partly")),
            Outcome::Incorrect => (a.c.wrong, s.word("incorrect")),
        };
        let word = word.to_owned();
        egui::Frame::NONE
            .fill(fill)
            .corner_radius(14)
            .inner_margin(egui::Margin::symmetric(28, 14))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(56.0, 56.0), egui::Sense::hover());
                    ui.painter().circle_filled(r.center(), 28.0, a.c.text);
                    if outcome == Outcome::Correct {
                        widgets::check(ui.painter(), r.center(), fill);
                    } else {
                        widgets::cross(ui.painter(), r.center(), fill);
                    }
                    ui.label(RichText::new(word).size(a.heading()).strong());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let label = if run.is_last() {
                            s.word("see_summary")
                        } else {
                            s.word("next_question")
                        }
                        .to_owned();
                        if widgets::button_keyed(
                            ui,
                            s.ring,
                            &label,
                            Look::Primary,
                            300.0,
                            Some(CONTINUE),
                        ) {
                            run.next();
                            s.ring.want(if run.phase() == Phase::Summary {
                                CONTINUE
                            } else {
                                FIRST_CHOICE
                            });
                        }
                    });
                });
            });
        ui.add_space(12.0);
        egui::Frame::NONE
            .fill(a.c.surface)
            .corner_radius(14)
            .inner_margin(24)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(s.word("explanation"))
                        .size(a.small())
                        .color(a.c.accent)
                        .strong(),
                );
                widgets::paragraph(ui, s.written(&q.explanation), a.body(), |t| t);
            });
        ui.add_space(12.0);
    }

    ui.label(
        RichText::new(
            s.strings
                .fill(s.lang, "question_n_of_m", &[("n", &n), ("m", &m)]),
        )
        .size(a.small())
        .color(a.c.text_muted),
    );
    let image = q
        .image
        .as_deref()
        .and_then(|rel| s.images.get(s.ctx, s.dir, rel));
    // After answering, the marked choices matter more than the picture seen already.
    let has_image = q.image.is_some() && !answered;
    if has_image {
        ui.horizontal_top(|ui| {
            let max = egui::vec2(ui.available_width() * 0.38, 460.0);
            match &image {
                Some(tex) => {
                    let size = crate::kiosk_app::core::images::fit(tex, max);
                    ui.add(
                        egui::Image::from_texture(tex)
                            .fit_to_exact_size(size)
                            .corner_radius(14),
                    )
                    .on_hover_text(s.text(&q.image_alt));
                }
                // The picture could not be read: say what it shows instead.
                None => {
                    egui::Frame::NONE
                        .fill(a.c.surface_raised)
                        .corner_radius(14)
                        .inner_margin(20)
                        .show(ui, |ui| {
                            ui.set_max_width(max.x);
                            ui.label(
                                RichText::new(s.text(&q.image_alt))
                                    .size(a.small())
                                    .italics(),
                            );
                        });
                }
            }
            ui.vertical(|ui| body(ui, s, quiz, q, run, answered));
        });
    } else {
        body(ui, s, quiz, q, run, answered);
    }
}

fn body(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    quiz: &Quiz,
    q: &Question,
    run: &mut QuizRun,
    answered: bool,
) {
    let a = Appearance::of(ui.ctx());
    widgets::paragraph(ui, s.written(&q.prompt), a.heading() * 0.85, |t| t.strong());
    if q.kind == QuestionKind::MultipleChoice && !answered {
        ui.label(
            RichText::new(s.word("choose_all"))
                .size(a.small())
                .color(a.c.text_muted),
        );
    }
    ui.add_space(8.0);
    let shown = run.choices(quiz);
    let mut picked = None;
    for (pos, c) in shown.iter().enumerate() {
        let letter = (b'A' + pos as u8) as char;
        let text = match q.kind {
            QuestionKind::TrueFalse => if c.index == 0 {
                s.word("true")
            } else {
                s.word("false")
            }
            .to_owned(),
            _ => s.written(&q.choices[c.index].text).to_owned(),
        };
        let (mark, fill, note) = if answered {
            let note = match q.kind {
                QuestionKind::TrueFalse => None,
                _ => Some(s.written(&q.choices[c.index].feedback).to_owned()),
            };
            let (mark, fill) = match (c.correct, c.chosen) {
                (true, true) => (Mark::Right, a.c.right),
                (true, false) => (Mark::Right, a.c.surface_raised),
                (false, true) => (Mark::Wrong, a.c.wrong),
                (false, false) => (Mark::Neutral(letter), a.c.surface),
            };
            // Say it in words too, not in colour alone (as written: the row puts
            // right-to-left text in drawing order itself).
            let tag = match (c.correct, c.chosen) {
                (true, true) => format!(
                    "{} {} {}",
                    s.strings.written(s.lang, "right_answer"),
                    widgets::symbols::SEPARATOR,
                    s.strings.written(s.lang, "your_choice")
                ),
                (true, false) => s.strings.written(s.lang, "right_answer").to_owned(),
                (false, true) => s.strings.written(s.lang, "your_choice").to_owned(),
                (false, false) => String::new(),
            };
            let note = match (tag.is_empty(), note.filter(|n| !n.is_empty())) {
                (true, n) => n,
                (false, Some(n)) => Some(format!("{tag}\n{n}")),
                (false, None) => Some(tag),
            };
            (mark, fill, note)
        } else if q.kind == QuestionKind::MultipleChoice {
            (
                Mark::Tick(c.chosen),
                if c.chosen {
                    a.c.surface_raised
                } else {
                    a.c.surface
                },
                None,
            )
        } else {
            (Mark::Letter(letter), a.c.surface, None)
        };
        let row = AnswerRow {
            mark,
            text: &text,
            note: note.as_deref(),
            fill,
            key: (pos == 0).then_some(FIRST_CHOICE),
        };
        if widgets::answer_row(ui, s.ring, row) && !answered {
            picked = Some(c.index);
        }
    }
    if let Some(index) = picked
        && let Some(answer) = run.choose(quiz, index)
    {
        s.events.push(SceneEvent::Answered(answer));
        s.ring.want(CONTINUE);
    }
    if q.kind == QuestionKind::MultipleChoice && !answered {
        ui.add_space(8.0);
        let look = if shown.iter().any(|c| c.chosen) {
            Look::Primary
        } else {
            Look::Normal
        };
        if widgets::button(ui, s.ring, s.word("check_answer"), look, 360.0)
            && let Some(answer) = run.submit(quiz)
        {
            s.events.push(SceneEvent::Answered(answer));
            s.ring.want(CONTINUE);
        }
    }
}

fn summary(
    ui: &mut egui::Ui,
    s: &mut SceneUi,
    quiz: &Quiz,
    run: &mut QuizRun,
) -> Option<SceneRequest> {
    let a = Appearance::of(ui.ctx());
    let (right, total) = run.score();
    let mut request = None;
    ui.add_space(20.0);
    ui.label(
        RichText::new(s.word("summary_title"))
            .size(a.heading())
            .strong(),
    );
    ui.label(
        RichText::new(
            s.strings
                .fill(s.lang, "summary_score", &[("n", &right), ("m", &total)]),
        )
        .size(a.body() * 1.2)
        .color(a.c.accent),
    );
    ui.add_space(16.0);
    ui.horizontal(|ui| {
        if widgets::button_keyed(
            ui,
            s.ring,
            s.word("next"),
            Look::Primary,
            300.0,
            Some(CONTINUE),
        ) {
            request = Some(SceneRequest::NextScene);
        }
        if widgets::button(ui, s.ring, s.word("retry"), Look::Normal, 300.0) {
            run.retry(quiz);
            s.ring.want(FIRST_CHOICE);
        }
    });
    ui.add_space(16.0);
    ui.label(
        RichText::new(s.word("summary_review"))
            .size(a.small())
            .color(a.c.text_muted),
    );
    for (qi, outcome) in run.review() {
        let q = &quiz.questions[qi];
        ui.horizontal_top(|ui| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(48.0, 48.0), egui::Sense::hover());
            let p = ui.painter();
            match outcome {
                Some(Outcome::Correct) => {
                    p.circle_filled(r.center(), 22.0, a.c.text);
                    widgets::check(p, r.center(), a.c.right);
                }
                // Partly right: a half-filled mark, told apart from ✓ and ✗ by shape.
                Some(Outcome::Partly) => {
                    p.circle_filled(r.center(), 22.0, a.c.text);
                    let bar = egui::Rect::from_center_size(r.center(), egui::vec2(24.0, 7.0));
                    p.rect_filled(bar, 3.0, a.c.partly);
                }
                _ => {
                    p.circle_filled(r.center(), 22.0, a.c.text);
                    widgets::cross(p, r.center(), a.c.wrong);
                }
            }
            ui.vertical(|ui| {
                widgets::paragraph(ui, s.written(&q.prompt), a.small(), |t| t.strong());
                widgets::paragraph(ui, s.written(&q.explanation), a.small(), |t| {
                    t.color(a.c.text_muted)
                });
            });
        });
        ui.add_space(8.0);
    }
    request
}
