"""Generate src/render/cases.rs: printer test cases with expected text from
real NumPy. Run from the repository root: python3 src/render/gen_tests.py"""
import numpy as np

assert np.__version__ == "2.4.6", np.__version__


def rs_str(s):
    out = []
    for c in s:
        if c == '\\':
            out.append('\\\\')
        elif c == '"':
            out.append('\\"')
        elif c == '\n':
            out.append('\\n')
        elif 0x20 <= ord(c) < 0x7f:
            out.append(c)
        else:
            out.append('\\u{%x}' % ord(c))
    return '"' + ''.join(out) + '"'


def rs_f(x):
    x = float(x)
    if np.isnan(x):
        return 'f64::NAN'
    if np.isinf(x):
        return 'f64::INFINITY' if x > 0 else '-f64::INFINITY'
    r = repr(x)
    if 'e' in r or '.' in r or 'n' in r:
        return r + '_f64' if '.' not in r and 'e' not in r else r
    return r


def rs_dtype(dt):
    if dt.names is not None:
        fields = []
        for name in dt.names:
            fdt, off = dt.fields[name][:2]
            shape = ()
            if fdt.subdtype is not None:
                fdt, shape = fdt.subdtype
            fields.append('(%s, %s, %d, vec![%s])' % (
                rs_str(name), rs_dtype(fdt), off, ', '.join(map(str, shape))))
        return 'rec(vec![%s], %d)' % (', '.join(fields), dt.itemsize)
    k, n = dt.kind, dt.itemsize
    if k == 'U':
        return 'DType::Str(%d)' % (n // 4)
    if k == 'S':
        return 'DType::Bytes(%d)' % n
    names = {'b1': 'Bool', 'i1': 'Int8', 'i2': 'Int16', 'i4': 'Int32', 'i8': 'Int64',
             'u1': 'UInt8', 'u2': 'UInt16', 'u4': 'UInt32', 'u8': 'UInt64',
             'f2': 'Float16', 'f4': 'Float32', 'f8': 'Float64',
             'c8': 'Complex64', 'c16': 'Complex128'}
    return 'DType::' + names[k + str(n)]


def rs_scalar(v, dt):
    if dt.names is not None:
        items = []
        for name in dt.names:
            fdt = dt.fields[name][0]
            if fdt.subdtype is not None:
                base, _ = fdt.subdtype
                sub = np.asarray(v[name]).ravel()
                items.append('Scalar::Record(vec![%s])' % ', '.join(rs_scalar(s, base) for s in sub))
            else:
                items.append(rs_scalar(v[name], fdt))
        return 'Scalar::Record(vec![%s])' % ', '.join(items)
    k = dt.kind
    if k == 'b':
        return 'Scalar::Bool(%s)' % ('true' if v else 'false')
    if k == 'i':
        return 'Scalar::Int(%d)' % int(v)
    if k == 'u':
        return 'Scalar::UInt(%d)' % int(v)
    if k == 'f':
        return 'Scalar::Float(%s)' % rs_f(v)
    if k == 'c':
        return 'Scalar::Complex(%s, %s)' % (rs_f(np.real(v)), rs_f(np.imag(v)))
    if k == 'U':
        return 'Scalar::Str(%s.into())' % rs_str(str(v))
    if k == 'S':
        return 'Scalar::Bytes(vec![%s])' % ', '.join(str(b) for b in bytes(v))
    raise ValueError(dt)


def rs_opts(o):
    parts = []
    for key, val in o.items():
        if key == 'linewidth':
            parts.append('linewidth: %d' % val)
        elif key in ('precision', 'threshold', 'edgeitems'):
            parts.append('%s: %d' % (key, val))
        elif key == 'suppress':
            parts.append('suppress: %s' % ('true' if val else 'false'))
        elif key == 'sign':
            parts.append("sign: '%s'" % val)
        elif key in ('floatmode', 'nanstr', 'infstr'):
            parts.append('%s: %s.into()' % (key, rs_str(val)))
    return 'PrintOptions { %s ..PrintOptions::default() }' % ''.join(p + ', ' for p in parts)


dt_rec = np.dtype([('name', 'U10'), ('age', 'i4'), ('wage', 'f8')])
people = np.array([('Alice', 30, 75000.0), ('Bob', 25, 62000.0), ('Carol', 41, 123456.5)], dtype=dt_rec)

ARRAYS = [
    "np.array([1, 2, 3])",
    "np.array([-1, 10, -100])",
    "np.array([[1, -2], [300, 4]])",
    "np.array([0.1, 0.25, 100.0])",
    "np.array([1.123456789, 2.0])",
    "np.array([[1.5, 2.25], [-3.125, 4.0]])",
    "np.array([1.0, 2.5, -3.0])",
    "np.array([-0.0, 0.0])",
    "np.array([np.nan, np.inf, -np.inf, 1.0])",
    "np.array([np.nan, np.inf])",
    "np.array([np.nan])",
    "np.array([1e-5, 1.0])",
    "np.array([0.001, 1001.0])",
    "np.array([1.5e-10, 2.0])",
    "np.array([123456789.0, 1.0])",
    "np.array([1e8, 1.5])",
    "np.array([8e4, 1.0])",
    "np.array([1e-5, np.nan, -np.inf])",
    "np.array([0.1, 0.2, 0.30000000000000004])",
    "np.array([1/3, 2/3, 1.0])",
    "np.array([1e20, -1e-20])",
    "np.array([1e100, 1.0])",
    "np.array([True, False, True])",
    "np.array([[True], [False]])",
    "np.arange(3, dtype=np.float32)",
    "np.array([0.1], dtype=np.float32)",
    "np.array([0.1, 1/3, 1e6], dtype=np.float32)",
    "np.array([1e5, 1.5], dtype=np.float32)",
    "np.array([0.1, 1000.5, -2], dtype=np.float16)",
    "np.array([1, 2], dtype=np.int32)",
    "np.array([255, 0, 7], dtype=np.uint8)",
    "np.array([2**64 - 1, 0], dtype=np.uint64)",
    "np.array([-128, 127], dtype=np.int8)",
    "np.array(['a', 'bc'])",
    "np.array([\"it's\", 'x\\ny'])",
    "np.array([b'ab', b'c'])",
    "np.array([[b'ab'], [b'\\x00c']])",
    "np.zeros((0, 3))",
    "np.zeros((2, 0), dtype=int)",
    "np.zeros(0)",
    "np.zeros(0, dtype=np.int32)",
    "np.array([], dtype='U3')",
    "np.arange(30)",
    "np.arange(30) * 1000",
    "np.arange(100).reshape(2, 50)",
    "np.linspace(0, 1, 11)",
    "np.linspace(0, 1, 30)",
    "np.linspace(-1, 1, 25)",
    "np.arange(25).reshape(5, 5) * 1000",
    "np.arange(24).reshape(2, 3, 4)",
    "np.arange(8).reshape(2, 2, 2, 1)",
    "np.arange(48).reshape(2, 2, 3, 4)",
    "np.arange(1000)",
    "10 / (np.arange(6).reshape(2, 3) + 1)",
    "np.array([1 + 2j, 3.5 - 1j])",
    "np.array([1.5 + 0j, np.nan + 1j, 1e10j])",
    "np.array([0j, -1j], dtype=np.complex64)",
    "np.array([[1+1j, 2-2.5j], [0, -3j]])",
    "np.array(7)",
    "np.array(5.)",
    "np.array(5, dtype=np.int32)",
    "np.array(1.5, dtype=np.float32)",
    "np.array(True)",
    "np.array('hi')",
    "np.array(b'hi')",
    "np.array(1+2j)",
    "np.array(0.1)",
    "np.array(np.nan)",
    "np.array(1e-10)",
    "people",
    "people[['name', 'wage']]",
    "people[['wage', 'age']]",
    "people[0:1]",
    "np.array(people[1])",
    "np.zeros(2, dtype=[('x', 'f8', (2,)), ('y', 'i2')])",
    "np.array([(1, (2.5, True))], dtype=[('a', 'i8'), ('b', [('c', 'f4'), ('d', '?')])])",
    "np.array([(1,), (-20,)], dtype=[('x', 'i4')])",
    "np.arange(1, 31, dtype=float) ** 5",
    "np.array([1.23456789012, 123.456])",
    "np.array([-1e-300, 5e-324])",
    "np.array([12345678.9, 0.5])",
    "people.reshape(3, 1)",
    "np.array([[1e-5, 2], [3, 4e5]])",
    "np.array(['a' * 30, 'b' * 30, 'c'])",
    "np.arange(12, dtype=np.uint16).reshape(3, 4)",
]

# Large arrays: the Rust side computes element i (flat C index) itself.
LARGE = [
    ("np.arange(2000)", "|i| Scalar::Int(i as i64)"),
    ("np.arange(1001)", "|i| Scalar::Int(i as i64)"),
    ("np.arange(2000.0)", "|i| Scalar::Float(i as f64)"),
    ("np.arange(2000.0) / 7", "|i| Scalar::Float(i as f64 / 7.0)"),
    ("np.arange(2000).reshape(40, 50)", "|i| Scalar::Int(i as i64)"),
    ("np.arange(3000).reshape(10, 10, 30)", "|i| Scalar::Int(i as i64)"),
    ("np.arange(3000.0).reshape(3, 1000)", "|i| Scalar::Float(i as f64)"),
    ("np.arange(2000, dtype=np.int32)", "|i| Scalar::Int(i as i64)"),
    ("np.arange(1100).astype(bool)", "|i| Scalar::Bool(i != 0)"),
    ("np.arange(10**6).reshape(100, 100, 100) * 1e-3", "|i| Scalar::Float(i as f64 * 1e-3)"),
    ("np.zeros(1200, dtype=dt_rec)", "|_| Scalar::Record(vec![Scalar::Str(String::new()), Scalar::Int(0), Scalar::Float(0.0)])"),
]

OPT_CASES = [
    ("np.array([1.123456789, 2.0])", {'precision': 3}),
    ("np.array([1e-10, 1.0, 123.25])", {'suppress': True}),
    ("np.array([1e-10, 1.0, 123.25])", {'suppress': True, 'precision': 4}),
    ("np.array([0.5, 1.25, 3.0])", {'floatmode': 'fixed'}),
    ("np.array([0.5, 1.25, 3.0])", {'floatmode': 'maxprec_equal'}),
    ("np.array([0.1, 1/3, 3.0])", {'floatmode': 'unique'}),
    ("np.array([0.1, 1/3, 3.0])", {'floatmode': 'fixed', 'precision': 4}),
    ("np.array([1.5e-10, 2.0, 3.25])", {'floatmode': 'fixed', 'precision': 3}),
    ("np.array([1.5e-10, 2.0, 3.25])", {'floatmode': 'maxprec_equal'}),
    ("np.array([1.5, -2.0, 3.0])", {'sign': '+'}),
    ("np.array([1.5, 2.0, 3.0])", {'sign': ' '}),
    ("np.array([1.5, np.nan, 3.0])", {'sign': '+'}),
    ("np.array([1, -2, 3])", {'sign': '+'}),
    ("np.array([1, 2, 3])", {'sign': ' '}),
    ("np.arange(30)", {'linewidth': 40}),
    ("np.arange(20)", {'threshold': 10}),
    ("np.arange(20)", {'threshold': 10, 'edgeitems': 2}),
    ("np.arange(100).reshape(10, 10)", {'threshold': 10, 'edgeitems': 1}),
    ("np.array([np.nan, 1.0])", {'nanstr': 'NaN', 'infstr': 'Infinity'}),
    ("np.array([-np.inf, 1.0])", {'nanstr': 'NaN', 'infstr': 'Infinity'}),
    ("people", {'linewidth': 120}),
    ("np.array([1 + 1j, -2 - 0.5j])", {'sign': ' '}),
    ("np.array([1 + 1j, -2 - 0.5j])", {'sign': '+', 'precision': 2}),
]

SCALARS = [
    "np.int64(5)", "np.int64(-7)", "np.float64(2.5)", "np.float64(0.30000000000000004)",
    "np.float64(1e+20)", "np.float64(2.0)", "np.float64(1e16)", "np.float64(1e-5)",
    "np.float64(123456789012345.0)", "np.float32(0.1)", "np.float32(1e6)", "np.float32(3.4e38)",
    "np.float16(0.1)", "np.float16(1000)", "np.uint8(255)", "np.int32(-3)",
    "np.True_", "np.False_", "np.str_('Alice')", "np.str_(\"it's\")", "np.bytes_(b'ab')",
    "np.complex128(1+2j)", "np.complex128(2j)", "np.complex128(complex(-0.0, -0.0))",
    "np.complex64(1.5-0.25j)", "np.complex128(complex(1e20, 1))", "np.complex128(complex(np.nan, np.inf))",
    "people[0]", "people[2]", "people[['name', 'wage']][0]",
    "np.zeros(1, dtype=[('x', 'f8', (2,)), ('y', 'i2')])[0]",
    "np.array([(7,)], dtype=[('x', 'f4')])[0]",
    "np.array([(True, 1+2j)], dtype=[('x', '?'), ('z', 'c16')])[0]",
    "np.float64(np.nan)", "np.float64(np.inf)", "np.float64(-np.inf)", "np.float64(-0.0)",
    "np.float64(0.0)", "np.float64(1e300)", "np.float64(5e-324)",
]

DTYPES = [
    "np.dtype('int64')", "np.dtype('U10')", "np.dtype('bool')", "np.dtype('S3')",
    "np.dtype('float32')", "np.dtype('complex128')", "np.dtype('uint8')", "np.dtype('int8')",
    "dt_rec", "people[['name', 'wage']].dtype", "np.dtype([('x', '<i8'), ('y', '<f8')])",
    "np.dtype([('a', 'i4'), ('b', 'f8', (3, 3))])",
    "np.dtype([('a', '?'), ('b', 'i1'), ('c', 'u1'), ('d', 'S3'), ('e', 'c16'), ('f', 'f2'), ('g', [('x', 'i2')]), ('h', 'f8', (2,))])",
]

import os
import random

FUZZ = int(os.environ.get('FUZZ', '0'))
rng = random.Random(int(os.environ.get('SEED', '12345')))


def rand_val(rng):
    r = rng.random()
    if r < 0.05:
        return rng.choice([float('nan'), float('inf'), -float('inf')])
    if r < 0.1:
        return rng.choice([0.0, -0.0])
    if r < 0.3:
        return float(rng.randint(-1000, 1000))
    if r < 0.4:
        return round(rng.uniform(-100, 100), rng.randint(0, 10))
    return rng.uniform(-10, 10) * 10.0 ** rng.randint(-12, 12)


FUZZ_ARRAYS = []
FUZZ_SCALARS = []
for k in range(FUZZ):
    t = rng.choice(['float64', 'float64', 'float32', 'float16', 'complex128'])
    n = rng.randint(1, 8)
    vals = [rand_val(rng) for _ in range(n)]
    if t == 'complex128':
        vals = [complex(v, rand_val(rng)) for v in vals]
    scale = rng.choice([1.0, 1e-3, 1e3, 1e6])
    opts = {}
    if rng.random() < 0.5:
        opts['precision'] = rng.randint(0, 10)
    if rng.random() < 0.4:
        opts['floatmode'] = rng.choice(['fixed', 'unique', 'maxprec_equal', 'maxprec'])
    if rng.random() < 0.3:
        opts['suppress'] = True
    if rng.random() < 0.2:
        opts['sign'] = rng.choice(['+', ' '])
    if t == 'complex128':
        text = '[%s]' % ', '.join('complex(%r, %r)' % (v.real, v.imag) for v in vals)
    else:
        text = repr(vals)
    expr = 'np.array(%s, dtype=%r) * %r' % (text, t, scale)
    FUZZ_ARRAYS.append((expr, opts))
    FUZZ_SCALARS.append('np.%s(%r)' % (rng.choice(['float64', 'float32', 'float16']), rand_val(rng) * scale))
nan, inf = float('nan'), float('inf')
OPT_CASES += FUZZ_ARRAYS
SCALARS += FUZZ_SCALARS

out = ['//! Generated by gen_tests.py from NumPy 2.4.6; do not edit.', '',
       'use super::*;', '',
       '/// Array cases: (expr, source, options, repr, str).',
       'pub(super) fn array_cases() -> Vec<(&\'static str, VecSource, PrintOptions, &\'static str, &\'static str)> {',
       '    vec![']
for expr, opts in [(e, {}) for e in ARRAYS] + OPT_CASES:
    a = eval(expr)
    with np.printoptions(**opts):
        r, s = repr(a), str(a)
    vals = ', '.join(rs_scalar(v, a.dtype) for v in (a.ravel() if a.ndim else [a[()]]))
    src = 'VecSource::new(vec![%s], %s, vec![%s])' % (', '.join(map(str, a.shape)), rs_dtype(a.dtype), vals)
    label = expr + ('' if not opts else ' ' + repr(opts))
    out.append('        (%s, %s, %s, %s, %s),' % (rs_str(label), src, rs_opts(opts), rs_str(r), rs_str(s)))
for expr, gen in LARGE:
    a = eval(expr)
    src = 'VecSource::func(vec![%s], %s, %s)' % (', '.join(map(str, a.shape)), rs_dtype(a.dtype), gen)
    out.append('        (%s, %s, PrintOptions::default(), %s, %s),' % (rs_str(expr), src, rs_str(repr(a)), rs_str(str(a))))
out += ['    ]', '}', '',
        '/// Scalar cases: (expr, dtype, value, repr, str).',
        'pub(super) fn scalar_cases() -> Vec<(&\'static str, DType, Scalar, &\'static str, &\'static str)> {',
        '    vec![']
for expr in SCALARS:
    v = eval(expr)
    dt = v.dtype
    out.append('        (%s, %s, %s, %s, %s),' % (rs_str(expr), rs_dtype(dt), rs_scalar(v, dt), rs_str(repr(v)), rs_str(str(v))))
out += ['    ]', '}', '',
        '/// Dtype cases: (expr, dtype, repr, str).',
        'pub(super) fn dtype_cases() -> Vec<(&\'static str, DType, &\'static str, &\'static str)> {',
        '    vec![']
for expr in DTYPES:
    dt = eval(expr)
    out.append('        (%s, %s, %s, %s),' % (rs_str(expr), rs_dtype(dt), rs_str(repr(dt)), rs_str(str(dt))))
out += ['    ]', '}', '']
open('src/render/cases.rs', 'w').write('\n'.join(out))
print('wrote', len(ARRAYS) + len(OPT_CASES) + len(LARGE), 'array cases')
