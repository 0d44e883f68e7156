//! The registry of NumPy's callable names: every `np.` function with its
//! Python signature (as `inspect.signature` shows it in NumPy 2.4), the
//! family of error messages it raises, the parameters slicelab implements,
//! and what it writes. Calls are bound against these entries once, in
//! `binding.rs`.
//!
//! Adding an `np` function: write its implementation (in its family's
//! module, dispatched by name), and add one line to [`NP`] with NumPy's
//! signature text and the parameters the implementation reads. A routine
//! module may keep its own `ENTRIES: &[Entry]` table instead and submit it
//! with `inventory::submit! { crate::eval::registry::Table(ENTRIES) }`:
//! that is the one-line registration.

use std::sync::LazyLock;

use super::signature::Style;

/// What a call writes into arrays the caller already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    /// Nothing: it only returns new values.
    Nothing,
    /// The array given as `out=` (ufuncs), if any.
    Out,
    /// The array given as this parameter (`np.put(a, ...)` writes `a`).
    Arg(&'static str),
    /// The array a method is called on (`a.fill(0)` writes `a`).
    Receiver,
}

/// One registered function.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// NumPy's signature text, `name(params)`.
    pub signature: &'static str,
    /// Which family of binding messages it raises.
    pub style: Style,
    /// The parameters slicelab's implementation reads, space-separated;
    /// any other parameter given a value other than its default is refused.
    pub honours: &'static str,
    /// What it writes (for the teaching view's list of writers).
    #[allow(dead_code)]
    pub writes: Writes,
    /// `(inputs, outputs)` for a ufunc: the ufunc layer handles `out=`,
    /// `dtype=`, `where=`, `casting=` and `order=` around the kernel.
    pub ufunc: Option<(usize, usize)>,
}

impl Entry {
    /// The name, as `np.NAME` and the messages spell it.
    pub fn name(&self) -> &'static str {
        let open = self.signature.find('(').unwrap_or(self.signature.len());
        &self.signature[..open]
    }

    /// Does the implementation read parameter `p`?
    pub fn honours(&self, p: &str) -> bool {
        const UFUNC: &[&str] = &[
            "x", "x1", "x2", "out", "out1", "out2", "where", "casting", "order", "dtype", "subok",
        ];
        match self.ufunc {
            Some(_) => UFUNC.contains(&p),
            None => self.honours.split_whitespace().any(|h| h == p),
        }
    }
}

pub(super) const fn func(
    signature: &'static str,
    style: Style,
    honours: &'static str,
    writes: Writes,
) -> Entry {
    Entry {
        signature,
        style,
        honours,
        writes,
        ufunc: None,
    }
}

pub(super) const fn ufunc(signature: &'static str, nin: usize, nout: usize) -> Entry {
    Entry {
        signature,
        style: Style::Ufunc,
        honours: "",
        writes: Writes::Out,
        ufunc: Some((nin, nout)),
    }
}

/// The `np.` functions, in the order of the modules that implement them.
pub const NP: &[Entry] = &[
    // CORE
    func(
        "array(object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, ndmax=0, like=None)",
        Style::NumpyC,
        "object dtype copy order ndmin ndmax",
        Writes::Nothing,
    ),
    func(
        "asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None)",
        Style::NumpyC,
        "a dtype order device copy",
        Writes::Nothing,
    ),
    func(
        "ascontiguousarray(a, dtype=None, *, like=None)",
        Style::NumpyC,
        "a",
        Writes::Nothing,
    ),
    func(
        "asfortranarray(a, dtype=None, *, like=None)",
        Style::NumpyC,
        "a",
        Writes::Nothing,
    ),
    func(
        "copy(a, order='K', subok=False)",
        Style::Python,
        "a order",
        Writes::Nothing,
    ),
    func(
        "save(file, arr, allow_pickle=True)",
        Style::Python,
        "file arr",
        Writes::Nothing,
    ),
    func(
        "load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding='ASCII', *, max_header_size=10000)",
        Style::Python,
        "file encoding",
        Writes::Nothing,
    ),
    func(
        "arange(start=None, stop=None, step=None, dtype=None, *, device=None, like=None)",
        Style::NumpyC,
        "start stop step dtype",
        Writes::Nothing,
    ),
    func(
        "zeros(shape, dtype=None, order='C', *, device=None, like=None)",
        Style::NumpyC,
        "shape dtype order",
        Writes::Nothing,
    ),
    func(
        "ones(shape, dtype=None, order='C', *, device=None, like=None)",
        Style::Python,
        "shape dtype order",
        Writes::Nothing,
    ),
    func(
        "empty(shape, dtype=None, order='C', *, device=None, like=None)",
        Style::NumpyC,
        "shape dtype order",
        Writes::Nothing,
    ),
    func(
        "full(shape, fill_value, dtype=None, order='C', *, device=None, like=None)",
        Style::Python,
        "shape fill_value dtype order",
        Writes::Nothing,
    ),
    func(
        "zeros_like(a, dtype=None, order='K', subok=True, shape=None, *, device=None)",
        Style::Python,
        "a dtype order",
        Writes::Nothing,
    ),
    func(
        "ones_like(a, dtype=None, order='K', subok=True, shape=None, *, device=None)",
        Style::Python,
        "a dtype order",
        Writes::Nothing,
    ),
    func(
        "empty_like(prototype, /, dtype=None, order='K', subok=True, shape=None, *, device=None)",
        Style::Python,
        "prototype dtype order",
        Writes::Nothing,
    ),
    func(
        "full_like(a, fill_value, dtype=None, order='K', subok=True, shape=None, *, device=None)",
        Style::Python,
        "a fill_value dtype order",
        Writes::Nothing,
    ),
    func(
        "eye(N, M=None, k=0, dtype=float, order='C', *, device=None, like=None)",
        Style::Python,
        "N M k dtype order",
        Writes::Nothing,
    ),
    func(
        "identity(n, dtype=None, *, like=None)",
        Style::Python,
        "n dtype",
        Writes::Nothing,
    ),
    func(
        "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None)",
        Style::Python,
        "start stop num endpoint retstep dtype axis",
        Writes::Nothing,
    ),
    func(
        "shares_memory(a, b, /, max_work=-1)",
        Style::Python,
        "a b max_work",
        Writes::Nothing,
    ),
    func(
        "may_share_memory(a, b, /, max_work=0)",
        Style::Python,
        "a b max_work",
        Writes::Nothing,
    ),
    func(
        "where(condition, x=None, y=None, /)",
        Style::Python,
        "condition x y",
        Writes::Nothing,
    ),
    func("ix_(*args)", Style::Python, "args", Writes::Nothing),
    func(
        "flip(m, axis=None)",
        Style::Python,
        "m axis",
        Writes::Nothing,
    ),
    func("fliplr(m)", Style::Python, "m", Writes::Nothing),
    func("flipud(m)", Style::Python, "m", Writes::Nothing),
    func("nonzero(a)", Style::Python, "a", Writes::Nothing),
    func("flatnonzero(a)", Style::Python, "a", Writes::Nothing),
    func("argwhere(a)", Style::Python, "a", Writes::Nothing),
    func(
        "count_nonzero(a, axis=None, *, keepdims=False)",
        Style::Python,
        "a axis keepdims",
        Writes::Nothing,
    ),
    ufunc(
        "isnan(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "isinf(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "isfinite(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "logical_and(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "logical_or(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "logical_xor(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "logical_not(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    func(
        "any(a, axis=None, out=None, keepdims=<no value>, *, where=<no value>)",
        Style::Python,
        "a axis keepdims out where",
        Writes::Nothing,
    ),
    func(
        "all(a, axis=None, out=None, keepdims=<no value>, *, where=<no value>)",
        Style::Python,
        "a axis keepdims out where",
        Writes::Nothing,
    ),
    func(
        "sum(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis dtype keepdims out initial where",
        Writes::Nothing,
    ),
    func(
        "mean(a, axis=None, dtype=None, out=None, keepdims=<no value>, *, where=<no value>)",
        Style::Python,
        "a axis dtype keepdims out where",
        Writes::Nothing,
    ),
    func(
        "max(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis keepdims out initial where",
        Writes::Nothing,
    ),
    func(
        "min(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis keepdims out initial where",
        Writes::Nothing,
    ),
    func(
        "amax(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis keepdims out initial where",
        Writes::Nothing,
    ),
    func(
        "amin(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis keepdims out initial where",
        Writes::Nothing,
    ),
    func(
        "prod(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis dtype keepdims out initial where",
        Writes::Nothing,
    ),
    func(
        "std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, *, where=<no value>, mean=<no value>, correction=<no value>)",
        Style::Python,
        "a axis dtype ddof keepdims out where mean correction",
        Writes::Nothing,
    ),
    func(
        "var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, *, where=<no value>, mean=<no value>, correction=<no value>)",
        Style::Python,
        "a axis dtype ddof keepdims out where mean correction",
        Writes::Nothing,
    ),
    func(
        "argmax(a, axis=None, out=None, *, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims out",
        Writes::Nothing,
    ),
    func(
        "argmin(a, axis=None, out=None, *, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims out",
        Writes::Nothing,
    ),
    func(
        "cumsum(a, axis=None, dtype=None, out=None)",
        Style::Python,
        "a axis dtype out",
        Writes::Nothing,
    ),
    func(
        "cumprod(a, axis=None, dtype=None, out=None)",
        Style::Python,
        "a axis dtype out",
        Writes::Nothing,
    ),
    func(
        "take(a, indices, axis=None, out=None, mode='raise')",
        Style::Python,
        "a indices axis mode",
        Writes::Nothing,
    ),
    func(
        "concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting='same_kind')",
        Style::Python,
        "arrays axis out dtype casting",
        Writes::Nothing,
    ),
    func(
        "stack(arrays, axis=0, out=None, *, dtype=None, casting='same_kind')",
        Style::Python,
        "arrays axis",
        Writes::Nothing,
    ),
    func(
        "vstack(tup, *, dtype=None, casting='same_kind')",
        Style::Python,
        "tup",
        Writes::Nothing,
    ),
    func(
        "hstack(tup, *, dtype=None, casting='same_kind')",
        Style::Python,
        "tup",
        Writes::Nothing,
    ),
    func(
        "clip(a, a_min=<no value>, a_max=<no value>, out=None, *, min=<no value>, max=<no value>, where=True, casting='same_kind', order='K', dtype=None, subok=True)",
        Style::Python,
        "a a_min a_max min max out",
        Writes::Nothing,
    ),
    func(
        "sort(a, axis=-1, kind=None, order=None, *, stable=None)",
        Style::Python,
        "a axis kind order stable",
        Writes::Nothing,
    ),
    func(
        "argsort(a, axis=-1, kind=None, order=None, *, stable=None)",
        Style::Python,
        "a axis kind order stable",
        Writes::Nothing,
    ),
    func(
        "put(a, ind, v, mode='raise')",
        Style::Python,
        "a ind v mode",
        Writes::Arg("a"),
    ),
    ufunc(
        "add(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "subtract(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "multiply(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "divide(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "true_divide(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "floor_divide(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "power(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "mod(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "remainder(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "maximum(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "minimum(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "equal(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "not_equal(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "less(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "less_equal(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "greater(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "greater_equal(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    func(
        "broadcast_to(array, shape, subok=False)",
        Style::Python,
        "array shape",
        Writes::Nothing,
    ),
    func(
        "broadcast_shapes(*args)",
        Style::Python,
        "args",
        Writes::Nothing,
    ),
    func(
        "squeeze(a, axis=None)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "expand_dims(a, axis)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "transpose(a, axes=None)",
        Style::Python,
        "a axes",
        Writes::Nothing,
    ),
    func(
        "reshape(a, /, shape, order='C', *, copy=None)",
        Style::Python,
        "a shape order",
        Writes::Nothing,
    ),
    func(
        "ravel(a, order='C')",
        Style::Python,
        "a order",
        Writes::Nothing,
    ),
    func(
        "swapaxes(a, axis1, axis2)",
        Style::Python,
        "a axis1 axis2",
        Writes::Nothing,
    ),
    func(
        "array_equal(a1, a2, equal_nan=False)",
        Style::Python,
        "a1 a2 equal_nan",
        Writes::Nothing,
    ),
    ufunc(
        "abs(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "absolute(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "sqrt(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "exp(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "log(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "sin(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "cos(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "square(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "negative(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    func(
        "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None)",
        Style::Python,
        "precision threshold edgeitems linewidth suppress nanstr infstr formatter sign floatmode legacy",
        Writes::Nothing,
    ),
    func("get_printoptions()", Style::Python, "", Writes::Nothing),
    func(
        "seterr(all=None, divide=None, over=None, under=None, invalid=None)",
        Style::Python,
        "all divide over under invalid",
        Writes::Nothing,
    ),
    func("geterr()", Style::Python, "", Writes::Nothing),
    func("seterrcall(func)", Style::Python, "func", Writes::Nothing),
    func("geterrcall()", Style::Python, "", Writes::Nothing),
    func(
        "diagonal(a, offset=0, axis1=0, axis2=1)",
        Style::Python,
        "a offset axis1 axis2",
        Writes::Nothing,
    ),
    func("shape(a)", Style::Python, "a", Writes::Nothing),
    func("ndim(a)", Style::Python, "a", Writes::Nothing),
    func(
        "size(a, axis=None)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "result_type(*arrays_and_dtypes)",
        Style::Python,
        "arrays_and_dtypes",
        Writes::Nothing,
    ),
    func(
        "promote_types(type1, type2, /)",
        Style::NumpyC,
        "type1 type2",
        Writes::Nothing,
    ),
    func(
        "can_cast(from_, to, casting='safe')",
        Style::Python,
        "from_ to casting",
        Writes::Nothing,
    ),
    func(
        "moveaxis(a, source, destination)",
        Style::Python,
        "a source destination",
        Writes::Nothing,
    ),
    func(
        "broadcast_arrays(*args, subok=False)",
        Style::Python,
        "args",
        Writes::Nothing,
    ),
    func(
        "array_repr(arr, max_line_width=None, precision=None, suppress_small=None)",
        Style::Python,
        "arr max_line_width precision suppress_small",
        Writes::Nothing,
    ),
    func(
        "array_str(a, max_line_width=None, precision=None, suppress_small=None)",
        Style::Python,
        "a max_line_width precision suppress_small",
        Writes::Nothing,
    ),
    func(
        "array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=' ', prefix='', *, formatter=None, threshold=None, edgeitems=None, sign=None, floatmode=None, suffix='', legacy=None)",
        Style::Python,
        "a max_line_width precision suppress_small separator prefix formatter threshold edgeitems sign floatmode suffix legacy",
        Writes::Nothing,
    ),
    func(
        "repeat(a, repeats, axis=None)",
        Style::Python,
        "a repeats axis",
        Writes::Nothing,
    ),
    func("tile(A, reps)", Style::Python, "A reps", Writes::Nothing),
    func("atleast_1d(*arys)", Style::Python, "arys", Writes::Nothing),
    func("atleast_2d(*arys)", Style::Python, "arys", Writes::Nothing),
    // index_routines
    func(
        "ravel_multi_index(multi_index, dims, mode='raise', order='C')",
        Style::Python,
        "multi_index dims mode order",
        Writes::Nothing,
    ),
    func(
        "unravel_index(indices, shape, order='C')",
        Style::Python,
        "indices shape order",
        Writes::Nothing,
    ),
    func(
        "diag_indices(n, ndim=2)",
        Style::Python,
        "n ndim",
        Writes::Nothing,
    ),
    func(
        "diag_indices_from(arr)",
        Style::Python,
        "arr",
        Writes::Nothing,
    ),
    func(
        "tril_indices(n, k=0, m=None)",
        Style::Python,
        "n k m",
        Writes::Nothing,
    ),
    func(
        "triu_indices(n, k=0, m=None)",
        Style::Python,
        "n k m",
        Writes::Nothing,
    ),
    func(
        "tril_indices_from(arr, k=0)",
        Style::Python,
        "arr k",
        Writes::Nothing,
    ),
    func(
        "triu_indices_from(arr, k=0)",
        Style::Python,
        "arr k",
        Writes::Nothing,
    ),
    func(
        "take_along_axis(arr, indices, axis=-1)",
        Style::Python,
        "arr indices axis",
        Writes::Nothing,
    ),
    func(
        "put_along_axis(arr, indices, values, axis)",
        Style::Python,
        "arr indices values axis",
        Writes::Arg("arr"),
    ),
    func(
        "putmask(a, /, mask, values)",
        Style::Python,
        "a mask values",
        Writes::Arg("a"),
    ),
    func(
        "place(arr, mask, vals)",
        Style::Python,
        "arr mask vals",
        Writes::Arg("arr"),
    ),
    func(
        "compress(condition, a, axis=None, out=None)",
        Style::Python,
        "condition a axis",
        Writes::Nothing,
    ),
    func(
        "choose(a, choices, out=None, mode='raise')",
        Style::Python,
        "a choices mode",
        Writes::Nothing,
    ),
    func(
        "select(condlist, choicelist, default=0)",
        Style::Python,
        "condlist choicelist default",
        Writes::Nothing,
    ),
    func("diag(v, k=0)", Style::Python, "v k", Writes::Nothing),
    func(
        "fill_diagonal(a, val, wrap=False)",
        Style::Python,
        "a val wrap",
        Writes::Arg("a"),
    ),
    func(
        "indices(dimensions, dtype=int, sparse=False)",
        Style::Python,
        "dimensions dtype sparse",
        Writes::Nothing,
    ),
    func("iterable(y)", Style::Python, "y", Writes::Nothing),
    func(
        "trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)",
        Style::Python,
        "a offset axis1 axis2",
        Writes::Nothing,
    ),
    // complex_fns
    ufunc(
        "conj(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    ufunc(
        "conjugate(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        1,
        1,
    ),
    func("real(val)", Style::Python, "val", Writes::Nothing),
    func("imag(val)", Style::Python, "val", Writes::Nothing),
    func(
        "angle(z, deg=False)",
        Style::Python,
        "z deg",
        Writes::Nothing,
    ),
    func("iscomplexobj(x)", Style::Python, "x", Writes::Nothing),
    func("isrealobj(x)", Style::Python, "x", Writes::Nothing),
    func("iscomplex(x)", Style::Python, "x", Writes::Nothing),
    func("isreal(x)", Style::Python, "x", Writes::Nothing),
    // math_routines
    ufunc(
        "fmod(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        1,
    ),
    ufunc(
        "divmod(x1, x2, out1=None, out2=None, /, *, out=(None, None), where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        2,
        2,
    ),
    func(
        "round(a, decimals=0, out=None)",
        Style::Python,
        "a decimals",
        Writes::Nothing,
    ),
    func(
        "around(a, decimals=0, out=None)",
        Style::Python,
        "a decimals",
        Writes::Nothing,
    ),
    func(
        "rot90(m, k=1, axes=(0, 1))",
        Style::Python,
        "m k axes",
        Writes::Nothing,
    ),
    func(
        "median(a, axis=None, out=None, overwrite_input=False, keepdims=False)",
        Style::Python,
        "a axis out overwrite_input keepdims",
        Writes::Arg("a"),
    ),
    func(
        "ptp(a, axis=None, out=None, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims",
        Writes::Nothing,
    ),
    func(
        "nanmax(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "nanmin(a, axis=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "nansum(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "nanmean(a, axis=None, dtype=None, out=None, keepdims=<no value>, *, where=<no value>)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func("column_stack(tup)", Style::Python, "tup", Writes::Nothing),
    func(
        "diff(a, n=1, axis=-1, prepend=<no value>, append=<no value>)",
        Style::Python,
        "a n axis prepend append",
        Writes::Nothing,
    ),
    func("dot(a, b, out=None)", Style::Python, "a b", Writes::Nothing),
    func(
        "matmul(x1, x2, /, out=None, *, axes=<no value>, axis=<no value>, keepdims=False, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        Style::Ufunc,
        "x1 x2",
        Writes::Nothing,
    ),
    func(
        "outer(a, b, out=None)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
        Style::Python,
        "a b rtol atol equal_nan",
        Writes::Nothing,
    ),
    func(
        "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
        Style::Python,
        "a b rtol atol equal_nan",
        Writes::Nothing,
    ),
    func(
        "isin(element, test_elements, assume_unique=False, invert=False, *, kind=None)",
        Style::Python,
        "element test_elements assume_unique invert kind",
        Writes::Nothing,
    ),
];

/// Array methods, by method name. A `Python`-style entry is one of NumPy's
/// `_methods.py` functions and names the array itself as its first
/// parameter (so counts in messages include it, as NumPy's do); a
/// `NumpyC` entry's signature starts after `self`. Methods not listed here
/// are called without binding.
pub const METHODS: &[(&str, Entry)] = &[
    (
        "sum",
        func(
            "_sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=<no value>, where=True)",
            Style::Python,
            "a axis dtype keepdims out initial where",
            Writes::Nothing,
        ),
    ),
    (
        "prod",
        func(
            "_prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=<no value>, where=True)",
            Style::Python,
            "a axis dtype keepdims out initial where",
            Writes::Nothing,
        ),
    ),
    (
        "mean",
        func(
            "_mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True)",
            Style::Python,
            "a axis dtype keepdims out where",
            Writes::Nothing,
        ),
    ),
    (
        "any",
        func(
            "_any(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True)",
            Style::Python,
            "a axis keepdims out where",
            Writes::Nothing,
        ),
    ),
    (
        "all",
        func(
            "_all(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True)",
            Style::Python,
            "a axis keepdims out where",
            Writes::Nothing,
        ),
    ),
    (
        "min",
        func(
            "_amin(a, axis=None, out=None, keepdims=False, initial=<no value>, where=True)",
            Style::Python,
            "a axis keepdims out initial where",
            Writes::Nothing,
        ),
    ),
    (
        "max",
        func(
            "_amax(a, axis=None, out=None, keepdims=False, initial=<no value>, where=True)",
            Style::Python,
            "a axis keepdims out initial where",
            Writes::Nothing,
        ),
    ),
    (
        "std",
        func(
            "_std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None)",
            Style::Python,
            "a axis dtype ddof keepdims out where mean",
            Writes::Nothing,
        ),
    ),
    (
        "var",
        func(
            "_var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None)",
            Style::Python,
            "a axis dtype ddof keepdims out where mean",
            Writes::Nothing,
        ),
    ),
    (
        "astype",
        func(
            "astype(dtype, order='K', casting='unsafe', subok=True, copy=True)",
            Style::NumpyC,
            // `subok` decides between a subclass and ndarray; this entry
            // binds plain arrays only (masked and record arrays have their
            // own methods), where both are the same.
            "dtype order casting subok copy",
            Writes::Nothing,
        ),
    ),
    (
        "copy",
        func("copy(order='C')", Style::NumpyC, "order", Writes::Nothing),
    ),
    (
        "ravel",
        func("ravel(order='C')", Style::NumpyC, "order", Writes::Nothing),
    ),
    (
        "flatten",
        func(
            "flatten(order='C')",
            Style::NumpyC,
            "order",
            Writes::Nothing,
        ),
    ),
    (
        "take",
        func(
            "take(indices, axis=None, out=None, mode='raise')",
            Style::NumpyC,
            "indices axis mode",
            Writes::Nothing,
        ),
    ),
    (
        "searchsorted",
        func(
            "searchsorted(v, side='left', sorter=None)",
            Style::NumpyC,
            "v side sorter",
            Writes::Nothing,
        ),
    ),
    (
        "partition",
        func(
            "partition(kth, axis=-1, kind='introselect', order=None)",
            Style::NumpyC,
            "kth axis",
            Writes::Nothing,
        ),
    ),
    (
        "argpartition",
        func(
            "argpartition(kth, axis=-1, kind='introselect', order=None)",
            Style::NumpyC,
            "kth axis",
            Writes::Nothing,
        ),
    ),
    (
        "sort",
        func(
            "sort(axis=-1, kind=None, order=None, *, stable=None)",
            Style::NumpyC,
            "axis kind order stable",
            Writes::Receiver,
        ),
    ),
    (
        "argsort",
        func(
            "argsort(axis=-1, kind=None, order=None, *, stable=None)",
            Style::NumpyC,
            "axis kind order stable",
            Writes::Nothing,
        ),
    ),
    (
        "argmax",
        func(
            "argmax(axis=None, out=None, *, keepdims=False)",
            Style::NumpyC,
            "axis keepdims out",
            Writes::Nothing,
        ),
    ),
    (
        "argmin",
        func(
            "argmin(axis=None, out=None, *, keepdims=False)",
            Style::NumpyC,
            "axis keepdims out",
            Writes::Nothing,
        ),
    ),
    (
        "squeeze",
        func("squeeze(axis=None)", Style::NumpyC, "axis", Writes::Nothing),
    ),
    // The older methods parse with CPython's own argument parsers, whose
    // messages differ: `'x' is an invalid keyword argument for f()`.
    (
        "reshape",
        func(
            "reshape(*shape, order='C', copy=None)",
            Style::CArgs { named: false },
            "shape order copy",
            Writes::Nothing,
        ),
    ),
    (
        "transpose",
        func(
            "transpose(*axes)",
            Style::CVarArgs { named: true },
            "axes",
            Writes::Nothing,
        ),
    ),
    (
        "swapaxes",
        func(
            "swapaxes(axis1, axis2)",
            Style::CVarArgs { named: true },
            "axis1 axis2",
            Writes::Nothing,
        ),
    ),
    (
        "view",
        func(
            "view(dtype=<no value>, type=<no value>)",
            Style::NumpyC,
            "dtype type",
            Writes::Nothing,
        ),
    ),
    (
        "tofile",
        func(
            "tofile(file, sep='', format='%s')",
            Style::CArgs { named: true },
            "file sep format",
            Writes::Nothing,
        ),
    ),
    (
        "tobytes",
        func(
            "tobytes(order='C')",
            Style::CArgs { named: true },
            "order",
            Writes::Nothing,
        ),
    ),
    (
        "byteswap",
        func(
            "byteswap(inplace=False)",
            Style::CArgs { named: true },
            "inplace",
            Writes::Nothing,
        ),
    ),
    (
        "tolist",
        func(
            "tolist()",
            Style::CVarArgs { named: false },
            "",
            Writes::Nothing,
        ),
    ),
    (
        "item",
        func(
            "item(*args)",
            Style::CVarArgs { named: true },
            "args",
            Writes::Nothing,
        ),
    ),
    (
        "nonzero",
        func(
            "nonzero()",
            Style::CVarArgs { named: false },
            "",
            Writes::Nothing,
        ),
    ),
    (
        "fill",
        func(
            "fill(value)",
            Style::CVarArgs { named: true },
            "value",
            Writes::Receiver,
        ),
    ),
    (
        "conj",
        func(
            "conjugate(out=None)",
            Style::CVarArgs { named: true },
            "",
            Writes::Nothing,
        ),
    ),
    (
        "conjugate",
        func(
            "conjugate(out=None)",
            Style::CVarArgs { named: true },
            "",
            Writes::Nothing,
        ),
    ),
    (
        "cumsum",
        func(
            "cumsum(axis=None, dtype=None, out=None)",
            Style::CArgs { named: true },
            "axis dtype out",
            Writes::Nothing,
        ),
    ),
    (
        "cumprod",
        func(
            "cumprod(axis=None, dtype=None, out=None)",
            Style::CArgs { named: true },
            "axis dtype out",
            Writes::Nothing,
        ),
    ),
    (
        "diagonal",
        func(
            "diagonal(offset=0, axis1=0, axis2=1)",
            Style::CArgs { named: true },
            "offset axis1 axis2",
            Writes::Nothing,
        ),
    ),
    (
        "put",
        func(
            "put(indices, values, mode='raise')",
            Style::CArgs { named: true },
            "indices values mode",
            Writes::Receiver,
        ),
    ),
    (
        "repeat",
        func(
            "repeat(repeats, axis=None)",
            Style::CArgs { named: true },
            "repeats axis",
            Writes::Nothing,
        ),
    ),
    (
        "round",
        func(
            "round(decimals=0, out=None)",
            Style::CArgs { named: true },
            "decimals",
            Writes::Nothing,
        ),
    ),
    (
        "compress",
        func(
            "compress(condition, axis=None, out=None)",
            Style::CArgs { named: true },
            "condition axis",
            Writes::Nothing,
        ),
    ),
    (
        "choose",
        func(
            "choose(*choices, out=None, mode='raise')",
            Style::CArgs { named: false },
            "choices mode",
            Writes::Nothing,
        ),
    ),
    (
        "clip",
        func(
            "_clip(a, min=None, max=None, out=None, **kwargs)",
            Style::Python,
            "a min max out",
            Writes::Nothing,
        ),
    ),
    (
        "dot",
        func("dot(b, out=None)", Style::NumpyC, "b", Writes::Nothing),
    ),
    (
        "trace",
        func(
            "trace(offset=0, axis1=0, axis2=1, dtype=None, out=None)",
            Style::NumpyC,
            "offset axis1 axis2",
            Writes::Nothing,
        ),
    ),
    (
        "setflags",
        func(
            "setflags(write=None, align=None, uic=None)",
            Style::CArgs { named: true },
            "write align uic",
            Writes::Nothing,
        ),
    ),
    (
        "to_device",
        func(
            "to_device(device, /, *, stream=None)",
            Style::NumpyC,
            "device stream",
            Writes::Nothing,
        ),
    ),
    (
        "resize",
        func(
            "resize(*new_shape, refcheck=True)",
            Style::CArgs { named: false },
            "new_shape refcheck",
            Writes::Receiver,
        ),
    ),
    (
        "getfield",
        func(
            "getfield(dtype, offset=0)",
            Style::CArgs { named: true },
            "dtype offset",
            Writes::Nothing,
        ),
    ),
    (
        "setfield",
        func(
            "setfield(val, dtype, offset=0)",
            Style::CArgs { named: true },
            "val dtype offset",
            Writes::Receiver,
        ),
    ),
];

/// The entry for array method `name`, if it is registered.
pub fn method_entry(name: &str) -> Option<&'static Entry> {
    METHODS.iter().find(|(m, _)| *m == name).map(|(_, e)| e)
}

/// One routine family's table of entries. Each family submits its own
/// from its module (`inventory::submit! { Table(ENTRIES) }`), so the
/// registry, which printing and binding stand on, imports none of them.
pub struct Table(pub &'static [Entry]);

inventory::collect!(Table);

/// Every registered table: [`NP`], then the families' (in link order).
pub fn tables() -> impl Iterator<Item = &'static [Entry]> {
    std::iter::once(NP).chain(inventory::iter::<Table>.into_iter().map(|t| t.0))
}

static BY_NAME: LazyLock<std::collections::HashMap<&'static str, &'static Entry>> =
    LazyLock::new(|| tables().flatten().map(|e| (e.name(), e)).collect());

/// The entry for `np.NAME`.
pub fn np_entry(name: &str) -> Option<&'static Entry> {
    BY_NAME.get(name).copied()
}

/// Every registered `np.` name.
pub fn np_names() -> impl Iterator<Item = &'static str> {
    tables().flatten().map(Entry::name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::args::Args;
    use crate::eval::binding::check_enum;
    use crate::eval::session::Session;
    use crate::eval::signature;
    use crate::eval::value::Value;

    #[test]
    fn every_registered_name_is_registered_once_and_implemented() {
        let mut seen = std::collections::HashSet::new();
        let mut s = Session::new();
        for n in np_names() {
            assert!(seen.insert(n), "{n} is registered twice");
            let no_args = Args {
                pos: Vec::new(),
                kw: Vec::new(),
            };
            if let Err(e) = s.call_function(&format!("np.{n}"), no_args) {
                assert!(
                    !e.message.contains("has no attribute"),
                    "np.{n} is registered but has no implementation"
                );
            }
        }
    }

    #[test]
    fn every_signature_parses_and_names_what_it_honours() {
        for e in tables().flatten().chain(METHODS.iter().map(|(_, e)| e)) {
            let sig =
                signature::parse(e.signature).unwrap_or_else(|m| panic!("{}: {m}", e.signature));
            for h in e.honours.split_whitespace() {
                assert!(
                    sig.params.iter().any(|p| p.name == h),
                    "{} honours {h}, which it does not have",
                    e.name()
                );
            }
            if let Writes::Arg(a) = e.writes {
                assert!(
                    sig.params.iter().any(|p| p.name == a),
                    "{} writes {a}",
                    e.name()
                );
            }
        }
    }

    #[test]
    fn enum_messages_are_numpys() {
        let s = |t: &str| Value::str(t);
        assert_eq!(
            check_enum("zeros", "order", &s("Z")).unwrap_err().message,
            "order must be one of 'C', 'F', 'A', or 'K' (got 'Z')"
        );
        assert!(check_enum("sort", "kind", &s("Stable")).is_ok());
        assert_eq!(
            check_enum("add", "casting", &Value::Int(5))
                .unwrap_err()
                .message,
            "casting must be str, not int"
        );
    }
}
