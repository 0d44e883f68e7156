//! Builders for the expressions that bind names: lambdas (and the parameter
//! lists `def` shares with them), comprehensions and generator expressions,
//! and list/dict/set displays that may hold one.

use std::sync::Arc;

use pest::iterators::Pair;

use super::SyntaxError;
use super::ast::{CompFor, CompKind, Expr, ExprKind, Params, Span, Stmt};
use super::build::{
    build_any, build_bitor, build_disjunction, build_expr, expr, internal, is_keyword, join,
    span_of,
};
use super::grammar::Rule;

type Result<T> = std::result::Result<T, SyntaxError>;

/// `lambda params: body` as a function whose body is one `return`.
pub(super) fn build_lambda(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let mut params = Params::default();
    let mut body = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::lambda_params => params = build_params(p)?,
            Rule::expr => body = Some(build_expr(p)?),
            _ => {}
        }
    }
    let body = body.ok_or_else(|| internal(span.start))?;
    let def = super::scope::function(
        "<lambda>".into(),
        params,
        vec![Stmt::Return(Some(body))],
        None,
    );
    Ok(expr(ExprKind::Lambda(Arc::new(def)), span))
}

/// A `def` or `lambda` parameter list, with CPython's checks on its order.
pub(super) fn build_params(pair: Pair<'_, Rule>) -> Result<Params> {
    let mut params = Params::default();
    let mut after_star = false;
    let mut seen_default = false;
    let mut names: Vec<String> = Vec::new();
    // Annotations by kind, put in CPython's order at the end.
    let mut positional_notes: Vec<(usize, String, Expr)> = Vec::new();
    let mut star_notes: Vec<(String, Expr)> = Vec::new();
    let mut kwonly_notes: Vec<(String, Expr)> = Vec::new();
    let mut dstar_notes: Vec<(String, Expr)> = Vec::new();
    for p in pair.into_inner() {
        let at = p.as_span().start();
        let rule = p.as_rule();
        let mut inner = p.into_inner().filter(|q| !is_keyword(q.as_rule()));
        let name = inner.next().map(|n| n.as_str().to_string());
        // The rest: an annotation and/or a default, in order; a `=`
        // default is the last expression of a `param`.
        let rest: Vec<Pair<'_, Rule>> = inner.collect();
        let note = match (rule, rest.first()) {
            (Rule::param, Some(first)) if rest.len() == 2 || !default_written(&rest, at) => {
                Some(build_expr(first.clone())?)
            }
            (Rule::star_param | Rule::dstar_param, Some(first)) => Some(build_expr(first.clone())?),
            _ => None,
        };
        if let (Some(n), Some(e)) = (&name, note) {
            match rule {
                Rule::star_param => star_notes.push((n.clone(), e)),
                Rule::dstar_param => dstar_notes.push((n.clone(), e)),
                _ if after_star => kwonly_notes.push((n.clone(), e)),
                _ => positional_notes.push((params.positional.len(), n.clone(), e)),
            }
        }
        if let Some(n) = &name {
            if names.contains(n) {
                return Err(SyntaxError::new(
                    format!("duplicate argument '{n}' in function definition"),
                    at,
                ));
            }
            names.push(n.clone());
        }
        match rule {
            Rule::param | Rule::lambda_param => {
                let n = name.ok_or_else(|| internal(at))?;
                let has_default = if rule == Rule::lambda_param {
                    !rest.is_empty()
                } else {
                    // `x: T = d` has two expressions, `x = d` one, `x: T` one:
                    // tell the last two apart by the text between.
                    default_written(&rest, at)
                };
                let default = if has_default {
                    Some(build_expr(
                        rest.last().cloned().ok_or_else(|| internal(at))?,
                    )?)
                } else {
                    None
                };
                if after_star {
                    params.kwonly.push((n, default));
                } else {
                    if default.is_none() && seen_default {
                        return Err(SyntaxError::new(
                            "parameter without a default follows parameter with a default",
                            at,
                        ));
                    }
                    seen_default |= default.is_some();
                    params.positional.push((n, default));
                }
            }
            Rule::star_param | Rule::lambda_star => {
                if after_star {
                    return Err(SyntaxError::new("* argument may appear only once", at));
                }
                after_star = true;
                params.varargs = name;
            }
            Rule::dstar_param | Rule::lambda_dstar => params.varkw = name,
            Rule::slash_param => params.positional_only = params.positional.len(),
            _ => return Err(internal(at)),
        }
    }
    // CPython's `compiler_visit_annotations`: `args` before `posonlyargs`.
    let only = params.positional_only;
    let (before_slash, after_slash): (Vec<_>, Vec<_>) =
        positional_notes.into_iter().partition(|(i, ..)| *i < only);
    params.annotations = after_slash
        .into_iter()
        .chain(before_slash)
        .map(|(_, n, e)| (n, e))
        .chain(star_notes)
        .chain(kwonly_notes)
        .chain(dstar_notes)
        .collect();
    Ok(params)
}

/// Whether a `param`'s trailing expressions include a `= default`: the
/// grammar keeps `:` annotations and `=` defaults as bare `expr` pairs, so
/// look at the character before the last one.
fn default_written(rest: &[Pair<'_, Rule>], _at: usize) -> bool {
    match rest {
        [] => false,
        [_, _] => true,
        [only] => {
            let span = only.as_span();
            let before = &span.get_input()[..span.start()];
            before.trim_end().ends_with('=')
        }
        _ => true,
    }
}

/// `for target in iter if c ...`.
pub(super) fn build_comp_for(pair: Pair<'_, Rule>) -> Result<CompFor> {
    let at = pair.as_span().start();
    let mut parts = pair.into_inner().filter(|p| !is_keyword(p.as_rule()));
    let target = build_targets(parts.next().ok_or_else(|| internal(at))?)?;
    let iter = build_disjunction(parts.next().ok_or_else(|| internal(at))?)?;
    let mut ifs = Vec::new();
    for c in parts {
        let cat = c.as_span().start();
        let cond = c
            .into_inner()
            .find(|q| !is_keyword(q.as_rule()))
            .ok_or_else(|| internal(cat))?;
        ifs.push(build_disjunction(cond)?);
    }
    Ok(CompFor { target, iter, ifs })
}

/// A `for` loop's targets: one, or a tuple as soon as a comma appears.
pub(super) fn build_targets(pair: Pair<'_, Rule>) -> Result<Expr> {
    let at = pair.as_span().start();
    let mut items = Vec::new();
    let mut comma = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::comma => comma = true,
            Rule::bitor => items.push(build_bitor(p)?),
            _ => items.push(build_any(p)?),
        }
    }
    let target = if !comma && items.len() == 1 {
        items.pop().ok_or_else(|| internal(at))?
    } else {
        let span = match (items.first(), items.last()) {
            (Some(a), Some(b)) => join(a.span, b.span),
            _ => return Err(internal(at)),
        };
        expr(ExprKind::Tuple(items), span)
    };
    super::build::check_target(&target, false)?;
    Ok(target)
}

/// Adds a `for` clause to the generator expression `e` spanning `span`, or
/// makes `e` the element of a new one.
pub(super) fn extend_generator(e: Expr, clause: CompFor, span: Span) -> Expr {
    comp_with(CompKind::Generator, e, clause, span)
}

fn comp_with(kind: CompKind, e: Expr, clause: CompFor, span: Span) -> Expr {
    match e {
        Expr {
            kind:
                ExprKind::Comp {
                    kind: k,
                    elt,
                    mut clauses,
                },
            span: s,
        } if s == span && k == kind => {
            clauses.push(clause);
            expr(ExprKind::Comp { kind, elt, clauses }, span)
        }
        elt => expr(
            ExprKind::Comp {
                kind,
                elt: Box::new(elt),
                clauses: vec![clause],
            },
            span,
        ),
    }
}

/// PEP 572's compile-time rules for `:=` in a comprehension: it may not
/// rebind an iteration variable, nor stand in an iterable.
pub(super) fn check_comp(e: &Expr) -> Result<()> {
    let (parts, clauses): (Vec<&Expr>, &[CompFor]) = match &e.kind {
        ExprKind::Comp { elt, clauses, .. } => (vec![elt], clauses),
        ExprKind::DictComp {
            key,
            value,
            clauses,
        } => (vec![key, value], clauses),
        _ => return Ok(()),
    };
    let mut iter_vars = Vec::new();
    for c in clauses {
        super::scope::target_names(&c.target, &mut iter_vars);
        let mut in_iter = Vec::new();
        super::depth::walrus_targets(&c.iter, &mut in_iter);
        if !in_iter.is_empty() {
            return Err(SyntaxError::new(
                "assignment expression cannot be used in a comprehension iterable expression",
                c.iter.span.start,
            ));
        }
    }
    let mut bound = Vec::new();
    for p in parts.into_iter().chain(clauses.iter().flat_map(|c| &c.ifs)) {
        super::depth::walrus_targets(p, &mut bound);
    }
    match bound.iter().find(|n| iter_vars.contains(n)) {
        Some(n) => Err(SyntaxError::new(
            format!("assignment expression cannot rebind comprehension iteration variable '{n}'"),
            e.span.start,
        )),
        None => Ok(()),
    }
}

/// `[a, b]` or `[elt for ...]`.
pub(super) fn build_list(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    let mut items = Vec::new();
    let mut clauses = Vec::new();
    for p in pair.into_inner() {
        if p.as_rule() == Rule::comp_for {
            clauses.push(build_comp_for(p)?);
        } else {
            items.push(build_any(p)?);
        }
    }
    if clauses.is_empty() {
        return Ok(expr(ExprKind::List(items), span));
    }
    let elt = one_element(items, span)?;
    let comp = expr(
        ExprKind::Comp {
            kind: CompKind::List,
            elt: Box::new(elt),
            clauses,
        },
        span,
    );
    check_comp(&comp)?;
    Ok(comp)
}

fn one_element(mut items: Vec<Expr>, span: Span) -> Result<Expr> {
    let elt = items.pop().ok_or_else(|| internal(span.start))?;
    if let ExprKind::Starred(_) = elt.kind {
        return Err(SyntaxError::new(
            "iterable unpacking cannot be used in comprehension",
            elt.span.start,
        ));
    }
    Ok(elt)
}

/// `{}`, `{k: v, **d}`, `{a, b}`, `{k: v for ...}`, `{e for ...}`.
pub(super) fn build_brace(pair: Pair<'_, Rule>) -> Result<Expr> {
    let span = span_of(&pair);
    // (key or element, value if `k: v`)
    let mut items: Vec<(Expr, Option<Expr>)> = Vec::new();
    let mut clauses = Vec::new();
    for p in pair.into_inner() {
        if p.as_rule() == Rule::comp_for {
            clauses.push(build_comp_for(p)?);
            continue;
        }
        let at = p.as_span().start();
        let mut kv = p.into_inner();
        let k = build_any(kv.next().ok_or_else(|| internal(at))?)?;
        let v = kv.next().map(build_expr).transpose()?;
        items.push((k, v));
    }
    let is_dict =
        |(k, v): &(Expr, Option<Expr>)| v.is_some() || matches!(k.kind, ExprKind::DoubleStarred(_));
    let dict = items.is_empty() || items.iter().all(is_dict);
    if !dict && items.iter().any(is_dict) {
        return Err(SyntaxError::new("invalid syntax", span.start));
    }
    if !clauses.is_empty() {
        let (k, v) = items.pop().ok_or_else(|| internal(span.start))?;
        let comp = match v {
            Some(v) => expr(
                ExprKind::DictComp {
                    key: Box::new(k),
                    value: Box::new(v),
                    clauses,
                },
                span,
            ),
            None => {
                let elt = one_element(vec![k], span)?;
                expr(
                    ExprKind::Comp {
                        kind: CompKind::Set,
                        elt: Box::new(elt),
                        clauses,
                    },
                    span,
                )
            }
        };
        check_comp(&comp)?;
        return Ok(comp);
    }
    if dict {
        let entries = items
            .into_iter()
            .map(|(k, v)| match v {
                Some(v) => (k, v),
                // `**d`: the key slot holds the DoubleStarred, the value None.
                None => (k, expr(ExprKind::NoneLit, Span::default())),
            })
            .collect();
        return Ok(expr(ExprKind::Dict(entries), span));
    }
    Ok(expr(
        ExprKind::Set(items.into_iter().map(|(k, _)| k).collect()),
        span,
    ))
}
