//! pocketfft's `sincos_2pibyn`: the roots of unity `exp(2πi·k/n)` as two
//! tables of `cos`/`sin` of small angles multiplied together, each
//! computed from the first octant. The angle step is `0.25L*pi/n`
//! computed in x87 extended precision (64-bit significand) and then
//! rounded to double, as the C++ does on x86-64 Linux; [`octant_step`]
//! replays that double rounding exactly with integers.

/// `double(0.25L * pi_ld / n)`: `pi_ld` is pi rounded to a 64-bit
/// significand; the quotient is rounded to 64 bits, then to 53.
pub fn octant_step(n: usize) -> f64 {
    // pi_ld = M * 2^-62, so 0.25*pi_ld = M * 2^-64.
    const M: u128 = 0xC90F_DAA2_2168_C235;
    let n = n as u128;
    let num = M << 64; // value = num / n * 2^-128
    let mut q = num / n;
    let mut sticky = num % n != 0;
    let mut exp: i32 = -128;
    // Normalise q to exactly 64 significant bits, rounding to nearest even.
    let bits = 128 - q.leading_zeros() as i32;
    if bits > 64 {
        let sh = (bits - 64) as u32;
        let rem = q & ((1u128 << sh) - 1);
        let half = 1u128 << (sh - 1);
        q >>= sh;
        exp += sh as i32;
        let above = rem > half || (rem == half && sticky);
        if above || (rem == half && !sticky && q & 1 == 1) {
            q += 1;
            if q >> 64 != 0 {
                q >>= 1;
                exp += 1;
            }
        }
        sticky = false;
    }
    let _ = sticky;
    // Now value = q * 2^exp with q < 2^64 (exact long double). Round to 53 bits.
    let bits = 128 - q.leading_zeros() as i32;
    if bits > 53 {
        let sh = (bits - 53) as u32;
        let rem = q & ((1u128 << sh) - 1);
        let half = 1u128 << (sh - 1);
        q >>= sh;
        exp += sh as i32;
        if rem > half || (rem == half && q & 1 == 1) {
            q += 1;
        }
    }
    (q as f64) * 2f64.powi(exp)
}

/// The table pair of `sincos_2pibyn<double>`.
pub struct SinCos {
    n: usize,
    mask: usize,
    shift: u32,
    v1: Vec<(f64, f64)>,
    v2: Vec<(f64, f64)>,
}

fn calc(x: usize, n: usize, ang: f64) -> (f64, f64) {
    let mut x = x << 3;
    let c = |v: f64, w: f64| (v, w);
    if x < 4 * n {
        if x < 2 * n {
            if x < n {
                return c((x as f64 * ang).cos(), (x as f64 * ang).sin());
            }
            let y = (2 * n - x) as f64 * ang;
            return c(y.sin(), y.cos());
        }
        x -= 2 * n;
        if x < n {
            let y = x as f64 * ang;
            return c(-y.sin(), y.cos());
        }
        let y = (2 * n - x) as f64 * ang;
        c(-y.cos(), y.sin())
    } else {
        x = 8 * n - x;
        if x < 2 * n {
            if x < n {
                let y = x as f64 * ang;
                return c(y.cos(), -y.sin());
            }
            let y = (2 * n - x) as f64 * ang;
            return c(y.sin(), -y.cos());
        }
        x -= 2 * n;
        if x < n {
            let y = x as f64 * ang;
            return c(-y.sin(), -y.cos());
        }
        let y = (2 * n - x) as f64 * ang;
        c(-y.cos(), -y.sin())
    }
}

impl SinCos {
    pub fn new(n: usize) -> SinCos {
        let ang = octant_step(n);
        let nval = (n + 2) / 2;
        let mut shift = 1u32;
        while (1usize << shift) * (1usize << shift) < nval {
            shift += 1;
        }
        let mask = (1usize << shift) - 1;
        let mut v1 = Vec::with_capacity(mask + 1);
        v1.push((1.0, 0.0));
        for i in 1..=mask {
            v1.push(calc(i, n, ang));
        }
        let n2 = nval.div_ceil(mask + 1);
        let mut v2 = Vec::with_capacity(n2);
        v2.push((1.0, 0.0));
        for i in 1..n2 {
            v2.push(calc(i * (mask + 1), n, ang));
        }
        SinCos {
            n,
            mask,
            shift,
            v1,
            v2,
        }
    }

    /// `exp(2πi·idx/n)` as (cos, sin), in double.
    pub fn get(&self, idx: usize) -> (f64, f64) {
        let (idx, sign) = if 2 * idx <= self.n {
            (idx, 1.0)
        } else {
            (self.n - idx, -1.0)
        };
        let (a, b) = self.v1[idx & self.mask];
        let (c, d) = self.v2[idx >> self.shift];
        (a * c - b * d, sign * (a * d + b * c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octant_step_is_the_double_rounded_long_double() {
        // 0.25L*pi rounds to the double nearest pi/4 for n = 1.
        assert_eq!(octant_step(1), std::f64::consts::FRAC_PI_4);
        assert_eq!(octant_step(2), std::f64::consts::FRAC_PI_8);
    }
}
