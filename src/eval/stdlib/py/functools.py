def _module(mod):
    # Python's functools: reduce, partial, lru_cache/cache and wraps, as
    # CPython 3.11's Lib/functools.py defines them.
    class _Missing:
        pass
    _MISSING = _Missing()

    def reduce(*args, **kwargs):
        if kwargs:
            raise TypeError('reduce() takes no keyword arguments')
        if len(args) < 2:
            raise TypeError('reduce expected at least 2 arguments, got %d' % len(args))
        if len(args) > 3:
            raise TypeError('reduce expected at most 3 arguments, got %d' % len(args))
        function, it = args[0], iter(args[1])
        if len(args) == 3:
            value = args[2]
        else:
            try:
                value = next(it)
            except StopIteration:
                raise TypeError('reduce() of empty iterable with no initial value') from None
        for element in it:
            value = function(value, element)
        return value

    class partial:
        def __init__(self, *args, **keywords):
            if not args:
                raise TypeError("type 'partial' takes at least one argument")
            func = args[0]
            if not callable(func):
                raise TypeError('the first argument must be callable')
            self.func = func
            self.args = tuple(args[1:])
            self.keywords = keywords

        def __call__(self, *args, **keywords):
            kw = dict(self.keywords)
            kw.update(keywords)
            return self.func(*(self.args + args), **kw)

        def __repr__(self):
            parts = [repr(self.func)] + [repr(a) for a in self.args]
            parts += ['%s=%r' % (k, v) for k, v in self.keywords.items()]
            return 'functools.partial(%s)' % ', '.join(parts)

    class CacheInfo:
        def __init__(self, hits, misses, maxsize, currsize):
            self.hits = hits
            self.misses = misses
            self.maxsize = maxsize
            self.currsize = currsize

        def __repr__(self):
            return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % (
                self.hits, self.misses, self.maxsize, self.currsize)

        def __eq__(self, other):
            return (self.hits, self.misses, self.maxsize, self.currsize) == other

    class _lru_wrapper:
        # The cache is a dict in recency order: a hit moves its key to the
        # end, a miss beyond maxsize drops the first key.
        def __init__(self, func, maxsize, typed):
            self.__wrapped__ = func
            self._func = func
            self._maxsize = maxsize
            self._typed = typed
            self._cache = {}
            self._hits = 0
            self._misses = 0

        def __call__(self, *args, **kwargs):
            key = args
            if kwargs:
                key = args + (_MISSING,) + tuple(kwargs.items())
            if self._typed:
                key = key + tuple(type(v) for v in args)
            if key in self._cache:
                self._hits += 1
                value = self._cache.pop(key)
                self._cache[key] = value
                return value
            self._misses += 1
            value = self._func(*args, **kwargs)
            if self._maxsize is None or self._maxsize > 0:
                self._cache[key] = value
                if self._maxsize is not None and len(self._cache) > self._maxsize:
                    del self._cache[next(iter(self._cache))]
            return value

        def cache_info(self):
            return CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

        def cache_clear(self):
            self._cache = {}
            self._hits = 0
            self._misses = 0

        def cache_parameters(self):
            return {'maxsize': self._maxsize, 'typed': self._typed}

    def lru_cache(maxsize=128, typed=False):
        if isinstance(maxsize, int) and not isinstance(maxsize, bool):
            if maxsize < 0:
                maxsize = 0
        elif callable(maxsize) and isinstance(typed, bool):
            return _lru_wrapper(maxsize, 128, typed)
        elif maxsize is not None:
            raise TypeError('Expected first argument to be an integer, a callable, or None')

        def decorating_function(user_function):
            return _lru_wrapper(user_function, maxsize, typed)
        return decorating_function

    def cache(user_function):
        return _lru_wrapper(user_function, None, False)

    def wraps(wrapped, assigned=None, updated=None):
        def decorator(wrapper):
            raise NotImplementedError(
                'slicelab does not implement functools.wraps yet')
        return decorator

    return {
        'reduce': reduce, 'partial': partial, 'lru_cache': lru_cache,
        'cache': cache, 'wraps': wraps,
    }
