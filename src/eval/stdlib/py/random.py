def _module(mod):
    # Python's random module over the session's Mersenne Twister
    # (pyrandom.rs), following CPython 3.11's Lib/random.py step by step:
    # the same calls of random() and getrandbits() in the same order give
    # the same values.
    _random = mod._random
    _getrandbits = mod._getrandbits
    _randbelow = mod._randbelow
    _index = mod._index
    _log = mod._log
    _exp = mod._exp
    _sqrt = mod._sqrt
    _cos = mod._cos
    _sin = mod._sin
    _floor = mod._floor
    _isfinite = mod._isfinite
    TWOPI = 6.283185307179586
    NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)

    class Random:
        def __init__(self):
            self.gauss_next = None

        def seed(self, a=None, version=2):
            if a is None:
                mod._seed_os()
            elif isinstance(a, int):
                mod._seed_int(a)
            elif isinstance(a, (float, str)):
                raise NotImplementedError(
                    "slicelab's random.seed takes an int or None, not a "
                    + type(a).__name__)
            else:
                raise TypeError('The only supported seed types are: None,\n'
                                'int, float, str, bytes, and bytearray.')
            self.gauss_next = None

        def random(self, *args):
            return _random(*args)

        def getrandbits(self, *args):
            if len(args) != 1:
                raise TypeError('Random.getrandbits() takes exactly one argument (%d given)' % len(args))
            return _getrandbits(args[0])

        def getstate(self):
            raise NotImplementedError("slicelab does not implement random.getstate yet")

        def setstate(self, state):
            raise NotImplementedError("slicelab does not implement random.setstate yet")

        def randrange(self, start, stop=None, step=1):
            if not isinstance(start, int) and isinstance(start, float):
                if int(start) != start:
                    raise ValueError("non-integer arg 1 for randrange()")
                raise NotImplementedError("slicelab's randrange takes ints")
            istart = _index(start)
            if stop is None:
                if step != 1:
                    raise TypeError('Missing a non-None stop argument')
                if istart > 0:
                    return _randbelow(istart)
                raise ValueError("empty range for randrange()")
            if not isinstance(stop, int) and isinstance(stop, float):
                if int(stop) != stop:
                    raise ValueError("non-integer stop for randrange()")
                raise NotImplementedError("slicelab's randrange takes ints")
            istop = _index(stop)
            width = istop - istart
            if not isinstance(step, int) and isinstance(step, float):
                if int(step) != step:
                    raise ValueError("non-integer step for randrange()")
                raise NotImplementedError("slicelab's randrange takes ints")
            istep = _index(step)
            if istep == 1:
                if width > 0:
                    return istart + _randbelow(width)
                raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
            if istep > 0:
                n = (width + istep - 1) // istep
            elif istep < 0:
                n = (width + istep + 1) // istep
            else:
                raise ValueError("zero step for randrange()")
            if n <= 0:
                raise ValueError("empty range for randrange()")
            return istart + istep * _randbelow(n)

        def randint(self, a, b):
            return self.randrange(a, b+1)

        def choice(self, seq):
            if not len(seq):
                raise IndexError('Cannot choose from an empty sequence')
            return seq[_randbelow(len(seq))]

        def shuffle(self, x):
            for i in reversed(range(1, len(x))):
                j = _randbelow(i + 1)
                x[i], x[j] = x[j], x[i]

        def sample(self, population, k, *, counts=None):
            if type(population) not in (list, tuple, str, range):
                raise TypeError("Population must be a sequence.  "
                                "For dicts or sets, use sorted(d).")
            if counts is not None:
                raise NotImplementedError("slicelab's random.sample does not take counts yet")
            n = len(population)
            if not 0 <= k <= n:
                raise ValueError("Sample larger than population or is negative")
            result = [None] * k
            setsize = 21
            if k > 5:
                # 4 ** ceil(log(3k, 4)), as CPython computes it.
                setsize += 4 ** mod._ceil(_log(k * 3, 4))
            if n <= setsize:
                pool = list(population)
                for i in range(k):
                    j = _randbelow(n - i)
                    result[i] = pool[j]
                    pool[j] = pool[n - i - 1]
            else:
                selected = set()
                for i in range(k):
                    j = _randbelow(n)
                    while j in selected:
                        j = _randbelow(n)
                    selected.add(j)
                    result[i] = population[j]
            return result

        def choices(self, population, weights=None, *, cum_weights=None, k=1):
            n = len(population)
            if cum_weights is None:
                if weights is None:
                    n += 0.0
                    return [population[_floor(_random() * n)] for i in range(k)]
                cum_weights = []
                total = 0
                for w in weights:
                    total = total + w if cum_weights else w
                    cum_weights.append(total)
            elif weights is not None:
                raise TypeError('Cannot specify both weights and cumulative weights')
            if len(cum_weights) != n:
                raise ValueError('The number of weights does not match the population')
            total = cum_weights[-1] + 0.0
            if total <= 0.0:
                raise ValueError('Total of weights must be greater than zero')
            if not _isfinite(total):
                raise ValueError('Total of weights must be finite')
            hi = n - 1
            out = []
            for i in range(k):
                x = _random() * total
                # bisect_right(cum_weights, x, 0, hi)
                lo, h = 0, hi
                while lo < h:
                    mid = (lo + h) // 2
                    if x < cum_weights[mid]:
                        h = mid
                    else:
                        lo = mid + 1
                out.append(population[lo])
            return out

        def uniform(self, a, b):
            return a + (b - a) * _random()

        def triangular(self, low=0.0, high=1.0, mode=None):
            u = _random()
            try:
                c = 0.5 if mode is None else (mode - low) / (high - low)
            except ZeroDivisionError:
                return low
            if u > c:
                u = 1.0 - u
                c = 1.0 - c
                low, high = high, low
            return low + (high - low) * _sqrt(u * c)

        def normalvariate(self, mu=0.0, sigma=1.0):
            while True:
                u1 = _random()
                u2 = 1.0 - _random()
                z = NV_MAGICCONST * (u1 - 0.5) / u2
                zz = z * z / 4.0
                if zz <= -_log(u2):
                    break
            return mu + z * sigma

        def gauss(self, mu=0.0, sigma=1.0):
            z = self.gauss_next
            self.gauss_next = None
            if z is None:
                x2pi = _random() * TWOPI
                g2rad = _sqrt(-2.0 * _log(1.0 - _random()))
                z = _cos(x2pi) * g2rad
                self.gauss_next = _sin(x2pi) * g2rad
            return mu + z * sigma

        def lognormvariate(self, mu, sigma):
            return _exp(self.normalvariate(mu, sigma))

        def expovariate(self, lambd):
            return -_log(1.0 - _random()) / lambd

    _inst = Random()
    return {
        'seed': _inst.seed,
        'random': _inst.random,
        'getrandbits': _inst.getrandbits,
        'getstate': _inst.getstate,
        'setstate': _inst.setstate,
        'randrange': _inst.randrange,
        'randint': _inst.randint,
        'choice': _inst.choice,
        'shuffle': _inst.shuffle,
        'sample': _inst.sample,
        'choices': _inst.choices,
        'uniform': _inst.uniform,
        'triangular': _inst.triangular,
        'normalvariate': _inst.normalvariate,
        'gauss': _inst.gauss,
        'lognormvariate': _inst.lognormvariate,
        'expovariate': _inst.expovariate,
    }
