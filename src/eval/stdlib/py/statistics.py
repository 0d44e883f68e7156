def _module(mod):
    # CPython 3.11's statistics: sums are exact fractions, kept here as
    # (numerator, denominator) pairs of ints and converted to the data's
    # type at the end, as statistics.py does. slicelab's ints have 128 bits:
    # when an exact sum needs more, the function says so instead of
    # rounding differently from CPython.
    from math import frexp, fsum, gcd, isqrt
    from collections import Counter
    from itertools import groupby

    class StatisticsError(ValueError):
        pass

    def _too_big(name):
        return NotImplementedError(
            f'statistics.{name} needs integers beyond slicelab\'s 128 bits '
            'for these values (its sums are exact)')

    def _frac(n, d):
        if d < 0:
            n, d = -n, -d
        g = gcd(n, d)
        return (n // g, d // g) if g > 1 else (n, d)

    def _add(a, b):
        return _frac(a[0] * b[1] + b[0] * a[1], a[1] * b[1])

    def _mul(a, b):
        return _frac(a[0] * b[0], a[1] * b[1])

    def _div(a, b):
        return _frac(a[0] * b[1], a[1] * b[0])

    def _is_int_type(T):
        return T is int or T is bool or issubclass(T, int)

    def _coerce(T, S):
        if T is S:
            return T
        if S is int or S is bool:
            return T
        if T is int:
            return S
        if issubclass(S, T):
            return S
        if issubclass(T, S):
            return T
        if issubclass(T, int):
            return S
        if issubclass(S, int):
            return T
        raise TypeError("can't convert type '%s' to '%s'" % (T.__name__, S.__name__))

    def _float_ratio(x):
        if x != x or x in (float('inf'), -float('inf')):
            return (x, None)
        m, e = frexp(x)
        n = int(m * 9007199254740992.0)
        e -= 53
        if e >= 0:
            return (n << e, 1)
        return _frac(n, 1 << -e)

    def _exact_ratio(x):
        try:
            if isinstance(x, float):
                return _float_ratio(float(x))
            if isinstance(x, int):
                return (int(x), 1)
            return x.as_integer_ratio()
        except AttributeError:
            pass
        except ValueError:
            return (x, None)
        try:
            return (x.numerator, x.denominator)
        except AttributeError:
            raise TypeError(f"can't convert type '{type(x).__name__}' "
                            'to numerator/denominator') from None

    def _types_and_ratios(data):
        types = set()
        ratios = []
        for typ, values in groupby(data, type):
            types.add(typ)
            for v in values:
                ratios.append(_exact_ratio(v))
        T = int
        for S in types:
            T = _coerce(T, S)
        return T, ratios

    def _sum(ratios):
        # Partials by denominator, then one exact sum (None: NaN or inf).
        partials = {}
        for n, d in ratios:
            partials[d] = partials.get(d, 0) + n
        if None in partials:
            return partials[None]
        total = (0, 1)
        for d, n in partials.items():
            total = _add(total, _frac(n, d))
        return total

    def _convert(value, T):
        if not isinstance(value, tuple):
            return T(value)
        n, d = value
        if _is_int_type(T):
            return T(n) if d == 1 else n / d
        if T is float:
            return n / d
        # T(Fraction): NumPy's integer types truncate it, as int() does;
        # the others take float(Fraction).
        if getattr(getattr(T(0), 'dtype', None), 'kind', '') in 'iu':
            return T(n // d if n >= 0 else -((-n) // d))
        return T(n / d)

    def _ss(data, c, name):
        try:
            if c is not None:
                T, ratios = _types_and_ratios([(x - c) * (x - c) for x in data])
                return T, _sum(ratios), len(ratios)
            T, ratios = _types_and_ratios(data)
            count = len(ratios)
            sx = {}
            sxx = {}
            for n, d in ratios:
                sx[d] = sx.get(d, 0) + n
                sxx[d] = sxx.get(d, 0) + n * n
            if not count:
                return T, (0, 1), 0
            if None in sx:
                return T, sx[None], count
            tx = (0, 1)
            txx = (0, 1)
            for d, n in sx.items():
                tx = _add(tx, _frac(n, d))
            for d, n in sxx.items():
                txx = _add(txx, _frac(n, d * d))
            ssd = _div(_add(_mul((count, 1), txx), _mul((-tx[0], tx[1]), tx)), (count, 1))
            return T, ssd, count
        except OverflowError:
            raise _too_big(name) from None

    def _sqrt_of_frac(n, m, name):
        # The square root of n/m correctly rounded: round-to-odd integer
        # square roots of the fraction scaled to 109 bits.
        try:
            q = (n.bit_length() - m.bit_length() - 109) // 2
            if q >= 0:
                a = isqrt(n // (m << 2 * q))
                numerator = (a | (a * a * (m << 2 * q) != n)) << q
                denominator = 1
            else:
                a = isqrt((n << -2 * q) // m)
                numerator = a | (a * a * m != (n << -2 * q))
                denominator = 1 << -q
            return numerator / denominator
        except OverflowError:
            raise _too_big(name) from None

    def mean(data):
        try:
            T, ratios = _types_and_ratios(data)
            n = len(ratios)
            if n < 1:
                raise StatisticsError('mean requires at least one data point')
            total = _sum(ratios)
            if not isinstance(total, tuple):
                return _convert(total / n, T)
            return _convert(_div(total, (n, 1)), T)
        except OverflowError:
            raise _too_big('mean') from None

    def fmean(data, weights=None):
        try:
            n = len(data)
        except TypeError:
            data = list(data)
            n = len(data)
        if weights is None:
            total = fsum(data)
            if not n:
                raise StatisticsError('fmean requires at least one data point')
            return total / n
        try:
            num_weights = len(weights)
        except TypeError:
            weights = list(weights)
            num_weights = len(weights)
        num = fsum([x * w for x, w in zip(data, weights)])
        if n != num_weights:
            raise StatisticsError('data and weights must be the same length')
        den = fsum(weights)
        if not den:
            raise StatisticsError('sum of weights must be non-zero')
        return num / den

    def median(data):
        data = sorted(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('no median for empty data')
        if n % 2 == 1:
            return data[n // 2]
        i = n // 2
        return (data[i - 1] + data[i]) / 2

    def median_low(data):
        data = sorted(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('no median for empty data')
        if n % 2 == 1:
            return data[n // 2]
        return data[n // 2 - 1]

    def median_high(data):
        data = sorted(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('no median for empty data')
        return data[n // 2]

    def mode(data):
        pairs = Counter(iter(data)).most_common(1)
        if not pairs:
            raise StatisticsError('no mode for empty data')
        return pairs[0][0]

    def multimode(data):
        counts = Counter(iter(data))
        if not counts:
            return []
        maxcount = max(counts.values())
        return [value for value, count in counts.items() if count == maxcount]

    def _listed(data):
        return data if isinstance(data, (list, tuple)) else list(data)

    def variance(data, xbar=None):
        T, ss, n = _ss(_listed(data), xbar, 'variance')
        if n < 2:
            raise StatisticsError('variance requires at least two data points')
        if not isinstance(ss, tuple):
            return _convert(ss / (n - 1), T)
        return _convert(_div(ss, (n - 1, 1)), T)

    def pvariance(data, mu=None):
        T, ss, n = _ss(_listed(data), mu, 'pvariance')
        if n < 1:
            raise StatisticsError('pvariance requires at least one data point')
        if not isinstance(ss, tuple):
            return _convert(ss / n, T)
        return _convert(_div(ss, (n, 1)), T)

    def stdev(data, xbar=None):
        T, ss, n = _ss(_listed(data), xbar, 'stdev')
        if n < 2:
            raise StatisticsError('stdev requires at least two data points')
        if not isinstance(ss, tuple):
            # CPython reads a NaN's `.numerator` here.
            raise AttributeError("'float' object has no attribute 'numerator'")
        mss = _div(ss, (n - 1, 1))
        return _sqrt_of_frac(mss[0], mss[1], 'stdev')

    def pstdev(data, mu=None):
        T, ss, n = _ss(_listed(data), mu, 'pstdev')
        if n < 1:
            raise StatisticsError('pstdev requires at least one data point')
        if not isinstance(ss, tuple):
            # CPython reads a NaN's `.numerator` here.
            raise AttributeError("'float' object has no attribute 'numerator'")
        mss = _div(ss, (n, 1))
        return _sqrt_of_frac(mss[0], mss[1], 'pstdev')

    StatisticsError.__module__ = 'statistics'
    return {
        'StatisticsError': StatisticsError, 'mean': mean, 'fmean': fmean,
        'median': median, 'median_low': median_low, 'median_high': median_high,
        'mode': mode, 'multimode': multimode, 'variance': variance,
        'pvariance': pvariance, 'stdev': stdev, 'pstdev': pstdev,
    }
