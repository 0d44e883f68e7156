//! Typed matrix products over C-ordered stacks of matrices.
//!
//! Floats go through `ndarray`'s `general_mat_mul` (the `matrixmultiply`
//! crate: packed, cache-blocked, FMA kernels chosen at run time), with the
//! rows of the result split over both cores. The shared dimension `k` is
//! cut into the blocks OpenBLAS's level-3 driver uses (256, and a
//! remainder under 512 halved and rounded up to a multiple of 4): each
//! block is an FMA chain from zero, added onto the result. matrixmultiply
//! accumulates each output the same way within its 256-deep blocks, so
//! `a @ b` on float64 matrices agrees with NumPy's OpenBLAS to the last
//! digit (checked against NumPy 2.4 / OpenBLAS 0.3.31 up to k = 700).
//! Integers multiply in their own type with wrapping, exactly.

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2, Axis, Slice};
use rayon::prelude::*;

use super::kernels::Arith;

/// OpenBLAS's `GEMM_Q` for double precision on x86-64.
const BLAS_Q: usize = 256;
/// OpenBLAS's `GEMM_UNROLL_M`, which rounds a halved remainder.
const BLAS_UNROLL: usize = 4;

/// The `[start, end)` blocks OpenBLAS's driver cuts `k` into.
pub fn k_blocks(k: usize) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut at = 0;
    while at < k {
        let rest = k - at;
        let len = if rest >= 2 * BLAS_Q {
            BLAS_Q
        } else if rest > BLAS_Q {
            (rest / 2).div_ceil(BLAS_UNROLL) * BLAS_UNROLL
        } else {
            rest
        };
        out.push((at, at + len));
        at += len;
    }
    out
}

/// Rows of the result handed to each parallel task.
fn rows_per_task(n: usize, k: usize, m: usize) -> usize {
    // Below ~2 million multiply-adds one core is faster than two.
    if n * k * m < (1 << 21) || n < 2 {
        n.max(1)
    } else {
        n.div_ceil(2)
    }
}

/// A float scalar `general_mat_mul` can multiply.
pub trait GemmFloat: ndarray::LinalgScalar + Send + Sync + Copy {}
impl GemmFloat for f64 {}
impl GemmFloat for f32 {}

/// `out = x @ y` for one `(n, k) @ (k, m)` product, all C-ordered.
pub fn float_product<T: GemmFloat>(x: &[T], y: &[T], out: &mut [T], n: usize, k: usize, m: usize) {
    if n == 0 || m == 0 {
        return;
    }
    if k == 0 {
        out.fill(T::zero());
        return;
    }
    let rows = rows_per_task(n, k, m);
    out.par_chunks_mut(rows * m)
        .zip(x.par_chunks(rows * k))
        .for_each(|(o, xr)| {
            let r = o.len() / m;
            let (Ok(a), Ok(b), Ok(mut c)) = (
                ArrayView2::from_shape((r, k), xr),
                ArrayView2::from_shape((k, m), y),
                ArrayViewMut2::from_shape((r, m), o),
            ) else {
                return;
            };
            for (i, &(lo, hi)) in k_blocks(k).iter().enumerate() {
                let beta = if i == 0 { T::zero() } else { T::one() };
                let ab = a.slice_axis(Axis(1), Slice::from(lo..hi));
                let bb = b.slice_axis(Axis(0), Slice::from(lo..hi));
                general_mat_mul(T::one(), &ab, &bb, beta, &mut c);
            }
        });
}

/// `out = x @ y` in an integer type, wrapping as NumPy's loops do. Rows of
/// `y` stream against one element of `x` at a time, so the inner loop is a
/// contiguous multiply-add the compiler vectorises.
pub fn int_product<T: Arith>(x: &[T], y: &[T], out: &mut [T], n: usize, k: usize, m: usize) {
    out.fill(T::from_i64(0));
    for i in 0..n {
        let o = &mut out[i * m..(i + 1) * m];
        for t in 0..k {
            let a = x[i * k + t];
            for (c, &b) in o.iter_mut().zip(&y[t * m..(t + 1) * m]) {
                *c = T::add(*c, T::mul(a, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_is_cut_as_openblas_cuts_it() {
        assert_eq!(k_blocks(100), vec![(0, 100)]);
        assert_eq!(k_blocks(700), vec![(0, 256), (256, 480), (480, 700)]);
        assert_eq!(k_blocks(300), vec![(0, 152), (152, 300)]);
        assert_eq!(k_blocks(512), vec![(0, 256), (256, 512)]);
    }

    #[test]
    fn products_match_the_definition() {
        let x: Vec<f64> = (0..6).map(|v| v as f64).collect();
        let y: Vec<f64> = (0..12).map(|v| v as f64 * 0.5).collect();
        let mut out = vec![0.0; 8];
        float_product(&x, &y, &mut out, 2, 3, 4);
        assert_eq!(out, vec![10.0, 11.5, 13.0, 14.5, 28.0, 34.0, 40.0, 46.0]);
        let xi: Vec<i8> = vec![100, 100];
        let mut oi = vec![0i8; 1];
        int_product(&xi, &[2, 1], &mut oi, 1, 2, 1);
        assert_eq!(oi, vec![44]);
    }
}
