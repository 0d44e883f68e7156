"""Writes the fixture files of tests/conformance/146-149 with real NumPy.

Run from this folder: python3 make.py
"""
import numpy as np

# The Scientific Python Lectures' populations.txt layout: a commented
# header line, then year and three populations, tab-separated.
rows = [
    (1900, 30e3, 4e3, 48300),
    (1901, 47.2e3, 6.1e3, 48200),
    (1902, 70.2e3, 9.8e3, 41500),
    (1903, 77.4e3, 35.2e3, 38200),
    (1904, 36.3e3, 59.4e3, 40600),
    (1905, 20.6e3, 41.7e3, 39800),
]
with open("populations.txt", "w") as f:
    f.write("# year\thare\tlynx\tcarrot\n")
    for r in rows:
        f.write("%d\t%.0f\t%.0f\t%d\n" % r)

with open("mixed.csv", "w") as f:
    f.write("name,count,score\n")
    f.write("ann,3,1.5\n")
    f.write("bob,5,2.25\n")
    f.write("cy,-2,nan\n")

with open("crlf.txt", "wb") as f:
    f.write(b"1 2\r\n3 4\r\n# end\r\n")

np.arange(12, dtype=np.int16).reshape(3, 4).tofile("int16.bin")
np.array([0.5, -1.25, 3e10]).tofile("float64.bin")
np.array([1.5, 2.5, 3.5]).tofile("floats.txt", sep=", ")

np.savez("plain.npz", np.arange(5), x=np.eye(2), name=np.array(["a", "bc"]))
np.savez_compressed("packed.npz", a=np.linspace(0, 1, 5, dtype=np.float32),
                    b=np.arange(6).reshape(2, 3).T)
np.savez("many.npz", *[np.full(2, i) for i in range(7)])
with open("truncated.npz", "wb") as f:
    f.write(open("plain.npz", "rb").read()[:150])
with open("not_a_zip.npz", "wb") as f:
    f.write(b"PK\x03\x04 this is not a zip archive")
