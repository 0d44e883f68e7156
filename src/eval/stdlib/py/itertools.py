def _module(mod):
    # Python's itertools as lazy generators, following the "roughly
    # equivalent" code of CPython 3.11's documentation and the argument
    # checks of Modules/itertoolsmodule.c (which run when the iterator is
    # made, not at its first next()).
    class _Missing:
        pass
    _MISSING = _Missing()

    def _int_arg(v, what):
        if not isinstance(v, int):
            raise TypeError(what)
        return v

    def count(start=0, step=1):
        if not isinstance(start, (int, float)) or not isinstance(step, (int, float)):
            raise TypeError('a number is required')
        def gen(n):
            while True:
                yield n
                n += step
        return gen(start)

    def cycle(*args, **kwargs):
        if kwargs:
            raise TypeError('cycle() takes no keyword arguments')
        if len(args) != 1:
            raise TypeError('cycle expected 1 argument, got %d' % len(args))
        it = iter(args[0])
        def gen():
            saved = []
            for element in it:
                yield element
                saved.append(element)
            while saved:
                for element in saved:
                    yield element
        return gen()

    def repeat(object=_MISSING, times=None):
        if object is _MISSING:
            raise TypeError("repeat() missing required argument 'object' (pos 1)")
        if times is None:
            def forever():
                while True:
                    yield object
            return forever()
        times = _int_arg(times, "'%s' object cannot be interpreted as an integer" % type(times).__name__)
        def gen(n):
            for i in range(n):
                yield object
        return gen(times)

    def accumulate(iterable=_MISSING, func=None, *, initial=None):
        if iterable is _MISSING:
            raise TypeError("accumulate() missing required argument 'iterable' (pos 1)")
        it = iter(iterable)
        def gen():
            total = initial
            if initial is None:
                try:
                    total = next(it)
                except StopIteration:
                    return
            yield total
            for element in it:
                total = total + element if func is None else func(total, element)
                yield total
        return gen()

    def _chain(iterables):
        for it in iterables:
            for element in it:
                yield element

    class _Chain:
        # `chain(*its)` and `chain.from_iterable(its)`: one object that is
        # called and has the second as an attribute.
        def __call__(self, *iterables, **kwargs):
            if kwargs:
                raise TypeError('chain() takes no keyword arguments')
            return _chain(iterables)

        def from_iterable(self, iterable):
            return _chain(iterable)

    chain = _Chain()

    def compress(data, selectors):
        data, selectors = iter(data), iter(selectors)
        def gen():
            for d, s in zip(data, selectors):
                if s:
                    yield d
        return gen()

    def dropwhile(predicate, iterable):
        it = iter(iterable)
        def gen():
            for x in it:
                if not predicate(x):
                    yield x
                    break
            for x in it:
                yield x
        return gen()

    def takewhile(predicate, iterable):
        it = iter(iterable)
        def gen():
            for x in it:
                if predicate(x):
                    yield x
                else:
                    break
        return gen()

    def filterfalse(predicate, iterable):
        it = iter(iterable)
        def gen():
            for x in it:
                if not (bool(x) if predicate is None else predicate(x)):
                    yield x
        return gen()

    def starmap(*args, **kwargs):
        if kwargs:
            raise TypeError('starmap() takes no keyword arguments')
        if len(args) != 2:
            raise TypeError('starmap expected 2 arguments, got %d' % len(args))
        function, it = args[0], iter(args[1])
        def gen():
            for a in it:
                yield function(*a)
        return gen()

    def pairwise(*args, **kwargs):
        if kwargs:
            raise TypeError('pairwise() takes no keyword arguments')
        if len(args) != 1:
            raise TypeError('pairwise expected 1 argument, got %d' % len(args))
        it = iter(args[0])
        def gen():
            try:
                a = next(it)
            except StopIteration:
                return
            for b in it:
                yield a, b
                a = b
        return gen()

    def _islice_arg(v, what):
        if v is None:
            return None
        if not isinstance(v, int) or v < 0 or v > 9223372036854775807:
            raise ValueError(what)
        return v

    def islice(*args, **kwargs):
        if kwargs:
            raise TypeError('islice() takes no keyword arguments')
        if len(args) < 2:
            raise TypeError('islice expected at least 2 arguments, got %d' % len(args))
        if len(args) > 4:
            raise TypeError('islice expected at most 4 arguments, got %d' % len(args))
        stop_msg = 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
        if len(args) == 2:
            start, stop, step = 0, _islice_arg(args[1], stop_msg), 1
        else:
            start = args[1]
            stop = _islice_arg(args[2], stop_msg)
            start = _islice_arg(start, 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
            if start is None:
                start = 0
            step = 1
            if len(args) == 4 and args[3] is not None:
                if not isinstance(args[3], int) or args[3] < 1:
                    raise ValueError('Step for islice() must be a positive integer or None.')
                step = args[3]
        it = iter(args[0])
        def gen():
            # islice_next in itertoolsmodule.c: never reads past stop.
            cnt = 0
            nxt = start
            while True:
                while cnt < nxt:
                    try:
                        next(it)
                    except StopIteration:
                        return
                    cnt += 1
                if stop is not None and cnt >= stop:
                    return
                try:
                    item = next(it)
                except StopIteration:
                    return
                cnt += 1
                nxt += step
                if stop is not None and nxt > stop:
                    nxt = stop
                yield item
        return gen()

    def zip_longest(*args, fillvalue=None):
        iterators = [iter(it) for it in args]
        def gen():
            num_active = len(iterators)
            if not num_active:
                return
            while True:
                values = []
                for i, it in enumerate(iterators):
                    try:
                        value = next(it)
                    except StopIteration:
                        num_active -= 1
                        if not num_active:
                            return
                        iterators[i] = repeat(fillvalue)
                        value = fillvalue
                    values.append(value)
                yield tuple(values)
        return gen()

    def groupby(iterable=_MISSING, key=None):
        if iterable is _MISSING:
            raise TypeError("groupby() missing required argument 'iterable' (pos 1)")
        keyfunc = (lambda x: x) if key is None else key
        iterator = iter(iterable)
        state = {'exhausted': False}

        def _grouper(target_key):
            yield state['value']
            for value in iterator:
                state['value'] = value
                state['key'] = keyfunc(value)
                if state['key'] != target_key:
                    return
                yield value
            state['exhausted'] = True

        def gen():
            try:
                state['value'] = next(iterator)
            except StopIteration:
                return
            state['key'] = keyfunc(state['value'])
            while not state['exhausted']:
                target_key = state['key']
                curr_group = _grouper(target_key)
                yield target_key, curr_group
                if state['key'] == target_key:
                    for _ in curr_group:
                        pass
        return gen()

    def product(*args, repeat=1, **kwargs):
        if kwargs:
            raise TypeError("'%s' is an invalid keyword argument for product()" % list(kwargs)[0])
        repeat = _int_arg(repeat, "'%s' object cannot be interpreted as an integer" % type(repeat).__name__)
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        pools = [tuple(pool) for pool in args] * repeat
        def gen():
            # Odometer order: the rightmost pool advances fastest.
            n = len(pools)
            if any(len(p) == 0 for p in pools):
                return
            idx = [0] * n
            while True:
                yield tuple(pools[i][idx[i]] for i in range(n))
                i = n - 1
                while i >= 0:
                    idx[i] += 1
                    if idx[i] < len(pools[i]):
                        break
                    idx[i] = 0
                    i -= 1
                if i < 0:
                    return
        return gen()

    def _r_arg(name, r, required):
        if r is _MISSING:
            if required:
                raise TypeError("%s() missing required argument 'r' (pos 2)" % name)
            return None
        if r is None and not required:
            return None
        if not isinstance(r, int):
            raise TypeError('Expected int as r' if name == 'permutations' else
                            "'%s' object cannot be interpreted as an integer" % type(r).__name__)
        if r < 0:
            raise ValueError('r must be non-negative')
        return r

    def _iterable_arg(name, iterable):
        if iterable is _MISSING:
            raise TypeError("%s() missing required argument 'iterable' (pos 1)" % name)
        return tuple(iterable)

    def combinations(iterable=_MISSING, r=_MISSING):
        pool = _iterable_arg('combinations', iterable)
        r = _r_arg('combinations', r, True)
        def gen():
            n = len(pool)
            if r > n:
                return
            indices = list(range(r))
            yield tuple(pool[k] for k in indices)
            while True:
                i = r - 1
                while i >= 0 and indices[i] == i + n - r:
                    i -= 1
                if i < 0:
                    return
                indices[i] += 1
                for j in range(i+1, r):
                    indices[j] = indices[j-1] + 1
                yield tuple(pool[k] for k in indices)
        return gen()

    def combinations_with_replacement(iterable=_MISSING, r=_MISSING):
        pool = _iterable_arg('combinations_with_replacement', iterable)
        r = _r_arg('combinations_with_replacement', r, True)
        def gen():
            n = len(pool)
            if not n and r:
                return
            indices = [0] * r
            yield tuple(pool[k] for k in indices)
            while True:
                i = r - 1
                while i >= 0 and indices[i] == n - 1:
                    i -= 1
                if i < 0:
                    return
                v = indices[i] + 1
                for j in range(i, r):
                    indices[j] = v
                yield tuple(pool[k] for k in indices)
        return gen()

    def permutations(iterable=_MISSING, r=None):
        pool = _iterable_arg('permutations', iterable)
        n = len(pool)
        r = _r_arg('permutations', r, False)
        r = n if r is None else r
        def gen():
            if r > n:
                return
            indices = list(range(n))
            cycles = list(range(n, n-r, -1))
            yield tuple(pool[k] for k in indices[:r])
            while n:
                i = r - 1
                while i >= 0:
                    cycles[i] -= 1
                    if cycles[i] == 0:
                        indices = indices[:i] + indices[i+1:] + indices[i:i+1]
                        cycles[i] = n - i
                    else:
                        j = cycles[i]
                        indices[i], indices[-j] = indices[-j], indices[i]
                        yield tuple(pool[k] for k in indices[:r])
                        break
                    i -= 1
                if i < 0:
                    return
        return gen()

    class _tee_dataobject:
        def __init__(self, it):
            self.it = it
            self.items = []

    class _tee:
        def __init__(self, data, i):
            self._data = data
            self._i = i

        def __iter__(self):
            return self

        def __next__(self):
            data = self._data
            if self._i == len(data.items):
                data.items.append(next(data.it))
            value = data.items[self._i]
            self._i += 1
            return value

        def __copy__(self):
            return _tee(self._data, self._i)

    def tee(iterable, n=2):
        n = _int_arg(n, "'%s' object cannot be interpreted as an integer" % type(n).__name__)
        if n < 0:
            raise ValueError('n must be >= 0')
        if n == 0:
            return ()
        it = iter(iterable)
        first = it.__copy__() if isinstance(it, _tee) else _tee(_tee_dataobject(it), 0)
        return (first,) + tuple(first.__copy__() for _ in range(n - 1))

    _tee.__module__ = 'itertools'
    _tee_dataobject.__module__ = 'itertools'
    return {
        'count': count, 'cycle': cycle, 'repeat': repeat,
        'accumulate': accumulate, 'chain': chain, 'compress': compress,
        'dropwhile': dropwhile, 'takewhile': takewhile,
        'filterfalse': filterfalse, 'starmap': starmap, 'pairwise': pairwise,
        'islice': islice, 'zip_longest': zip_longest, 'groupby': groupby,
        'product': product, 'combinations': combinations,
        'combinations_with_replacement': combinations_with_replacement,
        'permutations': permutations, 'tee': tee,
    }
