// Included twice by `mod.rs` (as f64 and f32): no inner attributes here.
// The complex type, pocketfft's small helpers, the plans and the three
// gufunc loops of `_pocketfft_umath.cpp`, in precision `Real`.

use super::twiddle::SinCos;
use super::{good_size_cmplx, use_bluestein};

/// pocketfft's `cmplx<Real>`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cx {
    /// Real part.
    pub r: Real,
    /// Imaginary part.
    pub i: Real,
}

impl Cx {
    /// 0 + 0i.
    pub const ZERO: Cx = Cx { r: 0.0, i: 0.0 };
    fn add(self, o: Cx) -> Cx {
        Cx {
            r: self.r + o.r,
            i: self.i + o.i,
        }
    }
    fn sub(self, o: Cx) -> Cx {
        Cx {
            r: self.r - o.r,
            i: self.i - o.i,
        }
    }
    fn scale(self, s: Real) -> Cx {
        Cx {
            r: self.r * s,
            i: self.i * s,
        }
    }
}

/// A twiddle of `sincos_2pibyn<Real>`: computed in double, then rounded.
fn twiddle(s: &SinCos, idx: usize) -> Cx {
    let (r, i) = s.get(idx);
    Cx {
        r: r as Real,
        i: i as Real,
    }
}

/// `PM(a, b, c, d)`: a = c + d, b = c - d.
fn pm(c: Cx, d: Cx) -> (Cx, Cx) {
    (c.add(d), c.sub(d))
}

/// `special_mul<fwd>`: multiply by the conjugate twiddle going forward.
fn smul(v: Cx, w: Cx, fwd: bool) -> Cx {
    if fwd {
        Cx {
            r: v.r * w.r + v.i * w.i,
            i: v.i * w.r - v.r * w.i,
        }
    } else {
        Cx {
            r: v.r * w.r - v.i * w.i,
            i: v.r * w.i + v.i * w.r,
        }
    }
}

/// `ROTX90<fwd>`.
fn rotx90(a: Cx, fwd: bool) -> Cx {
    if fwd {
        Cx { r: a.i, i: -a.r }
    } else {
        Cx { r: -a.i, i: a.r }
    }
}

/// `pocketfft_c<Real>`.
pub enum PlanC {
    /// Cooley–Tukey passes.
    Pack(Cfftp),
    /// Bluestein's chirp convolution.
    Blue(Blue),
}

impl PlanC {
    /// The plan pocketfft builds for `length` points.
    pub fn new(length: usize) -> PlanC {
        if use_bluestein(length, false) {
            PlanC::Blue(Blue::new(length))
        } else {
            PlanC::Pack(Cfftp::new(length))
        }
    }
    /// Transform `c` in place, scaled by `fct`.
    pub fn exec(&self, c: &mut [Cx], fct: Real, fwd: bool) {
        match self {
            PlanC::Pack(p) => p.exec(c, fct, fwd),
            PlanC::Blue(b) => b.exec(c, fct, fwd),
        }
    }
}

/// `pocketfft_r<Real>`.
pub enum PlanR {
    /// FFTPACK's real passes.
    Pack(Rfftp),
    /// Bluestein through a complex transform.
    Blue(Blue),
}

impl PlanR {
    /// The plan pocketfft builds for `length` points.
    pub fn new(length: usize) -> PlanR {
        if use_bluestein(length, true) {
            PlanR::Blue(Blue::new(length))
        } else {
            PlanR::Pack(Rfftp::new(length))
        }
    }
    /// Transform `c` in place (halfcomplex order), scaled by `fct`.
    pub fn exec(&self, c: &mut [Real], fct: Real, fwd: bool) {
        match self {
            PlanR::Pack(p) => p.exec(c, fct, fwd),
            PlanR::Blue(b) => b.exec_r(c, fct, fwd),
        }
    }
}

/// `fft_loop` on one lane: the first `min(len, n)` inputs, zeros after,
/// transformed in place.
pub fn c2c_lane(plan: &PlanC, input: &[Cx], n: usize, fct: Real, fwd: bool) -> Vec<Cx> {
    let mut buf = vec![Cx::ZERO; n];
    let m = input.len().min(n);
    buf[..m].copy_from_slice(&input[..m]);
    plan.exec(&mut buf, fct, fwd);
    buf
}

/// `rfft_impl` on one lane: `npts` points (inputs cut or zero-padded),
/// `npts / 2 + 1` complex outputs.
pub fn r2c_lane(plan: &PlanR, input: &[Real], npts: usize, fct: Real) -> Vec<Cx> {
    let nout = npts / 2 + 1;
    let mut buf = vec![0.0; 2 * nout];
    let m = input.len().min(npts);
    buf[1..1 + m].copy_from_slice(&input[..m]);
    plan.exec(&mut buf[1..1 + npts], fct, true);
    let mut out = Vec::with_capacity(nout);
    out.push(Cx { r: buf[1], i: 0.0 });
    for k in 1..nout {
        out.push(Cx {
            r: buf[2 * k],
            i: buf[2 * k + 1],
        });
    }
    out
}

/// `irfft_loop` on one lane: `nout` real outputs from the first
/// `nout / 2 + 1` complex inputs (zero-padded if fewer).
pub fn c2r_lane(plan: &PlanR, input: &[Cx], nout: usize, fct: Real) -> Vec<Real> {
    let nin = input.len();
    let mut buf = vec![0.0; nout];
    buf[0] = input[0].r;
    if nout > 1 {
        let ncopy = (nin - 1).min((nout - 1) / 2);
        for i in 0..ncopy {
            buf[1 + 2 * i] = input[1 + i].r;
            buf[2 + 2 * i] = input[1 + i].i;
        }
        if nout % 2 == 0 {
            buf[nout - 1] = if nout / 2 >= nin {
                0.0
            } else {
                input[nout / 2].r
            };
        }
    }
    plan.exec(&mut buf, fct, false);
    buf
}
