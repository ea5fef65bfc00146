//! Finds where a value sits in a RON file, so that problems found after parsing
//! (a missing image, a duplicate id) can point at the exact line and column.
//!
//! serde forgets positions once a value is deserialised; this scanner reads the same text
//! again into a light tree of spans. It assumes the text already parsed with `ron`, and is
//! forgiving otherwise: it never fails, it only finds less.

use crate::diagnostics::{Diagnostic, Pos, Severity};

/// One step of a path from the root value to the value in question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A named struct field.
    Field(String),
    /// An element of a list or tuple.
    Index(usize),
    /// The value under a string key of a map, e.g. a language in a text.
    Key(String),
}

/// Shorthand for building paths: `path!["scenes", 2, "id"]`-like via [`Path`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// The empty path: the root value.
    pub fn root() -> Self {
        Path(Vec::new())
    }
    /// This path followed by a struct field.
    pub fn field(&self, name: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Field(name.to_owned()));
        p
    }
    /// This path followed by a list index.
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
    /// This path followed by a map key.
    pub fn key(&self, k: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_owned()));
        p
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Struct(Vec<(String, Node)>),
    Tuple(Vec<Node>),
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Scalar(String),
}

/// A value in the file with where it starts and ends.
#[derive(Debug, Clone)]
struct Node {
    start: Pos,
    end: Pos,
    kind: Kind,
}

/// The span tree of one RON text.
#[derive(Debug, Clone)]
pub struct SpanTree {
    root: Option<Node>,
}

/// Where a path landed: the position and how many characters to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    /// Start of the value (or of the deepest enclosing value that exists).
    pub pos: Pos,
    /// Characters to underline when the value fits on one line, else 1.
    pub width: usize,
    /// True when the whole path was found, false when only a parent was.
    pub exact: bool,
}

impl SpanTree {
    /// Scans `src`. Never fails; a text it cannot follow gives a tree with less in it.
    pub fn parse(src: &str) -> Self {
        let mut s = Scanner::new(src);
        s.skip_trivia();
        let root = s.value();
        SpanTree { root }
    }

    /// Where the value at `path` starts; if the path goes further than the file does
    /// (a field left out, so its default applies), the deepest value that exists.
    pub fn locate(&self, path: &Path) -> Spot {
        let Some(mut node) = self.root.as_ref() else {
            return Spot {
                pos: Pos::new(1, 1),
                width: 1,
                exact: false,
            };
        };
        let mut exact = true;
        for seg in &path.0 {
            match step(node, seg) {
                Some(next) => node = next,
                None => {
                    exact = false;
                    break;
                }
            }
        }
        let width = if node.start.line == node.end.line && matches!(node.kind, Kind::Scalar(_)) {
            node.end.column.saturating_sub(node.start.column).max(1)
        } else {
            1
        };
        Spot {
            pos: node.start,
            width,
            exact,
        }
    }
}

impl SpanTree {
    /// A problem at the value `path` names in `file` (this tree's text), underlining it.
    pub fn diagnostic(
        &self,
        severity: Severity,
        file: &std::path::Path,
        path: &Path,
        message: impl Into<String>,
    ) -> Diagnostic {
        let spot = self.locate(path);
        let d = match severity {
            Severity::Error => Diagnostic::error(file, Some(spot.pos), message),
            Severity::Warning => Diagnostic::warning(file, Some(spot.pos), message),
        };
        d.with_width(spot.width)
    }
}

fn step<'a>(node: &'a Node, seg: &Seg) -> Option<&'a Node> {
    match (&node.kind, seg) {
        (Kind::Struct(fields), Seg::Field(name)) => {
            fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
        }
        (Kind::List(items) | Kind::Tuple(items), Seg::Index(i)) => items.get(*i),
        (Kind::Map(entries), Seg::Key(k)) => entries
            .iter()
            .find(|(key, _)| matches!(&key.kind, Kind::Scalar(s) if s == k))
            .map(|(_, v)| v),
        // `Some(x)` and `Quiz((…))`: a one-element tuple wraps the value the path means.
        (Kind::Tuple(items), _) if items.len() == 1 => step(&items[0], seg),
        _ => None,
    }
}

/// Deepest nesting of brackets the scanner follows: RON's own limit (`ron::Options`'
/// default), so a file nested deeper gets RON's error at the spot instead of overflowing
/// the stack of whatever thread reads it.
pub const MAX_NESTING: usize = 128;

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
    depth: usize,
}

impl Scanner {
    fn new(src: &str) -> Self {
        Scanner {
            chars: src.chars().collect(),
            i: 0,
            line: 1,
            column: 1,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.i + n).copied()
    }

    fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Skips white space, comments and `#![enable(...)]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                self.bump();
                                depth += 1;
                            }
                            (Some(_), _) => {
                                self.bump();
                            }
                            (None, _) => return,
                        }
                    }
                }
                (Some('#'), Some('!')) => {
                    while let Some(c) = self.bump() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_trivia();
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// The value here, or `None` at the end or past [`MAX_NESTING`] (where every level
    /// above stops too, leaving a tree with less in it).
    fn value(&mut self) -> Option<Node> {
        if self.depth >= MAX_NESTING {
            return None;
        }
        self.depth += 1;
        let node = self.value_here();
        self.depth -= 1;
        node
    }

    fn value_here(&mut self) -> Option<Node> {
        self.skip_trivia();
        let start = self.pos();
        let c = self.peek()?;
        let node = match c {
            '(' => self.parens(start),
            '[' => {
                self.bump();
                let items = self.items(']');
                Node {
                    start,
                    end: self.pos(),
                    kind: Kind::List(items),
                }
            }
            '{' => {
                self.bump();
                let mut entries = Vec::new();
                loop {
                    if self.eat('}') || self.peek().is_none() {
                        break;
                    }
                    let Some(key) = self.value() else { break };
                    if !self.eat(':') {
                        break;
                    }
                    let Some(value) = self.value() else { break };
                    entries.push((key, value));
                    if !self.eat(',') {
                        self.eat('}');
                        break;
                    }
                }
                Node {
                    start,
                    end: self.pos(),
                    kind: Kind::Map(entries),
                }
            }
            '"' => {
                let text = self.string();
                Node {
                    start,
                    end: self.pos(),
                    kind: Kind::Scalar(text),
                }
            }
            'r' if matches!(self.peek_at(1), Some('"' | '#')) => {
                let text = self.raw_string();
                Node {
                    start,
                    end: self.pos(),
                    kind: Kind::Scalar(text),
                }
            }
            '\'' => {
                self.bump();
                let mut text = String::new();
                while let Some(c) = self.bump() {
                    match c {
                        '\\' => {
                            self.bump();
                        }
                        '\'' => break,
                        c => text.push(c),
                    }
                }
                Node {
                    start,
                    end: self.pos(),
                    kind: Kind::Scalar(text),
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let name = self.word();
                self.skip_trivia();
                if self.peek() == Some('(') {
                    let inner_start = self.pos();
                    let mut node = self.parens(inner_start);
                    node.start = start;
                    node
                } else {
                    Node {
                        start,
                        end: self.pos(),
                        kind: Kind::Scalar(name),
                    }
                }
            }
            _ => {
                // Numbers and anything else atomic.
                let mut text = String::new();
                while let Some(c) = self.peek() {
                    if c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-') {
                        text.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                if text.is_empty() {
                    self.bump();
                }
                Node {
                    start,
                    end: self.pos(),
                    kind: Kind::Scalar(text),
                }
            }
        };
        Some(node)
    }

    /// `( … )`: a struct when it starts with `name:`, otherwise a tuple.
    fn parens(&mut self, start: Pos) -> Node {
        self.bump(); // (
        self.skip_trivia();
        let save = (self.i, self.line, self.column);
        let is_struct = if self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
            self.word();
            self.skip_trivia();
            let colon = self.peek() == Some(':') && self.peek_at(1) != Some(':');
            (self.i, self.line, self.column) = save;
            colon
        } else {
            false
        };
        if !is_struct {
            let items = self.items(')');
            return Node {
                start,
                end: self.pos(),
                kind: Kind::Tuple(items),
            };
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia();
            if self.eat(')') || self.peek().is_none() {
                break;
            }
            let name = self.word();
            if name.is_empty() || !self.eat(':') {
                break;
            }
            let Some(value) = self.value() else { break };
            fields.push((name, value));
            if !self.eat(',') {
                self.eat(')');
                break;
            }
        }
        Node {
            start,
            end: self.pos(),
            kind: Kind::Struct(fields),
        }
    }

    fn items(&mut self, close: char) -> Vec<Node> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) || self.peek().is_none() {
                break;
            }
            let Some(v) = self.value() else { break };
            items.push(v);
            if !self.eat(',') {
                self.eat(close);
                break;
            }
        }
        items
    }

    fn word(&mut self) -> String {
        let mut w = String::new();
        if self.peek() == Some('r') && self.peek_at(1) == Some('#') {
            self.bump();
            self.bump();
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                w.push(c);
                self.bump();
            } else {
                break;
            }
        }
        w
    }

    fn string(&mut self) -> String {
        self.bump(); // opening quote
        let mut text = String::new();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(e) = self.bump() {
                        text.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                }
                '"' => break,
                c => text.push(c),
            }
        }
        text
    }

    fn raw_string(&mut self) -> String {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // "
        let mut text = String::new();
        while let Some(c) = self.bump() {
            if c == '"' && (0..hashes).all(|k| self.peek_at(k) == Some('#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                break;
            }
            text.push(c);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"#![enable(implicit_some)]
// An exhibit.
(
    id: "quake",
    title: {"zh-Hans": "地震", "en": "Quake"},
    scenes: [
        (id: "a", kind: Quiz(questions: [(id: "q1", image: "x.png")])),
        (id: "b", /* note */ kind: Quiz((questions: []))),
    ],
    thumbnail: Some("t.png"),
)"#;

    fn at(path: Path) -> (usize, usize, bool) {
        let s = SpanTree::parse(SRC).locate(&path);
        (s.pos.line, s.pos.column, s.exact)
    }

    #[test]
    fn deep_nesting_is_scanned_to_the_limit_not_to_a_stack_overflow() {
        // On a thread with a small stack, as the kiosk's content-update thread has.
        let deep = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                for open in ['(', '[', '{'] {
                    let src: String = std::iter::repeat_n(open, 100_000).collect();
                    let tree = SpanTree::parse(&src);
                    assert!(tree.root.is_some());
                }
            })
            .unwrap();
        deep.join().expect("no stack overflow");
    }

    #[test]
    fn finds_fields_list_items_and_map_keys() {
        let root = Path::root();
        assert_eq!(at(root.field("id")), (4, 9, true));
        assert_eq!(at(root.field("title").key("en")), (5, 36, true));
        assert_eq!(at(root.field("scenes").index(1).field("id")), (8, 14, true));
    }

    #[test]
    fn sees_through_enum_newtypes_and_some() {
        let root = Path::root();
        let q = root
            .field("scenes")
            .index(0)
            .field("kind")
            .field("questions")
            .index(0);
        assert_eq!(at(q.field("image")), (7, 60, true));
        assert_eq!(
            at(root
                .field("scenes")
                .index(1)
                .field("kind")
                .field("questions")),
            (8, 53, true)
        );
        assert_eq!(at(root.field("thumbnail")), (10, 16, true));
    }

    #[test]
    fn missing_field_falls_back_to_parent() {
        let spot =
            SpanTree::parse(SRC).locate(&Path::root().field("scenes").index(0).field("next"));
        assert_eq!((spot.pos.line, spot.pos.column, spot.exact), (7, 9, false));
    }

    #[test]
    fn underlines_whole_scalar() {
        let spot = SpanTree::parse(SRC).locate(&Path::root().field("id"));
        assert_eq!(spot.width, "\"quake\"".len());
    }
}
