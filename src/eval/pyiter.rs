//! Python's lazy iterators and `range` objects: `zip`, `map`, `filter`,
//! `enumerate`, `reversed`, `iter` and `next` make objects that compute
//! one item per `next` and are exhausted afterwards (a second `list(z)` is
//! `[]`), and print as `<zip object at 0x...>`. `range(...)` is a sequence
//! object with its own repr, `len`, indexing, slicing and `in`, counted
//! lazily so `for i in range(10**9): break` costs nothing.

use super::object::{IterState, PyRange};
use std::cell::RefCell;

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::session::Session;

/// `r.index(x)` and `r.count(x)` of a range.
pub fn range_method(obj: &Value, name: &str, args: &Args) -> PyResult<Option<Value>> {
    let Value::Object(o) = obj else {
        return Ok(None);
    };
    let Obj::Range(r) = o.as_ref() else {
        return Ok(None);
    };
    let x = args.req(0, "value", name)?;
    let hit = match x {
        Value::Int(i) if r.contains(*i) => Some(*i),
        Value::Bool(b) if r.contains(*b as i128) => Some(*b as i128),
        _ => None,
    };
    Ok(Some(match (name, hit) {
        ("count", hit) => Value::Int(hit.is_some() as i128),
        ("index", Some(i)) => Value::Int((i - r.start) / r.step),
        ("index", None) => {
            return Err(PyError::value(format!(
                "{} is not in range",
                super::display::repr(x, &Default::default())
            )));
        }
        _ => return Ok(None),
    }))
}

/// `len()` of a range, set or bytearray object (`None`: it has no length).
pub fn sized(o: &Obj) -> Option<i128> {
    match o {
        Obj::Range(r) => Some(r.len()),
        Obj::Set(t) => Some(t.borrow().len() as i128),
        Obj::DictView(view) => Some(view.len() as i128),
        Obj::FrozenSet(t) => Some(t.len() as i128),
        Obj::ByteArray(b) => Some(b.len() as i128),
        _ => None,
    }
}

/// An iterator object in the given state, with Python's type name.
pub fn iter_object(state: IterState, kind: &'static str) -> Value {
    object(Obj::Iter(RefCell::new(state), kind))
}

/// The value as a Python integer argument (`__index__`: bools, NumPy
/// ints and 0-d integer arrays too, never floats).
pub fn index_int(v: &Value) -> PyResult<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i128),
        // Past i128 it is past every C integer CPython reads an index into.
        Value::BigInt(_) => Err(PyError::ssize_overflow()),
        Value::NpScalar(dt, crate::engine::Scalar::Int(i)) if dt.is_integer() => Ok(*i as i128),
        Value::NpScalar(dt, crate::engine::Scalar::UInt(u)) if dt.is_integer() => Ok(*u as i128),
        // A 0-d integer array has `__index__`.
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
            index_int(&crate::eval::coerce::scalarize(a.clone()))
        }
        other => Err(crate::eval::coerce::not_an_index(other, "")),
    }
}

/// `range(...)` (arguments bound by the builtin's signature).
pub fn make_range(args: &Args) -> PyResult<Value> {
    if args.pos.iter().any(|v| matches!(v, Value::BigInt(_))) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's ranges hold bounds up to 2**127; this one is larger",
        ));
    }
    let ints: Vec<i128> = args.pos.iter().map(index_int).collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints[..] {
        [b] => (0, b, 1),
        [a, b] => (a, b, 1),
        [a, b, c] => (a, b, c),
        _ => {
            return Err(PyError::type_error(format!(
                "range expected at most 3 arguments, got {}",
                ints.len()
            )));
        }
    };
    if step == 0 {
        return Err(PyError::value("range() arg 3 must not be zero"));
    }
    Ok(object(Obj::Range(PyRange { start, stop, step })))
}

/// `r[i]` and `r[a:b:c]` (a slice of a range is a range).
pub fn range_getitem(r: &PyRange, idx: &Value) -> PyResult<Value> {
    let n = r.len();
    if let Value::Slice(parts) = idx {
        let part = super::seq_index::slice_bound;
        let step = part(&parts[2])?.unwrap_or(1);
        if step == 0 {
            return Err(PyError::value("slice step cannot be zero"));
        }
        let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
        let clamp = |v: Option<i128>, default: i128| match v {
            None => default,
            Some(i) if i < 0 => (i + n).max(lo),
            Some(i) => i.min(hi),
        };
        let start = clamp(part(&parts[0])?, if step > 0 { lo } else { hi });
        let stop = clamp(part(&parts[1])?, if step > 0 { hi } else { lo });
        return Ok(object(Obj::Range(PyRange {
            start: r.start + start * r.step,
            stop: r.start + stop * r.step,
            step: r.step * step,
        })));
    }
    if matches!(idx, Value::Array(_)) && super::seq_index::operator_index(idx).is_none() {
        return Err(super::seq_index::array_index_error());
    }
    let i = index_int(idx).map_err(|_| {
        PyError::type_error(format!(
            "range indices must be integers or slices, not {}",
            idx.type_name()
        ))
    })?;
    let k = if i < 0 { i + n } else { i };
    if k < 0 || k >= n {
        return Err(PyError::index("range object index out of range"));
    }
    Ok(Value::Int(r.at(k)))
}

/// `iter(v)`: an iterator over any iterable (an iterator is its own).
pub fn iter_of(v: &Value) -> PyResult<Value> {
    if let Value::Object(o) = v {
        match o.as_ref() {
            Obj::Iter(..) => return Ok(v.clone()),
            Obj::Range(r) => {
                return Ok(iter_object(
                    IterState::Count {
                        next: r.start,
                        left: r.len(),
                        step: r.step,
                    },
                    "range_iterator",
                ));
            }
            _ => {}
        }
    }
    if let Value::List(l) = v {
        return Ok(iter_object(IterState::List(l.clone(), 0), "list_iterator"));
    }
    let live = match v {
        Value::Dict(d) => Some((d.clone(), super::object::ViewKind::Keys)),
        Value::Object(o) if let Obj::DictView(view) = o.as_ref() => {
            Some((view.dict.clone(), view.kind))
        }
        _ => None,
    };
    if let Some((dict, kind)) = live {
        let name = match v {
            Value::Dict(_) => "dict_keyiterator",
            _ => kind.iterator_name(false),
        };
        let used = dict.borrow().len();
        return Ok(iter_object(
            IterState::Dict {
                dict,
                kind,
                next: 0,
                used,
            },
            name,
        ));
    }
    let kind = match v {
        Value::Tuple(_) => "tuple_iterator",
        Value::Str(s) if s.is_ascii() => "str_ascii_iterator",
        Value::Str(_) => "str_iterator",
        Value::Dict(_) => "dict_keyiterator",
        Value::Object(o) if matches!(o.as_ref(), Obj::Set(_) | Obj::FrozenSet(_)) => "set_iterator",
        Value::Object(o) if let Obj::DictView(view) = o.as_ref() => view.kind.iterator_name(false),
        _ => "iterator",
    };
    Ok(iter_object(IterState::Items(iterate(v)?.into()), kind))
}

/// `reversed(seq)`.
pub fn reversed_of(v: &Value) -> PyResult<Value> {
    if let Value::Object(o) = v
        && let Obj::Range(r) = o.as_ref()
    {
        let n = r.len();
        return Ok(iter_object(
            IterState::Count {
                next: r.at(n - 1),
                left: n,
                step: -r.step,
            },
            "range_iterator",
        ));
    }
    let kind = match v {
        Value::List(_) => "list_reverseiterator",
        Value::Dict(_) => "dict_reversekeyiterator",
        Value::Object(o) if let Obj::DictView(view) = o.as_ref() => view.kind.iterator_name(true),
        Value::Tuple(_) | Value::Str(_) | Value::Array(_) => "reversed",
        // `np.str_`/`np.bytes_` reverse as the `str`/`bytes` they are.
        text if super::text_scalar::as_python(text).is_some() => "reversed",
        other => {
            return Err(PyError::type_error(format!(
                "'{}' object is not reversible",
                other.type_name()
            )));
        }
    };
    let mut items = iterate(v)?;
    items.reverse();
    Ok(iter_object(IterState::Items(items.into()), kind))
}

/// The next item of an iterator object, or `None` when it is exhausted.
/// Items that call the learner's functions (`map`, `filter`) need the
/// session; without one they are refused honestly.
pub fn next_item(s: Option<&mut Session>, it: &Value) -> PyResult<Option<Value>> {
    if let Value::FlatIter(a, pos) = it {
        return Ok(super::flatiter::next(a, pos));
    }
    let Value::Object(o) = it else {
        return Err(PyError::type_error(format!(
            "'{}' object is not an iterator",
            it.type_name()
        )));
    };
    // NumPy's iterator objects step themselves (their modules sit above
    // this floor).
    if let Obj::NpIter(n) = o.as_ref() {
        return n.next_item();
    }
    let Obj::Iter(cell, _) = o.as_ref() else {
        return Err(PyError::type_error(format!(
            "'{}' object is not an iterator",
            o.type_name()
        )));
    };
    let name = cell.borrow().generator_name();
    let mut state = std::mem::replace(&mut *cell.borrow_mut(), IterState::Running(name));
    let out = advance(s, &mut state);
    *cell.borrow_mut() = state;
    out
}

fn advance(mut s: Option<&mut Session>, state: &mut IterState) -> PyResult<Option<Value>> {
    match state {
        IterState::Items(items) => Ok(items.pop_front()),
        IterState::User(it) => {
            let s = needs_session(s, "user iterator")?;
            match s.dunder(it, "__next__", vec![]) {
                Some(Err(e)) if e.kind == "StopIteration" => Ok(None),
                Some(r) => r.map(Some),
                None => Ok(None),
            }
        }
        IterState::Sequence(obj, next) => {
            if *next == usize::MAX {
                return Ok(None);
            }
            let s = needs_session(s, "sequence iterator")?;
            let item = sequence_item(s, obj, *next)?;
            *next = if item.is_some() {
                *next + 1
            } else {
                usize::MAX
            };
            Ok(item)
        }
        IterState::SequenceBack(obj, left) => {
            if *left == 0 {
                return Ok(None);
            }
            let s = needs_session(s, "reversed")?;
            let item = sequence_item(s, obj, *left - 1)?;
            *left = if item.is_some() { *left - 1 } else { 0 };
            Ok(item)
        }
        IterState::Dict {
            dict,
            kind,
            next,
            used,
        } => {
            let entries = dict.borrow();
            if *next == usize::MAX {
                return Ok(None);
            }
            if entries.len() != *used {
                // CPython makes this state sticky: every later `next` says so too.
                *used = usize::MAX;
                return Err(PyError::new(
                    "RuntimeError",
                    "dictionary changed size during iteration",
                ));
            }
            let Some((k, v)) = entries.get(*next) else {
                *next = usize::MAX;
                return Ok(None);
            };
            *next += 1;
            Ok(Some(match kind {
                super::object::ViewKind::Keys => k.clone(),
                super::object::ViewKind::Values => v.clone(),
                super::object::ViewKind::Items => Value::tuple(vec![k.clone(), v.clone()]),
            }))
        }
        IterState::List(l, next) => {
            let item = l.borrow().get(*next).cloned();
            if item.is_some() {
                *next += 1;
            } else {
                // An exhausted list iterator stays exhausted.
                *next = usize::MAX;
            }
            Ok(item)
        }
        IterState::Count { next, left, step } => {
            if *left <= 0 {
                return Ok(None);
            }
            let v = *next;
            *left -= 1;
            *next += *step;
            Ok(Some(Value::Int(v)))
        }
        IterState::Zip(its) => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for it in its.iter() {
                match next_item(s.as_deref_mut(), it)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(Value::tuple(out)))
        }
        IterState::Enumerate(it, count) => match next_item(s, it)? {
            Some(v) => {
                let i = *count;
                *count += 1;
                Ok(Some(Value::tuple(vec![Value::Int(i), v])))
            }
            None => Ok(None),
        },
        IterState::Map(f, its) => {
            let mut pos = Vec::with_capacity(its.len());
            for it in its.iter() {
                match next_item(s.as_deref_mut(), it)? {
                    Some(v) => pos.push(v),
                    None => return Ok(None),
                }
            }
            let s = needs_session(s, "map")?;
            s.call(f, Args { pos, kw: vec![] }).map(Some)
        }
        IterState::Filter(f, it) => loop {
            let Some(x) = next_item(s.as_deref_mut(), it)? else {
                return Ok(None);
            };
            let keep = match &*f {
                Value::None => match s.as_deref_mut() {
                    Some(s) => s.truth_of(&x)?,
                    None => truthy(&x)?,
                },
                f => {
                    let s = needs_session(s.as_deref_mut(), "filter")?;
                    let r = s.call(
                        f,
                        Args {
                            pos: vec![x.clone()],
                            kw: vec![],
                        },
                    )?;
                    s.truth_of(&r)?
                }
            };
            if keep {
                return Ok(Some(x));
            }
        },
        IterState::Gen(g) => {
            needs_session(s, "generator")?.resume_suspended(g.as_mut(), Value::None)
        }
        IterState::GenExpr(g) => needs_session(s, "generator")?.genexpr_next_suspended(g.as_mut()),
        IterState::Running(_) => Err(PyError::value("generator already executing")),
    }
}

fn needs_session<'a>(s: Option<&'a mut Session>, kind: &str) -> PyResult<&'a mut Session> {
    s.ok_or_else(|| {
        PyError::new(
            "NotImplementedError",
            format!(
                "slicelab reads a {kind} object only in list(), tuple(), set(), loops and \
                 comprehensions yet; wrap it in list(...)"
            ),
        )
    })
}

/// Every item left in an iterator object (`list(it)`), pulled one by one.
pub fn drain(mut s: Option<&mut Session>, it: &Value) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    while let Some(v) = next_item(s.as_deref_mut(), it)? {
        crate::engine::interrupt::check()?;
        if out.len() == out.capacity() {
            crate::engine::buffer::python_room(out.len() * 2 + 1, std::mem::size_of::<Value>())?;
        }
        out.push(v);
    }
    Ok(out)
}

/// An iterator over the given items.
pub fn iterator(items: Vec<Value>, kind: &'static str) -> Value {
    super::pyiter::iter_object(IterState::Items(items.into()), kind)
}

/// `obj[i]` for the old sequence protocol: `None` once `__getitem__`
/// raises `IndexError` or `StopIteration` (or the class has none), which
/// ends the iteration.
fn sequence_item(s: &mut Session, obj: &Value, i: usize) -> PyResult<Option<Value>> {
    match s.dunder(obj, "__getitem__", vec![Value::Int(i as i128)]) {
        Some(Ok(v)) => Ok(Some(v)),
        Some(Err(e)) if matches!(e.kind.as_str(), "IndexError" | "StopIteration") => Ok(None),
        Some(Err(e)) => Err(e),
        None => Ok(None),
    }
}
