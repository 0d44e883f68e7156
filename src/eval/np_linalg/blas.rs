//! The summation orders of the OpenBLAS kernels NumPy's `np.linalg`
//! reaches on this machine's x86-64 (Haswell/Zen) build, one function per
//! kernel, so results agree with NumPy to the last bit. Each was read from
//! OpenBLAS's source (`kernel/x86_64/*.c`, `dgemm_kernel_4x8_haswell.S`)
//! and checked against NumPy on thousands of random matrices: where a
//! kernel fuses a multiply-add (its assembly uses `vfmadd`), this uses
//! `mul_add`; where it is C compiled without contraction, a rounded
//! product and a rounded add. The kernels run under `cpu::with_fma`, so
//! `mul_add` is the FMA3 instruction where the CPU has it.

/// `ddot` on unit strides (`x.dot(x)` of a contiguous vector): the first
/// `n & -16` elements into 16 fused lanes (four 4-wide registers), folded
/// high half onto low, registers pairwise, then the two lanes; the rest
/// added one by one.
pub fn dot_contiguous(x: &[f64], y: &[f64]) -> f64 {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || dot_contiguous_body(x, y),
    )
}

#[inline(always)]
fn dot_contiguous_body(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let n1 = n & !15;
    let mut dot = 0.0;
    if n1 > 0 {
        let mut lane = [0.0f64; 16];
        for i in 0..n1 {
            lane[i % 16] = x[i].mul_add(y[i], lane[i % 16]);
        }
        // Each register's high 128 bits onto its low ones.
        let half = |r: usize| [lane[r] + lane[r + 2], lane[r + 1] + lane[r + 3]];
        let (r4, r5, r6, r7) = (half(0), half(4), half(8), half(12));
        let a = [r4[0] + r5[0], r4[1] + r5[1]];
        let b = [r6[0] + r7[0], r6[1] + r7[1]];
        let c = [a[0] + b[0], a[1] + b[1]];
        dot = c[0] + c[1];
    }
    for i in n1..n {
        dot += y[i] * x[i];
    }
    dot
}

/// `ddot` on other strides (the real or imaginary parts of a complex
/// vector, a row of a column-major matrix): products in groups of four
/// into two running sums (first and third, second and fourth), the tail
/// into the first.
pub fn dot_strided(x: impl Fn(usize) -> f64, y: impl Fn(usize) -> f64, n: usize) -> f64 {
    let n1 = n & !3;
    let (mut t1, mut t2) = (0.0f64, 0.0f64);
    let mut i = 0;
    while i < n1 {
        let m1 = y(i) * x(i);
        let m2 = y(i + 1) * x(i + 1);
        let m3 = y(i + 2) * x(i + 2);
        let m4 = y(i + 3) * x(i + 3);
        t1 += m1 + m3;
        t2 += m2 + m4;
        i += 4;
    }
    while i < n {
        t1 += y(i) * x(i);
        i += 1;
    }
    t1 + t2
}

/// `y -= A x` by `dgemv_n` with `alpha = -1`, `A` given as `a(row, col)`
/// over `rows x cols`: rows in groups of four go through the assembly
/// kernels (four columns at a time: two rounded products, two fused
/// multiply-adds, their sum; then, when `x` has unit stride, two columns:
/// two products and their sum; then one column at a time: a product),
/// the last `rows % 4` rows through a plain running sum subtracted at the
/// end. A strided `x` (a row of a column-major matrix, as `potf2` passes)
/// is copied four at a time and its last `cols % 4` columns go one by one
/// through the one-column kernel (`dgemv_n_4.c`'s `inc_x != 1` branch).
pub fn gemv_sub(a: impl Fn(usize, usize) -> f64, x: &[f64], y: &mut [f64], unit_x: bool) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || gemv_sub_body(a, x, y, unit_x),
    )
}

#[inline(always)]
fn gemv_sub_body(a: impl Fn(usize, usize) -> f64, x: &[f64], y: &mut [f64], unit_x: bool) {
    let (rows, cols) = (y.len(), x.len());
    if cols == 0 {
        return;
    }
    let top = rows - rows % 4;
    for (r, yr) in y.iter_mut().enumerate().take(top) {
        let mut v = *yr;
        let mut k = 0;
        while k + 4 <= cols {
            let t4 = a(r, k + 2).mul_add(x[k + 2], a(r, k) * x[k]);
            let t5 = a(r, k + 3).mul_add(x[k + 3], a(r, k + 1) * x[k + 1]);
            v = (-1.0f64).mul_add(t4 + t5, v);
            k += 4;
        }
        if unit_x && cols - k >= 2 {
            v = (-1.0f64).mul_add(a(r, k) * x[k] + a(r, k + 1) * x[k + 1], v);
            k += 2;
        }
        while k < cols {
            v += a(r, k) * -x[k];
            k += 1;
        }
        *yr = v;
    }
    for (r, yr) in y.iter_mut().enumerate().skip(top) {
        let mut t = 0.0;
        for (k, xk) in x.iter().enumerate() {
            t += a(r, k) * xk;
        }
        *yr += -t;
    }
}

/// `y += alpha A^T x` by `dgemv_t` (`kernel/x86_64/dgemv_t_4.c` with the
/// Haswell kernel), `A` given as `a(i, c)` over `x.len()` rows and
/// `y.len()` columns: the first `rows & -4` terms of each column's sum
/// through the kernels (four columns at a time into four fused lanes
/// folded `(l0 + l2) + (l1 + l3)`; then two columns, each into two
/// rounded lanes; then one column into two pairs of rounded lanes),
/// `y += t * alpha`; the last `rows % 4` terms through the C tail, whose
/// compiler fuses `a0 * x0 + a1 * x1 (+ a2 * x2)` (with `x` times
/// `alpha`) and a lone `y += a * x`. Checked against NumPy 2.4.6's
/// `x @ F.T` (one row) and `cholesky(upper=True)`.
pub fn gemv_t(a: impl Fn(usize, usize) -> f64, x: &[f64], y: &mut [f64], alpha: f64) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || gemv_t_body(a, x, y, alpha),
    )
}

#[inline(always)]
fn gemv_t_body(a: impl Fn(usize, usize) -> f64, x: &[f64], y: &mut [f64], alpha: f64) {
    let (rows, cols) = (x.len(), y.len());
    let m3 = rows & 3;
    let nb = rows - m3;
    // The kernels take at most `NBMAX` rows at a time; each block's sums
    // are added to `y` before the next block starts its lanes afresh.
    const NBMAX: usize = 2048;
    let mut start = 0;
    while start < nb {
        let end = (start + NBMAX).min(nb);
        let four = cols & !3;
        for (c, yc) in y.iter_mut().enumerate().take(four) {
            let mut l = [0.0f64; 4];
            for i in start..end {
                l[i % 4] = a(i, c).mul_add(x[i], l[i % 4]);
            }
            *yc += ((l[0] + l[2]) + (l[1] + l[3])) * alpha;
        }
        let mut c = four;
        if cols & 2 != 0 {
            for (cc, yc) in y.iter_mut().enumerate().skip(c).take(2) {
                let mut l = [0.0f64; 2];
                for i in start..end {
                    l[i % 2] += a(i, cc) * x[i];
                }
                *yc += (l[0] + l[1]) * alpha;
            }
            c += 2;
        }
        if cols & 1 != 0 {
            let (mut p, mut q) = ([0.0f64; 2], [0.0f64; 2]);
            let mut i = start;
            while i < end {
                p[0] += a(i, c) * x[i];
                p[1] += a(i + 1, c) * x[i + 1];
                q[0] += a(i + 2, c) * x[i + 2];
                q[1] += a(i + 3, c) * x[i + 3];
                i += 4;
            }
            y[c] += ((p[0] + q[0]) + (p[1] + q[1])) * alpha;
        }
        start = end;
    }
    let xt: Vec<f64> = x[nb..].iter().map(|v| v * alpha).collect();
    for (c, yc) in y.iter_mut().enumerate() {
        match m3 {
            1 => *yc = a(nb, c).mul_add(xt[0], *yc),
            2 => *yc += a(nb, c).mul_add(xt[0], a(nb + 1, c) * xt[1]),
            3 => *yc += a(nb + 2, c).mul_add(xt[2], a(nb, c).mul_add(xt[0], a(nb + 1, c) * xt[1])),
            _ => {}
        }
    }
}

/// `y += alpha x` by `daxpy`: the first `n & -16` elements fused, the
/// rest a rounded product and add.
pub fn axpy(alpha: f64, x: impl Fn(usize) -> f64, y: &mut [f64]) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || axpy_body(alpha, x, y),
    )
}

#[inline(always)]
fn axpy_body(alpha: f64, x: impl Fn(usize) -> f64, y: &mut [f64]) {
    let n1 = y.len() & !15;
    for (k, yk) in y.iter_mut().enumerate() {
        *yk = if k < n1 {
            alpha.mul_add(x(k), *yk)
        } else {
            *yk + alpha * x(k)
        };
    }
}

/// The sum `dgemm`'s kernel forms for one element of `C -= A B` before it
/// subtracts it: one fused chain over `k`, except the 4-row by 1-column
/// kernel, which spreads each group of eight terms over four chains
/// (`k % 4`), the remainder on the first, and adds them pairwise.
pub fn gemm_sum(terms: impl Iterator<Item = (f64, f64)>, four_by_one: bool) -> f64 {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || gemm_sum_body(terms, four_by_one),
    )
}

#[inline(always)]
fn gemm_sum_body(terms: impl Iterator<Item = (f64, f64)>, four_by_one: bool) -> f64 {
    if !four_by_one {
        return terms.fold(0.0, |acc, (p, q)| p.mul_add(q, acc));
    }
    let terms: Vec<(f64, f64)> = terms.collect();
    let grouped = terms.len() - terms.len() % 8;
    let mut acc = [0.0f64; 4];
    for (k, (p, q)) in terms.iter().enumerate() {
        let chain = if k < grouped { k % 4 } else { 0 };
        acc[chain] = p.mul_add(*q, acc[chain]);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

/// The threads OpenBLAS gives a level-1 call: one up to 10000 elements,
/// otherwise its thread count (`OPENBLAS_NUM_THREADS`, else one per
/// core).
fn level1_threads(n: usize) -> usize {
    if n <= 10_000 {
        return 1;
    }
    std::env::var("OPENBLAS_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&t| t > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |p| p.get()))
}

/// `ddot` of `n` elements split as `blas_level1_thread_with_return_value`
/// splits it (each thread takes the ceiling of what is left over the
/// threads left), the partial dots added in thread order. The parts run on
/// the thread pool when large; the order they are added in stays fixed.
pub fn dot_threaded(n: usize, part: impl Fn(std::ops::Range<usize>) -> f64 + Sync) -> f64 {
    use rayon::prelude::*;
    let threads = level1_threads(n);
    if threads == 1 {
        return part(0..n);
    }
    let mut ranges = Vec::with_capacity(threads);
    let mut start = 0;
    for k in 0..threads {
        let left = n - start;
        if left == 0 {
            break;
        }
        let width = left.div_ceil(threads - k);
        ranges.push(start..start + width);
        start += width;
    }
    let parts: Vec<f64> = if crate::engine::par::worth_parallel(n) {
        ranges.into_par_iter().map(&part).collect()
    } else {
        ranges.into_iter().map(&part).collect()
    };
    parts.into_iter().fold(0.0, |dot, p| dot + p)
}

/// `a + b` exactly, as a rounded sum and its error.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `a * b` exactly, as a rounded product and its error.
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// `dnrm2` as OpenBLAS's kernel gives it (`nrm2.S`: x87 sums of squares
/// in extended precision): the square root of the exact sum of squares,
/// rounded once.
pub fn nrm2(x: &[f64]) -> f64 {
    let big = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if big == 0.0 || !big.is_finite() {
        return big;
    }
    if x.len() == 1 {
        return big;
    }
    // Scale by a power of two (exact) so the squares neither overflow
    // nor underflow.
    let e = big.log2().floor() as i32;
    let scale = 2f64.powi(-e);
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for v in x {
        let y = v * scale;
        let (p, pe) = two_prod(y, y);
        let (s, se) = two_sum(hi, p);
        hi = s;
        lo += se + pe;
    }
    let (hi, lo) = two_sum(hi, lo);
    sqrt_rounded(hi, lo) / scale
}

/// The square root of `hi + lo` (a double-double, `|lo|` at most half an
/// ulp of `hi`) rounded once to the nearest double: start from
/// `sqrt(hi)` and step to a neighbour while the exact sum lies past the
/// midpoint between them (the midpoints' squares are compared exactly,
/// with `two_prod` and Sterbenz-exact differences).
fn sqrt_rounded(hi: f64, lo: f64) -> f64 {
    let mut r = hi.sqrt();
    for _ in 0..4 {
        let (p, pe) = two_prod(r, r);
        // r^2 - S, exactly up to the last few bits of a tiny number.
        let base = (p - hi) + (pe - lo);
        let up = f64::from_bits(r.to_bits() + 1) - r;
        let down = r - f64::from_bits(r.to_bits() - 1);
        // (r + up/2)^2 - S <= 0: S is at or past the upper midpoint.
        if base + r * up + up * up / 4.0 < 0.0 {
            r = f64::from_bits(r.to_bits() + 1);
            continue;
        }
        // (r - down/2)^2 - S > 0: S is below the lower midpoint.
        if base - r * down + down * down / 4.0 > 0.0 {
            r = f64::from_bits(r.to_bits() - 1);
            continue;
        }
        break;
    }
    r
}
