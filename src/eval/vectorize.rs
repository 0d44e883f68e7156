//! `np.frompyfunc` and `np.vectorize` (issue 17): the learner's Python
//! function called once per element, as NumPy calls it.
//!
//! NumPy builds both on an object-dtype ufunc (`PyUFunc_On_Om` in
//! `umath/loops.c.src`): every input is first turned into an object array
//! (so the function sees Python values: `int`, `float`, `str`, never
//! `np.int64`), the function is called in the ufunc iterator's order
//! (`order='K'`: memory order of the inputs, `nditer_constr.c`
//! `npyiter_find_best_axis_ordering`), and `vectorize` then casts the object
//! result to the type its first call returned (`_function_base_impl.py`
//! `vectorize._get_ufunc_and_otypes`, `_vectorize_call`). slicelab has no
//! object arrays yet, so it runs the same calls in the same order on the
//! Python values directly and builds the cast result; what would need an
//! object array (a `frompyfunc` result over arrays, an `'O'` otype, a
//! function returning a list) is refused with `NotImplementedError`.

use super::object::{OType, PyUfunc, VecState, Vectorize};
use std::cell::RefCell;

use crate::engine::dtype::DType;

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The registry entries of this module.
pub const ENTRIES: &[Entry] = &[
    func(
        "vectorize(pyfunc=<no value>, otypes=None, doc=None, excluded=None, cache=False, signature=None)",
        Style::Python,
        "pyfunc otypes doc excluded cache",
        Writes::Nothing,
    ),
    func(
        "frompyfunc(func, /, nin, nout, **kwargs)",
        Style::NumpyC,
        "func nin nout kwargs",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Whether `np.NAME` is one of this module's.
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// `np.frompyfunc(...)` / `np.vectorize(...)` with canonical arguments.
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "frompyfunc" => frompyfunc(s, args),
        _ => vectorize(s, args),
    }
}

fn is_callable(f: &Value) -> bool {
    matches!(
        f,
        Value::Function(_) | Value::Method(..) | Value::Type(_) | Value::Object(_)
    )
}

/// `f.__name__`, if it has one.
fn name_of(s: &mut Session, f: &Value) -> Option<String> {
    let short = |n: &str| n.rsplit('.').next().unwrap_or(n).to_string();
    match f {
        Value::Function(n) => return Some(short(n)),
        Value::Type(super::value::TypeObj::Builtin(n)) => return Some(short(n)),
        _ => {}
    }
    match s.getattr(f, "__name__") {
        Ok(Value::Str(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("{what} are not supported in slicelab yet"),
    )
}

fn object_arrays() -> PyError {
    refuse("object arrays (dtype=object)")
}

fn frompyfunc(s: &mut Session, args: &Args) -> PyResult<Value> {
    let f = args.pos.first().cloned().ok_or_else(|| {
        PyError::type_error("frompyfunc() missing required argument 'func' (pos 1)")
    })?;
    let get = |i: usize, name: &str| -> Option<Value> {
        args.pos.get(i).cloned().or_else(|| {
            args.kw
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    };
    let nin_v = get(1, "nin").ok_or_else(|| {
        PyError::type_error("frompyfunc() missing required argument 'nin' (pos 2)")
    })?;
    let nout_v = get(2, "nout").ok_or_else(|| {
        PyError::type_error("frompyfunc() missing required argument 'nout' (pos 3)")
    })?;
    let mut identity = Value::None;
    for (k, v) in &args.kw {
        match k.as_str() {
            "nin" | "nout" => {}
            "identity" => identity = v.clone(),
            other => {
                return Err(PyError::type_error(format!(
                    "'{other}' is an invalid keyword argument for frompyfunc()"
                )));
            }
        }
    }
    let nin = crate::eval::coerce::int_arg(&nin_v, "")?;
    let nout = crate::eval::coerce::int_arg(&nout_v, "")?;
    if !is_callable(&f) {
        return Err(PyError::type_error("function must be callable"));
    }
    let name = format!(
        "{} (vectorized)",
        name_of(s, &f).unwrap_or_else(|| "?".into())
    );
    Ok(object(Obj::PyUfunc(PyUfunc {
        func: f,
        nin,
        nout,
        identity,
        name,
    })))
}

/// `u.NAME` for a `frompyfunc` ufunc.
pub fn ufunc_attr(u: &PyUfunc, name: &str) -> PyResult<Value> {
    Ok(match name {
        "nin" => Value::Int(u.nin as i128),
        "nout" => Value::Int(u.nout as i128),
        "nargs" => Value::Int((u.nin + u.nout) as i128),
        "__name__" => Value::str(&u.name),
        "identity" => u.identity.clone(),
        "ntypes" => Value::Int(1),
        "types" => Value::list(vec![Value::str(&format!(
            "{}->{}",
            "O".repeat(u.nin.max(0) as usize),
            "O".repeat(u.nout.max(0) as usize)
        ))]),
        "signature" => Value::None,
        "reduce" | "accumulate" | "reduceat" | "outer" | "at" => {
            return Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement {name}() of a frompyfunc ufunc yet"),
            ));
        }
        _ => return Err(PyError::attribute("numpy.ufunc", name)),
    })
}

/// Room for `n` Python values (a huge broadcast input is Python's
/// `MemoryError`, never an abort).
fn room(n: usize) -> PyResult<()> {
    crate::engine::buffer::python_room(n, 2 * std::mem::size_of::<Value>()).map_err(PyError::from)
}

/// An input turned into what NumPy's object cast gives: its shape, its
/// element strides in the cast copy (which keeps the input's memory order)
/// and its elements in C order, as Python values.
struct ObjIn {
    shape: Vec<usize>,
    strides: Vec<isize>,
    items: Vec<Value>,
}

/// NumPy's `KEEPORDER` axis order of one array (`PyArray_CreateMultiSortedStridePerm`):
/// outermost axis first.
fn keep_order(shape: &[usize], strides: &[isize]) -> Vec<usize> {
    let n = shape.len();
    let mut perm: Vec<usize> = (0..n).collect();
    for i0 in 1..n {
        let mut ipos = i0;
        let j0 = perm[i0];
        for i1 in (0..i0).rev() {
            let j1 = perm[i1];
            if shape[j0] != 1 && shape[j1] != 1 {
                if strides[j0].unsigned_abs() <= strides[j1].unsigned_abs() {
                    break;
                }
                ipos = i1;
            }
        }
        if ipos != i0 {
            perm.remove(i0);
            perm.insert(ipos, j0);
        }
    }
    perm
}

/// Element strides of a contiguous array laid out in axis order `perm`.
fn strides_for(shape: &[usize], perm: &[usize]) -> Vec<isize> {
    let mut st = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for &ax in perm.iter().rev() {
        st[ax] = acc;
        acc = acc.saturating_mul(shape[ax].max(1) as isize);
    }
    st
}

/// The shape of a nested list/tuple whose leaves are kept as they are, or
/// `None` when NumPy's object cast would do something slicelab cannot
/// (ragged, arrays inside).
fn nested(v: &Value, shape: &mut Vec<usize>, depth: usize, items: &mut Vec<Value>) -> Option<()> {
    let seq: Option<Vec<Value>> = match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.as_ref().clone()),
        _ => None,
    };
    match seq {
        Some(seq) => {
            if depth == shape.len() {
                if !items.is_empty() {
                    return None;
                }
                shape.push(seq.len());
            } else if shape[depth] != seq.len() {
                return None;
            }
            for x in &seq {
                nested(x, shape, depth + 1, items)?;
            }
            if seq.is_empty() && depth + 1 != shape.len() {
                return None;
            }
            Some(())
        }
        None => {
            if depth != shape.len() || !plain_leaf(v) {
                return None;
            }
            items.push(v.clone());
            Some(())
        }
    }
}

/// A value an object array holds as itself.
fn plain_leaf(v: &Value) -> bool {
    match v {
        Value::None
        | Value::Bool(_)
        | Value::Int(_)
        | Value::Float(_)
        | Value::Complex(..)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::Dict(_)
        | Value::NpScalar(..)
        | Value::Function(_)
        | Value::Type(_) => true,
        Value::Object(o) => matches!(
            o.as_ref(),
            Obj::Func(_) | Obj::Instance(_) | Obj::Set(_) | Obj::FrozenSet(_) | Obj::Class(_)
        ),
        _ => false,
    }
}

/// A value `np.asarray` keeps as the one element of a 0-d object array.
fn held_as_object(v: &Value) -> bool {
    plain_leaf(v)
        && !matches!(
            v,
            Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::Complex(..)
                | Value::Str(_)
                | Value::Bytes(_)
                | Value::NpScalar(..)
        )
}

/// `np.asanyarray(v, dtype=object)`, as far as slicelab can hold it.
fn to_objects(v: &Value) -> PyResult<ObjIn> {
    match v {
        Value::Array(a) => {
            if matches!(a.dtype().native(), DType::Record(_)) {
                return Err(object_arrays());
            }
            let shape = a.shape();
            let layout = a.layout();
            let perm = if layout.is_c_contiguous(a.dtype().itemsize()) {
                (0..shape.len()).collect()
            } else if layout.is_f_contiguous(a.dtype().itemsize()) {
                (0..shape.len()).rev().collect()
            } else {
                keep_order(&shape, &layout.strides)
            };
            room(a.size())?;
            let dt = a.dtype().clone();
            let items = a
                .to_scalars()
                .iter()
                .map(|x| crate::eval::convert::scalar_to_py(&dt, x))
                .collect();
            Ok(ObjIn {
                strides: strides_for(&shape, &perm),
                shape,
                items,
            })
        }
        Value::NpScalar(dt, x) => Ok(ObjIn {
            shape: vec![],
            strides: vec![],
            items: vec![crate::eval::convert::scalar_to_py(dt, x)],
        }),
        Value::List(_) | Value::Tuple(_) => {
            let mut shape = vec![];
            let mut items = vec![];
            nested(v, &mut shape, 0, &mut items).ok_or_else(object_arrays)?;
            let perm: Vec<usize> = (0..shape.len()).collect();
            Ok(ObjIn {
                strides: strides_for(&shape, &perm),
                shape,
                items,
            })
        }
        other if plain_leaf(other) => Ok(ObjIn {
            shape: vec![],
            strides: vec![],
            items: vec![other.clone()],
        }),
        _ => Err(object_arrays()),
    }
}

/// The ufunc iterator's axis order for these inputs (`order='K'`),
/// innermost axis first, as `npyiter_find_best_axis_ordering` sorts it.
fn iteration_order(ins: &[ObjIn], shape: &[usize]) -> Vec<usize> {
    let n = shape.len();
    // Each operand's stride along each broadcast axis (0 where broadcast).
    let op_strides: Vec<Vec<isize>> = ins
        .iter()
        .map(|o| {
            let lead = n - o.shape.len();
            (0..n)
                .map(|ax| {
                    if ax < lead || o.shape[ax - lead] == 1 {
                        0
                    } else {
                        o.strides[ax - lead]
                    }
                })
                .collect()
        })
        .collect();
    let mut perm: Vec<usize> = (0..n).rev().collect();
    for i0 in 1..n {
        let mut ipos = i0;
        let j0 = perm[i0];
        for i1 in (0..i0).rev() {
            let j1 = perm[i1];
            let mut ambig = true;
            let mut swap = false;
            for st in &op_strides {
                if st[j0] != 0 && st[j1] != 0 {
                    if st[j1].unsigned_abs() <= st[j0].unsigned_abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.remove(i0);
            perm.insert(ipos, j0);
        }
    }
    perm
}

/// Calls `f` once per element of the broadcast inputs in the ufunc's
/// order; returns the broadcast shape, the axis order (outermost first)
/// and the results in call order.
fn run_loop(
    s: &mut Session,
    ins: &[ObjIn],
    mut f: impl FnMut(&mut Session, Vec<Value>) -> PyResult<Value>,
) -> PyResult<(Vec<usize>, Vec<usize>, Vec<Value>)> {
    let shapes: Vec<&[usize]> = ins.iter().map(|o| o.shape.as_slice()).collect();
    let shape =
        crate::engine::broadcast::broadcast_shapes_or_err(&shapes).map_err(PyError::from)?;
    let n = shape.len();
    let inner_first = iteration_order(ins, &shape);
    let outer_first: Vec<usize> = inner_first.iter().rev().copied().collect();
    let size = crate::engine::layout::checked_size(&shape)
        .ok_or_else(|| PyError::new("MemoryError", ""))?;
    room(size)?;
    // C-order element strides of each input in broadcast coordinates.
    let c_strides: Vec<Vec<usize>> = ins
        .iter()
        .map(|o| {
            let lead = n - o.shape.len();
            let mut st = vec![0usize; n];
            let mut acc = 1usize;
            for ax in (0..o.shape.len()).rev() {
                if o.shape[ax] != 1 {
                    st[ax + lead] = acc;
                }
                acc *= o.shape[ax];
            }
            st
        })
        .collect();
    let mut out = Vec::new();
    let mut idx = vec![0usize; n];
    for _ in 0..size {
        crate::engine::interrupt::check().map_err(PyError::from)?;
        let vals: Vec<Value> = ins
            .iter()
            .zip(&c_strides)
            .map(|(o, st)| {
                let k: usize = idx.iter().zip(st).map(|(i, s)| i * s).sum();
                o.items[k].clone()
            })
            .collect();
        out.push(f(s, vals)?);
        for &ax in &inner_first {
            idx[ax] += 1;
            if idx[ax] < shape[ax] {
                break;
            }
            idx[ax] = 0;
        }
    }
    Ok((shape, outer_first, out))
}

impl Session {
    /// Calling a `frompyfunc` ufunc. All inputs 0-d give the function's
    /// result itself; anything else would be an object array.
    pub(super) fn call_pyufunc(&mut self, u: &PyUfunc, args: Args) -> PyResult<Value> {
        let (nin, nout) = (u.nin, u.nout);
        if nin < 1 || nout < 1 || nin + nout > 64 {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement calling a frompyfunc ufunc with no inputs or outputs",
            ));
        }
        let n = args.pos.len() as i64;
        if n < nin || n > nin + nout {
            return Err(PyError::type_error(format!(
                "{}() takes from {} to {} positional arguments but {} {} given",
                u.name,
                nin,
                nin + nout,
                n,
                if n == 1 { "was" } else { "were" }
            )));
        }
        if n > nin || !args.kw.is_empty() {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement keyword arguments or outputs of a frompyfunc ufunc",
            ));
        }
        let ins = args
            .pos
            .iter()
            .map(to_objects)
            .collect::<PyResult<Vec<_>>>()?;
        if ins.iter().any(|o| !o.shape.is_empty()) {
            // `PyUFunc_On_Om` over the broadcast inputs, each output an
            // object array laid out as the iterator visited it.
            let func = u.func.clone();
            let nout = nout as usize;
            let (shape, outer_first, results) = run_loop(self, &ins, |s, vals| {
                let r = s.call(
                    &func,
                    Args {
                        pos: vals,
                        kw: vec![],
                    },
                )?;
                if nout == 1 {
                    return Ok(r);
                }
                Ok(match &r {
                    Value::Tuple(t) if t.len() == nout => r.clone(),
                    _ => Value::tuple(vec![Value::None; nout]),
                })
            })?;
            let object = OType::Other('O');
            if nout == 1 {
                return build(self, &object, results, &shape, &outer_first);
            }
            let mut outs = Vec::with_capacity(nout);
            for k in 0..nout {
                let column = results
                    .iter()
                    .map(|r| match r {
                        Value::Tuple(t) => t.get(k).cloned().unwrap_or(Value::None),
                        _ => Value::None,
                    })
                    .collect();
                outs.push(build(self, &object, column, &shape, &outer_first)?);
            }
            return Ok(Value::tuple(outs));
        }
        let vals = ins.into_iter().map(|o| o.items[0].clone()).collect();
        let r = self.call(
            &u.func,
            Args {
                pos: vals,
                kw: vec![],
            },
        )?;
        if nout == 1 {
            return Ok(r);
        }
        match &r {
            Value::Tuple(t) if t.len() as i64 == nout => Ok(r.clone()),
            // `PyUFunc_On_Om` stops at a mismatch and leaves the outputs
            // unset: None.
            _ => Ok(Value::tuple(vec![Value::None; nout as usize])),
        }
    }
}

fn otype_of_char(c: char) -> PyResult<OType> {
    Ok(match c {
        'U' => OType::Text,
        'S' | 'V' | 'O' | 'M' | 'm' => OType::Other(c),
        _ => OType::Dtype(super::dtype_arg::dtype_arg(&Value::str(&c.to_string()))?),
    })
}

/// `np.vectorize(pyfunc, otypes=None, doc=None, excluded=None, cache=False)`.
fn vectorize(s: &mut Session, args: &Args) -> PyResult<Value> {
    let get = |i: usize, name: &str| -> Option<Value> {
        args.pos.get(i).cloned().or_else(|| {
            args.kw
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    };
    let pyfunc = get(0, "pyfunc");
    if let Some(f) = &pyfunc
        && !is_callable(f)
    {
        return Err(PyError::type_error(
            "When used as a decorator, only accepts keyword arguments.",
        ));
    }
    let otypes_v = get(1, "otypes").unwrap_or(Value::None);
    // `self.__doc__ = pyfunc.__doc__` when `doc` is None
    // (`_function_base_impl.py`); a learner's function knows its docstring.
    let doc = match get(2, "doc").unwrap_or(Value::None) {
        Value::None => match &pyfunc {
            Some(f) if !matches!(f, Value::Function(_) | Value::Type(_)) => {
                s.getattr(f, "__doc__").unwrap_or(Value::None)
            }
            _ => Value::None,
        },
        d => d,
    };
    let excluded_v = get(3, "excluded").unwrap_or(Value::None);
    let cache = match get(4, "cache") {
        Some(v) => s.truth_of(&v)?,
        None => false,
    };
    let name = match &pyfunc {
        Some(f) => name_of(s, f),
        None => None,
    };
    const ALL: &str = "?bhilqnpBHILQNPefdgFDGSUVOMm";
    let (otypes, otypes_value) = match &otypes_v {
        Value::None => (None, Value::None),
        Value::Str(text) => {
            let mut out = vec![];
            for c in text.chars() {
                if !ALL.contains(c) {
                    return Err(PyError::value(format!("Invalid otype specified: {c}")));
                }
                out.push(otype_of_char(c)?);
            }
            (Some(out), otypes_v.clone())
        }
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) => {
            let mut out = vec![];
            let mut shown = vec![];
            for x in s.iterate_all(&otypes_v)? {
                if crate::eval::dtype_arg::wants_object(&x) {
                    out.push(OType::Other('O'));
                    shown.push(Value::str("O"));
                    continue;
                }
                let d = super::dtype_arg::dtype_arg(&x)?;
                match d.native() {
                    DType::Str(_) => {
                        out.push(OType::Text);
                        shown.push(Value::str("U"));
                    }
                    DType::Bytes(_) => {
                        out.push(OType::Other('S'));
                        shown.push(Value::str("S"));
                    }
                    DType::Record(_) => {
                        out.push(OType::Other('V'));
                        shown.push(Value::DType(d.clone()));
                    }
                    _ => {
                        out.push(OType::Dtype(d.clone()));
                        shown.push(Value::DType(d.clone()));
                    }
                }
            }
            (Some(out), Value::list(shown))
        }
        _ => return Err(PyError::value("Invalid otype specification")),
    };
    let excluded = match &excluded_v {
        Value::None => vec![],
        other => s.iterate_all(other)?,
    };
    Ok(object(Obj::Vectorize(Vectorize(RefCell::new(VecState {
        pyfunc,
        otypes,
        otypes_value,
        excluded,
        cache,
        doc,
        name,
    })))))
}

/// `v.NAME` for a `numpy.vectorize` object.
pub fn vectorize_attr(v: &Vectorize, name: &str) -> PyResult<Value> {
    let st = v.0.borrow();
    Ok(match name {
        "pyfunc" => st.pyfunc.clone().ok_or_else(|| {
            PyError::new(
                "NotImplementedError",
                "slicelab does not implement np._NoValue",
            )
        })?,
        "otypes" => st.otypes_value.clone(),
        "excluded" => crate::eval::set_table::set_of(st.excluded.clone())?,
        "cache" => Value::Bool(st.cache),
        "signature" => Value::None,
        // NumPy's own functions carry NumPy's docstrings, which slicelab
        // does not hold.
        "__doc__"
            if matches!(st.doc, Value::None)
                && matches!(st.pyfunc, Some(Value::Function(_) | Value::Type(_))) =>
        {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not hold the docstrings of NumPy's and Python's functions",
            ));
        }
        "__doc__" => st.doc.clone(),
        "__name__" if st.name.is_some() => Value::str(st.name.as_deref().unwrap_or_default()),
        _ => return Err(PyError::attribute("vectorize", name)),
    })
}

/// Is `v` a listed excluded argument (`excluded={0, 'y'}`)?
fn excluded(list: &[Value], key: &Value) -> bool {
    list.iter().any(|x| match (x, key) {
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::Bool(a), Value::Int(b)) => (*a as i128) == *b,
        (Value::Str(a), Value::Str(b)) => a == b,
        _ => false,
    })
}

/// A scalar the cast of an object array to a numeric dtype takes as NumPy
/// would (Python numbers, NumPy scalars, numeric text).
fn castable(v: &Value) -> bool {
    matches!(
        v,
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Complex(..) | Value::Str(_)
    ) || matches!(v, Value::NpScalar(d, _) if !matches!(d.native(), DType::Record(_)))
}

/// The `'U'` array of the results' `str()` (its length the longest).
fn build_text(s: &mut Session, list: Vec<Value>, empty: bool) -> PyResult<Value> {
    let flat = Value::list(list);
    if empty {
        s.npk("array", vec![flat], &[("dtype", Value::str("U"))])
    } else {
        s.npc("array", vec![flat])
    }
}

/// `np.asanyarray(outputs, dtype=otype)` of the object results, laid out
/// in the iterator's order.
fn build(
    s: &mut Session,
    otype: &OType,
    vals: Vec<Value>,
    shape: &[usize],
    outer_first: &[usize],
) -> PyResult<Value> {
    let int = |k: i64| Value::Int(k as i128);
    let tup = Value::tuple;
    let list = match otype {
        OType::Other('O') => vals,
        OType::Other(c) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement np.vectorize with otype '{c}' yet"),
            ));
        }
        OType::Dtype(DType::Bool) => {
            let mut out = Vec::with_capacity(vals.len());
            for v in &vals {
                out.push(Value::Bool(s.truth_of(v)?));
            }
            out
        }
        OType::Dtype(d) => {
            let complex_into_real = |v: &Value| {
                !matches!(d.native(), DType::Complex64 | DType::Complex128)
                    && (matches!(v, Value::Complex(..))
                        || matches!(v, Value::NpScalar(t, _) if matches!(t.native(), DType::Complex64 | DType::Complex128)))
            };
            let text_into_complex = |v: &Value| {
                matches!(d.native(), DType::Complex64 | DType::Complex128)
                    && matches!(v, Value::Str(_))
            };
            if vals
                .iter()
                .any(|v| !castable(v) || complex_into_real(v) || text_into_complex(v))
            {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement np.vectorize of a function returning non-scalar values without object arrays",
                ));
            }
            vals
        }
        OType::Text => {
            let mut out = Vec::with_capacity(vals.len());
            for v in &vals {
                out.push(match v {
                    Value::Str(_) => v.clone(),
                    other => Value::str(&s.py_str(other)?),
                });
            }
            out
        }
    };
    let empty = list.is_empty();
    let arr = match otype {
        // Element by element, as the object cast stores each one
        // (`setitem`: `-1` into uint8 is an OverflowError, `2.7` into int
        // is 2).
        OType::Dtype(d) => {
            let n = int(list.len() as i64);
            let arr = s.npk("empty", vec![n], &[("dtype", Value::DType(d.clone()))])?;
            for (i, v) in list.iter().enumerate() {
                crate::engine::interrupt::check().map_err(PyError::from)?;
                // Into an integer dtype a float goes through `int()` first,
                // then the range check (`-1.5` into uint8 is -1: an
                // OverflowError, never a wrapped 255).
                let v = match v {
                    Value::Float(f) if d.is_integer() && f.is_finite() && f.abs() < 1e38 => {
                        Value::Int(f.trunc() as i128)
                    }
                    other => other.clone(),
                };
                s.set_at(&arr, int(i as i64), &v)?;
            }
            arr
        }
        OType::Other('O') => Value::Array(crate::eval::convert::from_values(&[list.len()], &list)?),
        _ => build_text(s, list, empty)?,
    };
    let permuted: Vec<Value> = outer_first
        .iter()
        .map(|&ax| int(shape[ax] as i64))
        .collect();
    let arr = s.mcall(&arr, "reshape", vec![tup(permuted)], &[])?;
    if outer_first.iter().enumerate().all(|(i, &ax)| i == ax) {
        return Ok(arr);
    }
    let mut inverse = vec![0usize; outer_first.len()];
    for (i, &ax) in outer_first.iter().enumerate() {
        inverse[ax] = i;
    }
    let back = tup(inverse.into_iter().map(|k| int(k as i64)).collect());
    let view = s.npc("transpose", vec![arr, back])?;
    s.mcall(&view, "copy", vec![], &[("order", Value::str("K"))])
}

impl Session {
    /// Calling a `numpy.vectorize` object (`vectorize.__call__`).
    pub(super) fn call_vectorize(
        &mut self,
        me: &Value,
        v: &Vectorize,
        args: Args,
    ) -> PyResult<Value> {
        let pending = v.0.borrow().pyfunc.is_none();
        if pending {
            // `_init_stage_2`: the decorator form gets its function.
            let f = args.pos.first().cloned().ok_or_else(|| {
                PyError::type_error(
                    "vectorize._init_stage_2() missing 1 required positional argument: 'pyfunc'",
                )
            })?;
            let name = name_of(self, &f);
            let mut st = v.0.borrow_mut();
            st.name = name;
            st.pyfunc = Some(f);
            return Ok(me.clone());
        }
        let (pyfunc, excl, otypes, cache) = {
            let st = v.0.borrow();
            (
                st.pyfunc.clone().unwrap_or(Value::None),
                st.excluded.clone(),
                st.otypes.clone(),
                st.cache,
            )
        };
        // `_call_as_normal`: the wrapper that passes excluded arguments
        // through unchanged.
        let plain = args.kw.is_empty() && excl.is_empty();
        let names: Vec<String> = args
            .kw
            .iter()
            .filter(|(k, _)| !excluded(&excl, &Value::str(k)))
            .map(|(k, _)| k.clone())
            .collect();
        let inds: Vec<usize> = (0..args.pos.len())
            .filter(|&i| !excluded(&excl, &Value::Int(i as i128)))
            .collect();
        let vargs: Vec<Value> = if plain {
            args.pos.clone()
        } else {
            let mut va: Vec<Value> = inds.iter().map(|&i| args.pos[i].clone()).collect();
            for n in &names {
                if let Some((_, x)) = args.kw.iter().find(|(k, _)| k == n) {
                    va.push(x.clone());
                }
            }
            va
        };
        let the_args = RefCell::new(args.pos.clone());
        let kwargs = RefCell::new(args.kw.clone());
        let call_func = |s: &mut Session, vals: Vec<Value>| -> PyResult<Value> {
            if plain {
                return s.call(
                    &pyfunc,
                    Args {
                        pos: vals,
                        kw: vec![],
                    },
                );
            }
            let mut ta = the_args.borrow_mut();
            for (n, &i) in inds.iter().enumerate() {
                if let Some(x) = vals.get(n) {
                    ta[i] = x.clone();
                }
            }
            let mut kw = kwargs.borrow_mut();
            for (k, name) in names.iter().enumerate() {
                if let Some(x) = vals.get(inds.len() + k) {
                    match kw.iter_mut().find(|(key, _)| key == name) {
                        Some(slot) => slot.1 = x.clone(),
                        None => kw.push((name.clone(), x.clone())),
                    }
                }
            }
            let a = Args {
                pos: ta.clone(),
                kw: kw.clone(),
            };
            drop(ta);
            drop(kw);
            s.call(&pyfunc, a)
        };
        // `_vectorize_call`.
        if vargs.is_empty() {
            return call_func(self, vec![]);
        }
        let mut cached: Option<Value> = None;
        let (otypes, nout) = match otypes {
            Some(o) => {
                let n = o.len();
                (o, n)
            }
            None => {
                let mut firsts = vec![];
                let mut arrays = vec![];
                for a in &vargs {
                    // `np.asarray(None).flat[0]` is None itself: what an
                    // object array holds comes back unchanged.
                    arrays.push(if held_as_object(a) {
                        None
                    } else {
                        Some(self.npc("asarray", vec![a.clone()])?)
                    });
                }
                for a in arrays.iter().flatten() {
                    if let Value::Array(x) = a
                        && x.size() == 0
                    {
                        return Err(PyError::value(
                            "cannot call `vectorize` on size 0 inputs unless `otypes` is set",
                        ));
                    }
                }
                for (a, v) in arrays.iter().zip(&vargs) {
                    match a {
                        Some(a) => {
                            let fl = self.getattr(a, "flat")?;
                            let first = self.at(&fl, Value::Int(0))?;
                            // NumPy's `np.str_`/`np.bytes_` are `str`/`bytes`
                            // subclasses; slicelab's text scalars lack the
                            // `str` methods, so the probe gets the plain
                            // value (its type is the one thing that
                            // differs, so a cached probe is refused).
                            firsts.push(match &first {
                                Value::NpScalar(d, x)
                                    if matches!(d.native(), DType::Str(_) | DType::Bytes(_)) =>
                                {
                                    if cache {
                                        return Err(PyError::new(
                                            "NotImplementedError",
                                            "slicelab does not implement np.vectorize(cache=True) on text inputs",
                                        ));
                                    }
                                    crate::eval::convert::scalar_to_py(d, x)
                                }
                                _ => first,
                            });
                        }
                        None => firsts.push(v.clone()),
                    }
                }
                let outputs = call_func(self, firsts)?;
                let outs: Vec<Value> = match &outputs {
                    Value::Tuple(t) => t.as_ref().clone(),
                    other => vec![other.clone()],
                };
                let mut ot = vec![];
                for o in &outs {
                    let a = self.npc("asarray", vec![o.clone()])?;
                    let Value::Array(a) = a else {
                        return Err(object_arrays());
                    };
                    let c = match a.dtype().native() {
                        DType::Str(_) => 'U',
                        DType::Bytes(_) => 'S',
                        DType::Record(_) => 'V',
                        _ => '-',
                    };
                    ot.push(if c == '-' {
                        OType::Dtype(a.dtype().native())
                    } else {
                        otype_of_char(c)?
                    });
                }
                if cache {
                    cached = Some(outputs);
                }
                let n = ot.len();
                (ot, n)
            }
        };
        if nout == 0 {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement np.vectorize of a function with no outputs",
            ));
        }
        let ins = vargs.iter().map(to_objects).collect::<PyResult<Vec<_>>>()?;
        let (shape, outer_first, results) = run_loop(self, &ins, |s, vals| {
            let r = match cached.take() {
                Some(r) => r,
                None => call_func(s, vals)?,
            };
            if nout > 1 && !matches!(&r, Value::Tuple(t) if t.len() == nout) {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement a vectorized function returning the wrong number of outputs",
                ));
            }
            if nout == 1 && matches!(r, Value::Tuple(_)) {
                return Err(object_arrays());
            }
            Ok(r)
        })?;
        if nout == 1 {
            return build(self, &otypes[0], results, &shape, &outer_first);
        }
        let mut columns: Vec<Vec<Value>> = vec![Vec::with_capacity(results.len()); nout];
        for r in &results {
            if let Value::Tuple(t) = r {
                for (c, x) in columns.iter_mut().zip(t.iter()) {
                    c.push(x.clone());
                }
            }
        }
        let mut outs = vec![];
        for (ot, col) in otypes.iter().zip(columns) {
            outs.push(build(self, ot, col, &shape, &outer_first)?);
        }
        Ok(Value::tuple(outs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(shape: &[usize], strides: &[isize]) -> ObjIn {
        ObjIn {
            shape: shape.to_vec(),
            strides: strides.to_vec(),
            items: vec![],
        }
    }

    #[test]
    fn keep_order_follows_memory() {
        assert_eq!(keep_order(&[2, 3], &[24, 8]), vec![0, 1]);
        assert_eq!(keep_order(&[3, 2], &[8, 24]), vec![1, 0]);
        assert_eq!(keep_order(&[3, 2, 4], &[32, 96, 8]), vec![1, 0, 2]);
    }

    #[test]
    fn iteration_order_c_wins_conflicts() {
        // An F-ordered input alone is walked in memory order...
        let f = input(&[2, 3], &strides_for(&[2, 3], &[1, 0]));
        assert_eq!(iteration_order(&[f], &[2, 3]), vec![0, 1]);
        // ...but against a C-ordered one, C order wins.
        let f = input(&[2, 3], &strides_for(&[2, 3], &[1, 0]));
        let c = input(&[2, 3], &strides_for(&[2, 3], &[0, 1]));
        assert_eq!(iteration_order(&[f, c], &[2, 3]), vec![1, 0]);
    }
}
