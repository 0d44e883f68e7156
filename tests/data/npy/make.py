"""Write the .npy files tests/npy.rs reads, with real NumPy.

    cd tests/data/npy && python3 make.py

Each `NAME.npy` comes from the statement beside it in SAVED; tests/npy.rs
runs the same statement in slicelab, saves it, and compares the bytes.
The `other_*` files exercise what slicelab only reads (other versions,
big-endian).
"""
import numpy as np
from numpy.lib import format as fmt

SAVED = {
    "int64": "np.arange(5)",
    "float64_2d": "np.arange(6.0).reshape(2, 3) / 4",
    "bool": "np.array([True, False, True])",
    "uint8": "np.array([0, 7, 255], dtype=np.uint8)",
    "int8_3d": "np.arange(-12, 12, dtype=np.int8).reshape(2, 3, 4)",
    "int16": "np.array([-300, 2, 30000], dtype=np.int16)",
    "int32": "np.array([1, -2, 3], dtype=np.int32)",
    "uint16": "np.array([1, 65535], dtype=np.uint16)",
    "uint32": "np.array([1, 4000000000], dtype=np.uint32)",
    "uint64": "np.array([1, 2**63], dtype=np.uint64)",
    "float16": "np.array([0.5, -1.25, 65504], dtype=np.float16)",
    "float32": "np.array([1 / 3, 1e-8], dtype=np.float32)",
    "complex128": "np.array([1 + 2j, -0.5j])",
    "complex64": "np.array([1 + 2j, 3 - 4j], dtype=np.complex64)",
    "unicode": "np.array(['ab', 'xyz', 'é'])",
    "bytes": "np.array([b'ab', b'xyz'])",
    "structured": "np.array([(1, 2.5), (3, -1.0)], dtype=[('x', 'i4'), ('y', 'f8')])",
    "structured_subarray": "np.zeros(2, dtype=[('id', 'i2'), ('pos', 'f4', (3,))])",
    "fortran": "np.asfortranarray(np.arange(6).reshape(2, 3))",
    "transposed": "np.arange(6).reshape(2, 3).T",
    "strided": "np.arange(10)[::3]",
    "scalar": "np.array(7.5)",
    "empty": "np.zeros((2, 0))",
    "nan_inf": "np.array([np.nan, np.inf, -np.inf, -0.0])",
}

for name, expr in SAVED.items():
    np.save(f"{name}.npy", eval(expr))

with open("SAVED.txt", "w") as f:
    for name, expr in SAVED.items():
        f.write(f"{name}\t{expr}\n")

a = np.arange(6, dtype=np.int32).reshape(2, 3)
for version in [(2, 0), (3, 0)]:
    with open(f"other_v{version[0]}.npy", "wb") as f:
        fmt.write_array(f, a, version=version)
np.save("other_big_endian.npy", np.array([1, -2, 300], dtype=">i4"))
np.save("other_big_endian_f8.npy", np.array([[1.5, -2.0]], dtype=">f8"))
np.save("other_big_endian_c16.npy", np.array([1 + 2j], dtype=">c16"))
np.save("other_big_endian_struct.npy",
        np.array([(1, 2.5)], dtype=[('x', '>i4'), ('y', '>f8')]))
np.save("other_fortran_3d.npy", np.asfortranarray(np.arange(24).reshape(2, 3, 4)))
