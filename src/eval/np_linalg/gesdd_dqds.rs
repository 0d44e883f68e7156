//! Singular values of a bidiagonal without vectors: LAPACK's dqds
//! (`dlasq1` → `dlasq2` → `dlasq3`, `dlasq4`, `dlasq5`, `dlasq6`), step
//! for step in plain rounded arithmetic, with `ilaenv(10)`'s IEEE
//! branches (this machine's LAPACK trusts NaN and infinity arithmetic).
//! The `z` array keeps Fortran's 1-based indexing (`z[0]` unused), since
//! dqds addresses it by formulas such as `4*n0 + pp - 3`.

use super::gesdd::las2;
use super::lapack::lascl;

/// `dlamch('P')` (`eps * base`) and `dlamch('S')`.
const PREC: f64 = f64::EPSILON;
const SAFMIN: f64 = f64::MIN_POSITIVE;
const CBIAS: f64 = 1.50;

/// Fortran-indexed view of dqds's work array.
struct Z(Vec<f64>);

impl std::ops::Index<isize> for Z {
    type Output = f64;
    fn index(&self, i: isize) -> &f64 {
        &self.0[i as usize]
    }
}

impl std::ops::IndexMut<isize> for Z {
    fn index_mut(&mut self, i: isize) -> &mut f64 {
        &mut self.0[i as usize]
    }
}

/// `dlasq1`: the singular values of the bidiagonal `d` (order `n`), `e`
/// (`n - 1`), decreasing, into `d`. Returns `info`: 0, or 2 when dqds
/// gave up and `d`, `e` hold a partly reduced bidiagonal for `dbdsqr`'s
/// QR sweeps, or another nonzero value for failure.
pub(super) fn lasq1(d: &mut [f64], e: &mut [f64]) -> i32 {
    let n = d.len();
    match n {
        0 => return 0,
        1 => {
            d[0] = d[0].abs();
            return 0;
        }
        2 => {
            let (sigmn, sigmx) = las2(d[0], e[0], d[1]);
            d[0] = sigmx;
            d[1] = sigmn;
            return 0;
        }
        _ => {}
    }
    let mut sigmx = 0.0f64;
    for i in 0..n - 1 {
        d[i] = d[i].abs();
        sigmx = sigmx.max(e[i].abs());
    }
    d[n - 1] = d[n - 1].abs();
    if sigmx == 0.0 {
        d.sort_by(|a, b| b.total_cmp(a));
        return 0;
    }
    for di in d.iter() {
        sigmx = sigmx.max(*di);
    }
    let scale = (PREC / SAFMIN).sqrt();
    let mut work = vec![0.0; 4 * n + 1];
    for i in 0..n {
        work[2 * i] = d[i];
        if i + 1 < n {
            work[2 * i + 1] = e[i];
        }
    }
    lascl(sigmx, scale, &mut work[..2 * n - 1]);
    for w in &mut work[..2 * n - 1] {
        *w = *w * *w;
    }
    work[2 * n - 1] = 0.0;
    let mut z = Z(std::iter::once(0.0).chain(work).collect());
    let info = lasq2(n as isize, &mut z);
    if info == 0 {
        for (i, di) in d.iter_mut().enumerate() {
            *di = z[i as isize + 1].sqrt();
        }
        lascl(scale, sigmx, d);
    } else if info == 2 {
        for i in 0..n {
            d[i] = z[2 * i as isize + 1].sqrt();
            if i + 1 < n {
                e[i] = z[2 * i as isize + 2].sqrt();
            }
        }
        lascl(scale, sigmx, d);
        lascl(scale, sigmx, e);
    }
    info
}

/// Reverse the qd array between `i0` and `n0` (`dlasq2` label 40 and
/// `dlasq3` label 60 swap all four entries; `dlasq2`'s first pass only
/// the `q` and `e` of ping-pong 0: `all` false).
fn reverse(z: &mut Z, i0: isize, n0: isize, all: bool) {
    let ipn4 = 4 * (i0 + n0);
    let mut i4 = 4 * i0;
    while i4 <= 2 * (i0 + n0 - 1) {
        let swap = |z: &mut Z, a: isize, b: isize| {
            let t = z[a];
            z[a] = z[b];
            z[b] = t;
        };
        swap(z, i4 - 3, ipn4 - i4 - 3);
        if all {
            swap(z, i4 - 2, ipn4 - i4 - 2);
        }
        swap(z, i4 - 1, ipn4 - i4 - 5);
        if all {
            swap(z, i4, ipn4 - i4 - 4);
        }
        i4 += 4;
    }
}

/// `dlasq2` for `n >= 3` (`dlasq1` solves smaller orders itself): the
/// squared singular values (eigenvalues of the qd array in `z[1..=2n]`,
/// `q` and `e` interleaved) into `z[1..=n]`, decreasing. The entries are
/// squares, so LAPACK's checks for negative input never fire.
fn lasq2(n: isize, z: &mut Z) -> i32 {
    let eps = PREC;
    let safmin = SAFMIN;
    let tol = eps * 100.0;
    let tol2 = tol * tol;
    z[2 * n] = 0.0;
    let (mut d, mut e) = (0.0f64, 0.0f64);
    for k in 1..n {
        d += z[2 * k - 1];
        e += z[2 * k];
    }
    d += z[2 * n - 1];
    if e == 0.0 {
        for k in 2..=n {
            z[k] = z[2 * k - 1];
        }
        sort_decreasing(z, n);
        z[2 * n - 1] = d;
        return 0;
    }
    let mut k = 2 * n;
    while k >= 2 {
        z[2 * k] = 0.0;
        z[2 * k - 1] = z[k];
        z[2 * k - 2] = 0.0;
        z[2 * k - 3] = z[k - 1];
        k -= 2;
    }
    let mut i0: isize = 1;
    let mut n0: isize = n;
    if CBIAS * z[4 * i0 - 3] < z[4 * n0 - 3] {
        reverse(z, i0, n0, false);
    }
    initial_dqd_passes(z, i0, n0, tol2, safmin);
    let mut st = State::default();
    for _ in 1..=n + 1 {
        if n0 < 1 {
            for k in 2..=n {
                z[k] = z[4 * k - 3];
            }
            sort_decreasing(z, n);
            return 0;
        }
        st.desig = 0.0;
        st.sigma = if n0 == n { 0.0 } else { -z[4 * n0 - 1] };
        if st.sigma < 0.0 {
            return 1;
        }
        // Find the last unreduced submatrix's top index i0.
        let mut emax = 0.0f64;
        let mut qmin = z[4 * n0 - 3];
        let mut qmax = qmin;
        let mut i4 = 4 * n0;
        let mut split = false;
        while i4 >= 8 {
            if z[i4 - 5] <= 0.0 {
                split = true;
                break;
            }
            if qmin >= 4.0 * emax {
                qmin = qmin.min(z[i4 - 3]);
                emax = emax.max(z[i4 - 5]);
            }
            qmax = qmax.max(z[i4 - 7] + z[i4 - 5]);
            i4 -= 4;
        }
        if !split {
            i4 = 4;
        }
        i0 = i4 / 4;
        let mut pp: isize = 0;
        if n0 - i0 > 1 {
            let mut dee = z[4 * i0 - 3];
            let mut deemin = dee;
            let mut kmin = i0;
            let mut i4 = 4 * i0 + 1;
            while i4 <= 4 * n0 - 3 {
                dee = z[i4] * (dee / (dee + z[i4 - 2]));
                if dee <= deemin {
                    deemin = dee;
                    kmin = (i4 + 3) / 4;
                }
                i4 += 4;
            }
            if (kmin - i0) * 2 < n0 - kmin && deemin <= 0.5 * z[4 * n0 - 3] {
                pp = 2;
                reverse(z, i0, n0, true);
            }
        }
        st.dmin = -(0.0f64.max(qmin - 2.0 * qmin.sqrt() * emax.sqrt()));
        st.qmax = qmax;
        let nbig = 100 * (n0 - i0 + 1);
        let mut converged = false;
        for _ in 1..=nbig {
            if i0 > n0 {
                converged = true;
                break;
            }
            lasq3(i0, &mut n0, z, &mut pp, &mut st);
            pp = 1 - pp;
            if pp == 0 && n0 - i0 >= 3 {
                i0 = split_check(z, i0, n0, tol2, &mut st);
            }
        }
        if !converged {
            give_up(z, n, i0, n0, st.sigma);
            return 2;
        }
    }
    3
}

/// `dlasq2`'s test for a split after a pair of dqds steps (label 130):
/// returns the new `i0`.
fn split_check(z: &mut Z, i0: isize, n0: isize, tol2: f64, st: &mut State) -> isize {
    if !(z[4 * n0] <= tol2 * st.qmax || z[4 * n0 - 1] <= tol2 * st.sigma) {
        return i0;
    }
    let mut splt = i0 - 1;
    st.qmax = z[4 * i0 - 3];
    let mut emin = z[4 * i0 - 1];
    let mut oldemn = z[4 * i0];
    let mut i4 = 4 * i0;
    while i4 <= 4 * (n0 - 3) {
        if z[i4] <= tol2 * z[i4 - 3] || z[i4 - 1] <= tol2 * st.sigma {
            z[i4 - 1] = -st.sigma;
            splt = i4 / 4;
            st.qmax = 0.0;
            emin = z[i4 + 3];
            oldemn = z[i4 + 4];
        } else {
            st.qmax = st.qmax.max(z[i4 + 1]);
            emin = emin.min(z[i4 - 1]);
            oldemn = oldemn.min(z[i4]);
        }
        i4 += 4;
    }
    z[4 * n0 - 1] = emin;
    z[4 * n0] = oldemn;
    splt + 1
}

/// `dlasq2`'s exit after too many iterations (label 145): undo the
/// shifts of the unreduced part to give `dbdsqr` a bidiagonal. As in
/// LAPACK, every pass works on `i0..=n0`; only `sigma` changes.
fn give_up(z: &mut Z, n: isize, i0: isize, n0: isize, mut sigma: f64) {
    let mut i1 = i0;
    loop {
        let mut tempq = z[4 * i0 - 3];
        z[4 * i0 - 3] += sigma;
        for k in i0 + 1..=n0 {
            let tempe = z[4 * k - 5];
            z[4 * k - 5] *= tempq / z[4 * k - 7];
            tempq = z[4 * k - 3];
            z[4 * k - 3] = z[4 * k - 3] + sigma + tempe - z[4 * k - 5];
        }
        if i1 <= 1 {
            break;
        }
        let n1 = i1 - 1;
        while i1 >= 2 && z[4 * i1 - 5] >= 0.0 {
            i1 -= 1;
        }
        sigma = -z[4 * n1 - 1];
    }
    for k in 1..=n {
        z[2 * k - 1] = z[4 * k - 3];
        z[2 * k] = if k < n0 { z[4 * k - 1] } else { 0.0 };
    }
}

/// Sort `z[1..=n]` decreasing (`dlasrt('D')`; values only, so the
/// algorithm does not matter).
fn sort_decreasing(z: &mut Z, n: isize) {
    z.0[1..=n as usize].sort_by(|a, b| b.total_cmp(a));
}

/// `dlasq2`'s two initial dqd passes (labels 50 to 80), flushing tiny
/// off-diagonal entries to `-0`.
fn initial_dqd_passes(z: &mut Z, i0: isize, n0: isize, tol2: f64, safmin: f64) {
    let mut pp: isize = 0;
    for _ in 0..2 {
        let mut d = z[4 * n0 + pp - 3];
        let mut i4 = 4 * (n0 - 1) + pp;
        while i4 >= 4 * i0 + pp {
            if z[i4 - 1] <= tol2 * d {
                z[i4 - 1] = -0.0;
                d = z[i4 - 3];
            } else {
                d = z[i4 - 3] * (d / (d + z[i4 - 1]));
            }
            i4 -= 4;
        }
        let mut d = z[4 * i0 + pp - 3];
        let mut i4 = 4 * i0 + pp;
        while i4 <= 4 * (n0 - 1) + pp {
            z[i4 - 2 * pp - 2] = d + z[i4 - 1];
            if z[i4 - 1] <= tol2 * d {
                z[i4 - 1] = -0.0;
                z[i4 - 2 * pp - 2] = d;
                z[i4 - 2 * pp] = 0.0;
                d = z[i4 + 1];
            } else if safmin * z[i4 + 1] < z[i4 - 2 * pp - 2]
                && safmin * z[i4 - 2 * pp - 2] < z[i4 + 1]
            {
                let temp = z[i4 + 1] / z[i4 - 2 * pp - 2];
                z[i4 - 2 * pp] = z[i4 - 1] * temp;
                d *= temp;
            } else {
                z[i4 - 2 * pp] = z[i4 + 1] * (z[i4 - 1] / z[i4 - 2 * pp - 2]);
                d = z[i4 + 1] * (d / z[i4 - 2 * pp - 2]);
            }
            i4 += 4;
        }
        z[4 * n0 - pp - 2] = d;
        pp = 1 - pp;
    }
}

/// The scalars (other than the iteration statistics LAPACK only
/// reports) `dlasq2` threads through `dlasq3`, `dlasq4`, `dlasq5`,
/// `dlasq6`.
#[derive(Default)]
struct State {
    dmin: f64,
    sigma: f64,
    desig: f64,
    qmax: f64,
    ttype: i32,
    dmin1: f64,
    dmin2: f64,
    dn: f64,
    dn1: f64,
    dn2: f64,
    g: f64,
    tau: f64,
}

/// What `dlasq3`'s deflation test decides at the bottom of the array.
enum Deflate {
    One,
    Two,
    None,
}

/// `dlasq3`'s deflation test (labels 10 to 40).
fn deflation(z: &Z, i0: isize, n0: isize, pp: isize, sigma: f64, tol2: f64) -> Deflate {
    if n0 == i0 {
        return Deflate::One;
    }
    let nn = 4 * n0 + pp;
    if n0 == i0 + 1 {
        return Deflate::Two;
    }
    if !(z[nn - 5] > tol2 * (sigma + z[nn - 3]) && z[nn - 2 * pp - 4] > tol2 * z[nn - 7]) {
        return Deflate::One;
    }
    if !(z[nn - 9] > tol2 * sigma && z[nn - 2 * pp - 8] > tol2 * z[nn - 11]) {
        return Deflate::Two;
    }
    Deflate::None
}

/// Deflate the 2x2 at the bottom (`dlasq3` label 40).
fn deflate_two(z: &mut Z, n0: isize, pp: isize, sigma: f64, tol2: f64) {
    let nn = 4 * n0 + pp;
    if z[nn - 3] > z[nn - 7] {
        let s = z[nn - 3];
        z[nn - 3] = z[nn - 7];
        z[nn - 7] = s;
    }
    let t = 0.5 * ((z[nn - 7] - z[nn - 3]) + z[nn - 5]);
    if z[nn - 5] > z[nn - 3] * tol2 && t != 0.0 {
        let mut s = z[nn - 3] * (z[nn - 5] / t);
        if s <= t {
            s = z[nn - 3] * (z[nn - 5] / (t * (1.0 + (1.0 + s / t).sqrt())));
        } else {
            s = z[nn - 3] * (z[nn - 5] / (t + t.sqrt() * (t + s).sqrt()));
        }
        let t = z[nn - 7] + (s + z[nn - 5]);
        z[nn - 3] *= z[nn - 7] / t;
        z[nn - 7] = t;
    }
    z[4 * n0 - 7] = z[nn - 7] + sigma;
    z[4 * n0 - 3] = z[nn - 3] + sigma;
}

/// `dlasq3`: deflate, choose a shift, do one dqds step (retrying with
/// smaller shifts on failure) and accumulate the shift into `sigma`.
fn lasq3(i0: isize, n0: &mut isize, z: &mut Z, pp: &mut isize, st: &mut State) {
    let n0in = *n0;
    let eps = PREC;
    let tol = eps * 100.0;
    let tol2 = tol * tol;
    loop {
        if *n0 < i0 {
            return;
        }
        match deflation(z, i0, *n0, *pp, st.sigma, tol2) {
            Deflate::One => {
                z[4 * *n0 - 3] = z[4 * *n0 + *pp - 3] + st.sigma;
                *n0 -= 1;
            }
            Deflate::Two => {
                deflate_two(z, *n0, *pp, st.sigma, tol2);
                *n0 -= 2;
            }
            Deflate::None => break,
        }
    }
    if *pp == 2 {
        *pp = 0;
    }
    let n0 = *n0;
    let pp = *pp;
    if (st.dmin <= 0.0 || n0 < n0in) && CBIAS * z[4 * i0 + pp - 3] < z[4 * n0 + pp - 3] {
        reverse(z, i0, n0, true);
        if n0 - i0 <= 4 {
            z[4 * n0 + pp - 1] = z[4 * i0 + pp - 1];
            z[4 * n0 - pp] = z[4 * i0 - pp];
        }
        st.dmin2 = st.dmin2.min(z[4 * n0 + pp - 1]);
        z[4 * n0 + pp - 1] = z[4 * n0 + pp - 1]
            .min(z[4 * i0 + pp - 1])
            .min(z[4 * i0 + pp + 3]);
        z[4 * n0 - pp] = z[4 * n0 - pp].min(z[4 * i0 - pp]).min(z[4 * i0 - pp + 4]);
        st.qmax = st.qmax.max(z[4 * i0 + pp - 3]).max(z[4 * i0 + pp + 1]);
        st.dmin = -0.0;
    }
    lasq4(i0, n0, z, pp, n0in, st);
    let mut run_dqd = false;
    loop {
        lasq5(i0, n0, z, pp, st, eps);
        if st.dmin >= 0.0 && st.dmin1 >= 0.0 {
            break;
        } else if st.dmin < 0.0
            && st.dmin1 > 0.0
            && z[4 * (n0 - 1) - pp] < tol * (st.sigma + st.dn1)
            && st.dn.abs() < tol * st.sigma
        {
            z[4 * (n0 - 1) - pp + 2] = 0.0;
            st.dmin = 0.0;
            break;
        } else if st.dmin < 0.0 {
            if st.ttype < -22 {
                st.tau = 0.0;
            } else if st.dmin1 > 0.0 {
                st.tau = (st.tau + st.dmin) * (1.0 - 2.0 * eps);
                st.ttype -= 11;
            } else {
                st.tau *= 0.25;
                st.ttype -= 12;
            }
        } else if st.dmin.is_nan() {
            if st.tau == 0.0 {
                run_dqd = true;
                break;
            }
            st.tau = 0.0;
        } else {
            run_dqd = true;
            break;
        }
    }
    if run_dqd {
        lasq6(i0, n0, z, pp, st);
        st.tau = 0.0;
    }
    let t;
    if st.tau < st.sigma {
        st.desig += st.tau;
        t = st.sigma + st.desig;
        st.desig -= t - st.sigma;
    } else {
        t = st.sigma + st.tau;
        st.desig += st.sigma - (t - st.tau);
    }
    st.sigma = t;
}

/// `dlasq4`'s constants.
const CNST1: f64 = 0.5630;
const CNST2: f64 = 1.010;
const CNST3: f64 = 1.050;
const THIRD: f64 = 0.3330;

/// `dlasq4`: the shift `tau` (left unchanged on its early returns, as in
/// LAPACK, where `tau` is only assigned at the end).
fn lasq4(i0: isize, n0: isize, z: &Z, pp: isize, n0in: isize, st: &mut State) {
    if st.dmin <= 0.0 {
        st.tau = -st.dmin;
        st.ttype = -1;
        return;
    }
    let nn = 4 * n0 + pp;
    let s = if n0in == n0 {
        shift_no_deflation(i0, n0, z, pp, nn, st)
    } else if n0in == n0 + 1 {
        shift_one_deflated(i0, n0, z, pp, nn, st)
    } else if n0in == n0 + 2 {
        shift_two_deflated(i0, n0, z, pp, nn, st)
    } else {
        st.ttype = -12;
        Some(0.0)
    };
    if let Some(s) = s {
        st.tau = s;
    }
}

/// The sum `a2` of the ratios up the array from `np` (`dlasq4` loops 10
/// and 30), or `None` for an early return. `b2` is the first ratio.
fn ratio_sum(z: &Z, np: isize, stop: isize, mut a2: f64, mut b2: f64) -> Option<f64> {
    let mut i4 = np;
    while i4 >= stop {
        if b2 == 0.0 {
            break;
        }
        let b1 = b2;
        if z[i4] > z[i4 - 2] {
            return None;
        }
        b2 *= z[i4] / z[i4 - 2];
        a2 += b2;
        if 100.0 * b2.max(b1) < a2 || CNST1 < a2 {
            break;
        }
        i4 -= 4;
    }
    Some(a2)
}

/// `dlasq4` when nothing was deflated.
fn shift_no_deflation(
    i0: isize,
    n0: isize,
    z: &Z,
    pp: isize,
    nn: isize,
    st: &mut State,
) -> Option<f64> {
    let (dmin, dn, dn1, dn2, dmin1, dmin2) = (st.dmin, st.dn, st.dn1, st.dn2, st.dmin1, st.dmin2);
    let mut s;
    if dmin == dn || dmin == dn1 {
        let b1 = z[nn - 3].sqrt() * z[nn - 5].sqrt();
        let b2 = z[nn - 7].sqrt() * z[nn - 9].sqrt();
        let a2 = z[nn - 7] + z[nn - 5];
        if dmin == dn && dmin1 == dn1 {
            let gap2 = dmin2 - a2 - dmin2 * 0.25;
            let gap1 = if gap2 > 0.0 && gap2 > b2 {
                a2 - dn - (b2 / gap2) * b2
            } else {
                a2 - dn - (b1 + b2)
            };
            if gap1 > 0.0 && gap1 > b1 {
                s = (dn - (b1 / gap1) * b1).max(0.5 * dmin);
                st.ttype = -2;
            } else {
                s = 0.0;
                if dn > b1 {
                    s = dn - b1;
                }
                if a2 > b1 + b2 {
                    s = s.min(a2 - (b1 + b2));
                }
                s = s.max(THIRD * dmin);
                st.ttype = -3;
            }
        } else {
            st.ttype = -4;
            s = 0.25 * dmin;
            let (gam, a2, b2, np);
            if dmin == dn {
                gam = dn;
                if z[nn - 5] > z[nn - 7] {
                    return None;
                }
                b2 = z[nn - 5] / z[nn - 7];
                a2 = 0.0;
                np = nn - 9;
            } else {
                let np0 = nn - 2 * pp;
                gam = dn1;
                if z[np0 - 4] > z[np0 - 2] {
                    return None;
                }
                a2 = z[np0 - 4] / z[np0 - 2];
                if z[nn - 9] > z[nn - 11] {
                    return None;
                }
                b2 = z[nn - 9] / z[nn - 11];
                np = nn - 13;
            }
            let a2 = ratio_sum(z, np, 4 * i0 - 1 + pp, a2 + b2, b2)?;
            let a2 = CNST3 * a2;
            if a2 < CNST1 {
                s = gam * (1.0 - a2.sqrt()) / (1.0 + a2);
            }
        }
    } else if dmin == dn2 {
        st.ttype = -5;
        s = 0.25 * dmin;
        let np = nn - 2 * pp;
        let (b1, b2) = (z[np - 2], z[np - 6]);
        let gam = dn2;
        if z[np - 8] > b2 || z[np - 4] > b1 {
            return None;
        }
        let mut a2 = (z[np - 8] / b2) * (1.0 + z[np - 4] / b1);
        if n0 - i0 > 2 {
            let b2 = z[nn - 13] / z[nn - 15];
            a2 = ratio_sum(z, nn - 17, 4 * i0 - 1 + pp, a2 + b2, b2)?;
            a2 *= CNST3;
        }
        if a2 < CNST1 {
            s = gam * (1.0 - a2.sqrt()) / (1.0 + a2);
        }
    } else {
        st.g = if st.ttype == -6 {
            st.g + THIRD * (1.0 - st.g)
        } else if st.ttype == -18 {
            0.25 * THIRD
        } else {
            0.25
        };
        s = st.g * dmin;
        st.ttype = -6;
    }
    Some(s)
}

/// `dlasq4` after one eigenvalue was deflated.
fn shift_one_deflated(
    i0: isize,
    n0: isize,
    z: &Z,
    pp: isize,
    nn: isize,
    st: &mut State,
) -> Option<f64> {
    let (dmin1, dmin2) = (st.dmin1, st.dmin2);
    if !(dmin1 == st.dn1 && dmin2 == st.dn2) {
        st.ttype = -9;
        return Some(if dmin1 == st.dn1 {
            0.5 * dmin1
        } else {
            0.25 * dmin1
        });
    }
    st.ttype = -7;
    let mut s = THIRD * dmin1;
    if z[nn - 5] > z[nn - 7] {
        return None;
    }
    let mut b1 = z[nn - 5] / z[nn - 7];
    let mut b2 = b1;
    if b2 != 0.0 {
        let mut i4 = 4 * n0 - 9 + pp;
        while i4 >= 4 * i0 - 1 + pp {
            let a2 = b1;
            if z[i4] > z[i4 - 2] {
                return None;
            }
            b1 *= z[i4] / z[i4 - 2];
            b2 += b1;
            if 100.0 * b1.max(a2) < b2 {
                break;
            }
            i4 -= 4;
        }
    }
    let b2 = (CNST3 * b2).sqrt();
    let a2 = dmin1 / (1.0 + b2 * b2);
    let gap2 = 0.5 * dmin2 - a2;
    if gap2 > 0.0 && gap2 > b2 * a2 {
        s = s.max(a2 * (1.0 - CNST2 * a2 * (b2 / gap2) * b2));
    } else {
        s = s.max(a2 * (1.0 - CNST2 * b2));
        st.ttype = -8;
    }
    Some(s)
}

/// `dlasq4` after two eigenvalues were deflated.
fn shift_two_deflated(
    i0: isize,
    n0: isize,
    z: &Z,
    pp: isize,
    nn: isize,
    st: &mut State,
) -> Option<f64> {
    let dmin2 = st.dmin2;
    if !(dmin2 == st.dn2 && 2.0 * z[nn - 5] < z[nn - 7]) {
        st.ttype = -11;
        return Some(0.25 * dmin2);
    }
    st.ttype = -10;
    let mut s = THIRD * dmin2;
    if z[nn - 5] > z[nn - 7] {
        return None;
    }
    let mut b1 = z[nn - 5] / z[nn - 7];
    let mut b2 = b1;
    if b2 != 0.0 {
        let mut i4 = 4 * n0 - 9 + pp;
        while i4 >= 4 * i0 - 1 + pp {
            if z[i4] > z[i4 - 2] {
                return None;
            }
            b1 *= z[i4] / z[i4 - 2];
            b2 += b1;
            if 100.0 * b1 < b2 {
                break;
            }
            i4 -= 4;
        }
    }
    let b2 = (CNST3 * b2).sqrt();
    let a2 = dmin2 / (1.0 + b2 * b2);
    let gap2 = z[nn - 7] + z[nn - 9] - z[nn - 11].sqrt() * z[nn - 9].sqrt() - a2;
    if gap2 > 0.0 && gap2 > b2 * a2 {
        s = s.max(a2 * (1.0 - CNST2 * a2 * (b2 / gap2) * b2));
    } else {
        s = s.max(a2 * (1.0 - CNST2 * b2));
    }
    Some(s)
}

/// `dlasq5` (IEEE branches): one dqds step with shift `tau`, which is
/// dropped (set to zero) when below half of `eps (sigma + tau)`.
fn lasq5(i0: isize, n0: isize, z: &mut Z, pp: isize, st: &mut State, eps: f64) {
    if n0 - i0 - 1 <= 0 {
        return;
    }
    let dthresh = eps * (st.sigma + st.tau);
    if st.tau < dthresh * 0.5 {
        st.tau = 0.0;
    }
    let tau = st.tau;
    let flush = tau == 0.0;
    let mut j4 = 4 * i0 + pp - 3;
    let mut emin = z[j4 + 4];
    let mut d = z[j4] - tau;
    let mut dmin = d;
    st.dmin1 = -z[j4];
    j4 = 4 * i0;
    while j4 <= 4 * (n0 - 3) {
        let (q_new, e_old, q_next, e_new) = if pp == 0 {
            (j4 - 2, j4 - 1, j4 + 1, j4)
        } else {
            (j4 - 3, j4, j4 + 2, j4 - 1)
        };
        z[q_new] = d + z[e_old];
        let temp = z[q_next] / z[q_new];
        d = d * temp - tau;
        if flush && d < dthresh {
            d = 0.0;
        }
        dmin = dmin.min(d);
        z[e_new] = z[e_old] * temp;
        emin = z[e_new].min(emin);
        j4 += 4;
    }
    let dnm2 = d;
    st.dmin2 = dmin;
    let mut j4 = 4 * (n0 - 2) - pp;
    let mut j4p2 = j4 + 2 * pp - 1;
    z[j4 - 2] = dnm2 + z[j4p2];
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
    let dnm1 = z[j4p2 + 2] * (dnm2 / z[j4 - 2]) - tau;
    dmin = dmin.min(dnm1);
    st.dmin1 = dmin;
    j4 += 4;
    j4p2 = j4 + 2 * pp - 1;
    z[j4 - 2] = dnm1 + z[j4p2];
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
    let dn = z[j4p2 + 2] * (dnm1 / z[j4 - 2]) - tau;
    dmin = dmin.min(dn);
    z[j4 + 2] = dn;
    z[4 * n0 - pp] = emin;
    (st.dmin, st.dn, st.dn1, st.dn2) = (dmin, dn, dnm1, dnm2);
}

/// One step of `dlasq6`'s safe dqd transform: the new `q` at `qn` from
/// `d` and the old `e` at `eo`, the new `e` at `en` from the next `q` at
/// `qx`. Returns the new `d` and whether the pivot `q` was zero.
fn dqd_step(z: &mut Z, d: f64, (qn, eo, qx, en): (isize, isize, isize, isize)) -> (f64, bool) {
    z[qn] = d + z[eo];
    if z[qn] == 0.0 {
        z[en] = 0.0;
        (z[qx], true)
    } else if SAFMIN * z[qx] < z[qn] && SAFMIN * z[qn] < z[qx] {
        let temp = z[qx] / z[qn];
        z[en] = z[eo] * temp;
        (d * temp, false)
    } else {
        z[en] = z[qx] * (z[eo] / z[qn]);
        (z[qx] * (d / z[qn]), false)
    }
}

/// `dlasq6`: one dqd step (no shift), guarding against underflow.
fn lasq6(i0: isize, n0: isize, z: &mut Z, pp: isize, st: &mut State) {
    if n0 - i0 - 1 <= 0 {
        return;
    }
    let j4 = 4 * i0 + pp - 3;
    let mut emin = z[j4 + 4];
    let mut d = z[j4];
    let mut dmin = d;
    let mut j4 = 4 * i0;
    while j4 <= 4 * (n0 - 3) {
        let idx = if pp == 0 {
            (j4 - 2, j4 - 1, j4 + 1, j4)
        } else {
            (j4 - 3, j4, j4 + 2, j4 - 1)
        };
        let (nd, zero) = dqd_step(z, d, idx);
        d = nd;
        if zero {
            dmin = d;
            emin = 0.0;
        }
        dmin = dmin.min(d);
        emin = emin.min(z[idx.3]);
        j4 += 4;
    }
    let dnm2 = d;
    st.dmin2 = dmin;
    let mut j4 = 4 * (n0 - 2) - pp;
    let mut j4p2 = j4 + 2 * pp - 1;
    let (dnm1, zero) = dqd_step(z, dnm2, (j4 - 2, j4p2, j4p2 + 2, j4));
    if zero {
        dmin = dnm1;
        emin = 0.0;
    }
    dmin = dmin.min(dnm1);
    st.dmin1 = dmin;
    j4 += 4;
    j4p2 = j4 + 2 * pp - 1;
    let (dn, zero) = dqd_step(z, dnm1, (j4 - 2, j4p2, j4p2 + 2, j4));
    if zero {
        dmin = dn;
        emin = 0.0;
    }
    dmin = dmin.min(dn);
    z[j4 + 2] = dn;
    z[4 * n0 - pp] = emin;
    (st.dmin, st.dn, st.dn1, st.dn2) = (dmin, dn, dnm1, dnm2);
}
