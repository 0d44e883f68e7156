//! Methods of Python's str, list and dict that tutorials use around arrays
//! (`"a,b".split(",")`, `lst.insert(0, x)`, `lst.sort(key=...)`,
//! `d.setdefault(k, v)`). `methods.rs` asks here first; what is not
//! handled goes back to it.

use super::error::{PyError, PyResult};
use super::ops::lookup_eq;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::protocol::iterate;
use crate::eval::session::Session;

/// CPython's `PyObject_RichCompareBool(item, x, Py_EQ)`: identity first,
/// then `==` and its truth, which an array answers elementwise (so an
/// array of several elements raises NumPy's ambiguity error).
fn item_equal(item: &Value, x: &Value) -> PyResult<bool> {
    if item.is(x) {
        return Ok(true);
    }
    if super::ops::is_numpy(item) || super::ops::is_numpy(x) {
        let eq = super::ops::numpy_compare(crate::engine::kernels::CompareOp::Eq, item, x)?;
        return crate::eval::protocol::truthy(&eq);
    }
    Ok(lookup_eq(item, x))
}

/// Calls `obj.name(args)` if this file handles it; otherwise hands the
/// arguments back.
pub fn call(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Result<Value, Args>> {
    if let Value::Object(o) = obj
        && let super::object::Obj::NamedTuple(t) = o.as_ref()
    {
        return match super::named_tuple::method(s, t, name, &args)? {
            Some(v) => Ok(Ok(v)),
            None => call(s, &t.items, name, args),
        };
    }
    if let Value::Object(o) = obj
        && let super::object::Obj::File(f) = o.as_ref()
        && let Some(v) = super::pyfile::method(f, obj, name, &args)?
    {
        return Ok(Ok(v));
    }
    if let Value::Object(o) = obj
        && let super::object::Obj::TupleClass(c) = o.as_ref()
        && let Some(v) = super::named_tuple::class_method(s, c, name, &args)?
    {
        return Ok(Ok(v));
    }
    // A class method read off an instance binds its class.
    if let Some(f) = super::class_methods::function_name(&obj.type_name(), name)
        && let Some(v) = super::class_methods::call(s, &f, &args)?
    {
        return Ok(Ok(v));
    }
    if let Value::Str(t) = obj
        && let Some(v) = super::str_transforms::method(s, t, name, &args)?
    {
        return Ok(Ok(v));
    }
    Ok(Ok(match obj {
        Value::Str(t) => match str_method(t, name, &args)? {
            Some(v) => v,
            None => return Ok(Err(args)),
        },
        Value::List(l) => match name {
            "insert" => {
                let i = int_arg(args.req(0, "index", name)?)?;
                let v = args.req(1, "object", name)?.clone();
                let mut l = l.borrow_mut();
                let n = l.len() as i128;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
                l.insert(at as usize, v);
                Value::None
            }
            "pop" if !args.pos.is_empty() => {
                let i = int_arg(&args.pos[0])?;
                let mut l = l.borrow_mut();
                if l.is_empty() {
                    return Err(PyError::index("pop from empty list"));
                }
                let n = l.len() as i128;
                let at = if i < 0 { i + n } else { i };
                if at < 0 || at >= n {
                    return Err(PyError::index("pop index out of range"));
                }
                l.remove(at as usize)
            }
            "count" => {
                let x = args.req(0, "value", name)?;
                Value::Int(l.borrow().iter().filter(|v| lookup_eq(v, x)).count() as i128)
            }
            "remove" => {
                let x = args.req(0, "value", name)?;
                let mut l = l.borrow_mut();
                match l.iter().position(|v| lookup_eq(v, x)) {
                    Some(p) => {
                        l.remove(p);
                    }
                    None => return Err(PyError::value("list.remove(x): x not in list")),
                }
                Value::None
            }
            "clear" => {
                l.borrow_mut().clear();
                Value::None
            }
            "sort" => {
                if !args.pos.is_empty() {
                    return Err(PyError::type_error("sort() takes no positional arguments"));
                }
                let (key, reverse) = super::pybuiltins::sort_options(&args)?;
                let items = l.borrow().clone();
                let sorted = super::pybuiltins::sort_values(s, items, key.as_ref(), reverse)?;
                *l.borrow_mut() = sorted;
                Value::None
            }
            _ => return Ok(Err(args)),
        },
        Value::Tuple(t) if matches!(name, "index" | "count") => {
            let x = args.req(0, "value", name)?;
            let mut hits = vec![];
            for (i, v) in t.iter().enumerate() {
                if item_equal(v, x)? {
                    hits.push(i);
                    if name == "index" {
                        break;
                    }
                }
            }
            if name == "count" {
                Value::Int(hits.len() as i128)
            } else {
                match hits.first() {
                    Some(&i) => Value::Int(i as i128),
                    None => return Err(PyError::value("tuple.index(x): x not in tuple")),
                }
            }
        }
        Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Iter(..)) => {
            match super::generator::iterator_method(s, obj, name, &args)? {
                Some(v) => v,
                None => return Ok(Err(args)),
            }
        }
        Value::Object(o) if let super::object::Obj::PyTime(t) = o.as_ref() => {
            match super::pydatetime_attrs::call_method(t, name, &args)? {
                Some(v) => v,
                None => return Ok(Err(args)),
            }
        }
        Value::Object(_) if let Some(b) = super::bytearray::of(obj) => {
            super::bytearray_calls::call_method(s, b, name, &args)?
        }
        Value::Bytes(b) => match super::pybytes::call_method(b, name, &args) {
            Some(r) => r?,
            None => return Ok(Err(args)),
        },
        Value::Object(_) if let Some(m) = super::object::MemView::of(obj) => {
            m.method(name, &args)?
        }
        Value::Object(_) if let Some(view) = super::object::DictView::of(obj) => {
            view.method(s, name, &args)?
        }
        Value::Object(_) => match super::pysets::method(s, obj, name, &args)? {
            Some(v) => v,
            None => match super::pyiter::range_method(obj, name, &args)? {
                Some(v) => v,
                None => return Ok(Err(args)),
            },
        },
        Value::Dict(d) => match name {
            // LIFO: the entry set last.
            "popitem" => {
                let (k, v) = d
                    .borrow_mut()
                    .pop()
                    .ok_or_else(|| PyError::new("KeyError", "'popitem(): dictionary is empty'"))?;
                Value::tuple(vec![k, v])
            }
            "pop" => {
                let k = args.req(0, "key", name)?;
                let mut d = d.borrow_mut();
                match d.iter().position(|(x, _)| lookup_eq(x, k)) {
                    Some(p) => d.remove(p).1,
                    None => match args.pos.get(1) {
                        Some(default) => default.clone(),
                        None => {
                            return Err(PyError::new(
                                "KeyError",
                                super::display::repr(k, &s.print_options),
                            ));
                        }
                    },
                }
            }
            "update" => {
                let mut pairs: Vec<(Value, Value)> = Vec::new();
                if let Some(other) = args.pos.first() {
                    match other {
                        Value::Dict(o) => pairs.extend(o.borrow().iter().cloned()),
                        other => {
                            for item in iterate(other)? {
                                let kv = iterate(&item)?;
                                let [k, v] = &kv[..] else {
                                    return Err(PyError::value(
                                        "dictionary update sequence element has wrong length",
                                    ));
                                };
                                pairs.push((k.clone(), v.clone()));
                            }
                        }
                    }
                }
                pairs.extend(args.kw.iter().map(|(k, v)| (Value::str(k), v.clone())));
                let mut d = d.borrow_mut();
                for (k, v) in pairs {
                    super::pycollections::dict_set(&mut d, k, v)?;
                }
                Value::None
            }
            "setdefault" => {
                let k = args.req(0, "key", name)?.clone();
                let default = args.pos.get(1).cloned().unwrap_or(Value::None);
                let mut d = d.borrow_mut();
                match d.iter().find(|(x, _)| lookup_eq(x, &k)) {
                    Some((_, v)) => v.clone(),
                    None => {
                        super::pycollections::dict_set(&mut d, k, default.clone())?;
                        default
                    }
                }
            }
            "copy" => Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(
                d.borrow().clone(),
            ))),
            "clear" => {
                d.borrow_mut().clear();
                Value::None
            }
            _ => return Ok(Err(args)),
        },
        _ => return Ok(Err(args)),
    }))
}

/// A `str` method's integer argument: a C `Py_ssize_t`, so an int past
/// 64 bits is CPython's OverflowError.
fn int_arg(v: &Value) -> PyResult<i128> {
    match v {
        Value::Int(i) if i64::try_from(*i).is_ok() => Ok(*i),
        Value::Int(_) | Value::BigInt(_) => Err(PyError::ssize_overflow()),
        Value::Bool(b) => Ok(*b as i128),
        other => Err(PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn str_arg<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(PyError::type_error(format!(
            "{what} must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `str` methods; `None` when `name` is not one of them.
/// `str.isidentifier`: an XID_Start letter or `_`, then XID_Continue
/// characters (Unicode's identifier rules, which CPython follows).
fn is_identifier(t: &str) -> bool {
    let mut chars = t.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(unicode_ident::is_xid_continue)
}

fn str_method(t: &str, name: &str, args: &Args) -> PyResult<Option<Value>> {
    let arg = |i: usize| args.pos.get(i).filter(|v| !matches!(v, Value::None));
    let chars = |i: usize| -> PyResult<Option<Vec<char>>> {
        arg(i)
            .map(|v| str_arg(v, "argument").map(|s| s.chars().collect()))
            .transpose()
    };
    let words = |parts: Vec<&str>| Value::list(parts.into_iter().map(Value::str).collect());
    let width_fill = || -> PyResult<(usize, char)> {
        let w = int_arg(args.req(0, "width", name)?)?.max(0) as usize;
        let fill = match arg(1) {
            Some(v) => {
                let f = str_arg(v, "fill character")?;
                let mut cs = f.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => c,
                    _ => {
                        return Err(PyError::type_error(
                            "The fill character must be exactly one character long",
                        ));
                    }
                }
            }
            None => ' ',
        };
        padded_room(w, fill)?;
        Ok((w, fill))
    };
    let len = t.chars().count();
    Ok(Some(match name {
        "split" | "rsplit" => {
            let max = match args.get(1, "maxsplit") {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            let sep = args.get(0, "sep").filter(|v| !matches!(v, Value::None));
            let parts: Vec<&str> = match (sep, max < 0) {
                (None, true) => t.split_whitespace().collect(),
                (None, false) if name == "split" => {
                    let mut out = Vec::new();
                    let mut rest = t.trim_start();
                    while !rest.is_empty() && (out.len() as i128) < max {
                        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        out.push(&rest[..end]);
                        rest = rest[end..].trim_start();
                    }
                    if !rest.is_empty() {
                        out.push(rest);
                    }
                    out
                }
                (None, false) => t.split_whitespace().collect(),
                (Some(sep), _) => {
                    let sep = str_arg(sep, "sep")?;
                    if sep.is_empty() {
                        return Err(PyError::value("empty separator"));
                    }
                    match (max < 0, name == "split") {
                        (true, _) => t.split(sep).collect(),
                        (false, true) => t.splitn(max as usize + 1, sep).collect(),
                        (false, false) => {
                            let mut v: Vec<&str> = t.rsplitn(max as usize + 1, sep).collect();
                            v.reverse();
                            v
                        }
                    }
                }
            };
            words(parts)
        }
        "encode" => super::pybytes::encode(t, args)?,
        "startswith" | "endswith" => {
            let Some((_, t)) = window(t, args)? else {
                return Ok(Some(Value::Bool(false)));
            };
            let p = args.req(0, "prefix", name)?;
            let options: Vec<Value> = match p {
                Value::Tuple(items) => items.as_ref().clone(),
                other => vec![other.clone()],
            };
            let mut hit = false;
            for o in &options {
                let o = str_arg(o, &format!("{name} first arg"))?;
                hit |= if name == "startswith" {
                    t.starts_with(o)
                } else {
                    t.ends_with(o)
                };
            }
            Value::Bool(hit)
        }
        "count" => {
            let sub = str_arg(args.req(0, "sub", name)?, "must be str")?;
            let Some((_, t)) = window(t, args)? else {
                return Ok(Some(Value::Int(0)));
            };
            Value::Int(if sub.is_empty() {
                t.chars().count() as i128 + 1
            } else {
                t.matches(sub).count() as i128
            })
        }
        "find" | "rfind" | "index" | "rindex" => {
            let sub = str_arg(args.req(0, "sub", name)?, "must be str")?;
            let found = window(t, args)?.and_then(|w| {
                let at = if name.starts_with('r') {
                    w.1.rfind(sub)
                } else {
                    w.1.find(sub)
                };
                // Character positions count from the start of `t`.
                at.map(|b| t[..w.0 + b].chars().count())
            });
            match found {
                Some(c) => Value::Int(c as i128),
                None if name.ends_with("find") => Value::Int(-1),
                None => return Err(PyError::value("substring not found")),
            }
        }
        "replace" => {
            let old = str_arg(args.req(0, "old", name)?, "replace() argument 1")?;
            let new = str_arg(args.req(1, "new", name)?, "replace() argument 2")?;
            match args.get(2, "count").map(int_arg).transpose()? {
                Some(n) if n >= 0 => Value::str(&t.replacen(old, new, n as usize)),
                _ => Value::str(&t.replace(old, new)),
            }
        }
        "title" => {
            let mut out = String::new();
            let mut prev_letter = false;
            for c in t.chars() {
                if c.is_alphabetic() {
                    if prev_letter {
                        out.extend(c.to_lowercase());
                    } else {
                        out.extend(c.to_uppercase());
                    }
                    prev_letter = true;
                } else {
                    out.push(c);
                    prev_letter = false;
                }
            }
            Value::str(&out)
        }
        "capitalize" => {
            let mut cs = t.chars();
            let out: String = match cs.next() {
                Some(c) => c
                    .to_uppercase()
                    .chain(cs.as_str().to_lowercase().chars())
                    .collect(),
                None => String::new(),
            };
            Value::str(&out)
        }
        "swapcase" => Value::str(
            &t.chars()
                .flat_map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().collect::<Vec<_>>()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect::<String>(),
        ),
        "ljust" | "rjust" | "center" => {
            let (w, fill) = width_fill()?;
            if w <= len {
                Value::str(t)
            } else {
                let gap = w - len;
                let (left, right) = match name {
                    "ljust" => (0, gap),
                    "rjust" => (gap, 0),
                    // CPython puts the odd extra fill on the left when the
                    // string's length is odd and the width even.
                    _ => {
                        let left = gap / 2 + (gap & w & 1);
                        (left, gap - left)
                    }
                };
                let f = |n: usize| fill.to_string().repeat(n);
                Value::str(&format!("{}{t}{}", f(left), f(right)))
            }
        }
        "zfill" => {
            let w = int_arg(args.req(0, "width", name)?)?.max(0) as usize;
            padded_room(w, '0')?;
            if w <= len {
                Value::str(t)
            } else {
                let (sign, digits) = match t.strip_prefix(['+', '-']) {
                    Some(rest) => (&t[..1], rest),
                    None => ("", t),
                };
                Value::str(&format!("{sign}{}{digits}", "0".repeat(w - len)))
            }
        }
        "strip" | "lstrip" | "rstrip" => {
            let set = chars(0)?;
            let is_strip = |c: char| match &set {
                Some(cs) => cs.contains(&c),
                None => c.is_whitespace(),
            };
            Value::str(match name {
                "strip" => t.trim_matches(is_strip),
                "lstrip" => t.trim_start_matches(is_strip),
                _ => t.trim_end_matches(is_strip),
            })
        }
        "isdigit" | "isnumeric" | "isdecimal" => {
            Value::Bool(!t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
        }
        "isalpha" => Value::Bool(!t.is_empty() && t.chars().all(char::is_alphabetic)),
        "isascii" => Value::Bool(t.is_ascii()),
        "isidentifier" => Value::Bool(is_identifier(t)),
        "isalnum" => Value::Bool(!t.is_empty() && t.chars().all(char::is_alphanumeric)),
        "isspace" => Value::Bool(!t.is_empty() && t.chars().all(char::is_whitespace)),
        "isupper" => {
            Value::Bool(t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase))
        }
        "islower" => {
            Value::Bool(t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_uppercase))
        }
        _ => return Ok(None),
    }))
}

/// The part of `t` a method's `start`/`end` arguments (positions 1 and 2,
/// in characters, with slice rules) select, with its byte offset; `None`
/// where CPython finds nothing at all (`start` past the end, or `end`
/// before `start`).
fn window<'a>(t: &'a str, args: &Args) -> PyResult<Option<(usize, &'a str)>> {
    let n = t.chars().count() as i128;
    let bound = |v: Option<&Value>, default: i128| -> PyResult<i128> {
        Ok(match v {
            None | Some(Value::None) => default,
            Some(v) => {
                // A slice bound past a C ssize_t clamps (`_PyEval_SliceIndex`).
                let i = match v {
                    Value::Int(i) => (*i).clamp(i64::MIN as i128, i64::MAX as i128),
                    Value::BigInt(b) if num_traits::Signed::is_negative(b.as_ref()) => {
                        i64::MIN as i128
                    }
                    Value::BigInt(_) => i64::MAX as i128,
                    other => int_arg(other)?,
                };
                if i < 0 { (i + n).max(0) } else { i }
            }
        })
    };
    let start = bound(args.pos.get(1), 0)?;
    let end = bound(args.pos.get(2), n)?.min(n);
    if start > n || end < start {
        return Ok(None);
    }
    let byte = |c: i128| t.char_indices().nth(c as usize).map_or(t.len(), |(b, _)| b);
    let (from, to) = (byte(start), byte(end));
    Ok(Some((from, &t[from..to])))
}

/// Room for a string padded to `width` characters of `fill` (the padding,
/// then the string it joins): Python's bare `MemoryError` when there is
/// none, never an abort.
fn padded_room(width: usize, fill: char) -> PyResult<()> {
    Ok(crate::engine::buffer::python_room(
        width,
        2 * fill.len_utf8(),
    )?)
}
