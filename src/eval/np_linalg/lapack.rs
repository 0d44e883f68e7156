//! The LAPACK helpers more than one replayed routine uses, written once.

/// Fortran's `SIGN(a, b)`: `|a|` with the sign bit of `b` (so `-0.0`
/// counts as negative, as gfortran has it).
pub fn sign(a: f64, b: f64) -> f64 {
    a.abs().copysign(b)
}

/// `dlapy2`: `sqrt(x^2 + y^2)` without overflow, as LAPACK 3.12 forms
/// it (`w * sqrt(1 + (z/w)**2)`, the square a product: not `hypot`,
/// whose last digit differs).
pub fn lapy2(x: f64, y: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    let (xa, ya) = (x.abs(), y.abs());
    let (w, z) = (xa.max(ya), xa.min(ya));
    if z == 0.0 || w > f64::MAX {
        w
    } else {
        w * (1.0 + (z / w) * (z / w)).sqrt()
    }
}

/// `dlartg` (LAPACK 3.10's `la_xlartg`): `(c, s, r)` with
/// `[c s; -s c] [f; g] = [r; 0]`.
pub fn lartg(f: f64, g: f64) -> (f64, f64, f64) {
    let safmin = f64::MIN_POSITIVE;
    let safmax = 1.0 / safmin;
    let rtmin = safmin.sqrt();
    let rtmax = (safmax / 2.0).sqrt();
    let (f1, g1) = (f.abs(), g.abs());
    if g == 0.0 {
        (1.0, 0.0, f)
    } else if f == 0.0 {
        (0.0, sign(1.0, g), g1)
    } else if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        let d = (f * f + g * g).sqrt();
        let r = sign(d, f);
        (f1 / d, g / r, r)
    } else {
        let u = safmax.min(safmin.max(f1).max(g1));
        let (fs, gs) = (f / u, g / u);
        let d = (fs * fs + gs * gs).sqrt();
        let r = sign(d, f);
        (fs.abs() / d, gs / r, r * u)
    }
}

/// `dlascl('G', 0, 0, cfrom, cto, ...)`: multiply `x` by `cto / cfrom`,
/// in safe steps when that quotient would over- or underflow.
pub fn lascl(cfrom: f64, cto: f64, x: &mut [f64]) {
    let smlnum = f64::MIN_POSITIVE;
    let bignum = 1.0 / smlnum;
    let (mut cfromc, mut ctoc) = (cfrom, cto);
    loop {
        let cfrom1 = cfromc * smlnum;
        let (mul, done);
        if cfrom1 == cfromc {
            mul = ctoc / cfromc;
            done = true;
        } else {
            let cto1 = ctoc / bignum;
            if cto1 == ctoc {
                mul = ctoc;
                done = true;
                cfromc = 1.0;
            } else if cfrom1.abs() > ctoc.abs() && ctoc != 0.0 {
                mul = smlnum;
                done = false;
                cfromc = cfrom1;
            } else if cto1.abs() > cfromc.abs() {
                mul = bignum;
                done = false;
                ctoc = cto1;
            } else {
                mul = ctoc / cfromc;
                done = true;
                if mul == 1.0 {
                    return;
                }
            }
        }
        x.iter_mut().for_each(|v| *v *= mul);
        if done {
            return;
        }
    }
}

/// `dladiv`: `(a + i b) / (c + i d)` by Baudin and Smith's robust
/// algorithm, as `(p, q)`.
pub fn ladiv(a: f64, b: f64, c: f64, d: f64) -> (f64, f64) {
    let (mut aa, mut bb, mut cc, mut dd) = (a, b, c, d);
    let ab = a.abs().max(b.abs());
    let cd = c.abs().max(d.abs());
    let mut s = 1.0;
    let ov = f64::MAX;
    let un = f64::MIN_POSITIVE;
    // dlamch('Epsilon'): half an ulp of one.
    let eps = f64::EPSILON / 2.0;
    let bs = 2.0;
    let be = bs / (eps * eps);
    if ab >= 0.5 * ov {
        aa *= 0.5;
        bb *= 0.5;
        s *= 2.0;
    }
    if cd >= 0.5 * ov {
        cc *= 0.5;
        dd *= 0.5;
        s *= 0.5;
    }
    if ab <= un * bs / eps {
        aa *= be;
        bb *= be;
        s /= be;
    }
    if cd <= un * bs / eps {
        cc *= be;
        dd *= be;
        s *= be;
    }
    let (p, q) = if d.abs() <= c.abs() {
        ladiv1(aa, bb, cc, dd)
    } else {
        let (p, q) = ladiv1(bb, aa, dd, cc);
        (p, -q)
    };
    (p * s, q * s)
}

/// `dladiv1`.
fn ladiv1(a: f64, b: f64, c: f64, d: f64) -> (f64, f64) {
    let r = d / c;
    let t = 1.0 / (c + d * r);
    let p = ladiv2(a, b, c, d, r, t);
    let q = ladiv2(b, -a, c, d, r, t);
    (p, q)
}

/// `dladiv2`.
fn ladiv2(a: f64, b: f64, c: f64, d: f64, r: f64, t: f64) -> f64 {
    if r != 0.0 {
        let br = b * r;
        if br != 0.0 {
            (a + br) * t
        } else {
            a * t + (b * t) * r
        }
    } else {
        (a + d * (b / c)) * t
    }
}
