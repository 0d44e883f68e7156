//! The vector-valued samplers, one variate (a row of `out`) at a time, as
//! NumPy 2.4 draws them: `random_multinomial` (a chain of conditional
//! binomials, the Generator's `random_binomial` for both APIs — the legacy
//! `legacy_random_multinomial` calls the same function), the Dirichlet by
//! normalised gammas (and, for the Generator when every alpha is below
//! 0.1, by stick-breaking betas), and the multivariate hypergeometric by
//! marginals (a chain of hypergeometrics) or by counting a partial
//! Fisher-Yates shuffle (`random_mvhg_marginals.c`, `random_mvhg_count.c`).

use super::bounded::random_interval;
use super::continuous::{beta, standard_gamma};
use super::counts::hypergeometric;
use super::discrete::binomial;
use super::legacy::LegacyState;
use super::{BitGen, Flavor};

/// `random_multinomial`: `out` (one variate, `out.len() == pvals.len()`,
/// zeroed by the caller) receives the counts of `n` trials.
pub fn multinomial<G: BitGen>(g: &mut G, n: i64, pvals: &[f64], out: &mut [i64]) {
    let d = pvals.len();
    let mut remaining_p = 1.0;
    let mut dn = n;
    for j in 0..d.saturating_sub(1) {
        out[j] = binomial(g, dn, pvals[j] / remaining_p, Flavor::Generator);
        dn -= out[j];
        if dn <= 0 {
            break;
        }
        remaining_p -= pvals[j];
    }
    if dn > 0 {
        out[d - 1] = dn;
    }
}

/// The Generator's Dirichlet over every variate of `out` (rows of
/// `alpha.len()`), choosing stick-breaking when `alpha.max() < 0.1`.
pub fn dirichlet<G: BitGen>(g: &mut G, alpha: &[f64], out: &mut [f64]) {
    let k = alpha.len();
    if k == 0 {
        return;
    }
    // `alpha_arr.max()`: NaN propagates, and NaN < 0.1 is false.
    let max = alpha.iter().copied().fold(f64::NEG_INFINITY, |m, a| {
        if m.is_nan() || a.is_nan() {
            f64::NAN
        } else {
            m.max(a)
        }
    });
    if max < 0.1 {
        // Cumulative sums from the right.
        let mut csum = vec![0.0; k];
        let mut acc = 0.0;
        for j in (0..k).rev() {
            acc += alpha[j];
            csum[j] = acc;
        }
        if acc > 0.0 {
            for row in out.chunks_exact_mut(k) {
                stick_breaking(g, alpha, &csum, row);
            }
        }
        return;
    }
    for row in out.chunks_exact_mut(k) {
        normalised(row, alpha, |a| standard_gamma(g, a));
    }
}

fn stick_breaking<G: BitGen>(g: &mut G, alpha: &[f64], csum: &[f64], row: &mut [f64]) {
    let k = alpha.len();
    let mut acc = 1.0;
    for j in 0..k - 1 {
        let v = beta(g, alpha[j], csum[j + 1]);
        row[j] = acc * v;
        acc *= 1.0 - v;
        if csum[j + 1] == 0.0 {
            break;
        }
    }
    row[k - 1] = acc;
}

/// One variate: gammas, then each times the reciprocal of their sum.
fn normalised(row: &mut [f64], alpha: &[f64], mut gamma: impl FnMut(f64) -> f64) {
    let mut acc = 0.0;
    for (v, &a) in row.iter_mut().zip(alpha) {
        *v = gamma(a);
        acc += *v;
    }
    let inv = 1.0 / acc;
    row.iter_mut().for_each(|v| *v *= inv);
}

/// The legacy `RandomState.dirichlet`: always normalised legacy gammas.
pub fn legacy_dirichlet(st: &mut LegacyState, alpha: &[f64], out: &mut [f64]) {
    let k = alpha.len();
    if k == 0 {
        return;
    }
    for row in out.chunks_exact_mut(k) {
        normalised(row, alpha, |a| st.standard_gamma(a));
    }
}

/// `random_multivariate_hypergeometric_marginals` over every variate of
/// `out` (rows of `colors.len()`, zeroed by the caller).
pub fn mvhg_marginals<G: BitGen>(
    g: &mut G,
    total: i64,
    colors: &[i64],
    nsample: i64,
    out: &mut [i64],
) {
    let k = colors.len();
    if total == 0 || nsample == 0 || k == 0 {
        return;
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    };
    for row in out.chunks_exact_mut(k) {
        let mut to_sample = nsample;
        let mut remaining = total;
        let mut j = 0;
        while to_sample > 0 && j + 1 < k {
            remaining -= colors[j];
            let r = hypergeometric(g, colors[j], remaining, to_sample);
            row[j] = r;
            to_sample -= r;
            j += 1;
        }
        if to_sample > 0 {
            row[k - 1] = to_sample;
        }
        if more_than_half {
            complement(row, colors);
        }
    }
}

fn complement(row: &mut [i64], colors: &[i64]) {
    for (v, &c) in row.iter_mut().zip(colors) {
        *v = c - *v;
    }
}

/// `random_multivariate_hypergeometric_count` over every variate of `out`
/// (zeroed by the caller). `Err(())` when the `total` color labels cannot
/// be allocated (NumPy's `malloc` failing).
#[allow(clippy::result_unit_err)]
pub fn mvhg_count<G: BitGen>(
    g: &mut G,
    total: i64,
    colors: &[i64],
    nsample: i64,
    out: &mut [i64],
) -> Result<(), ()> {
    let k = colors.len();
    if total == 0 || nsample == 0 || k == 0 || out.is_empty() {
        return Ok(());
    }
    let total_u = usize::try_from(total).map_err(|_| ())?;
    let mut choices: Vec<usize> = Vec::new();
    choices.try_reserve_exact(total_u).map_err(|_| ())?;
    for (i, &c) in colors.iter().enumerate() {
        choices.extend(std::iter::repeat_n(i, c as usize));
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    } as usize;
    for row in out.chunks_exact_mut(k) {
        for j in 0..nsample {
            let pick = j + random_interval(g, (total_u - j - 1) as u64) as usize;
            choices.swap(pick, j);
        }
        for &c in &choices[..nsample] {
            row[c] += 1;
        }
        if more_than_half {
            complement(row, colors);
        }
    }
    Ok(())
}
