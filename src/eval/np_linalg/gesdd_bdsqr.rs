//! `dbdsdc` for the bidiagonals `dgesdd` hands it, as far as it goes
//! without divide and conquer: singular values alone at any order
//! (`dlasdq` → `dbdsqr` → `dlasq1`), with vectors up to `SMLSIZ = 25`
//! (`dlasdq` → `dbdsqr`'s implicit QR). LAPACK's own code is plain
//! rounded arithmetic (no fused operations); only `drot` is OpenBLAS's.
//! `U` and `Vᵀ` are column-major `n x n` here.

use super::blas::rot_pair;
use super::gesdd::{las2, lasv2};
use super::gesdd_dqds::lasq1;
use super::lapack::{lartg, sign};

/// `ilaenv(9, 'DBDSDC')`: the largest order solved without divide and
/// conquer.
pub(super) const SMLSIZ: usize = 25;

/// LAPACK's `dlamch('E')` (relative machine precision, rounding) and
/// `dlamch('S')` (safe minimum).
const EPS: f64 = f64::EPSILON / 2.0;
const UNFL: f64 = f64::MIN_POSITIVE;

/// A column-major `n x n` matrix (`U` or `Vᵀ` of the bidiagonal).
pub(super) struct Square {
    n: usize,
    pub(super) v: Vec<f64>,
}

impl Square {
    fn identity(n: usize) -> Square {
        let mut v = vec![0.0; n * n];
        for i in 0..n {
            v[i + i * n] = 1.0;
        }
        Square { n, v }
    }
    fn at(&self, r: usize, c: usize) -> usize {
        r + c * self.n
    }
    fn swap_rows(&mut self, i: usize, j: usize) {
        for c in 0..self.n {
            let (a, b) = (self.at(i, c), self.at(j, c));
            self.v.swap(a, b);
        }
    }
    fn swap_cols(&mut self, i: usize, j: usize) {
        for r in 0..self.n {
            let (a, b) = (self.at(r, i), self.at(r, j));
            self.v.swap(a, b);
        }
    }
}

/// `dlasr` with `pivot = 'V'` on rows `r0..r0 + c.len() + 1` of `a`
/// (`side = 'L'`, rotating pairs of rows) or on those columns
/// (`side = 'R'`), forwards or backwards.
fn lasr(left: bool, forward: bool, c: &[f64], s: &[f64], a: &mut Square, r0: usize) {
    let k = c.len();
    let order: Vec<usize> = if forward {
        (0..k).collect()
    } else {
        (0..k).rev().collect()
    };
    for j in order {
        let (ct, st) = (c[j], s[j]);
        if ct == 1.0 && st == 0.0 {
            continue;
        }
        for i in 0..a.n {
            let (p, q) = if left {
                (a.at(r0 + j, i), a.at(r0 + j + 1, i))
            } else {
                (a.at(i, r0 + j), a.at(i, r0 + j + 1))
            };
            let temp = a.v[q];
            a.v[q] = ct * temp - st * a.v[p];
            a.v[p] = st * temp + ct * a.v[p];
        }
    }
}

/// The vectors `dbdsqr` updates: `Vᵀ` (rows rotated) and `U` (columns).
struct Vectors<'a> {
    vt: &'a mut Square,
    u: &'a mut Square,
}

/// `dbdsqr`'s error: it did not converge (`info > 0`), or `dlasq1`
/// failed.
struct NoConvergence;

/// Tolerances of one `dbdsqr` call.
struct Tolerance {
    tol: f64,
    thresh: f64,
}

/// `dbdsqr`'s `tol` and its absolute `thresh` for relative accuracy
/// (1-based `d`, `e`).
fn tolerance(n: usize, d: &[f64], e: &[f64]) -> Tolerance {
    let tolmul = 10f64.max(100f64.min(EPS.powf(-0.125)));
    let tol = tolmul * EPS;
    let mut sminoa = d[1].abs();
    if sminoa != 0.0 {
        let mut mu = sminoa;
        for i in 2..=n {
            mu = d[i].abs() * (mu / (mu + e[i - 1].abs()));
            sminoa = sminoa.min(mu);
            if sminoa == 0.0 {
                break;
            }
        }
    }
    sminoa /= (n as f64).sqrt();
    let nf = n as f64;
    let thresh = (tol * sminoa).max(6.0 * (nf * (nf * UNFL)));
    Tolerance { tol, thresh }
}

/// `dbdsqr('U', n, ...)` on the 0-based diagonal `d` and off-diagonal
/// `e`, updating `vecs` when given (`ncvt = nru = n`); without vectors
/// it is `dlasq1`'s dqds, falling back to the QR sweeps only when dqds
/// gives up (`info = 2`).
fn bdsqr(d: &mut [f64], e: &mut [f64], mut vecs: Option<Vectors>) -> Result<(), NoConvergence> {
    let n = d.len();
    if n == 0 {
        return Ok(());
    }
    if n > 1 && vecs.is_none() {
        match lasq1(d, e) {
            0 => return Ok(()),
            2 => {}
            _ => return Err(NoConvergence),
        }
    }
    // 1-based copies, as the Fortran indexes them.
    let mut dd = vec![0.0; n + 1];
    let mut ee = vec![0.0; n + 1];
    dd[1..].copy_from_slice(d);
    ee[1..n].copy_from_slice(&e[..n - 1]);
    if n > 1 {
        qr_sweeps(n, &mut dd, &mut ee, &mut vecs)?;
    }
    d.copy_from_slice(&dd[1..]);
    e[..n - 1].copy_from_slice(&ee[1..n]);
    make_positive_and_sort(d, &mut vecs);
    Ok(())
}

/// `dbdsqr`'s label 160: negate negative values with their `Vᵀ` rows,
/// then sort decreasing by selection (the last of equal minima moves
/// to the end).
fn make_positive_and_sort(d: &mut [f64], vecs: &mut Option<Vectors>) {
    let n = d.len();
    for (i, di) in d.iter_mut().enumerate() {
        if *di < 0.0 {
            *di = -*di;
            if let Some(v) = vecs.as_mut() {
                for c in 0..n {
                    let k = v.vt.at(i, c);
                    v.vt.v[k] = -v.vt.v[k];
                }
            }
        }
    }
    for i in 0..n.saturating_sub(1) {
        let last = n - 1 - i;
        let mut isub = 0;
        let mut smin = d[0];
        for (j, dj) in d.iter().enumerate().take(last + 1).skip(1) {
            if *dj <= smin {
                isub = j;
                smin = *dj;
            }
        }
        if isub != last {
            d[isub] = d[last];
            d[last] = smin;
            if let Some(v) = vecs.as_mut() {
                v.vt.swap_rows(isub, last);
                v.u.swap_cols(isub, last);
            }
        }
    }
}

/// Rotations of one sweep, 0-based by position `i - ll`: the right
/// (`cr`, `sr`) and left (`cl`, `sl`) ones.
struct Sweep {
    cr: Vec<f64>,
    sr: Vec<f64>,
    cl: Vec<f64>,
    sl: Vec<f64>,
}

impl Sweep {
    fn new() -> Sweep {
        Sweep {
            cr: Vec::new(),
            sr: Vec::new(),
            cl: Vec::new(),
            sl: Vec::new(),
        }
    }
    fn push(&mut self, cr: f64, sr: f64, cl: f64, sl: f64) {
        self.cr.push(cr);
        self.sr.push(sr);
        self.cl.push(cl);
        self.sl.push(sl);
    }
    /// Apply to rows `ll..=m` of `Vᵀ` (right rotations) and those columns
    /// of `U` (left ones), top-down (`forward`) or bottom-up. Rotations
    /// were pushed in the order the chase made them: bottom-up chases are
    /// reversed into position order first.
    fn apply(mut self, vecs: &mut Option<Vectors>, ll: usize, forward: bool) {
        if !forward {
            for w in [&mut self.cr, &mut self.sr, &mut self.cl, &mut self.sl] {
                w.reverse();
            }
        }
        if let Some(v) = vecs.as_mut() {
            lasr(true, forward, &self.cr, &self.sr, v.vt, ll - 1);
            lasr(false, forward, &self.cl, &self.sl, v.u, ll - 1);
        }
    }
}

/// `dbdsqr`'s main loop (labels 60 to 150) on 1-based `d`, `e`.
fn qr_sweeps(
    n: usize,
    d: &mut [f64],
    e: &mut [f64],
    vecs: &mut Option<Vectors>,
) -> Result<(), NoConvergence> {
    const MAXITR: usize = 6;
    let Tolerance { tol, thresh } = tolerance(n, d, e);
    let maxitdivn = MAXITR * n;
    let mut iterdivn = 0;
    let mut iter: isize = -1;
    let (mut oldll, mut oldm): (isize, isize) = (-1, -1);
    let mut idir = 0;
    let mut m = n;
    'main: loop {
        if m <= 1 {
            return Ok(());
        }
        if iter >= n as isize {
            iter -= n as isize;
            iterdivn += 1;
            if iterdivn >= maxitdivn {
                return Err(NoConvergence);
            }
        }
        let (split, smax) = find_block(d, e, m, thresh);
        if split == m - 1 {
            m -= 1;
            continue 'main;
        }
        let ll = split + 1;
        if ll == m - 1 {
            two_by_two(d, e, m, vecs);
            m -= 2;
            continue 'main;
        }
        if ll as isize > oldm || (m as isize) < oldll {
            idir = if d[ll].abs() >= d[m].abs() { 1 } else { 2 };
        }
        let Some(smin) = convergence(d, e, ll, m, idir, tol) else {
            continue 'main;
        };
        oldll = ll as isize;
        oldm = m as isize;
        let shift = shift(d, e, ll, m, idir, n, tol, smin, smax);
        iter += (m - ll) as isize;
        if shift == 0.0 {
            zero_shift_sweep(d, e, ll, m, idir, thresh, vecs);
        } else {
            shifted_sweep(d, e, ll, m, idir, shift, thresh, vecs);
        }
    }
}

/// `dbdsqr`'s search (loop 70) for the bottom unreduced block ending at
/// `m`: the index `ll` of the negligible off-diagonal entry above it
/// (set to zero; 0 when there is none) and the block's largest
/// magnitude so far.
fn find_block(d: &[f64], e: &mut [f64], m: usize, thresh: f64) -> (usize, f64) {
    let mut smax = d[m].abs();
    for l in (1..m).rev() {
        let (abss, abse) = (d[l].abs(), e[l].abs());
        if abse <= thresh {
            e[l] = 0.0;
            return (l, smax);
        }
        smax = smax.max(abss).max(abse);
    }
    (0, smax)
}

/// The 2x2 block at `m - 1, m`: `dlasv2`, its rotations by `drot`.
fn two_by_two(d: &mut [f64], e: &mut [f64], m: usize, vecs: &mut Option<Vectors>) {
    let r = lasv2(d[m - 1], e[m - 1], d[m]);
    d[m - 1] = r.ssmax;
    e[m - 1] = 0.0;
    d[m] = r.ssmin;
    if let Some(v) = vecs.as_mut() {
        for c in 0..v.vt.n {
            let (p, q) = (v.vt.at(m - 2, c), v.vt.at(m - 1, c));
            (v.vt.v[p], v.vt.v[q]) = rot_pair(r.csr, r.snr, v.vt.v[p], v.vt.v[q]);
        }
        for i in 0..v.u.n {
            let (p, q) = (v.u.at(i, m - 2), v.u.at(i, m - 1));
            (v.u.v[p], v.u.v[q]) = rot_pair(r.csl, r.snl, v.u.v[p], v.u.v[q]);
        }
    }
}

/// `dbdsqr`'s convergence tests in the chase direction: `None` when an
/// off-diagonal entry was set to zero (start over), else the estimate
/// `smin` of the smallest singular value.
fn convergence(d: &[f64], e: &mut [f64], ll: usize, m: usize, idir: i32, tol: f64) -> Option<f64> {
    if idir == 1 {
        if e[m - 1].abs() <= tol.abs() * d[m].abs() {
            e[m - 1] = 0.0;
            return None;
        }
        let mut mu = d[ll].abs();
        let mut smin = mu;
        for lll in ll..m {
            if e[lll].abs() <= tol * mu {
                e[lll] = 0.0;
                return None;
            }
            mu = d[lll + 1].abs() * (mu / (mu + e[lll].abs()));
            smin = smin.min(mu);
        }
        Some(smin)
    } else {
        if e[ll].abs() <= tol.abs() * d[ll].abs() {
            e[ll] = 0.0;
            return None;
        }
        let mut mu = d[m].abs();
        let mut smin = mu;
        for lll in (ll..m).rev() {
            if e[lll].abs() <= tol * mu {
                e[lll] = 0.0;
                return None;
            }
            mu = d[lll].abs() * (mu / (mu + e[lll].abs()));
            smin = smin.min(mu);
        }
        Some(smin)
    }
}

/// `dbdsqr`'s shift: zero when it would spoil relative accuracy, else
/// the smaller singular value of the trailing (or leading) 2x2 by
/// `dlas2`, dropped when negligible.
#[allow(clippy::too_many_arguments)]
fn shift(
    d: &[f64],
    e: &[f64],
    ll: usize,
    m: usize,
    idir: i32,
    n: usize,
    tol: f64,
    smin: f64,
    smax: f64,
) -> f64 {
    if n as f64 * tol * (smin / smax) <= EPS.max(0.01 * tol) {
        return 0.0;
    }
    let (sll, (mut shift, _)) = if idir == 1 {
        (d[ll].abs(), las2(d[m - 1], e[m - 1], d[m]))
    } else {
        (d[m].abs(), las2(d[ll], e[ll], d[ll + 1]))
    };
    if sll > 0.0 {
        let q = shift / sll;
        if q * q < EPS {
            shift = 0.0;
        }
    }
    shift
}

/// One implicit zero-shift QR sweep (Demmel–Kahan), top-down when
/// `idir == 1`, bottom-up otherwise.
fn zero_shift_sweep(
    d: &mut [f64],
    e: &mut [f64],
    ll: usize,
    m: usize,
    idir: i32,
    thresh: f64,
    vecs: &mut Option<Vectors>,
) {
    let mut sweep = Sweep::new();
    let (mut cs, mut oldcs, mut oldsn) = (1.0, 1.0, 0.0);
    if idir == 1 {
        for i in ll..m {
            let (c, sn, r) = lartg(d[i] * cs, e[i]);
            cs = c;
            if i > ll {
                e[i - 1] = oldsn * r;
            }
            let (oc, os, di) = lartg(oldcs * r, d[i + 1] * sn);
            (oldcs, oldsn, d[i]) = (oc, os, di);
            sweep.push(cs, sn, oldcs, oldsn);
        }
        let h = d[m] * cs;
        d[m] = h * oldcs;
        e[m - 1] = h * oldsn;
        sweep.apply(vecs, ll, true);
        if e[m - 1].abs() <= thresh {
            e[m - 1] = 0.0;
        }
    } else {
        for i in (ll + 1..=m).rev() {
            let (c, sn, r) = lartg(d[i] * cs, e[i - 1]);
            cs = c;
            if i < m {
                e[i] = oldsn * r;
            }
            let (oc, os, di) = lartg(oldcs * r, d[i - 1] * sn);
            (oldcs, oldsn, d[i]) = (oc, os, di);
            sweep.push(oldcs, -oldsn, cs, -sn);
        }
        let h = d[ll] * cs;
        d[ll] = h * oldcs;
        e[ll] = h * oldsn;
        sweep.apply(vecs, ll, false);
        if e[ll].abs() <= thresh {
            e[ll] = 0.0;
        }
    }
}

/// One implicit shifted QR sweep, top-down when `idir == 1`, bottom-up
/// otherwise.
#[allow(clippy::too_many_arguments)]
fn shifted_sweep(
    d: &mut [f64],
    e: &mut [f64],
    ll: usize,
    m: usize,
    idir: i32,
    shift: f64,
    thresh: f64,
    vecs: &mut Option<Vectors>,
) {
    let mut sweep = Sweep::new();
    if idir == 1 {
        let mut f = (d[ll].abs() - shift) * (sign(1.0, d[ll]) + shift / d[ll]);
        let mut g = e[ll];
        for i in ll..m {
            let (cosr, sinr, r) = lartg(f, g);
            if i > ll {
                e[i - 1] = r;
            }
            f = cosr * d[i] + sinr * e[i];
            e[i] = cosr * e[i] - sinr * d[i];
            g = sinr * d[i + 1];
            d[i + 1] *= cosr;
            let (cosl, sinl, r) = lartg(f, g);
            d[i] = r;
            f = cosl * e[i] + sinl * d[i + 1];
            d[i + 1] = cosl * d[i + 1] - sinl * e[i];
            if i < m - 1 {
                g = sinl * e[i + 1];
                e[i + 1] *= cosl;
            }
            sweep.push(cosr, sinr, cosl, sinl);
        }
        e[m - 1] = f;
        sweep.apply(vecs, ll, true);
        if e[m - 1].abs() <= thresh {
            e[m - 1] = 0.0;
        }
    } else {
        let mut f = (d[m].abs() - shift) * (sign(1.0, d[m]) + shift / d[m]);
        let mut g = e[m - 1];
        for i in (ll + 1..=m).rev() {
            let (cosr, sinr, r) = lartg(f, g);
            if i < m {
                e[i] = r;
            }
            f = cosr * d[i] + sinr * e[i - 1];
            e[i - 1] = cosr * e[i - 1] - sinr * d[i];
            g = sinr * d[i - 1];
            d[i - 1] *= cosr;
            let (cosl, sinl, r) = lartg(f, g);
            d[i] = r;
            f = cosl * e[i - 1] + sinl * d[i - 1];
            d[i - 1] = cosl * d[i - 1] - sinl * e[i - 1];
            if i > ll + 1 {
                g = sinl * e[i - 2];
                e[i - 2] *= cosl;
            }
            sweep.push(cosl, -sinl, cosr, -sinr);
        }
        e[ll] = f;
        if e[ll].abs() <= thresh {
            e[ll] = 0.0;
        }
        sweep.apply(vecs, ll, false);
    }
}

/// `dlasdq('U', 0, n, ...)` then `dbdsdc`'s sorts: `dbdsqr`, `dlasdq`'s
/// increasing selection sort (the first of equal minima to the front),
/// `dbdsdc`'s decreasing one.
fn lasdq_sorted(
    d: &mut [f64],
    e: &mut [f64],
    mut vecs: Option<Vectors>,
) -> Result<(), NoConvergence> {
    bdsqr(
        d,
        e,
        vecs.as_mut().map(|v| Vectors {
            vt: &mut *v.vt,
            u: &mut *v.u,
        }),
    )?;
    let n = d.len();
    for i in 0..n {
        let mut isub = i;
        for j in i + 1..n {
            if d[j] < d[isub] {
                isub = j;
            }
        }
        if isub != i {
            d.swap(i, isub);
            if let Some(v) = vecs.as_mut() {
                v.vt.swap_rows(i, isub);
                v.u.swap_cols(i, isub);
            }
        }
    }
    for i in 0..n.saturating_sub(1) {
        let mut kk = i;
        for j in i + 1..n {
            if d[j] > d[kk] {
                kk = j;
            }
        }
        if kk != i {
            d.swap(i, kk);
            if let Some(v) = vecs.as_mut() {
                v.u.swap_cols(i, kk);
                v.vt.swap_rows(i, kk);
            }
        }
    }
    Ok(())
}

/// The bidiagonal's SVD as `dbdsdc` returns it: values decreasing, and
/// with `vectors` its `U` and `Vᵀ`.
pub(super) struct BidiagonalSvd {
    pub(super) s: Vec<f64>,
    pub(super) uv: Option<(Square, Square)>,
}

/// `dbdsdc(uplo, compq, n, d, e, ...)` with `compq = 'I'` (`vectors`) or
/// `'N'`; `None` where it would use divide and conquer (`n > SMLSIZ`
/// with vectors) or does not converge. A lower bidiagonal (`upper`
/// false) is first rotated to upper, the rotations applied to `U` last.
pub(super) fn bdsdc(
    upper: bool,
    mut d: Vec<f64>,
    mut e: Vec<f64>,
    vectors: bool,
) -> Option<BidiagonalSvd> {
    let n = d.len();
    if vectors && n > SMLSIZ {
        return None;
    }
    if n == 1 {
        let uv = vectors.then(|| {
            (
                Square {
                    n: 1,
                    v: vec![sign(1.0, d[0])],
                },
                Square::identity(1),
            )
        });
        return Some(BidiagonalSvd {
            s: vec![d[0].abs()],
            uv,
        });
    }
    let mut rotations = (Vec::new(), Vec::new());
    if !upper {
        for i in 0..n.saturating_sub(1) {
            let (cs, sn, r) = lartg(d[i], e[i]);
            d[i] = r;
            e[i] = sn * d[i + 1];
            d[i + 1] *= cs;
            rotations.0.push(cs);
            rotations.1.push(-sn);
        }
    }
    if !vectors {
        lasdq_sorted(&mut d, &mut e, None).ok()?;
        return Some(BidiagonalSvd { s: d, uv: None });
    }
    let (mut u, mut vt) = (Square::identity(n), Square::identity(n));
    lasdq_sorted(
        &mut d,
        &mut e,
        Some(Vectors {
            vt: &mut vt,
            u: &mut u,
        }),
    )
    .ok()?;
    if !upper {
        lasr(true, false, &rotations.0, &rotations.1, &mut u, 0);
    }
    Some(BidiagonalSvd {
        s: d,
        uv: Some((u, vt)),
    })
}
