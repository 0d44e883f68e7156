//! `match` statements (PEP 634): the subject is evaluated once, each case's
//! pattern is tried in order, its names are bound when the whole pattern
//! matched (before the guard, as CPython does), and the first case whose
//! guard holds runs.

use crate::syntax::ast::{CmpOp, Expr, MatchCase, Pattern};

use super::args::Args;
use super::block::Flow;
use super::error::{PyError, PyResult};
use super::object::Obj;
use super::session::Session;
use super::value::{TypeObj, Value};

/// The builtin classes whose one positional sub-pattern matches the
/// subject itself (`case int(x):`).
const SELF_MATCHING: [&str; 11] = [
    "bool",
    "bytearray",
    "bytes",
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "set",
    "str",
    "tuple",
];

impl Session {
    pub(super) fn exec_match(&mut self, subject: &Expr, cases: &[MatchCase]) -> PyResult<Flow> {
        match self.select_case(subject, cases)? {
            Some(k) => self.exec_suite(&cases[k].body),
            None => Ok(Flow::Normal),
        }
    }

    /// The index of the case that runs (its names bound), if any.
    pub(super) fn select_case(
        &mut self,
        subject: &Expr,
        cases: &[MatchCase],
    ) -> PyResult<Option<usize>> {
        let v = self.eval(subject)?;
        for (k, case) in cases.iter().enumerate() {
            let mut bound = Vec::new();
            if !self.match_pattern(&case.pattern, &v, &mut bound)? {
                continue;
            }
            for (name, value) in bound {
                self.bind_name(&name, value);
            }
            if let Some(g) = &case.guard {
                let t = self.eval(g)?;
                if !self.truth_of(&t)? {
                    continue;
                }
            }
            return Ok(Some(k));
        }
        Ok(None)
    }

    /// Whether `v` matches `p`; the names it binds go to `bound`.
    fn match_pattern(
        &mut self,
        p: &Pattern,
        v: &Value,
        bound: &mut Vec<(String, Value)>,
    ) -> PyResult<bool> {
        Ok(match p {
            Pattern::Wildcard | Pattern::Star(None) => true,
            Pattern::Capture(n) | Pattern::Star(Some(n)) => {
                bound.push((n.clone(), v.clone()));
                true
            }
            Pattern::As(inner, n) => {
                let ok = self.match_pattern(inner, v, bound)?;
                if ok {
                    bound.push((n.clone(), v.clone()));
                }
                ok
            }
            Pattern::Singleton(e) => {
                let want = self.eval(e)?;
                v.is(&want)
            }
            Pattern::Value(e) => {
                let want = self.eval(e)?;
                let eq = self.compare(CmpOp::Eq, v, &want)?;
                self.truth_of(&eq)?
            }
            Pattern::Or(alts) => {
                for a in alts {
                    let mark = bound.len();
                    if self.match_pattern(a, v, bound)? {
                        return Ok(true);
                    }
                    bound.truncate(mark);
                }
                false
            }
            Pattern::Sequence(items) => self.match_sequence(items, v, bound)?,
            Pattern::Mapping { items, rest } => {
                self.match_mapping(items, rest.as_deref(), v, bound)?
            }
            Pattern::Class { cls, args, kwargs } => {
                self.match_class(cls, args, kwargs, v, bound)?
            }
        })
    }

    fn match_sequence(
        &mut self,
        items: &[Pattern],
        v: &Value,
        bound: &mut Vec<(String, Value)>,
    ) -> PyResult<bool> {
        // collections.abc.Sequence, but not str/bytes/bytearray: an ndarray,
        // a dict or a generator is not one.
        let values: Vec<Value> = match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.as_ref().clone(),
            Value::Object(o) => match o.as_ref() {
                Obj::NamedTuple(_) | Obj::Range(_) => self.iterate_all(v)?,
                _ => return Ok(false),
            },
            _ => return Ok(false),
        };
        let star = items.iter().position(|p| matches!(p, Pattern::Star(_)));
        let n = values.len();
        let fixed = items.len() - usize::from(star.is_some());
        if star.map_or(n != fixed, |_| n < fixed) {
            return Ok(false);
        }
        for (i, p) in items.iter().enumerate() {
            let ok = match star {
                Some(s) if i == s => {
                    let taken = values[s..n - (items.len() - 1 - s)].to_vec();
                    self.match_pattern(p, &Value::list(taken), bound)?
                }
                Some(s) if i > s => {
                    let j = n - (items.len() - i);
                    self.match_pattern(p, &values[j], bound)?
                }
                _ => self.match_pattern(p, &values[i], bound)?,
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn match_mapping(
        &mut self,
        items: &[(Expr, Pattern)],
        rest: Option<&str>,
        v: &Value,
        bound: &mut Vec<(String, Value)>,
    ) -> PyResult<bool> {
        let Value::Dict(d) = v else {
            return Ok(false);
        };
        let entries = d.borrow().clone();
        if entries.len() < items.len() {
            return Ok(false);
        }
        let mut keys: Vec<Value> = Vec::new();
        for (k, _) in items {
            let key = self.eval(k)?;
            if keys.iter().any(|x| super::ops::lookup_eq(x, &key)) {
                let r = self.py_repr(&key)?;
                return Err(PyError::new(
                    "ValueError",
                    format!("mapping pattern checks duplicate key ({r})"),
                ));
            }
            keys.push(key);
        }
        for (key, (_, p)) in keys.iter().zip(items) {
            let Some((_, found)) = entries.iter().find(|(x, _)| super::ops::lookup_eq(x, key))
            else {
                return Ok(false);
            };
            if !self.match_pattern(p, found, bound)? {
                return Ok(false);
            }
        }
        if let Some(name) = rest {
            let left: Vec<(Value, Value)> = entries
                .into_iter()
                .filter(|(x, _)| !keys.iter().any(|k| super::ops::lookup_eq(x, k)))
                .collect();
            bound.push((
                name.to_string(),
                Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(left))),
            ));
        }
        Ok(true)
    }

    fn match_class(
        &mut self,
        cls: &Expr,
        args: &[Pattern],
        kwargs: &[(String, Pattern)],
        v: &Value,
        bound: &mut Vec<(String, Value)>,
    ) -> PyResult<bool> {
        let c = self.eval(cls)?;
        // A NumPy or builtin type, or a class the learner defined.
        if !matches!(c, Value::Type(_)) && super::object::class_of(&c).is_none() {
            return Err(PyError::type_error("called match pattern must be a type"));
        }
        let is = self.call(
            &Value::func("isinstance"),
            Args {
                pos: vec![v.clone(), c.clone()],
                kw: Vec::new(),
            },
        )?;
        if !self.truth_of(&is)? {
            return Ok(false);
        }
        let mut attrs: Vec<(String, &Pattern)> = Vec::new();
        if !args.is_empty() {
            let self_matching =
                matches!(&c, Value::Type(TypeObj::Builtin(n)) if SELF_MATCHING.contains(n));
            let names: Vec<Value> = match self.getattr(&c, "__match_args__") {
                Ok(Value::Tuple(t)) => t.as_ref().clone(),
                Ok(other) => {
                    return Err(PyError::type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        class_name(self, &c)?,
                        other.type_name()
                    )));
                }
                Err(e) if e.kind == "AttributeError" => Vec::new(),
                Err(e) => return Err(e),
            };
            if self_matching && names.is_empty() {
                if args.len() > 1 {
                    return Err(PyError::type_error(format!(
                        "{}() accepts 1 positional sub-pattern ({} given)",
                        class_name(self, &c)?,
                        args.len()
                    )));
                }
                if !self.match_pattern(&args[0], v, bound)? {
                    return Ok(false);
                }
            } else {
                if args.len() > names.len() {
                    let n = names.len();
                    return Err(PyError::type_error(format!(
                        "{}() accepts {n} positional sub-pattern{} ({} given)",
                        class_name(self, &c)?,
                        if n == 1 { "" } else { "s" },
                        args.len()
                    )));
                }
                for (name, p) in names.iter().zip(args) {
                    let Value::Str(s) = name else {
                        return Err(PyError::type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            name.type_name()
                        )));
                    };
                    attrs.push((s.to_string(), p));
                }
            }
        }
        for (k, p) in kwargs {
            if attrs.iter().any(|(n, _)| n == k) {
                return Err(PyError::type_error(format!(
                    "{}() got multiple sub-patterns for attribute '{k}'",
                    class_name(self, &c)?
                )));
            }
            attrs.push((k.clone(), p));
        }
        for (name, p) in attrs {
            let a = match self.getattr(v, &name) {
                Ok(a) => a,
                Err(e) if e.kind == "AttributeError" => return Ok(false),
                Err(e) => return Err(e),
            };
            if !self.match_pattern(p, &a, bound)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// A class's `__name__`, for messages.
fn class_name(s: &mut Session, c: &Value) -> PyResult<String> {
    match s.getattr(c, "__name__")? {
        Value::Str(n) => Ok(n.to_string()),
        other => Ok(other.type_name().to_string()),
    }
}
