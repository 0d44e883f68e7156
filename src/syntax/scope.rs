//! Which names a function binds: Python decides a name's scope when it
//! compiles a function (assigned anywhere in the body and not declared
//! `global`/`nonlocal` means local), and so does the builder, once.

use super::ast::{Expr, ExprKind, FuncDef, Params, Pattern, Stmt};

/// A function definition with its locals and globals worked out.
pub(crate) fn function(
    name: String,
    params: Params,
    body: Vec<Stmt>,
    doc: Option<String>,
) -> FuncDef {
    let mut bound: Vec<String> = params
        .positional
        .iter()
        .chain(&params.kwonly)
        .map(|(n, _)| n.clone())
        .chain(params.varargs.clone())
        .chain(params.varkw.clone())
        .collect();
    let mut globals = Vec::new();
    let mut nonlocals = Vec::new();
    for s in &body {
        collect(s, &mut bound, &mut globals, &mut nonlocals);
    }
    let mut locals = Vec::new();
    for n in bound {
        if !globals.contains(&n) && !nonlocals.contains(&n) && !locals.contains(&n) {
            locals.push(n);
        }
    }
    let generator = suite_yields(&body, false);
    FuncDef {
        generator,
        qualname: name.clone(),
        name,
        params,
        body,
        doc,
        locals,
        globals,
    }
}

/// The names a statement binds in the scope it runs in, in the order
/// they are first bound (`exec` writes them back in that order).
pub fn bound_names(s: &Stmt) -> Vec<String> {
    let mut bound = Vec::new();
    collect(s, &mut bound, &mut Vec::new(), &mut Vec::new());
    let mut seen = Vec::new();
    for n in bound {
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen
}

/// Names a statement binds in its own scope (nested functions' bodies and
/// comprehensions have scopes of their own and are not entered).
fn collect(s: &Stmt, bound: &mut Vec<String>, globals: &mut Vec<String>, nl: &mut Vec<String>) {
    let suite = |ss: &[Stmt], bound: &mut Vec<String>, g: &mut Vec<String>, n: &mut Vec<String>| {
        for s in ss {
            collect(s, bound, g, n);
        }
    };
    for e in own_exprs(s) {
        super::depth::walrus_targets(e, bound);
    }
    match s {
        Stmt::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, bound)),
        Stmt::AugAssign { target, .. } | Stmt::AnnAssign { target, .. } => {
            target_names(target, bound)
        }
        Stmt::Import { modules } => {
            for (module, alias) in modules {
                bound.push(
                    alias
                        .clone()
                        .unwrap_or_else(|| module.split('.').next().unwrap_or("").to_string()),
                );
            }
        }
        Stmt::FromImport { names, .. } => {
            for (n, a) in names {
                bound.push(a.clone().unwrap_or_else(|| n.clone()));
            }
        }
        Stmt::Seq(ss) => suite(ss, bound, globals, nl),
        Stmt::If { branches, orelse } => {
            for (_, b) in branches {
                suite(b, bound, globals, nl);
            }
            suite(orelse, bound, globals, nl);
        }
        Stmt::While { body, orelse, .. } => {
            suite(body, bound, globals, nl);
            suite(orelse, bound, globals, nl);
        }
        Stmt::For {
            target,
            body,
            orelse,
            ..
        } => {
            target_names(target, bound);
            suite(body, bound, globals, nl);
            suite(orelse, bound, globals, nl);
        }
        Stmt::FunctionDef(f) => bound.push(f.name.clone()),
        Stmt::Decorated { def, .. } => collect(def, bound, globals, nl),
        Stmt::ClassDef(c) => bound.push(c.def.name.clone()),
        Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            suite(body, bound, globals, nl);
            for h in handlers {
                bound.extend(h.name.clone());
                suite(&h.body, bound, globals, nl);
            }
            suite(orelse, bound, globals, nl);
            suite(finalbody, bound, globals, nl);
        }
        Stmt::With { items, body } => {
            for (_, t) in items {
                if let Some(t) = t {
                    target_names(t, bound);
                }
            }
            suite(body, bound, globals, nl);
        }
        Stmt::Match { cases, .. } => {
            for c in cases {
                pattern_names(&c.pattern, bound);
                suite(&c.body, bound, globals, nl);
            }
        }
        Stmt::Del(ts) => ts.iter().for_each(|t| target_names(t, bound)),
        Stmt::Global(ns) => globals.extend(ns.iter().cloned()),
        Stmt::Nonlocal(ns) => nl.extend(ns.iter().cloned()),
        _ => {}
    }
}

/// The plain names inside an assignment target.
pub fn target_names(t: &Expr, out: &mut Vec<String>) {
    match &t.kind {
        ExprKind::Name(n) => out.push(n.clone()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| target_names(i, out))
        }
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

/// The names a `case` pattern binds.
pub fn pattern_names(p: &Pattern, out: &mut Vec<String>) {
    match p {
        Pattern::Capture(n) | Pattern::Star(Some(n)) => out.push(n.clone()),
        Pattern::As(inner, n) => {
            pattern_names(inner, out);
            out.push(n.clone());
        }
        Pattern::Sequence(items) | Pattern::Or(items) => {
            items.iter().for_each(|i| pattern_names(i, out))
        }
        Pattern::Mapping { items, rest } => {
            items.iter().for_each(|(_, v)| pattern_names(v, out));
            out.extend(rest.clone());
        }
        Pattern::Class { args, kwargs, .. } => {
            args.iter().for_each(|a| pattern_names(a, out));
            kwargs.iter().for_each(|(_, v)| pattern_names(v, out));
        }
        Pattern::Star(None) | Pattern::Value(_) | Pattern::Singleton(_) | Pattern::Wildcard => {}
    }
}

/// The suites directly inside a statement (not inside nested functions).
fn child_suites(s: &Stmt) -> Vec<&[Stmt]> {
    match s {
        Stmt::Seq(ss) => vec![ss],
        Stmt::If { branches, orelse } => branches
            .iter()
            .map(|(_, b)| b.as_slice())
            .chain([orelse.as_slice()])
            .collect(),
        Stmt::While { body, orelse, .. } | Stmt::For { body, orelse, .. } => vec![body, orelse],
        Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => [body.as_slice()]
            .into_iter()
            .chain(handlers.iter().map(|h| h.body.as_slice()))
            .chain([orelse.as_slice(), finalbody.as_slice()])
            .collect(),
        Stmt::With { body, .. } => vec![body],
        Stmt::Match { cases, .. } => cases.iter().map(|c| c.body.as_slice()).collect(),
        Stmt::ClassDef(c) => vec![&c.def.body],
        Stmt::Decorated { def, .. } => child_suites(def),
        _ => vec![],
    }
}

/// The expressions a statement holds itself, outside its suites.
fn own_exprs(s: &Stmt) -> Vec<&Expr> {
    match s {
        Stmt::Expr(e) => vec![e],
        Stmt::Assign { targets, value } => targets.iter().chain([value]).collect(),
        Stmt::AugAssign { target, value, .. } => vec![target, value],
        Stmt::AnnAssign {
            target,
            annotation,
            value,
        } => [target, annotation].into_iter().chain(value).collect(),
        Stmt::Return(e) => e.iter().collect(),
        Stmt::If { branches, .. } => branches.iter().map(|(t, _)| t).collect(),
        Stmt::While { test, .. } => vec![test],
        Stmt::For { target, iter, .. } => vec![target, iter],
        Stmt::Raise { exc, cause } => exc.iter().chain(cause).collect(),
        Stmt::Del(ts) => ts.iter().collect(),
        Stmt::Assert { test, msg } => [test].into_iter().chain(msg).collect(),
        Stmt::With { items, .. } => items
            .iter()
            .flat_map(|(c, t)| [c].into_iter().chain(t))
            .collect(),
        Stmt::Try { handlers, .. } => handlers.iter().filter_map(|h| h.class.as_ref()).collect(),
        Stmt::Match { subject, cases } => [subject]
            .into_iter()
            .chain(cases.iter().filter_map(|c| c.guard.as_ref()))
            .collect(),
        Stmt::Decorated { decorators, .. } => decorators.iter().collect(),
        _ => Vec::new(),
    }
}

/// Whether a suite holds a `yield` outside nested functions (and, unless
/// `classes`, outside class bodies).
pub fn suite_yields(body: &[Stmt], classes: bool) -> bool {
    body.iter().any(|s| stmt_yields(s, classes))
}

/// Whether one statement holds a `yield` (see [`suite_yields`]).
pub fn stmt_yields(s: &Stmt, classes: bool) -> bool {
    if matches!(s, Stmt::ClassDef(_)) && !classes {
        return false;
    }
    if let Stmt::Decorated { decorators, def } = s {
        return decorators.iter().any(super::depth::has_yield)
            || (!matches!(**def, Stmt::FunctionDef(_)) && stmt_yields(def, classes));
    }
    own_exprs(s).into_iter().any(super::depth::has_yield)
        || child_suites(s)
            .into_iter()
            .any(|suite| suite_yields(suite, classes))
}

/// CPython's compile-time checks inside functions: each `nonlocal` name
/// must be bound in an enclosing function (`SyntaxError: no binding for
/// nonlocal 'x' found`), and `from M import *` may not stand in one.
/// `enclosing` holds the names of the functions around `s`.
pub(crate) fn check_nonlocals(
    s: &Stmt,
    enclosing: &mut Vec<Vec<String>>,
) -> Result<(), super::SyntaxError> {
    if let Stmt::FromImport { names, .. } = s
        && !enclosing.is_empty()
        && names.iter().any(|(n, _)| n == "*")
    {
        return Err(super::SyntaxError::new(
            "import * only allowed at module level",
            0,
        ));
    }
    if let Stmt::FunctionDef(f) = s {
        let (mut bound, mut globals, mut nonlocals) = (Vec::new(), Vec::new(), Vec::new());
        for st in &f.body {
            collect(st, &mut bound, &mut globals, &mut nonlocals);
        }
        for n in &nonlocals {
            if !enclosing.iter().any(|names| names.contains(n)) {
                return Err(super::SyntaxError::new(
                    format!("no binding for nonlocal '{n}' found"),
                    0,
                ));
            }
        }
        let mut names = f.locals.clone();
        names.extend(nonlocals);
        enclosing.push(names);
        let result = f
            .body
            .iter()
            .try_for_each(|st| check_nonlocals(st, enclosing));
        enclosing.pop();
        return result;
    }
    if let Stmt::Decorated { def, .. } = s {
        return check_nonlocals(def, enclosing);
    }
    child_suites(s)
        .into_iter()
        .flatten()
        .try_for_each(|st| check_nonlocals(st, enclosing))
}
