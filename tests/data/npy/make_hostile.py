"""Write the crafted .npy files of tests/conformance/90_npy_hostile.session.

Each file is a hostile or unusual header NumPy answers in its own way
(an exception class and message, or an array); the session's .expected is
NumPy's transcript of loading them. Run from the repository root:
    python3 tests/data/npy/make_hostile.py
"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def npy(header, data=b"", ver=(1, 0), hlen=None):
    h = header.encode("latin1") if isinstance(header, str) else header
    n = len(h) if hlen is None else hlen
    size = struct.pack("<H", n) if ver[0] == 1 else struct.pack("<I", n)
    return b"\x93NUMPY" + bytes(ver) + size + h + data


def plain(descr, shape, data=b""):
    return npy("{'descr': %s, 'fortran_order': False, 'shape': %s, }\n" % (descr, shape), data)


F8 = "'<f8'"
CASES = {
    "huge_shape": plain(F8, "(10000000000000,)"),
    "overflow_shape": plain(F8, "(4294967296, 4294967296, 16)"),
    "neg_shape": plain(F8, "(-1,)"),
    "neg_count": plain(F8, "(3, -1)", b"\0" * 24),
    "wrapped_count": plain(F8, "(9223372036854775808,)"),
    "too_big": plain(F8, "(9223372036854775807,)"),
    "dim_past_int64": plain(F8, "(0, 10000000000000000000)"),
    "dim_past_uint64": plain(F8, "(18446744073709551616,)"),
    "big_itemsize": plain("'<U1000000000000'", "(1,)"),
    "str_past_c_int": plain("'<U536870912'", "(1,)"),
    "v_big": plain("'|V99999999999'", "()"),
    "short": plain(F8, "(1000,)", b"\0" * 100),
    "obj": plain("'|O'", "(3,)"),
    "obj_field": plain("[('a', '|O')]", "(1,)"),
    "escapes": plain(r"'<\x698'", "(1,)", b"\1" + b"\0" * 7),
    "escapes_u": plain(r"'<\u0069' '8'", "(1,)", b"\2" + b"\0" * 7),
    "hex_dim": plain(F8, "(0x2,)", b"\0" * 16),
    "raw_str": plain("r'<f8'", "(1,)", b"\0" * 8),
    "py2_long": plain(F8, "(2L,)", b"\0" * 16),
    "trailing_data": plain(F8, "(1,)", b"\0" * 16),
    "hlen_big": npy("{'descr': '<f8'", ver=(2, 0), hlen=0xFFFFFFFF),
    "ver": npy("{}", ver=(1, 1)),
    "fo_int": npy("{'descr': '<f8', 'fortran_order': 1, 'shape': (1,), }\n", b"\0" * 8),
    "fortran": npy("{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }\n",
                   b"".join(struct.pack("<h", i) for i in range(6))),
    "shape_list": plain(F8, "[1]", b"\0" * 8),
    "shape_float": plain(F8, "(1.0,)", b"\0" * 8),
    "shape_set": plain(F8, "{1}", b"\0" * 8),
    "shape_bool": plain(F8, "(True, 2)"),
    "descr_bad": plain("'zz'", "(1,)", b"\0" * 8),
    "descr_int": plain("5", "(1,)", b"\0" * 8),
    "extra_key": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}\n", b"\0" * 8),
    "dup_key": npy("{'descr': '<i4', 'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n",
                   b"\0" * 8),
    "not_dict": npy("[1, 2]\n"),
    "tuple_key": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), (1,2): 3}\n"),
    "bytes_key": npy("{b'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n", b"\0" * 8),
    "nul_in_header": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\x00\n", b"\0" * 8),
    "deep": npy("{'descr': " + "[" * 300 + "]" * 300 + ", 'fortran_order': False, 'shape': (1,), }\n"),
    "struct_huge": plain("[('a', '<f8', (100000000000, 100000000000))]", "(1,)"),
    "struct_neg": plain("[('a', '<f8', (-1,))]", "(1,)"),
    "struct_dup": plain("[('a', '<f8'), ('a', '<f8')]", "(1,)", b"\0" * 16),
    "struct_int_shape": plain("[('a', '<i2', 3)]", "(1,)", b"\1\0\2\0\3\0"),
    "struct_pad": plain("[('', '|V2'), ('b', '<u2')]", "(2,)", b"\0\0\5\0\0\0\6\0"),
    "magic_short": b"\x93NUM",
    "magic_only": b"\x93NUMPY",
    "ver_only": b"\x93NUMPY\x01\x00\x05",
    "empty": b"",
    "long_hdr": npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " " * 20000 + "\n",
                    b"\0" * 8, ver=(2, 0)),
    "v3_badutf8": npy(b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\xff\n", b"\0" * 8,
                      ver=(3, 0)),
    "ctrl_name": plain("[('\\x1b[31mred', '<f8')]", "(1,)", b"\0" * 8),
}

if __name__ == "__main__":
    os.makedirs(HERE, exist_ok=True)
    for name, data in CASES.items():
        with open(os.path.join(HERE, name + ".npy"), "wb") as f:
            f.write(data)
