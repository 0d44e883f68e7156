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

/// `y += alpha A x` by `dgemv_n` (`kernel/x86_64/dgemv_n_4.c` with the
/// Haswell micro-kernels), `A` given as `a(row, col)` over `y.len()` rows
/// and `x.len()` columns, `lda` its leading dimension. Rows in groups of
/// four: four columns at a time two products, two fused multiply-adds
/// and their sum, added to `y` by a fused multiply-add with `alpha`;
/// then, for a unit-stride `x`, two columns (two products, their sum, a
/// fused `alpha` multiply-add); then single columns (`y + a * (x *
/// alpha)`, SSE, unfused) — a strided `x` sends all its last `cols % 4`
/// columns one by one through that one-column kernel. The last `rows % 4`
/// rows: a plain running sum (in pairs when `lda` equals that remainder
/// and `x` has unit stride), added as `y + alpha * sum`. `gemv_sub` is
/// this with `alpha = -1`.
pub fn gemv_n(
    a: impl Fn(usize, usize) -> f64,
    x: &[f64],
    y: &mut [f64],
    alpha: f64,
    unit_x: bool,
    lda: usize,
) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || gemv_n_body(a, x, y, alpha, unit_x, lda),
    )
}

#[inline(always)]
fn gemv_n_body(
    a: impl Fn(usize, usize) -> f64,
    x: &[f64],
    y: &mut [f64],
    alpha: f64,
    unit_x: bool,
    lda: usize,
) {
    let (rows, cols) = (y.len(), x.len());
    if rows == 0 || cols == 0 {
        return;
    }
    let m3 = rows % 4;
    let top = rows - m3;
    for (r, yr) in y.iter_mut().enumerate().take(top) {
        let mut v = *yr;
        let mut k = 0;
        while k + 4 <= cols {
            let t4 = a(r, k + 2).mul_add(x[k + 2], a(r, k) * x[k]);
            let t5 = a(r, k + 3).mul_add(x[k + 3], a(r, k + 1) * x[k + 1]);
            v = alpha.mul_add(t4 + t5, v);
            k += 4;
        }
        if unit_x && cols - k >= 2 {
            v = alpha.mul_add(a(r, k) * x[k] + a(r, k + 1) * x[k + 1], v);
            k += 2;
        }
        while k < cols {
            v += a(r, k) * (x[k] * alpha);
            k += 1;
        }
        *yr = v;
    }
    let paired = unit_x && lda == m3 && m3 > 0;
    for (r, yr) in y.iter_mut().enumerate().skip(top) {
        let mut t = 0.0;
        let mut k = 0;
        if paired {
            // `lda == m3`: the C tail takes columns in pairs (all four in
            // one sum when a single row is left).
            while k + 4 <= cols {
                if m3 == 1 {
                    t += a(r, k) * x[k]
                        + a(r, k + 1) * x[k + 1]
                        + a(r, k + 2) * x[k + 2]
                        + a(r, k + 3) * x[k + 3];
                } else {
                    t += a(r, k) * x[k] + a(r, k + 1) * x[k + 1];
                    t += a(r, k + 2) * x[k + 2] + a(r, k + 3) * x[k + 3];
                }
                k += 4;
            }
        }
        while k < cols {
            t += a(r, k) * x[k];
            k += 1;
        }
        *yr += alpha * t;
    }
}

/// `drot` (`kernel/x86_64/drot.c`, Haswell) on one pair of elements:
/// `x' = fma(c, x, s y)`, `y' = fma(c, y, -(s x))`, whether the kernel's
/// vector loop, its C tail or the strided loop takes it (all three fuse
/// the same way; checked against the library).
pub fn rot_pair(c: f64, s: f64, x: f64, y: f64) -> (f64, f64) {
    (c.mul_add(x, s * y), c.mul_add(y, -(s * x)))
}

/// `drot` on two vectors, element by element ([`rot_pair`]).
pub fn rot(x: &mut [f64], y: &mut [f64], c: f64, s: f64) {
    crate::engine::cpu::with_fma(
        #[inline(always)]
        || {
            for (xi, yi) in x.iter_mut().zip(y.iter_mut()) {
                (*xi, *yi) = rot_pair(c, s, *xi, *yi);
            }
        },
    )
}

/// `idamax`: the index (from 0) of the first element of largest
/// magnitude; 0 for an empty vector.
pub fn iamax(x: &[f64]) -> usize {
    let mut best = 0;
    for (i, v) in x.iter().enumerate() {
        if v.abs() > x[best].abs() {
            best = i;
        }
    }
    best
}

/// `C = A B` by `dgemm('N', 'N')` with `alpha = 1`, `beta = 0`, `A` given
/// as `a(i, l)` over `m x k`, `B` as `b(l, j)` over `k x n`; `C` is
/// returned column-major (`m x n`). Each element is the Haswell kernel's
/// sum ([`gemm_sum`]): the 4x8 micro-tiles cover rows in fours and
/// columns in eights, then halves of what is left; only a four-row tile's
/// last odd column goes through the 4x1 kernel. Checked against the
/// library's `dgemm` for every tile shape.
pub fn gemm(
    m: usize,
    n: usize,
    k: usize,
    a: impl Fn(usize, usize) -> f64,
    b: impl Fn(usize, usize) -> f64,
) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    let full_rows = m - m % 4;
    for j in 0..n {
        let lone_column = n % 2 == 1 && j == n - 1;
        for i in 0..m {
            let four_by_one = lone_column && i < full_rows;
            c[i + j * m] = gemm_sum((0..k).map(|l| (a(i, l), b(l, j))), four_by_one);
        }
    }
    c
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

/// `dnrm2` as OpenBLAS's x86-64 kernel computes it (`nrm2.S`): the
/// squares and sums on the x87 stack in extended precision (64-bit
/// significands, each operation rounded to nearest), element `i` into
/// accumulator `i % 4` for the first `n & -8` elements and the rest into
/// the first, the four folded as `d + ((c + a) + b)`, then `fsqrt` and a
/// store that rounds to double: two roundings, which the exact square
/// root of the exact sum of squares rounded once misses about once in
/// ten thousand 2-vectors (checked against the library on 200000
/// random vectors). Non-finite input gives the largest magnitude (inf or
/// NaN), as the x87 sums do.
pub fn nrm2(x: &[f64]) -> f64 {
    let big = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if big == 0.0 || !big.is_finite() {
        return big;
    }
    let grouped = x.len() - x.len() % 8;
    let mut acc = [Ext::ZERO; 4];
    for (i, v) in x.iter().enumerate() {
        let k = if i < grouped { i % 4 } else { 0 };
        acc[k] = acc[k].add(Ext::square(*v));
    }
    let c = acc[2].add(acc[0]).add(acc[1]);
    acc[3].add(c).sqrt().to_f64()
}

/// A nonnegative x87 extended-precision value `m * 2^e` (`m` has its top
/// bit set, or is zero), enough of the format for `nrm2`.
#[derive(Clone, Copy)]
pub(super) struct Ext {
    m: u64,
    e: i32,
}

impl Ext {
    pub(super) const ZERO: Ext = Ext { m: 0, e: 0 };

    /// `v * v` rounded to 64 bits (`fmul`).
    pub(super) fn square(v: f64) -> Ext {
        let bits = v.abs().to_bits();
        let (exp, frac) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
        let (m, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1 << 52), exp - 1075)
        };
        if m == 0 {
            return Ext::ZERO;
        }
        let p = (m as u128) * (m as u128);
        Ext::round(p, 2 * e, false)
    }

    /// `v * 2^e` (with `sticky` for nonzero bits below `v`'s last)
    /// rounded to a 64-bit significand, ties to even.
    fn round(v: u128, e: i32, sticky: bool) -> Ext {
        if v == 0 {
            return Ext::ZERO;
        }
        let nb = 128 - v.leading_zeros() as i32;
        if nb <= 64 {
            let shift = 64 - nb;
            return Ext {
                m: (v << shift) as u64,
                e: e - shift,
            };
        }
        let drop = (nb - 64) as u32;
        let mut q = v >> drop;
        let rem = v & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        if rem > half || (rem == half && (sticky || q & 1 == 1)) {
            q += 1;
        }
        let mut e = e + drop as i32;
        if q >> 64 != 0 {
            q >>= 1;
            e += 1;
        }
        Ext { m: q as u64, e }
    }

    /// `self + o` rounded to 64 bits (`fadd`).
    pub(super) fn add(self, o: Ext) -> Ext {
        let (a, b) = match (self.m, o.m) {
            (0, _) => return o,
            (_, 0) => return self,
            _ if self.e >= o.e => (self, o),
            _ => (o, self),
        };
        // Both significands placed 62 bits up, b shifted down to a's scale.
        let shift = (a.e - b.e) as u32;
        let hi = (a.m as u128) << 62;
        let bw = (b.m as u128) << 62;
        let (lo, sticky) = if shift >= 127 {
            (0, true)
        } else {
            (bw >> shift, bw & ((1u128 << shift) - 1) != 0)
        };
        Ext::round(hi + lo, a.e - 62, sticky)
    }

    /// The square root rounded to 64 bits (`fsqrt`).
    pub(super) fn sqrt(self) -> Ext {
        if self.m == 0 {
            return Ext::ZERO;
        }
        // m 2^e with e even; the radicand shifted up to 127 or 128 bits
        // (an even shift) so its root has 64.
        let (mut n, mut e) = (self.m as u128, self.e);
        if e % 2 != 0 {
            n <<= 1;
            e -= 1;
        }
        let nb = 128 - n.leading_zeros() as i32;
        let mut s = 127 - nb;
        if s % 2 != 0 {
            s += 1;
        }
        let n = n << s;
        let mut q = n.isqrt();
        // Round to nearest: up when n >= q^2 + q + 1 (no ties).
        if n - q * q > q {
            q += 1;
        }
        Ext::round(q, (e - s) / 2, false)
    }

    /// Rounded to double (the `fst` to memory), ties to even, to 53
    /// bits or, below the normal range, to what a subnormal keeps.
    pub(super) fn to_f64(self) -> f64 {
        if self.m == 0 {
            return 0.0;
        }
        // The top bit's exponent; a subnormal keeps fewer than 53 bits.
        let top = self.e + 63;
        let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
        if keep < 0 {
            return 0.0;
        }
        let drop = (64 - keep) as u32;
        let m = self.m as u128;
        let mut q = m >> drop;
        let rem = m & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        if rem > half || (rem == half && q & 1 == 1) {
            q += 1;
        }
        let mut f = q as f64;
        // Scale by 2^(e + drop) in steps that stay in range; only an
        // overflow to infinity rounds.
        let mut k = self.e + drop as i32;
        while k != 0 {
            let step = k.clamp(-1000, 1000);
            f *= f64::from_bits(((1023 + step) as u64) << 52);
            k -= step;
        }
        f
    }
}
