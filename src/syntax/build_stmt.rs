//! One logical line to its parts: the simple statements that are not
//! assignments or imports (`return`, `del`, `raise`, ...), and the headers of
//! compound statements (`if x:`, `def f(a, b=1):`), which `block.rs` joins to
//! their indented bodies.

use pest::iterators::Pair;

use super::SyntaxError;
use super::ast::{Expr, Params, Stmt};
use super::build::{
    build_any, build_expr, build_simple, build_star_exprs, check_target, internal, is_keyword,
};
use super::build_comp::{build_params, build_targets};
use super::grammar::Rule;

type Result<T> = std::result::Result<T, SyntaxError>;

/// What one logical line holds.
#[derive(Debug)]
pub(crate) enum Logical {
    /// Simple statements (`a = 1; b`), possibly none (a comment).
    Simple(Vec<Stmt>),
    /// A compound statement's header, with the body written after its colon.
    Head(Head, Option<Vec<Stmt>>),
    /// A decorator line, `@expr`.
    Decorator(Expr),
}

/// The header of a compound statement.
#[derive(Debug)]
pub(crate) enum Head {
    If(Expr),
    Elif(Expr),
    Else,
    While(Expr),
    For(Expr, Expr),
    Def(String, Params),
    Try,
    Except(Option<Expr>, Option<String>),
    Finally,
    With(Vec<(Expr, Option<Expr>)>),
    Class(String, Vec<Expr>),
    Match(Expr),
    Case(super::ast::Pattern, Option<Expr>),
}

impl Head {
    /// The keyword, for messages (`expected an indented block after 'if' ...`).
    pub(crate) fn keyword(&self) -> &'static str {
        match self {
            Head::If(_) => "'if' statement",
            Head::Elif(_) => "'elif' statement",
            Head::Else => "'else' statement",
            Head::While(_) => "'while' statement",
            Head::For(..) => "'for' statement",
            Head::Def(..) => "function definition",
            Head::Try => "'try' statement",
            Head::Except(..) => "'except' statement",
            Head::Finally => "'finally' statement",
            Head::With(_) => "'with' statement",
            Head::Class(..) => "class definition",
            Head::Match(_) => "'match' statement",
            Head::Case(..) => "'case' statement",
        }
    }
}

/// Builds the `line` pair.
pub(crate) fn build_line(line: Pair<'_, Rule>) -> Result<Logical> {
    let Some(part) = line.into_inner().find(|p| p.as_rule() != Rule::EOI) else {
        return Ok(Logical::Simple(Vec::new()));
    };
    match part.as_rule() {
        Rule::simple_stmts => Ok(Logical::Simple(build_simple_stmts(part)?)),
        Rule::decorator => {
            let at = part.as_span().start();
            let expr = part.into_inner().next().ok_or_else(|| internal(at))?;
            Ok(Logical::Decorator(build_expr(expr)?))
        }
        Rule::compound_head => {
            let at = part.as_span().start();
            let mut inner = part.into_inner();
            let head = build_head(inner.next().ok_or_else(|| internal(at))?)?;
            let body = inner.next().map(build_simple_stmts).transpose()?;
            Ok(Logical::Head(head, body))
        }
        _ => Err(internal(part.as_span().start())),
    }
}

fn build_simple_stmts(pair: Pair<'_, Rule>) -> Result<Vec<Stmt>> {
    pair.into_inner().map(build_simple).collect()
}

/// The simple statements `build.rs` does not know.
pub(super) fn build_other(stmt: Pair<'_, Rule>) -> Result<Stmt> {
    let at = stmt.as_span().start();
    let rule = stmt.as_rule();
    let mut parts = stmt.into_inner().filter(|p| !is_keyword(p.as_rule()));
    Ok(match rule {
        Rule::break_stmt => Stmt::Break,
        Rule::continue_stmt => Stmt::Continue,
        Rule::return_stmt => Stmt::Return(parts.next().map(build_star_exprs).transpose()?),
        Rule::raise_stmt => Stmt::Raise {
            exc: parts.next().map(build_expr).transpose()?,
            cause: parts.next().map(build_expr).transpose()?,
        },
        Rule::global_stmt => Stmt::Global(parts.map(|p| p.as_str().to_string()).collect()),
        Rule::nonlocal_stmt => Stmt::Nonlocal(parts.map(|p| p.as_str().to_string()).collect()),
        Rule::del_stmt => {
            let targets = build_star_exprs(parts.next().ok_or_else(|| internal(at))?)?;
            let targets = match targets.kind {
                super::ast::ExprKind::Tuple(items) if !items.is_empty() => items,
                _ => vec![targets],
            };
            for t in &targets {
                check_target(t, false).map_err(|e| {
                    SyntaxError::new(e.message.replace("assign to", "delete"), e.offset)
                })?;
            }
            Stmt::Del(targets)
        }
        Rule::assert_stmt => Stmt::Assert {
            test: build_expr(parts.next().ok_or_else(|| internal(at))?)?,
            msg: parts.next().map(build_expr).transpose()?,
        },
        _ => return Err(internal(at)),
    })
}

fn build_head(pair: Pair<'_, Rule>) -> Result<Head> {
    let at = pair.as_span().start();
    let rule = pair.as_rule();
    let mut parts = pair.into_inner().filter(|p| !is_keyword(p.as_rule()));
    let mut next = || parts.next().ok_or_else(|| internal(at));
    Ok(match rule {
        Rule::if_head => Head::If(build_any(next()?)?),
        Rule::elif_head => Head::Elif(build_any(next()?)?),
        Rule::else_head => Head::Else,
        Rule::while_head => Head::While(build_any(next()?)?),
        Rule::for_head => {
            let target = build_targets(next()?)?;
            Head::For(target, build_star_exprs(next()?)?)
        }
        Rule::def_head => {
            let name = next()?.as_str().to_string();
            let mut params = Params::default();
            let mut returns = None;
            for p in parts {
                if p.as_rule() == Rule::params {
                    params = build_params(p)?;
                } else {
                    returns = Some(build_expr(p)?);
                }
            }
            params
                .annotations
                .extend(returns.map(|e| ("return".to_string(), e)));
            Head::Def(name, params)
        }
        Rule::try_head => Head::Try,
        Rule::finally_head => Head::Finally,
        Rule::except_head => {
            let class = parts.next().map(build_expr).transpose()?;
            let name = parts.next().map(|p| p.as_str().to_string());
            Head::Except(class, name)
        }
        Rule::with_head => {
            let mut items = Vec::new();
            for item in parts {
                let iat = item.as_span().start();
                let mut kv = item.into_inner().filter(|p| !is_keyword(p.as_rule()));
                let ctx = build_expr(kv.next().ok_or_else(|| internal(iat))?)?;
                let target = kv.next().map(super::build::build_bitor).transpose()?;
                if let Some(t) = &target {
                    check_target(t, false)?;
                }
                items.push((ctx, target));
            }
            Head::With(items)
        }
        Rule::match_head => Head::Match(build_star_exprs(next()?)?),
        Rule::case_head => {
            let pattern = super::build_pattern::build_patterns(next()?)?;
            Head::Case(pattern, parts.next().map(build_any).transpose()?)
        }
        Rule::class_head => {
            let name = next()?.as_str().to_string();
            let mut bases = Vec::new();
            for p in parts {
                if p.as_rule() == Rule::kwarg {
                    return Err(SyntaxError::new(
                        "slicelab's classes take no keywords (metaclass=...)",
                        p.as_span().start(),
                    ));
                }
                bases.push(super::build::build_any(p)?);
            }
            Head::Class(name, bases)
        }
        _ => return Err(internal(at)),
    })
}
