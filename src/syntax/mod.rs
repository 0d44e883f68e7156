//! Statement text to AST: a pre-scan for brackets, strings and limits, the
//! pest grammar in `grammar/statement.pest`, and a builder that folds pest's
//! pairs into [`ast::Stmt`].

pub mod ast;
mod block;
mod build;
mod build_comp;
mod build_pattern;
mod build_stmt;
mod depth;
mod error;
mod fstring;
mod grammar;
pub mod group;
mod qualname;
pub use qualname::unprefix_nested;
mod scan;
mod scope;
/// The names an assignment target binds.
pub mod scope_names {
    pub use super::scope::{bound_names, stmt_yields as stmt_yields_in, target_names};

    /// Whether a statement of a function's body holds a `yield` (nested
    /// functions and classes aside).
    pub fn stmt_yields(s: &crate::syntax::ast::Stmt) -> bool {
        stmt_yields_in(s, false)
    }
}
mod strings;

use std::num::NonZeroUsize;
use std::sync::Once;

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

pub use error::SyntaxError;
use grammar::{Rule, StatementParser};

/// pest's budget of rule calls per parse. The grammar never backtracks over
/// a whole nested expression, so real lines use a few dozen calls per byte;
/// the limit only stops pathological input from running for long.
const PEST_CALL_LIMIT: usize = 20_000_000;

/// Parses one statement as typed at the prompt: one line, or several
/// (a block, a bracket left open, a backslash), or several statements on one
/// line separated by `;`.
///
/// Trailing newlines are allowed. Never panics; every failure, including
/// input that is too long or too deeply nested, is a [`SyntaxError`] whose
/// offset points into `text`.
pub fn parse_stmt(text: &str) -> Result<ast::Stmt, SyntaxError> {
    let text = text.trim_end_matches(['\n', '\r']);
    let lines = block::logical_lines(text)?;
    let mut parsed = Vec::with_capacity(lines.len());
    for line in lines {
        let logical =
            build::with_span_base(line.start, || parse_logical(&line.text)).map_err(|e| {
                let at = line.start + e.offset;
                SyntaxError::new(e.message, at)
            })?;
        parsed.push((line, logical));
    }
    let mut stmts = block::Assembler::new(parsed).program()?;
    for s in &stmts {
        scope::check_nonlocals(s, &mut Vec::new())?;
        if scope::stmt_yields(s, true) {
            return Err(SyntaxError::new("'yield' outside function", 0));
        }
    }
    Ok(match stmts.len() {
        0 => ast::Stmt::Pass,
        1 => stmts.pop().unwrap_or(ast::Stmt::Pass),
        _ => ast::Stmt::Seq(stmts),
    })
}

/// Parses an expression on its own, as `eval()` takes its source.
pub fn parse_expression(text: &str) -> Result<ast::Expr, SyntaxError> {
    parse_fexpr(text).map_err(|e| match e.message.strip_prefix("f-string: ") {
        Some(rest) => SyntaxError::new(rest, e.offset),
        None => e,
    })
}

/// Parses the text of an f-string's replacement field.
pub(crate) fn parse_fexpr(text: &str) -> Result<ast::Expr, SyntaxError> {
    let depth = scan::prescan(text)?;
    if depth > SHALLOW_DEPTH {
        return Err(SyntaxError::new(
            "f-string: expression nested too deeply",
            0,
        ));
    }
    let mut pairs = StatementParser::parse(Rule::fexpr, text).map_err(|e| from_pest(e, text))?;
    let pair = pairs
        .next()
        .and_then(|p| p.into_inner().next())
        .ok_or_else(|| SyntaxError::new("f-string: empty expression not allowed", 0))?;
    build::build_star_exprs(pair)
}

/// One logical line: the pre-scan, then pest and the builder.
fn parse_logical(line: &str) -> Result<build_stmt::Logical, SyntaxError> {
    let depth = scan::prescan(line)?;

    static CALL_LIMIT: Once = Once::new();
    CALL_LIMIT.call_once(|| pest::set_call_limit(NonZeroUsize::new(PEST_CALL_LIMIT)));

    if depth <= SHALLOW_DEPTH {
        return parse_checked(line);
    }
    // pest and the builder recurse once per bracket level, using tens of KiB
    // per level in debug builds, and the caller's stack may be small (test
    // threads have 2 MiB). Deeply nested lines get a thread whose stack fits
    // the worst case the pre-scan allows.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("slicelab-parse".into())
            .stack_size(DEEP_STACK_BYTES)
            .spawn_scoped(scope, || parse_checked(line))
            .map_err(|_| SyntaxError::new("too many nested parentheses", 0))?
            .join()
            .unwrap_or_else(|_| Err(SyntaxError::new("invalid syntax (parser failure)", 0)))
    })
}

/// Bracket depth up to which parsing runs on the caller's stack.
const SHALLOW_DEPTH: usize = 16;

/// Stack for deeply nested lines: 200 levels need about 5 MiB in a debug
/// build; the rest is headroom. Only the touched pages are ever committed.
const DEEP_STACK_BYTES: usize = 64 << 20;

/// pest, then the builder, on a line the pre-scan accepted.
fn parse_checked(line: &str) -> Result<build_stmt::Logical, SyntaxError> {
    let mut pairs = StatementParser::parse(Rule::line, line).map_err(|e| from_pest(e, line))?;
    let logical = match pairs.next() {
        Some(pair) => build_stmt::build_line(pair)?,
        None => return Err(SyntaxError::new("invalid syntax", 0)),
    };
    let stmts: &[ast::Stmt] = match &logical {
        build_stmt::Logical::Simple(ss) | build_stmt::Logical::Head(_, Some(ss)) => ss,
        build_stmt::Logical::Head(_, None) => &[],
        build_stmt::Logical::Decorator(e) => {
            if let Some(e) = depth::too_deep(e, depth::MAX_AST_DEPTH) {
                return Err(SyntaxError::new(
                    format!(
                        "expression is too complex (nested more than {} levels deep)",
                        depth::MAX_AST_DEPTH
                    ),
                    e.span.start,
                ));
            }
            &[]
        }
    };
    let offset = stmts
        .iter()
        .flat_map(depth::stmt_exprs)
        .find_map(|e| depth::too_deep(e, depth::MAX_AST_DEPTH))
        .map(|e| e.span.start);
    match offset {
        None => Ok(logical),
        Some(offset) => {
            if let build_stmt::Logical::Simple(ss) | build_stmt::Logical::Head(_, Some(ss)) =
                logical
            {
                ss.into_iter().for_each(depth::dismantle);
            }
            Err(SyntaxError::new(
                format!(
                    "expression is too complex (nested more than {} levels deep)",
                    depth::MAX_AST_DEPTH
                ),
                offset,
            ))
        }
    }
}

/// A pest failure in CPython's words. pest's furthest-failure position is
/// where the caret goes; the message is `invalid syntax` unless the line
/// simply stopped early, where saying what was expected helps (worded via
/// `renamed_rules`).
fn from_pest(e: pest::error::Error<Rule>, line: &str) -> SyntaxError {
    let offset = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    match &e.variant {
        ErrorVariant::CustomError { message } if message.contains("limit reached") => {
            SyntaxError::new("this line is too complex to parse", offset)
        }
        ErrorVariant::CustomError { message } => SyntaxError::new(message.clone(), offset),
        ErrorVariant::ParsingError { positives, .. } => {
            let rest = line.get(offset..).unwrap_or("").trim_start();
            let at_end = rest.is_empty() || rest.starts_with('#');
            // Keep one rule per distinct wording, dropping rules too
            // internal to name.
            let mut named: Vec<Rule> = Vec::new();
            for r in positives {
                let words = rule_words(*r);
                if !words.is_empty() && !named.iter().any(|n| rule_words(*n) == words) {
                    named.push(*r);
                }
            }
            // A name is an expression too (the walrus made `name` a
            // possibility wherever an expression is): say only the latter.
            if named.iter().any(|r| rule_words(*r) == "an expression") {
                named.retain(|r| rule_words(*r) != "a name");
            }
            if !at_end || named.is_empty() {
                return SyntaxError::new("invalid syntax", offset);
            }
            let mut expected = e.clone();
            expected.variant = ErrorVariant::ParsingError {
                positives: named,
                negatives: Vec::new(),
            };
            let expected = match expected
                .renamed_rules(|r| rule_words(*r).to_string())
                .variant
            {
                ErrorVariant::CustomError { message } => message,
                ErrorVariant::ParsingError { .. } => "something else".into(),
            };
            SyntaxError::new(
                format!("invalid syntax: {expected} at the end of the line"),
                offset,
            )
        }
    }
}

/// Plain words for a grammar rule in "expected ..." messages.
fn rule_words(rule: Rule) -> &'static str {
    match rule {
        Rule::expr
        | Rule::disjunction
        | Rule::conjunction
        | Rule::inversion
        | Rule::comparison
        | Rule::bitor
        | Rule::factor
        | Rule::power
        | Rule::pow_rhs
        | Rule::primary
        | Rule::star_expr
        | Rule::star_exprs
        | Rule::expr_stmt
        | Rule::sub_item
        | Rule::slice_stop
        | Rule::kwarg
        | Rule::dict_item => "an expression",
        Rule::name | Rule::dotted_name | Rule::import_alias | Rule::import_module => "a name",
        Rule::kw_import => "'import'",
        Rule::kw_else => "'else'",
        Rule::kw_in => "'in'",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::ast::{Arg, BoolOpKind, CmpOp, Expr, ExprKind, Span, Stmt, UnaryOp};
    use super::*;

    /// The AST as a compact S-expression, so shape tests read like the code.
    fn sexp(stmt: &Stmt) -> String {
        match stmt {
            Stmt::Expr(e) => ex(e),
            Stmt::Assign { targets, value } => {
                let t: Vec<String> = targets.iter().map(ex).collect();
                format!("(= {} {})", t.join(" "), ex(value))
            }
            Stmt::AugAssign { target, op, value } => {
                format!("({}= {} {})", op.symbol(), ex(target), ex(value))
            }
            Stmt::AnnAssign {
                target,
                annotation,
                value,
            } => match value {
                Some(v) => format!("(: {} {} {})", ex(target), ex(annotation), ex(v)),
                None => format!("(: {} {})", ex(target), ex(annotation)),
            },
            Stmt::Import { modules } => {
                let m: Vec<String> = modules
                    .iter()
                    .map(|(m, a)| match a {
                        Some(a) => format!("{m} {a}"),
                        None => m.clone(),
                    })
                    .collect();
                format!("(import {})", m.join(", "))
            }
            Stmt::FromImport { module, names } => {
                let n: Vec<String> = names
                    .iter()
                    .map(|(n, a)| match a {
                        Some(a) => format!("({n} {a})"),
                        None => format!("({n})"),
                    })
                    .collect();
                format!("(from {module} {})", n.join(" "))
            }
            Stmt::Pass => "pass".into(),
            other => format!("{other:?}"),
        }
    }

    fn cmp(op: CmpOp) -> &'static str {
        match op {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is-not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not-in",
        }
    }

    fn list(head: &str, items: &[Expr]) -> String {
        let mut s = format!("({head}");
        for i in items {
            s.push(' ');
            s.push_str(&ex(i));
        }
        s.push(')');
        s
    }

    fn opt(e: &Option<Box<Expr>>) -> String {
        e.as_deref().map_or("_".into(), ex)
    }

    fn ex(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Name(n) => n.clone(),
            ExprKind::Int(v) => v.to_string(),
            ExprKind::BigInt(d) => format!("big:{d}"),
            ExprKind::Float(v) => format!("{v:?}"),
            ExprKind::Imag(v) => format!("{v:?}j"),
            ExprKind::Str(s) => format!("{s:?}"),
            ExprKind::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
            ExprKind::Bool(b) => if *b { "True" } else { "False" }.into(),
            ExprKind::NoneLit => "None".into(),
            ExprKind::Ellipsis => "...".into(),
            ExprKind::List(items) => list("list", items),
            ExprKind::Tuple(items) => list("tuple", items),
            ExprKind::Dict(kv) => {
                let parts: Vec<String> = kv
                    .iter()
                    .map(|(k, v)| format!("({} {})", ex(k), ex(v)))
                    .collect();
                format!("(dict {})", parts.join(" ")).replace("(dict )", "(dict)")
            }
            ExprKind::Attribute { value, name } => format!("(. {} {name})", ex(value)),
            ExprKind::Subscript { value, index } => format!("([] {} {})", ex(value), ex(index)),
            ExprKind::Slice { start, stop, step } => {
                format!("(: {} {} {})", opt(start), opt(stop), opt(step))
            }
            ExprKind::Call { func, args } => {
                let mut s = format!("(call {}", ex(func));
                for a in args {
                    s.push(' ');
                    match a {
                        Arg::Positional(e) => s.push_str(&ex(e)),
                        Arg::Keyword(k, e) => s.push_str(&format!("(kw {k} {})", ex(e))),
                    }
                }
                s.push(')');
                s
            }
            ExprKind::Unary { op, operand } => {
                let o = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Pos => "+",
                    UnaryOp::Invert => "~",
                    UnaryOp::Not => "not",
                };
                format!("({o} {})", ex(operand))
            }
            ExprKind::Binary { op, left, right } => {
                format!("({} {} {})", op.symbol(), ex(left), ex(right))
            }
            ExprKind::Compare { left, rest } => {
                let mut s = format!("(cmp {}", ex(left));
                for (op, e) in rest {
                    s.push_str(&format!(" ({} {})", cmp(*op), ex(e)));
                }
                s.push(')');
                s
            }
            ExprKind::BoolOp { op, values } => list(
                match op {
                    BoolOpKind::And => "and",
                    BoolOpKind::Or => "or",
                },
                values,
            ),
            ExprKind::IfExp { test, body, orelse } => {
                format!("(if {} {} {})", ex(test), ex(body), ex(orelse))
            }
            ExprKind::Starred(inner) => format!("(* {})", ex(inner)),
            other => format!("{other:?}"),
        }
    }

    #[track_caller]
    fn check(line: &str, expected: &str) {
        match parse_stmt(line) {
            Ok(stmt) => assert_eq!(sexp(&stmt), expected, "parsing {line:?}"),
            Err(e) => panic!("{line:?} failed:\n{}", e.render(line)),
        }
    }

    /// Checks the message and the caret column (in chars) of a bad line.
    #[track_caller]
    fn bad(line: &str, message: &str, offset: usize) {
        match parse_stmt(line) {
            Ok(stmt) => panic!("{line:?} parsed as {}", sexp(&stmt)),
            Err(e) => {
                assert_eq!(
                    (e.message.as_str(), e.offset),
                    (message, offset),
                    "\n{}",
                    e.render(line)
                );
            }
        }
    }

    fn expr_of(line: &str) -> Expr {
        match parse_stmt(line) {
            Ok(Stmt::Expr(e)) => e,
            other => panic!("{line:?}: {other:?}"),
        }
    }

    #[test]
    fn precedence() {
        check("a > 2 & a < 5", "(cmp a (> (& 2 a)) (< 5))");
        check("-2**2", "(- (** 2 2))");
        check("2**-1", "(** 2 (- 1))");
        check("2**3**2", "(** 2 (** 3 2))");
        check("2 ** -3 ** 2", "(** 2 (- (** 3 2)))");
        check("-a ** -b ** c", "(- (** a (- (** b c))))");
        check("not a == b", "(not (cmp a (== b)))");
        check("not not a", "(not (not a))");
        check("a or b and c", "(or a (and b c))");
        check("a and b or c and d", "(or (and a b) (and c d))");
        check("a or b or c", "(or a b c)");
        check("a + b * c", "(+ a (* b c))");
        check("a - b - c", "(- (- a b) c)");
        check("a & b | c ^ d", "(| (& a b) (^ c d))");
        check("a << 1 + 2", "(<< a (+ 1 2))");
        check("a @ b // c % d / e", "(/ (% (// (@ a b) c) d) e)");
        check("a < b < c", "(cmp a (< b) (< c))");
        check("a is not None", "(cmp a (is-not None))");
        check("x not in y", "(cmp x (not-in y))");
        check("a is b", "(cmp a (is b))");
        check(
            "a in b != c >= d <= e",
            "(cmp a (in b) (!= c) (>= d) (<= e))",
        );
        check("~a & b", "(& (~ a) b)");
        check("-a * +b", "(* (- a) (+ b))");
        check("- - -a", "(- (- (- a)))");
        check("a[1:][::2]", "([] ([] a (: 1 _ _)) (: _ _ 2))");
        check("f(x)[0].T", "(. ([] (call f x) 0) T)");
        check("a if b else c", "(if b a c)");
        check("a if b else c if d else e", "(if b a (if d c e))");
        check(
            "a or b if c and d else not e",
            "(if (and c d) (or a b) (not e))",
        );
        check("(a + b) * c", "(* (+ a b) c)");
        check("-x.T ** 2", "(- (** (. x T) 2))");
        check("a.b.c(d)(e)", "(call (call (. (. a b) c) d) e)");
    }

    #[test]
    fn keywords_are_not_name_prefixes() {
        check("notable", "notable");
        check("island", "island");
        check("orange or andy", "(or orange andy)");
        check("not x", "(not x)");
        check("a in b", "(cmp a (in b))");
        check("a or b", "(or a b)");
        check("isa is not_", "(cmp isa (is not_))");
        check("Nonesuch + Truth", "(+ Nonesuch Truth)");
        check("imports", "imports");
        check("passed", "passed");
    }

    #[test]
    fn atoms() {
        check("12", "12");
        check("1_000_000", "1000000");
        check("0x1f + 0o17 + 0b101", "(+ (+ 31 15) 5)");
        check("0XFF", "255");
        check(
            "123456789012345678901234567890123456789012",
            "big:123456789012345678901234567890123456789012",
        );
        check("1.5", "1.5");
        check("15.", "15.0");
        check(".5", "0.5");
        check("1e-3", "0.001");
        check("1E5", "100000.0");
        check("1_000.5", "1000.5");
        check("1.e2", "100.0");
        check("1.2j", "1.2j");
        check("3J", "3.0j");
        check("2e3j", "2000.0j");
        check("'abc'", "\"abc\"");
        check("\"x\"", "\"x\"");
        check(r#"'a\nb\t\\\'\"'"#, "\"a\\nb\\t\\\\'\\\"\"");
        check(r"'\x41\u00e9\0'", "\"Aé\\0\"");
        check(r"'\d'", "\"\\\\d\"");
        check(r"r'\d\n'", "\"\\\\d\\\\n\"");
        check(r"R'\''", "\"\\\\'\"");
        check(r"b'ab\x00'", "b\"ab\\0\"");
        check(r"rb'\x'", "b\"\\\\x\"");
        check("'a' 'b'  \"c\"", "\"abc\"");
        check("u'x'", "\"x\"");
        check("'#' # comment", "\"#\"");
        check("True, False, None, ...", "(tuple True False None ...)");
        check("[a, b,]", "(list a b)");
        check("[]", "(list)");
        check("[*a, b]", "(list (* a) b)");
        check("(a, b)", "(tuple a b)");
        check("(a,)", "(tuple a)");
        check("()", "(tuple)");
        check("(a)", "a");
        check("((a))", "a");
        check("(*a, b)", "(tuple (* a) b)");
        check("{'a': 1, b: [2]}", "(dict (\"a\" 1) (b (list 2)))");
        check("{}", "(dict)");
        check("{1: 2,}", "(dict (1 2))");
        check("ünïcode", "ünïcode");
    }

    #[test]
    fn calls_and_subscripts() {
        check("f()", "(call f)");
        check("f(1, axis=0)", "(call f 1 (kw axis 0))");
        check("f(1, axis=0,)", "(call f 1 (kw axis 0))");
        check("f(*args)", "(call f (* args))");
        check(
            "f(a, *b, c=d == e)",
            "(call f a (* b) (kw c (cmp d (== e))))",
        );
        check(
            "np.zeros((3, 4), dtype=np.int8)",
            "(call (. np zeros) (tuple 3 4) (kw dtype (. np int8)))",
        );
        check("a[1]", "([] a 1)");
        check("a[1, 2]", "([] a (tuple 1 2))");
        check("a[1,]", "([] a (tuple 1))");
        check("a[()]", "([] a (tuple))");
        check("a[:]", "([] a (: _ _ _))");
        check("a[::]", "([] a (: _ _ _))");
        check("a[::2]", "([] a (: _ _ 2))");
        check("a[1:]", "([] a (: 1 _ _))");
        check("a[:-1]", "([] a (: _ (- 1) _))");
        check("a[1:2:3]", "([] a (: 1 2 3))");
        check("a[:, None]", "([] a (tuple (: _ _ _) None))");
        check("a[..., 0]", "([] a (tuple ... 0))");
        check("a[1:2, [0, 1]]", "([] a (tuple (: 1 2 _) (list 0 1)))");
        check("a[x > 5]", "([] a (cmp x (> 5)))");
        check("a[*idx]", "([] a (tuple (* idx)))");
        check(
            "a[b[1:], ::-1]",
            "([] a (tuple ([] b (: 1 _ _)) (: _ _ (- 1))))",
        );
        check("a [ 1 ] . T", "(. ([] a 1) T)");
    }

    #[test]
    fn statements() {
        check("", "pass");
        check("   ", "pass");
        check("# just a comment", "pass");
        check("pass", "pass");
        check("pass  # ok", "pass");
        check("a = 1", "(= a 1)");
        check("a = b = 1", "(= a b 1)");
        check(
            "m[0], m[1] = m[1], m[0]",
            "(= (tuple ([] m 0) ([] m 1)) (tuple ([] m 1) ([] m 0)))",
        );
        check("(a, b) = [c, d] = x", "(= (tuple a b) (list c d) x)");
        check("a.shape = (4, 3)", "(= (. a shape) (tuple 4 3))");
        check(
            "x.flags.writeable = False",
            "(= (. (. x flags) writeable) False)",
        );
        check("a, *b = x", "(= (tuple a (* b)) x)");
        check("x = 1, 2", "(= x (tuple 1 2))");
        check("a == b", "(cmp a (== b))");
        for (op, sym) in [
            ("+=", "+"),
            ("-=", "-"),
            ("*=", "*"),
            ("/=", "/"),
            ("//=", "//"),
            ("%=", "%"),
            ("**=", "**"),
            ("&=", "&"),
            ("|=", "|"),
            ("^=", "^"),
            ("<<=", "<<"),
            (">>=", ">>"),
            ("@=", "@"),
        ] {
            check(&format!("a[0] {op} 2"), &format!("({sym}= ([] a 0) 2)"));
            check(&format!("a{op}-2"), &format!("({sym}= a (- 2))"));
        }
        check("import numpy as np", "(import numpy np)");
        check("import numpy", "(import numpy)");
        check("import numpy.linalg as la", "(import numpy.linalg la)");
        check("import numpy as np, math", "(import numpy np, math)");
        check("import os.path, sys as s", "(import os.path, sys s)");
        check(
            "from numpy import newaxis, ix_ as ix",
            "(from numpy (newaxis) (ix_ ix))",
        );
        check("from numpy import (a, b,)", "(from numpy (a) (b))");
        check("a, b", "(tuple a b)");
        check("a,", "(tuple a)");
        check("x = 1\n", "(= x 1)");
    }

    #[test]
    fn spans() {
        let e = expr_of("a + b*c");
        assert_eq!(e.span, Span { start: 0, end: 7 });
        let ExprKind::Binary { right, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(right.span, Span { start: 4, end: 7 });

        let e = expr_of("f(x)[0].T  # c");
        assert_eq!(e.span, Span { start: 0, end: 9 });
        let e = expr_of("(a + b) * c");
        assert_eq!(e.span, Span { start: 0, end: 11 });
        let ExprKind::Binary { left, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(left.span, Span { start: 0, end: 7 });

        let e = expr_of("a[1 : , ::3 ]");
        let ExprKind::Subscript { index, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(index.span, Span { start: 2, end: 11 });
        let ExprKind::Tuple(items) = &index.kind else {
            panic!()
        };
        assert_eq!(items[0].span, Span { start: 2, end: 5 });
        let e = expr_of("a[1:2, ::3]");
        let ExprKind::Subscript { index, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(index.span, Span { start: 2, end: 10 });
        let ExprKind::Tuple(items) = &index.kind else {
            panic!()
        };
        assert_eq!(items[0].span, Span { start: 2, end: 5 });
        assert_eq!(items[1].span, Span { start: 7, end: 10 });

        let e = expr_of("-x ** 2");
        assert_eq!(e.span, Span { start: 0, end: 7 });
        let e = expr_of("'é' 'b'");
        assert_eq!(e.span, Span { start: 0, end: 8 });
        let e = expr_of("not a < b");
        assert_eq!(e.span, Span { start: 0, end: 9 });
        let e = expr_of("x if c else y");
        assert_eq!(e.span, Span { start: 0, end: 13 });
        // Whitespace and comments after an expression are not part of it.
        for line in [
            "a, b  # c",
            "a,  # c",
            "'a' 'b' # c",
            "*a, b  ",
            "a[1 , 2 ]",
            "a.b  # c",
            "a < b  ",
            "a or b \t",
            "-a  ",
            "a + b  ",
            "[a]  ",
            "x if c else y  ",
        ] {
            let e = expr_of(line);
            let text = line.split('#').next().unwrap_or("").trim_end();
            assert_eq!(
                e.span,
                Span {
                    start: 0,
                    end: text.len()
                },
                "{line:?}"
            );
        }
    }

    #[test]
    fn errors() {
        bad("a[1:2:3:4]", "invalid syntax", 7);
        bad("a[1,,2]", "invalid syntax", 4);
        bad("a[", "'[' was never closed", 1);
        bad("a)", "unmatched ')'", 1);
        bad(
            "(a]",
            "closing parenthesis ']' does not match opening parenthesis '('",
            2,
        );
        bad("'abc", "unterminated string literal", 0);
        bad("1 = a", "cannot assign to literal", 0);
        bad("f() = 1", "cannot assign to function call", 0);
        bad("a[]", "invalid syntax", 2);
        bad("x = 1abc", "invalid decimal literal", 4);
        bad("a + b = c", "cannot assign to expression", 0);
        bad("a, 2 = x", "cannot assign to literal", 3);
        bad("a < b = c", "cannot assign to comparison", 0);
        bad("None = 1", "cannot assign to None", 0);
        bad(
            "(a, b) += 1",
            "'tuple' is an illegal expression for augmented assignment",
            0,
        );
        bad("*a", "can't use starred expression here", 0);
        bad(
            "*a = b",
            "starred assignment target must be in a list or tuple",
            0,
        );
        bad(
            "f(a=1, b)",
            "positional argument follows keyword argument",
            7,
        );
        bad("f(a=1, a=2)", "keyword argument repeated: a", 7);
        bad("'a' b'b'", "cannot mix bytes and nonbytes literals", 4);
        bad("x = a b", "invalid syntax", 6);
        bad(
            "a +",
            "invalid syntax: expected an expression at the end of the line",
            3,
        );
        bad(r"'\x4'", "truncated \\xXX escape", 1);
        bad("b'é'", "bytes can only contain ASCII literal characters", 2);
        bad("a = = b", "invalid syntax", 4);
        bad(
            "import",
            "invalid syntax: expected a name at the end of the line",
            6,
        );
        bad("a[1:2:3:4", "'[' was never closed", 1);
        bad("$", "invalid syntax", 0);
    }

    #[test]
    fn render_like_python() {
        let line = "a[1,,2]";
        let e = parse_stmt(line).unwrap_err();
        assert_eq!(
            e.render(line),
            "    a[1,,2]\n        ^\nSyntaxError: invalid syntax"
        );
        assert_eq!(e.to_string(), "SyntaxError: invalid syntax");
    }
}

#[cfg(test)]
mod robustness {
    use std::time::{Duration, Instant};

    use proptest::prelude::*;

    use super::parse_stmt;

    /// Parses on the calling thread (2 MiB stack for tests) and checks time.
    /// The bound is loose: debug-build pest runs at tens of µs per byte and
    /// tests share the machine; pathological backtracking would take minutes.
    #[track_caller]
    fn quick(line: &str) -> Result<super::ast::Stmt, super::SyntaxError> {
        let t = Instant::now();
        let r = parse_stmt(line);
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "took {:?} on a {}-byte line",
            t.elapsed(),
            line.len()
        );
        r
    }

    #[test]
    fn deepest_legal_nesting_parses() {
        for (open, close) in [
            ("(", ")"),
            ("[", "]"),
            ("f(", ")"),
            ("a[", "]"),
            ("[(", ")]"),
        ] {
            let depth = 200 / open.matches(['(', '[']).count();
            let line = format!("{}x{}", open.repeat(depth), close.repeat(depth));
            assert!(quick(&line).is_ok(), "{open}");
        }
        let dict = format!("{}1{}", "{1: ".repeat(200), "}".repeat(200));
        assert!(quick(&dict).is_ok());
        let mixed = format!("{}1{}", "-(a + b * [c, {'k': ".repeat(66), "}])".repeat(66));
        assert!(quick(&mixed).is_ok());
    }

    #[test]
    fn too_deep_nesting_is_refused() {
        let e = quick(&format!("{}x{}", "(".repeat(201), ")".repeat(201))).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.offset),
            ("too many nested parentheses", 200)
        );
        let e = quick(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(e.message, "too many nested parentheses");
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let e = quick(&format!("{}x", "-".repeat(99_999))).unwrap_err();
        assert!(e.message.contains("unary"), "{}", e.message);
        assert!(quick(&format!("{}x", "-".repeat(100_000))).is_err());
        assert!(quick(&format!("{}x", "-".repeat(1000))).is_ok());
        assert!(quick(&format!("{}x", "not ".repeat(1000))).is_ok());
        assert!(quick(&format!("{}x", "~-+".repeat(333))).is_ok());
        // Chains the grammar reads as loops parse without recursion, but
        // the trees they build are refused past the AST depth limit (and
        // taken apart without recursion).
        let too_deep = |line: String| {
            let e = quick(&line).unwrap_err();
            assert!(e.message.contains("too complex"), "{}", e.message);
        };
        too_deep(format!("x{}", "**2".repeat(2_000)));
        too_deep(format!("x{}", " if c else x".repeat(1_500)));
        too_deep(format!("x{}", " + 1".repeat(2_000)));
        too_deep(format!("x{}", "[0]".repeat(2_000)));
        too_deep(format!("x{}", " ** -x".repeat(1_500)));
        too_deep(format!("{}x{}", "-(".repeat(199), ")".repeat(199)).replace('-', &"-".repeat(10)));
        assert!(quick(&format!("x{}", " + 1".repeat(1000))).is_ok());
        // Flat nodes stay flat at any length.
        assert!(quick(&format!("x{}", " < 1".repeat(5_000))).is_ok());
        assert!(quick(&format!("x{}", " = x".repeat(5_000))).is_ok());
        assert!(quick(&format!("x{}", " or y".repeat(5_000))).is_ok());
        assert!(quick(&format!("[{}]", "1, ".repeat(5_000))).is_ok());
    }

    #[test]
    fn huge_lines_are_refused() {
        let line = "1+".repeat(50_001);
        let e = quick(&line).unwrap_err();
        assert!(e.message.contains("too long"), "{}", e.message);
        assert_eq!(e.offset, 100_000);
        let wide = "é".repeat(60_000);
        assert!(quick(&wide).is_ok(), "60 000 chars is under the limit");
    }

    /// Tokens that exercise every grammar corner, glued at random.
    const VOCAB: &[&str] = &[
        "a", "b", "np", "x", "1", "0", "2.5", "1e3", "3j", "0x1f", "'s'", "b'y'", "r'\\d'", "(",
        ")", "[", "]", "{", "}", ",", ":", ".", "...", "=", "==", "!=", "<", ">", "<=", ">=", "+",
        "-", "*", "**", "/", "//", "%", "@", "&", "|", "^", "~", "<<", ">>", "+=", "-=", "**=",
        "not", "and", "or", "is", "in", "if", "else", "import", "from", "as", "pass", "for",
        "lambda", "None", "True", "False", "#", " ", "'", "\"", "\\", ";", "$", "é", "\t",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_text_never_panics(line in "\\PC{0,80}") {
            let _ = parse_stmt(&line);
        }

        #[test]
        fn token_soup_never_panics(
            tokens in proptest::collection::vec(proptest::sample::select(VOCAB), 0..40),
            spaced in any::<bool>(),
        ) {
            let line = tokens.join(if spaced { " " } else { "" });
            if let Err(e) = parse_stmt(&line) {
                // Offsets must point into the line (or just past it) and render.
                prop_assert!(e.offset <= line.len(), "{line:?} {e:?}");
                let _ = e.render(&line);
            }
        }

    }

    proptest! {
        // Deep lines are slow in debug builds; fewer cases still cover
        // every opener at every depth up to and past the limit.
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn deep_random_brackets_never_panic(
            opens in proptest::collection::vec(proptest::sample::select(&["(", "[", "{", "f(", "a[", "-", "not "][..]), 150..400),
        ) {
            let line: String = opens.concat();
            let _ = parse_stmt(&line);
            let closed: String = opens.iter().rev().map(|o| match o.chars().last() {
                Some('(') => ")", Some('[') => "]", Some('{') => "}", _ => "",
            }).collect();
            let _ = parse_stmt(&format!("{line}x{closed}"));
        }
    }
}
