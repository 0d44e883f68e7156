//! Building and reshaping routines (issue 17 item 1): `append`, `pad`
//! (in [`super::pad`]), `block` (in [`super::block_arrays`]), `resize`, `meshgrid`, `tri`/`tril`/`triu`,
//! `vander`, `fromiter`, `fromfunction`, `logspace`, `geomspace`.
//! Each follows the Python source of `numpy.lib`/`numpy._core` step by
//! step, so values, dtypes, views/copies and messages come out as NumPy's.

use super::convert::{to_array, to_scalar_for};
use super::dtype_arg::dtype_arg;
use super::error::{PyError, PyResult};
use super::ops::numpy_binary;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::kernels::BinaryOp;
use crate::engine::promote::promote_types;
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Order, Scalar, buffer, kernels};
use crate::eval::args::Args;
use crate::eval::coerce::{float_arg, int_arg, shape_arg};
use crate::eval::convert::as_array;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::reshaping::{broadcast_to, concatenate, reshape};
use crate::eval::session::Session;

/// This module's registry entries (`registry::tables`); the name each
/// answers to is the text before `(`.
pub const ENTRIES: &[Entry] = &[
    func(
        "append(arr, values, axis=None)",
        Style::Python,
        "arr values axis",
        Writes::Nothing,
    ),
    func(
        "pad(array, pad_width, mode='constant', **kwargs)",
        Style::Python,
        "array pad_width mode kwargs",
        Writes::Nothing,
    ),
    func("block(arrays)", Style::Python, "arrays", Writes::Nothing),
    func(
        "resize(a, new_shape)",
        Style::Python,
        "a new_shape",
        Writes::Nothing,
    ),
    func(
        "meshgrid(*xi, copy=True, sparse=False, indexing='xy')",
        Style::Python,
        "xi copy sparse indexing",
        Writes::Nothing,
    ),
    func(
        "tri(N, M=None, k=0, dtype=<class 'float'>, *, like=None)",
        Style::Python,
        "N M k dtype",
        Writes::Nothing,
    ),
    func("tril(m, k=0)", Style::Python, "m k", Writes::Nothing),
    func("triu(m, k=0)", Style::Python, "m k", Writes::Nothing),
    func(
        "vander(x, N=None, increasing=False)",
        Style::Python,
        "x N increasing",
        Writes::Nothing,
    ),
    func(
        "fromiter(iter, dtype, count=-1, *, like=None)",
        Style::CArgs { named: true },
        "iter dtype count",
        Writes::Nothing,
    ),
    func(
        "fromfunction(function, shape, *, dtype=<class 'float'>, like=None, **kwargs)",
        Style::Python,
        "function shape dtype kwargs",
        Writes::Nothing,
    ),
    func(
        "logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)",
        Style::Python,
        "start stop num endpoint base dtype axis",
        Writes::Nothing,
    ),
    func(
        "geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0)",
        Style::Python,
        "start stop num endpoint dtype axis",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module implement `np.NAME`?
pub fn handles(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call `np.NAME` (one of [`ENTRIES`]) with the registry's canonical args.
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let req = |i: usize, p: &str| args.req(i, p, name);
    Ok(match name {
        "append" => Value::Array(append(req(0, "arr")?, req(1, "values")?, args.kw("axis"))?),
        "pad" => Value::Array(super::pad::pad(s, args)?),
        "block" => Value::Array(super::block_arrays::block(req(0, "arrays")?)?),
        "resize" => Value::Array(resize(req(0, "a")?, req(1, "new_shape")?)?),
        "meshgrid" => meshgrid(args)?,
        "tri" => Value::Array(tri_call(args)?),
        "tril" | "triu" => {
            let k = args.kw("k").cloned().unwrap_or(Value::Int(0));
            Value::Array(tril_triu(req(0, "m")?, &k, name == "tril")?)
        }
        "vander" => Value::Array(vander(args)?),
        "fromiter" => Value::Array(fromiter(s, args)?),
        "fromfunction" => fromfunction(s, args)?,
        "logspace" => Value::Array(logspace(s, args)?),
        "geomspace" => Value::Array(geomspace(s, args)?),
        _ => unreachable!("np.{name} is not in shapes::ENTRIES"),
    })
}

/// `np.append`: `concatenate((arr, values), axis)`, both flattened when
/// `axis` is None — always a new array.
fn append(arr: &Value, values: &Value, axis: Option<&Value>) -> PyResult<ArrayRef> {
    let a = as_array(arr)?;
    let v = as_array(values)?;
    match axis {
        None | Some(Value::None) => {
            let a = reshape(&a, &Value::Int(-1), Order::C)?;
            let v = reshape(&v, &Value::Int(-1), Order::C)?;
            concatenate(&[a, v], Some(0))
        }
        Some(ax) => {
            let ax = int_arg(ax, "")?;
            let nd = a.ndim().max(1);
            let axis = normalize_axis(ax, nd)?;
            concatenate(&[a, v], Some(axis))
        }
    }
}

/// `np.resize(a, new_shape)`: the flattened data repeated to fill the new
/// size. As NumPy builds it, the result is a reshaped slice of the repeated
/// data, so its `.base` is that repetition (zeros when either is empty).
fn resize(a: &Value, new_shape: &Value) -> PyResult<ArrayRef> {
    let a = reshape(&as_array(a)?, &Value::Int(-1), Order::C)?;
    let dims: Vec<i64> = match new_shape {
        Value::Int(_) | Value::Bool(_) | Value::NpScalar(..) => vec![int_arg(new_shape, "")?],
        other => iterate(other)?
            .iter()
            .map(|d| int_arg(d, ""))
            .collect::<PyResult<_>>()?,
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(PyError::value(
            "all elements of `new_shape` must be non-negative",
        ));
    }
    let shape: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    let new_size = crate::engine::layout::checked_size(&shape)
        .ok_or(crate::engine::EngineError::ArrayTooBig)?;
    if a.size() == 0 || new_size == 0 {
        return Ok(NdArray::zeros(&shape, a.dtype().clone())?);
    }
    let repeats = new_size.div_ceil(a.size());
    buffer::ensure_room(
        &[repeats * a.size()],
        a.dtype().itemsize(),
        &a.dtype().name(),
        0,
    )?;
    let whole = concatenate(&vec![a; repeats], Some(0))?;
    let head = slice_view(&whole, 0, 0, new_size)?;
    let shape_v = Value::tuple(shape.iter().map(|&d| Value::Int(d as i128)).collect());
    reshape(&head, &shape_v, Order::C)
}

/// `a[..., lo:hi, ...]` along `axis`: a view.
pub(super) fn slice_view(a: &ArrayRef, axis: usize, lo: usize, hi: usize) -> PyResult<ArrayRef> {
    let mut items = vec![IndexItem::Slice(None, None, None); a.ndim()];
    items[axis] = IndexItem::Slice(Some(lo as i64), Some(hi as i64), None);
    match index::get(a, &items)? {
        Indexed::Array(v) => Ok(v),
        Indexed::Scalar(_) => unreachable!("a slice keeps its dimensions"),
    }
}

/// `np.meshgrid`: each input flattened and reshaped to lie along its own
/// axis (the first two swapped for `indexing='xy'`); broadcast against
/// each other unless `sparse`; copied unless `copy=False` (then the full
/// grids are read-only broadcast views).
fn meshgrid(args: &Args) -> PyResult<Value> {
    let indexing = match args.kw("indexing") {
        None => "xy".to_string(),
        Some(Value::Str(s)) if s.as_ref() == "xy" || s.as_ref() == "ij" => s.to_string(),
        Some(_) => {
            return Err(PyError::value(
                "Valid values for `indexing` are 'xy' and 'ij'.",
            ));
        }
    };
    let copy = args.kw("copy").map(truthy).transpose()?.unwrap_or(true);
    let sparse = args.kw("sparse").map(truthy).transpose()?.unwrap_or(false);
    let n = args.pos.len();
    let mut out = Vec::with_capacity(n);
    for (i, x) in args.pos.iter().enumerate() {
        let mut shape = vec![Value::Int(1); n];
        let mut along = i;
        if indexing == "xy" && n > 1 && i < 2 {
            along = 1 - i;
        }
        shape[along] = Value::Int(-1);
        out.push(reshape(&as_array(x)?, &Value::tuple(shape), Order::C)?);
    }
    if !sparse && n > 0 {
        let shapes: Vec<Vec<usize>> = out.iter().map(|a| a.shape()).collect();
        let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
        let full = crate::engine::broadcast::broadcast_shapes_or_err(&refs)?;
        // NumPy's broadcast_arrays views report writeable (writing them
        // only warns), unlike broadcast_to's.
        out = out
            .iter()
            .map(|a| {
                let l = crate::engine::broadcast::broadcast_layout(&a.layout(), &full);
                NdArray::view_with(a, l)
            })
            .collect();
    }
    if copy {
        out = out
            .iter()
            .map(|a| a.copy(Order::C))
            .collect::<Result<_, _>>()?;
    }
    let items = out.into_iter().map(Value::Array).collect();
    // NumPy hands back its list untouched for sparse views; every other
    // path ends in a tuple.
    Ok(if sparse && !copy {
        Value::list(items)
    } else {
        Value::tuple(items)
    })
}

/// `np.tri(N, M=None, k=0, dtype=float)`.
fn tri_call(args: &Args) -> PyResult<ArrayRef> {
    let n = args.req(0, "N", "tri")?;
    let m = match args.kw("M") {
        None | Some(Value::None) => n,
        Some(v) => v,
    };
    let k = args.kw("k").cloned().unwrap_or(Value::Int(0));
    let dtype = match args.kw("dtype") {
        None => DType::Float64,
        Some(d) => dtype_arg(d)?,
    };
    let diag = Diagonal::of(&k)?;
    let rows = arange_len(float_arg(n)?, 0.0);
    let cols = arange_len(float_arg(m)? - diag.k, -diag.k);
    buffer::ensure_room(&[rows, cols], 1, "bool", std::mem::size_of::<Scalar>())?;
    let vals: Vec<Scalar> = (0..rows)
        .flat_map(|i| (0..cols).map(move |j| Scalar::Bool(diag.below(i, j))))
        .collect();
    let mask = NdArray::from_scalars(&[rows, cols], DType::Bool, &vals)?;
    Ok(kernels::cast(&mask, &dtype)?)
}

/// The length of `np.arange(start, stop)`.
fn arange_len(stop: f64, start: f64) -> usize {
    let n = (stop - start).ceil();
    if n.is_nan() || n <= 0.0 {
        0
    } else {
        n as usize
    }
}

/// NumPy's triangle mask `i >= arange(-k, M - k)[j]`: that `arange` runs
/// in an integer dtype, so its values are `t0 + j * (t1 - t0)` with the
/// first two values truncated (a fractional `k` is not `floor(k)`).
#[derive(Clone, Copy)]
struct Diagonal {
    k: f64,
    t0: i128,
    step: i128,
}

impl Diagonal {
    fn of(k: &Value) -> PyResult<Diagonal> {
        Ok(match k {
            Value::Float(_) | Value::NpScalar(DType::Float64 | DType::Float32, _) => {
                let f = float_arg(k)?;
                Diagonal {
                    k: f,
                    t0: (-f).trunc() as i128,
                    step: (-f + 1.0).trunc() as i128 - (-f).trunc() as i128,
                }
            }
            other => {
                let k = int_arg(other, "")?;
                Diagonal {
                    k: k as f64,
                    t0: -(k as i128),
                    step: 1,
                }
            }
        })
    }

    /// Is `(i, j)` on or below the diagonal?
    fn below(&self, i: usize, j: usize) -> bool {
        i as i128 >= self.t0 + j as i128 * self.step
    }

    /// How many leading columns of row `i` (of `cols`) are on or below it.
    fn kept(&self, i: usize, cols: usize) -> usize {
        (0..cols).take_while(|&j| self.below(i, j)).count()
    }
}

/// `np.tril`/`np.triu` on the last two axes (a 1-d input is first
/// broadcast to a square, as NumPy's `where(mask, m, 0)` does).
fn tril_triu(m: &Value, k: &Value, lower: bool) -> PyResult<ArrayRef> {
    let m = as_array(m)?;
    let shape = m.shape();
    if shape.is_empty() {
        return Err(PyError::type_error(
            "tri() missing 1 required positional argument: 'N'",
        ));
    }
    // triu keeps what `tri(k=k - 1)` does not.
    let diag = if lower {
        Diagonal::of(k)?
    } else {
        match k {
            Value::Float(f) => Diagonal::of(&Value::Float(f - 1.0))?,
            other => Diagonal::of(&Value::Int(int_arg(other, "")? as i128 - 1))?,
        }
    };
    let rows = if shape.len() == 1 {
        shape[0]
    } else {
        shape[shape.len() - 2]
    };
    let cols = shape[shape.len() - 1];
    let mut out_shape = shape.clone();
    if shape.len() == 1 {
        out_shape.insert(0, rows);
    }
    let src = broadcast_to(&m, &out_shape)?;
    let out = NdArray::zeros(&out_shape, m.dtype().clone())?;
    for i in 0..rows {
        let kept = diag.kept(i, cols);
        let (lo, hi) = if lower { (0, kept) } else { (kept, cols) };
        if lo >= hi {
            continue;
        }
        let items = [
            IndexItem::Ellipsis,
            IndexItem::Int(i as i64),
            IndexItem::Slice(Some(lo as i64), Some(hi as i64), None),
        ];
        let Indexed::Array(part) = index::get(&src, &items)? else {
            unreachable!("a slice keeps a dimension")
        };
        index::set(&out, &items, &part)?;
    }
    Ok(out)
}

/// `np.vander(x, N=None, increasing=False)`: columns are powers of `x`,
/// built by running products in `promote_types(x.dtype, int)`.
fn vander(args: &Args) -> PyResult<ArrayRef> {
    let x = as_array(args.req(0, "x", "vander")?)?;
    if x.ndim() != 1 {
        return Err(PyError::value(
            "x must be a one-dimensional array or sequence.",
        ));
    }
    let len = x.shape()[0];
    let n = match args.kw("N") {
        None | Some(Value::None) => len as i64,
        Some(v) => int_arg(v, "")?,
    };
    if n < 0 {
        return Err(PyError::value("negative dimensions are not allowed"));
    }
    let n = n as usize;
    let increasing = args
        .kw("increasing")
        .map(truthy)
        .transpose()?
        .unwrap_or(false);
    let dt = promote_types(x.dtype(), &DType::Int64)
        .ok_or_else(|| PyError::type_error("vander: no common dtype with int"))?;
    buffer::ensure_room(
        &[len, n],
        dt.itemsize(),
        &dt.name(),
        std::mem::size_of::<Scalar>(),
    )?;
    let xs = kernels::cast(&x, &dt)?.to_scalars();
    let mut vals = vec![Scalar::Int(0); len * n];
    for (r, xv) in xs.iter().enumerate() {
        let mut p = one_of(xv);
        for c in 0..n {
            let col = if increasing { c } else { n - 1 - c };
            vals[r * n + col] = p.clone();
            p = mul(&p, xv);
        }
    }
    Ok(NdArray::from_scalars(&[len, n], dt, &vals)?)
}

/// The multiplicative one in `x`'s scalar kind.
fn one_of(x: &Scalar) -> Scalar {
    match x {
        Scalar::Float(_) => Scalar::Float(1.0),
        Scalar::Complex(..) => Scalar::Complex(1.0, 0.0),
        Scalar::UInt(_) => Scalar::UInt(1),
        _ => Scalar::Int(1),
    }
}

/// `a * b` with the wrap-around of fixed-width integers.
fn mul(a: &Scalar, b: &Scalar) -> Scalar {
    match (a, b) {
        (Scalar::Int(p), Scalar::Int(q)) => Scalar::Int(p.wrapping_mul(*q)),
        (Scalar::UInt(p), Scalar::UInt(q)) => Scalar::UInt(p.wrapping_mul(*q)),
        (Scalar::Float(p), Scalar::Float(q)) => Scalar::Float(p * q),
        (Scalar::Complex(ar, ai), Scalar::Complex(br, bi)) => {
            Scalar::Complex(ar * br - ai * bi, ar * bi + ai * br)
        }
        (p, _) => p.clone(),
    }
}

/// `np.fromiter(iter, dtype, count=-1)`: one element per item, each
/// converted as assigning it to an element would.
fn fromiter(s: &mut Session, args: &Args) -> PyResult<ArrayRef> {
    let dtype = dtype_arg(args.req(1, "dtype", "fromiter")?)?;
    let count = args
        .kw("count")
        .map(|v| int_arg(v, ""))
        .transpose()?
        .unwrap_or(-1);
    // An endless iterator with a count is read only as far as needed.
    let limit = match count {
        -1 => None,
        c => Some(usize::try_from(c).unwrap_or(0)),
    };
    let items = s.take_items(args.req(0, "iter", "fromiter")?, limit)?;
    // NumPy's loop reads while `i < count || count == -1`: any other
    // negative count reads nothing.
    let take = if count == -1 {
        items.len()
    } else if count < 0 {
        0
    } else {
        let want = count as usize;
        if items.len() < want {
            return Err(PyError::value(format!(
                "iterator too short: Expected {want} but iterator had only {} items.",
                items.len()
            )));
        }
        want
    };
    let mut vals = Vec::with_capacity(take);
    for item in &items[..take] {
        vals.push(match item {
            Value::List(_) | Value::Tuple(_) => sequence_item(item, &dtype)?,
            Value::Array(a) if a.ndim() > 0 => {
                return Err(PyError::value("setting an array element with a sequence."));
            }
            _ => to_scalar_for(item, &dtype)?,
        });
    }
    Ok(NdArray::from_scalars(&[take], dtype, &vals)?)
}

/// A list or tuple given where `fromiter` wants one element: each dtype
/// kind answers as its Python conversion does (`bool` takes truthiness).
fn sequence_item(item: &Value, dtype: &DType) -> PyResult<Scalar> {
    let tname = item.type_name();
    Err(match dtype.kind() {
        Kind::Bool => return Ok(Scalar::Bool(truthy(item)?)),
        Kind::Int | Kind::UInt => PyError::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{tname}'"
        )),
        Kind::Complex => PyError::type_error(format!("must be real number, not {tname}")),
        Kind::Float => PyError::value("setting an array element with a sequence."),
        Kind::Str | Kind::Bytes => PyError::value("setting an array element with a sequence"),
        _ => PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.fromiter does not fill {} from sequences",
                dtype.name()
            ),
        ),
    })
}

/// `np.fromfunction(function, shape, dtype=float, **kwargs)`: calls the
/// function once with one index array per axis (`np.indices(shape)`) and
/// returns whatever it returns.
fn fromfunction(s: &mut Session, args: &Args) -> PyResult<Value> {
    let f = args.req(0, "function", "fromfunction")?.clone();
    // `np.indices(shape)` iterates the shape: a bare int is refused.
    let shape_v = args.req(1, "shape", "fromfunction")?;
    iterate(shape_v)?;
    let shape = shape_arg(shape_v, None)?;
    let dtype = match args.kw("dtype") {
        None => DType::Float64,
        Some(d) => dtype_arg(d)?,
    };
    let each = std::mem::size_of::<Scalar>();
    let size = crate::engine::layout::checked_size(&shape)
        .ok_or(crate::engine::EngineError::ArrayTooBig)?;
    buffer::ensure_room(&[size, shape.len()], dtype.itemsize(), &dtype.name(), each)?;
    let mut grids = Vec::with_capacity(shape.len());
    for axis in 0..shape.len() {
        let inner: usize = shape[axis + 1..].iter().product();
        let vals: Vec<Scalar> = (0..size)
            .map(|flat| Scalar::Int(((flat / inner.max(1)) % shape[axis]) as i64))
            .collect();
        let g = NdArray::from_scalars(&shape, DType::Int64, &vals)?;
        grids.push(Value::Array(kernels::cast(&g, &dtype)?));
    }
    let known = ["function", "shape", "dtype", "like"];
    let kw = args
        .kw
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .cloned()
        .collect();
    s.call(&f, Args { pos: grids, kw })
}

/// `np.logspace`: `base ** linspace(start, stop, num, endpoint, axis)`,
/// cast to `dtype` as `astype` casts.
fn logspace(s: &mut Session, args: &Args) -> PyResult<ArrayRef> {
    let y = linspace_of(s, args)?;
    let base = args.kw("base").cloned().unwrap_or(Value::Float(10.0));
    if matches!(base, Value::Array(_) | Value::List(_) | Value::Tuple(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.logspace takes a scalar base",
        ));
    }
    let p = as_array(&numpy_binary(BinaryOp::Pow, &base, &Value::Array(y))?)?;
    astype_opt(p, args.kw("dtype"))
}

/// `np.linspace(start, stop, num, endpoint, axis)` from this call's
/// arguments.
fn linspace_of(s: &mut Session, args: &Args) -> PyResult<ArrayRef> {
    let mut kw = vec![
        (
            "start".to_string(),
            args.req(0, "start", "linspace")?.clone(),
        ),
        ("stop".to_string(), args.req(1, "stop", "linspace")?.clone()),
    ];
    for p in ["num", "endpoint", "axis"] {
        if let Some(v) = args.kw(p) {
            kw.push((p.to_string(), v.clone()));
        }
    }
    as_array(&s.call_function("np.linspace", Args { pos: vec![], kw })?)
}

/// `a.astype(dtype, copy=False)` when a dtype is given.
fn astype_opt(a: ArrayRef, dtype: Option<&Value>) -> PyResult<ArrayRef> {
    match dtype {
        None | Some(Value::None) => Ok(a),
        Some(d) => {
            let dt = dtype_arg(d)?;
            if &dt == a.dtype() {
                Ok(a)
            } else {
                Ok(kernels::cast(&a, &dt)?)
            }
        }
    }
}

/// `np.geomspace`: NumPy's recipe step by step in the session's own
/// operations, so array ends, complex values and every dtype come out as
/// NumPy's — both ends cast to the result type of the ends, `float(num)`
/// and `dtype`, rotated by the start's sign onto the positive reals,
/// `logspace` of their base-10 logarithms, the ends pinned to the exact
/// (rotated) start and stop, rotated back, then cast to `dtype`.
fn geomspace(s: &mut Session, args: &Args) -> PyResult<ArrayRef> {
    use crate::syntax::ast::{BinOp, CmpOp};
    let call = |s: &mut Session, f: &str, pos: Vec<Value>, kw: Vec<(&str, Value)>| s.np(f, pos, kw);
    let start = call(
        s,
        "asanyarray",
        vec![args.req(0, "start", "geomspace")?.clone()],
        vec![],
    )?;
    let stop = call(
        s,
        "asanyarray",
        vec![args.req(1, "stop", "geomspace")?.clone()],
        vec![],
    )?;
    for end in [&start, &stop] {
        let zero = s.compare(CmpOp::Eq, end, &Value::Int(0))?;
        let any = call(s, "any", vec![zero], vec![])?;
        if s.truth_of(&any)? {
            return Err(PyError::value("Geometric sequence cannot include zero"));
        }
    }
    let num = args.kw("num").cloned().unwrap_or(Value::Int(50));
    let endpoint = args.kw("endpoint").cloned().unwrap_or(Value::Bool(true));
    let dtype = args.kw("dtype").cloned().unwrap_or(Value::None);
    let zeros = call(
        s,
        "zeros",
        vec![Value::tuple(vec![])],
        vec![("dtype", dtype.clone())],
    )?;
    let dt = call(
        s,
        "result_type",
        vec![
            start.clone(),
            stop.clone(),
            Value::Float(float_arg(&num)?),
            zeros,
        ],
        vec![],
    )?;
    let cast = |s: &mut Session, v: &Value, to: &Value, copy: bool| -> PyResult<Value> {
        let astype = s.getattr(v, "astype")?;
        s.call(
            &astype,
            Args {
                pos: vec![to.clone()],
                kw: vec![("copy".into(), Value::Bool(copy))],
            },
        )
    };
    let start = cast(s, &start, &dt, true)?;
    let stop = cast(s, &stop, &dt, true)?;
    let out_sign = call(s, "sign", vec![start.clone()], vec![])?;
    let start = s.binary(BinOp::Div, &start, &out_sign)?;
    let stop = s.binary(BinOp::Div, &stop, &out_sign)?;
    let log_start = call(s, "log10", vec![start.clone()], vec![])?;
    let log_stop = call(s, "log10", vec![stop.clone()], vec![])?;
    let result = call(
        s,
        "logspace",
        vec![log_start, log_stop],
        vec![
            ("num", num.clone()),
            ("endpoint", endpoint.clone()),
            ("base", Value::Float(10.0)),
            ("dtype", dt.clone()),
        ],
    )?;
    let n = int_arg(&num, "")?;
    if n > 0 {
        s.setitem(&result, &Value::Int(0), &start)?;
        if n > 1 && truthy(&endpoint)? {
            s.setitem(&result, &Value::Int(-1), &stop)?;
        }
    }
    let mut result = s.binary(BinOp::Mul, &result, &out_sign)?;
    if let Some(axis) = args.kw("axis")
        && !matches!(axis, Value::Int(0))
    {
        result = call(
            s,
            "moveaxis",
            vec![result, Value::Int(0), axis.clone()],
            vec![],
        )?;
    }
    let to = if matches!(dtype, Value::None) {
        dt
    } else {
        dtype
    };
    as_array(&cast(s, &result, &to, false)?)
}

/// `np.repeat(a, repeats, axis=None)`: each element (or each slice along
/// `axis`) repeated, by one count or one count per element — a new array
/// gathered along the axis.
pub(super) fn repeat(args: &Args) -> PyResult<ArrayRef> {
    let mut a = as_array(args.req(0, "a", "repeat")?)?;
    let axis = match args.kw("axis") {
        None | Some(Value::None) => {
            a = reshape(&a, &Value::Int(-1), Order::C)?;
            0
        }
        Some(v) => {
            let (viewed, k) = super::coerce::checked_axis(&a, v)?;
            a = viewed;
            k
        }
    };
    let counts = to_array(args.req(1, "repeats", "repeat")?, None)?;
    if counts.ndim() > 1 {
        return Err(PyError::value(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
        ));
    }
    let counts: Vec<i64> = kernels::cast(&counts, &DType::Int64)?
        .to_scalars()
        .iter()
        .map(|c| match c {
            Scalar::Int(i) => *i,
            _ => 0,
        })
        .collect();
    let n = a.shape()[axis];
    // One count stands for every slice.
    let per: Vec<i64> = if counts.len() == 1 {
        if counts[0] < 0 {
            return Err(PyError::value("negative dimensions are not allowed"));
        }
        counts
    } else if counts.len() != n {
        return Err(PyError::value(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            counts.len()
        )));
    } else if counts.iter().any(|&c| c < 0) {
        return Err(PyError::value("repeats may not contain negative values."));
    } else {
        counts
    };
    let per: Vec<usize> = per.into_iter().map(|c| c as usize).collect();
    Ok(crate::engine::replicate::repeat(&a, axis, &per)?)
}

/// `np.clip(a, a_min, a_max, *, min=, max=)`: NumPy 2's rules for which
/// bounds count — `a_min` and `a_max` come together or not at all, and
/// `min=`/`max=` may only stand in for them. No bound gives a copy.
pub(super) fn clip(args: &Args) -> PyResult<Value> {
    let a = args.req(0, "a", "clip")?.clone();
    let (lo, hi) = match (args.kw("a_min"), args.kw("a_max")) {
        (Some(_), None) => {
            return Err(PyError::type_error(
                "clip() missing 1 required positional argument: 'a_max'",
            ));
        }
        (None, Some(_)) => {
            return Err(PyError::type_error(
                "clip() missing 1 required positional argument: 'a_min'",
            ));
        }
        (Some(lo), Some(hi)) => {
            if args.kw("min").is_some() || args.kw("max").is_some() {
                return Err(PyError::value(
                    "Passing `min` or `max` keyword argument when `a_min` and `a_max` are provided is forbidden.",
                ));
            }
            (lo.clone(), hi.clone())
        }
        (None, None) => (
            args.kw("min").cloned().unwrap_or(Value::None),
            args.kw("max").cloned().unwrap_or(Value::None),
        ),
    };
    let out = match args.kw("out") {
        None | Some(Value::None) => None,
        Some(Value::Array(o)) => Some(o.clone()),
        Some(_) => return Err(PyError::type_error("return arrays must be of ArrayType")),
    };
    // `_clip`: on an integer array a Python-int bound at or past the
    // dtype's range is dropped (NEP 50 would refuse to convert it).
    let (lo, hi) = match as_array(&a)?.dtype() {
        d if matches!(d.kind(), Kind::Int | Kind::UInt) => {
            let bits = 8 * d.itemsize() as u32;
            let (min, max) = if d.kind() == Kind::UInt {
                (0i128, (1i128 << bits) - 1)
            } else {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            };
            let lo = match lo {
                Value::Int(i) if i <= min => Value::None,
                other => other,
            };
            let hi = match hi {
                Value::Int(i) if i >= max => Value::None,
                other => other,
            };
            (lo, hi)
        }
        _ => (lo, hi),
    };
    // The operands of the one ufunc `_clip` calls (`clip`, or `maximum`/
    // `minimum` with one bound): their shapes, out's too, broadcast first.
    let mut in_shapes = vec![as_array(&a)?.shape()];
    for bound in [&lo, &hi] {
        if !matches!(bound, Value::None) {
            in_shapes.push(as_array(bound)?.shape());
        }
    }
    let refs: Vec<&[usize]> = in_shapes.iter().map(Vec::as_slice).collect();
    let out_shape = out.as_ref().map(|o| o.shape());
    crate::engine::broadcast::broadcast_shapes_or_err(
        &refs
            .iter()
            .copied()
            .chain(out_shape.as_deref())
            .collect::<Vec<_>>(),
    )?;
    let mut v = a;
    if matches!((&lo, &hi), (Value::None, Value::None)) {
        v = Value::Array(as_array(&v)?.copy(Order::C)?);
    }
    // NumPy's `_NPY_CLIP` keeps `x` against an equal bound (`np.clip(-0.0,
    // 0.0, 1)` is -0.0) where `maximum` keeps its second operand: the
    // bound goes first.
    if !matches!(lo, Value::None) {
        v = numpy_binary(BinaryOp::Maximum, &lo, &v)?;
    }
    if !matches!(hi, Value::None) {
        v = numpy_binary(BinaryOp::Minimum, &hi, &v)?;
    }
    // `np.clip` is a ufunc: its `out=` is written as every ufunc's is.
    match out {
        None => Ok(v),
        Some(o) => {
            let r = as_array(&v)?;
            super::ufunc_args::write_out("clip", &r, &o, "same_kind", None, &in_shapes)?;
            Ok(Value::Array(o))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_handled_by_name() {
        for e in ENTRIES {
            assert!(handles(e.name()));
        }
        assert!(!handles("concatenate"));
    }

    #[test]
    fn a_fractional_diagonal_truncates_as_numpys_integer_arange() {
        // np.tri(3, 4, k=1.5) keeps j <= i + 1; k=0.5 keeps every column.
        let d = Diagonal::of(&Value::Float(1.5)).unwrap();
        assert_eq!((0..3).map(|i| d.kept(i, 4)).collect::<Vec<_>>(), [2, 3, 4]);
        let d = Diagonal::of(&Value::Float(0.5)).unwrap();
        assert_eq!((0..3).map(|i| d.kept(i, 4)).collect::<Vec<_>>(), [4, 4, 4]);
        let d = Diagonal::of(&Value::Int(-1)).unwrap();
        assert_eq!((0..3).map(|i| d.kept(i, 4)).collect::<Vec<_>>(), [0, 1, 2]);
    }
}
