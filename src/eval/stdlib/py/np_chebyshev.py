def _module(mod):
    # numpy.polynomial.chebyshev: series in the Chebyshev polynomials T_n,
    # lowest degree first, and the Chebyshev class. Products, powers,
    # division and derivatives go through "z-series" (the series written
    # symmetrically in z = e^{i theta}, where T_n = (z^n + z^-n) / 2), as
    # NumPy 2.4 does, so every rounding falls where NumPy's does.
    import numpy as np
    import numpy.polynomial.polyutils as pu
    from numpy.polynomial._polybase import ABCPolyBase

    chebtrim = pu.trimcoef
    chebdomain = np.array([-1., 1.])
    chebzero = np.array([0])
    chebone = np.array([1])
    chebx = np.array([0, 1])

    def _cseries_to_zseries(c):
        # c_0 stays in the middle; each c_k is halved onto z^k and z^-k.
        n = c.size
        zs = np.zeros(2 * n - 1, dtype=c.dtype)
        zs[n - 1:] = c / 2
        return zs + zs[::-1]

    def _zseries_to_cseries(zs):
        n = (zs.size + 1) // 2
        c = zs[n - 1:].copy()
        c[1:n] *= 2
        return c

    def _zseries_mul(z1, z2):
        return np.convolve(z1, z2)

    def _zseries_div(z1, z2):
        # Division of symmetric Laurent series, eliminating from both ends
        # at once; the quotient is symmetric too.
        z1 = z1.copy()
        z2 = z2.copy()
        lc1 = len(z1)
        lc2 = len(z2)
        if lc2 == 1:
            z1 /= z2
            return z1, z1[:1] * 0
        elif lc1 < lc2:
            return z1[:1] * 0, z1
        dlen = lc1 - lc2
        scl = z2[0]
        z2 /= scl
        quo = np.empty(dlen + 1, dtype=z1.dtype)
        i = 0
        j = dlen
        while i < j:
            r = z1[i]
            quo[i] = z1[i]
            quo[dlen - i] = r
            tmp = r * z2
            z1[i:i + lc2] -= tmp
            z1[j:j + lc2] -= tmp
            i += 1
            j -= 1
        r = z1[i]
        quo[i] = r
        tmp = r * z2
        z1[i:i + lc2] -= tmp
        quo /= scl
        rem = z1[i + 1:i - 1 + lc2].copy()
        return quo, rem

    def _zseries_der(zs):
        n = len(zs) // 2
        ns = np.array([-1, 0, 1], dtype=zs.dtype)
        zs *= np.arange(-n, n + 1) * 2
        d, r = _zseries_div(zs, ns)
        return d

    def _zseries_int(zs):
        n = 1 + len(zs) // 2
        ns = np.array([-1, 0, 1], dtype=zs.dtype)
        zs = _zseries_mul(zs, ns)
        div = np.arange(-n, n + 1) * 2
        zs[:n] /= div[:n]
        zs[n + 1:] /= div[n + 1:]
        zs[n] = 0
        return zs

    def chebline(off, scl):
        if scl != 0:
            return np.array([off, scl])
        return np.array([off])

    def chebfromroots(roots):
        return pu._fromroots(chebline, chebmul, roots)

    def chebadd(c1, c2):
        return pu._add(c1, c2)

    def chebsub(c1, c2):
        return pu._sub(c1, c2)

    def chebmulx(c):
        # x T_0 = T_1 and x T_i = (T_{i+1} + T_{i-1}) / 2.
        [c] = pu.as_series([c])
        if len(c) == 1 and c[0] == 0:
            return c
        prd = np.empty(len(c) + 1, dtype=c.dtype)
        prd[0] = c[0] * 0
        prd[1] = c[0]
        if len(c) > 1:
            half = c[1:] / 2
            prd[2:] = half
            prd[0:-2] += half
        return prd

    def chebmul(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        z1 = _cseries_to_zseries(c1)
        z2 = _cseries_to_zseries(c2)
        prd = _zseries_mul(z1, z2)
        return pu.trimseq(_zseries_to_cseries(prd))

    def chebdiv(c1, c2):
        c1, c2, done = pu._div_start(c1, c2)
        if done is not None:
            return done
        z1 = _cseries_to_zseries(c1)
        z2 = _cseries_to_zseries(c2)
        quo, rem = _zseries_div(z1, z2)
        quo = pu.trimseq(_zseries_to_cseries(quo))
        rem = pu.trimseq(_zseries_to_cseries(rem))
        return quo, rem

    def chebpow(c, pow, maxpower=16):
        [c] = pu.as_series([c])
        power = int(pow)
        if power != pow or power < 0:
            raise ValueError('Power must be a non-negative integer.')
        elif maxpower is not None and power > maxpower:
            raise ValueError('Power is too large')
        elif power == 0:
            return np.array([1], dtype=c.dtype)
        elif power == 1:
            return c
        # Repeated convolution of the z-series; no trimming on the way.
        zs = _cseries_to_zseries(c)
        prd = zs
        for _ in range(2, power + 1):
            prd = np.convolve(prd, zs)
        return _zseries_to_cseries(prd)

    def chebder(c, m=1, scl=1, axis=0):
        c = pu._float_series(c)
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
                der = np.empty((n,) + c.shape[1:], dtype=c.dtype)
                for j in range(n, 2, -1):
                    der[j - 1] = (2 * j) * c[j]
                    c[j - 2] += (j * c[j]) / (j - 2)
                if n > 1:
                    der[1] = 4 * c[2]
                der[0] = c[1]
                c = der
        return np.moveaxis(c, 0, iaxis)

    def chebint(c, m=1, k=[], lbnd=0, scl=1, axis=0):
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
                if n > 1:
                    tmp[2] = c[1] / 4
                for j in range(2, n):
                    tmp[j + 1] = c[j] / (2 * (j + 1))
                    tmp[j - 1] -= c[j] / (2 * (j - 1))
                tmp[0] += k[i] - chebval(lbnd, tmp)
                c = tmp
        return np.moveaxis(c, 0, iaxis)

    def chebval(x, c, tensor=True):
        c = np.array(c, ndmin=1, copy=True)
        if c.dtype.char in pu._INT_CODES:
            c = c.astype(np.double)
        if isinstance(x, (tuple, list)):
            x = np.asarray(x)
        if isinstance(x, np.ndarray) and tensor:
            c = c.reshape(c.shape + (1,) * x.ndim)
        # Clenshaw's recurrence with T's constant coefficients.
        if len(c) == 1:
            c0 = c[0]
            c1 = 0
        elif len(c) == 2:
            c0 = c[0]
            c1 = c[1]
        else:
            x2 = 2 * x
            c0 = c[-2]
            c1 = c[-1]
            for i in range(3, len(c) + 1):
                tmp = c0
                c0 = c[-i] - c1
                c1 = tmp + c1 * x2
        return c0 + c1 * x

    def chebval2d(x, y, c):
        return pu._valnd(chebval, c, x, y)

    def chebgrid2d(x, y, c):
        return pu._gridnd(chebval, c, x, y)

    def chebval3d(x, y, z, c):
        return pu._valnd(chebval, c, x, y, z)

    def chebgrid3d(x, y, z, c):
        return pu._gridnd(chebval, c, x, y, z)

    def chebvander(x, deg):
        ideg = pu._as_int(deg, 'deg')
        if ideg < 0:
            raise ValueError('deg must be non-negative')
        x = np.array(x, copy=None, ndmin=1) + 0.0
        v = np.empty((ideg + 1,) + x.shape, dtype=x.dtype)
        v[0] = x * 0 + 1
        if ideg > 0:
            x2 = 2 * x
            v[1] = x
            for i in range(2, ideg + 1):
                v[i] = v[i - 1] * x2 - v[i - 2]
        return np.moveaxis(v, 0, -1)

    def chebvander2d(x, y, deg):
        return pu._vander_nd_flat((chebvander, chebvander), (x, y), deg)

    def chebvander3d(x, y, z, deg):
        return pu._vander_nd_flat((chebvander, chebvander, chebvander), (x, y, z), deg)

    def chebfit(x, y, deg, rcond=None, full=False, w=None):
        return pu._fit(chebvander, x, y, deg, rcond, full, w)

    def chebcompanion(c):
        # Scaled so that the matrix is symmetric but for its last column.
        [c] = pu.as_series([c])
        if len(c) < 2:
            raise ValueError('Series must have maximum degree of at least 1.')
        if len(c) == 2:
            return np.array([[-c[0] / c[1]]])
        n = len(c) - 1
        mat = np.zeros((n, n), dtype=c.dtype)
        scl = np.array([1.] + [np.sqrt(.5)] * (n - 1))
        top = mat.reshape(-1)[1::n + 1]
        bot = mat.reshape(-1)[n::n + 1]
        top[0] = np.sqrt(.5)
        top[1:] = 1 / 2
        bot[...] = top
        mat[:, -1] -= (c[:-1] / c[-1]) * (scl / scl[-1]) * .5
        return mat

    def chebroots(c):
        [c] = pu.as_series([c])
        if len(c) < 2:
            return np.array([], dtype=c.dtype)
        if len(c) == 2:
            return np.array([-c[0] / c[1]])
        # Rotated so the last column is the first, as NumPy passes it.
        r = np.linalg.eigvals(chebcompanion(c)[::-1, ::-1])
        r.sort()
        return r

    def chebinterpolate(func, deg, args=()):
        deg = np.asarray(deg)
        if deg.ndim > 0 or deg.dtype.kind not in 'iu' or deg.size == 0:
            raise TypeError('deg must be an int')
        if deg < 0:
            raise ValueError('expected deg >= 0')
        order = deg + 1
        xcheb = chebpts1(order)
        yfunc = func(xcheb, *args)
        m = chebvander(xcheb, deg)
        c = np.dot(m.T, yfunc)
        c[0] /= order
        c[1:] /= 0.5 * order
        return c

    def chebgauss(deg):
        # The nodes are known in closed form and the weights are equal.
        ideg = pu._as_int(deg, 'deg')
        if ideg <= 0:
            raise ValueError('deg must be a positive integer')
        x = np.cos(np.pi * np.arange(1, 2 * ideg, 2) / (2.0 * ideg))
        w = np.ones(ideg) * (np.pi / ideg)
        return x, w

    def chebweight(x):
        return 1. / (np.sqrt(1. + x) * np.sqrt(1. - x))

    def chebpts1(npts):
        count = int(npts)
        if count != npts:
            raise ValueError('npts must be integer')
        if count < 1:
            raise ValueError('npts must be >= 1')
        x = 0.5 * np.pi / count * np.arange(-count + 1, count + 1, 2)
        return np.sin(x)

    def chebpts2(npts):
        count = int(npts)
        if count != npts:
            raise ValueError('npts must be integer')
        if count < 2:
            raise ValueError('npts must be >= 2')
        x = np.linspace(-np.pi, 0, count)
        return np.cos(x)

    class Chebyshev(ABCPolyBase):
        _add = staticmethod(chebadd)
        _sub = staticmethod(chebsub)
        _mul = staticmethod(chebmul)
        _div = staticmethod(chebdiv)
        _pow = staticmethod(chebpow)
        _val = staticmethod(chebval)
        _int = staticmethod(chebint)
        _der = staticmethod(chebder)
        _fit = staticmethod(chebfit)
        _line = staticmethod(chebline)
        _roots = staticmethod(chebroots)
        _fromroots = staticmethod(chebfromroots)

        @classmethod
        def interpolate(cls, func, deg, domain=None, args=()):
            if domain is None:
                domain = cls.domain

            def xfunc(x):
                return func(pu.mapdomain(x, cls.window, domain), *args)

            coef = chebinterpolate(xfunc, deg)
            return cls(coef, domain=domain)

        domain = np.array(chebdomain)
        window = np.array(chebdomain)
        basis_name = 'T'

    Chebyshev.__module__ = 'numpy.polynomial.chebyshev'

    def poly2cheb(pol):
        [pol] = pu.as_series([pol])
        res = 0
        for i in range(len(pol) - 1, -1, -1):
            res = chebadd(chebmulx(res), pol[i])
        return res

    def cheb2poly(c):
        from numpy.polynomial.polynomial import polyadd, polysub, polymulx
        [c] = pu.as_series([c])
        n = len(c)
        if n < 3:
            return c
        c0 = c[-2]
        c1 = c[-1]
        for i in range(n - 1, 1, -1):
            tmp = c0
            c0 = polysub(c[i - 2], c1)
            c1 = polyadd(tmp, polymulx(c1) * 2)
        return polyadd(c0, polymulx(c1))

    return {
        'chebzero': chebzero, 'chebone': chebone, 'chebx': chebx,
        'chebdomain': chebdomain, 'chebline': chebline, 'chebadd': chebadd,
        'chebsub': chebsub, 'chebmulx': chebmulx, 'chebmul': chebmul,
        'chebdiv': chebdiv, 'chebpow': chebpow, 'chebval': chebval,
        'chebder': chebder, 'chebint': chebint, 'cheb2poly': cheb2poly,
        'poly2cheb': poly2cheb, 'chebfromroots': chebfromroots,
        'chebvander': chebvander, 'chebfit': chebfit, 'chebtrim': chebtrim,
        'chebroots': chebroots, 'chebpts1': chebpts1, 'chebpts2': chebpts2,
        'Chebyshev': Chebyshev, 'chebval2d': chebval2d,
        'chebval3d': chebval3d, 'chebgrid2d': chebgrid2d,
        'chebgrid3d': chebgrid3d, 'chebvander2d': chebvander2d,
        'chebvander3d': chebvander3d, 'chebcompanion': chebcompanion,
        'chebgauss': chebgauss, 'chebweight': chebweight,
        'chebinterpolate': chebinterpolate,
        '_cseries_to_zseries': _cseries_to_zseries,
        '_zseries_to_cseries': _zseries_to_cseries,
        '_zseries_mul': _zseries_mul, '_zseries_div': _zseries_div,
        '_zseries_der': _zseries_der, '_zseries_int': _zseries_int,
        'np': np, 'pu': pu, 'ABCPolyBase': ABCPolyBase,
    }
