//! The Generator's count distributions beyond binomial and Poisson, as
//! NumPy 2.4's `distributions.c` draws them: the negative binomial as a
//! Poisson of a gamma, the geometric by search above p = 1/3 and by
//! inverting the ziggurat exponential below, Zipf by rejection from
//! `(Umin, 1]`, and the log-series by Kemp's method.

use super::BitGen;
use super::continuous::standard_gamma;
use super::discrete::poisson;
use super::legacy_dists::{ONE_THIRD, geometric_search, logseries_pick, zipf_try};
use super::ziggurat::standard_exponential;

/// `random_negative_binomial`.
pub fn negative_binomial<G: BitGen>(g: &mut G, n: f64, p: f64) -> i64 {
    let y = (1.0 - p) / p * standard_gamma(g, n);
    poisson(g, y)
}

/// `random_geometric`.
pub fn geometric<G: BitGen>(g: &mut G, p: f64) -> i64 {
    if p >= ONE_THIRD {
        return geometric_search(g, p);
    }
    let z = (-standard_exponential(g) / (-p).ln_1p()).ceil();
    // 9.223372036854776e18 is the smallest double above int64's maximum.
    if z >= 9.223372036854776e18 {
        i64::MAX
    } else {
        z as i64
    }
}

/// `random_zipf`.
pub fn zipf<G: BitGen>(g: &mut G, a: f64) -> i64 {
    if a >= 1025.0 {
        return 1;
    }
    let am1 = a - 1.0;
    let b = 2f64.powf(am1);
    let umin = (i64::MAX as f64).powf(-am1);
    loop {
        let u01 = g.next_double();
        let u = u01 * umin + (1.0 - u01);
        let v = g.next_double();
        if let Some(x) = zipf_try(u, v, am1, b) {
            return x;
        }
    }
}

/// `random_logseries`.
pub fn logseries<G: BitGen>(g: &mut G, p: f64) -> i64 {
    let r = (-p).ln_1p();
    loop {
        let v = g.next_double();
        if v >= p {
            return 1;
        }
        let u = g.next_double();
        if let Some(x) = logseries_pick(v, -(r * u).exp_m1()) {
            return x;
        }
    }
}

/// `logfactorial`: `log(k!)` correctly rounded below 126 (NumPy's table,
/// computed here in double-double and rounded once), Stirling's series
/// truncated at `1/k³` above.
pub fn logfactorial(k: i64) -> f64 {
    static TABLE: std::sync::LazyLock<Vec<f64>> = std::sync::LazyLock::new(|| {
        use super::ddouble::Dd;
        let mut acc = Dd::from_f64(0.0);
        let mut out = vec![0.0];
        for i in 1..126u128 {
            acc = acc + Dd::from_u128(i).ln();
            out.push(acc.hi);
        }
        out
    });
    if let Some(v) = usize::try_from(k).ok().and_then(|k| TABLE.get(k)) {
        return *v;
    }
    let kf = k as f64;
    let halfln2pi = 0.9189385332046728;
    (kf + 0.5) * kf.ln() - kf + (halfln2pi + (1.0 / kf) * (1.0 / 12.0 - 1.0 / (360.0 * kf * kf)))
}

/// `random_hypergeometric`: HRUA (ratio of uniforms) when the sample is
/// at least 10 away from both ends, else drawing the sample one item at
/// a time with `random_interval`.
pub fn hypergeometric<G: BitGen>(g: &mut G, good: i64, bad: i64, sample: i64) -> i64 {
    if sample >= 10 && sample <= good + bad - 10 {
        hrua(g, good, bad, sample)
    } else {
        one_by_one(g, good, bad, sample)
    }
}

fn one_by_one<G: BitGen>(g: &mut G, good: i64, bad: i64, sample: i64) -> i64 {
    let total = good + bad;
    let flipped = sample > total / 2;
    let mut left = if flipped { total - sample } else { sample };
    let mut remaining_total = total;
    let mut remaining_good = good;
    while left > 0 && remaining_good > 0 && remaining_total > remaining_good {
        remaining_total -= 1;
        if (super::bounded::random_interval(g, remaining_total as u64) as i64) < remaining_good {
            remaining_good -= 1;
        }
        left -= 1;
    }
    if remaining_total == remaining_good {
        remaining_good -= left;
    }
    if flipped {
        remaining_good
    } else {
        good - remaining_good
    }
}

/// HRUA's `2 sqrt(2/e)` and `3 - 2 sqrt(3/e)`, as NumPy writes them.
pub(super) const HRUA_D1: f64 = 1.7155277699214135;
/// See [`HRUA_D1`].
pub(super) const HRUA_D2: f64 = 0.8989161620588988;

fn hrua<G: BitGen>(g: &mut G, good: i64, bad: i64, sample: i64) -> i64 {
    let popsize = good + bad;
    let computed = sample.min(popsize - sample);
    let mingoodbad = good.min(bad);
    let maxgoodbad = good.max(bad);
    let p = mingoodbad as f64 / popsize as f64;
    let q = maxgoodbad as f64 / popsize as f64;
    let mu = computed as f64 * p;
    let a = mu + 0.5;
    let var = (popsize - computed) as f64 * computed as f64 * p * q / (popsize - 1) as f64;
    let c = (var + 0.5).sqrt();
    let h = HRUA_D1 * c + HRUA_D2;
    let m = ((computed + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let lf = |k: i64| {
        logfactorial(k)
            + logfactorial(mingoodbad - k)
            + logfactorial(computed - k)
            + logfactorial(maxgoodbad - computed + k)
    };
    let gsum = lf(m);
    let b = ((computed.min(mingoodbad) + 1) as f64).min((a + 16.0 * c).floor());
    let k = hrua_loop(g, a, h, b, gsum, lf);
    hrua_unfold(k, good, bad, computed, sample)
}

/// HRUA's ratio-of-uniforms rejection (Stadlober), shared by both APIs:
/// `x = a + h (V - 1/2) / U` inside `[0, b)`, accepted against
/// `t = g - lf(k)` by the squeezes and then `2 log U <= t`.
pub(super) fn hrua_loop<G: BitGen>(
    g: &mut G,
    a: f64,
    h: f64,
    b: f64,
    gsum: f64,
    lf: impl Fn(i64) -> f64,
) -> i64 {
    loop {
        let u = g.next_double();
        let v = g.next_double();
        let x = a + h * (v - 0.5) / u;
        if x < 0.0 || x >= b {
            continue;
        }
        let k = x.floor() as i64;
        let t = gsum - lf(k);
        if u * (4.0 - u) - 3.0 <= t {
            return k;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * u.ln() <= t {
            return k;
        }
    }
}

/// HRUA samples the smaller colour from the smaller side; map back.
pub(super) fn hrua_unfold(mut k: i64, good: i64, bad: i64, m: i64, sample: i64) -> i64 {
    if good > bad {
        k = m - k;
    }
    if m < sample {
        k = good - k;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logfactorial_is_log_of_the_factorial_correctly_rounded() {
        assert_eq!(logfactorial(0), 0.0);
        assert_eq!(logfactorial(1), 0.0);
        assert_eq!(logfactorial(2), std::f64::consts::LN_2);
        // log(125!) correctly rounded (NumPy's table's last entry).
        assert_eq!(logfactorial(125), 481.87297922988796);
    }
}
