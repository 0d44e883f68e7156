def _module(mod):
    # numpy.polynomial.polynomial: power series c[0] + c[1]*x + ..., lowest
    # degree first, and the Polynomial class. Arithmetic follows NumPy
    # 2.4's order of operations (Horner for values, convolve for products).
    import numpy as np
    import numpy.polynomial.polyutils as pu
    from numpy.polynomial._polybase import ABCPolyBase, _digits, _superscripts

    polytrim = pu.trimcoef
    polydomain = np.array([-1., 1.])
    polyzero = np.array([0])
    polyone = np.array([1])
    polyx = np.array([0, 1])

    def polyline(off, scl):
        if scl != 0:
            return np.array([off, scl])
        return np.array([off])

    def polyfromroots(roots):
        return pu._fromroots(polyline, polymul, roots)

    def polyadd(c1, c2):
        return pu._add(c1, c2)

    def polysub(c1, c2):
        return pu._sub(c1, c2)

    def polymulx(c):
        [c] = pu.as_series([c])
        if len(c) == 1 and c[0] == 0:
            return c
        prd = np.empty(len(c) + 1, dtype=c.dtype)
        prd[0] = c[0] * 0
        prd[1:] = c
        return prd

    def polymul(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return pu.trimseq(np.convolve(c1, c2))

    def polydiv(c1, c2):
        c1, c2, done = pu._div_start(c1, c2)
        if done is not None:
            return done
        lc1 = len(c1)
        lc2 = len(c2)
        # Synthetic division in place, by the monic divisor.
        scl = c2[-1]
        c2 = c2[:-1] / scl
        i = lc1 - lc2
        j = lc1 - 1
        while i >= 0:
            c1[i:j] -= c2 * c1[j]
            i -= 1
            j -= 1
        return c1[j + 1:] / scl, pu.trimseq(c1[:j + 1])

    def polypow(c, pow, maxpower=None):
        return pu._pow(np.convolve, c, pow, maxpower)

    def polyder(c, m=1, scl=1, axis=0):
        c = pu._float_series(c)
        cdt = c.dtype
        cnt, iaxis = pu._order_axis(m, axis, 'derivation')
        iaxis = pu._normalize_axis(iaxis, c.ndim)
        if cnt == 0:
            return c
        c = np.moveaxis(c, iaxis, 0)
        n = len(c)
        if cnt >= n:
            c = c[:1] * 0
        else:
            for _ in range(cnt):
                n = n - 1
                c *= scl
                der = np.empty((n,) + c.shape[1:], dtype=cdt)
                for j in range(n, 0, -1):
                    der[j - 1] = j * c[j]
                c = der
        return np.moveaxis(c, 0, iaxis)

    def polyint(c, m=1, k=[], lbnd=0, scl=1, axis=0):
        c = pu._float_series(c)
        cdt = c.dtype
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
                tmp = np.empty((n + 1,) + c.shape[1:], dtype=cdt)
                tmp[0] = c[0] * 0
                tmp[1] = c[0]
                for j in range(1, n):
                    tmp[j + 1] = c[j] / (j + 1)
                tmp[0] += k[i] - polyval(lbnd, tmp)
                c = tmp
        return np.moveaxis(c, 0, iaxis)

    def polyval(x, c, tensor=True):
        c = np.array(c, ndmin=1, copy=None)
        if c.dtype.char in pu._INT_CODES:
            c = c + 0.0
        if isinstance(x, (tuple, list)):
            x = np.asarray(x)
        if isinstance(x, np.ndarray) and tensor:
            c = c.reshape(c.shape + (1,) * x.ndim)
        # Horner's scheme, from the highest coefficient down.
        c0 = c[-1] + x * 0
        for i in range(2, len(c) + 1):
            c0 = c[-i] + c0 * x
        return c0

    def polyvalfromroots(x, r, tensor=True):
        r = np.array(r, ndmin=1, copy=None)
        if r.dtype.char in pu._INT_CODES:
            r = r.astype(np.double)
        if isinstance(x, (tuple, list)):
            x = np.asarray(x)
        if isinstance(x, np.ndarray):
            if tensor:
                r = r.reshape(r.shape + (1,) * x.ndim)
            elif x.ndim >= r.ndim:
                raise ValueError('x.ndim must be < r.ndim when tensor == False')
        return np.prod(x - r, axis=0)

    def polyval2d(x, y, c):
        return pu._valnd(polyval, c, x, y)

    def polygrid2d(x, y, c):
        return pu._gridnd(polyval, c, x, y)

    def polyval3d(x, y, z, c):
        return pu._valnd(polyval, c, x, y, z)

    def polygrid3d(x, y, z, c):
        return pu._gridnd(polyval, c, x, y, z)

    def polyvander(x, deg):
        ideg = pu._as_int(deg, 'deg')
        if ideg < 0:
            raise ValueError('deg must be non-negative')
        x = np.array(x, copy=None, ndmin=1) + 0.0
        v = np.empty((ideg + 1,) + x.shape, dtype=x.dtype)
        v[0] = x * 0 + 1
        if ideg > 0:
            v[1] = x
            for i in range(2, ideg + 1):
                v[i] = v[i - 1] * x
        return np.moveaxis(v, 0, -1)

    def polyvander2d(x, y, deg):
        return pu._vander_nd_flat((polyvander, polyvander), (x, y), deg)

    def polyvander3d(x, y, z, deg):
        return pu._vander_nd_flat((polyvander, polyvander, polyvander), (x, y, z), deg)

    def polyfit(x, y, deg, rcond=None, full=False, w=None):
        return pu._fit(polyvander, x, y, deg, rcond, full, w)

    def polycompanion(c):
        [c] = pu.as_series([c])
        if len(c) < 2:
            raise ValueError('Series must have maximum degree of at least 1.')
        if len(c) == 2:
            return np.array([[-c[0] / c[1]]])
        n = len(c) - 1
        mat = np.zeros((n, n), dtype=c.dtype)
        mat.reshape(-1)[n::n + 1] = 1
        mat[:, -1] -= c[:-1] / c[-1]
        return mat

    def polyroots(c):
        [c] = pu.as_series([c])
        if len(c) < 2:
            return np.array([], dtype=c.dtype)
        if len(c) == 2:
            return np.array([-c[0] / c[1]])
        r = np.linalg.eigvals(polycompanion(c))
        r.sort()
        return r

    class Polynomial(ABCPolyBase):
        _add = staticmethod(polyadd)
        _sub = staticmethod(polysub)
        _mul = staticmethod(polymul)
        _div = staticmethod(polydiv)
        _pow = staticmethod(polypow)
        _val = staticmethod(polyval)
        _int = staticmethod(polyint)
        _der = staticmethod(polyder)
        _fit = staticmethod(polyfit)
        _line = staticmethod(polyline)
        _roots = staticmethod(polyroots)
        _fromroots = staticmethod(polyfromroots)
        domain = np.array(polydomain)
        window = np.array(polydomain)
        basis_name = None

        @classmethod
        def _str_term_unicode(cls, i, arg_str):
            if i == '1':
                return f'·{arg_str}'
            return f'·{arg_str}{_digits(i, _superscripts)}'

        @staticmethod
        def _repr_latex_term(i, arg_str, needs_parens):
            if needs_parens:
                arg_str = f'\\left({arg_str}\\right)'
            if i == 0:
                return '1'
            elif i == 1:
                return arg_str
            return f'{arg_str}^{{{i}}}'

        @staticmethod
        def _str_term_ascii(i, arg_str):
            if i == '1':
                return f' {arg_str}'
            return f' {arg_str}**{i}'

    Polynomial.__module__ = 'numpy.polynomial.polynomial'
    names = {
        'polyzero': polyzero, 'polyone': polyone, 'polyx': polyx,
        'polydomain': polydomain, 'polyline': polyline, 'polyadd': polyadd,
        'polysub': polysub, 'polymulx': polymulx, 'polymul': polymul,
        'polydiv': polydiv, 'polypow': polypow, 'polyval': polyval,
        'polyvalfromroots': polyvalfromroots, 'polyder': polyder,
        'polyint': polyint, 'polyfromroots': polyfromroots,
        'polyvander': polyvander, 'polyfit': polyfit, 'polytrim': polytrim,
        'polyroots': polyroots, 'Polynomial': Polynomial,
        'polyval2d': polyval2d, 'polyval3d': polyval3d,
        'polygrid2d': polygrid2d, 'polygrid3d': polygrid3d,
        'polyvander2d': polyvander2d, 'polyvander3d': polyvander3d,
        'polycompanion': polycompanion,
        'np': np, 'pu': pu, 'ABCPolyBase': ABCPolyBase,
    }
    return names
