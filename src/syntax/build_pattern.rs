//! The patterns of `case` clauses (PEP 634) to `ast::Pattern`, with the
//! SyntaxErrors CPython's compiler raises for them (a name bound twice, two
//! starred names, alternatives binding different names, an irrefutable
//! pattern before others).

use pest::iterators::Pair;

use super::SyntaxError;
use super::ast::{BinOp, Expr, ExprKind, Pattern, UnaryOp};
use super::build::{build_atom, expr, internal, is_keyword, join, span_of};
use super::grammar::Rule;

type Result<T> = std::result::Result<T, SyntaxError>;

/// The `patterns` pair of a `case` header: one pattern, or a sequence
/// pattern as soon as a comma or a starred item appears.
pub(super) fn build_patterns(pair: Pair<'_, Rule>) -> Result<Pattern> {
    let at = pair.as_span().start();
    let p = sequence_or_one(pair)?;
    check(&p, &mut Vec::new(), at)?;
    Ok(p)
}

fn build_pattern(pair: Pair<'_, Rule>) -> Result<Pattern> {
    let at = pair.as_span().start();
    Ok(match pair.as_rule() {
        Rule::as_pattern => {
            let mut parts = pair.into_inner().filter(|p| !is_keyword(p.as_rule()));
            let inner = build_pattern(parts.next().ok_or_else(|| internal(at))?)?;
            match parts.next() {
                Some(n) if n.as_str() == "_" => {
                    return Err(SyntaxError::new(
                        "cannot use '_' as a target",
                        n.as_span().start(),
                    ));
                }
                Some(n) => Pattern::As(Box::new(inner), n.as_str().to_string()),
                None => inner,
            }
        }
        Rule::or_pattern => {
            let mut alts: Vec<Pattern> = pair
                .into_inner()
                .map(build_pattern)
                .collect::<Result<_>>()?;
            if alts.len() == 1 {
                alts.pop().ok_or_else(|| internal(at))?
            } else {
                Pattern::Or(alts)
            }
        }
        Rule::star_pattern => {
            let n = pair.into_inner().next().ok_or_else(|| internal(at))?;
            Pattern::Star(Some(n.as_str().to_string()).filter(|n| n != "_"))
        }
        Rule::name if pair.as_str() == "_" => Pattern::Wildcard,
        Rule::name => Pattern::Capture(pair.as_str().to_string()),
        Rule::literal_pattern => literal(pair)?,
        Rule::value_pattern => Pattern::Value(dotted(pair.into_inner())?),
        Rule::class_pattern => class_pattern(pair)?,
        Rule::group_pattern => match pair.into_inner().next() {
            Some(p) => sequence_or_one(p)?,
            None => Pattern::Sequence(Vec::new()),
        },
        Rule::seq_pattern => match pair.into_inner().next() {
            Some(p) => Pattern::Sequence(pattern_items(p)?.0),
            None => Pattern::Sequence(Vec::new()),
        },
        Rule::map_pattern => mapping(pair)?,
        _ => return Err(internal(at)),
    })
}

/// `patterns`: one pattern, or a sequence pattern as soon as a comma or a
/// starred item appears.
fn sequence_or_one(pair: Pair<'_, Rule>) -> Result<Pattern> {
    let at = pair.as_span().start();
    let (mut items, seq) = pattern_items(pair)?;
    if seq {
        Ok(Pattern::Sequence(items))
    } else {
        items.pop().ok_or_else(|| internal(at))
    }
}

/// The items of `patterns`, and whether they make a sequence.
fn pattern_items(pair: Pair<'_, Rule>) -> Result<(Vec<Pattern>, bool)> {
    let mut items = Vec::new();
    let mut comma = false;
    for p in pair.into_inner() {
        if p.as_rule() == Rule::comma {
            comma = true;
        } else {
            items.push(build_pattern(p)?);
        }
    }
    let seq = comma || items.iter().any(|i| matches!(i, Pattern::Star(_)));
    Ok((items, seq))
}

/// `-1`, `1 + 2j`, `'s'`, `None`, `True`.
fn literal(pair: Pair<'_, Rule>) -> Result<Pattern> {
    let at = pair.as_span().start();
    let parts: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
    let first = parts.first().ok_or_else(|| internal(at))?;
    match first.as_rule() {
        Rule::none_lit | Rule::true_lit | Rule::false_lit => {
            return Ok(Pattern::Singleton(build_atom(first.clone())?));
        }
        Rule::strings => {
            let e = build_atom(first.clone())?;
            if matches!(e.kind, ExprKind::FString(_)) {
                return Err(SyntaxError::new(
                    "patterns may only match literals and attribute lookups",
                    at,
                ));
            }
            return Ok(Pattern::Value(e));
        }
        _ => {}
    }
    let mut rest = parts.into_iter();
    let mut e: Option<Expr> = None;
    let mut neg = false;
    let mut op = None;
    for p in rest.by_ref() {
        match p.as_rule() {
            Rule::op_neg => neg = true,
            Rule::op_add => op = Some(BinOp::Add),
            Rule::op_sub => op = Some(BinOp::Sub),
            _ => {
                let span = span_of(&p);
                let v = build_atom(p)?;
                e = Some(match (e.take(), op) {
                    (None, _) if neg => {
                        let v = expr(
                            ExprKind::Unary {
                                op: UnaryOp::Neg,
                                operand: Box::new(v),
                            },
                            span,
                        );
                        neg = false;
                        v
                    }
                    (None, _) => v,
                    (Some(l), Some(op)) => {
                        let span = join(l.span, span);
                        expr(
                            ExprKind::Binary {
                                op,
                                left: Box::new(l),
                                right: Box::new(v),
                            },
                            span,
                        )
                    }
                    (Some(_), None) => return Err(internal(at)),
                });
            }
        }
    }
    // `1 + 2`: the right part of a complex literal must be imaginary.
    Ok(Pattern::Value(e.ok_or_else(|| internal(at))?))
}

/// `a.b.c` as attribute lookups.
fn dotted<'a>(names: impl Iterator<Item = Pair<'a, Rule>>) -> Result<Expr> {
    let mut acc: Option<Expr> = None;
    for n in names {
        let span = span_of(&n);
        let name = n.as_str().to_string();
        acc = Some(match acc {
            None => expr(ExprKind::Name(name), span),
            Some(v) => {
                let span = join(v.span, span);
                expr(
                    ExprKind::Attribute {
                        value: Box::new(v),
                        name,
                    },
                    span,
                )
            }
        });
    }
    acc.ok_or_else(|| internal(0))
}

fn class_pattern(pair: Pair<'_, Rule>) -> Result<Pattern> {
    let mut names = Vec::new();
    let mut args = Vec::new();
    let mut kwargs: Vec<(String, Pattern)> = Vec::new();
    for p in pair.into_inner() {
        let at = p.as_span().start();
        match p.as_rule() {
            Rule::name => names.push(p),
            Rule::kw_pattern => {
                let mut kv = p.into_inner();
                let k = kv.next().ok_or_else(|| internal(at))?.as_str().to_string();
                let v = build_pattern(kv.next().ok_or_else(|| internal(at))?)?;
                if kwargs.iter().any(|(n, _)| *n == k) {
                    return Err(SyntaxError::new(
                        format!("attribute name repeated in class pattern: {k}"),
                        at,
                    ));
                }
                kwargs.push((k, v));
            }
            _ => {
                if !kwargs.is_empty() {
                    return Err(SyntaxError::new(
                        "positional patterns follow keyword patterns",
                        at,
                    ));
                }
                args.push(build_pattern(p)?);
            }
        }
    }
    Ok(Pattern::Class {
        cls: dotted(names.into_iter())?,
        args,
        kwargs,
    })
}

fn mapping(pair: Pair<'_, Rule>) -> Result<Pattern> {
    let mut items = Vec::new();
    let mut rest = None;
    for p in pair.into_inner() {
        let at = p.as_span().start();
        if rest.is_some() {
            return Err(SyntaxError::new("invalid syntax", at));
        }
        match p.as_rule() {
            Rule::dstar_pattern => {
                let n = p.into_inner().next().ok_or_else(|| internal(at))?;
                rest = Some(n.as_str().to_string());
            }
            _ => {
                let mut kv = p.into_inner();
                let key = match build_pattern(kv.next().ok_or_else(|| internal(at))?)? {
                    Pattern::Value(e) | Pattern::Singleton(e) => e,
                    _ => return Err(internal(at)),
                };
                let v = build_pattern(kv.next().ok_or_else(|| internal(at))?)?;
                // Literal keys are compared when the case is compiled.
                if !matches!(key.kind, ExprKind::Attribute { .. })
                    && items
                        .iter()
                        .any(|(k, _): &(Expr, Pattern)| k.kind == key.kind)
                {
                    return Err(SyntaxError::new("mapping pattern checks duplicate key", at));
                }
                items.push((key, v));
            }
        }
    }
    Ok(Pattern::Mapping { items, rest })
}

/// CPython's compile-time checks of one case's pattern; `names` collects
/// the names it binds, in order.
fn check(p: &Pattern, names: &mut Vec<String>, at: usize) -> Result<()> {
    let bind = |n: &str, names: &mut Vec<String>| {
        if names.iter().any(|x| x == n) {
            return Err(SyntaxError::new(
                format!("multiple assignments to name '{n}' in pattern"),
                at,
            ));
        }
        names.push(n.to_string());
        Ok(())
    };
    match p {
        Pattern::Capture(n) | Pattern::Star(Some(n)) => bind(n, names)?,
        Pattern::As(inner, n) => {
            check(inner, names, at)?;
            bind(n, names)?;
        }
        Pattern::Sequence(items) => {
            if items
                .iter()
                .filter(|i| matches!(i, Pattern::Star(_)))
                .count()
                > 1
            {
                return Err(SyntaxError::new(
                    "multiple starred names in sequence pattern",
                    at,
                ));
            }
            for i in items {
                check(i, names, at)?;
            }
        }
        Pattern::Mapping { items, rest } => {
            for (_, v) in items {
                check(v, names, at)?;
            }
            if let Some(r) = rest {
                bind(r, names)?;
            }
        }
        Pattern::Class { args, kwargs, .. } => {
            for a in args.iter().chain(kwargs.iter().map(|(_, v)| v)) {
                check(a, names, at)?;
            }
        }
        Pattern::Or(alts) => {
            let mut first: Option<Vec<String>> = None;
            for (i, a) in alts.iter().enumerate() {
                if i + 1 < alts.len() {
                    unreachable_after(a, at)?;
                }
                let mut mine = Vec::new();
                check(a, &mut mine, at)?;
                mine.sort();
                match &first {
                    None => first = Some(mine),
                    Some(f) if *f != mine => {
                        return Err(SyntaxError::new(
                            "alternative patterns bind different names",
                            at,
                        ));
                    }
                    Some(_) => {}
                }
            }
            for n in first.unwrap_or_default() {
                bind(&n, names)?;
            }
        }
        Pattern::Star(None) | Pattern::Value(_) | Pattern::Singleton(_) | Pattern::Wildcard => {}
    }
    Ok(())
}

/// The error for an irrefutable pattern that is followed by others (a
/// later case, or a later alternative of `|`).
pub(super) fn unreachable_after(p: &Pattern, at: usize) -> Result<()> {
    match p {
        Pattern::Capture(n) => Err(SyntaxError::new(
            format!("name capture '{n}' makes remaining patterns unreachable"),
            at,
        )),
        Pattern::Wildcard => Err(SyntaxError::new(
            "wildcard makes remaining patterns unreachable",
            at,
        )),
        Pattern::As(inner, _) => unreachable_after(inner, at),
        Pattern::Or(alts) => alts.iter().try_for_each(|a| unreachable_after(a, at)),
        _ => Ok(()),
    }
}
