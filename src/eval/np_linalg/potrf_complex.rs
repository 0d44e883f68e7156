//! `np.linalg.cholesky` on complex input, replayed from OpenBLAS's own
//! `zpotrf` (`interface/lapack/zpotrf.c`, not LAPACK's): orders up to
//! `factor::POTF2_MAX_N` go to its unblocked `zpotf2` (`lapack/potf2/
//! zpotf2_L.c`, `zpotf2_U.c`), column by column:
//!
//! - lower (`A = L L^H`): `zdotc` of row `j` with itself (stride `lda`),
//!   the square root of the real part of the diagonal minus it, then
//!   `zgemv_o` (`y -= A conj(x)`, `x` row `j`) for the column below and a
//!   scale by the reciprocal;
//! - upper (`A = U^H U`): `zdotc` down column `j` (unit stride), then
//!   `zgemv_u` (`y -= A^T conj(x)`) along row `j` and the scale.
//!
//! The diagonal's imaginary part is never read (it is overwritten with
//! zero). A pivot that is not positive stops the factorisation with
//! `info = j + 1`, which NumPy reports as `Matrix is not positive
//! definite`. NumPy then zeroes the other triangle. Matrices are
//! column-major (`a[i + j * n]`), as NumPy's gufunc hands them over.

use super::zblas::{C, dotc, gemv_o_sub, gemv_t, scal};

/// OpenBLAS `zpotrf` on the column-major `n x n` matrix `a`, lower or
/// upper, leaving the factor with the other triangle zeroed as NumPy
/// returns it, or `Err(info)` when pivot `info` (1-based) is not positive.
/// Finite input only: OpenBLAS 0.3.31's `zscal` treats Inf and NaN in
/// ways this does not replay (an infinite entry can give NaN where this
/// gives an error), so callers should refuse non-finite matrices.
pub fn zpotrf(n: usize, a: &mut [(f64, f64)], upper: bool) -> Result<(), usize> {
    for j in 0..n {
        let ajj = a[j + j * n].0 - pivot_dot(n, a, j, upper);
        if ajj <= 0.0 {
            a[j + j * n] = (ajj, 0.0);
            return Err(j + 1);
        }
        let ajj = ajj.sqrt();
        a[j + j * n] = (ajj, 0.0);
        if j + 1 < n {
            if upper {
                update_row(n, a, j, 1.0 / ajj);
            } else {
                update_column(n, a, j, 1.0 / ajj);
            }
        }
    }
    zero_other_triangle(n, a, upper);
    Ok(())
}

/// The real part of `zdotc` of the factor's part of row `j` (lower, stride
/// `lda = n`; only `n = 1` would be unit, with nothing to sum) or column
/// `j` (upper, unit stride) with itself.
fn pivot_dot(n: usize, a: &[C], j: usize, upper: bool) -> f64 {
    if upper {
        dotc(j, |k| a[k + j * n], |k| a[k + j * n], true).0
    } else {
        dotc(j, |k| a[j + k * n], |k| a[j + k * n], false).0
    }
}

/// Lower: `a[j+1.., j] -= a[j+1.., ..j] conj(a[j, ..j])`, then times `r`.
fn update_column(n: usize, a: &mut [C], j: usize, r: f64) {
    let x: Vec<C> = (0..j).map(|k| a[j + k * n]).collect();
    let mut y: Vec<C> = a[j + 1 + j * n..(j + 1) * n].to_vec();
    gemv_o_sub(|row, k| a[j + 1 + row + k * n], &x, &mut y);
    scal((r, 0.0), &mut y, true);
    a[j + 1 + j * n..(j + 1) * n].copy_from_slice(&y);
}

/// Upper: `a[j, j+1..] -= a[..j, j+1..]^T conj(a[..j, j])`, then times `r`
/// (the row has stride `lda = n >= 2`).
fn update_row(n: usize, a: &mut [C], j: usize, r: f64) {
    let x: Vec<C> = a[j * n..j * n + j].to_vec();
    let mut y: Vec<C> = (j + 1..n).map(|c| a[j + c * n]).collect();
    gemv_t(
        |k, c| a[k + (j + 1 + c) * n],
        &x,
        &mut y,
        (-1.0, 0.0),
        true,
        false,
    );
    scal((r, 0.0), &mut y, false);
    for (c, v) in (j + 1..n).zip(y) {
        a[j + c * n] = v;
    }
}

/// NumPy's `zero_upper_triangle` / `zero_lower_triangle` after a
/// successful factorisation.
fn zero_other_triangle(n: usize, a: &mut [C], upper: bool) {
    for j in 0..n {
        for i in 0..n {
            if (upper && i > j) || (!upper && i < j) {
                a[i + j * n] = (0.0, 0.0);
            }
        }
    }
}
