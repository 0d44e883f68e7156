"""Print src/eval/callable_kinds.rs's table: the Python type of every
function NumPy 2.4 has in the namespaces slicelab models, for those that
are not plain built-in functions (nor ufuncs, which slicelab knows apart
already).

    python3 tools/callable_kinds.py > /tmp/kinds.rs   (then paste KINDS)
"""
import collections
import importlib
import textwrap

import numpy as np

MODULES = [
    "numpy",
    "numpy.linalg",
    "numpy.fft",
    "numpy.random",
    "numpy.strings",
    "numpy.char",
    "numpy.testing",
    "numpy.ma",
    "numpy.lib.stride_tricks",
    "numpy.lib.array_utils",
    "numpy.lib.scimath",
    "numpy.emath",
    "numpy.polynomial.polynomial",
    "numpy.polynomial.polyutils",
]

kinds = collections.defaultdict(list)
for modname in MODULES:
    # `np.emath` is `numpy.lib.scimath` by another name.
    mod = importlib.import_module(modname.replace("numpy.emath", "numpy.lib.scimath"))
    prefix = "np." + modname[len("numpy."):] + "." if modname != "numpy" else "np."
    for name in sorted(dir(mod)):
        if name.startswith("_"):
            continue
        obj = getattr(mod, name)
        if isinstance(obj, (type, np.ufunc, type(np))) or not callable(obj):
            continue
        t = type(obj)
        path = t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"
        if path == "builtin_function_or_method":
            continue
        # A bound method's attribute errors name its function's type.
        attr = path
        if path == "method":
            f = type(obj.__func__)
            attr = f.__name__ if f.__module__ == "builtins" else f"{f.__module__}.{f.__qualname__}"
        kinds[(path, attr)].append(prefix + name)

print("const KINDS: &[(&str, &str, &str)] = &[")
for (path, attr), names in sorted(kinds.items()):
    body = textwrap.fill(" ".join(names), 92, break_on_hyphens=False)
    lines = body.split("\n")
    print(f'    (\n        "{path}",\n        "{attr}",')
    for i, line in enumerate(lines):
        end = " \\" if i + 1 < len(lines) else '",'
        start = '        "' if i == 0 else "         "
        print(f"{start}{line}{end}")
    print("    ),")
print("];")
