//! LU factorisation and solves in the operation order of OpenBLAS's
//! `dgetrf`/`dgetrs` (what NumPy's `det`, `slogdet`, `inv` and `solve`
//! call), for the sizes where OpenBLAS takes its unblocked path: `getrf`
//! hands matrices with `n <= 33` to the left-looking `getf2`; larger ones
//! are blocked and recursive and are refused by the caller
//! ([`MAX_N`]). Matrices are column-major (`a[i + j * n]` is row `i`,
//! column `j`), as LAPACK sees them.

use super::blas::{axpy, dot_strided, gemm_sum, gemv_sub};

/// The largest order for which `getrf` uses `getf2` (its block size,
/// `(n/2)` rounded up to 8, must not exceed 16).
pub const MAX_N: usize = 33;

/// An LU factorisation: `L` (unit lower) and `U` in place, the row
/// pivots (0-based, as applied in order) and LAPACK's `info` (the first
/// zero pivot, 1-based, or 0).
pub struct Lu {
    pub n: usize,
    pub a: Vec<f64>,
    pub ipiv: Vec<usize>,
    pub info: usize,
}

/// `getf2`: for each column, apply the earlier row swaps, solve the `U`
/// part with `ddot`s, update the rest with one `dgemv`, pick the largest
/// magnitude (first on ties) as pivot, swap the rows of the columns done
/// so far, and scale below the pivot by its reciprocal. A pivot below
/// `DBL_MIN` in magnitude is neither swapped nor divided by, as OpenBLAS
/// does.
pub fn getf2(n: usize, mut a: Vec<f64>) -> Lu {
    let mut ipiv = vec![0usize; n];
    let mut info = 0;
    for j in 0..n {
        let col = j * n;
        for (i, &ip) in ipiv.iter().enumerate().take(j) {
            if ip != i {
                a.swap(col + i, col + ip);
            }
        }
        for i in 1..j {
            let d = dot_strided(|k| a[i + k * n], |k| a[col + k], i);
            a[col + i] -= d;
        }
        let x: Vec<f64> = a[col..col + j].to_vec();
        let mut y: Vec<f64> = a[col + j..col + n].to_vec();
        gemv_sub(|r, k| a[j + r + k * n], &x, &mut y, true);
        a[col + j..col + n].copy_from_slice(&y);
        let mut jp = j;
        for r in j + 1..n {
            if a[col + r].abs() > a[col + jp].abs() {
                jp = r;
            }
        }
        ipiv[j] = jp;
        let p = a[col + jp];
        if p != 0.0 {
            if p.abs() >= f64::MIN_POSITIVE {
                let recip = 1.0 / p;
                if jp != j {
                    for c in 0..=j {
                        a.swap(j + c * n, jp + c * n);
                    }
                }
                for r in j + 1..n {
                    a[col + r] *= recip;
                }
            }
        } else if info == 0 {
            info = j + 1;
        }
    }
    Lu { n, a, ipiv, info }
}

impl Lu {
    fn l(&self, i: usize, j: usize) -> f64 {
        self.a[i + j * self.n]
    }

    /// `slogdet`'s sign and log of the absolute determinant, as NumPy
    /// accumulates them: pivots flip the sign, then each diagonal entry's
    /// sign and `log` in order. Singular: `(0, -inf)`.
    pub fn sign_logdet(&self) -> (f64, f64) {
        if self.info > 0 {
            return (0.0, f64::NEG_INFINITY);
        }
        let mut sign = 1.0;
        for (i, &p) in self.ipiv.iter().enumerate() {
            if p != i {
                sign = -sign;
            }
        }
        let mut logdet = 0.0;
        for i in 0..self.n {
            let mut d = self.l(i, i);
            if d < 0.0 {
                sign = -sign;
                d = -d;
            }
            logdet += d.ln();
        }
        (sign, logdet)
    }

    /// `getrs` for the right-hand sides `b` (column-major, `n x nrhs`):
    /// one column through `dtrsv` twice, several through `dtrsm`.
    pub fn solve(&self, b: &mut [f64], nrhs: usize) {
        let n = self.n;
        for c in 0..nrhs {
            let col = &mut b[c * n..(c + 1) * n];
            for (i, &p) in self.ipiv.iter().enumerate() {
                if p != i {
                    col.swap(i, p);
                }
            }
            if nrhs == 1 {
                self.trsv(col);
            } else {
                self.trsm_column(col, nrhs % 2 == 1 && c == nrhs - 1);
            }
        }
    }

    /// `dtrsv` lower-unit then upper: column sweeps with `daxpy`, the
    /// diagonal divided.
    fn trsv(&self, b: &mut [f64]) {
        let n = self.n;
        for i in 0..n {
            let xi = b[i];
            axpy(-xi, |k| self.l(i + 1 + k, i), &mut b[i + 1..]);
        }
        for i in (0..n).rev() {
            b[i] /= self.l(i, i);
            let xi = b[i];
            axpy(-xi, |k| self.l(k, i), &mut b[..i]);
        }
    }

    /// One column of `dtrsm`'s generic kernels: rows in blocks of four
    /// (forward: fours from the top, then a two, then a one; backward:
    /// a one and a two from the bottom, then fours), each block first
    /// subtracting the `dgemm` sum over the rows already solved, then
    /// solved by column sweeps (the diagonal multiplied by its
    /// reciprocal). `lone` marks a last odd column, which `dgemm` runs
    /// through its 4x1 kernel.
    fn trsm_column(&self, c: &mut [f64], lone: bool) {
        let n = self.n;
        let mut forward = Vec::new();
        let mut s = 0;
        for _ in 0..n / 4 {
            forward.push((s, s + 4));
            s += 4;
        }
        for size in [2, 1] {
            if n & size != 0 {
                forward.push((s, s + size));
                s += size;
            }
        }
        for &(s, e) in &forward {
            if s > 0 {
                for r in s..e {
                    let acc = gemm_sum((0..s).map(|k| (self.l(r, k), c[k])), lone && e - s == 4);
                    c[r] -= acc;
                }
            }
            for i in s..e {
                for k in i + 1..e {
                    c[k] -= c[i] * self.l(k, i);
                }
            }
        }
        let mut backward = Vec::new();
        let mut e = n;
        for size in [1, 2] {
            if n & size != 0 {
                backward.push((e - size, e));
                e -= size;
            }
        }
        for _ in 0..n / 4 {
            backward.push((e - 4, e));
            e -= 4;
        }
        for &(s, e) in &backward {
            if e < n {
                for r in s..e {
                    let acc = gemm_sum((e..n).map(|k| (self.l(r, k), c[k])), lone && e - s == 4);
                    c[r] -= acc;
                }
            }
            for i in (s..e).rev() {
                c[i] *= 1.0 / self.l(i, i);
                for k in s..i {
                    c[k] -= c[i] * self.l(k, i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn det_of_1234_keeps_numpys_last_bit() {
        // Column-major [[1, 2], [3, 4]].
        let lu = getf2(2, vec![1.0, 3.0, 2.0, 4.0]);
        let (sign, logdet) = lu.sign_logdet();
        assert_eq!(sign * logdet.exp(), -2.0000000000000004);
    }

    #[test]
    fn a_zero_column_is_singular() {
        let lu = getf2(2, vec![0.0, 0.0, 1.0, 2.0]);
        assert_eq!(lu.info, 1);
        assert_eq!(lu.sign_logdet(), (0.0, f64::NEG_INFINITY));
    }

    #[test]
    fn solve_inverts() {
        let lu = getf2(2, vec![4.0, 2.0, 7.0, 6.0]);
        let mut b = vec![1.0, 0.0, 0.0, 1.0];
        lu.solve(&mut b, 2);
        assert_eq!(b, vec![0.6000000000000001, -0.2, -0.7000000000000001, 0.4]);
    }
}
