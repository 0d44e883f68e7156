//! `__qualname__` of nested definitions: a function or class defined
//! inside a function is `outer.<locals>.inner`, inside a class
//! `Class.method`, at any depth of `if`/`for`/`try`/... blocks. Bodies are
//! built inside out, so each enclosing `def` or `class` puts its part in
//! front of every definition below it once it is built.

use std::sync::Arc;

use super::ast::Stmt;

/// Puts `prefix` (`outer.<locals>.` or `Class.`) in front of the
/// qualified name of every function and class defined in `body`, however
/// deep.
pub(super) fn prefix_nested(prefix: &str, body: &mut [Stmt]) {
    rename_nested(body, &|q| format!("{prefix}{q}"));
}

/// Takes `prefix` off the qualified names of the definitions in `body`:
/// a standard module's body is one `def _module(mod):` whose functions
/// and classes are the module's own (`Random.seed`, not
/// `_module.<locals>.Random.seed`).
pub fn unprefix_nested(prefix: &str, body: &mut [Stmt]) {
    rename_nested(body, &|q| q.strip_prefix(prefix).unwrap_or(q).to_string());
}

fn rename_nested(body: &mut [Stmt], rename: &dyn Fn(&str) -> String) {
    for s in body {
        rename_stmt(s, rename);
    }
}

fn rename_stmt(s: &mut Stmt, rename: &dyn Fn(&str) -> String) {
    match s {
        Stmt::FunctionDef(f) => {
            let f = Arc::make_mut(f);
            f.qualname = rename(&f.qualname);
            rename_nested(&mut f.body, rename);
        }
        Stmt::ClassDef(c) => {
            let c = Arc::make_mut(c);
            c.def.qualname = rename(&c.def.qualname);
            rename_nested(&mut c.def.body, rename);
        }
        Stmt::Decorated { def, .. } => rename_stmt(def, rename),
        Stmt::Seq(ss) => rename_nested(ss, rename),
        Stmt::If { branches, orelse } => {
            for (_, b) in branches {
                rename_nested(b, rename);
            }
            rename_nested(orelse, rename);
        }
        Stmt::While { body, orelse, .. } | Stmt::For { body, orelse, .. } => {
            rename_nested(body, rename);
            rename_nested(orelse, rename);
        }
        Stmt::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            rename_nested(body, rename);
            for h in handlers {
                rename_nested(&mut h.body, rename);
            }
            rename_nested(orelse, rename);
            rename_nested(finalbody, rename);
        }
        Stmt::With { body, .. } => rename_nested(body, rename),
        Stmt::Match { cases, .. } => {
            for c in cases {
                rename_nested(&mut c.body, rename);
            }
        }
        _ => {}
    }
}
