def _module(mod):
    # Python's operator module: each function is the operator it names,
    # with Modules/_operator.c's argument-count message.
    def _n(name, args, n):
        if len(args) != n:
            raise TypeError('%s expected %d argument%s, got %d'
                            % (name, n, '' if n == 1 else 's', len(args)))

    def add(*a): _n('add', a, 2); return a[0] + a[1]
    def sub(*a): _n('sub', a, 2); return a[0] - a[1]
    def mul(*a): _n('mul', a, 2); return a[0] * a[1]
    def truediv(*a): _n('truediv', a, 2); return a[0] / a[1]
    def floordiv(*a): _n('floordiv', a, 2); return a[0] // a[1]
    def mod(*a): _n('mod', a, 2); return a[0] % a[1]
    def pow(*a): _n('pow', a, 2); return a[0] ** a[1]
    def matmul(*a): _n('matmul', a, 2); return a[0] @ a[1]
    def and_(*a): _n('and_', a, 2); return a[0] & a[1]
    def or_(*a): _n('or_', a, 2); return a[0] | a[1]
    def xor(*a): _n('xor', a, 2); return a[0] ^ a[1]
    def lshift(*a): _n('lshift', a, 2); return a[0] << a[1]
    def rshift(*a): _n('rshift', a, 2); return a[0] >> a[1]
    def eq(*a): _n('eq', a, 2); return a[0] == a[1]
    def ne(*a): _n('ne', a, 2); return a[0] != a[1]
    def lt(*a): _n('lt', a, 2); return a[0] < a[1]
    def le(*a): _n('le', a, 2); return a[0] <= a[1]
    def gt(*a): _n('gt', a, 2); return a[0] > a[1]
    def ge(*a): _n('ge', a, 2); return a[0] >= a[1]
    def is_(*a): _n('is_', a, 2); return a[0] is a[1]
    def is_not(*a): _n('is_not', a, 2); return a[0] is not a[1]
    def contains(*a): _n('contains', a, 2); return a[1] in a[0]
    def getitem(*a): _n('getitem', a, 2); return a[0][a[1]]
    def setitem(*a):
        _n('setitem', a, 3)
        a[0][a[1]] = a[2]
    def delitem(*a):
        _n('delitem', a, 2)
        del a[0][a[1]]
    def iadd(*a):
        _n('iadd', a, 2); x = a[0]; x += a[1]; return x
    def isub(*a):
        _n('isub', a, 2); x = a[0]; x -= a[1]; return x
    def imul(*a):
        _n('imul', a, 2); x = a[0]; x *= a[1]; return x
    def itruediv(*a):
        _n('itruediv', a, 2); x = a[0]; x /= a[1]; return x
    def ifloordiv(*a):
        _n('ifloordiv', a, 2); x = a[0]; x //= a[1]; return x
    def imod(*a):
        _n('imod', a, 2); x = a[0]; x %= a[1]; return x
    def ipow(*a):
        _n('ipow', a, 2); x = a[0]; x **= a[1]; return x
    def iand(*a):
        _n('iand', a, 2); x = a[0]; x &= a[1]; return x
    def ior(*a):
        _n('ior', a, 2); x = a[0]; x |= a[1]; return x
    def ixor(*a):
        _n('ixor', a, 2); x = a[0]; x ^= a[1]; return x
    def concat(*a):
        # CPython's PySequence_Concat: the left operand's own
        # concatenation first (ndarray's refuses, list/tuple/str take only
        # their own kind), then `+` between two sequences.
        _n('concat', a, 2)
        x, y = a
        import numpy
        if isinstance(x, numpy.ndarray):
            raise TypeError("Concatenation operation is not implemented for NumPy arrays, use np.concatenate() instead. Please do not rely on this error; it may not be given on all Python implementations.")
        for t in (list, tuple, str):
            if isinstance(x, t):
                if not isinstance(y, t):
                    c = type(y)
                    shown = c.__name__ if c.__module__ == 'builtins' else c.__module__ + '.' + c.__name__
                    raise TypeError('can only concatenate %s (not "%s") to %s' % (t.__name__, shown, t.__name__))
                return x + y
        if not hasattr(x, '__getitem__') or isinstance(x, dict):
            raise TypeError("'%s' object can't be concatenated" % type(x).__name__)
        return x + y
    def neg(*a): _n('neg', a, 1); return -a[0]
    def pos(*a): _n('pos', a, 1); return +a[0]
    def _abs(*a): _n('abs', a, 1); return abs(a[0])
    def invert(*a): _n('invert', a, 1); return ~a[0]
    def not_(*a): _n('not_', a, 1); return not a[0]
    def truth(*a): _n('truth', a, 1); return bool(a[0])
    def index(*a):
        _n('index', a, 1)
        x = a[0]
        if isinstance(x, int):
            return int(x)
        own = getattr(x, '__index__', None)
        if own is not None:
            return own()
        # NumPy integers and 0-d integer arrays: range() reads them as
        # CPython's __index__ slot does, with its TypeError for the rest.
        return range(x).stop

    class itemgetter:
        def __init__(self, *items):
            if not items:
                raise TypeError('itemgetter expected 1 argument, got 0')
            self._items = items

        def __call__(self, obj):
            if len(self._items) == 1:
                return obj[self._items[0]]
            return tuple(obj[i] for i in self._items)

        def __repr__(self):
            return 'operator.itemgetter(%s)' % ', '.join(repr(i) for i in self._items)

    def _resolve(obj, attr):
        for name in attr.split('.'):
            obj = getattr(obj, name)
        return obj

    class attrgetter:
        def __init__(self, *attrs):
            if not attrs:
                raise TypeError('attrgetter expected 1 argument, got 0')
            for a in attrs:
                if not isinstance(a, str):
                    raise TypeError('attribute name must be a string')
            self._attrs = attrs

        def __call__(self, obj):
            if len(self._attrs) == 1:
                return _resolve(obj, self._attrs[0])
            return tuple(_resolve(obj, a) for a in self._attrs)

        def __repr__(self):
            return 'operator.attrgetter(%s)' % ', '.join(repr(a) for a in self._attrs)

    class methodcaller:
        def __init__(self, *args, **kwargs):
            if not args:
                raise TypeError('methodcaller needs at least one argument, the method name')
            if not isinstance(args[0], str):
                raise TypeError('method name must be a string')
            self._name = args[0]
            self._args = args[1:]
            self._kwargs = kwargs

        def __call__(self, obj):
            return getattr(obj, self._name)(*self._args, **self._kwargs)

        def __repr__(self):
            parts = [repr(self._name)] + [repr(a) for a in self._args]
            parts += ['%s=%r' % (k, v) for k, v in self._kwargs.items()]
            return 'operator.methodcaller(%s)' % ', '.join(parts)

    names = {
        'add': add, 'sub': sub, 'mul': mul, 'truediv': truediv,
        'floordiv': floordiv, 'mod': mod, 'pow': pow, 'matmul': matmul,
        'and_': and_, 'or_': or_, 'xor': xor, 'lshift': lshift,
        'rshift': rshift, 'eq': eq, 'ne': ne, 'lt': lt, 'le': le, 'gt': gt,
        'ge': ge, 'is_': is_, 'is_not': is_not, 'contains': contains,
        'getitem': getitem, 'concat': concat, 'neg': neg, 'pos': pos,
        'abs': _abs, 'invert': invert, 'not_': not_, 'truth': truth,
        'index': index, 'itemgetter': itemgetter,
        'setitem': setitem, 'delitem': delitem, 'iadd': iadd, 'isub': isub,
        'imul': imul, 'itruediv': itruediv, 'ifloordiv': ifloordiv,
        'imod': imod, 'ipow': ipow, 'iand': iand, 'ior': ior, 'ixor': ixor,
        'attrgetter': attrgetter, 'methodcaller': methodcaller,
    }
    for k in ['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow',
              'matmul', 'and_', 'or_', 'xor', 'lshift', 'rshift', 'eq', 'ne',
              'lt', 'le', 'gt', 'ge', 'neg', 'pos', 'abs', 'invert', 'not_',
              'truth', 'index', 'contains', 'getitem', 'concat', 'setitem',
              'delitem', 'iadd', 'isub', 'imul', 'itruediv', 'ifloordiv',
              'imod', 'ipow', 'iand', 'ior', 'ixor']:
        names['__' + k.strip('_') + '__'] = names[k]
    return names
