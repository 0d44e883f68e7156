//! NumPy 2.4's FFTs: a port of the C++ pocketfft NumPy vendors
//! (`pocketfft_hdronly.h`, mreineck/pocketfft at 33ae5dc) and of the
//! gufunc loops of `numpy/fft/_pocketfft_umath.cpp`, in double precision
//! only (NumPy's loop list is `Dd->D, Ff->F, Gg->G` and its type resolver
//! picks the first safe one, so float32 input is transformed in double
//! and rounded when stored).
//!
//! Files: `twiddle.rs` (`sincos_2pibyn`), `cfftp.rs` (complex passes),
//! `rfftp.rs` (real passes), `blue.rs` (Bluestein); this file holds the
//! complex number type, the plan choice of `pocketfft_c`/`pocketfft_r`
//! and the three loops NumPy calls (`fft_loop`, `rfft_impl`,
//! `irfft_loop`) on one lane.

mod blue;
mod cfftp;
mod rfftp;
mod twiddle;

/// pocketfft's `cmplx<double>`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cx {
    /// Real part.
    pub r: f64,
    /// Imaginary part.
    pub i: f64,
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
    fn scale(self, s: f64) -> Cx {
        Cx {
            r: self.r * s,
            i: self.i * s,
        }
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

fn largest_prime_factor(mut n: usize) -> usize {
    let mut res = 1;
    while n & 1 == 0 {
        res = 2;
        n >>= 1;
    }
    let mut x = 3;
    while x * x <= n {
        while n % x == 0 {
            res = x;
            n /= x;
        }
        x += 2;
    }
    if n > 1 {
        res = n;
    }
    res
}

fn cost_guess(mut n: usize) -> f64 {
    let lfp = 1.1;
    let ni = n;
    let mut result = 0.0;
    while n & 1 == 0 {
        result += 2.0;
        n >>= 1;
    }
    let mut x = 3;
    while x * x <= n {
        while n % x == 0 {
            result += if x <= 5 { x as f64 } else { lfp * x as f64 };
            n /= x;
        }
        x += 2;
    }
    if n > 1 {
        result += if n <= 5 { n as f64 } else { lfp * n as f64 };
    }
    result * ni as f64
}

/// The smallest product of 2, 3, 5, 7 and 11 that is >= n.
fn good_size_cmplx(n: usize) -> usize {
    if n <= 12 {
        return n;
    }
    let mut bestfac = 2 * n;
    let mut f11 = 1;
    while f11 < bestfac {
        let mut f117 = f11;
        while f117 < bestfac {
            let mut f1175 = f117;
            while f1175 < bestfac {
                let mut x = f1175;
                while x < n {
                    x *= 2;
                }
                loop {
                    if x < n {
                        x *= 3;
                    } else if x > n {
                        if x < bestfac {
                            bestfac = x;
                        }
                        if x & 1 == 1 {
                            break;
                        }
                        x >>= 1;
                    } else {
                        return n;
                    }
                }
                f1175 *= 5;
            }
            f117 *= 7;
        }
        f11 *= 11;
    }
    bestfac
}

/// Does `pocketfft_c`/`pocketfft_r` pick Bluestein for this length?
fn use_bluestein(length: usize, real: bool) -> bool {
    let tmp = if length < 50 {
        0
    } else {
        largest_prime_factor(length)
    };
    if tmp * tmp <= length {
        return false;
    }
    let comp1 = if real { 0.5 } else { 1.0 } * cost_guess(length);
    let mut comp2 = 2.0 * cost_guess(good_size_cmplx(2 * length - 1));
    comp2 *= 1.5;
    comp2 < comp1
}

/// `pocketfft_c<double>`.
pub enum PlanC {
    /// Cooley–Tukey passes.
    Pack(cfftp::Cfftp),
    /// Bluestein's chirp convolution.
    Blue(blue::Blue),
}

impl PlanC {
    /// The plan pocketfft builds for `length` points.
    pub fn new(length: usize) -> PlanC {
        if use_bluestein(length, false) {
            PlanC::Blue(blue::Blue::new(length))
        } else {
            PlanC::Pack(cfftp::Cfftp::new(length))
        }
    }
    /// Transform `c` in place, scaled by `fct`.
    pub fn exec(&self, c: &mut [Cx], fct: f64, fwd: bool) {
        match self {
            PlanC::Pack(p) => p.exec(c, fct, fwd),
            PlanC::Blue(b) => b.exec(c, fct, fwd),
        }
    }
}

/// `pocketfft_r<double>`.
pub enum PlanR {
    /// FFTPACK's real passes.
    Pack(rfftp::Rfftp),
    /// Bluestein through a complex transform.
    Blue(blue::Blue),
}

impl PlanR {
    /// The plan pocketfft builds for `length` points.
    pub fn new(length: usize) -> PlanR {
        if use_bluestein(length, true) {
            PlanR::Blue(blue::Blue::new(length))
        } else {
            PlanR::Pack(rfftp::Rfftp::new(length))
        }
    }
    /// Transform `c` in place (halfcomplex order), scaled by `fct`.
    pub fn exec(&self, c: &mut [f64], fct: f64, fwd: bool) {
        match self {
            PlanR::Pack(p) => p.exec(c, fct, fwd),
            PlanR::Blue(b) => b.exec_r(c, fct, fwd),
        }
    }
}

/// `fft_loop` on one lane: the first `min(len, n)` inputs, zeros after,
/// transformed in place.
pub fn c2c_lane(plan: &PlanC, input: &[Cx], n: usize, fct: f64, fwd: bool) -> Vec<Cx> {
    let mut buf = vec![Cx::ZERO; n];
    let m = input.len().min(n);
    buf[..m].copy_from_slice(&input[..m]);
    plan.exec(&mut buf, fct, fwd);
    buf
}

/// `rfft_impl` on one lane: `npts` points (inputs cut or zero-padded),
/// `npts / 2 + 1` complex outputs.
pub fn r2c_lane(plan: &PlanR, input: &[f64], npts: usize, fct: f64) -> Vec<Cx> {
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
pub fn c2r_lane(plan: &PlanR, input: &[Cx], nout: usize, fct: f64) -> Vec<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_choice_follows_pocketfft() {
        assert!(!use_bluestein(97, false) || cost_guess(97) > 0.0);
        assert_eq!(good_size_cmplx(13), 14);
        assert_eq!(largest_prime_factor(97 * 4), 97);
    }

    #[test]
    fn small_transforms_are_exact() {
        let plan = PlanC::new(4);
        let x = [1.0, 2.0, 3.0, 4.0].map(|r| Cx { r, i: 0.0 });
        let y = c2c_lane(&plan, &x, 4, 1.0, true);
        assert_eq!(y[0], Cx { r: 10.0, i: 0.0 });
        assert_eq!(y[1], Cx { r: -2.0, i: 2.0 });
        let rp = PlanR::new(4);
        let z = r2c_lane(&rp, &[1.0, 2.0, 3.0, 4.0], 4, 1.0);
        assert_eq!(z[1], Cx { r: -2.0, i: 2.0 });
        let back = c2r_lane(&rp, &z, 4, 0.25);
        assert_eq!(back, vec![1.0, 2.0, 3.0, 4.0]);
    }
}
