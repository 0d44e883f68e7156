//! The distribution methods of `Generator` and `RandomState` (and the
//! module functions): each names its parameters in the order NumPy's
//! iterator takes them, with their constraints, and hands one sampler of
//! `engine::random` to the shared broadcasting of `broadcast.rs`. Methods
//! that check more than a per-parameter constraint (`uniform`'s range,
//! `triangular`'s order, `hypergeometric`'s population, the negative
//! binomial's Poisson bound) do it between conversion and the constraints,
//! where NumPy does.

use crate::engine::random::legacy::LegacyState;
use crate::engine::random::{
    AnyBitGen, BitGen, Flavor, continuous as c, counts, discrete, legacy_dists as ld, ziggurat,
};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::broadcast::{
    Arg, Cons, Kind, P, broadcast, check, cont, convert, disc, poisson_lam_max,
};

/// One parameter: its value (or default), NumPy's name, constraint, kind.
type Spec<'a> = (Option<&'a Value>, f64, &'static str, Cons, Kind);

/// A double parameter read from the bound call.
fn d<'a>(b: &'a Bound, name: &'static str, default: f64, cons: Cons) -> Spec<'a> {
    (b.get(name), default, name, cons, Kind::Double)
}

/// An `int64` parameter read from the bound call.
fn i<'a>(b: &'a Bound, name: &'static str, cons: Cons) -> Spec<'a> {
    (b.get(name), 0.0, name, cons, Kind::Int64)
}

/// Every parameter converted first, as NumPy does.
fn convert_all(specs: &[Spec]) -> PyResult<Vec<Arg>> {
    specs
        .iter()
        .map(|(v, def, _, _, k)| convert(*v, *def, *k))
        .collect()
}

/// Then each constraint in turn.
fn check_all(args: &[Arg], specs: &[Spec]) -> PyResult<()> {
    for (a, (_, _, name, cons, _)) in args.iter().zip(specs) {
        check(a, name, *cons)?;
    }
    Ok(())
}

/// Converted and checked.
fn params(specs: &[Spec]) -> PyResult<Vec<Arg>> {
    let args = convert_all(specs)?;
    check_all(&args, specs)?;
    Ok(args)
}

/// Whether every argument takes NumPy's scalar path.
fn all_scalar(args: &[Arg]) -> bool {
    args.iter().all(Arg::is_scalar)
}

/// `f` over the broadcast of `args` (for the checks NumPy makes with
/// whole-array expressions such as `np.any(np.greater(left, mode))`).
fn any_pair(args: &[Arg], f: impl Fn(&[P]) -> bool) -> PyResult<bool> {
    let shapes: Vec<&[usize]> = args.iter().map(|a| a.shape.as_slice()).collect();
    let shape = broadcast(&shapes)?;
    let mut hit = false;
    super::broadcast::each(args, &shape, |ps| hit |= f(ps));
    Ok(hit)
}

/// The names this module draws for (both flavors).
pub const NAMES: &[&str] = &[
    "normal",
    "uniform",
    "exponential",
    "binomial",
    "poisson",
    "standard_gamma",
    "gamma",
    "beta",
    "chisquare",
    "noncentral_chisquare",
    "f",
    "noncentral_f",
    "standard_cauchy",
    "standard_t",
    "pareto",
    "weibull",
    "power",
    "laplace",
    "gumbel",
    "logistic",
    "lognormal",
    "rayleigh",
    "wald",
    "vonmises",
    "triangular",
    "negative_binomial",
    "geometric",
    "zipf",
    "logseries",
    "hypergeometric",
];

use Cons::{
    Bounded01, BoundedGt01, BoundedLt01, Gt1, Gte1, NonNegative, Poisson, Positive, PositiveNotNan,
};

/// `uniform`'s `low` and `high - low`, with each API's checks.
fn uniform_args(b: &Bound, flavor: Flavor) -> PyResult<Vec<Arg>> {
    let specs = [d(b, "low", 0.0, Cons::None), d(b, "high", 1.0, Cons::None)];
    let args = convert_all(&specs)?;
    let range_msg = match flavor {
        Flavor::Generator if all_scalar(&args) => "high - low range exceeds valid bounds",
        _ => "Range exceeds valid bounds",
    };
    let (low, range) = if all_scalar(&args) {
        let (lo, hi) = (args[0].first().f, args[1].first().f);
        (args[0].clone(), Arg::scalar(P { f: hi - lo, i: 0 }))
    } else {
        // NumPy computes `np.subtract(high, low)`, so a mismatch is the
        // ufunc's message, high first.
        let shapes = [args[0].shape.as_slice(), args[1].shape.as_slice()];
        let shape = broadcast(&shapes).map_err(|_| {
            PyError::from(crate::engine::EngineError::BroadcastMismatch {
                shapes: vec![args[1].shape.clone(), args[0].shape.clone()],
            })
        })?;
        let mut vals = vec![];
        super::broadcast::each(&args, &shape, |ps| {
            vals.push(P {
                f: ps[1].f - ps[0].f,
                i: 0,
            })
        });
        (args[0].clone(), Arg { shape, vals })
    };
    if range.vals.iter().any(|p| !p.f.is_finite()) {
        return Err(PyError::overflow(range_msg));
    }
    if flavor == Flavor::Generator {
        check(&range, "high - low", NonNegative)?;
    }
    Ok(vec![low, range])
}

/// `triangular`'s parameters and its order checks.
fn triangular_args(b: &Bound) -> PyResult<Vec<Arg>> {
    let specs = [
        d(b, "left", 0.0, Cons::None),
        d(b, "mode", 0.0, Cons::None),
        d(b, "right", 0.0, Cons::None),
    ];
    let a = convert_all(&specs)?;
    type Order = fn(&[P]) -> bool;
    let checks: [(&str, Order); 3] = [
        ("left > mode", |p| p[0].f > p[1].f),
        ("mode > right", |p| p[1].f > p[2].f),
        ("left == right", |p| p[0].f == p[2].f),
    ];
    for (msg, bad) in checks {
        if any_pair(&a, bad)? {
            return Err(PyError::value(msg));
        }
    }
    Ok(a)
}

/// `hypergeometric`'s population checks (the Generator's bound of 10⁹
/// first), then the constraints.
fn hypergeometric_args(b: &Bound, flavor: Flavor) -> PyResult<Vec<Arg>> {
    let nsample_cons = match flavor {
        Flavor::Generator => NonNegative,
        Flavor::Legacy => Gte1,
    };
    let specs = [
        i(b, "ngood", NonNegative),
        i(b, "nbad", NonNegative),
        i(b, "nsample", nsample_cons),
    ];
    let a = convert_all(&specs)?;
    if flavor == Flavor::Generator
        && any_pair(&a, |p| p[0].i >= 1_000_000_000 || p[1].i >= 1_000_000_000)?
    {
        return Err(PyError::value(
            "both ngood and nbad must be less than 1000000000",
        ));
    }
    if any_pair(&a, |p| p[0].i.wrapping_add(p[1].i) < p[2].i)? {
        return Err(PyError::value("ngood + nbad < nsample"));
    }
    check_all(&a, &specs)?;
    Ok(a)
}

/// The parameters of the distributions whose checks are all per
/// parameter, in NumPy's iterator order, for both APIs (`None` for the
/// three with checks across parameters).
fn simple_specs<'a>(b: &'a Bound, name: &str, flavor: Flavor) -> Option<Vec<Spec<'a>>> {
    let modern = flavor == Flavor::Generator;
    let loc_scale = |loc: &'static str, scale: &'static str| {
        vec![d(b, loc, 0.0, Cons::None), d(b, scale, 1.0, NonNegative)]
    };
    Some(match name {
        "normal" | "laplace" | "gumbel" | "logistic" => loc_scale("loc", "scale"),
        "lognormal" => loc_scale("mean", "sigma"),
        "exponential" | "rayleigh" => vec![d(b, "scale", 1.0, NonNegative)],
        "binomial" => vec![d(b, "p", 0.0, Bounded01), i(b, "n", NonNegative)],
        "poisson" => vec![d(b, "lam", 1.0, Poisson)],
        "standard_gamma" => vec![d(b, "shape", 0.0, NonNegative)],
        "gamma" => vec![
            d(b, "shape", 0.0, NonNegative),
            d(b, "scale", 1.0, NonNegative),
        ],
        "beta" => vec![d(b, "a", 0.0, Positive), d(b, "b", 0.0, Positive)],
        "chisquare" | "standard_t" => vec![d(b, "df", 0.0, Positive)],
        "noncentral_chisquare" => vec![d(b, "df", 0.0, Positive), d(b, "nonc", 0.0, NonNegative)],
        "f" | "noncentral_f" => {
            let mut v = vec![d(b, "dfnum", 0.0, Positive), d(b, "dfden", 0.0, Positive)];
            if name == "noncentral_f" {
                v.push(d(b, "nonc", 0.0, NonNegative));
            }
            v
        }
        "standard_cauchy" => vec![],
        "pareto" | "power" => vec![d(b, "a", 0.0, Positive)],
        "weibull" => vec![d(b, "a", 0.0, NonNegative)],
        "wald" => vec![d(b, "mean", 0.0, Positive), d(b, "scale", 0.0, Positive)],
        "vonmises" => vec![d(b, "mu", 0.0, Cons::None), d(b, "kappa", 0.0, NonNegative)],
        "negative_binomial" if modern => {
            vec![d(b, "n", 0.0, PositiveNotNan), d(b, "p", 0.0, BoundedGt01)]
        }
        "negative_binomial" => vec![d(b, "n", 0.0, Positive), d(b, "p", 0.0, Bounded01)],
        "geometric" => vec![d(b, "p", 0.0, BoundedGt01)],
        "zipf" => vec![d(b, "a", 0.0, Gt1)],
        "logseries" => vec![d(b, "p", 0.0, BoundedLt01)],
        _ => return None,
    })
}

/// Every distribution's parameters, converted and checked.
fn args_of(b: &Bound, name: &str, flavor: Flavor) -> PyResult<Vec<Arg>> {
    match name {
        "uniform" => uniform_args(b, flavor),
        "triangular" => triangular_args(b),
        "hypergeometric" => hypergeometric_args(b, flavor),
        _ => params(&simple_specs(b, name, flavor).expect("a distribution in NAMES")),
    }
}

/// `Generator.NAME` for a distribution in [`NAMES`].
pub fn generator(g: &mut AnyBitGen, name: &str, b: &Bound) -> PyResult<Value> {
    let modern = Flavor::Generator;
    if name == "standard_gamma" {
        return super::out::standard_gamma(g, b);
    }
    let a = args_of(b, name, modern)?;
    if name == "negative_binomial" {
        let max = poisson_lam_max();
        if any_pair(&a, |p| {
            (1.0 - p[1].f) / p[1].f * (p[0].f + 10.0 * p[0].f.sqrt()) > max
        })? {
            return Err(PyError::value(
                "n too large or p too small, see Generator.negative_binomial Notes",
            ));
        }
    }
    let size = b.get("size");
    match name {
        "normal" => cont(&a, size, |p| p[0].f + p[1].f * ziggurat::standard_normal(g)),
        "uniform" => cont(&a, size, |p| p[0].f + p[1].f * g.next_double()),
        "exponential" => cont(&a, size, |p| p[0].f * ziggurat::standard_exponential(g)),
        "binomial" => disc(&a, size, |p| discrete::binomial(g, p[1].i, p[0].f, modern)),
        "poisson" => disc(&a, size, |p| discrete::poisson(g, p[0].f)),
        "standard_gamma" => cont(&a, size, |p| c::standard_gamma(g, p[0].f)),
        "gamma" => cont(&a, size, |p| p[1].f * c::standard_gamma(g, p[0].f)),
        "beta" => cont(&a, size, |p| c::beta(g, p[0].f, p[1].f)),
        "chisquare" => cont(&a, size, |p| c::chisquare(g, p[0].f)),
        "noncentral_chisquare" => cont(&a, size, |p| c::noncentral_chisquare(g, p[0].f, p[1].f)),
        "f" => cont(&a, size, |p| c::f(g, p[0].f, p[1].f)),
        "noncentral_f" => cont(&a, size, |p| c::noncentral_f(g, p[0].f, p[1].f, p[2].f)),
        "standard_cauchy" => cont(&a, size, |_| c::standard_cauchy(g)),
        "standard_t" => cont(&a, size, |p| c::standard_t(g, p[0].f)),
        "pareto" => cont(&a, size, |p| c::pareto(g, p[0].f)),
        "weibull" => cont(&a, size, |p| c::weibull(g, p[0].f)),
        "power" => cont(&a, size, |p| c::power(g, p[0].f)),
        "laplace" => cont(&a, size, |p| c::laplace(g, p[0].f, p[1].f)),
        "gumbel" => cont(&a, size, |p| c::gumbel(g, p[0].f, p[1].f)),
        "logistic" => cont(&a, size, |p| c::logistic(g, p[0].f, p[1].f)),
        "lognormal" => cont(&a, size, |p| c::lognormal(g, p[0].f, p[1].f)),
        "rayleigh" => cont(&a, size, |p| c::rayleigh(g, p[0].f)),
        "wald" => cont(&a, size, |p| c::wald(g, p[0].f, p[1].f)),
        "vonmises" => cont(&a, size, |p| c::vonmises(g, p[0].f, p[1].f, false)),
        "triangular" => cont(&a, size, |p| c::triangular(g, p[0].f, p[1].f, p[2].f)),
        "negative_binomial" => disc(&a, size, |p| counts::negative_binomial(g, p[0].f, p[1].f)),
        "geometric" => disc(&a, size, |p| counts::geometric(g, p[0].f)),
        "zipf" => disc(&a, size, |p| counts::zipf(g, p[0].f)),
        "logseries" => disc(&a, size, |p| counts::logseries(g, p[0].f)),
        "hypergeometric" => disc(&a, size, |p| {
            counts::hypergeometric(g, p[0].i, p[1].i, p[2].i)
        }),
        _ => unreachable!("{name} is in NAMES"),
    }
}

/// `RandomState.NAME` (and `np.random.NAME`) for a distribution in [`NAMES`].
pub fn legacy(st: &mut LegacyState, name: &str, b: &Bound) -> PyResult<Value> {
    let leg = Flavor::Legacy;
    let a = args_of(b, name, leg)?;
    let size = b.get("size");
    match name {
        "normal" => cont(&a, size, |p| p[0].f + p[1].f * st.gauss()),
        "uniform" => cont(&a, size, |p| p[0].f + p[1].f * st.mt.next_double()),
        "exponential" => cont(&a, size, |p| p[0].f * st.standard_exponential()),
        "binomial" => disc(&a, size, |p| {
            discrete::binomial(&mut st.mt, p[1].i, p[0].f, leg)
        }),
        "poisson" => disc(&a, size, |p| discrete::poisson(&mut st.mt, p[0].f)),
        "standard_gamma" => cont(&a, size, |p| st.standard_gamma(p[0].f)),
        "gamma" => cont(&a, size, |p| p[1].f * st.standard_gamma(p[0].f)),
        "beta" => cont(&a, size, |p| st.beta(p[0].f, p[1].f)),
        "chisquare" => cont(&a, size, |p| st.chisquare(p[0].f)),
        "noncentral_chisquare" => cont(&a, size, |p| st.noncentral_chisquare(p[0].f, p[1].f)),
        "f" => cont(&a, size, |p| st.f(p[0].f, p[1].f)),
        "noncentral_f" => cont(&a, size, |p| st.noncentral_f(p[0].f, p[1].f, p[2].f)),
        "standard_cauchy" => cont(&a, size, |_| st.standard_cauchy()),
        "standard_t" => cont(&a, size, |p| st.standard_t(p[0].f)),
        "pareto" => cont(&a, size, |p| st.pareto(p[0].f)),
        "weibull" => cont(&a, size, |p| st.weibull(p[0].f)),
        "power" => cont(&a, size, |p| st.power(p[0].f)),
        "laplace" => cont(&a, size, |p| c::laplace(&mut st.mt, p[0].f, p[1].f)),
        "gumbel" => cont(&a, size, |p| c::gumbel(&mut st.mt, p[0].f, p[1].f)),
        "logistic" => cont(&a, size, |p| c::logistic(&mut st.mt, p[0].f, p[1].f)),
        "lognormal" => cont(&a, size, |p| st.lognormal(p[0].f, p[1].f)),
        "rayleigh" => cont(&a, size, |p| st.rayleigh(p[0].f)),
        "wald" => cont(&a, size, |p| st.wald(p[0].f, p[1].f)),
        "vonmises" => cont(&a, size, |p| c::vonmises(&mut st.mt, p[0].f, p[1].f, true)),
        "triangular" => cont(&a, size, |p| {
            c::triangular(&mut st.mt, p[0].f, p[1].f, p[2].f)
        }),
        "negative_binomial" => disc(&a, size, |p| st.negative_binomial(p[0].f, p[1].f)),
        "geometric" => disc(&a, size, |p| ld::geometric(&mut st.mt, p[0].f)),
        "zipf" => disc(&a, size, |p| ld::zipf(&mut st.mt, p[0].f)),
        "logseries" => disc(&a, size, |p| ld::logseries(&mut st.mt, p[0].f)),
        "hypergeometric" => disc(&a, size, |p| {
            ld::hypergeometric(&mut st.mt, p[0].i, p[1].i, p[2].i)
        }),
        _ => unreachable!("{name} is in NAMES"),
    }
}
