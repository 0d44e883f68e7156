//! `numpy/fft/_pocketfft.py` step for step: `_raw_fft` (the point-count
//! check, the norm factor computed in the input's real precision, the
//! output `empty_like` in the input's memory order, `out=` checks), the
//! six 1-D wrappers and `_cook_nd_args`/`_raw_fftnd` for the n-D ones.
//! The gufunc loops are `engine::pocketfft`, always in double precision
//! (the first loop NumPy's resolver finds is `Dd->D`); results are then
//! stored in the output's dtype (complex64 for float32 input).

use crate::engine::array::copy_elements;
use crate::engine::dtype::{DType, Kind as Kind2};
use crate::engine::kernels;
use crate::engine::pocketfft::{double, single};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;
use crate::eval::session::Session;
use crate::render::PrintOptions;

fn refuse(what: &str) -> PyError {
    PyError::new("NotImplementedError", format!("slicelab's np.fft {what}"))
}

fn py_str(v: &Value) -> String {
    super::super::display::str_of(v, &PrintOptions::default())
}

/// `_swap_direction(norm)`.
fn swap_direction(norm: &Value) -> PyResult<Value> {
    Ok(match norm {
        Value::None => Value::str("forward"),
        Value::Str(s) if s.as_ref() == "backward" => Value::str("forward"),
        Value::Str(s) if s.as_ref() == "ortho" => Value::str("ortho"),
        Value::Str(s) if s.as_ref() == "forward" => Value::str("backward"),
        Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
            return Err(PyError::value(format!(
                "Invalid norm value {}; should be \"backward\", \"ortho\" or \"forward\".",
                py_str(norm)
            )));
        }
        _ => return Err(refuse("takes norm as a string or None")),
    })
}

/// `result_type(a.real.dtype, 1.0)`.
fn real_dtype(dt: &DType) -> PyResult<DType> {
    Ok(match dt.native() {
        DType::Float16 => DType::Float16,
        DType::Float32 | DType::Complex64 => DType::Float32,
        DType::Float64 | DType::Complex128 => DType::Float64,
        d if d.is_integer() || d == DType::Bool => DType::Float64,
        _ => return Err(refuse("transforms numbers only")),
    })
}

/// The six transforms `_raw_fft` serves.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Fft,
    Ifft,
    Rfft,
    Irfft,
}

/// `_raw_fft(a, n, axis, is_real, is_forward, norm, out)`.
fn raw_fft(
    a: &ArrayRef,
    n: &Value,
    axis: i64,
    kind: Kind,
    norm: &Value,
    out: Option<&Value>,
) -> PyResult<Value> {
    let n = match n {
        Value::Float(f) if *f < 1.0 => {
            return Err(PyError::value(format!(
                "Invalid number of FFT data points ({}) specified.",
                py_str(n)
            )));
        }
        Value::Float(_) => None,
        other => Some(int_arg(other, "").map_err(|_| refuse("takes n as an integer"))?),
    };
    if let Some(k) = n
        && k < 1
    {
        return Err(PyError::value(format!(
            "Invalid number of FFT data points ({k}) specified."
        )));
    }
    let is_forward = matches!(kind, Kind::Fft | Kind::Rfft);
    let norm = if is_forward {
        norm.clone()
    } else {
        swap_direction(norm)?
    };
    let rdt = real_dtype(a.dtype())?;
    let nf = n.unwrap_or(1) as f64;
    let fct_is_array =
        matches!(&norm, Value::Str(s) if s.as_ref() == "ortho" || s.as_ref() == "forward");
    let fct = match &norm {
        Value::None => 1.0,
        Value::Str(s) if s.as_ref() == "backward" => 1.0,
        Value::Str(s) if s.as_ref() == "ortho" || s.as_ref() == "forward" => {
            let ortho = s.as_ref() == "ortho";
            match rdt {
                DType::Float64 if ortho => 1.0 / nf.sqrt(),
                DType::Float64 => 1.0 / nf,
                DType::Float32 if ortho => (1.0f32 / (nf as f32).sqrt()) as f64,
                DType::Float32 => (1.0f32 / nf as f32) as f64,
                _ => return Err(refuse("scales float16 input only with norm='backward'")),
            }
        }
        Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
            return Err(PyError::value(format!(
                "Invalid norm value {}; should be \"backward\",\"ortho\" or \"forward\".",
                py_str(&norm)
            )));
        }
        _ => return Err(refuse("takes norm as a string or None")),
    };
    let ndim = a.ndim();
    let ax = normalize_axis(axis, ndim)?;
    let Some(n) = n else {
        return Err(PyError::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    };
    let n = usize::try_from(n).map_err(|_| refuse("takes n up to the address space"))?;
    let n_out = if kind == Kind::Rfft { n / 2 + 1 } else { n };
    let ufunc = match kind {
        Kind::Fft => "fft",
        Kind::Ifft => "ifft",
        Kind::Rfft if n % 2 == 0 => "rfft_n_even",
        Kind::Rfft => "rfft_n_odd",
        Kind::Irfft => "irfft",
    };
    let out_dtype = if kind == Kind::Irfft {
        rdt.clone()
    } else if rdt == DType::Float64 {
        DType::Complex128
    } else {
        DType::Complex64
    };
    if kind == Kind::Irfft && rdt == DType::Float16 {
        return Err(refuse("computes irfft of float16 input not yet"));
    }
    // The out= array, checked as `_raw_fft` and the gufunc check it.
    let out = match out {
        None | Some(Value::None) => None,
        Some(Value::Array(o)) => Some(o.clone()),
        Some(_) => return Err(refuse("takes out= as an array")),
    };
    let mut shape = a.shape();
    let nin = shape[ax];
    shape[ax] = n_out;
    if let Some(o) = &out {
        let os = o.shape();
        if os.len() != ndim || os[ax] != n_out {
            return Err(PyError::value("output array has wrong shape."));
        }
        if os != shape {
            return Err(refuse("takes out= only of the result's shape"));
        }
    }
    // The loop's input type: `Dd->D`/`dd->D`/`Dd->d`, cast safely.
    let in_dtype = if kind == Kind::Rfft {
        if a.dtype().kind() == Kind2::Complex {
            return Err(PyError::type_error(format!(
                "ufunc '{ufunc}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
        DType::Float64
    } else {
        DType::Complex128
    };
    // NumPy's dispatcher takes a loop whose types equal the operands'
    // exactly before searching for safe casts: complex64 (or float32 for
    // rfft) input with a float32 norm factor runs the single-precision
    // `Ff->F`/`ff->F`/`Ff->f` loop; anything else finds `Dd->D` first.
    let single = match kind {
        Kind::Rfft => a.dtype().native() == DType::Float32,
        _ => a.dtype().native() == DType::Complex64,
    };
    let single = single && fct_is_array;
    if kind == Kind::Irfft && nin == 0 {
        return Err(refuse("reads at least one input point"));
    }
    // The output, allocated first as NumPy does (a huge n is MemoryError).
    let computed = NdArray::zeros(&shape, out_dtype.clone())?;
    let outer: usize = shape[..ax].iter().product();
    let inner: usize = shape[ax + 1..].iter().product();
    let values = kernels::cast(a, &in_dtype)?.to_scalars();
    let lanes = outer * inner;
    let mut result: Vec<Scalar> = Vec::new();
    if lanes > 0 {
        result = crate::engine::buffer::try_vec(lanes * n_out);
        result.resize(lanes * n_out, Scalar::Float(0.0));
        let lanes_of = |o: usize, i: usize| {
            let at = move |j: usize| o * nin * inner + j * inner + i;
            let put = move |j: usize| o * n_out * inner + j * inner + i;
            (at, put)
        };
        if single {
            run_single(
                kind,
                n,
                fct as f32,
                outer,
                inner,
                nin,
                &values,
                &mut result,
                &lanes_of,
            )?;
        } else {
            run_double(
                kind,
                n,
                fct,
                outer,
                inner,
                nin,
                &values,
                &mut result,
                &lanes_of,
            )?;
        }
    }
    drop(computed);
    let natural = if kind == Kind::Irfft {
        DType::Float64
    } else {
        DType::Complex128
    };
    let res = NdArray::from_scalars(&shape, natural.clone(), &result)?;
    if let Some(o) = out {
        let ok = if kind == Kind::Irfft {
            matches!(o.dtype().kind(), Kind2::Float | Kind2::Complex)
        } else {
            o.dtype().kind() == Kind2::Complex
        };
        if !ok {
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{ufunc}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                natural.name(),
                o.dtype().name()
            )));
        }
        if !o.writeable() {
            return Err(PyError::value("output array is read-only"));
        }
        copy_elements(&res, &o)?;
        return Ok(Value::Array(o));
    }
    let target = like_layout(a, &shape, out_dtype)?;
    copy_elements(&res, &target)?;
    Ok(Value::Array(target))
}

/// `empty_like(a, shape=..., dtype=...)`: order 'K' keeps `a`'s axis
/// order (C when `a` is C-contiguous, F when only F-contiguous, else by
/// stride size).
fn like_layout(a: &ArrayRef, shape: &[usize], dtype: DType) -> PyResult<ArrayRef> {
    use crate::engine::array::Order;
    if a.ndim() <= 1 || a.is_c_contiguous() {
        return Ok(NdArray::zeros(shape, dtype)?);
    }
    if a.is_f_contiguous() {
        return Ok(NdArray::zeros_ordered(shape, dtype, Order::F)?);
    }
    // Axes by decreasing |stride| (ties keep axis order), as NewLikeArray.
    let strides = a.strides();
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.sort_by_key(|&i| std::cmp::Reverse(strides[i].unsigned_abs()));
    let permuted: Vec<usize> = perm.iter().map(|&i| shape[i]).collect();
    let itemsize = dtype.itemsize();
    let nbytes = shape.iter().product::<usize>() * itemsize;
    let buffer = crate::engine::buffer::Buffer::zeroed(nbytes, shape, &dtype.name())?;
    let c = crate::engine::layout::Layout::c_order(&permuted, itemsize);
    let mut inv = vec![0; perm.len()];
    for (k, &p) in perm.iter().enumerate() {
        inv[p] = k;
    }
    let cs = c.strides.clone();
    let layout = crate::engine::layout::Layout {
        shape: shape.to_vec(),
        strides: inv.iter().map(|&k| cs[k]).collect(),
        offset: 0,
    };
    Ok(NdArray::from_buffer(buffer, dtype, layout))
}

fn kind_of(name: &str) -> Kind {
    match name {
        "fft" => Kind::Fft,
        "ifft" => Kind::Ifft,
        "rfft" => Kind::Rfft,
        _ => Kind::Irfft,
    }
}

/// One 1-D wrapper (`fft`, `ifft`, `rfft`, `irfft`, `hfft`, `ihfft`)
/// with `n` possibly None.
fn one(
    s: &mut Session,
    name: &str,
    a: &ArrayRef,
    n: Option<&Value>,
    axis: &Value,
    norm: &Value,
    out: Option<&Value>,
) -> PyResult<Value> {
    let axis = match axis {
        Value::Float(_) => {
            return Err(PyError::type_error(
                "tuple indices must be integers or slices, not float",
            ));
        }
        v => int_arg(v, "").map_err(|_| refuse("takes axis as an integer"))?,
    };
    let n = match n {
        Some(v) if !matches!(v, Value::None) => v.clone(),
        _ => {
            let shape = a.shape();
            let k = shape.len() as i64;
            if axis < -k || axis >= k {
                return Err(PyError::new("IndexError", "tuple index out of range"));
            }
            let len = shape[axis.rem_euclid(k.max(1)) as usize] as i128;
            Value::Int(match name {
                "irfft" | "hfft" => (len - 1) * 2,
                _ => len,
            })
        }
    };
    match name {
        "hfft" => {
            let new_norm = swap_direction(norm)?;
            let conj = s.call_registered(
                "np.conjugate",
                Args {
                    pos: vec![Value::Array(a.clone())],
                    kw: vec![],
                },
            )?;
            let conj = as_array(&conj)?;
            raw_fft(&conj, &n, axis, Kind::Irfft, &new_norm, out)
        }
        "ihfft" => {
            let new_norm = swap_direction(norm)?;
            let r = raw_fft(a, &n, axis, Kind::Rfft, &new_norm, out)?;
            s.call_registered(
                "np.conjugate",
                Args {
                    pos: vec![r.clone()],
                    kw: vec![("out".to_string(), r)],
                },
            )
        }
        _ => raw_fft(a, &n, axis, kind_of(name), norm, out),
    }
}

/// `np.fft.fft` ... `np.fft.ihfft`.
pub fn one_d(s: &mut Session, name: &str, b: &Bound) -> PyResult<Value> {
    let a = as_array(b.required("a"))?;
    let minus_one = Value::Int(-1);
    let axis = b.get("axis").unwrap_or(&minus_one);
    let norm = b.get("norm").cloned().unwrap_or(Value::None);
    one(s, name, &a, b.get("n"), axis, &norm, b.get("out"))
}

/// `_cook_nd_args(a, s, axes, invreal)`: the point counts (None where
/// the 1-D default applies) and axes.
fn cook_nd_args(
    a: &ArrayRef,
    s: Option<&Value>,
    axes: Option<&Value>,
    invreal: bool,
) -> PyResult<(Vec<Value>, Vec<i64>)> {
    let shape = a.shape();
    let nd = shape.len() as i64;
    let axes: Option<Vec<i64>> = axes
        .map(|v| {
            iterate(v)?
                .iter()
                .map(|x| int_arg(x, "").map_err(|_| refuse("takes axes as integers")))
                .collect::<PyResult<Vec<i64>>>()
        })
        .transpose()?;
    let take = |ax: i64| -> PyResult<usize> {
        if ax < -nd || ax >= nd {
            return Err(PyError::new(
                "IndexError",
                format!("index {ax} is out of bounds for axis 0 with size {nd}"),
            ));
        }
        Ok(shape[ax.rem_euclid(nd) as usize])
    };
    let shapeless = s.is_none();
    let mut sv: Vec<Value> = match s {
        None => match &axes {
            None => shape.iter().map(|&d| Value::Int(d as i128)).collect(),
            Some(ax) => ax
                .iter()
                .map(|&x| take(x).map(|d| Value::Int(d as i128)))
                .collect::<PyResult<_>>()?,
        },
        Some(v) => iterate(v)?,
    };
    let axes = match axes {
        Some(ax) => ax,
        None => (-(sv.len() as i64)..0).collect(),
    };
    if sv.len() != axes.len() {
        return Err(PyError::value("Shape and axes have different lengths."));
    }
    if invreal && shapeless {
        let last = *axes
            .last()
            .ok_or_else(|| PyError::new("IndexError", "list index out of range"))?;
        let d = take(last)? as i128;
        let k = sv.len() - 1;
        sv[k] = Value::Int((d - 1) * 2);
    }
    let mut out = Vec::with_capacity(sv.len());
    for (v, &ax) in sv.into_iter().zip(&axes) {
        let minus_one =
            matches!(v, Value::Int(-1)) || matches!(&v, Value::NpScalar(_, Scalar::Int(-1)));
        out.push(if minus_one {
            Value::Int(take(ax)? as i128)
        } else {
            v
        });
    }
    Ok((out, axes))
}

/// `fftn`, `ifftn`, `fft2`, `ifft2`, `rfftn`, `rfft2`, `irfftn`, `irfft2`.
pub fn n_d(s: &mut Session, name: &str, b: &Bound) -> PyResult<Value> {
    let a = as_array(b.required("a"))?;
    let two = Value::tuple(vec![Value::Int(-2), Value::Int(-1)]);
    let axes = match b.get("axes") {
        Some(Value::None) => None,
        Some(v) => Some(v),
        None if name.ends_with('2') => Some(&two),
        None => None,
    };
    let norm = b.get("norm").cloned().unwrap_or(Value::None);
    let out = b.get_some("out");
    let base = name.trim_end_matches(['2', 'n']);
    let (sv, axes) = cook_nd_args(&a, b.get_some("s"), axes, base == "irfft")?;
    let mut cur = Value::Array(a);
    let arr = |v: &Value| as_array(v);
    match base {
        "fft" | "ifft" => {
            for ii in (0..axes.len()).rev() {
                let x = arr(&cur)?;
                cur = one(
                    s,
                    base,
                    &x,
                    Some(&sv[ii]),
                    &Value::Int(axes[ii] as i128),
                    &norm,
                    out,
                )?;
            }
        }
        "rfft" => {
            let k = axes
                .len()
                .checked_sub(1)
                .ok_or_else(|| PyError::new("IndexError", "list index out of range"))?;
            let x = arr(&cur)?;
            cur = one(
                s,
                "rfft",
                &x,
                Some(&sv[k]),
                &Value::Int(axes[k] as i128),
                &norm,
                out,
            )?;
            for ii in (0..k).rev() {
                let x = arr(&cur)?;
                cur = one(
                    s,
                    "fft",
                    &x,
                    Some(&sv[ii]),
                    &Value::Int(axes[ii] as i128),
                    &norm,
                    out,
                )?;
            }
        }
        _ => {
            let k = axes
                .len()
                .checked_sub(1)
                .ok_or_else(|| PyError::new("IndexError", "list index out of range"))?;
            for ii in 0..k {
                let x = arr(&cur)?;
                cur = one(
                    s,
                    "ifft",
                    &x,
                    Some(&sv[ii]),
                    &Value::Int(axes[ii] as i128),
                    &norm,
                    None,
                )?;
            }
            let x = arr(&cur)?;
            cur = one(
                s,
                "irfft",
                &x,
                Some(&sv[k]),
                &Value::Int(axes[k] as i128),
                &norm,
                out,
            )?;
        }
    }
    Ok(cur)
}

macro_rules! run_lanes {
    ($name:ident, $m:ident, $t:ty) => {
        /// Every lane through pocketfft in this precision, results widened.
        #[allow(clippy::too_many_arguments, clippy::unnecessary_cast)]
        fn $name<A, P>(
            kind: Kind,
            n: usize,
            fct: $t,
            outer: usize,
            inner: usize,
            nin: usize,
            values: &[Scalar],
            result: &mut [Scalar],
            lanes_of: &dyn Fn(usize, usize) -> (A, P),
        ) -> PyResult<()>
        where
            A: Fn(usize) -> usize,
            P: Fn(usize) -> usize,
        {
            use $m::{Cx, PlanC, PlanR, c2c_lane, c2r_lane, r2c_lane};
            let cx = |s: &Scalar| match s {
                Scalar::Complex(r, i) => Cx {
                    r: *r as $t,
                    i: *i as $t,
                },
                Scalar::Float(r) => Cx {
                    r: *r as $t,
                    i: 0.0,
                },
                _ => Cx::ZERO,
            };
            let re = |s: &Scalar| match s {
                Scalar::Float(r) | Scalar::Complex(r, _) => *r as $t,
                _ => 0.0,
            };
            let (pc, pr) = match kind {
                Kind::Fft | Kind::Ifft => (Some(PlanC::new(n)), None),
                _ => (None, Some(PlanR::new(n))),
            };
            let lost = || refuse("lost its plan");
            for o in 0..outer {
                crate::engine::interrupt::check()?;
                for i in 0..inner {
                    let (at, put) = lanes_of(o, i);
                    match kind {
                        Kind::Fft | Kind::Ifft => {
                            let lane: Vec<Cx> = (0..nin).map(|j| cx(&values[at(j)])).collect();
                            let plan = pc.as_ref().ok_or_else(lost)?;
                            let r = c2c_lane(plan, &lane, n, fct, kind == Kind::Fft);
                            for (j, z) in r.into_iter().enumerate() {
                                result[put(j)] = Scalar::Complex(z.r as f64, z.i as f64);
                            }
                        }
                        Kind::Rfft => {
                            let lane: Vec<$t> = (0..nin).map(|j| re(&values[at(j)])).collect();
                            let plan = pr.as_ref().ok_or_else(lost)?;
                            let r = r2c_lane(plan, &lane, n, fct);
                            for (j, z) in r.into_iter().enumerate() {
                                result[put(j)] = Scalar::Complex(z.r as f64, z.i as f64);
                            }
                        }
                        Kind::Irfft => {
                            let lane: Vec<Cx> = (0..nin).map(|j| cx(&values[at(j)])).collect();
                            let plan = pr.as_ref().ok_or_else(lost)?;
                            let r = c2r_lane(plan, &lane, n, fct);
                            for (j, x) in r.into_iter().enumerate() {
                                result[put(j)] = Scalar::Float(x as f64);
                            }
                        }
                    }
                }
            }
            Ok(())
        }
    };
}

run_lanes!(run_double, double, f64);
run_lanes!(run_single, single, f32);
