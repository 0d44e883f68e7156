def _module(mod):
    # numpy.polynomial.hermite_e: series in the probabilists' Hermite
    # polynomials He_n (He_{n+1} = x He_n - n He_{n-1}), lowest degree
    # first, and the HermiteE class. Products, values and calculus run the
    # recurrence in NumPy 2.4's order.
    import numpy as np
    import numpy.polynomial.polyutils as pu
    from numpy.polynomial._polybase import ABCPolyBase

    hermetrim = pu.trimcoef
    hermedomain = np.array([-1., 1.])
    hermezero = np.array([0])
    hermeone = np.array([1])
    hermex = np.array([0, 1])

    def hermeline(off, scl):
        if scl != 0:
            return np.array([off, scl])
        return np.array([off])

    def hermefromroots(roots):
        return pu._fromroots(hermeline, hermemul, roots)

    def hermeadd(c1, c2):
        return pu._add(c1, c2)

    def hermesub(c1, c2):
        return pu._sub(c1, c2)

    def hermemulx(c):
        # x He_i = He_{i+1} + i He_{i-1}.
        [c] = pu.as_series([c])
        if len(c) == 1 and c[0] == 0:
            return c
        prd = np.empty(len(c) + 1, dtype=c.dtype)
        prd[0] = c[0] * 0
        prd[1] = c[0]
        for i in range(1, len(c)):
            prd[i + 1] = c[i]
            prd[i - 1] += c[i] * i
        return prd

    def hermemul(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        if len(c1) > len(c2):
            c, xs = c2, c1
        else:
            c, xs = c1, c2
        if len(c) == 1:
            c0 = c[0] * xs
            c1 = 0
        elif len(c) == 2:
            c0 = c[0] * xs
            c1 = c[1] * xs
        else:
            nd = len(c)
            c0 = c[-2] * xs
            c1 = c[-1] * xs
            for i in range(3, len(c) + 1):
                tmp = c0
                nd = nd - 1
                c0 = hermesub(c[-i] * xs, c1 * (nd - 1))
                c1 = hermeadd(tmp, hermemulx(c1))
        return hermeadd(c0, hermemulx(c1))

    def hermediv(c1, c2):
        return pu._div(hermemul, c1, c2)

    def hermepow(c, pow, maxpower=16):
        return pu._pow(hermemul, c, pow, maxpower)

    def hermeder(c, m=1, scl=1, axis=0):
        c = pu._float_series(c)
        cnt, iaxis = pu._order_axis(m, axis, 'derivation')
        iaxis = pu._normalize_axis(iaxis, c.ndim)
        if cnt == 0:
            return c
        c = np.moveaxis(c, iaxis, 0)
        n = len(c)
        if cnt >= n:
            # NumPy returns here without moving the axis back, so a
            # derivative along axis 1 comes back along axis 0.
            return c[:1] * 0
        for _ in range(cnt):
            n = n - 1
            c *= scl
            der = np.empty((n,) + c.shape[1:], dtype=c.dtype)
            for j in range(n, 0, -1):
                der[j - 1] = j * c[j]
            c = der
        return np.moveaxis(c, 0, iaxis)

    def hermeint(c, m=1, k=[], lbnd=0, scl=1, axis=0):
        c = pu._float_series(c)
        if not np.iterable(k):
            k = [k]
        cnt, iaxis = pu._order_axis(m, axis, 'integration')
        k = pu._int_constants(k, cnt, lbnd, scl)
        iaxis = pu._normalize_axis(iaxis, c.ndim)
        if cnt == 0:
            return c
        c = np.moveaxis(c, iaxis, 0)
        for i in range(cnt):
            n = len(c)
            c *= scl
            if n == 1 and np.all(c[0] == 0):
                c[0] += k[i]
            else:
                tmp = np.empty((n + 1,) + c.shape[1:], dtype=c.dtype)
                tmp[0] = c[0] * 0
                tmp[1] = c[0]
                for j in range(1, n):
                    tmp[j + 1] = c[j] / (j + 1)
                tmp[0] += k[i] - hermeval(lbnd, tmp)
                c = tmp
        return np.moveaxis(c, 0, iaxis)

    def hermeval(x, c, tensor=True):
        c = np.array(c, ndmin=1, copy=None)
        if c.dtype.char in pu._INT_CODES:
            c = c.astype(np.double)
        if isinstance(x, (tuple, list)):
            x = np.asarray(x)
        if isinstance(x, np.ndarray) and tensor:
            c = c.reshape(c.shape + (1,) * x.ndim)
        # Clenshaw's recurrence, from the highest coefficient down.
        if len(c) == 1:
            c0 = c[0]
            c1 = 0
        elif len(c) == 2:
            c0 = c[0]
            c1 = c[1]
        else:
            nd = len(c)
            c0 = c[-2]
            c1 = c[-1]
            for i in range(3, len(c) + 1):
                tmp = c0
                nd = nd - 1
                c0 = c[-i] - c1 * (nd - 1)
                c1 = tmp + c1 * x
        return c0 + c1 * x

    def hermeval2d(x, y, c):
        return pu._valnd(hermeval, c, x, y)

    def hermegrid2d(x, y, c):
        return pu._gridnd(hermeval, c, x, y)

    def hermeval3d(x, y, z, c):
        return pu._valnd(hermeval, c, x, y, z)

    def hermegrid3d(x, y, z, c):
        return pu._gridnd(hermeval, c, x, y, z)

    def hermevander(x, deg):
        ideg = pu._as_int(deg, 'deg')
        if ideg < 0:
            raise ValueError('deg must be non-negative')
        x = np.array(x, copy=None, ndmin=1) + 0.0
        v = np.empty((ideg + 1,) + x.shape, dtype=x.dtype)
        v[0] = x * 0 + 1
        if ideg > 0:
            v[1] = x
            for i in range(2, ideg + 1):
                v[i] = v[i - 1] * x - v[i - 2] * (i - 1)
        return np.moveaxis(v, 0, -1)

    def hermevander2d(x, y, deg):
        return pu._vander_nd_flat((hermevander, hermevander), (x, y), deg)

    def hermevander3d(x, y, z, deg):
        return pu._vander_nd_flat((hermevander, hermevander, hermevander), (x, y, z), deg)

    def hermefit(x, y, deg, rcond=None, full=False, w=None):
        return pu._fit(hermevander, x, y, deg, rcond, full, w)

    def hermecompanion(c):
        # Scaled so that the matrix is symmetric but for its last column.
        [c] = pu.as_series([c])
        if len(c) < 2:
            raise ValueError('Series must have maximum degree of at least 1.')
        if len(c) == 2:
            return np.array([[-c[0] / c[1]]])
        n = len(c) - 1
        mat = np.zeros((n, n), dtype=c.dtype)
        scl = np.hstack((1., 1. / np.sqrt(np.arange(n - 1, 0, -1))))
        scl = np.multiply.accumulate(scl)[::-1]
        top = mat.reshape(-1)[1::n + 1]
        bot = mat.reshape(-1)[n::n + 1]
        top[...] = np.sqrt(np.arange(1, n))
        bot[...] = top
        mat[:, -1] -= scl * c[:-1] / c[-1]
        return mat

    def hermeroots(c):
        [c] = pu.as_series([c])
        if len(c) <= 1:
            return np.array([], dtype=c.dtype)
        if len(c) == 2:
            return np.array([-c[0] / c[1]])
        # Rotated so the last column is the first, as NumPy passes it.
        r = np.linalg.eigvals(hermecompanion(c)[::-1, ::-1])
        r.sort()
        return r

    def hermeweight(x):
        return np.exp(-.5 * x**2)

    class HermiteE(ABCPolyBase):
        _add = staticmethod(hermeadd)
        _sub = staticmethod(hermesub)
        _mul = staticmethod(hermemul)
        _div = staticmethod(hermediv)
        _pow = staticmethod(hermepow)
        _val = staticmethod(hermeval)
        _int = staticmethod(hermeint)
        _der = staticmethod(hermeder)
        _fit = staticmethod(hermefit)
        _line = staticmethod(hermeline)
        _roots = staticmethod(hermeroots)
        _fromroots = staticmethod(hermefromroots)
        domain = np.array(hermedomain)
        window = np.array(hermedomain)
        basis_name = 'He'

    HermiteE.__module__ = 'numpy.polynomial.hermite_e'

    def poly2herme(pol):
        [pol] = pu.as_series([pol])
        res = 0
        for i in range(len(pol) - 1, -1, -1):
            res = hermeadd(hermemulx(res), pol[i])
        return res

    def herme2poly(c):
        from numpy.polynomial.polynomial import polyadd, polysub, polymulx
        [c] = pu.as_series([c])
        n = len(c)
        if n < 3:
            return c
        c0 = c[-2]
        c1 = c[-1]
        for i in range(n - 1, 1, -1):
            tmp = c0
            c0 = polysub(c[i - 2], c1 * (i - 1))
            c1 = polyadd(tmp, polymulx(c1))
        return polyadd(c0, polymulx(c1))

    return {
        'hermezero': hermezero, 'hermeone': hermeone, 'hermex': hermex,
        'hermedomain': hermedomain, 'hermeline': hermeline,
        'hermeadd': hermeadd, 'hermesub': hermesub, 'hermemulx': hermemulx,
        'hermemul': hermemul, 'hermediv': hermediv, 'hermepow': hermepow,
        'hermeval': hermeval, 'hermeder': hermeder, 'hermeint': hermeint,
        'herme2poly': herme2poly, 'poly2herme': poly2herme,
        'hermefromroots': hermefromroots, 'hermevander': hermevander,
        'hermefit': hermefit, 'hermetrim': hermetrim,
        'hermeroots': hermeroots, 'HermiteE': HermiteE,
        'hermeval2d': hermeval2d, 'hermeval3d': hermeval3d,
        'hermegrid2d': hermegrid2d, 'hermegrid3d': hermegrid3d,
        'hermevander2d': hermevander2d, 'hermevander3d': hermevander3d,
        'hermecompanion': hermecompanion, 'hermeweight': hermeweight,
        'np': np, 'pu': pu, 'ABCPolyBase': ABCPolyBase,
    }
