//! Double-double arithmetic (a value is `hi + lo`, about 106 bits), just
//! enough to compute the exponential ziggurat's tables the way NumPy's
//! were made: in high precision, then rounded once. Only `+ - * /`,
//! `exp`, `ln`, exact decimal parsing and floor; every operation keeps
//! `hi == round(hi + lo)`, so `hi` is the correctly rounded double.

/// `hi + lo` with `|lo| <= ulp(hi) / 2`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dd {
    /// The leading double: the value rounded to nearest.
    pub hi: f64,
    /// The rest.
    pub lo: f64,
}

/// `a + b` exactly as a rounded sum and its error (Knuth's two-sum).
fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    let err = (a - (s - bb)) + (b - bb);
    Dd { hi: s, lo: err }
}

/// `a + b` when `|a| >= |b|` (Dekker's fast two-sum).
fn quick_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd {
        hi: s,
        lo: b - (s - a),
    }
}

/// `a * b` exactly, through one fused multiply-add.
fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    Dd {
        hi: p,
        lo: a.mul_add(b, -p),
    }
}

impl Dd {
    /// A double, exactly.
    pub const fn from_f64(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    /// An integer below 2^106, exactly.
    pub fn from_u128(m: u128) -> Dd {
        let hi = m as f64;
        let rest = m as i128 - hi as i128;
        quick_two_sum(hi, rest as f64)
    }

    /// A decimal literal (`digits[.digits]`), to double-double precision.
    pub fn parse(text: &str) -> Dd {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits: u128 = format!("{int}{frac}")
            .parse()
            .expect("a decimal literal of at most 38 digits");
        let scale = (0..frac.len()).fold(Dd::from_f64(1.0), |p, _| p.mul_f64(10.0));
        Dd::from_u128(digits) / scale
    }

    /// `self * x` for a double `x`.
    pub fn mul_f64(self, x: f64) -> Dd {
        self * Dd::from_f64(x)
    }

    /// `ln 2`, as `2 atanh(1/3)` summed until the terms vanish.
    fn ln2() -> Dd {
        let third = Dd::from_f64(1.0) / Dd::from_f64(3.0);
        let ninth = third * third;
        let (mut power, mut sum) = (third, Dd::from_f64(0.0));
        for k in 0..40 {
            sum = sum + power / Dd::from_f64((2 * k + 1) as f64);
            power = power * ninth;
        }
        sum.mul_f64(2.0)
    }

    /// `e^self`: `2^k e^r` with `|r| <= ln2 / 2`, `e^r` as the 2^10-th
    /// power of a Taylor series at `r / 2^10`.
    pub fn exp(self) -> Dd {
        let ln2 = Dd::ln2();
        let k = (self.hi / ln2.hi).round();
        let r = (self - ln2.mul_f64(k)).mul_f64(1.0 / 1024.0);
        let (mut term, mut sum) = (Dd::from_f64(1.0), Dd::from_f64(1.0));
        for n in 1..20 {
            term = term * r / Dd::from_f64(n as f64);
            sum = sum + term;
        }
        for _ in 0..10 {
            sum = sum * sum;
        }
        let scale = 2f64.powi(k as i32);
        Dd {
            hi: sum.hi * scale,
            lo: sum.lo * scale,
        }
    }

    /// `ln self` for `self > 0`: Newton's method on `e^y = self` from the
    /// double logarithm (each step doubles the correct bits).
    pub fn ln(self) -> Dd {
        let mut y = Dd::from_f64(self.hi.ln());
        for _ in 0..3 {
            y = y + self * (-y).exp() - Dd::from_f64(1.0);
        }
        y
    }

    /// `floor(self)` as an integer (`|self| < 2^100`).
    pub fn floor(self) -> i128 {
        let f = self.hi.floor();
        if f == self.hi {
            f as i128 + self.lo.floor() as i128
        } else {
            f as i128
        }
    }

    /// The nearest integer (a half rounds up; no table value is a tie).
    pub fn round(self) -> i128 {
        (self + Dd::from_f64(0.5)).floor()
    }
}

impl std::ops::Add for Dd {
    type Output = Dd;
    fn add(self, other: Dd) -> Dd {
        let s = two_sum(self.hi, other.hi);
        let t = two_sum(self.lo, other.lo);
        let s = quick_two_sum(s.hi, s.lo + t.hi);
        quick_two_sum(s.hi, s.lo + t.lo)
    }
}

impl std::ops::Neg for Dd {
    type Output = Dd;
    fn neg(self) -> Dd {
        Dd {
            hi: -self.hi,
            lo: -self.lo,
        }
    }
}

impl std::ops::Sub for Dd {
    type Output = Dd;
    fn sub(self, other: Dd) -> Dd {
        self + -other
    }
}

impl std::ops::Mul for Dd {
    type Output = Dd;
    fn mul(self, other: Dd) -> Dd {
        let p = two_prod(self.hi, other.hi);
        quick_two_sum(p.hi, p.lo + (self.hi * other.lo + self.lo * other.hi))
    }
}

impl std::ops::Div for Dd {
    type Output = Dd;
    /// A quotient and two corrections.
    fn div(self, other: Dd) -> Dd {
        let q1 = self.hi / other.hi;
        let r = self - other.mul_f64(q1);
        let q2 = r.hi / other.hi;
        let r = r - other.mul_f64(q2);
        let q3 = r.hi / other.hi;
        quick_two_sum(q1, q2) + Dd::from_f64(q3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln2_and_e_to_the_last_bits() {
        let ln2 = Dd::ln2();
        assert_eq!(ln2.hi, std::f64::consts::LN_2);
        // ln 2 = 0x1.62e42fefa39ef35793c7673007e5...p-1: the tail to
        // double-double accuracy (within 2^-105 of ln 2).
        let tail = f64::from_bits(0x3C7A_BC9E_3B39_803F);
        assert!((ln2.lo - tail).abs() < 1e-32);
        let e = Dd::from_f64(1.0).exp();
        assert_eq!(e.hi, std::f64::consts::E);
        // ten squarings in exp cost about ten of the 106 bits
        assert!((e.ln() - Dd::from_f64(1.0)).hi.abs() < 1e-28);
    }

    #[test]
    fn decimal_parse_and_floor() {
        let x = Dd::parse("7.6971174701310497140446280481");
        assert_eq!(x.hi, 7.697_117_470_131_05);
        assert_eq!(Dd::parse("2.5").round(), 3);
        assert_eq!(Dd::from_f64(-0.5).floor(), -1);
        assert_eq!(
            (Dd::from_u128(1 << 60) + Dd::from_f64(-0.25)).floor(),
            (1 << 60) - 1
        );
    }
}
