//! The signatures of the Python builtins slicelab implements, as CPython
//! 3.11 parses them, so a call is bound before it runs: `len(a, 1)` and
//! `print(x, bogus=1)` raise CPython's `TypeError` instead of quietly
//! dropping what they do not understand. Each builtin is written once here;
//! its implementation lives with its family (`numpy.rs`, `pybuiltins.rs`).

use super::registry::{Entry, Writes, func};
use super::signature::Style;

/// One builtin: NumPy-free, so nothing is written (`Writes::Nothing`).
const fn builtin(signature: &'static str, style: Style, honours: &'static str) -> Entry {
    func(signature, style, honours, Writes::Nothing)
}

const NAMED: Style = Style::CArgs { named: true };

/// Every builtin function bound before its call (types such as `int` and
/// `list` are constructed elsewhere).
pub const BUILTINS: &[Entry] = &[
    builtin(
        "print(*args, sep=' ', end='\\n', file=None, flush=False)",
        NAMED,
        "args sep end flush",
    ),
    builtin("len(obj, /)", Style::COne, "obj"),
    builtin("repr(obj, /)", Style::COne, "obj"),
    builtin("abs(x, /)", Style::COne, "x"),
    builtin("id(obj, /)", Style::COne, "obj"),
    builtin("any(iterable, /)", Style::COne, "iterable"),
    builtin("all(iterable, /)", Style::COne, "iterable"),
    builtin("ascii(obj, /)", Style::COne, "obj"),
    builtin("chr(i, /)", Style::COne, "i"),
    builtin("ord(c, /)", Style::COne, "c"),
    builtin("hash(obj, /)", Style::COne, "obj"),
    builtin("callable(obj, /)", Style::COne, "obj"),
    builtin("hex(number, /)", Style::COne, "number"),
    builtin("bin(number, /)", Style::COne, "number"),
    builtin("oct(number, /)", Style::COne, "number"),
    builtin(
        "issubclass(cls, class_or_tuple, /)",
        Style::CExpect,
        "cls class_or_tuple",
    ),
    builtin(
        "isinstance(obj, class_or_tuple, /)",
        Style::CExpect,
        "obj class_or_tuple",
    ),
    builtin(
        "min(iterable, /, *args, key=None, default=<no value>)",
        Style::CExpect,
        "iterable args key default",
    ),
    builtin(
        "max(iterable, /, *args, key=None, default=<no value>)",
        Style::CExpect,
        "iterable args key default",
    ),
    builtin(
        "sorted(iterable, /, *, key=None, reverse=False)",
        Style::CExpect,
        "iterable key reverse",
    ),
    builtin("reversed(sequence, /)", Style::CExpect, "sequence"),
    builtin("divmod(x, y, /)", Style::CExpect, "x y"),
    builtin("hasattr(obj, name, /)", Style::CExpect, "obj name"),
    builtin(
        "getattr(object, name, default=<no value>, /)",
        Style::CExpect,
        "object name default",
    ),
    builtin(
        "filter(function, iterable, /)",
        Style::CExpect,
        "function iterable",
    ),
    builtin(
        "iter(object, sentinel=<no value>, /)",
        Style::CExpect,
        "object",
    ),
    builtin(
        "next(iterator, default=<no value>, /)",
        Style::CExpect,
        "iterator default",
    ),
    builtin(
        "format(value, format_spec='', /)",
        Style::CExpect,
        "value format_spec",
    ),
    builtin("map(*args)", Style::CVarArgs { named: true }, "args"),
    builtin("sum(iterable, /, start=0)", NAMED, "iterable start"),
    builtin("round(number, ndigits=None)", NAMED, "number ndigits"),
    builtin("enumerate(iterable, start=0)", NAMED, "iterable start"),
    builtin("pow(base, exp, mod=None)", NAMED, "base exp mod"),
    builtin("zip(*iterables, strict=False)", NAMED, "iterables"),
    // Types called as constructors.
    builtin("int(x=0, /, base=10)", NAMED, "x base"),
    builtin("float(x=0.0, /)", Style::CExpect, "x"),
    builtin("bool(x=False, /)", Style::CExpect, "x"),
    builtin("complex(real=0, imag=0)", NAMED, "real imag"),
    builtin(
        "str(object='', encoding='utf-8', errors='strict')",
        NAMED,
        "object",
    ),
    builtin("list(iterable=(), /)", Style::CExpect, "iterable"),
    builtin("tuple(iterable=(), /)", Style::CExpect, "iterable"),
    builtin(
        "slice(start, stop=<no value>, step=<no value>, /)",
        Style::CExpect,
        "start stop step",
    ),
    builtin(
        "range(start, stop=<no value>, step=<no value>, /)",
        Style::CExpect,
        "start stop step",
    ),
];

/// The entry for builtin `name`, if it is bound.
pub fn builtin_entry(name: &str) -> Option<&'static Entry> {
    BUILTINS.iter().find(|e| e.name() == name)
}
