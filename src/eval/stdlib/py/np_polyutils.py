def _module(mod):
    # numpy.polynomial.polyutils: the helpers every basis shares. Each
    # routine does its arithmetic in the order NumPy 2.4's does, through
    # the session's own NumPy, so results agree bit for bit.
    import numpy as np
    import operator

    def trimseq(seq):
        # Drop trailing zeros, keeping at least one element.
        if len(seq) == 0 or seq[-1] != 0:
            return seq
        last = len(seq) - 1
        while last > 0 and seq[last] == 0:
            last -= 1
        return seq[:last + 1]

    def as_series(alist, trim=True):
        arrays = [np.array(a, ndmin=1, copy=None) for a in alist]
        for a in arrays:
            if a.size == 0:
                raise ValueError('Coefficient array is empty')
            if a.ndim != 1:
                raise ValueError('Coefficient array is not 1-d')
        if trim:
            arrays = [trimseq(a) for a in arrays]
        if any(a.dtype == object for a in arrays):
            raise NotImplementedError(
                'slicelab does not implement numpy.polynomial on object '
                'coefficients yet')
        try:
            dtype = np.common_type(*arrays)
        except TypeError:
            raise ValueError('Coefficient arrays have no common type')
        return [np.array(a, copy=True, dtype=dtype) for a in arrays]

    def trimcoef(c, tol=0):
        if tol < 0:
            raise ValueError('tol must be non-negative')
        [c] = as_series([c])
        [kept] = np.nonzero(np.abs(c) > tol)
        if len(kept) == 0:
            return c[:1] * 0
        return c[:kept[-1] + 1].copy()

    def getdomain(x):
        [x] = as_series([x], trim=False)
        if x.dtype.char in np.typecodes['Complex']:
            lo = complex(x.real.min(), x.imag.min())
            hi = complex(x.real.max(), x.imag.max())
            return np.array((lo, hi))
        return np.array((x.min(), x.max()))

    def mapparms(old, new):
        oldlen = old[1] - old[0]
        newlen = new[1] - new[0]
        off = (old[1] * new[0] - old[0] * new[1]) / oldlen
        scl = newlen / oldlen
        return off, scl

    def mapdomain(x, old, new):
        if type(x) not in (int, float, complex) and not isinstance(x, np.generic):
            x = np.asanyarray(x)
            if x.dtype == object and x.ndim == 0:
                # NumPy's object loop applies the Python operators to the
                # one element (a series, in convert()) and unwraps it.
                x = x[()]
        off, scl = mapparms(old, new)
        return off + scl * x

    def _normalize_axis(axis, ndim):
        if axis < -ndim or axis >= ndim:
            raise np.exceptions.AxisError(axis, ndim)
        return axis % ndim if ndim else axis

    def _float_series(c):
        # A copy of a calculus routine's coefficients, integers and bools
        # as float64.
        c = np.array(c, ndmin=1, copy=True)
        if c.dtype.char in '?bBhHiIlLqQpP':
            c = c.astype(np.double)
        return c

    def _order_axis(m, axis, what):
        # A derivative's or integral's order and axis, checked in NumPy's
        # order (the axis is normalized later, against the array).
        cnt = _as_int(m, f'the order of {what}')
        iaxis = _as_int(axis, 'the axis')
        if cnt < 0:
            raise ValueError(f'The order of {what} must be non-negative')
        return cnt, iaxis

    def _int_constants(k, cnt, lbnd, scl):
        # An integral's constants, padded with zeros to one per order.
        if len(k) > cnt:
            raise ValueError('Too many integration constants')
        if np.ndim(lbnd) != 0:
            raise ValueError('lbnd must be a scalar.')
        if np.ndim(scl) != 0:
            raise ValueError('scl must be a scalar.')
        return list(k) + [0] * (cnt - len(k))

    def _nth_slice(i, ndim):
        sl = [np.newaxis] * ndim
        sl[i] = slice(None)
        return tuple(sl)

    def _vander_nd(vander_fs, points, degrees):
        n_dims = len(vander_fs)
        if n_dims != len(points):
            raise ValueError(
                f'Expected {n_dims} dimensions of sample points, got {len(points)}')
        if n_dims != len(degrees):
            raise ValueError(
                f'Expected {n_dims} dimensions of degrees, got {len(degrees)}')
        if n_dims == 0:
            raise ValueError('Unable to guess a dtype or shape when no points are given')
        points = tuple(np.asarray(tuple(points)) + 0.0)
        result = None
        for i in range(n_dims):
            v = vander_fs[i](points[i], degrees[i])[(...,) + _nth_slice(i, n_dims)]
            result = v if result is None else result * v
        return result

    def _vander_nd_flat(vander_fs, points, degrees):
        v = _vander_nd(vander_fs, points, degrees)
        return v.reshape(v.shape[:-len(degrees)] + (-1,))

    def _fromroots(line_f, mul_f, roots):
        if len(roots) == 0:
            return np.ones(1)
        [roots] = as_series([roots], trim=False)
        roots.sort()
        p = [line_f(-r, 1) for r in roots]
        # Multiply pairwise, halving the list each round.
        n = len(p)
        while n > 1:
            m, odd = divmod(n, 2)
            tmp = [mul_f(p[i], p[i + m]) for i in range(m)]
            if odd:
                tmp[0] = mul_f(tmp[0], p[-1])
            p = tmp
            n = m
        return p[0]

    def _valnd(val_f, c, *args):
        args = [np.asanyarray(a) for a in args]
        shape0 = args[0].shape
        if not all(a.shape == shape0 for a in args[1:]):
            if len(args) == 3:
                raise ValueError('x, y, z are incompatible')
            elif len(args) == 2:
                raise ValueError('x, y are incompatible')
            raise ValueError('ordinates are incompatible')
        c = val_f(args[0], c)
        for xi in args[1:]:
            c = val_f(xi, c, tensor=False)
        return c

    def _gridnd(val_f, c, *args):
        for xi in args:
            c = val_f(xi, c)
        return c

    def _div_start(c1, c2):
        # The series of a division, and its result when it needs no
        # long division (a shorter dividend, or a constant divisor).
        [c1, c2] = as_series([c1, c2])
        if c2[-1] == 0:
            raise ZeroDivisionError()
        if len(c1) < len(c2):
            return c1, c2, (c1[:1] * 0, c1)
        if len(c2) == 1:
            return c1, c2, (c1 / c2[-1], c1[:1] * 0)
        return c1, c2, None

    def _div(mul_f, c1, c2):
        c1, c2, done = _div_start(c1, c2)
        if done is not None:
            return done
        lc1 = len(c1)
        lc2 = len(c2)
        quo = np.empty(lc1 - lc2 + 1, dtype=c1.dtype)
        rem = c1
        for i in range(lc1 - lc2, -1, -1):
            p = mul_f([0] * i + [1], c2)
            q = rem[-1] / p[-1]
            rem = rem[:-1] - q * p[:-1]
            quo[i] = q
        return quo, trimseq(rem)

    def _add(c1, c2):
        [c1, c2] = as_series([c1, c2])
        if len(c1) > len(c2):
            c1[:c2.size] += c2
            ret = c1
        else:
            c2[:c1.size] += c1
            ret = c2
        return trimseq(ret)

    def _sub(c1, c2):
        [c1, c2] = as_series([c1, c2])
        if len(c1) > len(c2):
            c1[:c2.size] -= c2
            ret = c1
        else:
            c2 = -c2
            c2[:c1.size] += c1
            ret = c2
        return trimseq(ret)

    def _fit(vander_f, x, y, deg, rcond=None, full=False, w=None):
        x = np.asarray(x) + 0.0
        y = np.asarray(y) + 0.0
        deg = np.asarray(deg)
        if deg.ndim > 1 or deg.dtype.kind not in 'iu' or deg.size == 0:
            raise TypeError('deg must be an int or non-empty 1-D array of int')
        if deg.min() < 0:
            raise ValueError('expected deg >= 0')
        if x.ndim != 1:
            raise TypeError('expected 1D vector for x')
        if x.size == 0:
            raise TypeError('expected non-empty vector for x')
        if y.ndim < 1 or y.ndim > 2:
            raise TypeError('expected 1D or 2D array for y')
        if len(x) != len(y):
            raise TypeError('expected x and y to have same length')
        if deg.ndim == 0:
            lmax = deg
            order = lmax + 1
            van = vander_f(x, lmax)
        else:
            deg = np.sort(deg)
            lmax = deg[-1]
            order = len(deg)
            van = vander_f(x, lmax)[:, deg]
        lhs = van.T
        rhs = y.T
        if w is not None:
            w = np.asarray(w) + 0.0
            if w.ndim != 1:
                raise TypeError('expected 1D vector for w')
            if len(x) != len(w):
                raise TypeError('expected x and w to have same length')
            lhs = lhs * w
            rhs = rhs * w
        if rcond is None:
            rcond = len(x) * np.finfo(x.dtype).eps
        # Scale the columns to unit length before solving.
        if issubclass(lhs.dtype.type, np.complexfloating):
            scl = np.sqrt((np.square(lhs.real) + np.square(lhs.imag)).sum(1))
        else:
            scl = np.sqrt(np.square(lhs).sum(1))
        scl[scl == 0] = 1
        c, resids, rank, s = np.linalg.lstsq(lhs.T / scl, rhs.T, rcond)
        c = (c.T / scl).T
        if deg.ndim > 0:
            if c.ndim == 2:
                cc = np.zeros((lmax + 1, c.shape[1]), dtype=c.dtype)
            else:
                cc = np.zeros(lmax + 1, dtype=c.dtype)
            cc[deg] = c
            c = cc
        # A rank-deficient fit warns (RankWarning) in NumPy; the warning
        # is not part of the value.
        if full:
            return c, [resids, rank, s, rcond]
        return c

    def _pow(mul_f, c, pow, maxpower):
        [c] = as_series([c])
        power = int(pow)
        if power != pow or power < 0:
            raise ValueError('Power must be a non-negative integer.')
        elif maxpower is not None and power > maxpower:
            raise ValueError('Power is too large')
        elif power == 0:
            return np.array([1], dtype=c.dtype)
        elif power == 1:
            return c
        prd = c
        for _ in range(2, power + 1):
            prd = mul_f(prd, c)
        return prd

    def _as_int(x, desc):
        try:
            return operator.index(x)
        except TypeError:
            raise TypeError(f'{desc} must be an integer, received {x}')

    def format_float(x, parens=False):
        if not np.issubdtype(type(x), np.floating):
            return str(x)
        opts = np.get_printoptions()
        if np.isnan(x):
            return opts['nanstr']
        elif np.isinf(x):
            return opts['infstr']
        exp_format = False
        if x != 0:
            a = np.abs(x)
            if a >= 1.e8 or a < 10 ** min(0, -(opts['precision'] - 1) // 2):
                exp_format = True
        trim, unique = '0', True
        if opts['floatmode'] == 'fixed':
            trim, unique = 'k', False
        if exp_format:
            s = np.format_float_scientific(
                x, precision=opts['precision'], unique=unique, trim=trim,
                sign=opts['sign'] == '+')
            if parens:
                s = '(' + s + ')'
        else:
            s = np.format_float_positional(
                x, precision=opts['precision'], fractional=True,
                unique=unique, trim=trim, sign=opts['sign'] == '+')
        return s

    return {
        'trimseq': trimseq, 'as_series': as_series, 'trimcoef': trimcoef,
        'getdomain': getdomain, 'mapparms': mapparms, 'mapdomain': mapdomain,
        'format_float': format_float, '_nth_slice': _nth_slice,
        '_vander_nd': _vander_nd, '_vander_nd_flat': _vander_nd_flat,
        '_fromroots': _fromroots, '_valnd': _valnd, '_gridnd': _gridnd,
        '_div': _div, '_div_start': _div_start, '_add': _add, '_sub': _sub, '_fit': _fit, '_pow': _pow,
        '_as_int': _as_int, '_normalize_axis': _normalize_axis,
        '_float_series': _float_series, '_order_axis': _order_axis,
        '_int_constants': _int_constants,
        # The type codes the value routines convert to double first.
        '_INT_CODES': '?bBhHiIlLqQpP',
        'np': np,
    }
