//! Turns pest's pairs into the AST: folds the flat chains the grammar
//! produces, runs the Pratt parser over binary operators, resolves literals,
//! and checks what the grammar leaves open (assignment targets, arguments).
//!
//! Recursion here follows bracket nesting only (every chain is a loop), and
//! the pre-scan bounds bracket nesting, so the builder cannot run deep.

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::SyntaxError;
use super::ast::{Arg, BinOp, BoolOpKind, CmpOp, CompKind, Expr, ExprKind, Span, Stmt, UnaryOp};
use super::grammar::Rule;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Binary operators from `|` (loosest) to `* @ / // %` (tightest); all are
/// left-associative. `**` and the unary operators are folded by hand (see
/// `build_factor`), comparisons are a chain node, not Pratt operators.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    use Assoc::Left;
    PrattParser::new()
        .op(Op::infix(Rule::op_bitor, Left))
        .op(Op::infix(Rule::op_bitxor, Left))
        .op(Op::infix(Rule::op_bitand, Left))
        .op(Op::infix(Rule::op_lshift, Left) | Op::infix(Rule::op_rshift, Left))
        .op(Op::infix(Rule::op_add, Left) | Op::infix(Rule::op_sub, Left))
        .op(Op::infix(Rule::op_mul, Left)
            | Op::infix(Rule::op_matmul, Left)
            | Op::infix(Rule::op_div, Left)
            | Op::infix(Rule::op_floordiv, Left)
            | Op::infix(Rule::op_mod, Left))
});

/// The pair's span without trailing whitespace. pest commits the implicit
/// whitespace (and comments) it skipped before an optional element that then
/// did not match, so a non-atomic pair can end in blanks. Composite nodes
/// take their spans from their parts instead; this trim covers pairs inside
/// brackets, where a comment cannot occur.
pub(super) fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let text = pair.as_str().trim_end_matches([' ', '\t', '\x0C']);
    let start = s.start() + span_base();
    Span {
        start,
        end: start + text.len(),
    }
}

thread_local! {
    /// Where the logical line being built starts in its statement's text.
    static SPAN_BASE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn span_base() -> usize {
    SPAN_BASE.with(std::cell::Cell::get)
}

/// Runs `f` with expression spans counted from `base`: a line of a
/// multi-line statement is parsed on its own, but its spans must point into
/// the whole statement's text, which the teaching view reads them against
/// (`f(x)` inside a loop body).
pub(super) fn with_span_base<T>(base: usize, f: impl FnOnce() -> T) -> T {
    let old = SPAN_BASE.with(|b| b.replace(base));
    let out = f();
    SPAN_BASE.with(|b| b.set(old));
    out
}

pub(super) fn join(a: Span, b: Span) -> Span {
    Span {
        start: a.start,
        end: b.end,
    }
}

pub(super) fn expr(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

/// A pair the grammar guarantees; reaching the error means the grammar and
/// builder disagree, which we report instead of panicking.
pub(super) fn internal(offset: usize) -> SyntaxError {
    SyntaxError::new("invalid syntax (internal parser mismatch)", offset)
}

pub(super) fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_pass
            | Rule::kw_import
            | Rule::kw_from
            | Rule::kw_as
            | Rule::kw_match
            | Rule::kw_case
            | Rule::kw_if
            | Rule::kw_else
            | Rule::kw_or
            | Rule::kw_and
            | Rule::kw_not
            | Rule::kw_in
            | Rule::kw_is
            | Rule::kw_lambda
            | Rule::kw_for
            | Rule::kw_elif
            | Rule::kw_while
            | Rule::kw_def
            | Rule::kw_try
            | Rule::kw_except
            | Rule::kw_finally
            | Rule::kw_with
            | Rule::kw_class
            | Rule::kw_break
            | Rule::kw_continue
            | Rule::kw_return
            | Rule::kw_yield
            | Rule::kw_raise
            | Rule::kw_global
            | Rule::kw_nonlocal
            | Rule::kw_del
            | Rule::kw_assert
    )
}

/// Builds one of the simple statements this file knows (pass, import,
/// from-import, expression and assignment); `build_stmt.rs` has the rest.
pub(super) fn build_simple(stmt: Pair<'_, Rule>) -> Result<Stmt> {
    match stmt.as_rule() {
        Rule::pass_stmt => Ok(Stmt::Pass),
        Rule::import_stmt => {
            let modules = stmt
                .into_inner()
                .filter(|p| p.as_rule() == Rule::import_module)
                .map(|m| {
                    let mut parts = m.into_inner().filter(|p| !is_keyword(p.as_rule()));
                    let module = match parts.next() {
                        Some(p) if p.as_rule() == Rule::relative_module => p
                            .into_inner()
                            .map(|q| match q.as_rule() {
                                Rule::dotted_name => dotted(q),
                                _ => q.as_str().to_string(),
                            })
                            .collect(),
                        Some(p) => dotted(p),
                        None => String::new(),
                    };
                    (module, parts.next().map(|p| p.as_str().to_string()))
                })
                .collect();
            Ok(Stmt::Import { modules })
        }
        Rule::from_stmt => {
            let mut parts = stmt.into_inner().filter(|p| !is_keyword(p.as_rule()));
            let module = parts.next().map(dotted).unwrap_or_default();
            // `from M import *` is the one name `*`.
            let names = parts
                .map(|alias| {
                    if alias.as_rule() == Rule::import_star {
                        return ("*".to_string(), None);
                    }
                    let mut n = alias.into_inner().filter(|p| p.as_rule() == Rule::name);
                    let name = n.next().map(|p| p.as_str().to_string()).unwrap_or_default();
                    (name, n.next().map(|p| p.as_str().to_string()))
                })
                .collect();
            Ok(Stmt::FromImport { module, names })
        }
        Rule::expr_stmt => build_expr_stmt(stmt),
        _ => super::build_stmt::build_other(stmt),
    }
}

fn dotted(pair: Pair<'_, Rule>) -> String {
    pair.into_inner()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn build_expr_stmt(stmt: Pair<'_, Rule>) -> Result<Stmt> {
    let offset = stmt.as_span().start();
    let mut parts = stmt.into_inner().peekable();
    let first = parts.next().ok_or_else(|| internal(offset))?;
    let first = build_any(first)?;
    match parts.peek().map(|p| p.as_rule()) {
        None => {
            no_lone_star(&first)?;
            Ok(Stmt::Expr(first))
        }
        Some(Rule::annotation) => {
            let ann = parts.next().ok_or_else(|| internal(offset))?;
            let mut inner = ann.into_inner();
            let annotation = build_any(inner.next().ok_or_else(|| internal(offset))?)?;
            let value = inner.next().map(build_any).transpose()?;
            if let Some(v) = &value {
                no_lone_star(v)?;
            }
            let illegal = |what: &str| {
                Err(SyntaxError::new(
                    format!("only single target (not {what}) can be annotated"),
                    first.span.start,
                ))
            };
            match &first.kind {
                ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => {
                    Ok(Stmt::AnnAssign {
                        target: first,
                        annotation,
                        value,
                    })
                }
                ExprKind::Tuple(_) => illegal("tuple"),
                ExprKind::List(_) => illegal("list"),
                _ => Err(SyntaxError::new(
                    "illegal target for annotation",
                    first.span.start,
                )),
            }
        }
        Some(Rule::aug_op) => {
            let op_pair = parts.next().ok_or_else(|| internal(offset))?;
            let op = aug_op(op_pair.as_str().trim_end()).ok_or_else(|| internal(offset))?;
            let value = parts.next().ok_or_else(|| internal(offset))?;
            let value = build_any(value)?;
            no_lone_star(&value)?;
            match first.kind {
                ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => {
                    Ok(Stmt::AugAssign {
                        target: first,
                        op,
                        value,
                    })
                }
                _ => Err(SyntaxError::new(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(&first)
                    ),
                    first.span.start,
                )),
            }
        }
        Some(_) => {
            let mut exprs = vec![first];
            for p in parts {
                exprs.push(build_any(p)?);
            }
            let value = exprs.pop().ok_or_else(|| internal(offset))?;
            no_lone_star(&value)?;
            for target in &exprs {
                check_target(target, false)?;
            }
            Ok(Stmt::Assign {
                targets: exprs,
                value,
            })
        }
    }
}

fn aug_op(text: &str) -> Option<BinOp> {
    Some(match text {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "@=" => BinOp::MatMul,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "&=" => BinOp::BitAnd,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        _ => return None,
    })
}

/// `*x` alone is only meaningful inside a call, list or tuple.
pub(super) fn no_lone_star(e: &Expr) -> Result<()> {
    if let ExprKind::Starred(_) = e.kind {
        return Err(SyntaxError::new(
            "can't use starred expression here",
            e.span.start,
        ));
    }
    Ok(())
}

/// What a target is, in the words CPython uses in `cannot assign to ...`.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Name(_) => "name",
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_) => "literal",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::NoneLit => "None",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Call { .. } => "function call",
        ExprKind::Unary { .. } | ExprKind::Binary { .. } | ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Starred(_) | ExprKind::DoubleStarred(_) => "starred",
        ExprKind::Set(_) => "set display",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Comp {
            kind: CompKind::List,
            ..
        } => "list comprehension",
        ExprKind::Comp {
            kind: CompKind::Set,
            ..
        } => "set comprehension",
        ExprKind::Comp { .. } => "generator expression",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::NamedExpr { .. } => "named expression",
    }
}

/// A legal assignment target: a name, subscript, attribute, or a tuple/list
/// of those with at most one starred element.
pub(super) fn check_target(e: &Expr, in_sequence: bool) -> Result<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let mut starred = items
                .iter()
                .filter(|i| matches!(i.kind, ExprKind::Starred(_)));
            if let (Some(_), Some(second)) = (starred.next(), starred.next()) {
                return Err(SyntaxError::new(
                    "multiple starred expressions in assignment",
                    second.span.start,
                ));
            }
            items.iter().try_for_each(|i| check_target(i, true))
        }
        ExprKind::Starred(inner) if in_sequence => check_target(inner, false),
        ExprKind::Starred(_) => Err(SyntaxError::new(
            "starred assignment target must be in a list or tuple",
            e.span.start,
        )),
        _ => Err(SyntaxError::new(
            format!("cannot assign to {}", describe(e)),
            e.span.start,
        )),
    }
}

/// `a`, `a, b`, `a, *b,`: a tuple as soon as a comma appears.
pub(super) fn build_star_exprs(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut items = Vec::new();
    let mut comma = false;
    let mut span: Option<Span> = None;
    for p in pair.into_inner() {
        let s = if p.as_rule() == Rule::comma {
            comma = true;
            span_of(&p)
        } else {
            let e = build_any(p)?;
            let s = e.span;
            items.push(e);
            s
        };
        span = Some(span.map_or(s, |sp| join(sp, s)));
    }
    if !comma && items.len() == 1 {
        return items.pop().ok_or_else(|| internal(offset));
    }
    let span = span.ok_or_else(|| internal(offset))?;
    Ok(expr(ExprKind::Tuple(items), span))
}

/// Any expression-level pair: `expr`, `star_expr`, or an inner level.
pub(super) fn build_any(pair: Pair<'_, Rule>) -> Result<Expr> {
    match pair.as_rule() {
        Rule::expr => build_expr(pair),
        Rule::named_expr => build_named(pair),
        Rule::yield_expr => build_yield(pair),
        Rule::star_exprs => build_star_exprs(pair),
        rule @ (Rule::dstar_expr | Rule::star_expr) => {
            let star = span_of(&pair);
            let inner = pair
                .into_inner()
                .next()
                .ok_or_else(|| internal(star.start))?;
            let inner = Box::new(build_bitor(inner)?);
            let span = join(star, inner.span);
            let kind = if rule == Rule::star_expr {
                ExprKind::Starred(inner)
            } else {
                ExprKind::DoubleStarred(inner)
            };
            Ok(expr(kind, span))
        }
        _ => Err(internal(pair.as_span().start())),
    }
}

/// `name := value`.
fn build_named(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let target = inner
        .next()
        .map(|n| n.as_str().to_string())
        .ok_or_else(|| internal(span.start))?;
    let value = build_expr(inner.next().ok_or_else(|| internal(span.start))?)?;
    Ok(expr(
        ExprKind::NamedExpr {
            target,
            value: Box::new(value),
        },
        span,
    ))
}

/// `yield`, `yield a, b`, `yield from it`.
fn build_yield(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let mut from = false;
    let mut value = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::kw_yield => {}
            Rule::kw_from => from = true,
            Rule::expr => value = Some(Box::new(build_expr(p)?)),
            _ => value = Some(Box::new(build_star_exprs(p)?)),
        }
    }
    let kind = match (from, value) {
        (true, Some(v)) => ExprKind::YieldFrom(v),
        (true, None) => return Err(internal(span.start)),
        (false, v) => ExprKind::Yield(v),
    };
    Ok(expr(kind, span))
}

/// `d0 if t1 else o1 if t2 else o2` arrives flat as `[d0, t1, o1, t2, o2]`
/// and is folded from the right: `IfExp(d0, t1, IfExp(o1, t2, o2))`.
pub(super) fn build_expr(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut parts = Vec::new();
    for p in pair.into_inner() {
        if p.as_rule() == Rule::lambdef {
            return super::build_comp::build_lambda(p);
        }
        if !is_keyword(p.as_rule()) {
            parts.push(build_disjunction(p)?);
        }
    }
    let mut acc = parts.pop().ok_or_else(|| internal(offset))?;
    while let (Some(test), Some(body)) = (parts.pop(), parts.pop()) {
        let span = join(body.span, acc.span);
        acc = expr(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(acc),
            },
            span,
        );
    }
    Ok(acc)
}

pub(super) fn build_disjunction(pair: Pair<'_, Rule>) -> Result<Expr> {
    build_boolop(pair, BoolOpKind::Or, build_conjunction)
}

fn build_conjunction(pair: Pair<'_, Rule>) -> Result<Expr> {
    build_boolop(pair, BoolOpKind::And, build_inversion)
}

fn build_boolop(
    pair: Pair<'_, Rule>,
    op: BoolOpKind,
    operand: fn(Pair<'_, Rule>) -> Result<Expr>,
) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut values = Vec::new();
    for p in pair.into_inner() {
        if !is_keyword(p.as_rule()) {
            values.push(operand(p)?);
        }
    }
    match values.as_slice() {
        [] => Err(internal(offset)),
        [_] => values.pop().ok_or_else(|| internal(offset)),
        [first, .., last] => {
            let span = join(first.span, last.span);
            Ok(expr(ExprKind::BoolOp { op, values }, span))
        }
    }
}

/// `not not x`: the `not`s arrive flat and are applied from the inside out.
fn build_inversion(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut nots = Vec::new();
    let mut operand = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::kw_not => nots.push(span_of(&p)),
            _ => operand = Some(build_comparison(p)?),
        }
    }
    let mut acc = operand.ok_or_else(|| internal(offset))?;
    for not in nots.into_iter().rev() {
        let span = join(not, acc.span);
        acc = expr(
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand: Box::new(acc),
            },
            span,
        );
    }
    Ok(acc)
}

fn build_comparison(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut inner = pair.into_inner();
    let left = build_bitor(inner.next().ok_or_else(|| internal(offset))?)?;
    let mut rest = Vec::new();
    while let (Some(op), Some(right)) = (inner.next(), inner.next()) {
        rest.push((cmp_op(&op)?, build_bitor(right)?));
    }
    let Some((_, last)) = rest.last() else {
        return Ok(left);
    };
    let span = join(left.span, last.span);
    Ok(expr(
        ExprKind::Compare {
            left: Box::new(left),
            rest,
        },
        span,
    ))
}

fn cmp_op(pair: &Pair<'_, Rule>) -> Result<CmpOp> {
    if let Some(inner) = pair.clone().into_inner().next() {
        return Ok(match inner.as_rule() {
            Rule::op_not_in => CmpOp::NotIn,
            Rule::op_is_not => CmpOp::IsNot,
            Rule::kw_in => CmpOp::In,
            _ => CmpOp::Is,
        });
    }
    // The rule's text may carry the whitespace skipped after the operator.
    Ok(match pair.as_str().trim_end() {
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        _ => return Err(internal(pair.as_span().start())),
    })
}

fn binop(rule: Rule) -> Option<BinOp> {
    Some(match rule {
        Rule::op_bitor => BinOp::BitOr,
        Rule::op_bitxor => BinOp::BitXor,
        Rule::op_bitand => BinOp::BitAnd,
        Rule::op_lshift => BinOp::LShift,
        Rule::op_rshift => BinOp::RShift,
        Rule::op_add => BinOp::Add,
        Rule::op_sub => BinOp::Sub,
        Rule::op_mul => BinOp::Mul,
        Rule::op_matmul => BinOp::MatMul,
        Rule::op_div => BinOp::Div,
        Rule::op_floordiv => BinOp::FloorDiv,
        Rule::op_mod => BinOp::Mod,
        _ => return None,
    })
}

fn binary(op: BinOp, left: Expr, right: Expr) -> Expr {
    let span = join(left.span, right.span);
    expr(
        ExprKind::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        },
        span,
    )
}

/// The `| ^ & << >> + - * @ / // %` sequence, through the Pratt parser.
pub(super) fn build_bitor(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut inner = pair.into_inner();
    if inner.len() == 1 {
        // The common case: no binary operator at all.
        return build_factor(inner.next().ok_or_else(|| internal(offset))?);
    }
    PRATT
        .map_primary(build_factor)
        .map_infix(|left, op, right| {
            let op = binop(op.as_rule()).ok_or_else(|| internal(op.as_span().start()))?;
            Ok(binary(op, left?, right?))
        })
        .parse(inner)
}

fn unary_op(rule: Rule) -> UnaryOp {
    match rule {
        Rule::op_neg => UnaryOp::Neg,
        Rule::op_pos => UnaryOp::Pos,
        _ => UnaryOp::Invert,
    }
}

fn apply_unary(ops: Vec<(UnaryOp, Span)>, mut acc: Expr) -> Expr {
    for (op, at) in ops.into_iter().rev() {
        let span = join(at, acc.span);
        acc = expr(
            ExprKind::Unary {
                op,
                operand: Box::new(acc),
            },
            span,
        );
    }
    acc
}

/// Prefix operators and the primary (or power) they apply to.
fn split_unary(pair: Pair<'_, Rule>) -> (Vec<(UnaryOp, Span)>, Option<Pair<'_, Rule>>) {
    let mut ops = Vec::new();
    let mut rest = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::op_neg | Rule::op_pos | Rule::op_inv => {
                ops.push((unary_op(p.as_rule()), span_of(&p)))
            }
            _ => rest = Some(p),
        }
    }
    (ops, rest)
}

/// `- ~ x ** - y ** z`: prefix operators bind looser than `**` on their
/// right and `**` is right-associative, so the flat chain
/// `[p0, (u1, p1), (u2, p2)]` folds from the right as
/// `p0 ** u1(p1 ** u2(p2))`, then the factor's own prefixes wrap it all.
fn build_factor(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let (outer_ops, power) = split_unary(pair);
    let power = power.ok_or_else(|| internal(offset))?;
    let mut links = Vec::new();
    for p in power.into_inner() {
        match p.as_rule() {
            Rule::pow_rhs => {
                let at = p.as_span().start();
                let (ops, primary) = split_unary(p);
                links.push((ops, build_primary(primary.ok_or_else(|| internal(at))?)?));
            }
            _ => links.push((Vec::new(), build_primary(p)?)),
        }
    }
    let (ops, mut acc) = links.pop().ok_or_else(|| internal(offset))?;
    let mut pending_ops = ops;
    while let Some((ops, base)) = links.pop() {
        acc = binary(BinOp::Pow, base, apply_unary(pending_ops, acc));
        pending_ops = ops;
    }
    // `pending_ops` is now the (empty) prefix list of the first primary.
    acc = apply_unary(pending_ops, acc);
    Ok(apply_unary(outer_ops, acc))
}

/// An atom followed by calls, subscripts and attributes, folded left.
fn build_primary(pair: Pair<'_, Rule>) -> Result<Expr> {
    let offset = pair.as_span().start();
    let mut inner = pair.into_inner();
    let mut acc = build_atom(inner.next().ok_or_else(|| internal(offset))?)?;
    for trailer in inner {
        let span = Span {
            start: acc.span.start,
            end: trailer.as_span().end() + span_base(),
        };
        let kind = match trailer.as_rule() {
            Rule::attr => {
                let name = trailer
                    .into_inner()
                    .next()
                    .map(|p| p.as_str().to_string())
                    .ok_or_else(|| internal(span.end))?;
                ExprKind::Attribute {
                    value: Box::new(acc),
                    name,
                }
            }
            Rule::call => ExprKind::Call {
                func: Box::new(acc),
                args: build_args(trailer)?,
            },
            Rule::subscript => ExprKind::Subscript {
                value: Box::new(acc),
                index: Box::new(build_index(trailer)?),
            },
            _ => return Err(internal(trailer.as_span().start())),
        };
        acc = expr(kind, span);
    }
    Ok(acc)
}

pub(super) fn build_args(call: Pair<'_, Rule>) -> Result<Vec<Arg>> {
    let mut args = Vec::new();
    let mut keywords: Vec<String> = Vec::new();
    let call_span = span_of(&call);
    for p in call.into_inner() {
        let at = p.as_span().start();
        if p.as_rule() == Rule::comp_for {
            // `f(x for x in xs)`: the lone argument is a generator.
            let Some(Arg::Positional(elt)) = args.pop() else {
                return Err(internal(at));
            };
            let clause = super::build_comp::build_comp_for(p)?;
            args.push(Arg::Positional(super::build_comp::extend_generator(
                elt, clause, call_span,
            )));
            continue;
        }
        if p.as_rule() == Rule::kwarg {
            let mut kv = p.into_inner();
            let name = kv
                .next()
                .map(|n| n.as_str().to_string())
                .ok_or_else(|| internal(at))?;
            let value = build_expr(kv.next().ok_or_else(|| internal(at))?)?;
            if keywords.contains(&name) {
                return Err(SyntaxError::new(
                    format!("keyword argument repeated: {name}"),
                    at,
                ));
            }
            keywords.push(name.clone());
            args.push(Arg::Keyword(name, value));
        } else {
            let value = build_any(p)?;
            // CPython allows `f(a=1, *b)` but not `f(a=1, b)`.
            if !keywords.is_empty()
                && !matches!(
                    value.kind,
                    ExprKind::Starred(_) | ExprKind::DoubleStarred(_)
                )
            {
                return Err(SyntaxError::new(
                    "positional argument follows keyword argument",
                    at,
                ));
            }
            args.push(Arg::Positional(value));
        }
    }
    Ok(args)
}

/// The inside of `[...]`: one item, or a tuple as soon as a comma appears.
fn build_index(subscript: Pair<'_, Rule>) -> Result<Expr> {
    let offset = subscript.as_span().start();
    let mut items = Vec::new();
    let mut comma = false;
    let mut span: Option<Span> = None;
    for p in subscript.into_inner() {
        let s = if p.as_rule() == Rule::comma {
            comma = true;
            span_of(&p)
        } else {
            let e = build_sub_item(p)?;
            let s = e.span;
            items.push(e);
            s
        };
        span = Some(span.map_or(s, |sp| join(sp, s)));
    }
    let span = span.ok_or_else(|| internal(offset))?;
    // `a[*idx]` is a one-element tuple in CPython, like `a[*idx,]`.
    let starred = items.len() == 1 && matches!(items[0].kind, ExprKind::Starred(_));
    if !comma && !starred && items.len() == 1 {
        return items.pop().ok_or_else(|| internal(offset));
    }
    Ok(expr(ExprKind::Tuple(items), span))
}

fn build_sub_item(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let mut start = None;
    let mut tail = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::slice_tail => tail = Some(p),
            _ => start = Some(build_any(p)?),
        }
    }
    let Some(tail) = tail else {
        return start.ok_or_else(|| internal(span.start));
    };
    let mut stop = None;
    let mut step = None;
    for p in tail.into_inner() {
        let is_step = p.as_rule() == Rule::slice_step;
        // `slice_stop` always holds an expression; `slice_step` may not (`a[::]`).
        let e = p.into_inner().next().map(build_expr).transpose()?;
        if is_step {
            step = e;
        } else {
            stop = e;
        }
    }
    Ok(expr(
        ExprKind::Slice {
            start: start.map(Box::new),
            stop: stop.map(Box::new),
            step: step.map(Box::new),
        },
        span,
    ))
}

pub(super) fn build_atom(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::name => ExprKind::Name(pair.as_str().to_string()),
        Rule::true_lit => ExprKind::Bool(true),
        Rule::false_lit => ExprKind::Bool(false),
        Rule::none_lit => ExprKind::NoneLit,
        Rule::ellipsis => ExprKind::Ellipsis,
        Rule::int_lit => {
            check_decimal_digits(pair.as_str(), span.start)?;
            int_literal(pair.as_str())
        }
        Rule::float_lit => ExprKind::Float(float_literal(pair.as_str(), span.start)?),
        Rule::imag_lit => {
            let text = pair.as_str();
            ExprKind::Imag(float_literal(&text[..text.len() - 1], span.start)?)
        }
        Rule::strings => {
            // From the first literal to the last, not to any comment after.
            let lits: Vec<Span> = pair.clone().into_inner().map(|p| span_of(&p)).collect();
            if let (Some(first), Some(last)) = (lits.first(), lits.last()) {
                let span = join(*first, *last);
                return Ok(expr(super::strings::build_strings(pair)?, span));
            }
            super::strings::build_strings(pair)?
        }
        Rule::list => return super::build_comp::build_list(pair),
        Rule::dict => return super::build_comp::build_brace(pair),
        Rule::paren => return build_paren(pair),
        _ => return Err(internal(span.start)),
    };
    Ok(expr(kind, span))
}

/// `()`, `(a,)`, `(a, b)` are tuples; `(a)` is `a`, with its span widened to
/// the parentheses so that carets and enclosing spans cover them.
fn build_paren(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let mut items = Vec::new();
    let mut comma = false;
    for p in pair.into_inner() {
        if p.as_rule() == Rule::comp_for {
            let elt = items.pop().ok_or_else(|| internal(span.start))?;
            let clause = super::build_comp::build_comp_for(p)?;
            let comp = super::build_comp::extend_generator(elt, clause, span);
            super::build_comp::check_comp(&comp)?;
            items.push(comp);
            continue;
        }
        if p.as_rule() == Rule::comma {
            comma = true;
        } else {
            items.push(build_any(p)?);
        }
    }
    if !comma && items.len() == 1 {
        let mut inner = items.pop().ok_or_else(|| internal(span.start))?;
        if let ExprKind::Starred(_) = inner.kind {
            return Err(SyntaxError::new(
                "cannot use starred expression here",
                inner.span.start,
            ));
        }
        inner.span = span;
        return Ok(inner);
    }
    Ok(expr(ExprKind::Tuple(items), span))
}

/// CPython 3.11 compiles no decimal int literal of more than 4300 digits
/// (`sys.get_int_max_str_digits()`); prefixed literals have no limit.
fn check_decimal_digits(text: &str, offset: usize) -> Result<()> {
    const LIMIT: usize = 4300;
    let prefixed = text.len() > 1 && text.as_bytes()[1].is_ascii_alphabetic();
    let digits = text.chars().filter(|&c| c != '_').count();
    if prefixed || digits <= LIMIT {
        return Ok(());
    }
    Err(SyntaxError::new(
        format!(
            "Exceeds the limit ({LIMIT} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."
        ),
        offset,
    ))
}

/// Integer text (`0x1f`, `1_000`) to `Int`, or `BigInt` beyond i128.
fn int_literal(text: &str) -> ExprKind {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (radix, digits) = match lower.get(..2) {
        Some("0x") => (16, &lower[2..]),
        Some("0o") => (8, &lower[2..]),
        Some("0b") => (2, &lower[2..]),
        _ => (10, lower.as_str()),
    };
    match i128::from_str_radix(digits, radix) {
        Ok(v) => ExprKind::Int(v),
        Err(_) => ExprKind::BigInt(to_decimal(digits, radix)),
    }
}

/// Digits in `radix` to decimal digits, for integers beyond i128. Limbs are
/// base 10^9, least significant first.
fn to_decimal(digits: &str, radix: u32) -> String {
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for d in digits.chars().filter_map(|c| c.to_digit(radix)) {
        let mut carry = u64::from(d);
        for limb in &mut limbs {
            let v = *limb * u64::from(radix) + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&limb.to_string());
        } else {
            out.push_str(&format!("{limb:09}"));
        }
    }
    out
}

fn float_literal(text: &str, offset: usize) -> Result<f64> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    clean
        .parse::<f64>()
        .map_err(|_| SyntaxError::new("invalid decimal literal", offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_ints_become_decimal() {
        assert_eq!(int_literal("0x1f"), ExprKind::Int(31));
        assert_eq!(int_literal("0O17"), ExprKind::Int(15));
        assert_eq!(int_literal("0b1_01"), ExprKind::Int(5));
        assert_eq!(
            int_literal("0x1_0000_0000_0000_0000_0000_0000_0000_0000"),
            ExprKind::BigInt("340282366920938463463374607431768211456".into())
        );
        assert_eq!(
            int_literal("1000000000000000000000000000000000000000000"),
            ExprKind::BigInt("1000000000000000000000000000000000000000000".into())
        );
        assert_eq!(to_decimal("0", 10), "0");
    }
}
