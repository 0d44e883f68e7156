//! The summation orders of the complex OpenBLAS kernels that `zheevd`
//! and `zpotrf` reach on this machine's x86-64 (Haswell) build, one
//! function per kernel, so the replays agree with NumPy to the last bit.
//! Each was read from OpenBLAS's source (`kernel/x86_64/zdot.c`,
//! `zaxpy.c`, `zscal.c`, `zgemv_n_4.c`, `zgemv_t_4.c` with their Haswell
//! micro-kernels, `zsymv_L_sse2.S`/`zsymv_U_sse2.S` for `zhemv`,
//! `driver/level2/zher2_k.c`, `kernel/generic/zger.c`) and compared with
//! the library NumPy loads on random inputs (`tests/kernels.rs`). Where a
//! kernel's assembly fuses a multiply-add (`vfmadd`) this uses
//! `mul_add`; the C loops and tails round every product (this build
//! compiles the complex kernels' C without contraction: fusing them
//! breaks the match), and the SSE2 `zhemv` kernels and `znrm2`'s x87
//! code have no FMA. Complex numbers are `(re, im)` pairs.

/// A complex number as `(re, im)`.
pub type C = (f64, f64);

/// `zdotc`, `sum conj(x_k) y_k`. With unit strides the first `n & -8`
/// terms go through the AVX2 kernel: four registers of two complex lanes
/// each (term `k` in register `(k % 8) / 2`, lane `k % 2`), fused sums of
/// `xr*yr, xi*yi` and `xr*yi, xi*yr`, folded `(r0 + r1) + (r2 + r3)`,
/// then the two lanes; the rest (or everything, on other strides) fused
/// into the four running sums one term at a time.
pub fn dotc(n: usize, x: impl Fn(usize) -> C, y: impl Fn(usize) -> C, unit: bool) -> C {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || dotc_body(n, x, y, unit),
    )
}

#[inline(always)]
fn dotc_body(n: usize, x: impl Fn(usize) -> C, y: impl Fn(usize) -> C, unit: bool) -> C {
    let mut d = [0.0f64; 4];
    let n1 = if unit { n & !7 } else { 0 };
    if n1 > 0 {
        let mut p = [[0.0f64; 4]; 4];
        let mut q = [[0.0f64; 4]; 4];
        for k in 0..n1 {
            let (reg, lane) = ((k % 8) / 2, (k % 2) * 2);
            let ((xr, xi), (yr, yi)) = (x(k), y(k));
            p[reg][lane] = xr.mul_add(yr, p[reg][lane]);
            p[reg][lane + 1] = xi.mul_add(yi, p[reg][lane + 1]);
            q[reg][lane] = xr.mul_add(yi, q[reg][lane]);
            q[reg][lane + 1] = xi.mul_add(yr, q[reg][lane + 1]);
        }
        let fold = |r: &[[f64; 4]; 4]| {
            let s: [f64; 4] = std::array::from_fn(|l| (r[0][l] + r[1][l]) + (r[2][l] + r[3][l]));
            [s[0] + s[2], s[1] + s[3]]
        };
        let (pp, qq) = (fold(&p), fold(&q));
        d = [pp[0], pp[1], qq[0], qq[1]];
    }
    for k in n1..n {
        let ((xr, xi), (yr, yi)) = (x(k), y(k));
        d[0] += xr * yr;
        d[1] += xi * yi;
        d[2] += xr * yi;
        d[3] += xi * yr;
    }
    (d[0] + d[1], d[2] - d[3])
}

/// `zaxpy` (`AXPYU_K`), `y += alpha x` on unit strides: the first
/// `n & -16` elements through the AVX2 kernel (`yr + ar xr` fused, then
/// `- ai xi` fused on; `yi + ar xi`, then `+ ai xr`), the rest through
/// the C tail (`yr + (ar xr - ai xi)` with the first product fused).
pub fn axpy(alpha: C, x: impl Fn(usize) -> C, y: &mut [C]) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || axpy_body(alpha, x, y),
    )
}

#[inline(always)]
fn axpy_body(alpha: C, x: impl Fn(usize) -> C, y: &mut [C]) {
    let (ar, ai) = alpha;
    let n1 = y.len() & !15;
    for (k, yk) in y.iter_mut().enumerate() {
        let (xr, xi) = x(k);
        *yk = if k < n1 {
            (
                (-ai).mul_add(xi, ar.mul_add(xr, yk.0)),
                ai.mul_add(xr, ar.mul_add(xi, yk.1)),
            )
        } else {
            (yk.0 + (ar * xr - ai * xi), yk.1 + (ar * xi + ai * xr))
        };
    }
}

/// `zscal` as `zpotf2` and `zlarfg` reach it (`SCAL_K`, contraction
/// off), `alpha x` for a nonzero `alpha` (all callers' case). On a unit
/// stride the first `n & -8` elements go through the AVX2 kernel,
/// `(ar xr - ai xi, ar xi + ai xr)` even when `alpha` is real, and the
/// rest through the C tail, which skips a zero part of `alpha`
/// (`(ar xr, ar xi)`); on other strides every element takes the full
/// product. Which
/// form runs decides the sign of zero parts (checked through `zpotrf`
/// with signed-zero entries, since the `zscal` interface returns early
/// for `alpha = 1`).
pub fn scal(alpha: C, x: &mut [C], unit: bool) {
    let (ar, ai) = alpha;
    let n1 = if unit { x.len() & !7 } else { x.len() };
    for (k, v) in x.iter_mut().enumerate() {
        let (xr, xi) = *v;
        *v = if k < n1 {
            (ar * xr - ai * xi, ar * xi + ai * xr)
        } else if ai == 0.0 {
            (ar * xr, ar * xi)
        } else if ar == 0.0 {
            (-ai * xi, ai * xr)
        } else {
            (ar * xr - ai * xi, ar * xi + ai * xr)
        };
    }
}

/// `y -= A conj(x)` by `zgemv_o` (`zgemv_n_4.c` built with `XCONJ`, as
/// `zpotf2`'s lower path calls it with `alpha = -1` and a strided `x`).
/// `A` is `a(row, col)` over `y.len() x x.len()`. Rows in groups of four
/// go through the AVX2 kernels (`o_kernel_row`); the last `rows % 4`
/// rows through the C tail (`o_tail_row`).
pub fn gemv_o_sub(a: impl Fn(usize, usize) -> C, x: &[C], y: &mut [C]) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || gemv_o_sub_body(a, x, y),
    )
}

/// `zgemv_o`'s `alpha`, as `zpotf2` passes it.
const MINUS_ONE: C = (-1.0, 0.0);

#[inline(always)]
fn gemv_o_sub_body(a: impl Fn(usize, usize) -> C, x: &[C], y: &mut [C]) {
    if x.is_empty() {
        return;
    }
    let top = y.len() - y.len() % 4;
    for (r, yr) in y.iter_mut().enumerate() {
        *yr = if r < top {
            o_kernel_row(|c| a(r, c), x, *yr)
        } else {
            o_tail_row(|c| a(r, c), x, *yr)
        };
    }
}

/// One row of `zgemv_o`'s AVX2 path: a zeroed buffer takes four columns at
/// a time (sums of `ar xr`, `ai xr`, `ar xi`, `ai xi`, a product then
/// three fused terms, combined as `conj(a) x`), then the last `cols % 4`
/// columns one by one (a strided `x` skips the two-column kernel); the
/// buffer is added as `alpha conj(buf)` (`add_y`).
#[inline(always)]
fn o_kernel_row(a: impl Fn(usize) -> C, x: &[C], y: C) -> C {
    let full = x.len() - x.len() % 4;
    let mut buf = (0.0, 0.0);
    for (g, group) in x[..full].chunks_exact(4).enumerate() {
        let ((ar, ai), (xr, xi)) = (a(4 * g), group[0]);
        let (mut p, mut q) = ([ar * xr, ai * xr], [ar * xi, ai * xi]);
        for (k, &(xr, xi)) in group.iter().enumerate().skip(1) {
            let (ar, ai) = a(4 * g + k);
            p = [ar.mul_add(xr, p[0]), ai.mul_add(xr, p[1])];
            q = [ar.mul_add(xi, q[0]), ai.mul_add(xi, q[1])];
        }
        buf = (buf.0 + (q[1] + p[0]), buf.1 + (q[0] - p[1]));
    }
    for (c, &(xr, xi)) in x.iter().enumerate().skip(full) {
        let (ar, ai) = a(c);
        buf = (buf.0 + (ai * xi + ar * xr), buf.1 + (ar * xi - ai * xr));
    }
    let ((sr, si), (alr, ali)) = (buf, MINUS_ONE);
    (y.0 + (si * ali + sr * alr), y.1 + (sr * ali - si * alr))
}

/// One of `zgemv_o`'s last `rows % 4` rows (C, not contracted): one
/// running sum of `conj(a) x`, then `y += alpha conj(sum)`.
#[inline(always)]
fn o_tail_row(a: impl Fn(usize) -> C, x: &[C], y: C) -> C {
    let (mut tr, mut ti) = (0.0f64, 0.0f64);
    for (c, &(xr, xi)) in x.iter().enumerate() {
        let (ar, ai) = a(c);
        tr += ar * xr + ai * xi;
        ti += ar * xi - ai * xr;
    }
    let (alr, ali) = MINUS_ONE;
    (y.0 + (alr * tr + ali * ti), y.1 - (alr * ti - ali * tr))
}

/// `y += alpha conj(A)^T x` (`zgemv_c`, `conj_x == false`) or `y +=
/// alpha A^T conj(x)` (`zgemv_u`, `conj_x == true`) by `zgemv_t_4.c`:
/// `A` is `a(i, col)` over `x.len()` rows and `y.len()` columns. The
/// first `rows & -4` rows go through the AVX2 kernels
/// (`t_kernel_column`), which `y` receives directly (`unit_y`) or
/// through a zeroed buffer; the last `rows % 4` rows through the C tail
/// (`t_tail_column`), added to `y` separately.
pub fn gemv_t(
    a: impl Fn(usize, usize) -> C,
    x: &[C],
    y: &mut [C],
    alpha: C,
    conj_x: bool,
    unit_y: bool,
) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || gemv_t_body(a, x, y, alpha, conj_x, unit_y),
    )
}

#[inline(always)]
fn gemv_t_body(
    a: impl Fn(usize, usize) -> C,
    x: &[C],
    y: &mut [C],
    alpha: C,
    conj_x: bool,
    unit_y: bool,
) {
    let nb = x.len() - x.len() % 4;
    for (c, yc) in y.iter_mut().enumerate() {
        if nb > 0 {
            let v = t_kernel_column(|i| a(i, c), &x[..nb], alpha, conj_x);
            let v = if unit_y { v } else { (0.0 + v.0, 0.0 + v.1) };
            *yc = (yc.0 + v.0, yc.1 + v.1);
        }
        if nb < x.len() {
            *yc = t_tail_column(|i| a(nb + i, c), &x[nb..], alpha, conj_x, *yc);
        }
    }
}

/// One column of `zgemv_t`'s AVX2 path: even and odd rows in separate
/// fused sums of `ar xr`, `ai xr`, `ar xi`, `ai xi`, each pair combined as
/// `conj(a) x`, odd added onto even, then times `alpha` (of the sum's
/// conjugate for `zgemv_u`).
#[inline(always)]
fn t_kernel_column(a: impl Fn(usize) -> C, x: &[C], alpha: C, conj_x: bool) -> C {
    let mut l = [[0.0f64; 4]; 2];
    for (i, &(xr, xi)) in x.iter().enumerate() {
        let (ar, ai) = a(i);
        let s = &mut l[i % 2];
        *s = [
            ar.mul_add(xr, s[0]),
            ai.mul_add(xr, s[1]),
            ar.mul_add(xi, s[2]),
            ai.mul_add(xi, s[3]),
        ];
    }
    let t = |s: &[f64; 4]| (s[3] + s[0], s[2] - s[1]);
    let (te, to) = (t(&l[0]), t(&l[1]));
    let (tr, ti) = (te.0 + to.0, te.1 + to.1);
    let (alr, ali) = alpha;
    if conj_x {
        (ti * ali + tr * alr, tr * ali - ti * alr)
    } else {
        (tr * alr - ti * ali, ti * alr + tr * ali)
    }
}

/// One column over `zgemv_t`'s last `rows % 4` rows (C, not contracted):
/// the rows' `conj(a) x` terms summed in order, then `alpha` applied as
/// the C code writes it.
#[inline(always)]
fn t_tail_column(a: impl Fn(usize) -> C, x: &[C], alpha: C, conj_x: bool, y: C) -> C {
    let term = |i: usize| {
        let ((ar, ai), (xr, xi)) = (a(i), x[i]);
        (ar * xr + ai * xi, ar * xi - ai * xr)
    };
    let (tr, ti) = (1..x.len()).fold(term(0), |t, i| {
        let p = term(i);
        (t.0 + p.0, t.1 + p.1)
    });
    let (alr, ali) = alpha;
    if conj_x {
        (y.0 + (alr * tr + ali * ti), y.1 - (alr * ti - ali * tr))
    } else {
        (y.0 + (alr * tr - ali * ti), y.1 + (alr * ti + ali * tr))
    }
}

/// `alpha x` as `zsymv_*_sse2.S` forms it before its loops (`xr ar +
/// xi (-ai)`, `xr ai + xi ar`).
fn scaled(x: &[C], alpha: C) -> Vec<C> {
    let (ar, ai) = alpha;
    x.iter()
        .map(|&(xr, xi)| (xr * ar + xi * -ai, xr * ai + xi * ar))
        .collect()
}

/// `p += s * t` (a real times a complex, two rounded products added).
fn add_scaled(p: &mut C, s: f64, t: C) {
    *p = (p.0 + s * t.0, p.1 + s * t.1);
}

/// `p += s * (i t)`, the imaginary part's term as the kernels form it
/// (`s * [-ti, tr]`).
fn add_scaled_i(p: &mut C, s: f64, t: C) {
    *p = (p.0 + s * -t.1, p.1 + s * t.0);
}

/// `p -= s * (i t)` (the conjugated term of the mirrored triangle).
fn sub_scaled_i(p: &mut C, s: f64, t: C) {
    *p = (p.0 - s * -t.1, p.1 - s * t.0);
}

/// `y = alpha A x` by `zhemv` with `UPLO='L'` (`zsymv_L_sse2.S` built
/// with `HEMV`; `beta = 0` zeroes `y` first), `A` Hermitian given by its
/// lower triangle `a(row, col)`, the diagonal's imaginary part ignored.
/// Columns go in pairs `(j, j+1)`: each row below adds the pair's terms
/// to its `y` (column `j` first on even offsets below the pair, `j+1`
/// first on odd ones, as the unrolled loop interleaves them), while two
/// SSE2 sums collect the mirrored terms for `y[j]` (rows in order) and
/// `y[j+1]` (rows swapped in pairs), added to `y` at the end.
pub fn hemv_lower(n: usize, a: impl Fn(usize, usize) -> C, x: &[C], alpha: C) -> Vec<C> {
    let tx = scaled(x, alpha);
    let mut y = vec![(0.0, 0.0); n];
    let mut j = 0;
    while j + 2 <= n {
        let (t0, t1) = (tx[j], tx[j + 1]);
        let b = a(j + 1, j);
        let mut s1 = (a(j, j).0 * t0.0, a(j, j).0 * t0.1);
        let mut s2 = (b.0 * t0.0, b.0 * t0.1);
        add_scaled_i(&mut s2, b.1, t0);
        add_scaled(&mut s1, b.0, t1);
        add_scaled(&mut s2, a(j + 1, j + 1).0, t1);
        sub_scaled_i(&mut s1, b.1, t1);
        let below = n - j - 2;
        for off in 0..below {
            let r = j + 2 + off;
            let (c, d) = (a(r, j), a(r, j + 1));
            let first = |y: &mut C| {
                add_scaled(y, c.0, t0);
                add_scaled_i(y, c.1, t0);
            };
            let second = |y: &mut C| {
                add_scaled(y, d.0, t1);
                add_scaled_i(y, d.1, t1);
            };
            if off % 2 == 0 {
                first(&mut y[r]);
                second(&mut y[r]);
            } else {
                second(&mut y[r]);
                first(&mut y[r]);
            }
            add_scaled(&mut s1, c.0, tx[r]);
            sub_scaled_i(&mut s1, c.1, tx[r]);
        }
        for off in swapped_pairs(below) {
            let r = j + 2 + off;
            let d = a(r, j + 1);
            add_scaled(&mut s2, d.0, tx[r]);
            sub_scaled_i(&mut s2, d.1, tx[r]);
        }
        y[j] = (y[j].0 + s1.0, y[j].1 + s1.1);
        y[j + 1] = (y[j + 1].0 + s2.0, y[j + 1].1 + s2.1);
        j += 2;
    }
    if j < n {
        let d = a(j, j).0;
        add_scaled(&mut y[j], d, tx[j]);
    }
    y
}

/// The order in which both `zsymv_*_sse2.S` kernels feed the rows of a
/// block to the sum for the pair's second column: swapped in pairs
/// (`1, 0, 3, 2, ...`), an unpaired last row last.
fn swapped_pairs(len: usize) -> impl Iterator<Item = usize> {
    (0..len).map(move |off| match off % 2 {
        0 if off + 1 < len => off + 1,
        0 => off,
        _ => off - 1,
    })
}

/// `y = alpha A x` by `zhemv` with `UPLO='U'` (`zsymv_U_sse2.S` built
/// with `HEMV`; `beta = 0` zeroes `y` first), `A` given by its upper
/// triangle. Columns go in pairs `(j, j+1)`: each row above adds the
/// pair's terms to its `y` (column `j` first on even rows, `j+1` first on
/// odd ones), two sums collect the mirrored terms (rows in order for
/// `y[j]`, swapped in pairs for `y[j+1]`) and then the 2x2 diagonal
/// block's, and are added to `y[j]`, `y[j+1]`. An odd last column keeps
/// its real and imaginary parts' mirrored terms in two sums, added
/// together with its diagonal term at the end.
pub fn hemv_upper(n: usize, a: impl Fn(usize, usize) -> C, x: &[C], alpha: C) -> Vec<C> {
    let tx = scaled(x, alpha);
    let mut y = vec![(0.0, 0.0); n];
    let mut j = 0;
    while j + 2 <= n {
        let (t0, t1) = (tx[j], tx[j + 1]);
        let (mut s1, mut s2) = ((0.0, 0.0), (0.0, 0.0));
        for r in 0..j {
            let (c, d) = (a(r, j), a(r, j + 1));
            let first = |y: &mut C| {
                add_scaled(y, c.0, t0);
                add_scaled_i(y, c.1, t0);
            };
            let second = |y: &mut C| {
                add_scaled(y, d.0, t1);
                add_scaled_i(y, d.1, t1);
            };
            if r % 2 == 0 {
                first(&mut y[r]);
                second(&mut y[r]);
            } else {
                second(&mut y[r]);
                first(&mut y[r]);
            }
            add_scaled(&mut s1, c.0, tx[r]);
            sub_scaled_i(&mut s1, c.1, tx[r]);
        }
        for r in swapped_pairs(j) {
            let d = a(r, j + 1);
            add_scaled(&mut s2, d.0, tx[r]);
            sub_scaled_i(&mut s2, d.1, tx[r]);
        }
        let b = a(j, j + 1);
        add_scaled(&mut s1, a(j, j).0, t0);
        add_scaled(&mut s2, b.0, t0);
        sub_scaled_i(&mut s2, b.1, t0);
        add_scaled(&mut s1, b.0, t1);
        add_scaled(&mut s2, a(j + 1, j + 1).0, t1);
        add_scaled_i(&mut s1, b.1, t1);
        y[j] = (y[j].0 + s1.0, y[j].1 + s1.1);
        y[j + 1] = (y[j + 1].0 + s2.0, y[j + 1].1 + s2.1);
        j += 2;
    }
    if j < n {
        let t = tx[j];
        let (mut s1, mut s2) = ((0.0, 0.0), (0.0, 0.0));
        for r in 0..j {
            let c = a(r, j);
            add_scaled(&mut y[r], c.0, t);
            add_scaled_i(&mut y[r], c.1, t);
            add_scaled(&mut s1, c.0, tx[r]);
            sub_scaled_i(&mut s2, c.1, tx[r]);
        }
        add_scaled(&mut s1, a(j, j).0, t);
        y[j] = (y[j].0 + (s1.0 + s2.0), y[j].1 + (s1.1 + s2.1));
    }
    y
}

/// `dznrm2` as OpenBLAS's `znrm2.S` computes it on a unit stride, in x87
/// extended precision: squares of the parts into four running sums (four
/// complex numbers a step: `re` of the 1st and 3rd into the first, their
/// `im` into the second, the 2nd's and 4th's into the third and fourth;
/// a leftover number's `re` and `im` into the first two), combined as
/// `s3 + ((s2 + s0) + s1)`, the square root taken in extended precision
/// and then rounded to a double (two roundings, as the x87 does).
pub fn nrm2(x: &[C]) -> f64 {
    use super::blas::Ext;
    let mut s = [Ext::ZERO; 4];
    let full = x.len() - x.len() % 4;
    for (k, &(re, im)) in x.iter().enumerate() {
        let lane = if k < full && k % 2 == 1 { 2 } else { 0 };
        s[lane] = s[lane].add(Ext::square(re));
        s[lane + 1] = s[lane + 1].add(Ext::square(im));
    }
    s[3].add(s[2].add(s[0]).add(s[1])).sqrt().to_f64()
}
