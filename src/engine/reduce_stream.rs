//! Typed reductions that read the array where it lies, in NumPy's order,
//! with nothing boxed and no copy of the input.
//!
//! NumPy's reduction iterator decides the order floats are added in, and so
//! the last digit of every float `sum`/`mean`:
//! - A reduction whose innermost memory axis is reduced adds each inner run
//!   with `pairwise_sum` into the accumulator. Dimensions that coalesce (a
//!   contiguous block) form one run. A run that cannot grow is buffered:
//!   the iterator copies `8192 // m * m` elements (whole rows of length `m`)
//!   into its buffer and sums those pairwise, unless `2 * m > 8192`, when each
//!   row is summed on its own. A cast (ints to float for `mean`) always
//!   buffers, in chunks of at most 8192 (`npyiter_find_buffering_setup`).
//! - A reduction that keeps the innermost axis adds row after row into the
//!   output elementwise: a plain sequential sum per output, which is also
//!   the order that streams memory (axis 0 of a C array reads whole rows).
//!
//! Layouts this file does not model (non-C axis orders with kept axes,
//! zero strides, several reduced axes with a kept inner one in odd orders)
//! return `None` and take the general path in `reduce.rs`.

use super::array::{ArrayRef, NdArray};
use super::dtype::DType;
use super::element::{Bool8, Element};
use super::error::EngineError;
use super::kernels::Arith;
use super::reduce::{Reduction, mean_dtype, sum_dtype};
use super::typed::{elem_layout, elems, elems_mut};

/// NumPy's `NPY_BUFSIZE`: the iterator's buffer, in elements.
const BUFSIZE: usize = 8192;

/// NumPy's pairwise sum (`pairwise_sum_DOUBLE`) over positions `0..n`
/// read through `get`: blocks of 8 accumulators below 128 elements, halves
/// (rounded to a multiple of 8) above.
pub fn pairwise_by<O: Arith>(n: usize, get: &impl Fn(usize) -> O) -> O {
    pairwise_from(0, n, get)
}

fn pairwise_from<O: Arith>(lo: usize, n: usize, get: &impl Fn(usize) -> O) -> O {
    if n < 8 {
        let mut acc = O::from_f64(0.0);
        for i in lo..lo + n {
            acc = O::add(acc, get(i));
        }
        acc
    } else if n <= 128 {
        let mut r: [O; 8] = std::array::from_fn(|k| get(lo + k));
        let mut i = 8;
        while i < n - n % 8 {
            for (k, rk) in r.iter_mut().enumerate() {
                *rk = O::add(*rk, get(lo + i + k));
            }
            i += 8;
        }
        let mut res = O::add(
            O::add(O::add(r[0], r[1]), O::add(r[2], r[3])),
            O::add(O::add(r[4], r[5]), O::add(r[6], r[7])),
        );
        while i < n {
            res = O::add(res, get(lo + i));
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        O::add(
            pairwise_from(lo, n2, get),
            pairwise_from(lo + n2, n - n2, get),
        )
    }
}

/// One axis of a walk: length, element stride in the input, element stride
/// in the accumulator (0 on reduced axes), and the position it adds to an
/// `argmax` index (1 on the one reduced axis, else 0).
#[derive(Clone, Copy)]
struct Walk {
    len: usize,
    input: isize,
    acc: isize,
    pos: isize,
}

/// Call `f(input_offset, acc_offset, position)` for every index of `axes`
/// in C order (once for no axes).
fn for_rows(axes: &[Walk], mut f: impl FnMut(isize, isize, isize)) {
    if axes.iter().any(|w| w.len == 0) {
        return;
    }
    let mut idx = vec![0usize; axes.len()];
    let (mut p, mut q, mut r) = (0isize, 0isize, 0isize);
    loop {
        f(p, q, r);
        let mut k = axes.len();
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            let w = axes[k];
            idx[k] += 1;
            p += w.input;
            q += w.acc;
            r += w.pos;
            if idx[k] < w.len {
                break;
            }
            let back = w.len as isize;
            p -= w.input * back;
            q -= w.acc * back;
            r -= w.pos * back;
            idx[k] = 0;
        }
    }
}

/// Whether the axes of length > 1 have strictly decreasing nonzero
/// strides: the order NumPy's iterator keeps, so C order is its order.
fn c_like(shape: &[usize], strides: &[isize]) -> bool {
    let mut prev = isize::MAX;
    for (&n, &s) in shape.iter().zip(strides) {
        if n > 1 {
            if s == 0 || s.abs() >= prev {
                return false;
            }
            prev = s.abs();
        }
    }
    true
}

/// The axes of length > 1, outermost first, merged where one steps over
/// the whole of the next (the iterator's coalescing).
fn coalesced(shape: &[usize], strides: &[isize]) -> Vec<(usize, isize)> {
    let mut dims: Vec<(usize, isize)> = vec![];
    for (&n, &s) in shape.iter().zip(strides) {
        if n == 1 {
            continue;
        }
        match dims.last_mut() {
            Some(last) if last.1 == s * n as isize => *last = (last.0 * n, s),
            _ => dims.push((n, s)),
        }
    }
    if dims.is_empty() {
        dims.push((1, 1));
    }
    dims
}

/// `acc + pairwise(chunk)` for each chunk of `buf`.
fn flush<O: Arith>(acc: O, buf: &mut Vec<O>) -> O {
    if buf.is_empty() {
        return acc;
    }
    let s = pairwise_by(buf.len(), &|i| buf[i]);
    buf.clear();
    O::add(acc, s)
}

/// The float sum of one group read through the input's layout, in the
/// order NumPy's buffered iterator adds it (see the header). `dims` are
/// coalesced, outermost first, and `base` is the group's first element.
fn group_sum<T: Arith, O: Arith>(xs: &[T], base: isize, dims: &[(usize, isize)]) -> O {
    let cast = T::dtype() != O::dtype();
    let (m, s) = dims[dims.len() - 1];
    let get = |start: isize| move |i: usize| O::cast_from(xs[(start + i as isize * s) as usize]);
    let outer = outer_walk(dims);
    let mut acc = O::from_f64(0.0);
    if matches!(
        O::dtype().kind(),
        super::dtype::Kind::Int | super::dtype::Kind::UInt
    ) {
        // Integer sums wrap and are associative: any order gives NumPy's
        // bits, so read straight through (a loop the compiler vectorises).
        for_rows(&outer, |p, _, _| {
            let start = base + p;
            acc = if s == 1 {
                let st = start as usize;
                xs[st..st + m]
                    .iter()
                    .fold(acc, |a, &x| O::add(a, O::cast_from(x)))
            } else {
                (0..m).fold(acc, |a, i| {
                    O::add(a, O::cast_from(xs[(start + i as isize * s) as usize]))
                })
            };
        });
        return acc;
    }
    if !cast && (dims.len() == 1 || 2 * m > BUFSIZE) {
        for_rows(&outer, |p, _, _| {
            acc = O::add(acc, pairwise_by(m, &get(base + p)));
        });
        return acc;
    }
    let (chunk, per_row) = if cast && (dims.len() == 1 || m > BUFSIZE) {
        (BUFSIZE, true)
    } else {
        (BUFSIZE / m * m, false)
    };
    if per_row && s == 1 {
        // Contiguous rows cast a buffer at a time: the same chunks as the
        // loop below, each a sum of its own (both cores on a long array,
        // added in order, so the same bits).
        let mut sums: Vec<O> = vec![];
        for_rows(&outer, |p, _, _| {
            let st = (base + p) as usize;
            chunk_sums(&xs[st..st + m], &mut sums);
        });
        return sums.into_iter().fold(acc, O::add);
    }
    let total: usize = dims.iter().map(|d| d.0).product();
    let mut buf: Vec<O> = Vec::with_capacity(chunk.min(total));
    for_rows(&outer, |p, _, _| {
        let row = get(base + p);
        for i in 0..m {
            buf.push(row(i));
            if buf.len() == chunk {
                acc = flush(acc, &mut buf);
            }
        }
        if per_row {
            acc = flush(acc, &mut buf);
        }
    });
    flush(acc, &mut buf)
}

/// The pairwise sum of each `BUFSIZE` chunk of `row` cast to `O`, pushed
/// onto `sums` in order.
fn chunk_sums<T: Arith, O: Arith>(row: &[T], sums: &mut Vec<O>) {
    let one = |piece: &[T], buf: &mut Vec<O>| {
        buf.clear();
        buf.extend(piece.iter().map(|&x| O::cast_from(x)));
        pairwise_by(buf.len(), &|i| buf[i])
    };
    if super::par::worth_parallel(row.len()) {
        use rayon::prelude::*;
        let mut part: Vec<O> = row
            .par_chunks(BUFSIZE)
            .map_init(|| Vec::with_capacity(BUFSIZE), |buf, piece| one(piece, buf))
            .collect();
        sums.append(&mut part);
    } else {
        let mut buf = Vec::with_capacity(BUFSIZE.min(row.len()));
        sums.extend(row.chunks(BUFSIZE).map(|piece| one(piece, &mut buf)));
    }
}

/// `pairwise_by` with its top halves summed on both cores when `n` is
/// large: the same tree of additions, so the same bits.
fn pairwise_par<O: Arith>(lo: usize, n: usize, get: &(impl Fn(usize) -> O + Sync)) -> O {
    if n < (1 << 18) || !super::par::worth_parallel(n) {
        return pairwise_from(lo, n, get);
    }
    let mut n2 = n / 2;
    n2 -= n2 % 8;
    let (x, y) = rayon::join(
        || pairwise_par(lo, n2, get),
        || pairwise_par(lo + n2, n - n2, get),
    );
    O::add(x, y)
}

/// `var`/`std` over every axis of a dense array of numbers, as
/// `_methods._var` computes them: the mean as `mean()` gives it, then the
/// pairwise sum of the squared deviations (NumPy sums its contiguous
/// temporary as one run) over `max(count - ddof, 0)`; no copy of the
/// input. `None`: the general path.
pub fn try_spread(
    a: &ArrayRef,
    op: Reduction,
    axes: &[usize],
    out_shape: &[usize],
) -> Result<Option<ArrayRef>, EngineError> {
    let (ddof, std) = match op {
        Reduction::Var(d) => (d, false),
        Reduction::Std(d) => (d, true),
        _ => return Ok(None),
    };
    let l = a.layout();
    let item = a.dtype().itemsize();
    if a.size() == 0
        || axes.len() != a.ndim()
        || !l.is_c_contiguous(item)
        || l.strides.iter().any(|&s| s <= 0)
    {
        return Ok(None);
    }
    macro_rules! go {
        ($T:ty, $O:ty) => {
            spread_dense::<$T, $O>(a, axes, ddof, std, out_shape)
        };
    }
    match a.dtype() {
        DType::Bool => go!(Bool8, f64),
        DType::Int8 => go!(i8, f64),
        DType::Int16 => go!(i16, f64),
        DType::Int32 => go!(i32, f64),
        DType::Int64 => go!(i64, f64),
        DType::UInt8 => go!(u8, f64),
        DType::UInt16 => go!(u16, f64),
        DType::UInt32 => go!(u32, f64),
        DType::UInt64 => go!(u64, f64),
        DType::Float32 => go!(f32, f32),
        DType::Float64 => go!(f64, f64),
        _ => Ok(None),
    }
}

fn spread_dense<T: Arith, O: Arith>(
    a: &ArrayRef,
    axes: &[usize],
    ddof: f64,
    std: bool,
    out_shape: &[usize],
) -> Result<Option<ArrayRef>, EngineError> {
    if O::dtype() != mean_dtype(a.dtype()) {
        return Ok(None);
    }
    let Some(m) = try_reduce(a, Reduction::Mean, axes, &[])? else {
        return Ok(None);
    };
    let mean = {
        let mb = m.buffer().bytes();
        match elems::<O>(&mb) {
            Some(v) if !v.is_empty() => v[m.layout().offset / std::mem::size_of::<O>()],
            _ => return Ok(None),
        }
    };
    let bytes = a.buffer().bytes();
    let (Some(el), Some(all)) = (
        elem_layout(&a.layout(), std::mem::size_of::<T>()),
        elems::<T>(&bytes),
    ) else {
        return Ok(None);
    };
    let n = a.size();
    let xs = &all[el.offset..el.offset + n];
    let squares = pairwise_par(0, n, &|k| {
        let d = O::sub(O::cast_from(xs[k]), mean);
        O::mul(d, d)
    });
    let var = O::div(squares, O::from_f64((n as f64 - ddof).max(0.0)));
    let v = if std {
        O::from_f64(var.to_f64().sqrt())
    } else {
        var
    };
    array_of(out_shape, &[v]).map(Some)
}

/// A new C-ordered array holding `vals`.
pub(crate) fn array_of<O: Element>(shape: &[usize], vals: &[O]) -> Result<ArrayRef, EngineError> {
    let out = NdArray::for_overwrite(shape, O::dtype())?;
    {
        let mut bytes = out.buffer().bytes_mut();
        if let Some(dst) = elems_mut::<O>(&mut bytes) {
            dst[..vals.len()].copy_from_slice(vals);
        }
    }
    Ok(out)
}

/// Whether `x` should replace `best` in a min/max scan: a NaN wins and
/// then stays; otherwise strictly better wins, so ties keep the first.
#[inline]
fn better<T: Arith>(x: T, best: T, want_max: bool) -> bool {
    !T::is_nan(best) && (T::is_nan(x) || if want_max { x > best } else { x < best })
}

/// What the fast paths compute for one reduction.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Sum,
    Mean,
    Prod,
    Extreme {
        max: bool,
        arg: bool,
    },
    /// `any` (`all` when false), over the whole array only.
    Truth {
        any: bool,
    },
}

fn kind_of(op: Reduction) -> Option<Kind> {
    Some(match op {
        Reduction::Sum => Kind::Sum,
        Reduction::Mean => Kind::Mean,
        Reduction::Prod => Kind::Prod,
        Reduction::Min => Kind::Extreme {
            max: false,
            arg: false,
        },
        Reduction::Max => Kind::Extreme {
            max: true,
            arg: false,
        },
        Reduction::ArgMin => Kind::Extreme {
            max: false,
            arg: true,
        },
        Reduction::ArgMax => Kind::Extreme {
            max: true,
            arg: true,
        },
        Reduction::Any => Kind::Truth { any: true },
        Reduction::All => Kind::Truth { any: false },
        _ => return None,
    })
}

/// `reduce(a, op, axes)` when this file models the layout; `axes` sorted
/// and deduplicated. `None`: use the general path.
pub fn try_reduce(
    a: &ArrayRef,
    op: Reduction,
    axes: &[usize],
    out_shape: &[usize],
) -> Result<Option<ArrayRef>, EngineError> {
    let Some(kind) = kind_of(op) else {
        return Ok(None);
    };
    if a.size() == 0 || matches!(a.dtype(), DType::Ordered(..)) {
        return Ok(None);
    }
    let dt = a.dtype().clone();
    macro_rules! go {
        ($T:ty) => {{
            match kind {
                Kind::Sum | Kind::Prod => match sum_dtype(&dt) {
                    DType::Int64 => run::<$T, i64>(a, kind, axes, out_shape),
                    DType::UInt64 => run::<$T, u64>(a, kind, axes, out_shape),
                    _ => run::<$T, $T>(a, kind, axes, out_shape),
                },
                Kind::Mean => match mean_dtype(&dt) {
                    DType::Float32 => run::<$T, f32>(a, kind, axes, out_shape),
                    _ => run::<$T, f64>(a, kind, axes, out_shape),
                },
                Kind::Extreme { .. } | Kind::Truth { .. } => {
                    run::<$T, $T>(a, kind, axes, out_shape)
                }
            }
        }};
    }
    match dt {
        DType::Bool => go!(Bool8),
        DType::Int8 => go!(i8),
        DType::Int16 => go!(i16),
        DType::Int32 => go!(i32),
        DType::Int64 => go!(i64),
        DType::UInt8 => go!(u8),
        DType::UInt16 => go!(u16),
        DType::UInt32 => go!(u32),
        DType::UInt64 => go!(u64),
        DType::Float32 => go!(f32),
        DType::Float64 => go!(f64),
        _ => Ok(None),
    }
}

fn run<T: Arith, O: Arith>(
    a: &ArrayRef,
    kind: Kind,
    axes: &[usize],
    out_shape: &[usize],
) -> Result<Option<ArrayRef>, EngineError> {
    let itemsize = std::mem::size_of::<T>();
    let Some(el) = elem_layout(&a.layout(), itemsize) else {
        return Ok(None);
    };
    let shape = a.shape();
    let nd = shape.len();
    let bytes = a.buffer().bytes();
    let Some(xs) = elems::<T>(&bytes) else {
        return Ok(None);
    };
    let base = el.offset as isize;
    // Broadcast (zero-stride) axes: the iterator's order is not modelled.
    if shape
        .iter()
        .zip(&el.strides)
        .any(|(&n, &s)| n > 1 && s == 0)
    {
        return Ok(None);
    }
    let all = axes.len() == nd;
    if matches!(kind, Kind::Extreme { arg: true, .. }) && axes.len() > 1 && !all {
        return Ok(None);
    }
    if all {
        return full::<T, O>(xs, base, &shape, &el.strides, kind, out_shape).map(Some);
    }
    if !c_like(&shape, &el.strides) {
        return Ok(None);
    }
    // Output (kept axes) in C order, as accumulator strides.
    let kept: Vec<usize> = (0..nd).filter(|k| !axes.contains(k)).collect();
    let mut acc_strides = vec![0isize; nd];
    let mut step = 1isize;
    for &k in kept.iter().rev() {
        acc_strides[k] = step;
        step *= shape[k] as isize;
    }
    let n_out = step as usize;
    let n_red: usize = axes.iter().map(|&k| shape[k]).product();
    let walk = |k: usize, len: usize| Walk {
        len,
        input: el.strides[k],
        acc: acc_strides[k],
        pos: if axes == [k] { 1 } else { 0 },
    };
    let last = nd - 1;
    if let Kind::Truth { any } = kind {
        return truth_along(xs, base, &shape, &el.strides, axes, any, out_shape, &walk);
    }
    if axes.contains(&last) {
        if axes != [last] {
            return Ok(None);
        }
        // One value per lane along the last axis.
        let outer: Vec<Walk> = (0..last).map(|k| walk(k, shape[k])).collect();
        let lane = [(shape[last], el.strides[last])];
        let mut vals: Vec<O> = Vec::with_capacity(n_out);
        let mut idx: Vec<i64> = vec![];
        for_rows(&outer, |p, _, _| match kind {
            Kind::Extreme { max, arg } => {
                let (best, at) = scan::<T>(xs, base + p, &lane, max);
                if arg {
                    idx.push(at as i64);
                } else {
                    vals.push(O::cast_from(best));
                }
            }
            _ => vals.push(lane_value::<T, O>(xs, base + p, &lane, kind, n_red)),
        });
        return if matches!(kind, Kind::Extreme { arg: true, .. }) {
            array_of(out_shape, &idx).map(Some)
        } else {
            array_of(out_shape, &vals).map(Some)
        };
    }
    // The last axis is kept: add (or compare) row after row, streaming.
    let m = shape[last];
    let s = el.strides[last];
    let outer: Vec<Walk> = (0..last).map(|k| walk(k, shape[k])).collect();
    let row = |p: isize| (0..m).map(move |j| xs[(base + p + j as isize * s) as usize]);
    match kind {
        Kind::Extreme { max, arg } => {
            let mut best: Vec<T> = vec![T::default(); n_out];
            let mut at: Vec<i64> = vec![0; n_out];
            // The first reduced row seeds every output, then every row competes.
            let firsts: Vec<Walk> = (0..last)
                .map(|k| walk(k, if axes.contains(&k) { 1 } else { shape[k] }))
                .collect();
            for_rows(&firsts, |p, q, _| {
                for (b, x) in best[q as usize..].iter_mut().zip(row(p)) {
                    *b = x;
                }
            });
            for_rows(&outer, |p, q, r| {
                let q = q as usize;
                for ((b, i), x) in best[q..q + m].iter_mut().zip(&mut at[q..q + m]).zip(row(p)) {
                    if better(x, *b, max) {
                        *b = x;
                        *i = r as i64;
                    }
                }
            });
            if arg {
                array_of(out_shape, &at).map(Some)
            } else {
                array_of(out_shape, &best).map(Some)
            }
        }
        _ => {
            let init = if kind == Kind::Prod {
                O::from_i64(1)
            } else {
                O::from_f64(0.0)
            };
            let mut acc: Vec<O> = vec![init; n_out];
            for_rows(&outer, |p, q, _| {
                let q = q as usize;
                for (o, x) in acc[q..q + m].iter_mut().zip(row(p)) {
                    let x = O::cast_from(x);
                    *o = if kind == Kind::Prod {
                        O::mul(*o, x)
                    } else {
                        O::add(*o, x)
                    };
                }
            });
            if kind == Kind::Mean {
                let n = O::from_i64(n_red as i64);
                acc.iter_mut().for_each(|o| *o = O::div(*o, n));
            }
            array_of(out_shape, &acc).map(Some)
        }
    }
}

/// `any`/`all` along some axes (not all): along the last axis one lane
/// at a time, stopping at the first deciding element; with the last axis
/// kept, row after row folded into one truth value per output, streaming
/// memory in order. Truth is `x != 0` (NaN counts, `-0.0` does not).
#[allow(clippy::too_many_arguments)]
fn truth_along<T: Arith>(
    xs: &[T],
    base: isize,
    shape: &[usize],
    strides: &[isize],
    axes: &[usize],
    any: bool,
    out_shape: &[usize],
    walk: &dyn Fn(usize, usize) -> Walk,
) -> Result<Option<ArrayRef>, EngineError> {
    let last = shape.len() - 1;
    let outer: Vec<Walk> = (0..last).map(|k| walk(k, shape[k])).collect();
    let (m, s) = (shape[last], strides[last]);
    if axes.contains(&last) {
        if axes != [last] {
            return Ok(None);
        }
        let mut vals: Vec<Bool8> = Vec::new();
        for_rows(&outer, |p, _, _| {
            let start = base + p;
            let decided = (0..m).any(|j| xs[(start + j as isize * s) as usize].to_bool() == any);
            vals.push(Bool8((decided == any) as u8));
        });
        return array_of(out_shape, &vals).map(Some);
    }
    let n_out: usize = out_shape.iter().product();
    let mut acc: Vec<u8> = vec![u8::from(!any); n_out];
    for_rows(&outer, |p, q, _| {
        let q = q as usize;
        let start = base + p;
        let dst = &mut acc[q..q + m];
        if s == 1 {
            let row = &xs[start as usize..start as usize + m];
            for (o, x) in dst.iter_mut().zip(row) {
                let t = u8::from(x.to_bool());
                *o = if any { *o | t } else { *o & t };
            }
        } else {
            for (j, o) in dst.iter_mut().enumerate() {
                let t = u8::from(xs[(start + j as isize * s) as usize].to_bool());
                *o = if any { *o | t } else { *o & t };
            }
        }
    });
    let vals: Vec<Bool8> = acc.into_iter().map(Bool8).collect();
    array_of(out_shape, &vals).map(Some)
}

/// Sum, mean or product of one group laid out as `dims` from `base`.
fn lane_value<T: Arith, O: Arith>(
    xs: &[T],
    base: isize,
    dims: &[(usize, isize)],
    kind: Kind,
    n: usize,
) -> O {
    match kind {
        Kind::Prod => {
            let mut acc = O::from_i64(1);
            for_each_elem(xs, base, dims, |x| acc = O::mul(acc, O::cast_from(x)));
            acc
        }
        Kind::Mean => O::div(group_sum::<T, O>(xs, base, dims), O::from_i64(n as i64)),
        _ => group_sum::<T, O>(xs, base, dims),
    }
}

/// The best element of a group (C order of `dims`) and its position.
fn scan<T: Arith>(xs: &[T], base: isize, dims: &[(usize, isize)], max: bool) -> (T, usize) {
    if let [(m, 1)] = dims
        && *m > 0
    {
        return scan_run(&xs[base as usize..base as usize + m], max);
    }
    let mut best = xs[base as usize];
    let mut at = 0usize;
    let mut pos = 0usize;
    for_each_elem(xs, base, dims, |x| {
        if better(x, best, max) {
            best = x;
            at = pos;
        }
        pos += 1;
    });
    (best, at)
}

/// `scan` of one contiguous run, in one pass of blocks the compiler
/// vectorises: each block's extreme through eight independent lanes (with
/// a NaN check: the first NaN wins, as in `better`), the first block whose
/// extreme beats the best so far remembered, then the first element of
/// that block equal to the best. That is the element and position the
/// sequential scan keeps (the first of equals, `-0.0` or `0.0` alike):
/// without NaNs the order of comparisons cannot change the extreme value.
/// A long run is cut into pieces scanned on both cores and combined in
/// order by the same rule (a later piece wins only by being better), so the
/// answer is the sequential one.
fn scan_run<T: Arith>(xs: &[T], max: bool) -> (T, usize) {
    let one = |piece: &[T]| match max {
        true => super::cpu::with_fma(
            #[inline(always)]
            || scan_blocks::<T, true>(piece),
        ),
        false => super::cpu::with_fma(
            #[inline(always)]
            || scan_blocks::<T, false>(piece),
        ),
    };
    if !super::par::worth_parallel(xs.len()) {
        return one(xs);
    }
    use rayon::prelude::*;
    let piece = xs.len().div_ceil(16).max(1 << 16);
    let parts: Vec<(T, usize)> = xs.par_chunks(piece).map(one).collect();
    let (mut best, mut at) = parts[0];
    for (k, &(x, i)) in parts.iter().enumerate().skip(1) {
        if better(x, best, max) {
            (best, at) = (x, k * piece + i);
        }
    }
    (best, at)
}

#[inline(always)]
fn scan_blocks<T: Arith, const MAX: bool>(xs: &[T]) -> (T, usize) {
    const LANES: usize = 8;
    const BLOCK: usize = 2048;
    let beats = |a: T, b: T| if MAX { b > a } else { b < a };
    let pick = |a: T, b: T| if beats(a, b) { b } else { a };
    let (mut best, mut best_block) = (xs[0], 0);
    for (k, block) in xs.chunks(BLOCK).enumerate() {
        let mut lanes = [block[0]; LANES];
        // `x - x` is NaN for a NaN (and an infinity), 0 otherwise: a sum of
        // them flags a block that may hold a NaN without a branch per
        // element; the flagged block is then searched exactly.
        let mut probe = [T::sub(block[0], block[0]); LANES];
        let whole = block.chunks_exact(LANES);
        let rest = whole.remainder();
        for chunk in whole {
            for l in 0..LANES {
                let x = chunk[l];
                probe[l] = T::add(probe[l], T::sub(x, x));
                lanes[l] = pick(lanes[l], x);
            }
        }
        if (probe.iter().chain(rest).any(|&p| T::is_nan(p)))
            && let Some(at) = block.iter().position(|&x| T::is_nan(x))
        {
            return (block[at], k * BLOCK + at);
        }
        let top = lanes.iter().chain(rest).fold(block[0], |a, &b| pick(a, b));
        if pick(best, top) != best {
            (best, best_block) = (top, k);
        }
    }
    let start = best_block * BLOCK;
    let at = start + xs[start..].iter().position(|&x| x == best).unwrap_or(0);
    (xs[at], at)
}

/// The walk over every axis of `dims` but the innermost.
fn outer_walk(dims: &[(usize, isize)]) -> Vec<Walk> {
    dims[..dims.len() - 1]
        .iter()
        .map(|&(len, input)| Walk {
            len,
            input,
            acc: 0,
            pos: 0,
        })
        .collect()
}

/// Every element of a group laid out as `dims` from `base`, in C order.
fn for_each_elem<T: Copy>(xs: &[T], base: isize, dims: &[(usize, isize)], mut f: impl FnMut(T)) {
    let (m, s) = dims[dims.len() - 1];
    for_rows(&outer_walk(dims), |p, _, _| {
        for i in 0..m {
            f(xs[(base + p + i as isize * s) as usize]);
        }
    });
}

/// A reduction over every axis: one value.
fn full<T: Arith, O: Arith>(
    xs: &[T],
    base: isize,
    shape: &[usize],
    strides: &[isize],
    kind: Kind,
    out_shape: &[usize],
) -> Result<ArrayRef, EngineError> {
    let n: usize = shape.iter().product();
    // The C-order walk: argmax counts flat C positions.
    let c_dims: Vec<(usize, isize)> = if shape.is_empty() {
        vec![(1, 1)]
    } else {
        shape.iter().copied().zip(strides.iter().copied()).collect()
    };
    match kind {
        Kind::Extreme { max, arg } => {
            let (best, at) = scan::<T>(xs, base, &c_dims, max);
            if arg {
                array_of(out_shape, &[at as i64])
            } else {
                array_of(out_shape, &[best])
            }
        }
        Kind::Truth { any } => {
            let dims = coalesced(shape, strides);
            array_of(out_shape, &[Bool8(truth(xs, base, &dims, any) as u8)])
        }
        _ => {
            // The iterator's order: axes by decreasing |stride|, coalesced.
            let mut order: Vec<usize> = (0..shape.len()).collect();
            order.sort_by_key(|&k| std::cmp::Reverse(strides[k].unsigned_abs()));
            let sh: Vec<usize> = order.iter().map(|&k| shape[k]).collect();
            let st: Vec<isize> = order.iter().map(|&k| strides[k]).collect();
            let dims = coalesced(&sh, &st);
            let v = lane_value::<T, O>(xs, base, &dims, kind, n);
            array_of(out_shape, &[v])
        }
    }
}

/// `any` (or `all` when `!any`) of the elements: a contiguous run in
/// blocks the compiler vectorises, stopping at the first block that
/// decides, as NumPy's `logical_or`/`logical_and` reductions stop (`c.any()`
/// of a mask whose first element is true reads one block, not the array).
fn truth<T: Arith>(xs: &[T], base: isize, dims: &[(usize, isize)], any: bool) -> bool {
    if let [(m, 1)] = dims {
        let run = &xs[base as usize..base as usize + m];
        // Whether a block holds an element that decides (true for `any`,
        // false for `all`).
        let decides = |block: &[T]| match any {
            true => block.iter().fold(false, |acc, x| acc | x.to_bool()),
            false => !block.iter().fold(true, |acc, x| acc & x.to_bool()),
        };
        return run.chunks(4096).any(decides) == any;
    }
    let mut found = false;
    for_each_elem(xs, base, dims, |x| found |= x.to_bool() == any);
    found == any
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sequential scan `scan_run` must agree with.
    fn sequential<T: Arith>(xs: &[T], max: bool) -> (T, usize) {
        let (mut best, mut at) = (xs[0], 0);
        for (k, &x) in xs.iter().enumerate() {
            if better(x, best, max) {
                (best, at) = (x, k);
            }
        }
        (best, at)
    }

    #[test]
    fn blocked_scan_is_the_sequential_scan() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        // The last length is cut into pieces on both cores; its extremes
        // recur in every piece, so the combination must keep the first.
        for len in [1usize, 7, 8, 9, 2047, 2048, 2049, 5000, 9000, (1 << 20) + 3] {
            for trial in 0..if len > 9000 { 2 } else { 6 } {
                let xs: Vec<f64> = (0..len)
                    .map(|_| match next() % 50 {
                        0 if trial % 3 == 0 => f64::NAN,
                        1 => -0.0,
                        2 => 0.0,
                        3 if trial % 3 == 1 => f64::INFINITY,
                        4 if trial % 3 == 1 => f64::NEG_INFINITY,
                        k => (k % 9) as f64 - 4.0,
                    })
                    .collect();
                let ints: Vec<i64> = xs
                    .iter()
                    .map(|x| {
                        if x.is_nan() {
                            3
                        } else {
                            x.clamp(-9.0, 9.0) as i64
                        }
                    })
                    .collect();
                for max in [true, false] {
                    let (a, b) = (scan_run(&xs, max), sequential(&xs, max));
                    assert_eq!(a.1, b.1, "len {len} max {max}");
                    assert_eq!(a.0.to_bits(), b.0.to_bits());
                    assert_eq!(scan_run(&ints, max), sequential(&ints, max));
                }
            }
        }
    }

    #[test]
    fn rows_walk_in_c_order() {
        let axes = [
            Walk {
                len: 2,
                input: 10,
                acc: 0,
                pos: 1,
            },
            Walk {
                len: 3,
                input: 1,
                acc: 1,
                pos: 0,
            },
        ];
        let mut seen = vec![];
        for_rows(&axes, |p, q, r| seen.push((p, q, r)));
        assert_eq!(seen[..4], [(0, 0, 0), (1, 1, 0), (2, 2, 0), (10, 0, 1)]);
        assert_eq!(seen.len(), 6);
    }

    #[test]
    fn contiguous_blocks_coalesce() {
        assert_eq!(coalesced(&[4, 3], &[3, 1]), vec![(12, 1)]);
        assert_eq!(coalesced(&[4, 3], &[6, 1]), vec![(4, 6), (3, 1)]);
        assert_eq!(coalesced(&[1, 5], &[99, 2]), vec![(5, 2)]);
    }

    #[test]
    fn buffered_rows_are_summed_in_chunks_of_whole_rows() {
        // 3 rows of 3000 (stride 4000): 2 rows per 8192-element buffer.
        let xs: Vec<f64> = (0..12000).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let s: f64 = group_sum::<f64, f64>(&xs, 0, &[(3, 4000), (3000, 1)]);
        let rows: Vec<f64> = (0..3)
            .flat_map(|r| xs[r * 4000..r * 4000 + 3000].to_vec())
            .collect();
        let want = 0.0 + pairwise_by(6000, &|i| rows[i]) + pairwise_by(3000, &|i| rows[6000 + i]);
        assert_eq!(s, want);
    }
}
