//! Jacobi methods for the symmetric eigenvalue problem and the singular
//! value decomposition. NumPy calls LAPACK's `dsyevd` and `dgesdd`, long
//! iterations slicelab does not replay; their eigenvalues and singular
//! values are unique, and Jacobi's rotations find them to a few units in
//! the last place (the accuracy LAPACK has), which is what the 8
//! significant digits of an array repr show. Singular and eigen
//! *vectors* are used only where their signs cannot show (`pinv`,
//! `lstsq`): those depend on LAPACK's exact iteration.

use super::super::error::PyResult;

/// Most sweeps before giving up (Jacobi converges quadratically; real
/// matrices need well under 20).
const MAX_SWEEPS: usize = 80;

/// The eigenvalues, ascending, of the symmetric `n x n` row-major `a`
/// (cyclic Jacobi with Rutishauser's update).
pub fn sym_eigvals(n: usize, mut a: Vec<f64>) -> PyResult<Vec<f64>> {
    let eps = f64::EPSILON / 2.0;
    for _ in 0..MAX_SWEEPS {
        crate::engine::interrupt::check()?;
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let (app, aqq) = (a[p * n + p], a[q * n + q]);
                if apq.abs() <= eps * (app.abs() * aqq.abs()).sqrt() {
                    a[p * n + q] = 0.0;
                    a[q * n + p] = 0.0;
                    continue;
                }
                rotated = true;
                let theta = (aqq - app) / (2.0 * apq);
                let t = if theta.abs() > 1e150 {
                    1.0 / (2.0 * theta)
                } else {
                    let t = 1.0 / (theta.abs() + (theta * theta + 1.0).sqrt());
                    if theta < 0.0 { -t } else { t }
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                let tau = s / (1.0 + c);
                a[p * n + p] = app - t * apq;
                a[q * n + q] = aqq + t * apq;
                a[p * n + q] = 0.0;
                a[q * n + p] = 0.0;
                for r in 0..n {
                    if r == p || r == q {
                        continue;
                    }
                    let (arp, arq) = (a[r * n + p], a[r * n + q]);
                    let np = arp - s * (arq + tau * arp);
                    let nq = arq + s * (arp - tau * arq);
                    a[r * n + p] = np;
                    a[p * n + r] = np;
                    a[r * n + q] = nq;
                    a[q * n + r] = nq;
                }
            }
        }
        if !rotated {
            break;
        }
    }
    let mut w: Vec<f64> = (0..n).map(|i| a[i * n + i]).collect();
    w.sort_by(f64::total_cmp);
    Ok(w)
}

/// A thin SVD: `s` descending (`k = min(m, n)` values), `u` (`m x k`,
/// row-major) and `v` (`n x k`, row-major, so `A = u diag(s) v^T`).
pub struct Svd {
    pub s: Vec<f64>,
    pub u: Vec<f64>,
    pub v: Vec<f64>,
}

/// One-sided (Hestenes) Jacobi on the columns of the row-major `m x n`
/// matrix `a` (on its rows when it is wide).
pub fn svd(m: usize, n: usize, a: &[f64]) -> PyResult<Svd> {
    let wide = m < n;
    let (l, k) = if wide { (n, m) } else { (m, n) };
    // Column j of the tall matrix as a contiguous vector of length l.
    let mut w: Vec<Vec<f64>> = (0..k)
        .map(|j| {
            (0..l)
                .map(|i| if wide { a[j * n + i] } else { a[i * n + j] })
                .collect()
        })
        .collect();
    let mut v: Vec<Vec<f64>> = (0..k)
        .map(|j| (0..k).map(|i| f64::from(u8::from(i == j))).collect())
        .collect();
    let eps = f64::EPSILON / 2.0;
    for _ in 0..MAX_SWEEPS {
        crate::engine::interrupt::check()?;
        let mut rotated = false;
        for p in 0..k {
            for q in p + 1..k {
                let alpha: f64 = w[p].iter().map(|x| x * x).sum();
                let beta: f64 = w[q].iter().map(|x| x * x).sum();
                let gamma: f64 = w[p].iter().zip(&w[q]).map(|(x, y)| x * y).sum();
                if gamma == 0.0 || gamma.abs() <= eps * (alpha * beta).sqrt() {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = 1.0 / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let t = if zeta < 0.0 { -t } else { t };
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                for vecs in [&mut w, &mut v] {
                    let (lo, hi) = vecs.split_at_mut(q);
                    for (x, y) in lo[p].iter_mut().zip(hi[0].iter_mut()) {
                        let (xp, xq) = (*x, *y);
                        *x = c * xp - s * xq;
                        *y = s * xp + c * xq;
                    }
                }
            }
        }
        if !rotated {
            break;
        }
    }
    let norms: Vec<f64> = w
        .iter()
        .map(|c| {
            let scale = c.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if scale == 0.0 {
                0.0
            } else {
                scale
                    * c.iter()
                        .map(|x| (x / scale) * (x / scale))
                        .sum::<f64>()
                        .sqrt()
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&i, &j| norms[j].total_cmp(&norms[i]));
    let s: Vec<f64> = order.iter().map(|&j| norms[j]).collect();
    // Left vectors of the tall problem: w_j / s_j; right: v_j.
    let left = |i: usize, c: usize| {
        let j = order[c];
        if norms[j] == 0.0 {
            0.0
        } else {
            w[j][i] / norms[j]
        }
    };
    let right = |i: usize, c: usize| v[order[c]][i];
    let mut u = Vec::with_capacity(m * k);
    let mut vv = Vec::with_capacity(n * k);
    for i in 0..m {
        for c in 0..k {
            u.push(if wide { right(i, c) } else { left(i, c) });
        }
    }
    for i in 0..n {
        for c in 0..k {
            vv.push(if wide { left(i, c) } else { right(i, c) });
        }
    }
    Ok(Svd { s, u, v: vv })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigenvalues_of_a_small_symmetric_matrix() {
        let w = sym_eigvals(2, vec![2.0, 1.0, 1.0, 2.0]).unwrap();
        assert_eq!(w, vec![1.0, 3.0]);
    }

    #[test]
    fn singular_values_rebuild_the_matrix() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 7.0];
        for (m, n) in [(3, 2), (2, 3)] {
            let d = svd(m, n, &a).unwrap();
            let k = m.min(n);
            for i in 0..m {
                for j in 0..n {
                    let x: f64 = (0..k)
                        .map(|c| d.u[i * k + c] * d.s[c] * d.v[j * k + c])
                        .sum();
                    assert!((x - a[i * n + j]).abs() < 1e-12);
                }
            }
            assert!(d.s[0] >= d.s[1]);
        }
    }
}
