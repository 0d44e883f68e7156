//! The two LAPACK helpers every replayed routine uses, written once.

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
