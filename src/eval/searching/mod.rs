//! Sorting, searching, counting and sets (issue 17, item 2): the
//! `np.*` routines that answer "where would it go", "how many of each",
//! "which are in both" and "what is the 90th percentile". One registry
//! table ([`ENTRIES`]) and one dispatcher ([`call`]); the work is in
//! `search.rs` (index searches and counts), `partition.rs`, `sets.rs`,
//! `quantile.rs` (with `weighted_quantile.rs`), `average.rs` and `unique.rs` (with `hash_order.rs`,
//! the C++ hash set order of `np.unique_values`), on the element order
//! of `order.rs`.

mod average;
mod hash_order;
pub(crate) mod order;
mod overwrite;
pub(crate) use order::is_nan;
pub(crate) use overwrite::{median_kth, partition_input, supports_nans};
pub(crate) use partition::partition;
pub(crate) use quantile::nan_free_1d;
pub(crate) use sort_kind::check as check_sort_kind;
mod partition;
mod quantile;
mod search;
mod sets;
mod sort_kind;
mod unique;
mod weighted_quantile;

use crate::engine::ArrayRef;

use super::error::PyResult;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::protocol::truthy;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "searchsorted(a, v, side='left', sorter=None)",
        Style::Python,
        "a v side sorter",
        Writes::Nothing,
    ),
    func(
        "digitize(x, bins, right=False)",
        Style::Python,
        "x bins right",
        Writes::Nothing,
    ),
    func(
        "bincount(x, /, weights=None, minlength=0)",
        Style::NumpyC,
        "x weights minlength",
        Writes::Nothing,
    ),
    func(
        "lexsort(keys, axis=-1)",
        Style::NumpyC,
        "keys axis",
        Writes::Nothing,
    ),
    func(
        "extract(condition, arr)",
        Style::Python,
        "condition arr",
        Writes::Nothing,
    ),
    func(
        "nanargmin(a, axis=None, out=None, *, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims",
        Writes::Nothing,
    ),
    func(
        "nanargmax(a, axis=None, out=None, *, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims",
        Writes::Nothing,
    ),
    func(
        "intersect1d(ar1, ar2, assume_unique=False, return_indices=False)",
        Style::Python,
        "ar1 ar2 assume_unique return_indices",
        Writes::Nothing,
    ),
    func(
        "partition(a, kth, axis=-1, kind='introselect', order=None)",
        Style::Python,
        "a kth axis order",
        Writes::Nothing,
    ),
    func(
        "argpartition(a, kth, axis=-1, kind='introselect', order=None)",
        Style::Python,
        "a kth axis order",
        Writes::Nothing,
    ),
    func(
        "union1d(ar1, ar2)",
        Style::Python,
        "ar1 ar2",
        Writes::Nothing,
    ),
    func(
        "setdiff1d(ar1, ar2, assume_unique=False)",
        Style::Python,
        "ar1 ar2 assume_unique",
        Writes::Nothing,
    ),
    func(
        "setxor1d(ar1, ar2, assume_unique=False)",
        Style::Python,
        "ar1 ar2 assume_unique",
        Writes::Nothing,
    ),
    func(
        "percentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None)",
        Style::Python,
        "a q axis out overwrite_input method keepdims weights",
        Writes::Arg("a"),
    ),
    func(
        "quantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None)",
        Style::Python,
        "a q axis out overwrite_input method keepdims weights",
        Writes::Arg("a"),
    ),
    func(
        "nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=<no value>, *, weights=None)",
        Style::Python,
        "a q axis out method keepdims",
        Writes::Nothing,
    ),
    func(
        "nanquantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=<no value>, *, weights=None)",
        Style::Python,
        "a q axis out method keepdims",
        Writes::Nothing,
    ),
    func(
        "average(a, axis=None, weights=None, returned=False, *, keepdims=<no value>)",
        Style::Python,
        "a axis weights returned keepdims",
        Writes::Nothing,
    ),
    func(
        "unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, sorted=True)",
        Style::Python,
        "ar return_index return_inverse return_counts axis equal_nan sorted",
        Writes::Nothing,
    ),
    func("unique_values(x, /)", Style::Python, "x", Writes::Nothing),
    func("unique_counts(x, /)", Style::Python, "x", Writes::Nothing),
    func("unique_inverse(x, /)", Style::Python, "x", Writes::Nothing),
    func("unique_all(x, /)", Style::Python, "x", Writes::Nothing),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The `np.*` names this module answers: one per entry of [`ENTRIES`].
pub fn names() -> impl Iterator<Item = &'static str> {
    ENTRIES.iter().map(Entry::name)
}

/// Is `np.NAME` one of this module's?
pub fn answers(name: &str) -> bool {
    names().any(|n| n == name)
}

/// Call one of this module's functions with the registry's canonical
/// arguments (leading positionals by position, every given parameter by
/// keyword).
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    require(name, args)?;
    let flag = |k: &str| args.kw(k).map_or(Ok(false), truthy);
    match name {
        "searchsorted" => search::searchsorted(
            &args.pos[0],
            &args.pos[1],
            args.kw("side"),
            args.kw("sorter"),
        ),
        "digitize" => search::digitize(&args.pos[0], &args.pos[1], flag("right")?),
        "bincount" => search::bincount(args),
        "lexsort" => search::lexsort(args),
        "extract" => search::extract(&args.pos[0], &args.pos[1]),
        "nanargmin" | "nanargmax" => search::nanarg(name, args),
        "partition" | "argpartition" if args.kw("order").is_some() => {
            partition::refuse_order(&args.pos[0])
        }
        "partition" | "argpartition" => Ok(Value::Array(partition::partition(
            &args.pos[0],
            &args.pos[1],
            args.kw("axis"),
            name == "argpartition",
        )?)),
        "intersect1d" => sets::intersect1d(args),
        "union1d" => sets::union1d(args),
        "setdiff1d" => sets::setdiff1d(args),
        "setxor1d" => sets::setxor1d(args),
        "percentile" | "quantile" | "nanpercentile" | "nanquantile" => {
            quantile::quantile(name, args)
        }
        "average" => average::average(args),
        "unique" => unique::unique(args),
        "unique_values" | "unique_counts" | "unique_inverse" | "unique_all" => {
            unique::array_api(name, args)
        }
        _ => unreachable!("np.{name} is not in searching::ENTRIES"),
    }
}

/// The array methods `a.searchsorted`, `a.partition` (in place: `a` is
/// rewritten, `None` returned) and `a.argpartition`, with the registry's
/// canonical arguments (`args.pos[0]` is `v` or `kth`).
pub fn call_method(a: &ArrayRef, name: &str, args: &Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(super::error::PyError::type_error(format!(
            "{name}() missing required argument"
        )));
    }
    let me = Value::Array(a.clone());
    match name {
        "searchsorted" => {
            search::searchsorted(&me, &args.pos[0], args.kw("side"), args.kw("sorter"))
        }
        "argpartition" => Ok(Value::Array(partition::partition(
            &me,
            &args.pos[0],
            args.kw("axis"),
            true,
        )?)),
        _ => {
            let done = partition::partition(&me, &args.pos[0], args.kw("axis"), false)?;
            crate::engine::index::set(a, &[crate::engine::index::IndexItem::Ellipsis], &done)?;
            Ok(Value::None)
        }
    }
}

/// The registry binds every call before it arrives here; a call that did
/// not come through it (no arguments at all) gets a TypeError, never a
/// missing positional.
fn require(name: &str, args: &Args) -> PyResult<()> {
    let needed = ENTRIES
        .iter()
        .find(|e| e.name() == name)
        .and_then(|e| super::signature::parse(e.signature).ok())
        .map_or(0, |sig| {
            sig.params
                .iter()
                .take_while(|p| p.default.is_none())
                .count()
        });
    if args.pos.len() < needed {
        return Err(super::error::PyError::type_error(format!(
            "{name}() missing required positional argument"
        )));
    }
    Ok(())
}
