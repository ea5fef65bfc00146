//! A visitor's way through one quiz scene: questions, answers, feedback, summary, retry.
//! Plain state, no rendering: the screen shows what this says and sends it what the
//! visitor did.

use exhibit_format::exhibit::{Question, QuestionKind, Quiz};

/// Where the visitor is in the quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The quiz's intro text, before the first question (only when it has one).
    Intro,
    /// A question is shown and not yet answered.
    Asking,
    /// The question was answered: marks, feedback and explanation are shown.
    Feedback,
    /// All questions done: the score and a review.
    Summary,
}

/// How an answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exactly the right choice(s).
    Correct,
    /// Multiple choice: some right choices, but not exactly the right set.
    Partly,
    /// None of the right choices.
    Incorrect,
}

/// One answered question, as reports want it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The question's id.
    pub question: String,
    /// Chosen choices, as indices in the file (true/false: 0 = True, 1 = False).
    pub chosen: Vec<usize>,
    /// How it went.
    pub outcome: Outcome,
}

/// One choice as the screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownChoice {
    /// Index in the file (true/false: 0 = True, 1 = False).
    pub index: usize,
    /// Whether this is (one of) the right answer(s).
    pub correct: bool,
    /// Whether the visitor has chosen it.
    pub chosen: bool,
}

/// The state of one visitor's run through a quiz.
#[derive(Debug, Clone)]
pub struct QuizRun {
    phase: Phase,
    /// Question indices in the order shown.
    order: Vec<usize>,
    /// Per question (file order): choice indices in the order shown.
    choice_order: Vec<Vec<usize>>,
    /// Position in `order`.
    current: usize,
    /// Chosen choice indices for the current question.
    chosen: Vec<usize>,
    /// Per position in `order`: the outcome of the answer, once given.
    outcomes: Vec<Option<Outcome>>,
    rng: fastrand::Rng,
}

/// Number of choices a question offers (true/false: two).
pub fn choice_count(q: &Question) -> usize {
    match q.kind {
        QuestionKind::TrueFalse => 2,
        _ => q.choices.len(),
    }
}

/// Whether choice `index` of `q` is right.
pub fn is_correct(q: &Question, index: usize) -> bool {
    match q.kind {
        QuestionKind::TrueFalse => (index == 0) == q.answer.unwrap_or(true),
        _ => q.choices.get(index).is_some_and(|c| c.correct),
    }
}

impl QuizRun {
    /// A new run; `seed` fixes the shuffle (the kiosk seeds from the clock, tests fix it).
    pub fn new(quiz: &Quiz, seed: u64) -> Self {
        let mut run = QuizRun {
            phase: if quiz.intro.is_empty() {
                Phase::Asking
            } else {
                Phase::Intro
            },
            order: Vec::new(),
            choice_order: Vec::new(),
            current: 0,
            chosen: Vec::new(),
            outcomes: Vec::new(),
            rng: fastrand::Rng::with_seed(seed),
        };
        run.deal(quiz);
        run
    }

    fn deal(&mut self, quiz: &Quiz) {
        self.order = (0..quiz.questions.len()).collect();
        if quiz.shuffle_questions {
            self.rng.shuffle(&mut self.order);
        }
        self.choice_order = quiz
            .questions
            .iter()
            .map(|q| {
                let mut o: Vec<usize> = (0..choice_count(q)).collect();
                // True stays before False: swapping them only confuses.
                if quiz.shuffle_choices && q.kind != QuestionKind::TrueFalse {
                    self.rng.shuffle(&mut o);
                }
                o
            })
            .collect();
        self.current = 0;
        self.chosen.clear();
        self.outcomes = vec![None; self.order.len()];
    }

    /// Where the visitor is.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The question shown now (file index), unless in the intro or summary.
    pub fn question_index(&self) -> Option<usize> {
        matches!(self.phase, Phase::Asking | Phase::Feedback).then(|| self.order[self.current])
    }

    /// 1-based number of the current question and the number of questions.
    pub fn progress(&self) -> (usize, usize) {
        (self.current + 1, self.order.len())
    }

    /// The current question's choices in the order shown, with right/chosen marks.
    pub fn choices(&self, quiz: &Quiz) -> Vec<ShownChoice> {
        let Some(qi) = self.question_index() else {
            return Vec::new();
        };
        let q = &quiz.questions[qi];
        self.choice_order[qi]
            .iter()
            .map(|&index| ShownChoice {
                index,
                correct: is_correct(q, index),
                chosen: self.chosen.contains(&index),
            })
            .collect()
    }

    /// The outcome of the current question's answer, in the feedback phase.
    pub fn outcome(&self) -> Option<Outcome> {
        if self.phase == Phase::Feedback {
            self.outcomes[self.current]
        } else {
            None
        }
    }

    /// Leaves the intro.
    pub fn start(&mut self) {
        if self.phase == Phase::Intro {
            self.phase = Phase::Asking;
        }
    }

    /// The visitor touched choice `index` (file index). Single choice and true/false: that
    /// is the answer. Multiple choice: ticks or unticks it. Returns the answer when given.
    pub fn choose(&mut self, quiz: &Quiz, index: usize) -> Option<Answer> {
        let qi = self.question_index()?;
        if self.phase != Phase::Asking || index >= choice_count(&quiz.questions[qi]) {
            return None;
        }
        match quiz.questions[qi].kind {
            QuestionKind::MultipleChoice => {
                if let Some(p) = self.chosen.iter().position(|&c| c == index) {
                    self.chosen.remove(p);
                } else {
                    self.chosen.push(index);
                }
                None
            }
            _ => {
                self.chosen = vec![index];
                Some(self.answer(quiz))
            }
        }
    }

    /// Multiple choice: the visitor confirms the ticked choices. Nothing ticked: no answer.
    pub fn submit(&mut self, quiz: &Quiz) -> Option<Answer> {
        if self.phase != Phase::Asking || self.chosen.is_empty() {
            return None;
        }
        Some(self.answer(quiz))
    }

    fn answer(&mut self, quiz: &Quiz) -> Answer {
        let qi = self.order[self.current];
        let q = &quiz.questions[qi];
        let right: Vec<usize> = (0..choice_count(q)).filter(|&i| is_correct(q, i)).collect();
        let hits = self.chosen.iter().filter(|c| right.contains(c)).count();
        let outcome = if hits == right.len() && self.chosen.len() == right.len() {
            Outcome::Correct
        } else if hits > 0 {
            Outcome::Partly
        } else {
            Outcome::Incorrect
        };
        self.outcomes[self.current] = Some(outcome);
        self.phase = Phase::Feedback;
        let mut chosen = self.chosen.clone();
        chosen.sort_unstable();
        Answer {
            question: q.id.clone(),
            chosen,
            outcome,
        }
    }

    /// From feedback to the next question, or to the summary after the last.
    pub fn next(&mut self) {
        if self.phase != Phase::Feedback {
            return;
        }
        self.chosen.clear();
        if self.current + 1 < self.order.len() {
            self.current += 1;
            self.phase = Phase::Asking;
        } else {
            self.phase = Phase::Summary;
        }
    }

    /// Whether the current question is the last one.
    pub fn is_last(&self) -> bool {
        self.current + 1 >= self.order.len()
    }

    /// Summary: (answered right, questions).
    pub fn score(&self) -> (usize, usize) {
        let right = self
            .outcomes
            .iter()
            .filter(|o| **o == Some(Outcome::Correct))
            .count();
        (right, self.order.len())
    }

    /// Summary: each question (file index, in the order shown) with its outcome.
    pub fn review(&self) -> Vec<(usize, Option<Outcome>)> {
        self.order
            .iter()
            .copied()
            .zip(self.outcomes.iter().copied())
            .collect()
    }

    /// Shows question `position` (0-based, in the order shown) unanswered, skipping those
    /// before it; for designers' previews and snapshots, not for visitors.
    pub fn jump_to(&mut self, position: usize) {
        if position < self.order.len() {
            self.current = position;
            self.chosen.clear();
            self.phase = Phase::Asking;
        }
    }

    /// From the summary, the whole quiz again (reshuffled when the quiz shuffles).
    pub fn retry(&mut self, quiz: &Quiz) {
        self.deal(quiz);
        self.phase = Phase::Asking;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use exhibit_format::exhibit::Choice;
    use exhibit_format::text::Text;

    fn t(s: &str) -> Text {
        Text::from_pairs([("en", s)])
    }

    fn choice(s: &str, correct: bool) -> Choice {
        Choice {
            text: t(s),
            correct,
            feedback: Text::default(),
        }
    }

    fn quiz() -> Quiz {
        Quiz {
            intro: t("Let's go"),
            shuffle_questions: false,
            shuffle_choices: false,
            questions: vec![
                Question {
                    id: "single".into(),
                    prompt: t("2+2?"),
                    image: None,
                    image_alt: Text::default(),
                    kind: QuestionKind::SingleChoice,
                    choices: vec![choice("3", false), choice("4", true), choice("5", false)],
                    answer: None,
                    explanation: t("Count."),
                },
                Question {
                    id: "multi".into(),
                    prompt: t("Even numbers?"),
                    image: None,
                    image_alt: Text::default(),
                    kind: QuestionKind::MultipleChoice,
                    choices: vec![choice("2", true), choice("3", false), choice("4", true)],
                    answer: None,
                    explanation: t("Divisible by two."),
                },
                Question {
                    id: "tf".into(),
                    prompt: t("The sun is a star."),
                    image: None,
                    image_alt: Text::default(),
                    kind: QuestionKind::TrueFalse,
                    choices: vec![],
                    answer: Some(true),
                    explanation: t("It is."),
                },
            ],
        }
    }

    #[test]
    fn walks_intro_questions_feedback_and_summary() {
        let q = quiz();
        let mut run = QuizRun::new(&q, 1);
        assert_eq!(run.phase(), Phase::Intro);
        assert_eq!(run.question_index(), None);
        run.start();
        assert_eq!(
            (run.phase(), run.question_index(), run.progress()),
            (Phase::Asking, Some(0), (1, 3))
        );

        let a = run.choose(&q, 0).unwrap();
        assert_eq!(
            a,
            Answer {
                question: "single".into(),
                chosen: vec![0],
                outcome: Outcome::Incorrect
            }
        );
        assert_eq!(run.phase(), Phase::Feedback);
        let marks = run.choices(&q);
        assert!(marks[0].chosen && !marks[0].correct);
        assert!(!marks[1].chosen && marks[1].correct);
        // Touching another choice after answering changes nothing.
        assert_eq!(run.choose(&q, 1), None);
        assert_eq!(run.outcome(), Some(Outcome::Incorrect));

        run.next();
        assert_eq!(run.question_index(), Some(1));
        assert_eq!(run.submit(&q), None, "nothing ticked yet");
        assert_eq!(run.choose(&q, 0), None, "multiple choice only ticks");
        assert_eq!(run.choose(&q, 1), None);
        assert_eq!(run.choose(&q, 1), None, "second touch unticks");
        let a = run.submit(&q).unwrap();
        assert_eq!((a.chosen, a.outcome), (vec![0], Outcome::Partly));

        run.next();
        let a = run.choose(&q, 0).unwrap();
        assert_eq!((a.question.as_str(), a.outcome), ("tf", Outcome::Correct));
        assert!(run.is_last());
        run.next();
        assert_eq!(run.phase(), Phase::Summary);
        assert_eq!(run.score(), (1, 3));
        assert_eq!(
            run.review(),
            vec![
                (0, Some(Outcome::Incorrect)),
                (1, Some(Outcome::Partly)),
                (2, Some(Outcome::Correct))
            ]
        );

        run.retry(&q);
        assert_eq!(
            (run.phase(), run.question_index(), run.score()),
            (Phase::Asking, Some(0), (0, 3))
        );
    }

    #[test]
    fn multiple_choice_exact_set_is_correct() {
        let q = quiz();
        let mut run = QuizRun::new(&q, 1);
        run.start();
        run.choose(&q, 1);
        run.next();
        run.choose(&q, 2);
        run.choose(&q, 0);
        assert_eq!(run.submit(&q).unwrap().outcome, Outcome::Correct);
    }

    #[test]
    fn true_false_false_statement() {
        let mut q = quiz();
        q.questions[2].answer = Some(false);
        assert!(!is_correct(&q.questions[2], 0));
        assert!(is_correct(&q.questions[2], 1));
    }

    #[test]
    fn shuffles_deterministically_and_keeps_every_question() {
        let mut q = quiz();
        q.shuffle_questions = true;
        q.shuffle_choices = true;
        let orders: Vec<Vec<usize>> = (0..20).map(|seed| QuizRun::new(&q, seed).order).collect();
        assert_eq!(QuizRun::new(&q, 7).order, QuizRun::new(&q, 7).order);
        assert!(
            orders.iter().any(|o| o != &orders[0]),
            "some seed changes the order"
        );
        for o in &orders {
            let mut s = o.clone();
            s.sort();
            assert_eq!(s, vec![0, 1, 2]);
        }
        for seed in 0..20 {
            assert_eq!(
                QuizRun::new(&q, seed).choice_order[2],
                vec![0, 1],
                "True before False"
            );
        }
    }
}
