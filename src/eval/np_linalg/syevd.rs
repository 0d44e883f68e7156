//! `np.linalg.eigh`'s eigenvectors, by LAPACK's own steps so their signs
//! are NumPy's: `dsyevd` (what the `eigh_lo`/`eigh_up` gufuncs call)
//! reduces the matrix to tridiagonal form with Householder reflectors
//! (`dsytd2`, unblocked below 32 columns), finds the tridiagonal
//! eigensystem (`dstedc` hands orders up to 25 to `dsteqr`: implicit QL or
//! QR with Wilkinson shifts, `dlaev2` for 2x2 blocks, `dlartg` rotations
//! applied by `dlasr`, then a selection sort), and multiplies by the
//! reflectors (`dormtr`, i.e. `dorm2r`). Larger orders go through the
//! divide and conquer code, which is not replayed ([`MAX_N`]).
//! Matrices are column-major (`a[i + j * n]`).

use super::lapack::{lapy2, lartg, sign};

/// The largest order `dstedc` hands to `dsteqr` (`SMLSIZ`).
pub const MAX_N: usize = 25;

/// `dlarfg` (see `factor.rs`), on a gathered vector.
fn larfg(alpha: f64, x: &mut [f64]) -> (f64, f64) {
    let xnorm = {
        let scale = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if scale == 0.0 {
            0.0
        } else {
            scale
                * x.iter()
                    .map(|v| (v / scale) * (v / scale))
                    .sum::<f64>()
                    .sqrt()
        }
    };
    if x.is_empty() || xnorm == 0.0 {
        return (alpha, 0.0);
    }
    let beta = -sign(lapy2(alpha, xnorm), alpha);
    let tau = (beta - alpha) / beta;
    let r = 1.0 / (alpha - beta);
    x.iter_mut().for_each(|v| *v *= r);
    (beta, tau)
}

/// `dsytd2` with `UPLO='L'` on the lower triangle of `a`: returns the
/// diagonal, the off-diagonal and `tau`; the reflectors stay below the
/// subdiagonal.
fn sytd2_lower(n: usize, a: &mut [f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n.saturating_sub(1)];
    let mut tau = vec![0.0; n.saturating_sub(1)];
    for i in 0..n.saturating_sub(1) {
        let len = n - i - 1;
        let mut x: Vec<f64> = (i + 2..n).map(|r| a[r + i * n]).collect();
        let (beta, taui) = larfg(a[i + 1 + i * n], &mut x);
        for (k, r) in (i + 2..n).enumerate() {
            a[r + i * n] = x[k];
        }
        e[i] = beta;
        if taui != 0.0 {
            a[i + 1 + i * n] = 1.0;
            let v: Vec<f64> = (0..len).map(|k| a[i + 1 + k + i * n]).collect();
            let at = |r: usize, c: usize| a[i + 1 + r + (i + 1 + c) * n];
            // dsymv (lower): w = taui * A v.
            let mut w = vec![0.0; len];
            for j in 0..len {
                let t1 = taui * v[j];
                let mut t2 = 0.0;
                w[j] += t1 * at(j, j);
                for r in j + 1..len {
                    w[r] += t1 * at(r, j);
                    t2 += at(r, j) * v[r];
                }
                w[j] += taui * t2;
            }
            let dot: f64 = w.iter().zip(&v).map(|(p, q)| p * q).sum();
            let alpha = -0.5 * taui * dot;
            for (wk, vk) in w.iter_mut().zip(&v) {
                *wk += alpha * vk;
            }
            // dsyr2 (lower): A -= v w^T + w v^T.
            for j in 0..len {
                if v[j] != 0.0 || w[j] != 0.0 {
                    let (t1, t2) = (-w[j], -v[j]);
                    for r in j..len {
                        a[i + 1 + r + (i + 1 + j) * n] += v[r] * t1 + w[r] * t2;
                    }
                }
            }
            a[i + 1 + i * n] = e[i];
        }
        d[i] = a[i + i * n];
        tau[i] = taui;
    }
    if n > 0 {
        d[n - 1] = a[(n - 1) + (n - 1) * n];
    }
    (d, e, tau)
}

/// `dlaev2`: eigenvalues `rt1 >= rt2` (by magnitude rule) of
/// `[[a, b], [b, c]]` and the rotation `(cs1, sn1)` for `rt1`.
pub fn laev2(a: f64, b: f64, c: f64) -> (f64, f64, f64, f64) {
    let sm = a + c;
    let df = a - c;
    let adf = df.abs();
    let tb = b + b;
    let ab = tb.abs();
    let (acmx, acmn) = if a.abs() > c.abs() { (a, c) } else { (c, a) };
    let rt = if adf > ab {
        adf * (1.0 + (ab / adf) * (ab / adf)).sqrt()
    } else if adf < ab {
        ab * (1.0 + (adf / ab) * (adf / ab)).sqrt()
    } else {
        ab * 2f64.sqrt()
    };
    let (rt1, rt2, sgn1) = if sm < 0.0 {
        let rt1 = 0.5 * (sm - rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, -1)
    } else if sm > 0.0 {
        let rt1 = 0.5 * (sm + rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, 1)
    } else {
        (0.5 * rt, -0.5 * rt, 1)
    };
    let (cs, sgn2) = if df >= 0.0 {
        (df + rt, 1)
    } else {
        (df - rt, -1)
    };
    let (mut cs1, mut sn1);
    if cs.abs() > ab {
        let ct = -tb / cs;
        sn1 = 1.0 / (1.0 + ct * ct).sqrt();
        cs1 = ct * sn1;
    } else if ab == 0.0 {
        cs1 = 1.0;
        sn1 = 0.0;
    } else {
        let tn = -cs / tb;
        cs1 = 1.0 / (1.0 + tn * tn).sqrt();
        sn1 = tn * cs1;
    }
    if sgn1 == sgn2 {
        let tn = cs1;
        cs1 = -sn1;
        sn1 = tn;
    }
    (rt1, rt2, cs1, sn1)
}

/// `dlasr('R', 'V', dir, n, mm, c, s, Z(:, col0..))`.
fn lasr(z: &mut [f64], n: usize, col0: usize, c: &[f64], s: &[f64], forward: bool) {
    let mm = c.len() + 1;
    let mut step = |j: usize| {
        let (ct, st) = (c[j], s[j]);
        if ct != 1.0 || st != 0.0 {
            for i in 0..n {
                let temp = z[i + (col0 + j + 1) * n];
                let zj = z[i + (col0 + j) * n];
                z[i + (col0 + j + 1) * n] = ct * temp - st * zj;
                z[i + (col0 + j) * n] = st * temp + ct * zj;
            }
        }
    };
    if forward {
        (0..mm - 1).for_each(&mut step);
    } else {
        (0..mm - 1).rev().for_each(&mut step);
    }
}

/// `dsteqr` with `COMPZ='I'`: eigenvalues ascending in `d`, eigenvectors
/// of the tridiagonal matrix in `z`; `false` if it did not converge.
fn steqr(n: usize, d: &mut [f64], e: &mut [f64], z: &mut [f64]) -> bool {
    for i in 0..n {
        for j in 0..n {
            z[i + j * n] = if i == j { 1.0 } else { 0.0 };
        }
    }
    if n <= 1 {
        return true;
    }
    let eps = f64::EPSILON / 2.0;
    let eps2 = eps * eps;
    let safmin = f64::MIN_POSITIVE;
    let nmaxit = n * 30;
    let mut jtot = 0;
    let mut work_c = vec![0.0; n];
    let mut work_s = vec![0.0; n];
    // 1-based indices as in the Fortran, mapped with `- 1`.
    let mut l1 = 1usize;
    loop {
        if l1 > n {
            break;
        }
        if l1 > 1 {
            e[l1 - 2] = 0.0;
        }
        let mut m = n;
        if l1 < n {
            for mm in l1..n {
                let tst = e[mm - 1].abs();
                if tst == 0.0 {
                    m = mm;
                    break;
                }
                if tst <= (d[mm - 1].abs().sqrt() * d[mm].abs().sqrt()) * eps {
                    e[mm - 1] = 0.0;
                    m = mm;
                    break;
                }
            }
        }
        let mut l = l1;
        let lsv = l;
        let mut lend = m;
        let lendsv = lend;
        l1 = m + 1;
        if lend == l {
            continue;
        }
        let anorm = d[l - 1..lend]
            .iter()
            .chain(&e[l - 1..lend - 1])
            .fold(
                0.0f64,
                |x, v| if v.is_nan() { f64::NAN } else { x.max(v.abs()) },
            );
        if anorm == 0.0 {
            continue;
        }
        if d[lend - 1].abs() < d[l - 1].abs() {
            lend = lsv;
            l = lendsv;
        }
        if lend > l {
            // QL iteration.
            loop {
                let mut m = lend;
                if l != lend {
                    for mm in l..lend {
                        let tst = e[mm - 1].abs().powi(2);
                        if tst <= (eps2 * d[mm - 1].abs()) * d[mm].abs() + safmin {
                            m = mm;
                            break;
                        }
                    }
                }
                if m < lend {
                    e[m - 1] = 0.0;
                }
                let mut p = d[l - 1];
                if m == l {
                    d[l - 1] = p;
                    l += 1;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if m == l + 1 {
                    let (rt1, rt2, c, s) = laev2(d[l - 1], e[l - 1], d[l]);
                    lasr(z, n, l - 1, &[c], &[s], false);
                    d[l - 1] = rt1;
                    d[l] = rt2;
                    e[l - 1] = 0.0;
                    l += 2;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let mut g = (d[l] - p) / (2.0 * e[l - 1]);
                let mut r = lapy2(g, 1.0);
                g = d[m - 1] - p + (e[l - 1] / (g + sign(r, g)));
                let (mut s, mut c) = (1.0, 1.0);
                p = 0.0;
                for i in (l..m).rev() {
                    let f = s * e[i - 1];
                    let b = c * e[i - 1];
                    let (cc, ss, rr) = lartg(g, f);
                    c = cc;
                    s = ss;
                    r = rr;
                    if i != m - 1 {
                        e[i] = r;
                    }
                    g = d[i] - p;
                    r = (d[i - 1] - g) * s + 2.0 * c * b;
                    p = s * r;
                    d[i] = g + p;
                    g = c * r - b;
                    work_c[i - 1] = c;
                    work_s[i - 1] = -s;
                }
                lasr(
                    z,
                    n,
                    l - 1,
                    &work_c[l - 1..m - 1],
                    &work_s[l - 1..m - 1],
                    false,
                );
                d[l - 1] -= p;
                e[l - 1] = g;
            }
        } else {
            // QR iteration.
            loop {
                let mut m = lend;
                if l != lend {
                    let mut mm = l;
                    while mm > lend {
                        let tst = e[mm - 2].abs().powi(2);
                        if tst <= (eps2 * d[mm - 1].abs()) * d[mm - 2].abs() + safmin {
                            m = mm;
                            break;
                        }
                        mm -= 1;
                    }
                }
                if m > lend {
                    e[m - 2] = 0.0;
                }
                let mut p = d[l - 1];
                if m == l {
                    d[l - 1] = p;
                    if l == 1 {
                        break;
                    }
                    l -= 1;
                    if l >= lend {
                        continue;
                    }
                    break;
                }
                if m + 1 == l {
                    let (rt1, rt2, c, s) = laev2(d[l - 2], e[l - 2], d[l - 1]);
                    lasr(z, n, m - 1, &[c], &[s], true);
                    d[l - 2] = rt1;
                    d[l - 1] = rt2;
                    e[l - 2] = 0.0;
                    if l < 3 {
                        break;
                    }
                    l -= 2;
                    if l >= lend {
                        continue;
                    }
                    break;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let mut g = (d[l - 2] - p) / (2.0 * e[l - 2]);
                let mut r = lapy2(g, 1.0);
                g = d[m - 1] - p + (e[l - 2] / (g + sign(r, g)));
                let (mut s, mut c) = (1.0, 1.0);
                p = 0.0;
                for i in m..l {
                    let f = s * e[i - 1];
                    let b = c * e[i - 1];
                    let (cc, ss, rr) = lartg(g, f);
                    c = cc;
                    s = ss;
                    r = rr;
                    if i != m {
                        e[i - 2] = r;
                    }
                    g = d[i - 1] - p;
                    r = (d[i] - g) * s + 2.0 * c * b;
                    p = s * r;
                    d[i - 1] = g + p;
                    g = c * r - b;
                    work_c[i - 1] = c;
                    work_s[i - 1] = s;
                }
                lasr(
                    z,
                    n,
                    m - 1,
                    &work_c[m - 1..l - 1],
                    &work_s[m - 1..l - 1],
                    true,
                );
                d[l - 1] -= p;
                e[l - 2] = g;
            }
        }
        if jtot >= nmaxit {
            return e.iter().all(|&x| x == 0.0);
        }
    }
    // Selection sort, swapping eigenvectors.
    for ii in 1..n {
        let i = ii - 1;
        let mut k = i;
        let mut p = d[i];
        for (j, &dj) in d.iter().enumerate().skip(ii) {
            if dj < p {
                k = j;
                p = dj;
            }
        }
        if k != i {
            d[k] = d[i];
            d[i] = p;
            for r in 0..n {
                z.swap(r + i * n, r + k * n);
            }
        }
    }
    true
}

/// Eigenvalues (ascending) and eigenvectors (column-major `n x n`) of
/// the symmetric matrix whose lower triangle is in the column-major `a`,
/// or `None` when `dsteqr` does not converge.
pub fn syevd_lower(n: usize, mut a: Vec<f64>) -> Option<(Vec<f64>, Vec<f64>)> {
    if n == 0 {
        return Some((Vec::new(), Vec::new()));
    }
    if n == 1 {
        return Some((vec![a[0]], vec![1.0]));
    }
    let (mut d, mut e, tau) = sytd2_lower(n, &mut a);
    let mut z = vec![0.0; n * n];
    if !steqr(n, &mut d, &mut e, &mut z) {
        return None;
    }
    // dormtr('L', 'L', 'N'): rows 1.. of Z times H(1) ... H(n-1), the
    // last reflector first (dorm2r), reflector i in a[i+1.., i].
    for i in (0..n - 1).rev() {
        let t = tau[i];
        if t == 0.0 {
            continue;
        }
        let mut v: Vec<f64> = (i + 1..n).map(|r| a[r + i * n]).collect();
        v[0] = 1.0;
        for c in 0..n {
            let w: f64 = v
                .iter()
                .enumerate()
                .map(|(k, vk)| vk * z[i + 1 + k + c * n])
                .sum();
            let tw = t * w;
            for (k, vk) in v.iter().enumerate() {
                z[i + 1 + k + c * n] -= vk * tw;
            }
        }
    }
    Some((d, z))
}
