//! The pieces of LAPACK's `dgeev` shared by the eigenvalue-only path
//! (`jobvl = jobvr = 'N'`, which `np.linalg.eigvals` and `np.roots` take)
//! and the right-eigenvector path of `geev_vectors` (`np.linalg.eig`):
//! `dgebal('B')`, `dlahqr` under `dhseqr`, and their helpers `dlarfg` and
//! `dlanv2`, in LAPACK 3.12's (OpenBLAS 0.3.31's `lapack-netlib`) order of
//! floating-point operations. LAPACK's Fortran is compiled without
//! contraction, so every product and sum here is rounded on its own.
//!
//! `dgebal('B')` isolates eigenvalues by permutations (its 3.12 loops:
//! rows from the bottom, then columns from the left, each pass's trip
//! count fixed when it starts), then scales by powers of two with 2-norms
//! (`dnrm2` as OpenBLAS's kernel gives it: the exact sum of squares,
//! square-rooted and rounded once). `dlahqr` is Francis double-shift QR
//! with the Ahues–Tisseur deflation test, exceptional shifts after 10
//! and 20 iterations without a deflation (`KEXSH = 10`, read off
//! OpenBLAS's compiled `dlahqr`), `dlarfg` reflectors of order 3 and 2
//! and `dlanv2` for the 2×2 blocks; with `wantt` it updates the whole
//! Schur form and with `wantz` the Schur vectors (`drot` by OpenBLAS's
//! kernel). What the replay does not cover (`n > 75`, where `dhseqr`
//! runs `dlaqr0`, and no convergence) is `None`, for the caller to refuse.

use super::blas::{nrm2, rot};
use super::lapack::{lapy2, sign};

/// LAPACK's `dlamch('S')`.
pub(super) const SAFMIN: f64 = f64::MIN_POSITIVE;
/// `dlamch('P')`: eps * base.
pub(super) const ULP: f64 = f64::EPSILON;

/// `dlarfg` on `v` (alpha `v[0]`, x the rest): returns `tau`, leaves
/// beta in `v[0]` and the reflector's tail in `v[1..]`.
pub(super) fn larfg(v: &mut [f64]) -> f64 {
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

/// What `dlanv2` returns for the 2×2 block `[[a, b], [c, d]]`: the
/// standardised block (`c == 0`, or `a == d` with `b c < 0`), its
/// eigenvalues and the rotation `(cs, sn)` that makes it.
pub(super) struct Lanv2 {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub rt1r: f64,
    pub rt1i: f64,
    pub rt2r: f64,
    pub rt2i: f64,
    pub cs: f64,
    pub sn: f64,
}

/// `dlanv2`: the Schur factorisation of a real 2×2 block.
pub(super) fn lanv2(mut a: f64, mut b: f64, mut c: f64, mut d: f64) -> Lanv2 {
    let eps = ULP;
    let (mut cs, mut sn) = (1.0, 0.0);
    if c == 0.0 {
    } else if b == 0.0 {
        cs = 0.0;
        sn = 1.0;
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
            let tau = lapy2(c, z);
            cs = z / tau;
            sn = c / tau;
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
            cs = (0.5 * (1.0 + sigma.abs() / tau)).sqrt();
            sn = -(p / (tau * cs)) * sign(1.0, sigma);
            let aa = a * cs + b * sn;
            let bb = -a * sn + b * cs;
            let cc = c * cs + d * sn;
            let dd = -c * sn + d * cs;
            let a2 = aa * cs + cc * sn;
            b = bb * cs + dd * sn;
            c = -aa * sn + cc * cs;
            let d2 = -bb * sn + dd * cs;
            let temp = 0.5 * (a2 + d2);
            a = temp;
            d = temp;
            if c != 0.0 {
                if b != 0.0 {
                    if sign(1.0, b) == sign(1.0, c) {
                        // Real eigenvalues: reduce to upper triangular.
                        let sab = b.abs().sqrt();
                        let sac = c.abs().sqrt();
                        p = sign(sab * sac, c);
                        let tau = 1.0 / (b + c).abs().sqrt();
                        a = temp + p;
                        d = temp - p;
                        b -= c;
                        c = 0.0;
                        let cs1 = sab * tau;
                        let sn1 = sac * tau;
                        let t = cs * cs1 - sn * sn1;
                        sn = cs * sn1 + sn * cs1;
                        cs = t;
                    }
                } else {
                    b = -c;
                    c = 0.0;
                    let t = cs;
                    cs = -sn;
                    sn = t;
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
    Lanv2 {
        a,
        b,
        c,
        d,
        rt1r: a,
        rt1i,
        rt2r: d,
        rt2i,
        cs,
        sn,
    }
}

/// What `dgebal('B')` leaves besides the balanced matrix: `ilo` and `ihi`
/// (one-based, as LAPACK has them) and `scale` (the row/column each
/// isolated position was swapped with, one-based, or the scaling factor
/// in `ilo..=ihi`).
pub(super) struct Balance {
    pub ilo: usize,
    pub ihi: usize,
    pub scale: Vec<f64>,
}

/// `dgebal('B')` on the column-major `n x n` matrix `a` (`n >= 1`).
/// `None` if a norm is NaN (LAPACK's `info = -3`).
pub(super) fn balance(n: usize, a: &mut [f64]) -> Option<Balance> {
    let mut scale = vec![1.0f64; n];
    match isolate(n, a, &mut scale) {
        None => Some(Balance {
            ilo: 1,
            ihi: 1,
            scale,
        }),
        Some((k, l)) => {
            scale_loop(n, a, k, l, &mut scale)?;
            Some(Balance {
                ilo: k,
                ihi: l,
                scale,
            })
        }
    }
}

/// Swaps columns `p` and `q` over rows `1..=rows` and rows `p` and `q`
/// over columns `from..=n` (one-based), as `dgebal` does with two `dswap`s.
fn swap_both(n: usize, a: &mut [f64], p: usize, q: usize, rows: usize, from: usize) {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    for i in 1..=rows {
        a.swap(ix(i, p), ix(i, q));
    }
    for j in from..=n {
        a.swap(ix(p, j), ix(q, j));
    }
}

/// `dgebal`'s permutation search: rows with no off-diagonal nonzero in
/// columns `1..=l` go to the bottom, then columns with none in rows
/// `k..=l` go to the left. Returns the remaining `(k, l)`, or `None` when
/// everything was isolated (`ilo = ihi = 1`).
fn isolate(n: usize, a: &mut [f64], scale: &mut [f64]) -> Option<(usize, usize)> {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    let (mut k, mut l) = (1usize, n);
    let mut noconv = true;
    while noconv {
        noconv = false;
        // Fortran's DO I = L, 1, -1: the trip count is fixed here even
        // though L shrinks inside.
        let first = l;
        for i in (1..=first).rev() {
            let canswap = (1..=l).all(|j| i == j || a[ix(i, j)] == 0.0);
            if canswap {
                scale[l - 1] = i as f64;
                if i != l {
                    swap_both(n, a, i, l, l, k);
                }
                noconv = true;
                if l == 1 {
                    return None;
                }
                l -= 1;
            }
        }
    }
    noconv = true;
    while noconv {
        noconv = false;
        // DO J = K, L: bounds fixed here; K grows inside.
        let (from, to) = (k, l);
        for j in from..=to {
            let canswap = (k..=l).all(|i| i == j || a[ix(i, j)] == 0.0);
            if canswap {
                scale[k - 1] = j as f64;
                if j != k {
                    swap_both(n, a, j, k, l, k);
                }
                noconv = true;
                k += 1;
            }
        }
    }
    Some((k, l))
}

/// `dgebal`'s scaling loop over rows and columns `k..=l` (one-based).
fn scale_loop(n: usize, a: &mut [f64], k: usize, l: usize, scale: &mut [f64]) -> Option<()> {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    const SCLFAC: f64 = 2.0;
    const FACTOR: f64 = 0.95;
    for s in scale.iter_mut().take(l).skip(k - 1) {
        *s = 1.0;
    }
    let sfmin1 = SAFMIN / ULP;
    let sfmax1 = 1.0 / sfmin1;
    let sfmin2 = sfmin1 * SCLFAC;
    let sfmax2 = 1.0 / sfmin2;
    let mut noconv = true;
    let mut rounds = 0;
    while noconv {
        noconv = false;
        rounds += 1;
        if rounds > 10_000 {
            return None;
        }
        for i in k..=l {
            let col: Vec<f64> = (k..=l).map(|r| a[ix(r, i)]).collect();
            let row: Vec<f64> = (k..=l).map(|c| a[ix(i, c)]).collect();
            let mut c = nrm2(&col);
            let mut r = nrm2(&row);
            let mut ca = (1..=l).fold(0.0f64, |m, r| m.max(a[ix(r, i)].abs()));
            let mut ra = (k..=n).fold(0.0f64, |m, c| m.max(a[ix(i, c)].abs()));
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
            let si = scale[i - 1];
            if f < 1.0 && si < 1.0 && f * si <= sfmin1 {
                continue;
            }
            if f > 1.0 && si > 1.0 && si >= sfmax1 / f {
                continue;
            }
            let g = 1.0 / f;
            scale[i - 1] = si * f;
            noconv = true;
            for cix in k..=n {
                a[ix(i, cix)] *= g;
            }
            for rix in 1..=l {
                a[ix(rix, i)] *= f;
            }
        }
    }
    Some(())
}

/// The Schur vectors `dlahqr` accumulates into, column-major `n x n`
/// (only rows `ilo..=ihi`: `dhseqr` passes `iloz = ilo`, `ihiz = ihi`);
/// `None` when they are not wanted.
type SchurVectors<'a> = Option<&'a mut [f64]>;

/// `dhseqr(job, compz = 'V' or 'N')` for `n <= 75` (`NMIN`), where it is
/// `dlahqr` on rows and columns `ilo..=ihi` (one-based) of the
/// column-major upper Hessenberg `h`, the diagonal outside them taken as
/// eigenvalues; with `wantt` (`job = 'S'`) `h` ends as the Schur form
/// with zeros below the subdiagonal. `None` for `n > 75` or no
/// convergence (where `dhseqr` would go on to `dlaqr0`).
pub(super) fn hseqr(
    wantt: bool,
    n: usize,
    ilo: usize,
    ihi: usize,
    h: &mut [f64],
    z: SchurVectors,
) -> Option<(Vec<f64>, Vec<f64>)> {
    if n > 75 {
        return None;
    }
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    let mut wr = vec![0.0f64; n];
    let mut wi = vec![0.0f64; n];
    for i in (1..ilo).chain(ihi + 1..=n) {
        wr[i - 1] = h[ix(i, i)];
    }
    if ilo == ihi {
        wr[ilo - 1] = h[ix(ilo, ilo)];
        return Some((wr, wi));
    }
    lahqr(wantt, n, ilo, ihi, h, z, &mut wr, &mut wi)?;
    if wantt && n > 2 {
        for j in 1..=n - 2 {
            for i in j + 2..=n {
                h[ix(i, j)] = 0.0;
            }
        }
    }
    Some((wr, wi))
}

/// `dlahqr` on rows and columns `ilo..=ihi` (one-based, `ilo < ihi`) of
/// the column-major upper Hessenberg `h`: the eigenvalues into `wr` and
/// `wi`, and with `wantt` the Schur form in `h`; `None` if it does not
/// converge.
#[allow(clippy::too_many_arguments)]
fn lahqr(
    wantt: bool,
    n: usize,
    ilo: usize,
    ihi: usize,
    h: &mut [f64],
    mut z: SchurVectors,
    wr: &mut [f64],
    wi: &mut [f64],
) -> Option<()> {
    // One-based access, as the Fortran reads.
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    for j in ilo..=ihi.saturating_sub(3) {
        h[ix(j + 2, j)] = 0.0;
        h[ix(j + 3, j)] = 0.0;
    }
    if ilo + 2 <= ihi {
        h[ix(ihi, ihi - 2)] = 0.0;
    }
    let nh = ihi - ilo + 1;
    let smlnum = SAFMIN * (nh as f64 / ULP);
    let (mut i1, mut i2) = (1usize, n);
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
            if !wantt {
                i1 = l;
                i2 = i;
            }
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
                    if let Some(z) = z.as_deref_mut() {
                        for j in ilo..=ihi {
                            let sum = z[ix(j, k)] + v2 * z[ix(j, k + 1)] + v3 * z[ix(j, k + 2)];
                            z[ix(j, k)] -= sum * t1;
                            z[ix(j, k + 1)] -= sum * t2;
                            z[ix(j, k + 2)] -= sum * t3;
                        }
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
                    if let Some(z) = z.as_deref_mut() {
                        for j in ilo..=ihi {
                            let sum = z[ix(j, k)] + v2 * z[ix(j, k + 1)];
                            z[ix(j, k)] -= sum * t1;
                            z[ix(j, k + 1)] -= sum * t2;
                        }
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
            let r = lanv2(
                h[ix(i - 1, i - 1)],
                h[ix(i - 1, i)],
                h[ix(i, i - 1)],
                h[ix(i, i)],
            );
            h[ix(i - 1, i - 1)] = r.a;
            h[ix(i - 1, i)] = r.b;
            h[ix(i, i - 1)] = r.c;
            h[ix(i, i)] = r.d;
            wr[i - 2] = r.rt1r;
            wi[i - 2] = r.rt1i;
            wr[i - 1] = r.rt2r;
            wi[i - 1] = r.rt2i;
            if wantt {
                // Rows i-1 and i right of the block, columns i-1 and i above it.
                rotate(h, |c| ix(i - 1, c), |c| ix(i, c), i + 1..=i2, r.cs, r.sn);
                rotate(h, |q| ix(q, i - 1), |q| ix(q, i), i1..=i - 2, r.cs, r.sn);
            }
            if let Some(z) = z.as_deref_mut() {
                rotate(z, |q| ix(q, i - 1), |q| ix(q, i), ilo..=ihi, r.cs, r.sn);
            }
        }
        kdefl = 0;
        if l < 2 {
            break;
        }
        i = l - 1;
    }
    Some(())
}

/// `drot` on the elements `x(t)` and `y(t)` of `m` for `t` in `range`.
fn rotate(
    m: &mut [f64],
    x: impl Fn(usize) -> usize,
    y: impl Fn(usize) -> usize,
    range: std::ops::RangeInclusive<usize>,
    cs: f64,
    sn: f64,
) {
    let mut xs: Vec<f64> = range.clone().map(|t| m[x(t)]).collect();
    let mut ys: Vec<f64> = range.clone().map(|t| m[y(t)]).collect();
    rot(&mut xs, &mut ys, cs, sn);
    for (k, t) in range.enumerate() {
        m[x(t)] = xs[k];
        m[y(t)] = ys[k];
    }
}

/// `dgeev`'s eigenvalues (no vectors) of a real square matrix given
/// row-major: `(wr, wi)`, or `None` where the replay stops (see
/// [`super::geev_vectors::geev_values`]).
pub fn eigvals_rows(n: usize, rows: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    if rows.len() != n * n {
        return None;
    }
    let mut a = vec![0.0f64; n * n];
    for i in 0..n {
        for j in 0..n {
            a[i + j * n] = rows[i * n + j];
        }
    }
    super::geev_vectors::geev_values(n, &a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companion_of_x2_minus_3x_plus_2() {
        // x^2 - 3x + 2: roots 2 and 1.
        let (wr, wi) = eigvals_rows(2, &[3.0, -2.0, 1.0, 0.0]).unwrap();
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
