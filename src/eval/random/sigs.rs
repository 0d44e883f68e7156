//! Every `np.random` signature, written once, as `inspect.signature` (or
//! the docstring's first line, for Cython methods) shows it. Calls bind
//! through `signature::bind`; the registry can take these tables whole.

/// `RandomState` methods, which are also the module functions.
pub const LEGACY: &[(&str, &str)] = &[
    ("seed", "seed(seed=None)"),
    ("get_state", "get_state(legacy=True)"),
    ("set_state", "set_state(state)"),
    ("rand", "rand(*args)"),
    ("randn", "randn(*args)"),
    ("randint", "randint(low, high=None, size=None, dtype=int)"),
    (
        "random_integers",
        "random_integers(low, high=None, size=None)",
    ),
    ("random_sample", "random_sample(size=None)"),
    ("random", "random(size=None)"),
    ("ranf", "ranf(size=None)"),
    ("sample", "sample(size=None)"),
    ("choice", "choice(a, size=None, replace=True, p=None)"),
    ("permutation", "permutation(x)"),
    ("shuffle", "shuffle(x)"),
    ("bytes", "bytes(length)"),
    ("normal", "normal(loc=0.0, scale=1.0, size=None)"),
    ("standard_normal", "standard_normal(size=None)"),
    ("uniform", "uniform(low=0.0, high=1.0, size=None)"),
    ("exponential", "exponential(scale=1.0, size=None)"),
    ("standard_exponential", "standard_exponential(size=None)"),
    ("binomial", "binomial(n, p, size=None)"),
    ("poisson", "poisson(lam=1.0, size=None)"),
    ("standard_gamma", "standard_gamma(shape, size=None)"),
    ("multinomial", "multinomial(n, pvals, size=None)"),
    ("dirichlet", "dirichlet(alpha, size=None)"),
    (
        "multivariate_normal",
        "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8)",
    ),
];

/// `Generator` methods.
pub const GENERATOR: &[(&str, &str)] = &[
    (
        "integers",
        "integers(low, high=None, size=None, dtype=np.int64, endpoint=False)",
    ),
    ("random", "random(size=None, dtype=np.float64, out=None)"),
    (
        "standard_normal",
        "standard_normal(size=None, dtype=np.float64, out=None)",
    ),
    ("normal", "normal(loc=0.0, scale=1.0, size=None)"),
    ("uniform", "uniform(low=0.0, high=1.0, size=None)"),
    ("exponential", "exponential(scale=1.0, size=None)"),
    (
        "standard_exponential",
        "standard_exponential(size=None, dtype=np.float64, method='zig', out=None)",
    ),
    (
        "choice",
        "choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)",
    ),
    ("permutation", "permutation(x, axis=0)"),
    ("permuted", "permuted(x, *, axis=None, out=None)"),
    ("shuffle", "shuffle(x, axis=0)"),
    ("bytes", "bytes(length)"),
    ("spawn", "spawn(n_children)"),
    ("binomial", "binomial(n, p, size=None)"),
    ("poisson", "poisson(lam=1.0, size=None)"),
    (
        "standard_gamma",
        "standard_gamma(shape, size=None, dtype=np.float64, out=None)",
    ),
    ("multinomial", "multinomial(n, pvals, size=None)"),
    ("dirichlet", "dirichlet(alpha, size=None)"),
    (
        "multivariate_hypergeometric",
        "multivariate_hypergeometric(colors, nsample, size=None, method='marginals')",
    ),
    (
        "multivariate_normal",
        "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8, *, method='svd')",
    ),
];

/// The distributions both `RandomState` and `Generator` have, with the
/// same signature (`standard_gamma` differs, so each table has its own).
pub const DISTRIBUTIONS: &[(&str, &str)] = &[
    ("beta", "beta(a, b, size=None)"),
    ("gamma", "gamma(shape, scale=1.0, size=None)"),
    ("f", "f(dfnum, dfden, size=None)"),
    (
        "noncentral_f",
        "noncentral_f(dfnum, dfden, nonc, size=None)",
    ),
    ("chisquare", "chisquare(df, size=None)"),
    (
        "noncentral_chisquare",
        "noncentral_chisquare(df, nonc, size=None)",
    ),
    ("standard_cauchy", "standard_cauchy(size=None)"),
    ("standard_t", "standard_t(df, size=None)"),
    ("vonmises", "vonmises(mu, kappa, size=None)"),
    ("pareto", "pareto(a, size=None)"),
    ("weibull", "weibull(a, size=None)"),
    ("power", "power(a, size=None)"),
    ("laplace", "laplace(loc=0.0, scale=1.0, size=None)"),
    ("gumbel", "gumbel(loc=0.0, scale=1.0, size=None)"),
    ("logistic", "logistic(loc=0.0, scale=1.0, size=None)"),
    ("lognormal", "lognormal(mean=0.0, sigma=1.0, size=None)"),
    ("rayleigh", "rayleigh(scale=1.0, size=None)"),
    ("wald", "wald(mean, scale, size=None)"),
    ("triangular", "triangular(left, mode, right, size=None)"),
    ("negative_binomial", "negative_binomial(n, p, size=None)"),
    ("zipf", "zipf(a, size=None)"),
    ("geometric", "geometric(p, size=None)"),
    (
        "hypergeometric",
        "hypergeometric(ngood, nbad, nsample, size=None)",
    ),
    ("logseries", "logseries(p, size=None)"),
];

/// A `RandomState` method's signature.
pub fn legacy(name: &str) -> Option<&'static str> {
    find(LEGACY, name).or_else(|| find(DISTRIBUTIONS, name))
}

/// `RandomState` methods that `np.random` does not export.
pub const STATE_ONLY: &[(&str, &str)] = &[("tomaxint", "tomaxint(size=None)")];

/// A `RandomState` method's signature (the module's functions and
/// [`STATE_ONLY`]).
pub fn state_method(name: &str) -> Option<&'static str> {
    legacy(name).or_else(|| find(STATE_ONLY, name))
}

/// A `Generator` method's signature.
pub fn generator(name: &str) -> Option<&'static str> {
    find(GENERATOR, name).or_else(|| find(DISTRIBUTIONS, name))
}

/// Constructors and module-level functions that are not `RandomState` methods.
pub const CONSTRUCTORS: &[(&str, &str)] = &[
    ("default_rng", "default_rng(seed=None)"),
    ("RandomState", "RandomState(seed=None)"),
    ("Generator", "Generator(bit_generator)"),
    ("PCG64", "PCG64(seed=None)"),
    ("MT19937", "MT19937(seed=None)"),
    ("PCG64DXSM", "PCG64DXSM(seed=None)"),
    ("SFC64", "SFC64(seed=None)"),
    ("Philox", "Philox(seed=None, counter=None, key=None)"),
    (
        "SeedSequence",
        "SeedSequence(entropy=None, *, spawn_key=(), pool_size=4, n_children_spawned=0)",
    ),
];

/// Methods of bit generators and `SeedSequence`.
pub const SEEDING_METHODS: &[(&str, &str)] = &[
    ("generate_state", "generate_state(n_words, dtype=np.uint32)"),
    ("spawn", "spawn(n_children)"),
    ("random_raw", "random_raw(size=None, output=True)"),
    ("advance", "advance(delta)"),
    ("jumped", "jumped(jumps=1)"),
];

/// The signature text of `name` in `table`.
pub fn find(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signature_parses_under_its_name() {
        for table in [
            LEGACY,
            GENERATOR,
            DISTRIBUTIONS,
            CONSTRUCTORS,
            SEEDING_METHODS,
            STATE_ONLY,
        ] {
            for (name, text) in table {
                let sig = crate::eval::signature::parse(text).unwrap();
                assert_eq!(&sig.name, name);
            }
        }
    }
}
