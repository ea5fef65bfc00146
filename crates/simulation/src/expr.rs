//! Expressions: checked with positions for the designer, then compiled once by exmex and
//! evaluated against the simulation's variable slots.

use exmex::{Express, FlatEx, FloatOpsFactory, MakeOperators, MatchLiteral, Operator};

/// exmex's operators plus `pi` (designers write it in lower case) and `step` (0 below
/// zero, 1 above: switches a term on, e.g. a ground force only while touching).
#[derive(Clone, Debug)]
pub struct Ops;

impl MakeOperators<f64> for Ops {
    fn make<'a>() -> Vec<Operator<'a, f64>> {
        let mut ops = FloatOpsFactory::<f64>::make();
        ops.push(Operator::make_constant("pi", std::f64::consts::PI));
        ops.push(Operator::make_unary("step", |a| {
            if a > 0.0 { 1.0 } else { 0.0 }
        }));
        ops
    }
}

/// Numbers as designers write them, including `6.674e-11` (exmex alone reads no exponent).
#[derive(Clone, Debug)]
pub struct Number;

impl MatchLiteral for Number {
    fn is_literal(text: &str) -> Option<&str> {
        number_len(text).map(|n| &text[..n])
    }
}

/// Length in bytes of the number at the start of `text`, if one is there.
fn number_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int = i;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if int == 0 && i <= 1 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let digits = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > digits {
            i = j;
        }
    }
    Some(i)
}

/// Functions an expression may call.
pub const FUNCTIONS: &[&str] = &[
    "abs", "signum", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh",
    "asinh", "acosh", "atanh", "floor", "round", "ceil", "trunc", "fract", "exp", "sqrt", "cbrt",
    "ln", "log", "log2", "log10", "min", "max", "step",
];

/// Named constants an expression may use.
pub const CONSTANTS: &[&str] = &["pi", "PI", "π", "TAU", "τ", "E", "e"];

/// A problem in one expression, at a character offset within it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// Characters from the start of the expression to the problem.
    pub offset: usize,
    /// Characters to underline (at least 1).
    pub len: usize,
    /// What is wrong.
    pub message: String,
    /// What to do, when something useful can be said.
    pub hint: Option<String>,
}

/// The names an expression may use, each with its slot in the variable array.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    names: Vec<(String, usize)>,
    /// Names that exist but may not be used here, with the reason.
    barred: Vec<(String, &'static str)>,
}

impl Scope {
    /// Adds a usable name.
    pub fn add(&mut self, name: &str, slot: usize) {
        self.names.push((name.to_owned(), slot));
    }

    /// Adds a name that exists in the model but is not allowed here, and why.
    pub fn bar(&mut self, name: &str, why: &'static str) {
        self.barred.push((name.to_owned(), why));
    }

    fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, s)| *s)
    }
}

/// A compiled expression.
#[derive(Debug, Clone)]
pub struct Expr {
    /// Boxed: exmex keeps its nodes inline, about 20 KB per expression, which would make
    /// every shape and model huge on the stack.
    flat: Box<FlatEx<f64, Ops, Number>>,
    /// Slot of each exmex variable (exmex orders them by name).
    slots: Vec<usize>,
}

impl Expr {
    /// Checks `src` against `scope` and compiles it.
    pub fn compile(src: &str, scope: &Scope) -> Result<Expr, ExprError> {
        let braced = check(src, scope)?;
        let flat = FlatEx::<f64, Ops, Number>::parse(&braced).map_err(|e| ExprError {
            offset: 0,
            len: src.chars().count().max(1),
            message: format!("this expression cannot be read: {}", e.msg()),
            hint: Some("write it like `-g / length * sin(theta)`: operators + - * / ^, functions with parentheses".into()),
        })?;
        let slots = flat
            .var_names()
            .iter()
            .map(|n| scope.slot(n).expect("checked above"))
            .collect();
        Ok(Expr {
            flat: Box::new(flat),
            slots,
        })
    }

    /// The constant 0: what stands in for an expression that did not compile.
    pub fn zero() -> Expr {
        Expr {
            flat: Box::new(FlatEx::parse("0").expect("`0` is an expression")),
            slots: Vec::new(),
        }
    }

    /// The value with the variables in `vars` (a NaN where maths fails, e.g. sqrt(-1)).
    #[inline]
    pub fn eval(&self, vars: &[f64]) -> f64 {
        const MAX: usize = 16;
        let n = self.slots.len();
        if n <= MAX {
            let mut args = [0.0; MAX];
            for (a, &s) in args.iter_mut().zip(&self.slots) {
                *a = vars[s];
            }
            self.flat.eval(&args[..n]).unwrap_or(f64::NAN)
        } else {
            let args: Vec<f64> = self.slots.iter().map(|&s| vars[s]).collect();
            self.flat.eval(&args).unwrap_or(f64::NAN)
        }
    }

    /// Slots this expression reads.
    pub fn slots(&self) -> &[usize] {
        &self.slots
    }
}

/// What kind of token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num,
    Name,
    Func,
    Op(char),
    Open,
    Close,
    Comma,
}

/// One token of an expression: its kind, where it starts and how long it is (in
/// characters, for pointing at it), and its text.
#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    at: usize,
    len: usize,
    text: String,
}

/// An error at `len` characters (at least 1) from character `offset`.
fn err(offset: usize, len: usize, message: impl Into<String>, hint: Option<String>) -> ExprError {
    ExprError {
        offset,
        len: len.max(1),
        message: message.into(),
        hint,
    }
}

/// An error underlining `tok`.
fn err_at(tok: &Token, message: impl Into<String>, hint: Option<String>) -> ExprError {
    err(tok.at, tok.len, message, hint)
}

/// Reads `src` into tokens, checking names and grammar so that every error points at its
/// place (exmex's own errors have no position). Returns the expression for exmex with
/// every name in braces: exmex would otherwise read the start of `max_height` or
/// `minutes` as its `max` and `min` operators.
fn check(src: &str, scope: &Scope) -> Result<String, ExprError> {
    if src.trim().is_empty() {
        return Err(err(
            0,
            1,
            "the expression is empty",
            Some("write a number or a formula, e.g. `0`".into()),
        ));
    }
    let toks = tokens(src, scope)?;
    check_brackets(&toks)?;
    check_neighbours(&toks)?;
    check_ends(&toks)?;
    check_minus_before_power(&toks)?;
    check_calls(&toks)?;
    let mut out = String::with_capacity(src.len() + 16);
    emit(&toks, &mut out);
    Ok(out)
}

/// The tokens of `src`, each name known in `scope` or as a constant or function.
fn tokens(src: &str, scope: &Scope) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let tok = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() || c == '.' {
            read_number(src, &chars, i)?
        } else if c.is_alphabetic() || c == '_' {
            read_name(src, &chars, i, scope)?
        } else {
            read_symbol(c, i)?
        };
        i += tok.len;
        toks.push(tok);
    }
    Ok(toks)
}

/// The number starting at character `i`.
fn read_number(src: &str, chars: &[(usize, char)], i: usize) -> Result<Token, ExprError> {
    let byte = chars[i].0;
    let Some(n) = number_len(&src[byte..]) else {
        return Err(err(i, 1, "a lone `.` is not a number", None));
    };
    let text = &src[byte..byte + n];
    Ok(Token {
        kind: Tok::Num,
        at: i,
        len: text.chars().count(),
        text: text.to_owned(),
    })
}

/// The name starting at character `i`: a function when one of ours, else a name.
fn read_name(
    src: &str,
    chars: &[(usize, char)],
    i: usize,
    scope: &Scope,
) -> Result<Token, ExprError> {
    let mut j = i;
    while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
        j += 1;
    }
    let end = chars.get(j).map_or(src.len(), |x| x.0);
    let name = &src[chars[i].0..end];
    let mut k = j;
    while k < chars.len() && chars[k].1.is_whitespace() {
        k += 1;
    }
    let called = chars.get(k).is_some_and(|x| x.1 == '(');
    let tok = Token {
        kind: if FUNCTIONS.contains(&name) {
            Tok::Func
        } else {
            Tok::Name
        },
        at: i,
        len: j - i,
        text: name.to_owned(),
    };
    check_name(&tok, called, scope)?;
    Ok(tok)
}

/// A function is called, a name is not, and a name is one `scope` (or the constants) has.
fn check_name(tok: &Token, called: bool, scope: &Scope) -> Result<(), ExprError> {
    let name = tok.text.as_str();
    if tok.kind == Tok::Func && !called {
        return Err(err_at(
            tok,
            format!("`{name}` is a function: give it parentheses, `{name}(…)`"),
            None,
        ));
    }
    if tok.kind == Tok::Name && called {
        let hint = did_you_mean(name, FUNCTIONS.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some(format!("functions: {}", FUNCTIONS.join(", "))));
        return Err(err_at(
            tok,
            format!("`{name}` is not a function this kiosk knows"),
            hint,
        ));
    }
    if tok.kind == Tok::Name && !CONSTANTS.contains(&name) && scope.slot(name).is_none() {
        return Err(unknown_name(tok, scope));
    }
    Ok(())
}

/// The error for a name `scope` does not have: why it is barred here, or what was meant.
fn unknown_name(tok: &Token, scope: &Scope) -> ExprError {
    let name = tok.text.as_str();
    if let Some((_, why)) = scope.barred.iter().find(|(n, _)| n == name) {
        return err_at(tok, format!("`{name}` cannot be used here: {why}"), None);
    }
    let known = scope.names.iter().map(|(n, _)| n.as_str()).chain(["pi"]);
    let hint = match did_you_mean(name, known) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "names you can use here: {}",
            scope
                .names
                .iter()
                .map(|(n, _)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    err_at(tok, format!("unknown name `{name}`"), Some(hint))
}

/// An operator, a bracket or a comma at character `i`; anything else is an error, with a
/// hint for the symbols people write by habit.
fn read_symbol(c: char, i: usize) -> Result<Token, ExprError> {
    let kind = match c {
        '+' | '-' | '*' | '/' | '^' => Tok::Op(c),
        '(' => Tok::Open,
        ')' => Tok::Close,
        ',' => Tok::Comma,
        _ => {
            let hint = match c {
                '×' | '·' => Some("multiply with `*`".to_owned()),
                '÷' => Some("divide with `/`".to_owned()),
                '²' => Some("write powers as `x^2`".to_owned()),
                '<' | '>' | '=' => Some("comparisons belong only in an event's `when`".to_owned()),
                _ => None,
            };
            return Err(err(
                i,
                1,
                format!("`{c}` cannot appear in an expression"),
                hint,
            ));
        }
    };
    Ok(Token {
        kind,
        at: i,
        len: 1,
        text: c.to_string(),
    })
}

/// Parentheses balance, with the unmatched one pointed at.
fn check_brackets(toks: &[Token]) -> Result<(), ExprError> {
    let mut open = Vec::new();
    for t in toks {
        if t.kind == Tok::Open {
            open.push(t.at);
        } else if t.kind == Tok::Close && open.pop().is_none() {
            return Err(err(t.at, 1, "this `)` closes nothing", None));
        }
    }
    match open.pop() {
        Some(at) => Err(err(
            at,
            1,
            "this `(` is never closed",
            Some("add a `)`".into()),
        )),
        None => Ok(()),
    }
}

/// Grammar between neighbours: two values in a row, an operator with nothing after it.
fn check_neighbours(toks: &[Token]) -> Result<(), ExprError> {
    let operand_end = |k: Tok| matches!(k, Tok::Num | Tok::Name | Tok::Close);
    let operand_start = |k: Tok| matches!(k, Tok::Num | Tok::Name | Tok::Func | Tok::Open);
    for w in toks.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if operand_end(a.kind) && operand_start(b.kind) {
            let hint = if a.kind == Tok::Num && b.kind == Tok::Name {
                Some(format!("write `{} * {}`", a.text, b.text))
            } else {
                Some("put an operator (+ - * / ^) between them".into())
            };
            return Err(err_at(
                b,
                format!("`{}` follows `{}` with no operator between", b.text, a.text),
                hint,
            ));
        }
        if let Tok::Op(op) = a.kind
            && matches!(b.kind, Tok::Close | Tok::Comma | Tok::Op('*' | '/' | '^'))
        {
            return Err(err_at(
                b,
                format!("`{}` follows the operator `{op}`", b.text),
                None,
            ));
        }
        if matches!(a.kind, Tok::Open | Tok::Comma) && matches!(b.kind, Tok::Close | Tok::Comma) {
            return Err(err_at(b, "a value is missing here", None));
        }
    }
    Ok(())
}

/// Nothing dangles at the start or the end.
fn check_ends(toks: &[Token]) -> Result<(), ExprError> {
    if let Some(first) = toks.first()
        && matches!(
            first.kind,
            Tok::Op('*' | '/' | '^') | Tok::Close | Tok::Comma
        )
    {
        return Err(err_at(
            first,
            format!("the expression starts with `{}`", first.text),
            None,
        ));
    }
    if let Some(last) = toks.last()
        && matches!(last.kind, Tok::Op(_) | Tok::Func | Tok::Open | Tok::Comma)
    {
        return Err(err_at(
            last,
            format!("the expression ends with `{}`", last.text),
            Some("something is missing after it".into()),
        ));
    }
    Ok(())
}

/// exmex binds a leading minus tighter than `^`: `-x^2` would be (-x)^2 = +x².
fn check_minus_before_power(toks: &[Token]) -> Result<(), ExprError> {
    for (n, t) in toks.iter().enumerate() {
        let unary = t.kind == Tok::Op('-')
            && (n == 0 || matches!(toks[n - 1].kind, Tok::Op(_) | Tok::Open | Tok::Comma));
        if !unary {
            continue;
        }
        let m = operand_last(toks, n + 1);
        if toks.get(m + 1).is_some_and(|x| x.kind == Tok::Op('^')) {
            return Err(err(
                t.at,
                toks[m + 1].at + 1 - t.at,
                "a minus sign before a power is ambiguous here",
                Some("this kiosk would read `-x^2` as (-x)^2; write `-(x^2)` or `0 - x^2`".into()),
            ));
        }
    }
    Ok(())
}

/// The last token of the operand starting at `toks[m]`: a number, a name, a call or a
/// bracket.
fn operand_last(toks: &[Token], mut m: usize) -> usize {
    if m < toks.len() && toks[m].kind == Tok::Func {
        m += 1;
    }
    if m < toks.len() && toks[m].kind == Tok::Open {
        let mut depth = 0;
        while m < toks.len() {
            match toks[m].kind {
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            m += 1;
        }
    }
    m
}

/// Each function call takes as many values as it should: a comma belongs to a two-value
/// function (min, max, atan2) and nowhere else. Left to right, the first problem wins.
fn check_calls(toks: &[Token]) -> Result<(), ExprError> {
    for (n, t) in toks.iter().enumerate() {
        if t.kind == Tok::Comma {
            check_comma(toks, n)?;
        }
        if n > 0 && toks[n - 1].kind == Tok::Func && t.kind == Tok::Open {
            check_arity(toks, n)?;
        }
    }
    Ok(())
}

/// The comma at `toks[n]` is in the brackets of a two-value function.
fn check_comma(toks: &[Token], n: usize) -> Result<(), ExprError> {
    // Which bracket is this comma in, and does a function own it?
    let mut depth = 0;
    let mut owner = None;
    for m in (0..n).rev() {
        match toks[m].kind {
            Tok::Close => depth += 1,
            Tok::Open if depth == 0 => {
                owner = (m > 0 && toks[m - 1].kind == Tok::Func).then(|| toks[m - 1].text.as_str());
                break;
            }
            Tok::Open => depth -= 1,
            _ => {}
        }
    }
    if owner.is_some_and(|f| TWO_VALUES.contains(&f)) {
        Ok(())
    } else {
        Err(err(
            toks[n].at,
            1,
            "a comma belongs only between the two values of min, max or atan2",
            None,
        ))
    }
}

/// The call whose bracket opens at `toks[open]` has as many values as its function takes.
fn check_arity(toks: &[Token], open: usize) -> Result<(), ExprError> {
    let func = &toks[open - 1];
    let name = &func.text;
    let (commas, _) = top_level(toks, open);
    let wanted = usize::from(TWO_VALUES.contains(&name.as_str()));
    if commas.len() == wanted {
        return Ok(());
    }
    let how = if wanted == 1 {
        format!("`{name}` takes two values: `{name}(a, b)`")
    } else {
        format!("`{name}` takes one value: `{name}(x)`")
    };
    Err(err_at(func, how, None))
}

/// Functions of two values. exmex reads them as operators between their values, and
/// mis-reads one nested in another's second value; [`emit`] writes them out as operators.
const TWO_VALUES: &[&str] = &["min", "max", "atan2"];

/// For the bracket opened at `toks[open]`: positions of its top-level commas, and of its
/// closing bracket.
fn top_level(toks: &[Token], open: usize) -> (Vec<usize>, usize) {
    let mut depth = 0;
    let mut commas = Vec::new();
    for (m, t) in toks.iter().enumerate().skip(open) {
        match t.kind {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth == 0 {
                    return (commas, m);
                }
            }
            Tok::Comma if depth == 1 => commas.push(m),
            _ => {}
        }
    }
    (commas, toks.len())
}

/// Writes checked tokens for exmex: names in braces (exmex would read the start of
/// `max_height` as `max`), and `f(a, b)` of two-value functions as `((a) f (b))`.
fn emit(toks: &[Token], out: &mut String) {
    let mut n = 0;
    while n < toks.len() {
        let Token { kind, text, .. } = &toks[n];
        if !out.is_empty() && !out.ends_with('(') {
            out.push(' ');
        }
        if *kind == Tok::Func && TWO_VALUES.contains(&text.as_str()) && n + 1 < toks.len() {
            let (commas, close) = top_level(toks, n + 1);
            if let [comma] = commas[..] {
                out.push_str("((");
                emit(&toks[n + 2..comma], out);
                out.push_str(") ");
                out.push_str(text);
                out.push_str(" (");
                emit(&toks[comma + 1..close.min(toks.len())], out);
                out.push_str("))");
                n = close + 1;
                continue;
            }
        }
        if *kind == Tok::Name && !CONSTANTS.contains(&text.as_str()) {
            out.push('{');
            out.push_str(text);
            out.push('}');
        } else {
            out.push_str(text);
        }
        n += 1;
    }
}

/// The candidate `found` most likely misspells, if one is close enough (Jaro–Winkler
/// above 0.8). The validator suggests names in files and in expressions by this one rule.
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(found, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> Scope {
        let mut s = Scope::default();
        for (i, n) in ["t", "theta", "omega", "length", "g"].iter().enumerate() {
            s.add(n, i);
        }
        s
    }

    #[test]
    fn compiles_and_evaluates_by_slot() {
        let e = Expr::compile("-g / length * sin(theta)", &scope()).unwrap();
        let vars = [0.0, 0.5, 0.0, 2.0, 9.81];
        assert!((e.eval(&vars) - (-9.81 / 2.0 * 0.5f64.sin())).abs() < 1e-12);
        let e =
            Expr::compile("6.674e-11 * 2E3 + pi - step(theta) + atan2(1, 1)", &scope()).unwrap();
        let want = 6.674e-11 * 2e3 + std::f64::consts::PI - 1.0 + std::f64::consts::FRAC_PI_4;
        assert!((e.eval(&vars) - want).abs() < 1e-12);
    }

    #[test]
    fn errors_point_at_the_place() {
        let e = Expr::compile("-g / lenght * sin(theta)", &scope()).unwrap_err();
        assert_eq!((e.offset, e.len), (5, 6));
        assert_eq!(e.hint.as_deref(), Some("did you mean `length`?"));
        let e = Expr::compile("sin(theta", &scope()).unwrap_err();
        assert_eq!(e.offset, 3, "{e:?}");
        let e = Expr::compile("2theta", &scope()).unwrap_err();
        assert_eq!(e.offset, 1);
        assert_eq!(e.hint.as_deref(), Some("write `2 * theta`"));
        let e = Expr::compile("theta +", &scope()).unwrap_err();
        assert_eq!(e.offset, 6);
        let e = Expr::compile("sine(theta)", &scope()).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean `sin`?"));
        let e = Expr::compile("g × 2", &scope()).unwrap_err();
        assert_eq!(e.offset, 2);
        let e = Expr::compile("1 - -theta^2", &scope()).unwrap_err();
        assert_eq!((e.offset, e.len), (4, 7));
        assert!(Expr::compile("1 - -(theta^2)", &scope()).is_ok());
        assert!(Expr::compile("-(theta)^2", &scope()).is_err());
        assert!(Expr::compile("2^-1 + -theta", &scope()).is_ok());
        let e = Expr::compile(" ", &scope()).unwrap_err();
        assert_eq!(e.message, "the expression is empty");
    }

    #[test]
    fn names_that_start_like_functions_are_names() {
        let mut s = Scope::default();
        s.add("max_height", 0);
        s.add("minutes", 1);
        s.add("e2", 2);
        let e = Expr::compile("max_height + minutes * max(e2, 1)", &s).unwrap();
        assert_eq!(e.eval(&[2.0, 3.0, 4.0]), 14.0);
        assert_eq!(
            Expr::compile("2^3^2", &s).unwrap().eval(&[]),
            64.0,
            "`^` groups left to right"
        );
        // Two-value functions nest either way round.
        let e = Expr::compile(
            "min(max_height, max(minutes, 3)) + atan2(sin(1), cos(1))",
            &s,
        )
        .unwrap();
        assert!((e.eval(&[2.0, 5.0, 0.0]) - 3.0).abs() < 1e-12);
        let e = Expr::compile("max(0, 2 * min(minutes, 3) - max_height)", &s).unwrap();
        assert_eq!(e.eval(&[2.0, 5.0, 0.0]), 4.0);
        let e = Expr::compile("max(minutes)", &s).unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (0, "`max` takes two values: `max(a, b)`")
        );
        let e = Expr::compile("sin(minutes, 2)", &s).unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (0, "`sin` takes one value: `sin(x)`")
        );
        let e = Expr::compile("(minutes, 2)", &s).unwrap_err();
        assert_eq!(e.offset, 8);
    }

    #[test]
    fn barred_names_say_why() {
        let mut s = scope();
        s.bar("x", "initial values may use parameters only");
        let e = Expr::compile("x + 1", &s).unwrap_err();
        assert!(e.message.contains("parameters only"), "{}", e.message);
    }
}
