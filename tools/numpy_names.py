"""Print src/eval/numpy_names.rs's table: the public names NumPy 2.4 has
on each object slicelab models, as dir() lists them.

    python3 tools/numpy_names.py > /tmp/table.rs   (then paste PUBLIC)
"""
import importlib
import pathlib
import re
import textwrap

import numpy as np

# Each object slicelab models, by its dotted name: a module, or a class
# reached from the module before its last dot.
OWNERS = [
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.ndarray",
    "numpy.flatiter",
    "numpy.testing",
    "numpy.dtype",
    "numpy.generic",
    "numpy.random._generator.Generator",
    "numpy.random.mtrand.RandomState",
    "numpy.random.bit_generator.SeedSequence",
    "numpy.random._pcg64.PCG64",
    "numpy.random._mt19937.MT19937",
    "numpy.random._pcg64.PCG64DXSM",
    "numpy.random._sfc64.SFC64",
    "numpy.random._philox.Philox",
    "numpy.strings",
    "numpy.char",
    "numpy.fft",
    "numpy.polynomial",
    "numpy.polynomial.polynomial",
    "numpy.polynomial.legendre",
    "numpy.polynomial.chebyshev",
    "numpy.polynomial.hermite",
    "numpy.polynomial.hermite_e",
    "numpy.polynomial.laguerre",
    "numpy.polynomial.polyutils",
    "numpy._utils",
    "numpy.ma.testutils",
    "numpy.lib",
    "numpy.lib.array_utils",
    "numpy.lib.recfunctions",
    "numpy.lib.scimath",
    "numpy.lib.stride_tricks",
]

# The private modules private_modules.rs reads from a public namespace (and
# those now Python bodies reading the rest the same way): their names are
# owned too, private ones included, so that a name they lack is Python's
# error there as well.
PRIVATE_NAMESPACES = [
    "numpy._core",
    "numpy._core._multiarray_umath",
    "numpy._core.arrayprint",
    "numpy._core.fromnumeric",
    "numpy._core.function_base",
    "numpy._core.multiarray",
    "numpy._core.numeric",
    "numpy._core.numerictypes",
    "numpy._core.shape_base",
    "numpy._core.umath",
    "numpy.fft._pocketfft",
    "numpy.lib._array_utils_impl",
    "numpy.lib._arraypad_impl",
    "numpy.lib._arraysetops_impl",
    "numpy.lib._function_base_impl",
    "numpy.lib._histograms_impl",
    "numpy.lib._index_tricks_impl",
    "numpy.lib._nanfunctions_impl",
    "numpy.lib._polynomial_impl",
    "numpy.lib._shape_base_impl",
    "numpy.lib._stride_tricks_impl",
    "numpy.lib._twodim_base_impl",
    "numpy.lib._type_check_impl",
    "numpy.lib._ufunclike_impl",
    "numpy.linalg._linalg",
    "numpy.ma.core",
    "numpy.ma.extras",
]
OWNERS += PRIVATE_NAMESPACES
# Python's math (pymath.rs); the standard modules with bodies follow.
OWNERS.append("math")

# CPython's modules slicelab has (natively or as Python bodies), read from
# the list `src/eval/stdlib/names.rs` keeps, so that a name slicelab's
# module lacks is refused, not called missing from Python.
_NAMES_RS = pathlib.Path(__file__).resolve().parent.parent / "src/eval/stdlib/names.rs"
_HAVE = re.search(r"MODULE_NAMES: &\[&str\] = &\[(.*?)\];", _NAMES_RS.read_text(), re.S)
OWNERS += [m for m in re.findall(r'"([^"]+)"', _HAVE.group(1)) if not m.startswith("numpy")]

# Private names slicelab answers for all the same (a submodule it has).
PRIVATE = {
    "numpy.polynomial": ["_polybase"],
    "numpy._utils": ["_convertions", "_inspect", "_pep440", "_rename_parameter"],
}


# Owners whose single-underscore names count too (their private submodules).
WITH_PRIVATE = {"numpy.lib"} | set(PRIVATE_NAMESPACES)


def resolve(name):
    try:
        return importlib.import_module(name)
    except ImportError:
        module, _, attr = name.rpartition(".")
        return getattr(importlib.import_module(module), attr)


assert np.__version__.startswith("2.4"), np.__version__
print("const PUBLIC: &[(&str, &str)] = &[")
for owner in OWNERS:
    hidden = "__" if owner in WITH_PRIVATE else "_"
    public = [n for n in dir(resolve(owner)) if not n.startswith(hidden)]
    names = " ".join(sorted(public + PRIVATE.get(owner, [])))
    lines = textwrap.wrap(names, 88, break_on_hyphens=False)
    body = " \\\n         ".join(lines)
    print(f'    (\n        "{owner}",\n        "{body}",\n    ),')
print("];")
