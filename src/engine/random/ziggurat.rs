//! The Generator's ziggurat samplers (NumPy's `random_standard_exponential`,
//! `random_standard_exponential_f`, `random_standard_normal_f`) and their
//! tables, computed once from the ziggurat's defining constants (256
//! layers, the tail start `r`, the layer area `v`, the density) the way
//! NumPy's `ziggurat_constants.h` was made, so every entry is NumPy's to
//! the last bit:
//!
//! - exponential: the layer edges `x_i = -ln(v / x_{i+1} + e^{-x_{i+1}})`
//!   in high precision (`ddouble.rs`) with `v = (r + 1) e^{-r}`, rounded
//!   once; `ke` (double) is twice `floor(2^52 x_{i-1} / x_i)`, `ke`
//!   (float) `round(2^23 x_{i-1} / x_i)`, and the float `we`/`fe` are the
//!   doubles printed to 9 digits and read back as floats;
//! - normal: the edges `x_i = sqrt(-2 ln(e^{-x_{i+1}^2/2} + v / x_{i+1}))`
//!   in plain double arithmetic from `v = 0.0049286732339746519`, then
//!   `ki = round(2^{23 or 52} x_{i-1} / x_i)`, the widths `x_i / 2^{23 or
//!   52}` and the density at each edge. The float tables match NumPy's as
//!   computed. The double tables match once one fact about them is known:
//!   the machine that made them rounded `e^{-x_38^2/2}` (0.498 ulp from a
//!   tie) one ulp up, where a correctly rounded `exp` rounds down; that one
//!   value feeds the recurrence for layers 1-37, so [`NOR64_ROUNDED_UP`]
//!   names the layer and every other entry follows. Checked against all
//!   768 entries of NumPy's header in a throwaway script.

use std::sync::LazyLock;

use super::ddouble::Dd;
use super::{BitGen, next_float};

/// Layers of every ziggurat.
const LAYERS: usize = 256;

/// The normal ziggurat's tail start `r` (NumPy's `ziggurat_nor_r`).
pub const NOR_R: f64 = 3.654_152_885_361_009;
/// The normal layer area NumPy's tables were computed from.
const NOR_V: f64 = 0.004_928_673_233_974_652;
/// The exponential ziggurat's tail start, as NumPy's constant gives it.
const EXP_R_TEXT: &str = "7.6971174701310497140446280481";

/// One ziggurat's tables in the sampler's width: the acceptance bounds
/// `k`, the layer widths `w` (edge over the integer scale) and the
/// density at each edge `f`.
#[derive(Debug)]
pub struct Tables<K, F> {
    /// `k[i]`: an integer draw below it is inside the layer's core.
    pub k: [K; LAYERS],
    /// `w[i]`: the integer draw times this is the sample.
    pub w: [F; LAYERS],
    /// `f[i]`: the density at the layer's edge.
    pub f: [F; LAYERS],
    /// The tail start `r`, where the base layer's tail begins.
    pub r: F,
}

/// The exponential edges `x_1..x_255` (index 0 unused), in high precision,
/// with the base layer's `q = v / f(r)`.
fn exponential_edges() -> ([Dd; LAYERS], Dd) {
    let r = Dd::parse(EXP_R_TEXT);
    let f_r = (-r).exp();
    let v = (r + Dd::from_f64(1.0)) * f_r;
    let mut x = [Dd::from_f64(0.0); LAYERS];
    x[LAYERS - 1] = r;
    for i in (1..LAYERS - 1).rev() {
        x[i] = -(v / x[i + 1] + (-x[i + 1]).exp()).ln();
    }
    (x, v / f_r)
}

/// `x_{i-1} / x_i` for every layer (`r / q` for the base, 0 for layer 1).
fn exponential_ratios(x: &[Dd; LAYERS], q: Dd) -> [Dd; LAYERS] {
    let mut ratio = [Dd::from_f64(0.0); LAYERS];
    ratio[0] = x[LAYERS - 1] / q;
    for i in 2..LAYERS {
        ratio[i] = x[i - 1] / x[i];
    }
    ratio
}

/// A double printed to 9 significant digits and read back as a float, as
/// the float tables were written.
fn float_of_printed(x: f64) -> f32 {
    format!("{x:.8e}")
        .parse()
        .expect("a formatted float parses")
}

/// The double exponential tables.
pub static EXP64: LazyLock<Tables<u64, f64>> = LazyLock::new(|| {
    let (x, q) = exponential_edges();
    let ratio = exponential_ratios(&x, q);
    let scale = 2f64.powi(53);
    let mut t = Tables {
        k: [0; LAYERS],
        w: [0.0; LAYERS],
        f: [1.0; LAYERS],
        r: x[LAYERS - 1].hi,
    };
    for i in 0..LAYERS {
        t.k[i] = 2 * ratio[i].mul_f64(2f64.powi(52)).floor() as u64;
        let edge = if i == 0 { q } else { x[i] };
        t.w[i] = edge.hi / scale;
        if i > 0 {
            t.f[i] = (-x[i]).exp().hi;
        }
    }
    t
});

/// The float exponential tables.
pub static EXP32: LazyLock<Tables<u32, f32>> = LazyLock::new(|| {
    let (x, q) = exponential_edges();
    let ratio = exponential_ratios(&x, q);
    let mut t = Tables {
        k: [0; LAYERS],
        w: [0.0; LAYERS],
        f: [1.0; LAYERS],
        r: x[LAYERS - 1].hi as f32,
    };
    for i in 0..LAYERS {
        t.k[i] = ratio[i].mul_f64(2f64.powi(23)).round() as u32;
        let edge = if i == 0 { q } else { x[i] };
        t.w[i] = float_of_printed(edge.hi / 2f64.powi(23));
        t.f[i] = float_of_printed(EXP64.f[i]);
    }
    t
});

/// The unnormalised normal density.
fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp()
}

/// The layer whose density NumPy's double normal table holds one ulp
/// above the correctly rounded `exp` (see the header): a property of the
/// table NumPy ships, reproduced so draws match it bit for bit.
const NOR64_ROUNDED_UP: usize = 38;

/// The normal layer edges `x_1..x_255` (index 0 unused) in double
/// arithmetic, with the density at each edge; `rounded_up` is the layer
/// whose density is taken one ulp up before the recurrence continues.
fn normal_edges(rounded_up: Option<usize>) -> ([f64; LAYERS], [f64; LAYERS]) {
    let mut x = [0.0f64; LAYERS];
    let mut f = [1.0f64; LAYERS];
    x[LAYERS - 1] = NOR_R;
    f[LAYERS - 1] = normal_pdf(NOR_R);
    for i in (1..LAYERS - 1).rev() {
        x[i] = (-2.0 * (f[i + 1] + NOR_V / x[i + 1]).ln()).sqrt();
        f[i] = normal_pdf(x[i]);
        if rounded_up == Some(i) {
            f[i] = f[i].next_up();
        }
    }
    (x, f)
}

/// The double normal tables (NumPy's `ki_double`, `wi_double`,
/// `fi_double`).
pub static NORMAL64: LazyLock<Tables<u64, f64>> = LazyLock::new(|| {
    let (x, f) = normal_edges(Some(NOR64_ROUNDED_UP));
    let scale = 2f64.powi(52);
    let r = x[LAYERS - 1];
    let mut t = Tables {
        k: [0; LAYERS],
        w: [0.0; LAYERS],
        f,
        r: NOR_R,
    };
    t.k[0] = ((r * f[LAYERS - 1]) / NOR_V * scale).round_ties_even() as u64;
    for i in 1..LAYERS {
        t.k[i] = (x[i - 1] / x[i] * scale).round_ties_even() as u64;
    }
    for (i, w) in t.w.iter_mut().enumerate() {
        let edge = if i == 0 { NOR_V / f[LAYERS - 1] } else { x[i] };
        *w = edge / scale;
    }
    t.f[0] = 1.0;
    t
});

/// The float normal tables.
pub static NORMAL32: LazyLock<Tables<u32, f32>> = LazyLock::new(|| {
    let (x, _) = normal_edges(None);
    let scale = 2f64.powi(23);
    let mut t = Tables {
        k: [0; LAYERS],
        w: [0.0; LAYERS],
        f: [0.0; LAYERS],
        r: NOR_R as f32,
    };
    let r = x[LAYERS - 1];
    t.k[0] = ((r * normal_pdf(r)) / NOR_V * scale).round_ties_even() as u32;
    for i in 1..LAYERS {
        t.k[i] = (x[i - 1] / x[i] * scale).round_ties_even() as u32;
    }
    for (i, &xi) in x.iter().enumerate() {
        let edge = if i == 0 { NOR_V / normal_pdf(r) } else { xi };
        t.w[i] = (edge / scale) as f32;
        t.f[i] = normal_pdf(xi) as f32;
    }
    t
});

/// NumPy's `random_standard_exponential`: 8 layer bits and 53 value bits
/// of one word; the tail and the wedges draw doubles.
pub fn standard_exponential<G: BitGen>(g: &mut G) -> f64 {
    let t = &*EXP64;
    loop {
        let ri = g.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f64 * t.w[idx];
        if ri < t.k[idx] {
            return x;
        }
        if idx == 0 {
            return t.r - (-g.next_double()).ln_1p();
        }
        if (t.f[idx - 1] - t.f[idx]) * g.next_double() + t.f[idx] < (-x).exp() {
            return x;
        }
    }
}

/// NumPy's `random_standard_exponential_f`, on 32-bit words.
pub fn standard_exponential_f32<G: BitGen>(g: &mut G) -> f32 {
    let t = &*EXP32;
    loop {
        let ri = g.next_u32() >> 1;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f32 * t.w[idx];
        if ri < t.k[idx] {
            return x;
        }
        if idx == 0 {
            return t.r - (-next_float(g)).ln_1p();
        }
        if (t.f[idx - 1] - t.f[idx]) * next_float(g) + t.f[idx] < (-x).exp() {
            return x;
        }
    }
}

/// NumPy's `random_standard_normal`: 8 layer bits, a sign bit and 52
/// value bits of one word; the tail and the wedges draw doubles.
pub fn standard_normal<G: BitGen>(g: &mut G) -> f64 {
    let t = &*NORMAL64;
    let inv_r = 1.0 / NOR_R;
    loop {
        let word = g.next_u64();
        let idx = (word & 0xff) as usize;
        let word = word >> 8;
        let negative = word & 1 == 1;
        let rabs = (word >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * t.w[idx];
        if negative {
            x = -x;
        }
        if rabs < t.k[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -inv_r * (-g.next_double()).ln_1p();
                let yy = -(-g.next_double()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(NOR_R + xx)
                    } else {
                        NOR_R + xx
                    };
                }
            }
        }
        if (t.f[idx - 1] - t.f[idx]) * g.next_double() + t.f[idx] < (-0.5 * x * x).exp() {
            return x;
        }
    }
}

/// NumPy's `random_standard_normal_f`: 8 layer bits, a sign bit and 23
/// value bits of one 32-bit word; the wedge test compares in double.
pub fn standard_normal_f32<G: BitGen>(g: &mut G) -> f32 {
    let t = &*NORMAL32;
    let r = t.r;
    let inv_r = (1.0 / NOR_R) as f32;
    loop {
        let word = g.next_u32();
        let idx = (word & 0xff) as usize;
        let negative = (word >> 8) & 1 == 1;
        let rabs = (word >> 9) & 0x007f_ffff;
        let mut x = rabs as f32 * t.w[idx];
        if negative {
            x = -x;
        }
        if rabs < t.k[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -inv_r * (-next_float(g)).ln_1p();
                let yy = -(-next_float(g)).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(r + xx)
                    } else {
                        r + xx
                    };
                }
            }
        }
        let x64 = x as f64;
        if (((t.f[idx - 1] - t.f[idx]) * next_float(g) + t.f[idx]) as f64)
            < (-0.5 * x64 * x64).exp()
        {
            return x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few entries as NumPy's header has them (spot checks; the draws
    /// in `tests/conformance/55_*` exercise every layer).
    #[test]
    fn spot_entries() {
        assert_eq!(EXP64.k[0], 0x001C_5214_2724_97C6);
        assert_eq!(EXP64.k[1], 0);
        assert_eq!(EXP64.k[255], 0x001C_DB4D_D9E4_E8C0);
        assert_eq!(EXP64.w[1], 7.089_014_243_955_414e-18);
        assert_eq!(EXP64.f[1], 0.938_143_680_862_174_7);
        assert_eq!(EXP32.k[0], 0x0071_4851);
        assert_eq!(NORMAL32.k[0], 0x0077_99EC);
        assert_eq!(NORMAL32.k[2], 0x0060_45F5);
        assert_eq!(NORMAL32.w[1], 2.565_883_3e-8);
        assert_eq!(NORMAL64.k[0], 0x000E_F33D_8025_EF6A);
        assert_eq!(NORMAL64.k[2], 0x000C_08BE_98FB_C6A8);
        assert_eq!(NORMAL64.f[NOR64_ROUNDED_UP], 0.677_388_036_218_773_5);
    }

    #[test]
    fn layer_one_never_accepts_its_core() {
        assert_eq!(NORMAL32.k[1], 0);
        assert_eq!(EXP32.k[1], 0);
        assert_eq!(NORMAL32.f[0], 1.0);
    }
}
