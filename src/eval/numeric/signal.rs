//! Signal and calculus helpers (issue 17 item 2): `np.interp` and
//! `np.correlate`/`np.convolve` replay NumPy's C loops
//! (`compiled_base.c` `arr_interp`, `multiarraymodule.c`
//! `_pyarray_correlate` with `small_correlate` and the dtype's `dot`);
//! `gradient`, `trapezoid`, `ediff1d`, `unwrap`, `sinc` and `i0` are
//! NumPy's Python code (`_function_base_impl.py`, `_arraysetops_impl.py`)
//! as the same sequence of `np.` calls.

use crate::engine::dtype::{DType, Kind};
use crate::engine::{NdArray, Order, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::py::{all, arr, dt, dtype, float, int, ndim, sl, tup, unsupported};
use crate::eval::args::Args;
use crate::eval::coerce::{float_arg, scalarize};
use crate::eval::session::Session;

pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "interp" => interp(s, args),
        "convolve" | "correlate" => correlate(s, name, args),
        "gradient" => gradient(s, args),
        "trapezoid" => trapezoid(s, args),
        "ediff1d" => ediff1d(s, args),
        "unwrap" => unwrap(s, args),
        "sinc" => sinc(s, args),
        _ => i0(s, args),
    }
}

fn given<'a>(args: &'a Args, name: &str) -> Option<&'a Value> {
    args.kw(name).filter(|v| !matches!(v, Value::None))
}

/// The elements of a contiguous cast of `v` to float64 (or complex128,
/// as pairs), checked the way `PyArray_ContiguousFromAny(v, type, lo, hi)`
/// checks depth.
fn doubles(v: &Value, to: DType, depth: Option<usize>) -> PyResult<(Vec<usize>, Vec<Scalar>)> {
    let a = arr(v)?;
    if let Some(d) = depth {
        if a.ndim() > d {
            return Err(too_deep(v, d));
        }
        if a.ndim() < d {
            return Err(PyError::value(
                "object of too small depth for desired array",
            ));
        }
    }
    let from = a.dtype().native();
    let safe = match to {
        DType::Float64 => from.kind() != Kind::Complex && from.is_numeric(),
        _ => from.is_numeric(),
    };
    if !safe {
        return Err(crate::eval::cast_rules::cast_refused(
            a.dtype(),
            &to,
            "safe",
        ));
    }
    crate::engine::buffer::ensure_room(
        &[a.size()],
        16,
        "complex128",
        std::mem::size_of::<Scalar>(),
    )?;
    let c = crate::engine::kernels::cast(&a, &to)?.copy(Order::C)?;
    Ok((c.shape().to_vec(), c.to_scalars()))
}

/// `PyArray_FromAny`'s message for more dimensions than `max` allows:
/// a nested sequence is refused while it is discovered.
fn too_deep(v: &Value, max: usize) -> PyError {
    match v {
        Value::List(_) | Value::Tuple(_) => PyError::value(format!(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {max}."
        )),
        _ => PyError::value("object too deep for desired array"),
    }
}

fn re(s: &Scalar) -> f64 {
    match s {
        Scalar::Complex(r, _) => *r,
        other => crate::engine::element::scalar_as_f64(other),
    }
}

fn im(s: &Scalar) -> f64 {
    match s {
        Scalar::Complex(_, i) => *i,
        _ => 0.0,
    }
}

/// `binary_search_with_guess` on sorted sample points: the last `j`
/// with `xp[j] <= key`, `-1` below the first, `len` above the last.
fn search(key: f64, xp: &[f64]) -> isize {
    let len = xp.len();
    if key > xp[len - 1] {
        return len as isize;
    }
    if key < xp[0] {
        return -1;
    }
    let (mut lo, mut hi) = (0usize, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if key >= xp[mid] {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo as isize - 1
}

/// `np.interp(x, xp, fp, left, right, period)`.
fn interp(s: &mut Session, args: &Args) -> PyResult<Value> {
    let mut x = args.req(0, "x", "interp")?.clone();
    let mut xp = args.req(1, "xp", "interp")?.clone();
    let mut fp = s.npc("asarray", vec![args.req(2, "fp", "interp")?.clone()])?;
    let complex = dtype(&fp)?.kind() == Kind::Complex;
    let input = if complex {
        DType::Complex128
    } else {
        DType::Float64
    };
    let (mut left, mut right) = (given(args, "left").cloned(), given(args, "right").cloned());
    if let Some(period) = given(args, "period") {
        let zero = s.npc("equal", vec![period.clone(), int(0)])?;
        if s.truth_of(&zero)? {
            return Err(PyError::value("period must be a non-zero value"));
        }
        let period = s.npc("absolute", vec![period.clone()])?;
        (left, right) = (None, None);
        x = s.npc("asarray", vec![x, dt(DType::Float64)])?;
        xp = s.npc("asarray", vec![xp, dt(DType::Float64)])?;
        fp = s.npc("asarray", vec![fp, dt(input.clone())])?;
        if ndim(&xp)? != 1 || ndim(&fp)? != 1 {
            return Err(PyError::value("Data points must be 1-D sequences"));
        }
        if arr(&xp)?.shape()[0] != arr(&fp)?.shape()[0] {
            return Err(PyError::value("fp and xp are not of the same length"));
        }
        x = s.npc("remainder", vec![x, period.clone()])?;
        xp = s.npc("remainder", vec![xp, period.clone()])?;
        let order = s.npc("argsort", vec![xp.clone()])?;
        xp = s.at(&xp, order.clone())?;
        fp = s.at(&fp, order)?;
        let xl = s.at(&xp, sl(Some(-1), None))?;
        let xl = s.sub(&xl, &period)?;
        let xf = s.at(&xp, sl(Some(0), Some(1)))?;
        let xf = s.add(&xf, &period)?;
        xp = s.npc("concatenate", vec![tup(vec![xl, xp.clone(), xf])])?;
        let fl = s.at(&fp, sl(Some(-1), None))?;
        let ff = s.at(&fp, sl(Some(0), Some(1)))?;
        fp = s.npc("concatenate", vec![tup(vec![fl, fp.clone(), ff])])?;
    }
    let (_, dy) = doubles(&fp, input.clone(), Some(1))?;
    let (_, dxs) = doubles(&xp, DType::Float64, Some(1))?;
    let (shape, dz) = doubles(&x, DType::Float64, None)?;
    let dx: Vec<f64> = dxs.iter().map(re).collect();
    let n = dx.len();
    if n == 0 {
        return Err(PyError::value("array of sample points is empty"));
    }
    if dy.len() != n {
        return Err(PyError::value("fp and xp are not of the same length."));
    }
    let fill = |v: &Option<Value>, dflt: &Scalar| -> PyResult<(f64, f64)> {
        match v {
            None => Ok((re(dflt), im(dflt))),
            Some(Value::Complex(r, i)) if complex => Ok((*r, *i)),
            Some(Value::NpScalar(_, Scalar::Complex(r, i))) if complex => Ok((*r, *i)),
            Some(v) => Ok((float_arg(v)?, 0.0)),
        }
    };
    let lval = fill(&left, &dy[0])?;
    let rval = fill(&right, &dy[n - 1])?;
    let y: Vec<(f64, f64)> = dy.iter().map(|v| (re(v), im(v))).collect();
    let mut out = Vec::with_capacity(dz.len());
    // One component of `slope*(x - dx[j]) + dy[j]` with NumPy's NaN retry.
    let lerp = |slope: f64, xv: f64, j: usize, c: fn(&(f64, f64)) -> f64| -> f64 {
        let mut r = slope * (xv - dx[j]) + c(&y[j]);
        if r.is_nan() {
            r = slope * (xv - dx[j + 1]) + c(&y[j + 1]);
            if r.is_nan() && c(&y[j]) == c(&y[j + 1]) {
                r = c(&y[j]);
            }
        }
        r
    };
    for (k, z) in dz.iter().enumerate() {
        if k % 65536 == 0 {
            crate::engine::interrupt::check().map_err(PyError::from)?;
        }
        let xv = re(z);
        let v = if n == 1 {
            if xv < dx[0] {
                lval
            } else if xv > dx[0] {
                rval
            } else {
                y[0]
            }
        } else if xv.is_nan() {
            (xv, 0.0)
        } else {
            let j = search(xv, &dx);
            if j == -1 {
                lval
            } else if j == n as isize {
                rval
            } else if j == n as isize - 1 || dx[j as usize] == xv {
                y[j as usize]
            } else {
                let j = j as usize;
                if complex {
                    let inv = 1.0 / (dx[j + 1] - dx[j]);
                    let sr = (y[j + 1].0 - y[j].0) * inv;
                    let si = (y[j + 1].1 - y[j].1) * inv;
                    (lerp(sr, xv, j, |p| p.0), lerp(si, xv, j, |p| p.1))
                } else {
                    let slope = (y[j + 1].0 - y[j].0) / (dx[j + 1] - dx[j]);
                    (lerp(slope, xv, j, |p| p.0), 0.0)
                }
            }
        };
        out.push(if complex {
            Scalar::Complex(v.0, v.1)
        } else {
            Scalar::Float(v.0)
        });
    }
    Ok(scalarize(NdArray::from_scalars(&shape, input, &out)?))
}

/// `mode=` as `PyArray_CorrelatemodeConverter` reads it: 0 valid,
/// 1 same, 2 full.
fn mode(s: &mut Session, v: Option<&Value>, dflt: u8) -> PyResult<u8> {
    let Some(v) = v else { return Ok(dflt) };
    match v {
        Value::Str(t) => {
            let m = match t.chars().next() {
                Some('v' | 'V') => (0, t.as_ref() == "valid"),
                Some('s' | 'S') => (1, t.as_ref() == "same"),
                Some('f' | 'F') => (2, t.as_ref() == "full"),
                _ => {
                    let r = s.py_repr(v)?;
                    return Err(PyError::value(format!(
                        "mode must be one of 'valid', 'same', or 'full' (got {r})"
                    )));
                }
            };
            if !m.1 {
                return Err(PyError::value(
                    "Use one of 'valid', 'same', or 'full' for convolve/correlate mode",
                ));
            }
            Ok(m.0)
        }
        Value::Int(_) | Value::Bool(_) | Value::NpScalar(..) => {
            let i = crate::eval::coerce::int_arg(v, "")
                .map_err(|_| PyError::type_error("convolve/correlate mode not understood"))?;
            if (0..=2).contains(&i) {
                Ok(i as u8)
            } else {
                Err(PyError::value(
                    "integer convolve/correlate mode must be 0, 1, or 2",
                ))
            }
        }
        _ => Err(PyError::type_error(
            "convolve/correlate mode not understood",
        )),
    }
}

/// `np.convolve(a, v, mode)` (NumPy's Python: `correlate(a, v[::-1])`
/// after putting the longer first) and `np.correlate(a, v, mode)`
/// (`correlate2`: conjugated `v`, the result reversed when swapped).
fn correlate(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let a = args.req(0, "a", name)?.clone();
    let v = args.req(1, "v", name)?.clone();
    let convolve = name == "convolve";
    let m = mode(s, args.kw("mode"), if convolve { 2 } else { 0 })?;
    let (a, v) = if convolve {
        let kw = [("copy", Value::None), ("ndmin", int(1))];
        let a = s.npk("array", vec![a], &kw)?;
        let v = s.npk("array", vec![v], &kw)?;
        if arr(&a)?.shape()[0] == 0 {
            return Err(PyError::value("a cannot be empty"));
        }
        if arr(&v)?.shape()[0] == 0 {
            return Err(PyError::value("v cannot be empty"));
        }
        let (a, v) = if arr(&v)?.shape()[0] > arr(&a)?.shape()[0] {
            (v, a)
        } else {
            (a, v)
        };
        let rev = Value::Slice(std::rc::Rc::new([Value::None, Value::None, int(-1)]));
        let v = s.at(&v, rev)?;
        (a, v)
    } else {
        (a, v)
    };
    let (aa, va) = (s_arr(s, &a)?, s_arr(s, &v)?);
    let t = s.npc("result_type", vec![aa, va])?;
    let Value::DType(t) = t else {
        return Err(unsupported(
            "slicelab's np.correlate could not find a common type",
        ));
    };
    let depth1 = |x: &Value| -> PyResult<()> {
        match arr(x)?.ndim() {
            1 => Ok(()),
            0 => Err(PyError::value(
                "object of too small depth for desired array",
            )),
            _ => Err(too_deep(x, 1)),
        }
    };
    depth1(&a)?;
    let x1 = crate::engine::kernels::cast(&arr(&a)?, &t)?.copy(Order::C)?;
    depth1(&v)?;
    let mut x2 = crate::engine::kernels::cast(&arr(&v)?, &t)?.copy(Order::C)?;
    if !convolve && t.kind() == Kind::Complex {
        x2 = arr(&s.npc("conjugate", vec![Value::Array(x2)])?)?;
    }
    for x in [&x1, &x2] {
        crate::engine::buffer::ensure_room(
            &[x.size()],
            16,
            "complex128",
            3 * std::mem::size_of::<Scalar>(),
        )?;
    }
    let (mut d1, mut d2) = (x1.to_scalars(), x2.to_scalars());
    if d1.is_empty() {
        return Err(PyError::value("first array argument cannot be empty"));
    }
    if d2.is_empty() {
        return Err(PyError::value("second array argument cannot be empty"));
    }
    let inverted = d1.len() < d2.len();
    if inverted {
        std::mem::swap(&mut d1, &mut d2);
    }
    let (n1, n2) = (d1.len(), d2.len());
    let (length, n_left, n_right) = match m {
        0 => (n1 - n2 + 1, 0, 0),
        1 => (n1, n2 / 2, n2 - n2 / 2 - 1),
        _ => (n1 + n2 - 1, n2 - 1, n2 - 1),
    };
    let small = n2 <= 11 && matches!(t, DType::Float32 | DType::Float64);
    // Which dot products NumPy's loop takes: (start in d1, start in d2, n).
    let mut dots: Vec<(usize, usize, usize, bool)> = Vec::new();
    let (mut ip1, mut ip2, mut n) = (0usize, n_left, n2 - n_left);
    for _ in 0..n_left {
        dots.push((ip1, ip2, n, false));
        n += 1;
        ip2 -= 1;
    }
    for _ in 0..(n1 - n2 + 1) {
        dots.push((ip1, ip2, n, small));
        ip1 += 1;
    }
    for _ in 0..n_right {
        n -= 1;
        dots.push((ip1, ip2, n, false));
        ip1 += 1;
    }
    debug_assert_eq!(dots.len(), length);
    let mut out: Vec<Scalar> = Vec::with_capacity(length);
    let f64s = |d: &[Scalar]| -> Vec<f64> { d.iter().map(re).collect() };
    let (f1, f2) = (f64s(&d1), f64s(&d2));
    for (k, &(p1, p2, n, small_loop)) in dots.iter().enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check().map_err(PyError::from)?;
        }
        let r = match &t {
            DType::Float64 if small_loop => {
                let mut acc = 0.0;
                for q in 0..n {
                    acc += f1[p1 + q] * f2[p2 + q];
                }
                Scalar::Float(acc)
            }
            DType::Float32 if small_loop => {
                let mut acc = 0.0f32;
                for q in 0..n {
                    acc += (f1[p1 + q] as f32) * (f2[p2 + q] as f32);
                }
                Scalar::Float(acc as f64)
            }
            DType::Float64 => {
                let x = NdArray::from_scalars(&[n], DType::Float64, &d1[p1..p1 + n])?;
                let y = NdArray::from_scalars(&[n], DType::Float64, &d2[p2..p2 + n])?;
                Scalar::Float(0.0 + super::super::products::float_dot(&x, &y)?)
            }
            DType::Bool => {
                let any = (0..n).any(|q| {
                    matches!(d1[p1 + q], Scalar::Bool(true))
                        && matches!(d2[p2 + q], Scalar::Bool(true))
                });
                Scalar::Bool(any)
            }
            d if d.is_integer() => {
                let mut acc: i64 = 0;
                for q in 0..n {
                    let (x, y) = (int_of(&d1[p1 + q]), int_of(&d2[p2 + q]));
                    acc = acc.wrapping_add(x.wrapping_mul(y));
                }
                if d.kind() == Kind::UInt {
                    Scalar::UInt(acc as u64)
                } else {
                    Scalar::Int(acc)
                }
            }
            other => {
                return Err(unsupported(format!(
                    "slicelab's np.{name} does not sum {} products in NumPy's order (its BLAS kernel) yet",
                    other.name()
                )));
            }
        };
        out.push(r);
    }
    if inverted {
        out.reverse();
    }
    // Integer results wrap to the result type as NumPy's dot stores them.
    let res = NdArray::from_scalars(&[length], wide(&t), &out)?;
    Ok(Value::Array(crate::engine::kernels::cast(&res, &t)?))
}

/// An integer dtype's products are summed in a C `long` (64 bits).
fn wide(t: &DType) -> DType {
    match t.kind() {
        Kind::Int => DType::Int64,
        Kind::UInt => DType::UInt64,
        _ => t.clone(),
    }
}

fn int_of(s: &Scalar) -> i64 {
    match s {
        Scalar::Int(i) => *i,
        Scalar::UInt(u) => *u as i64,
        Scalar::Bool(b) => *b as i64,
        other => crate::engine::element::scalar_as_f64(other) as i64,
    }
}

/// `np.asarray(v)` (for the result type of sequences).
fn s_arr(s: &mut Session, v: &Value) -> PyResult<Value> {
    s.npc("asarray", vec![v.clone()])
}

/// `normalize_axis_tuple(axis, ndim)` with NumPy's messages.
fn axis_tuple(axis: &Value, nd: usize) -> PyResult<Vec<usize>> {
    let items = match axis {
        Value::Tuple(t) => t.as_ref().clone(),
        Value::List(l) => l.borrow().clone(),
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for it in &items {
        let i = crate::eval::coerce::int_arg(it, "")?;
        let k = crate::engine::reduce::normalize_axis(i, nd)
            .map_err(|e| PyError::new("AxisError", e.to_string()))?;
        if out.contains(&k) {
            return Err(PyError::value("repeated axis"));
        }
        out.push(k);
    }
    Ok(out)
}

/// A tuple of slices with `items[axis]` replaced.
fn index(nd: usize, at: &[(usize, Value)]) -> Value {
    let mut v = vec![all(); nd];
    for (k, x) in at {
        v[*k] = x.clone();
    }
    tup(v)
}

/// `np.gradient(f, *varargs, axis=None, edge_order=1)`.
fn gradient(s: &mut Session, args: &Args) -> PyResult<Value> {
    let f = s.npc("asanyarray", vec![args.req(0, "f", "gradient")?.clone()])?;
    let nd = ndim(&f)?;
    let axes: Vec<usize> = match given(args, "axis") {
        None => (0..nd).collect(),
        Some(a) => axis_tuple(a, nd)?,
    };
    let varargs: Vec<Value> = args.pos.iter().skip(1).cloned().collect();
    let mut dx: Vec<Value> = match varargs.len() {
        0 => vec![float(1.0); axes.len()],
        1 if ndim(&varargs[0])? == 0 => vec![varargs[0].clone(); axes.len()],
        n if n == axes.len() => varargs.clone(),
        _ => return Err(PyError::type_error("invalid number of arguments")),
    };
    let fshape = arr(&f)?.shape();
    for (i, d) in dx.iter_mut().enumerate() {
        let distances = s.npc("asanyarray", vec![d.clone()])?;
        let da = arr(&distances)?;
        if da.ndim() == 0 {
            continue;
        }
        if da.ndim() != 1 {
            return Err(PyError::value("distances must be either scalars or 1d"));
        }
        if da.shape()[0] != fshape[axes[i]] {
            return Err(PyError::value(
                "when 1d, distances must match the length of the corresponding dimension",
            ));
        }
        let distances = if da.dtype().is_integer() {
            s.mcall(&distances, "astype", vec![dt(DType::Float64)], &[])?
        } else {
            distances
        };
        let diffx = s.npc("diff", vec![distances])?;
        let first = s.at(&diffx, int(0))?;
        let eq = s.npc("equal", vec![diffx.clone(), first.clone()])?;
        let every = s.mcall(&eq, "all", vec![], &[])?;
        *d = if s.truth_of(&every)? { first } else { diffx };
    }
    let edge_order = args.kw("edge_order").cloned().unwrap_or(int(1));
    let too_big = s.npc("greater", vec![edge_order.clone(), int(2)])?;
    if s.truth_of(&too_big)? {
        return Err(PyError::value("'edge_order' greater than 2 not supported"));
    }
    let eo = crate::eval::coerce::int_arg(&edge_order, "")?;
    let otype = dtype(&f)?;
    let (f, otype) = match otype.kind() {
        Kind::Float | Kind::Complex => (f, otype),
        Kind::Int | Kind::UInt => (
            s.mcall(&f, "astype", vec![dt(DType::Float64)], &[])?,
            DType::Float64,
        ),
        _ => (f, DType::Float64),
    };
    let mut outvals = Vec::new();
    for (axis, ax_dx) in axes.iter().copied().zip(dx) {
        if (fshape[axis] as i64) < eo + 1 {
            return Err(PyError::value(
                "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.",
            ));
        }
        let out = s.npk(
            "empty_like",
            vec![f.clone()],
            &[("dtype", dt(otype.clone()))],
        )?;
        let uniform = ndim(&ax_dx)? == 0;
        let at = |k: Value| index(nd, &[(axis, k)]);
        let f_at = |s: &mut Session, k: Value| s.at(&f, at(k));
        let interior = if uniform {
            let hi = f_at(s, sl(Some(2), None))?;
            let lo = f_at(s, sl(None, Some(-2)))?;
            let num = s.sub(&hi, &lo)?;
            let den = s.mul(&float(2.0), &ax_dx)?;
            s.div(&num, &den)?
        } else {
            let dx1 = s.at(&ax_dx, sl(Some(0), Some(-1)))?;
            let dx2 = s.at(&ax_dx, sl(Some(1), None))?;
            let sum = s.add(&dx1, &dx2)?;
            let nd2 = s.neg(&dx2)?;
            let t = s.mul(&dx1, &sum)?;
            let a = s.div(&nd2, &t)?;
            let t = s.sub(&dx2, &dx1)?;
            let u = s.mul(&dx1, &dx2)?;
            let b = s.div(&t, &u)?;
            let t = s.mul(&dx2, &sum)?;
            let c = s.div(&dx1, &t)?;
            let mut shape = vec![int(1); nd];
            shape[axis] = int(-1);
            let shape = tup(shape);
            let a = s.mcall(&a, "reshape", vec![shape.clone()], &[])?;
            let b = s.mcall(&b, "reshape", vec![shape.clone()], &[])?;
            let c = s.mcall(&c, "reshape", vec![shape], &[])?;
            let f2 = f_at(s, sl(None, Some(-2)))?;
            let f3 = f_at(s, sl(Some(1), Some(-1)))?;
            let f4 = f_at(s, sl(Some(2), None))?;
            three(s, [&a, &b, &c], [&f2, &f3, &f4])?
        };
        s.set_at(&out, at(sl(Some(1), Some(-1))), &interior)?;
        if eo == 1 {
            let f1 = f_at(s, int(1))?;
            let f0 = f_at(s, int(0))?;
            let num = s.sub(&f1, &f0)?;
            let d0 = if uniform {
                ax_dx.clone()
            } else {
                s.at(&ax_dx, int(0))?
            };
            let v = s.div(&num, &d0)?;
            s.set_at(&out, at(int(0)), &v)?;
            let fl = f_at(s, int(-1))?;
            let fm = f_at(s, int(-2))?;
            let num = s.sub(&fl, &fm)?;
            let dn = if uniform {
                ax_dx.clone()
            } else {
                s.at(&ax_dx, int(-1))?
            };
            let v = s.div(&num, &dn)?;
            s.set_at(&out, at(int(-1)), &v)?;
        } else {
            let (a, b, c) = if uniform {
                (
                    s.div(&float(-1.5), &ax_dx)?,
                    s.div(&float(2.0), &ax_dx)?,
                    s.div(&float(-0.5), &ax_dx)?,
                )
            } else {
                let dx1 = s.at(&ax_dx, int(0))?;
                let dx2 = s.at(&ax_dx, int(1))?;
                let sum = s.add(&dx1, &dx2)?;
                let t = s.mul(&float(2.0), &dx1)?;
                let t = s.add(&t, &dx2)?;
                let t = s.neg(&t)?;
                let u = s.mul(&dx1, &sum)?;
                let a = s.div(&t, &u)?;
                let u = s.mul(&dx1, &dx2)?;
                let b = s.div(&sum, &u)?;
                let t = s.neg(&dx1)?;
                let u = s.mul(&dx2, &sum)?;
                let c = s.div(&t, &u)?;
                (a, b, c)
            };
            let f0 = f_at(s, int(0))?;
            let f1 = f_at(s, int(1))?;
            let f2 = f_at(s, int(2))?;
            let v = three(s, [&a, &b, &c], [&f0, &f1, &f2])?;
            s.set_at(&out, at(int(0)), &v)?;
            let (a, b, c) = if uniform {
                (
                    s.div(&float(0.5), &ax_dx)?,
                    s.div(&float(-2.0), &ax_dx)?,
                    s.div(&float(1.5), &ax_dx)?,
                )
            } else {
                let dx1 = s.at(&ax_dx, int(-2))?;
                let dx2 = s.at(&ax_dx, int(-1))?;
                let sum = s.add(&dx1, &dx2)?;
                let u = s.mul(&dx1, &sum)?;
                let a = s.div(&dx2, &u)?;
                let t = s.add(&dx2, &dx1)?;
                let t = s.neg(&t)?;
                let u = s.mul(&dx1, &dx2)?;
                let b = s.div(&t, &u)?;
                let t = s.mul(&float(2.0), &dx2)?;
                let t = s.add(&t, &dx1)?;
                let u = s.mul(&dx2, &sum)?;
                let c = s.div(&t, &u)?;
                (a, b, c)
            };
            let f3 = f_at(s, int(-3))?;
            let f2 = f_at(s, int(-2))?;
            let f1 = f_at(s, int(-1))?;
            let v = three(s, [&a, &b, &c], [&f3, &f2, &f1])?;
            s.set_at(&out, at(int(-1)), &v)?;
        }
        outvals.push(out);
    }
    if axes.len() == 1 {
        return Ok(outvals.remove(0));
    }
    Ok(tup(outvals))
}

/// `a * f1 + b * f2 + c * f3`, left to right.
fn three(s: &mut Session, k: [&Value; 3], f: [&Value; 3]) -> PyResult<Value> {
    let x = s.mul(k[0], f[0])?;
    let y = s.mul(k[1], f[1])?;
    let x = s.add(&x, &y)?;
    let z = s.mul(k[2], f[2])?;
    s.add(&x, &z)
}

/// Python's `lst[i] = v` index for a list of length `n`.
fn list_index(i: i64, n: usize) -> PyResult<usize> {
    let k = if i < 0 { i + n as i64 } else { i };
    if k < 0 || k >= n as i64 {
        return Err(PyError::new(
            "IndexError",
            "list assignment index out of range",
        ));
    }
    Ok(k as usize)
}

/// `np.trapezoid(y, x=None, dx=1.0, axis=-1)`.
fn trapezoid(s: &mut Session, args: &Args) -> PyResult<Value> {
    let y = s.npc("asanyarray", vec![args.req(0, "y", "trapezoid")?.clone()])?;
    let axis_v = args.kw("axis").cloned().unwrap_or(int(-1));
    let axis = crate::eval::coerce::int_arg(&axis_v, "")?;
    let nd = ndim(&y)?;
    let d = match given(args, "x") {
        None => args.kw("dx").cloned().unwrap_or(float(1.0)),
        Some(x) => {
            let x = s.npc("asanyarray", vec![x.clone()])?;
            if ndim(&x)? == 1 {
                let d = s.npc("diff", vec![x])?;
                let mut shape = vec![int(1); nd];
                let k = list_index(axis, nd)?;
                shape[k] = int(arr(&d)?.shape()[0] as i64);
                s.mcall(&d, "reshape", vec![tup(shape)], &[])?
            } else {
                s.npk("diff", vec![x], &[("axis", axis_v.clone())])?
            }
        }
    };
    let k = list_index(axis, nd)?;
    let y1 = s.at(&y, index(nd, &[(k, sl(Some(1), None))]))?;
    let y2 = s.at(&y, index(nd, &[(k, sl(None, Some(-1)))]))?;
    let t = s.add(&y1, &y2)?;
    let t = s.mul(&d, &t)?;
    let t = s.div(&t, &float(2.0))?;
    s.mcall(&t, "sum", vec![axis_v], &[])
}

/// `np.ediff1d(ary, to_end=None, to_begin=None)`.
fn ediff1d(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = s.npc("asanyarray", vec![args.req(0, "ary", "ediff1d")?.clone()])?;
    let a = s.mcall(&a, "ravel", vec![], &[])?;
    let want = dtype(&a)?;
    let (to_begin, to_end) = (
        given(args, "to_begin").cloned(),
        given(args, "to_end").cloned(),
    );
    let head = s.at(&a, sl(Some(1), None))?;
    let tail = s.at(&a, sl(None, Some(-1)))?;
    if to_begin.is_none() && to_end.is_none() {
        return s.sub(&head, &tail);
    }
    let mut prep = |v: Option<Value>, which: &str| -> PyResult<Option<Value>> {
        let Some(v) = v else { return Ok(None) };
        let v = s.npc("asanyarray", vec![v])?;
        let ok = s.npk(
            "can_cast",
            vec![v.clone(), dt(want.clone())],
            &[("casting", Value::str("same_kind"))],
        )?;
        if !s.truth_of(&ok)? {
            return Err(PyError::type_error(format!(
                "dtype of `{which}` must be compatible with input `ary` under the `same_kind` rule."
            )));
        }
        Ok(Some(s.mcall(&v, "ravel", vec![], &[])?))
    };
    let to_begin = prep(to_begin, "to_begin")?;
    let to_end = prep(to_end, "to_end")?;
    let lb = match &to_begin {
        Some(v) => arr(v)?.size(),
        None => 0,
    };
    let le = match &to_end {
        Some(v) => arr(v)?.size(),
        None => 0,
    };
    let ld = arr(&a)?.size().saturating_sub(1);
    let total = ld + lb + le;
    // `np.empty_like(ary, shape=...)`: slicelab has no subclasses, so
    // `np.empty` of ary's dtype.
    let result = s.npc("empty", vec![int(total as i64), dt(want.clone())])?;
    if let Some(b) = &to_begin
        && lb > 0
    {
        s.set_at(&result, sl(None, Some(lb as i64)), b)?;
    }
    if let Some(e) = &to_end
        && le > 0
    {
        s.set_at(&result, sl(Some((lb + ld) as i64), None), e)?;
    }
    let mid = s.at(&result, sl(Some(lb as i64), Some((lb + ld) as i64)))?;
    s.npc("subtract", vec![head, tail, mid])?;
    Ok(result)
}

/// `np.unwrap(p, discont=None, axis=-1, *, period=2*pi)`.
fn unwrap(s: &mut Session, args: &Args) -> PyResult<Value> {
    let p = s.npc("asarray", vec![args.req(0, "p", "unwrap")?.clone()])?;
    let nd = ndim(&p)?;
    let axis_v = args.kw("axis").cloned().unwrap_or(int(-1));
    let dd = s.npk("diff", vec![p.clone()], &[("axis", axis_v.clone())])?;
    let period = args
        .kw("period")
        .cloned()
        .unwrap_or(float(2.0 * std::f64::consts::PI));
    let discont = match given(args, "discont") {
        Some(d) => d.clone(),
        None => s.div(&period, &int(2))?,
    };
    let axis = crate::eval::coerce::int_arg(&axis_v, "")?;
    let k = list_index(axis, nd)?;
    let slice1 = index(nd, &[(k, sl(Some(1), None))]);
    let rt = s.npc("result_type", vec![dd.clone(), period.clone()])?;
    let Value::DType(rtd) = rt.clone() else {
        return Err(unsupported(
            "slicelab's np.unwrap could not find the result type",
        ));
    };
    let (high, ambiguous) = if rtd.is_integer() {
        let q = s.op(crate::syntax::ast::BinOp::FloorDiv, &period, &int(2))?;
        let r = s.op(crate::syntax::ast::BinOp::Mod, &period, &int(2))?;
        let z = s.npc("equal", vec![r, int(0)])?;
        (q, s.truth_of(&z)?)
    } else {
        (s.div(&period, &int(2))?, true)
    };
    let low = s.neg(&high)?;
    let t = s.sub(&dd, &low)?;
    let t = s.npc("mod", vec![t, period.clone()])?;
    let ddmod = s.add(&t, &low)?;
    if ambiguous {
        let eq = s.npc("equal", vec![ddmod.clone(), low.clone()])?;
        let pos = s.npc("greater", vec![dd.clone(), int(0)])?;
        let w = s.op(crate::syntax::ast::BinOp::BitAnd, &eq, &pos)?;
        s.npk("copyto", vec![ddmod.clone(), high.clone()], &[("where", w)])?;
    }
    let ph = s.sub(&ddmod, &dd)?;
    let ad = s.npc("absolute", vec![dd.clone()])?;
    let small = s.npc("less", vec![ad, discont])?;
    s.npk("copyto", vec![ph.clone(), int(0)], &[("where", small)])?;
    let up = s.npk(
        "array",
        vec![p.clone()],
        &[("copy", Value::Bool(true)), ("dtype", rt)],
    )?;
    let ps = s.at(&p, slice1.clone())?;
    let cs = s.mcall(&ph, "cumsum", vec![axis_v], &[])?;
    let v = s.add(&ps, &cs)?;
    s.set_at(&up, slice1, &v)?;
    Ok(up)
}

/// `np.sinc(x)`: `sin(y) / y` with `y = where(pi*x, pi*x, eps)`.
fn sinc(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = s.npc("asanyarray", vec![args.req(0, "x", "sinc")?.clone()])?;
    let x = s.mul(&float(std::f64::consts::PI), &x)?;
    let eps = if dtype(&x)?.kind() == Kind::Float {
        let fi = s.npc("finfo", vec![dt(dtype(&x)?)])?;
        s.getattr(&fi, "eps")?
    } else {
        float(1e-20)
    };
    let y = s.npc("where", vec![x.clone(), x, eps])?;
    let num = s.npc("sin", vec![y.clone()])?;
    s.div(&num, &y)
}

const I0A: [f64; 30] = [
    -4.4153416464793395e-18,
    3.3307945188222384e-17,
    -2.431279846547955e-16,
    1.715391285555133e-15,
    -1.1685332877993451e-14,
    7.676185498604936e-14,
    -4.856446783111929e-13,
    2.95505266312964e-12,
    -1.726826291441556e-11,
    9.675809035373237e-11,
    -5.189795601635263e-10,
    2.6598237246823866e-09,
    -1.300025009986248e-08,
    6.046995022541919e-08,
    -2.670793853940612e-07,
    1.1173875391201037e-06,
    -4.4167383584587505e-06,
    1.6448448070728896e-05,
    -5.754195010082104e-05,
    0.00018850288509584165,
    -0.0005763755745385824,
    0.0016394756169413357,
    -0.004324309995050576,
    0.010546460394594998,
    -0.02373741480589947,
    0.04930528423967071,
    -0.09490109704804764,
    0.17162090152220877,
    -0.3046826723431984,
    0.6767952744094761,
];

const I0B: [f64; 25] = [
    -7.233180487874754e-18,
    -4.830504485944182e-18,
    4.46562142029676e-17,
    3.461222867697461e-17,
    -2.8276239805165836e-16,
    -3.425485619677219e-16,
    1.7725601330565263e-15,
    3.8116806693526224e-15,
    -9.554846698828307e-15,
    -4.150569347287222e-14,
    1.54008621752141e-14,
    3.8527783827421426e-13,
    7.180124451383666e-13,
    -1.7941785315068062e-12,
    -1.3215811840447713e-11,
    -3.1499165279632416e-11,
    1.1889147107846439e-11,
    4.94060238822497e-10,
    3.3962320257083865e-09,
    2.266668990498178e-08,
    2.0489185894690638e-07,
    2.8913705208347567e-06,
    6.889758346916825e-05,
    0.0033691164782556943,
    0.8044904110141088,
];

/// `_chbevl(x, vals)`: Clenshaw's recurrence, in `x`'s precision.
fn chbevl(s: &mut Session, x: &Value, vals: &[f64]) -> PyResult<Value> {
    let mut b0 = float(vals[0]);
    let mut b1 = float(0.0);
    let mut b2 = float(0.0);
    for &v in &vals[1..] {
        b2 = b1;
        b1 = b0;
        let t = s.mul(x, &b1)?;
        let t = s.sub(&t, &b2)?;
        b0 = s.add(&t, &float(v))?;
    }
    let d = s.sub(&b0, &b2)?;
    s.mul(&float(0.5), &d)
}

/// `np.i0(x)`: `piecewise(abs(x), [x <= 8.0], [_i0_1, _i0_2])`.
fn i0(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = s.npc("asanyarray", vec![args.req(0, "x", "i0")?.clone()])?;
    let kind = dtype(&x)?.kind();
    if kind == Kind::Complex {
        return Err(PyError::type_error("i0 not supported for complex values"));
    }
    let x = if kind != Kind::Float {
        s.mcall(
            &x,
            "astype",
            vec![Value::Type(super::super::value::TypeObj::Builtin("float"))],
            &[],
        )?
    } else {
        x
    };
    let x = s.npc("abs", vec![x])?;
    // piecewise takes `asanyarray(x)`: a 0-d input stays an array.
    let x = s.npc("asanyarray", vec![x])?;
    let low = s.npc("less_equal", vec![x.clone(), float(8.0)])?;
    // piecewise's "otherwise" condition: ~any([x <= 8.0], axis=0).
    let high = s.npc("logical_not", vec![low.clone()])?;
    let y = s.npc("zeros_like", vec![x.clone()])?;
    for (k, cond) in [low, high].into_iter().enumerate() {
        let vals = s.at(&x, cond.clone())?;
        if arr(&vals)?.size() == 0 {
            continue;
        }
        let e = s.npc("exp", vec![vals.clone()])?;
        let r = if k == 0 {
            let t = s.div(&vals, &float(2.0))?;
            let t = s.sub(&t, &int(2))?;
            let c = chbevl(s, &t, &I0A)?;
            s.mul(&e, &c)?
        } else {
            let t = s.div(&float(32.0), &vals)?;
            let t = s.sub(&t, &float(2.0))?;
            let c = chbevl(s, &t, &I0B)?;
            let t = s.mul(&e, &c)?;
            let r = s.npc("sqrt", vec![vals])?;
            s.div(&t, &r)?
        };
        s.set_at(&y, cond, &r)?;
    }
    Ok(y)
}
