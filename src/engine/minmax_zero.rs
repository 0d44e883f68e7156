//! Which zero, `0.0` or `-0.0`, NumPy's float32/float64 `max`/`min` return.
//!
//! The two zeros compare equal, so the value of a maximum is the same
//! whatever the order of comparisons, but its sign is not. NumPy's loops
//! (`loops_minmax.dispatch.c.src`) keep the SECOND operand of equal values:
//! the scalar step is x86's `maxsd`/`minsd` (`a > b ? a : b`, a NaN in `a`
//! blended back), the vector step `_mm256_max_pd`/`_ps` likewise. Which
//! element is "second" then depends on the loop's arrangement:
//! - a contiguous reduce run starts eight-vector blocks then single vectors
//!   from an accumulator filled with the first value, folds the lanes
//!   (`npyv_reduce_maxn`: high half against low half), then the tail one
//!   by one;
//! - a strided reduce run folds eight scalar accumulators when it has eight
//!   elements, pairs them in a tree, then the tail one by one;
//! - an elementwise step (the innermost axis kept) is `op(out, x)`.
//!
//! The reduction iterator copies each group's first element to the output
//! and then skips it (`PyArray_CopyInitialReduceValues`). The typed scans
//! find the right value; `settle` redoes, NumPy's way, only the groups whose
//! extreme is a zero, and refuses (NotImplementedError) a layout whose
//! iteration this file does not model when such a group holds both zeros.
//! float16 is not here: its loop keeps the first operand (`npy_half_ge`).

use super::array::{ArrayRef, NdArray};
use super::dtype::DType;
use super::error::EngineError;
use super::kernels::Arith;
use super::typed::{elem_layout, elems, elems_mut};

/// NumPy's scalar `maximum`/`minimum` of floats: `a` when it is NaN or
/// strictly beyond `b`, else `b` (so equal values give `b`).
#[inline]
pub fn step<T: Arith>(a: T, b: T, max: bool) -> T {
    if T::is_nan(a) || if max { a > b } else { a < b } {
        a
    } else {
        b
    }
}

/// One reduce inner-loop call: `acc` folded with `xs` (already past any
/// skipped first element), contiguous (`simd_reduce_c`, `lanes` per
/// 256-bit vector) or strided (the scalar unroll).
fn inner<T: Arith>(acc: T, xs: &[T], contiguous: bool, lanes: usize, max: bool) -> T {
    let op = |a: T, b: T| step(a, b, max);
    let mut i = 0;
    let mut r = acc;
    if contiguous {
        let mut v = vec![acc; lanes];
        let wstep = lanes * 8;
        let lane_op =
            |a: &[T], b: &[T]| -> Vec<T> { a.iter().zip(b).map(|(&x, &y)| op(x, y)).collect() };
        while xs.len() - i >= wstep {
            let l = |k: usize| &xs[i + k * lanes..i + (k + 1) * lanes];
            let r01 = lane_op(l(0), l(1));
            let r23 = lane_op(l(2), l(3));
            let r45 = lane_op(l(4), l(5));
            let r67 = lane_op(l(6), l(7));
            v = lane_op(&v, &lane_op(&lane_op(&r01, &r23), &lane_op(&r45, &r67)));
            i += wstep;
        }
        while xs.len() - i >= lanes {
            v = lane_op(&v, &xs[i..i + lanes]);
            i += lanes;
        }
        // `npyv_reduce_maxn`: any NaN lane gives NaN; else halves folded.
        r = if let Some(&nan) = v.iter().find(|&&x| T::is_nan(x)) {
            nan
        } else {
            let mut w = v;
            while w.len() > 1 {
                let h = w.len() / 2;
                w = lane_op(&w[..h], &w[h..]);
            }
            w[0]
        };
    } else if xs.len() >= 8 {
        let mut m: Vec<T> = xs[..8].to_vec();
        i = 8;
        while xs.len() - i >= 8 {
            for k in 0..8 {
                m[k] = op(m[k], xs[i + k]);
            }
            i += 8;
        }
        let (m0, m2, m4, m6) = (
            op(m[0], m[1]),
            op(m[2], m[3]),
            op(m[4], m[5]),
            op(m[6], m[7]),
        );
        r = op(acc, op(op(m0, m2), op(m4, m6)));
    }
    xs[i..].iter().fold(r, |a, &x| op(a, x))
}

/// Whether a typed scan's extreme `v` may need NumPy's sign: a zero.
fn is_zero<T: Arith>(v: T) -> bool {
    v == T::default()
}

/// `r` (the reduction of `a` over `axes`, a dense float array of `T`,
/// `keepdims` either way) with each zero extreme replaced by NumPy's zero.
pub fn settle<T: Arith>(
    a: &ArrayRef,
    axes: &[usize],
    r: ArrayRef,
    max: bool,
) -> Result<ArrayRef, EngineError> {
    let item = std::mem::size_of::<T>();
    let lanes = 32 / item;
    let Some(el) = elem_layout(&a.layout(), item) else {
        return Ok(r);
    };
    let n_out = r.size();
    let read: Option<Vec<T>> = {
        let rbytes = r.buffer().bytes();
        let rbase = r.layout().offset / item;
        elems::<T>(&rbytes)
            .filter(|_| r.is_c_contiguous())
            .map(|rv| rv[rbase..rbase + n_out].to_vec())
    };
    let Some(mut fixed) = read else {
        return Ok(r);
    };
    if fixed.iter().all(|&v| !is_zero(v)) {
        return Ok(r);
    }
    let bytes = a.buffer().bytes();
    let Some(xs) = elems::<T>(&bytes) else {
        return Ok(r);
    };
    let shape = a.shape();
    let strides = el.strides.clone();
    let base = el.offset as isize;
    let kept: Vec<usize> = (0..shape.len()).filter(|k| !axes.contains(k)).collect();
    // The reduced group of output `o`, in C order of the reduced axes.
    let group = |o: usize| -> Vec<T> {
        let mut off = base;
        let mut rest = o;
        for &k in kept.iter().rev() {
            off += (rest % shape[k]) as isize * strides[k];
            rest /= shape[k];
        }
        let red: Vec<(usize, isize)> = axes.iter().map(|&k| (shape[k], strides[k])).collect();
        let total: usize = red.iter().map(|d| d.0).product();
        (0..total)
            .map(|mut f| {
                let mut p = off;
                for &(n, s) in red.iter().rev() {
                    p += (f % n) as isize * s;
                    f /= n;
                }
                xs[p as usize]
            })
            .collect()
    };
    // NumPy's iterator order: axes by decreasing |stride| (stable), so the
    // innermost is the last; length-1 axes play no part.
    let mut order: Vec<usize> = (0..shape.len()).filter(|&k| shape[k] > 1).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(strides[k].unsigned_abs()));
    let innermost = order.last().copied();
    for (o, v) in fixed.iter_mut().enumerate() {
        if !is_zero(*v) {
            continue;
        }
        let g = group(o);
        let mixed = g
            .iter()
            .any(|&x| is_zero(x) && x.to_f64().is_sign_negative())
            && g.iter()
                .any(|&x| is_zero(x) && !x.to_f64().is_sign_negative());
        if !mixed {
            continue;
        }
        let red_dims: Vec<usize> = axes.iter().copied().filter(|&k| shape[k] > 1).collect();
        let all = red_dims.len() == order.len();
        *v = match (red_dims.as_slice(), innermost) {
            // Every axis reduced and coalescing into one run in the
            // iterator's order: one reduce call past the first element.
            _ if all && let Some(st) = one_run(&shape, &strides, &order) => {
                let mut run: Vec<T> = Vec::with_capacity(g.len());
                let mut at = base;
                for _ in 0..g.len() {
                    run.push(xs[at as usize]);
                    at += st;
                }
                inner(run[0], &run[1..], st == 1, lanes, max)
            }
            // Every axis reduced, several runs: NumPy's buffered iterator
            // copies whole rows (`8192 // m` of them) into a contiguous
            // buffer, or walks each row in place when `2 * m > 8192`.
            _ if all => {
                let dims = coalesce(&shape, &strides, &order);
                let (m, st) = dims[dims.len() - 1];
                let walk = in_order(xs, base, &dims);
                let (chunk, contiguous) = if 2 * m > BUFSIZE {
                    (m, st == 1)
                } else {
                    (BUFSIZE / m * m, true)
                };
                let head = chunk.min(walk.len());
                let first = inner(walk[0], &walk[1..head], contiguous, lanes, max);
                walk[head..]
                    .chunks(chunk)
                    .fold(first, |acc, c| inner(acc, c, contiguous, lanes, max))
            }
            ([k], Some(i)) if *k == i => inner(g[0], &g[1..], strides[*k] == 1, lanes, max),
            // The innermost axis kept: row after row, `op(out, x)`.
            ([_], Some(i)) if kept.contains(&i) => {
                g[1..].iter().fold(g[0], |a, &x| step(a, x, max))
            }
            _ => {
                return Err(EngineError::other(
                    "NotImplementedError",
                    format!(
                        "slicelab does not model which zero (0.0 or -0.0) NumPy's {} returns over this layout",
                        if max { "max" } else { "min" }
                    ),
                ));
            }
        };
    }
    let out = NdArray::for_overwrite(&r.shape(), r.dtype().clone())?;
    {
        let mut b = out.buffer().bytes_mut();
        if let Some(dst) = elems_mut::<T>(&mut b) {
            dst[..n_out].copy_from_slice(&fixed);
        }
    }
    Ok(out)
}

/// NumPy's `NPY_BUFSIZE`, in elements.
const BUFSIZE: usize = 8192;

/// The axes of `order` (outermost first) as (length, element stride)
/// runs, merged where one continues the next.
fn coalesce(shape: &[usize], strides: &[isize], order: &[usize]) -> Vec<(usize, isize)> {
    let mut dims: Vec<(usize, isize)> = vec![];
    for &k in order {
        match dims.last_mut() {
            Some(last) if last.1 == strides[k] * shape[k] as isize => {
                *last = (last.0 * shape[k], strides[k])
            }
            _ => dims.push((shape[k], strides[k])),
        }
    }
    if dims.is_empty() {
        dims.push((1, 1));
    }
    dims
}

/// The elements of `dims` from `base`, outermost axis slowest.
fn in_order<T: Copy>(xs: &[T], base: isize, dims: &[(usize, isize)]) -> Vec<T> {
    let total: usize = dims.iter().map(|d| d.0).product();
    (0..total)
        .map(|mut f| {
            let mut p = base;
            for &(n, st) in dims.iter().rev() {
                p += (f % n) as isize * st;
                f /= n;
            }
            xs[p as usize]
        })
        .collect()
}

/// The element stride of the one run the axes of `order` (outermost
/// first) coalesce into, if they do.
fn one_run(shape: &[usize], strides: &[isize], order: &[usize]) -> Option<isize> {
    if order
        .windows(2)
        .all(|w| strides[w[0]] == strides[w[1]] * shape[w[1]] as isize)
    {
        Some(order.last().map_or(1, |&k| strides[k]))
    } else {
        None
    }
}

/// Whether `dt` is a float type whose max/min this file settles.
pub fn applies(dt: &DType) -> bool {
    matches!(dt, DType::Float32 | DType::Float64)
}
