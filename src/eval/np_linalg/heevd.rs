//! `np.linalg.eigh` / `eigvalsh` on complex Hermitian input, by LAPACK's
//! own steps so eigenvector phases are NumPy's: `zheevd` (what the
//! `eigh_lo`/`eigh_up` and `eigvalsh_lo`/`eigvalsh_up` gufuncs call)
//! reduces the matrix to a real tridiagonal one with complex Householder
//! reflectors (`zhetrd`, unblocked `zhetd2` below 32 columns: `zlarfg`,
//! then `zhemv`, `zdotc`, `zaxpy`, `zher2` from OpenBLAS, `zblas.rs`),
//! then either takes the eigenvalues alone (`dsterf`, root-free QL/QR) or
//! hands orders up to 25 to `zsteqr` (implicit QL/QR with real rotations
//! on a complex `Z`, the same steps as `dsteqr`) and multiplies by the
//! reflectors (`zunmtr`: `zunm2r` for the lower triangle, `zunm2l` for
//! the upper, each reflector by `zlarf` = `zgemv_c` + `zgerc`). Larger
//! orders go through the divide and conquer code (`zstedc` -> `zlaed0`),
//! which is not replayed ([`MAX_N`]). Matrices are column-major
//! (`a[i + j * n]`); only the chosen triangle is read, and the diagonal's
//! imaginary parts are ignored, as LAPACK does.

use super::lapack::{lapy2, lartg, sign};
use super::syevd::laev2;
use super::zblas::{self, C};

/// The largest order with eigenvectors: `zstedc` hands orders up to
/// `SMLSIZ` to `zsteqr`, larger ones to divide and conquer.
pub const MAX_N: usize = 25;

/// The largest order for eigenvalues alone: `dsterf` has no limit, but
/// `zhetrd` runs its unblocked `zhetd2` only up to its block size 32
/// (`ILAENV` for `ZHETRD`); larger orders go through `zlatrd`/`zher2k`.
pub const MAX_N_VALUES: usize = 32;

/// LAPACK's `eps` (`dlamch('E')`, half of Rust's `EPSILON`).
const EPS: f64 = f64::EPSILON / 2.0;

/// Eigenvalues (ascending) and, when `vectors`, eigenvectors (columns of
/// a column-major `n x n`) of the Hermitian matrix whose lower (or upper)
/// triangle is in the column-major `a`, as `zheevd` computes them.
/// `None` for what is not modelled: `n > 25` with vectors (divide and
/// conquer) or `n > 32` without (blocked reduction), non-finite input,
/// and no convergence (NumPy's "Eigenvalues did not converge"). Matrices
/// near the ends of the exponent range are scaled as `zheevd` (and
/// `zsteqr`/`dsterf`, per block) scale them.
pub fn heevd(n: usize, a: &[C], lower: bool, vectors: bool) -> Option<(Vec<f64>, Vec<C>)> {
    if n == 0 {
        return Some((Vec::new(), Vec::new()));
    }
    if n == 1 {
        // zheevd returns before it looks at the norm.
        let z = if vectors {
            vec![(1.0, 0.0)]
        } else {
            Vec::new()
        };
        return Some((vec![a[0].0], z));
    }
    if n > if vectors { MAX_N } else { MAX_N_VALUES } {
        return None;
    }
    let mut a = a.to_vec();
    let sigma = scale_factor(n, &a, lower)?;
    if let Some(sigma) = sigma {
        lascl_triangle(n, &mut a, lower, sigma);
    }
    let (mut d, mut e, tau) = if lower {
        hetd2_lower(n, &mut a)
    } else {
        hetd2_upper(n, &mut a)
    };
    let z = if vectors {
        let mut z = steqr(n, &mut d, &mut e)?;
        if lower {
            unm2r(n, &a, &tau, &mut z);
        } else {
            unm2l(n, &a, &tau, &mut z);
        }
        z
    } else {
        sterf(&mut d, &mut e)?;
        Vec::new()
    };
    if let Some(sigma) = sigma {
        // DSCAL(N, ONE / SIGMA, W, 1).
        let r = 1.0 / sigma;
        d.iter_mut().for_each(|v| *v *= r);
    }
    Some((d, z))
}

/// `zheevd`'s scaling: `None` for non-finite input (not replayed),
/// `Some(None)` when `zlanhe('M')` of the triangle read is zero or within
/// `[rmin, rmax]` (`2^-485`, `2^485`), else `Some(Some(sigma))`, the factor
/// that brings it to the nearer bound.
fn scale_factor(n: usize, a: &[C], lower: bool) -> Option<Option<f64>> {
    // dlamch('Precision') is eps * base, Rust's EPSILON.
    let smlnum = f64::MIN_POSITIVE / f64::EPSILON;
    let (rmin, rmax) = (smlnum.sqrt(), (1.0 / smlnum).sqrt());
    let mut anrm = 0.0f64;
    for j in 0..n {
        for i in 0..n {
            let v = a[i + j * n];
            let m = match i.cmp(&j) {
                std::cmp::Ordering::Equal => v.0.abs(),
                std::cmp::Ordering::Greater if lower => v.0.hypot(v.1),
                std::cmp::Ordering::Less if !lower => v.0.hypot(v.1),
                _ => continue,
            };
            if !m.is_finite() {
                return None;
            }
            anrm = anrm.max(m);
        }
    }
    Some(if anrm > 0.0 && anrm < rmin {
        Some(rmin / anrm)
    } else if anrm > rmax {
        Some(rmax / anrm)
    } else {
        None
    })
}

/// `dlascl`'s multipliers for scaling by `cto / cfrom` without over- or
/// underflow, applied one after another (none when the ratio is 1).
fn lascl_factors(cfrom: f64, cto: f64) -> Vec<f64> {
    let smlnum = f64::MIN_POSITIVE;
    let bignum = 1.0 / smlnum;
    let (mut cfromc, mut ctoc) = (cfrom, cto);
    let mut out = Vec::new();
    loop {
        let cfrom1 = cfromc * smlnum;
        let cto1 = ctoc / bignum;
        let (mul, done) = if cfrom1 == cfromc {
            (ctoc / cfromc, true)
        } else if cto1 == ctoc {
            (ctoc, true)
        } else if cfrom1.abs() > ctoc.abs() && ctoc != 0.0 {
            cfromc = cfrom1;
            (smlnum, false)
        } else if cto1.abs() > cfromc.abs() {
            ctoc = cto1;
            (bignum, false)
        } else {
            let mul = ctoc / cfromc;
            if mul == 1.0 {
                return out;
            }
            (mul, true)
        };
        out.push(mul);
        if done {
            return out;
        }
    }
}

/// `dlascl('G')` on a vector: `x * cto / cfrom`.
fn lascl(cfrom: f64, cto: f64, x: &mut [f64]) {
    for mul in lascl_factors(cfrom, cto) {
        x.iter_mut().for_each(|v| *v *= mul);
    }
}

/// `zlascl(uplo, 0, 0, 1, sigma)` on the triangle `zheevd` reads (a
/// complex times a real: `A(i, j) * MUL`, a full complex product).
fn lascl_triangle(n: usize, a: &mut [C], lower: bool, sigma: f64) {
    for mul in lascl_factors(1.0, sigma) {
        for j in 0..n {
            let rows = if lower { j..n } else { 0..j + 1 };
            for v in &mut a[rows.start + j * n..rows.end + j * n] {
                *v = (v.0 * mul - v.1 * 0.0, v.0 * 0.0 + v.1 * mul);
            }
        }
    }
}

/// `dlapy3`: `sqrt(x^2 + y^2 + z^2)` scaled by the largest magnitude.
fn lapy3(x: f64, y: f64, z: f64) -> f64 {
    let (xa, ya, za) = (x.abs(), y.abs(), z.abs());
    let w = xa.max(ya).max(za);
    if w == 0.0 || w > f64::MAX {
        xa + ya + za
    } else {
        let sq = |v: f64| (v / w) * (v / w);
        w * (sq(xa) + sq(ya) + sq(za)).sqrt()
    }
}

/// `zladiv`: the complex quotient `x / y` by `dladiv`.
fn ladiv(x: C, y: C) -> C {
    super::lapack::ladiv(x.0, x.1, y.0, y.1)
}

/// `zlarfg`: the reflector `H = I - tau v v^H` with `H^H [alpha; x] =
/// [beta; 0]`, `beta` real. `x` becomes `v[1..]`; returns `(beta, tau)`
/// (`beta` is `alpha`'s real part when `tau = 0`).
fn larfg(alpha: C, x: &mut [C]) -> (f64, C) {
    let mut xnorm = zblas::nrm2(x);
    let (mut alphr, mut alphi) = alpha;
    if xnorm == 0.0 && alphi == 0.0 {
        return (alphr, (0.0, 0.0));
    }
    let mut beta = -sign(lapy3(alphr, alphi, xnorm), alphr);
    let safmin = f64::MIN_POSITIVE / EPS;
    let rsafmn = 1.0 / safmin;
    let mut knt = 0;
    if beta.abs() < safmin {
        loop {
            knt += 1;
            zblas::scal((rsafmn, 0.0), x, true);
            beta *= rsafmn;
            alphi *= rsafmn;
            alphr *= rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        xnorm = zblas::nrm2(x);
        beta = -sign(lapy3(alphr, alphi, xnorm), alphr);
    }
    let tau = ((beta - alphr) / beta, -alphi / beta);
    let scale = ladiv((1.0, 0.0), (alphr - beta, alphi));
    zblas::scal(scale, x, true);
    for _ in 0..knt {
        beta *= safmin;
    }
    (beta, tau)
}

/// Fortran's complex product (no fused operations: LAPACK is built for
/// generic x86-64).
fn mul(p: C, q: C) -> C {
    (p.0 * q.0 - p.1 * q.1, p.0 * q.1 + p.1 * q.0)
}

/// A real times a complex in gfortran: the real promoted to `(s, +0)`
/// and a full complex product (GCC keeps the zero's products, as signed
/// zeros are honoured), which decides the sign of zero parts.
fn rmul(s: f64, t: C) -> C {
    mul((s, 0.0), t)
}

/// The rank-2 update of one reflector step of `zhetd2`: with `v` the
/// reflector and `tau`, `w = tau A v` (`zhemv`), `w += (-tau/2 (w^H v)) v`
/// (`zdotc`, `zaxpy`), then `A -= v w^H + w v^H` (`zher2`) on the trailing
/// block at `(off, off)`, of order `v.len()`.
fn rank2_step(n: usize, a: &mut [C], off: usize, v: &[C], tau: C, lower: bool) {
    let m = v.len();
    let at = |a: &[C], r: usize, c: usize| a[off + r + (off + c) * n];
    let mut w = if lower {
        zblas::hemv_lower(m, |r, c| at(a, r, c), v, tau)
    } else {
        zblas::hemv_upper(m, |r, c| at(a, r, c), v, tau)
    };
    // -HALF*TAUI*ZDOTC(...) is -((HALF*TAUI)*ZDOTC(...)) in Fortran.
    let p = mul(rmul(0.5, tau), zblas::dotc(m, |k| w[k], |k| v[k], true));
    let alpha = (-p.0, -p.1);
    zblas::axpy(alpha, |k| v[k], &mut w);
    her2(n, a, off, v, &w, lower);
}

/// `zher2` with `alpha = -1` (`driver/level2/zher2_k.c`): for each column
/// `i` of the triangle, `a[.., i] += conj(alpha v_i) w` and then `+=
/// alpha conj(w_i) v` by `zaxpy`, the diagonal's imaginary part set to
/// zero. The scalars are formed as the C code writes them (their zero
/// parts' signs carry into the sums).
fn her2(n: usize, a: &mut [C], off: usize, v: &[C], w: &[C], lower: bool) {
    let (ar, ai) = (-1.0f64, 0.0f64);
    let m = v.len();
    for i in 0..m {
        let rows = if lower { i..m } else { 0..i + 1 };
        let col = off + (off + i) * n;
        let dst = &mut a[col + rows.start..col + rows.end];
        let ((xr, xi), (yr, yi)) = (v[i], w[i]);
        let s1 = (ar * xr - ai * xi, -ai * xr - ar * xi);
        zblas::axpy(s1, |k| w[rows.start + k], dst);
        let s2 = (ar * yr + ai * yi, ai * yr - ar * yi);
        zblas::axpy(s2, |k| v[rows.start + k], dst);
        a[off + i + (off + i) * n].1 = 0.0;
    }
}

/// `zhetd2` with `UPLO='L'`: the diagonal, the off-diagonal and `tau`;
/// reflector `i` stays in `a[i+2.., i]` (its leading 1 implied).
fn hetd2_lower(n: usize, a: &mut [C]) -> (Vec<f64>, Vec<f64>, Vec<C>) {
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n - 1];
    let mut tau = vec![(0.0, 0.0); n - 1];
    a[0].1 = 0.0;
    for i in 0..n - 1 {
        let (beta, taui) = larfg(a[i + 1 + i * n], &mut a[i + 2 + i * n..(i + 1) * n]);
        e[i] = beta;
        if taui != (0.0, 0.0) {
            a[i + 1 + i * n] = (1.0, 0.0);
            let v = a[i + 1 + i * n..(i + 1) * n].to_vec();
            rank2_step(n, a, i + 1, &v, taui, true);
        } else {
            a[(i + 1) * (n + 1)].1 = 0.0;
        }
        a[i + 1 + i * n] = (e[i], 0.0);
        d[i] = a[i * (n + 1)].0;
        tau[i] = taui;
    }
    d[n - 1] = a[n * n - 1].0;
    (d, e, tau)
}

/// `zhetd2` with `UPLO='U'`, from the last column back: reflector `i`
/// stays in `a[..i, i+1]` (its trailing 1 implied at row `i`).
fn hetd2_upper(n: usize, a: &mut [C]) -> (Vec<f64>, Vec<f64>, Vec<C>) {
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n - 1];
    let mut tau = vec![(0.0, 0.0); n - 1];
    a[n * n - 1].1 = 0.0;
    for i in (0..n - 1).rev() {
        let col = (i + 1) * n;
        let (beta, taui) = larfg(a[i + col], &mut a[col..col + i]);
        e[i] = beta;
        if taui != (0.0, 0.0) {
            a[i + col] = (1.0, 0.0);
            let v = a[col..col + i + 1].to_vec();
            rank2_step(n, a, 0, &v, taui, false);
        } else {
            a[i * (n + 1)].1 = 0.0;
        }
        a[i + col] = (e[i], 0.0);
        d[i + 1] = a[(i + 1) * (n + 1)].0;
        tau[i] = taui;
    }
    d[0] = a[0].0;
    (d, e, tau)
}

/// `zlasr('R', 'V', dir, n, mm, c, s, Z(:, col0..))`: real rotations on
/// complex columns (`c*temp - s*A(i, j)`, each product [`rmul`]).
fn lasr(z: &mut [C], n: usize, col0: usize, c: &[f64], s: &[f64], forward: bool) {
    let mut step = |j: usize| {
        let (ct, st) = (c[j], s[j]);
        if ct != 1.0 || st != 0.0 {
            for i in 0..n {
                let t = z[i + (col0 + j + 1) * n];
                let zj = z[i + (col0 + j) * n];
                let (p, q) = (rmul(ct, t), rmul(st, zj));
                z[i + (col0 + j + 1) * n] = (p.0 - q.0, p.1 - q.1);
                let (p, q) = (rmul(st, t), rmul(ct, zj));
                z[i + (col0 + j) * n] = (p.0 + q.0, p.1 + q.1);
            }
        }
    };
    if forward {
        (0..c.len()).for_each(&mut step);
    } else {
        (0..c.len()).rev().for_each(&mut step);
    }
}

/// The state `zsteqr` and `dsterf` share: the tridiagonal matrix (1-based
/// indices as in the Fortran, mapped with `- 1`) and the QL/QR sweeps
/// done against their limit (30 per order).
struct Tridiag<'a> {
    d: &'a mut [f64],
    e: &'a mut [f64],
    jtot: usize,
    nmaxit: usize,
}

/// How [`Tridiag::blocks`] ended.
enum Blocks {
    /// Every block converged: sort the eigenvalues.
    Done,
    /// The sweep limit was hit with every `e` zero: LAPACK returns
    /// `info = 0` without sorting.
    Unsorted,
}

impl Tridiag<'_> {
    fn new<'a>(d: &'a mut [f64], e: &'a mut [f64]) -> Tridiag<'a> {
        let nmaxit = 30 * d.len();
        Tridiag {
            d,
            e,
            jtot: 0,
            nmaxit,
        }
    }

    /// The end `m` of the unreduced block from `l1`, zeroing the first
    /// negligible `e` (`|e| <= sqrt|d_m| sqrt|d_m+1| eps`).
    fn split(&mut self, l1: usize) -> usize {
        let n = self.d.len();
        for m in l1..n {
            let tst = self.e[m - 1].abs();
            if tst == 0.0 {
                return m;
            }
            if tst <= (self.d[m - 1].abs().sqrt() * self.d[m].abs().sqrt()) * EPS {
                self.e[m - 1] = 0.0;
                return m;
            }
        }
        n
    }

    /// Both routines' outer loop: each unreduced block `l..=lend` (nonzero
    /// by `norm`) is scaled into `[ssfmin, ssfmax]` if outside, its `e`
    /// squared for `dsterf`, and goes to `sweep(self, l, lend)` with `l` at
    /// its end of smaller `|d|` (`lend < l`: QR); then it is scaled back
    /// (`dsterf` leaves its squared `e` alone). `None` when the sweeps run
    /// out with some `e` nonzero (NumPy: "Eigenvalues did not converge").
    fn blocks(
        &mut self,
        norm: fn(&[f64], &[f64]) -> f64,
        square_e: bool,
        mut sweep: impl FnMut(&mut Self, usize, usize),
    ) -> Option<Blocks> {
        let n = self.d.len();
        let mut l1 = 1;
        while l1 <= n {
            if l1 > 1 {
                self.e[l1 - 2] = 0.0;
            }
            let (l, lend) = (l1, self.split(l1));
            l1 = lend + 1;
            if lend == l {
                continue;
            }
            let anorm = norm(&self.d[l - 1..lend], &self.e[l - 1..lend - 1]);
            if anorm == 0.0 {
                continue;
            }
            let bound = block_bound(anorm);
            if let Some(to) = bound {
                lascl(anorm, to, &mut self.d[l - 1..lend]);
                lascl(anorm, to, &mut self.e[l - 1..lend - 1]);
            }
            if square_e {
                self.e[l - 1..lend - 1].iter_mut().for_each(|v| *v *= *v);
            }
            if self.d[lend - 1].abs() < self.d[l - 1].abs() {
                sweep(self, lend, l);
            } else {
                sweep(self, l, lend);
            }
            if let Some(to) = bound {
                lascl(to, anorm, &mut self.d[l - 1..lend]);
                if !square_e {
                    lascl(to, anorm, &mut self.e[l - 1..lend - 1]);
                }
            }
            if self.jtot >= self.nmaxit {
                return self.e.iter().all(|&x| x == 0.0).then_some(Blocks::Unsorted);
            }
        }
        Some(Blocks::Done)
    }
}

/// The bound `dsteqr` and `dsterf` scale a block's norm to, if it lies
/// outside `[ssfmin, ssfmax]` (`2^-405`, `2^511 / 3`).
fn block_bound(anorm: f64) -> Option<f64> {
    let ssfmax = (1.0 / f64::MIN_POSITIVE).sqrt() / 3.0;
    let ssfmin = f64::MIN_POSITIVE.sqrt() / (EPS * EPS);
    if anorm > ssfmax {
        Some(ssfmax)
    } else if anorm < ssfmin {
        Some(ssfmin)
    } else {
        None
    }
}

/// `dlanst('M')`: the largest magnitude, NaN if any is.
fn max_norm(d: &[f64], e: &[f64]) -> f64 {
    d.iter().chain(e).fold(
        0.0f64,
        |x, v| if v.is_nan() { f64::NAN } else { x.max(v.abs()) },
    )
}

/// `dlanst('I')` (`zsteqr`'s block norm): the largest absolute row sum.
fn row_sum_norm(d: &[f64], e: &[f64]) -> f64 {
    let k = d.len();
    (0..k)
        .map(|i| {
            let left = if i > 0 { e[i - 1].abs() } else { 0.0 };
            let right = if i + 1 < k { e[i].abs() } else { 0.0 };
            d[i].abs() + right + left
        })
        .fold(0.0f64, |x, v| if v.is_nan() || x < v { v } else { x })
}

/// `zsteqr` with `COMPZ='I'`: eigenvalues ascending in `d` and the
/// tridiagonal matrix's eigenvectors (`Z` starts as the identity), or
/// `None` (see [`Tridiag::blocks`]). The same steps as `dsteqr` (see
/// `syevd.rs`), the rotations applied to a complex `Z`.
fn steqr(n: usize, d: &mut [f64], e: &mut [f64]) -> Option<Vec<C>> {
    let mut rot = Rotations {
        z: vec![(0.0, 0.0); n * n],
        c: vec![0.0; n],
        s: vec![0.0; n],
    };
    for i in 0..n {
        rot.z[i * (n + 1)] = (1.0, 0.0);
    }
    let mut t = Tridiag::new(d, e);
    let ended = t.blocks(row_sum_norm, false, |t, l, lend| {
        if lend > l {
            steqr_ql(t, &mut rot, l, lend);
        } else {
            steqr_qr(t, &mut rot, l, lend);
        }
    })?;
    if let Blocks::Done = ended {
        sort_with_vectors(n, d, &mut rot.z);
    }
    Some(rot.z)
}

/// `zsteqr`'s eigenvectors and its rotations' workspace.
struct Rotations {
    z: Vec<C>,
    c: Vec<f64>,
    s: Vec<f64>,
}

/// `dsteqr`'s implicit QL sweeps on the block `l..=lend` (Wilkinson shift,
/// `dlaev2` for a 2x2 block, rotations applied to `Z` backwards).
fn steqr_ql(t: &mut Tridiag, rot: &mut Rotations, mut l: usize, lend: usize) {
    let n = t.d.len();
    let (d, e) = (&mut *t.d, &mut *t.e);
    loop {
        let mut m = lend;
        for mm in l..lend {
            if e[mm - 1].abs() * e[mm - 1].abs()
                <= (EPS * EPS * d[mm - 1].abs()) * d[mm].abs() + f64::MIN_POSITIVE
            {
                m = mm;
                break;
            }
        }
        if m < lend {
            e[m - 1] = 0.0;
        }
        let mut p = d[l - 1];
        if m == l {
            l += 1;
            if l <= lend {
                continue;
            }
            return;
        }
        if m == l + 1 {
            let (rt1, rt2, c, s) = laev2(d[l - 1], e[l - 1], d[l]);
            lasr(&mut rot.z, n, l - 1, &[c], &[s], false);
            (d[l - 1], d[l], e[l - 1]) = (rt1, rt2, 0.0);
            l += 2;
            if l <= lend {
                continue;
            }
            return;
        }
        if t.jtot == t.nmaxit {
            return;
        }
        t.jtot += 1;
        let mut g = (d[l] - p) / (2.0 * e[l - 1]);
        let mut r = lapy2(g, 1.0);
        g = d[m - 1] - p + (e[l - 1] / (g + sign(r, g)));
        let (mut s, mut c) = (1.0, 1.0);
        p = 0.0;
        for i in (l..m).rev() {
            let f = s * e[i - 1];
            let b = c * e[i - 1];
            (c, s, r) = lartg(g, f);
            if i != m - 1 {
                e[i] = r;
            }
            g = d[i] - p;
            r = (d[i - 1] - g) * s + 2.0 * c * b;
            p = s * r;
            d[i] = g + p;
            g = c * r - b;
            rot.c[i - 1] = c;
            rot.s[i - 1] = -s;
        }
        lasr(
            &mut rot.z,
            n,
            l - 1,
            &rot.c[l - 1..m - 1],
            &rot.s[l - 1..m - 1],
            false,
        );
        d[l - 1] -= p;
        e[l - 1] = g;
    }
}

/// `dsteqr`'s implicit QR sweeps on the block `lend..=l` (rotations
/// applied to `Z` forwards).
fn steqr_qr(t: &mut Tridiag, rot: &mut Rotations, mut l: usize, lend: usize) {
    let n = t.d.len();
    let (d, e) = (&mut *t.d, &mut *t.e);
    loop {
        let mut m = lend;
        let mut mm = l;
        while mm > lend {
            if e[mm - 2].abs() * e[mm - 2].abs()
                <= (EPS * EPS * d[mm - 1].abs()) * d[mm - 2].abs() + f64::MIN_POSITIVE
            {
                m = mm;
                break;
            }
            mm -= 1;
        }
        if m > lend {
            e[m - 2] = 0.0;
        }
        let mut p = d[l - 1];
        if m == l {
            if l == 1 {
                return;
            }
            l -= 1;
            if l >= lend {
                continue;
            }
            return;
        }
        if m + 1 == l {
            let (rt1, rt2, c, s) = laev2(d[l - 2], e[l - 2], d[l - 1]);
            lasr(&mut rot.z, n, m - 1, &[c], &[s], true);
            (d[l - 2], d[l - 1], e[l - 2]) = (rt1, rt2, 0.0);
            if l < 3 {
                return;
            }
            l -= 2;
            if l >= lend {
                continue;
            }
            return;
        }
        if t.jtot == t.nmaxit {
            return;
        }
        t.jtot += 1;
        let mut g = (d[l - 2] - p) / (2.0 * e[l - 2]);
        let mut r = lapy2(g, 1.0);
        g = d[m - 1] - p + (e[l - 2] / (g + sign(r, g)));
        let (mut s, mut c) = (1.0, 1.0);
        p = 0.0;
        for i in m..l {
            let f = s * e[i - 1];
            let b = c * e[i - 1];
            (c, s, r) = lartg(g, f);
            if i != m {
                e[i - 2] = r;
            }
            g = d[i - 1] - p;
            r = (d[i] - g) * s + 2.0 * c * b;
            p = s * r;
            d[i - 1] = g + p;
            g = c * r - b;
            rot.c[i - 1] = c;
            rot.s[i - 1] = s;
        }
        lasr(
            &mut rot.z,
            n,
            m - 1,
            &rot.c[m - 1..l - 1],
            &rot.s[m - 1..l - 1],
            true,
        );
        d[l - 1] -= p;
        e[l - 2] = g;
    }
}

/// `zsteqr`'s closing selection sort, swapping eigenvectors (`zswap`).
fn sort_with_vectors(n: usize, d: &mut [f64], z: &mut [C]) {
    for i in 0..n - 1 {
        let mut k = i;
        let mut p = d[i];
        for (j, &dj) in d.iter().enumerate().skip(i + 1) {
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
}

/// `dsterf`: eigenvalues only (Pal-Walker-Kahan's root-free QL/QR on the
/// squared off-diagonal), ascending (`dlasrt`), or `None` (see
/// [`Tridiag::blocks`]).
fn sterf(d: &mut [f64], e: &mut [f64]) -> Option<()> {
    let ended = Tridiag::new(d, e).blocks(max_norm, true, |t, l, lend| {
        if lend >= l {
            sterf_ql(t, l, lend);
        } else {
            sterf_qr(t, l, lend);
        }
    })?;
    if let Blocks::Done = ended {
        // dlasrt's insertion sort (n <= 20) and quicksort agree on values.
        d.sort_by(|p, q| p.partial_cmp(q).unwrap_or(std::cmp::Ordering::Equal));
    }
    Some(())
}

/// `dsterf`'s QL sweeps on the block `l..=lend` (`e` squared).
fn sterf_ql(t: &mut Tridiag, mut l: usize, lend: usize) {
    let (d, e) = (&mut *t.d, &mut *t.e);
    loop {
        let mut m = lend;
        for mm in l..lend {
            if e[mm - 1].abs() <= EPS * EPS * (d[mm - 1] * d[mm]).abs() {
                m = mm;
                break;
            }
        }
        if m < lend {
            e[m - 1] = 0.0;
        }
        let p = d[l - 1];
        if m == l {
            l += 1;
            if l <= lend {
                continue;
            }
            return;
        }
        if m == l + 1 {
            let (rt1, rt2, _, _) = laev2(d[l - 1], e[l - 1].sqrt(), d[l]);
            (d[l - 1], d[l], e[l - 1]) = (rt1, rt2, 0.0);
            l += 2;
            if l <= lend {
                continue;
            }
            return;
        }
        if t.jtot == t.nmaxit {
            return;
        }
        t.jtot += 1;
        let rte = e[l - 1].sqrt();
        let sigma = shift(p, d[l], rte);
        let mut gamma = d[m - 1] - sigma;
        let (mut c, mut s, mut p) = (1.0, 0.0, gamma * gamma);
        for i in (l..m).rev() {
            let bb = e[i - 1];
            let r = p + bb;
            if i != m - 1 {
                e[i] = s * r;
            }
            let oldc = c;
            (c, s) = (p / r, bb / r);
            let (oldgam, alpha) = (gamma, d[i - 1]);
            gamma = c * (alpha - sigma) - s * oldgam;
            d[i] = oldgam + (alpha - gamma);
            p = if c != 0.0 {
                (gamma * gamma) / c
            } else {
                oldc * bb
            };
        }
        e[l - 1] = s * p;
        d[l - 1] = sigma + gamma;
    }
}

/// `dsterf`'s QR sweeps on the block `lend..=l` (`e` squared).
fn sterf_qr(t: &mut Tridiag, mut l: usize, lend: usize) {
    let (d, e) = (&mut *t.d, &mut *t.e);
    loop {
        let mut m = lend;
        let mut mm = l;
        while mm > lend {
            if e[mm - 2].abs() <= EPS * EPS * (d[mm - 1] * d[mm - 2]).abs() {
                m = mm;
                break;
            }
            mm -= 1;
        }
        if m > lend {
            e[m - 2] = 0.0;
        }
        let p = d[l - 1];
        if m == l {
            l -= 1;
            if l >= lend {
                continue;
            }
            return;
        }
        if m + 1 == l {
            let (rt1, rt2, _, _) = laev2(d[l - 1], e[l - 2].sqrt(), d[l - 2]);
            (d[l - 1], d[l - 2], e[l - 2]) = (rt1, rt2, 0.0);
            if l < 3 {
                return;
            }
            l -= 2;
            if l >= lend {
                continue;
            }
            return;
        }
        if t.jtot == t.nmaxit {
            return;
        }
        t.jtot += 1;
        let rte = e[l - 2].sqrt();
        let sigma = shift(p, d[l - 2], rte);
        let mut gamma = d[m - 1] - sigma;
        let (mut c, mut s, mut p) = (1.0, 0.0, gamma * gamma);
        for i in m..l {
            let bb = e[i - 1];
            let r = p + bb;
            if i != m {
                e[i - 2] = s * r;
            }
            let oldc = c;
            (c, s) = (p / r, bb / r);
            let (oldgam, alpha) = (gamma, d[i]);
            gamma = c * (alpha - sigma) - s * oldgam;
            d[i - 1] = oldgam + (alpha - gamma);
            p = if c != 0.0 {
                (gamma * gamma) / c
            } else {
                oldc * bb
            };
        }
        e[l - 2] = s * p;
        d[l - 1] = sigma + gamma;
    }
}

/// `dsterf`'s Wilkinson-like shift from `p = d(l)`, its neighbour and
/// `rte = sqrt(e(l))`.
fn shift(p: f64, next: f64, rte: f64) -> f64 {
    let sigma = (next - p) / (2.0 * rte);
    let r = lapy2(sigma, 1.0);
    p - (rte / (sigma + sign(r, sigma)))
}

/// `zlarf` from the left on rows `r0..` of the column-major `n x n` `z`:
/// `v` without its trailing zeros, the columns up to the last with a
/// nonzero in those rows (`ilazlc`), `w = C^H v` (`zgemv_c`), then `C -=
/// tau v w^H` (`zgerc`: per column a `zaxpy` of `v` times `-tau
/// conj(w_j)`).
fn larf_left(z: &mut [C], n: usize, r0: usize, v: &[C], tau: C) {
    if tau == (0.0, 0.0) {
        return;
    }
    let lastv = v
        .iter()
        .rposition(|x| *x != (0.0, 0.0))
        .map_or(0, |i| i + 1);
    let v = &v[..lastv];
    let at = |c: usize| r0 + c * n;
    let lastc = (0..n)
        .rposition(|c| z[at(c)..at(c) + lastv].iter().any(|x| *x != (0.0, 0.0)))
        .map_or(0, |c| c + 1);
    if lastv == 0 || lastc == 0 {
        return;
    }
    let mut w = vec![(0.0, 0.0); lastc];
    zblas::gemv_t(|i, c| z[at(c) + i], v, &mut w, (1.0, 0.0), false, true);
    let (ar, ai) = (-tau.0, -tau.1);
    for (c, &(wr, wi)) in w.iter().enumerate() {
        let s = (ar * wr + ai * wi, -ar * wi + ai * wr);
        zblas::axpy(s, |k| v[k], &mut z[at(c)..at(c) + lastv]);
    }
}

/// `zunmtr('L', 'L', 'N')` = `zunm2r` on rows `1..` of `z`: `Z := Q Z`
/// with `Q = H(1) ... H(n-1)`, the last reflector applied first;
/// reflector `i` is `[1; a[i+2.., i]]` acting on rows `i+1..`.
fn unm2r(n: usize, a: &[C], tau: &[C], z: &mut [C]) {
    for i in (0..n - 1).rev() {
        let mut v: Vec<C> = a[i + 1 + i * n..(i + 1) * n].to_vec();
        v[0] = (1.0, 0.0);
        larf_left(z, n, i + 1, &v, tau[i]);
    }
}

/// `zunmtr('L', 'U', 'N')` = `zunm2l` on rows `..n-1` of `z`: `Z := Q Z`
/// with `Q = H(n-1) ... H(1)`, the first reflector applied first;
/// reflector `i` is `[a[..i, i+1]; 1]` acting on rows `..=i`.
fn unm2l(n: usize, a: &[C], tau: &[C], z: &mut [C]) {
    for i in 0..n - 1 {
        let mut v: Vec<C> = a[(i + 1) * n..(i + 1) * n + i + 1].to_vec();
        v[i] = (1.0, 0.0);
        larf_left(z, n, 0, &v, tau[i]);
    }
}
