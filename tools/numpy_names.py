"""Print src/eval/numpy_names.rs's table: the public names NumPy 2.4 has
on each object slicelab models, as dir() lists them.

    python3 tools/numpy_names.py > /tmp/table.rs   (then paste PUBLIC)
"""
import textwrap

import numpy as np
import numpy.random as r

OWNERS = [
    ("numpy", np),
    ("numpy.random", r),
    ("numpy.linalg", np.linalg),
    ("numpy.ndarray", np.ndarray),
    ("numpy.flatiter", np.flatiter),
    ("numpy.dtype", np.dtype),
    ("numpy.generic", np.generic),
    ("numpy.random._generator.Generator", r.Generator),
    ("numpy.random.mtrand.RandomState", r.RandomState),
    ("numpy.random.bit_generator.SeedSequence", r.SeedSequence),
    ("numpy.random._pcg64.PCG64", r.PCG64),
    ("numpy.random._mt19937.MT19937", r.MT19937),
]
assert np.__version__.startswith("2.4"), np.__version__
print("const PUBLIC: &[(&str, &str)] = &[")
for owner, obj in OWNERS:
    names = " ".join(n for n in dir(obj) if not n.startswith("_"))
    lines = textwrap.wrap(names, 88, break_on_hyphens=False)
    body = " \\\n         ".join(lines)
    print(f'    (\n        "{owner}",\n        "{body}",\n    ),')
print("];")
