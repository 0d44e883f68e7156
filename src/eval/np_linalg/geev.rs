//! Eigenvalues of a real upper Hessenberg matrix as LAPACK's `dgeev`
//! computes them when no vectors are wanted (`jobvl = jobvr = 'N'`), the
//! path `np.roots` takes through `eigvals` of its companion matrix.
//!
//! The steps are LAPACK 3.12's, in its order of floating-point
//! operations: `dgebal('B')` (the scaling loop by powers of two, with
//! 2-norms), `dgehrd` (nothing to do: the matrix is already Hessenberg,
//! every reflector of `dgehd2` is the identity), then `dhseqr('E', 'N')`,
//! which for `n <= 75` is `dlahqr`: Francis double-shift QR with the
//! Ahues–Tisseur deflation test, exceptional shifts after 10 and 20
//! iterations without a deflation (`KEXSH = 10`, read off OpenBLAS's
//! compiled `dlahqr`), `dlarfg` reflectors of order 3 and 2
//! and `dlanv2` for the 2×2 blocks. `dnrm2` as OpenBLAS's kernel gives
//! it here: the exact sum of squares, square-rooted and rounded once
//! (checked against the library on thousands of vectors). What the replay does not cover (isolated
//! eigenvalues that `dgebal` would permute, a matrix `dgeev` would
//! rescale, `n > 75`, no convergence) is `None`, for the caller to refuse.

use super::blas::nrm2;
use super::lapack::{lapy2, sign};

/// LAPACK's `dlamch('S')`.
const SAFMIN: f64 = f64::MIN_POSITIVE;
/// `dlamch('P')`: eps * base.
const ULP: f64 = f64::EPSILON;

/// `dlarfg` on `v` (alpha `v[0]`, x the rest): returns `tau`, leaves
/// beta in `v[0]` and the reflector's tail in `v[1..]`.
fn larfg(v: &mut [f64]) -> f64 {
    if v.len() <= 1 {
        return 0.0;
    }
    let mut xnorm = nrm2(&v[1..]);
    if xnorm == 0.0 {
        return 0.0;
    }
    let mut alpha = v[0];
    let mut beta = -sign(lapy2(alpha, xnorm), alpha);
    let safmin = SAFMIN / (ULP / 2.0);
    let mut knt = 0;
    if beta.abs() < safmin {
        let rsafmn = 1.0 / safmin;
        loop {
            knt += 1;
            v[1..].iter_mut().for_each(|x| *x *= rsafmn);
            beta *= rsafmn;
            alpha *= rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        xnorm = nrm2(&v[1..]);
        beta = -sign(lapy2(alpha, xnorm), alpha);
    }
    let tau = (beta - alpha) / beta;
    let r = 1.0 / (alpha - beta);
    v[1..].iter_mut().for_each(|x| *x *= r);
    for _ in 0..knt {
        beta *= safmin;
    }
    v[0] = beta;
    tau
}

/// `dlanv2`'s eigenvalues of the 2×2 block `[[a, b], [c, d]]`:
/// `(rt1r, rt1i, rt2r, rt2i)`.
fn lanv2(mut a: f64, mut b: f64, mut c: f64, mut d: f64) -> (f64, f64, f64, f64) {
    let eps = ULP;
    if c == 0.0 {
    } else if b == 0.0 {
        std::mem::swap(&mut a, &mut d);
        b = -c;
        c = 0.0;
    } else if (a - d) == 0.0 && sign(1.0, b) != sign(1.0, c) {
    } else {
        let temp = a - d;
        let mut p = 0.5 * temp;
        let bcmax = b.abs().max(c.abs());
        let bcmis = b.abs().min(c.abs()) * sign(1.0, b) * sign(1.0, c);
        let scale = p.abs().max(bcmax);
        let mut z = (p / scale) * p + (bcmax / scale) * bcmis;
        if z >= 4.0 * eps {
            // Real eigenvalues.
            z = p + sign(scale.sqrt() * z.sqrt(), p);
            a = d + z;
            d -= (bcmax / z) * bcmis;
            b -= c;
            c = 0.0;
        } else {
            // Complex or nearly equal real eigenvalues: equal diagonal.
            let mut sigma = b + c;
            let mut temp = temp;
            let safmn2 = 2f64.powi(((SAFMIN / eps).log2() / 2.0) as i32);
            let safmx2 = 1.0 / safmn2;
            let mut count = 0;
            loop {
                count += 1;
                let scale = temp.abs().max(sigma.abs());
                if scale >= safmx2 {
                    sigma *= safmn2;
                    temp *= safmn2;
                    if count <= 20 {
                        continue;
                    }
                }
                if scale <= safmn2 {
                    sigma *= safmx2;
                    temp *= safmx2;
                    if count <= 20 {
                        continue;
                    }
                }
                break;
            }
            p = 0.5 * temp;
            let tau = lapy2(sigma, temp);
            let cs = (0.5 * (1.0 + sigma.abs() / tau)).sqrt();
            let sn = -(p / (tau * cs)) * sign(1.0, sigma);
            let aa = a * cs + b * sn;
            let bb = -a * sn + b * cs;
            let cc = c * cs + d * sn;
            let dd = -c * sn + d * cs;
            b = bb * cs + dd * sn;
            c = -aa * sn + cc * cs;
            let a2 = aa * cs + cc * sn;
            let d2 = -bb * sn + dd * cs;
            let temp = 0.5 * (a2 + d2);
            a = temp;
            d = temp;
            if c != 0.0 {
                if b != 0.0 {
                    if sign(1.0, b) == sign(1.0, c) {
                        // Real eigenvalues.
                        let sab = b.abs().sqrt();
                        let sac = c.abs().sqrt();
                        p = sign(sab * sac, c);
                        a = temp + p;
                        d = temp - p;
                        b -= c;
                        c = 0.0;
                    }
                } else {
                    b = -c;
                    c = 0.0;
                }
            }
        }
    }
    let (rt1i, rt2i) = if c == 0.0 {
        (0.0, 0.0)
    } else {
        let i = b.abs().sqrt() * c.abs().sqrt();
        (i, -i)
    };
    (a, rt1i, d, rt2i)
}

/// `dgebal('B')`'s scaling loop on the column-major `n x n` matrix `h`
/// (`k = 1`, `l = n`: nothing isolated). `None` if a row or column could
/// be isolated by a permutation, which this replay does not model.
fn balance(n: usize, h: &mut [f64]) -> Option<()> {
    let at = |i: usize, j: usize| i + j * n;
    // dgebal's search for rows and then columns that isolate an
    // eigenvalue: any hit means a permutation.
    for j in (0..n).rev() {
        if (0..n).all(|i| i == j || h[at(j, i)] == 0.0) {
            return None;
        }
    }
    for j in 0..n {
        if (0..n).all(|i| i == j || h[at(i, j)] == 0.0) {
            return None;
        }
    }
    const SCLFAC: f64 = 2.0;
    const FACTOR: f64 = 0.95;
    let sfmin1 = SAFMIN / ULP;
    let sfmax1 = 1.0 / sfmin1;
    let sfmin2 = sfmin1 * SCLFAC;
    let sfmax2 = 1.0 / sfmin2;
    let mut scale = vec![1.0f64; n];
    let mut noconv = true;
    let mut rounds = 0;
    while noconv {
        noconv = false;
        rounds += 1;
        if rounds > 10_000 {
            return None;
        }
        for i in 0..n {
            let col: Vec<f64> = (0..n).map(|r| h[at(r, i)]).collect();
            let row: Vec<f64> = (0..n).map(|c| h[at(i, c)]).collect();
            let mut c = nrm2(&col);
            let mut r = nrm2(&row);
            let mut ca = col
                .iter()
                .fold(0.0f64, |m, v| if v.abs() > m { v.abs() } else { m });
            let mut ra = row
                .iter()
                .fold(0.0f64, |m, v| if v.abs() > m { v.abs() } else { m });
            if c == 0.0 || r == 0.0 {
                continue;
            }
            if (c + ca + r + ra).is_nan() {
                return None;
            }
            let mut g = r / SCLFAC;
            let mut f = 1.0f64;
            let s = c + r;
            while c < g && f.max(c).max(ca) < sfmax2 && r.min(g).min(ra) > sfmin2 {
                f *= SCLFAC;
                c *= SCLFAC;
                ca *= SCLFAC;
                r /= SCLFAC;
                g /= SCLFAC;
                ra /= SCLFAC;
            }
            g = c / SCLFAC;
            while g >= r && r.max(ra) < sfmax2 && f.min(c).min(g).min(ca) > sfmin2 {
                f /= SCLFAC;
                c /= SCLFAC;
                g /= SCLFAC;
                ca /= SCLFAC;
                r *= SCLFAC;
                ra *= SCLFAC;
            }
            if (c + r) >= FACTOR * s {
                continue;
            }
            if f < 1.0 && scale[i] < 1.0 && f * scale[i] <= sfmin1 {
                continue;
            }
            if f > 1.0 && scale[i] > 1.0 && scale[i] >= sfmax1 / f {
                continue;
            }
            let g = 1.0 / f;
            scale[i] *= f;
            noconv = true;
            for cix in 0..n {
                h[at(i, cix)] *= g;
            }
            for rix in 0..n {
                h[at(rix, i)] *= f;
            }
        }
    }
    Some(())
}

/// `dlahqr` with `wantt = wantz = false` on the column-major upper
/// Hessenberg `h` (`ilo = 1`, `ihi = n`): the eigenvalues `(wr, wi)`, or
/// `None` if it does not converge.
fn lahqr(n: usize, h: &mut [f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    // One-based access, as the Fortran reads.
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    let mut wr = vec![0.0f64; n];
    let mut wi = vec![0.0f64; n];
    if n == 0 {
        return Some((wr, wi));
    }
    if n == 1 {
        wr[0] = h[0];
        return Some((wr, wi));
    }
    let (ilo, ihi) = (1usize, n);
    for j in ilo..=ihi.saturating_sub(3) {
        h[ix(j + 2, j)] = 0.0;
        h[ix(j + 3, j)] = 0.0;
    }
    if ilo + 2 <= ihi {
        h[ix(ihi, ihi - 2)] = 0.0;
    }
    let nh = ihi - ilo + 1;
    let smlnum = SAFMIN * (nh as f64 / ULP);
    let itmax = 30 * nh.max(10);
    let mut kdefl: usize = 0;
    const KEXSH: usize = 10;
    const DAT1: f64 = 3.0 / 4.0;
    const DAT2: f64 = -0.4375;
    let mut i = ihi;
    loop {
        let mut l = ilo;
        if i < ilo {
            break;
        }
        let mut converged = false;
        for _its in 0..=itmax {
            if crate::engine::interrupt::check().is_err() {
                return None;
            }
            // Look for a single small subdiagonal element.
            let mut k = i;
            while k > l {
                if h[ix(k, k - 1)].abs() <= smlnum {
                    break;
                }
                let mut tst = h[ix(k - 1, k - 1)].abs() + h[ix(k, k)].abs();
                if tst == 0.0 {
                    if k >= ilo + 2 {
                        tst += h[ix(k - 1, k - 2)].abs();
                    }
                    if k < ihi {
                        tst += h[ix(k + 1, k)].abs();
                    }
                }
                if h[ix(k, k - 1)].abs() <= ULP * tst {
                    let ab = h[ix(k, k - 1)].abs().max(h[ix(k - 1, k)].abs());
                    let ba = h[ix(k, k - 1)].abs().min(h[ix(k - 1, k)].abs());
                    let aa = h[ix(k, k)]
                        .abs()
                        .max((h[ix(k - 1, k - 1)] - h[ix(k, k)]).abs());
                    let bb = h[ix(k, k)]
                        .abs()
                        .min((h[ix(k - 1, k - 1)] - h[ix(k, k)]).abs());
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ULP * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                h[ix(l, l - 1)] = 0.0;
            }
            if l + 1 >= i {
                converged = true;
                break;
            }
            kdefl += 1;
            let (i1, i2) = (l, i);
            let (h11, h12, h21, h22);
            if kdefl.is_multiple_of(2 * KEXSH) {
                let s = h[ix(i, i - 1)].abs() + h[ix(i - 1, i - 2)].abs();
                h11 = DAT1 * s + h[ix(i, i)];
                h12 = DAT2 * s;
                h21 = s;
                h22 = h11;
            } else if kdefl.is_multiple_of(KEXSH) {
                let s = h[ix(l + 1, l)].abs() + h[ix(l + 2, l + 1)].abs();
                h11 = DAT1 * s + h[ix(l, l)];
                h12 = DAT2 * s;
                h21 = s;
                h22 = h11;
            } else {
                h11 = h[ix(i - 1, i - 1)];
                h21 = h[ix(i, i - 1)];
                h12 = h[ix(i - 1, i)];
                h22 = h[ix(i, i)];
            }
            let s = h11.abs() + h12.abs() + h21.abs() + h22.abs();
            let (rt1r, rt1i, rt2r, rt2i);
            if s == 0.0 {
                (rt1r, rt1i, rt2r, rt2i) = (0.0, 0.0, 0.0, 0.0);
            } else {
                let (h11, h21, h12, h22) = (h11 / s, h21 / s, h12 / s, h22 / s);
                let tr = (h11 + h22) / 2.0;
                let det = (h11 - tr) * (h22 - tr) - h12 * h21;
                let rtdisc = det.abs().sqrt();
                if det >= 0.0 {
                    rt1r = tr * s;
                    rt2r = rt1r;
                    rt1i = rtdisc * s;
                    rt2i = -rt1i;
                } else {
                    let a = tr + rtdisc;
                    let b = tr - rtdisc;
                    if (a - h22).abs() <= (b - h22).abs() {
                        rt1r = a * s;
                        rt2r = rt1r;
                    } else {
                        rt2r = b * s;
                        rt1r = rt2r;
                    }
                    rt1i = 0.0;
                    rt2i = 0.0;
                }
            }
            // Look for two consecutive small subdiagonal elements.
            let mut v = [0.0f64; 3];
            let mut m = i - 2;
            loop {
                let h21s = h[ix(m + 1, m)];
                let s = (h[ix(m, m)] - rt2r).abs() + rt2i.abs() + h21s.abs();
                let h21s = h[ix(m + 1, m)] / s;
                v[0] = h21s * h[ix(m, m + 1)] + (h[ix(m, m)] - rt1r) * ((h[ix(m, m)] - rt2r) / s)
                    - rt1i * (rt2i / s);
                v[1] = h21s * (h[ix(m, m)] + h[ix(m + 1, m + 1)] - rt1r - rt2r);
                v[2] = h21s * h[ix(m + 2, m + 1)];
                let s = v[0].abs() + v[1].abs() + v[2].abs();
                v[0] /= s;
                v[1] /= s;
                v[2] /= s;
                if m == l {
                    break;
                }
                let h00 = h[ix(m, m - 1)].abs() * (v[1].abs() + v[2].abs());
                let h01 = ULP
                    * v[0].abs()
                    * (h[ix(m - 1, m - 1)].abs() + h[ix(m, m)].abs() + h[ix(m + 1, m + 1)].abs());
                if h00 <= h01 {
                    break;
                }
                m -= 1;
            }
            // Double-shift QR step.
            for k in m..i {
                let nr = 3.min(i - k + 1);
                if k > m {
                    for q in 0..nr {
                        v[q] = h[ix(k + q, k - 1)];
                    }
                }
                let t1 = larfg(&mut v[..nr]);
                if k > m {
                    h[ix(k, k - 1)] = v[0];
                    h[ix(k + 1, k - 1)] = 0.0;
                    if k + 1 < i {
                        h[ix(k + 2, k - 1)] = 0.0;
                    }
                } else if m > l {
                    h[ix(k, k - 1)] *= 1.0 - t1;
                }
                let v2 = v[1];
                let t2 = t1 * v2;
                if nr == 3 {
                    let v3 = v[2];
                    let t3 = t1 * v3;
                    for j in k..=i2 {
                        let sum = h[ix(k, j)] + v2 * h[ix(k + 1, j)] + v3 * h[ix(k + 2, j)];
                        h[ix(k, j)] -= sum * t1;
                        h[ix(k + 1, j)] -= sum * t2;
                        h[ix(k + 2, j)] -= sum * t3;
                    }
                    for j in i1..=(k + 3).min(i) {
                        let sum = h[ix(j, k)] + v2 * h[ix(j, k + 1)] + v3 * h[ix(j, k + 2)];
                        h[ix(j, k)] -= sum * t1;
                        h[ix(j, k + 1)] -= sum * t2;
                        h[ix(j, k + 2)] -= sum * t3;
                    }
                } else if nr == 2 {
                    for j in k..=i2 {
                        let sum = h[ix(k, j)] + v2 * h[ix(k + 1, j)];
                        h[ix(k, j)] -= sum * t1;
                        h[ix(k + 1, j)] -= sum * t2;
                    }
                    for j in i1..=i {
                        let sum = h[ix(j, k)] + v2 * h[ix(j, k + 1)];
                        h[ix(j, k)] -= sum * t1;
                        h[ix(j, k + 1)] -= sum * t2;
                    }
                }
            }
        }
        if !converged {
            return None;
        }
        if l == i {
            wr[i - 1] = h[ix(i, i)];
            wi[i - 1] = 0.0;
        } else if l + 1 == i {
            let (a, b, c, d) = (
                h[ix(i - 1, i - 1)],
                h[ix(i - 1, i)],
                h[ix(i, i - 1)],
                h[ix(i, i)],
            );
            let (r1, i1v, r2, i2v) = lanv2(a, b, c, d);
            wr[i - 2] = r1;
            wi[i - 2] = i1v;
            wr[i - 1] = r2;
            wi[i - 1] = i2v;
        }
        kdefl = 0;
        if l < 2 {
            break;
        }
        i = l - 1;
    }
    Some((wr, wi))
}

/// `dgeev`'s eigenvalues (no vectors) of a real upper Hessenberg matrix
/// given row-major: `(wr, wi)`, or `None` where the replay stops.
pub fn hessenberg_eigvals(n: usize, rows: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    if n > 75 || rows.len() != n * n {
        return None;
    }
    if rows.iter().any(|v| !v.is_finite()) {
        return None;
    }
    // dgeev scales a matrix whose largest entry is outside
    // [sqrt(safmin)/eps, its reciprocal]; not replayed.
    let anrm = rows.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let smlnum = SAFMIN.sqrt() / ULP;
    let bignum = 1.0 / smlnum;
    if anrm > 0.0 && (anrm < smlnum || anrm > bignum) {
        return None;
    }
    // Only Hessenberg input: dgehrd would otherwise reflect.
    for i in 0..n {
        for j in 0..i.saturating_sub(1) {
            if rows[i * n + j] != 0.0 {
                return None;
            }
        }
    }
    let mut h = vec![0.0f64; n * n];
    for i in 0..n {
        for j in 0..n {
            h[i + j * n] = rows[i * n + j];
        }
    }
    if n == 1 {
        return Some((vec![h[0]], vec![0.0]));
    }
    balance(n, &mut h)?;
    lahqr(n, &mut h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companion_of_x2_minus_3x_plus_2() {
        // x^2 - 3x + 2: roots 2 and 1.
        let (wr, wi) = hessenberg_eigvals(2, &[3.0, -2.0, 1.0, 0.0]).unwrap();
        assert_eq!(wi, vec![0.0, 0.0]);
        let mut w = wr.clone();
        w.sort_by(f64::total_cmp);
        assert!((w[0] - 1.0).abs() < 1e-12 && (w[1] - 2.0).abs() < 1e-12);
    }

    #[test]
    fn nrm2_of_three_four() {
        assert_eq!(nrm2(&[3.0, 4.0]), 5.0);
    }
}
