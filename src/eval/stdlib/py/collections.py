def _module(mod):
    # Python's collections: Counter, defaultdict, OrderedDict and deque,
    # after CPython 3.11's Lib/collections/__init__.py (deque after
    # Modules/_collectionsmodule.c). slicelab's classes cannot derive from
    # dict, so the dict-like classes keep their items in a dict of their
    # own and answer the mapping protocol from it.
    class _Missing:
        pass
    _MISSING = _Missing()

    class _Mapping:
        def __getitem__(self, key):
            return self._d[key]

        def __setitem__(self, key, value):
            self._d[key] = value

        def __delitem__(self, key):
            del self._d[key]

        def __contains__(self, key):
            return key in self._d

        def __len__(self):
            return len(self._d)

        def __iter__(self):
            return iter(self._d)

        def __eq__(self, other):
            if isinstance(other, _Mapping):
                other = other._d
            return self._d == other

        def __ne__(self, other):
            return not self == other

        def keys(self):
            return self._d.keys()

        def values(self):
            return self._d.values()

        def items(self):
            return self._d.items()

        def get(self, key, default=None):
            return self._d.get(key, default)

        def pop(self, key, *default):
            return self._d.pop(key, *default)

        def setdefault(self, key, default=None):
            return self._d.setdefault(key, default)

        def clear(self):
            self._d.clear()

        def _update(self, other, kwds):
            if other is not None:
                if isinstance(other, _Mapping):
                    other = other._d
                if isinstance(other, dict):
                    for k, v in other.items():
                        self[k] = v
                else:
                    for k, v in other:
                        self[k] = v
            for k, v in kwds.items():
                self[k] = v

    class Counter(_Mapping):
        def __init__(self, iterable=None, /, **kwds):
            self._d = {}
            self.update(iterable, **kwds)

        def __getitem__(self, key):
            return self._d.get(key, 0)

        def __missing__(self, key):
            return 0

        def total(self):
            return sum(self._d.values())

        def most_common(self, n=None):
            items = list(self._d.items())
            if n is None:
                return sorted(items, key=lambda kv: kv[1], reverse=True)
            # heapq.nlargest(n, ...): sorted(...)[:n] with its own guards.
            if n >= len(items):
                return sorted(items, key=lambda kv: kv[1], reverse=True)[:n]
            if n <= 0:
                return []
            return sorted(items, key=lambda kv: kv[1], reverse=True)[:n]

        def elements(self):
            out = []
            for elem, count in self._d.items():
                for i in range(count):
                    out.append(elem)
            return iter(out)

        def update(self, iterable=None, /, **kwds):
            if iterable is not None:
                if isinstance(iterable, _Mapping):
                    iterable = iterable._d
                if isinstance(iterable, dict):
                    if self._d:
                        for elem, count in iterable.items():
                            self._d[elem] = count + self._d.get(elem, 0)
                    else:
                        for elem, count in iterable.items():
                            self._d[elem] = count
                else:
                    for elem in iterable:
                        self._d[elem] = self._d.get(elem, 0) + 1
            if kwds:
                self.update(kwds)

        def subtract(self, iterable=None, /, **kwds):
            if iterable is not None:
                if isinstance(iterable, _Mapping):
                    iterable = iterable._d
                if isinstance(iterable, dict):
                    for elem, count in iterable.items():
                        self._d[elem] = self._d.get(elem, 0) - count
                else:
                    for elem in iterable:
                        self._d[elem] = self._d.get(elem, 0) - 1
            if kwds:
                self.subtract(kwds)

        def copy(self):
            return Counter(self)

        def __delitem__(self, elem):
            if elem in self._d:
                del self._d[elem]

        def __repr__(self):
            if not self._d:
                return 'Counter()'
            d = {}
            for k, v in self.most_common():
                d[k] = v
            return 'Counter(%r)' % (d,)

        def __add__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self._d.items():
                newcount = count + other[elem]
                if newcount > 0:
                    result[elem] = newcount
            for elem, count in other._d.items():
                if elem not in self._d and count > 0:
                    result[elem] = count
            return result

        def __sub__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self._d.items():
                newcount = count - other[elem]
                if newcount > 0:
                    result[elem] = newcount
            for elem, count in other._d.items():
                if elem not in self._d and count < 0:
                    result[elem] = 0 - count
            return result

        def __or__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self._d.items():
                other_count = other[elem]
                newcount = other_count if count < other_count else count
                if newcount > 0:
                    result[elem] = newcount
            for elem, count in other._d.items():
                if elem not in self._d and count > 0:
                    result[elem] = count
            return result

        def __and__(self, other):
            if not isinstance(other, Counter):
                return NotImplemented
            result = Counter()
            for elem, count in self._d.items():
                other_count = other[elem]
                newcount = count if count < other_count else other_count
                if newcount > 0:
                    result[elem] = newcount
            return result

    class defaultdict(_Mapping):
        def __init__(self, default_factory=None, *args, **kwds):
            if default_factory is not None and not callable(default_factory):
                raise TypeError('first argument must be callable or None')
            if len(args) > 1:
                raise TypeError('dict expected at most 1 argument, got %d' % len(args))
            self.default_factory = default_factory
            self._d = {}
            self._update(args[0] if args else None, kwds)

        def __getitem__(self, key):
            if key in self._d:
                return self._d[key]
            return self.__missing__(key)

        def __missing__(self, key):
            if self.default_factory is None:
                raise KeyError(key)
            value = self.default_factory()
            self._d[key] = value
            return value

        def copy(self):
            return defaultdict(self.default_factory, self._d)

        def update(self, other=None, /, **kwds):
            self._update(other, kwds)

        def __repr__(self):
            return 'defaultdict(%r, %r)' % (self.default_factory, self._d)

    class OrderedDict(_Mapping):
        def __init__(self, other=None, /, **kwds):
            self._d = {}
            self._update(other, kwds)

        def update(self, other=None, /, **kwds):
            self._update(other, kwds)

        def copy(self):
            return OrderedDict(self._d)

        def popitem(self, last=True):
            if not self._d:
                raise KeyError('dictionary is empty')
            key = list(self._d)[-1] if last else next(iter(self._d))
            return key, self._d.pop(key)

        def move_to_end(self, key, last=True):
            value = self._d.pop(key)
            if last:
                self._d[key] = value
            else:
                rest = self._d
                self._d = {key: value}
                for k, v in rest.items():
                    self._d[k] = v

        def __repr__(self):
            if not self._d:
                return 'OrderedDict()'
            return 'OrderedDict(%r)' % (list(self._d.items()),)

    class deque:
        def __init__(self, iterable=(), maxlen=None):
            if maxlen is not None:
                if not isinstance(maxlen, int):
                    raise TypeError("an integer is required")
                if maxlen < 0:
                    raise ValueError('maxlen must be non-negative')
            self._maxlen = maxlen
            self._items = []
            self.extend(iterable)

        @property
        def maxlen(self):
            return self._maxlen

        def append(self, x):
            self._items.append(x)
            if self._maxlen is not None and len(self._items) > self._maxlen:
                del self._items[0]

        def appendleft(self, x):
            self._items.insert(0, x)
            if self._maxlen is not None and len(self._items) > self._maxlen:
                self._items.pop()

        def extend(self, iterable):
            for x in list(iterable):
                self.append(x)

        def extendleft(self, iterable):
            for x in list(iterable):
                self.appendleft(x)

        def pop(self):
            if not self._items:
                raise IndexError('pop from an empty deque')
            return self._items.pop()

        def popleft(self):
            if not self._items:
                raise IndexError('pop from an empty deque')
            return self._items.pop(0)

        def rotate(self, n=1):
            k = len(self._items)
            if k > 1:
                n = n % k
                if n:
                    self._items = self._items[-n:] + self._items[:-n]

        def clear(self):
            self._items.clear()

        def count(self, x):
            return self._items.count(x)

        def index(self, x, *args):
            try:
                return self._items.index(x, *args)
            except ValueError:
                raise ValueError('%r is not in deque' % (x,)) from None

        def remove(self, value):
            try:
                self._items.remove(value)
            except ValueError:
                raise ValueError('%r is not in deque' % (value,)) from None

        def reverse(self):
            self._items.reverse()

        def copy(self):
            return deque(self._items, self._maxlen)

        def __len__(self):
            return len(self._items)

        def __iter__(self):
            return iter(list(self._items))

        def __reversed__(self):
            return reversed(list(self._items))

        def __contains__(self, x):
            return x in self._items

        def __getitem__(self, i):
            if isinstance(i, slice):
                raise TypeError("sequence index must be integer, not 'slice'")
            if not self._items or not -len(self._items) <= i < len(self._items):
                raise IndexError('deque index out of range')
            return self._items[i]

        def __setitem__(self, i, x):
            if not -len(self._items) <= i < len(self._items):
                raise IndexError('deque index out of range')
            self._items[i] = x

        def __eq__(self, other):
            if not isinstance(other, deque):
                return False
            return self._items == other._items

        def __repr__(self):
            if self._maxlen is None:
                return 'deque(%r)' % (self._items,)
            return 'deque(%r, maxlen=%d)' % (self._items, self._maxlen)

    _KEYWORDS = frozenset([
        'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await',
        'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
        'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
        'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
        'while', 'with', 'yield'])
    _make_class = mod._namedtuple_class

    def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
        # CPython 3.11's checks, in its order; the class itself is native
        # (named_tuple.rs), as slicelab's classes cannot derive from tuple.
        if isinstance(field_names, str):
            field_names = field_names.replace(',', ' ').split()
        field_names = list(map(str, field_names))
        typename = str(typename)
        if rename:
            seen = set()
            for index, name in enumerate(field_names):
                if (not name.isidentifier()
                        or name in _KEYWORDS
                        or name.startswith('_')
                        or name in seen):
                    field_names[index] = f'_{index}'
                seen.add(name)
        for name in [typename] + field_names:
            if type(name) is not str:
                raise TypeError('Type names and field names must be strings')
            if not name.isidentifier():
                raise ValueError('Type names and field names must be valid '
                                 f'identifiers: {name!r}')
            if name in _KEYWORDS:
                raise ValueError('Type names and field names cannot be a '
                                 f'keyword: {name!r}')
        seen = set()
        for name in field_names:
            if name.startswith('_') and not rename:
                raise ValueError('Field names cannot start with an underscore: '
                                 f'{name!r}')
            if name in seen:
                raise ValueError(f'Encountered duplicate field name: {name!r}')
            seen.add(name)
        if defaults is None:
            defaults = ()
        else:
            defaults = tuple(defaults)
            if len(defaults) > len(field_names):
                raise TypeError('Got more default values than field names')
        # module None: the learner's own module, as for their classes.
        return _make_class(typename, tuple(field_names), defaults, module)

    for cls in (Counter, defaultdict, OrderedDict, deque):
        cls.__module__ = 'collections'
    return {
        'Counter': Counter, 'defaultdict': defaultdict,
        'OrderedDict': OrderedDict, 'deque': deque, 'namedtuple': namedtuple,
    }
