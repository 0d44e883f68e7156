def _module(mod):
    # warnings: the filter list as CPython 3.11's Lib/warnings.py keeps it
    # (simplefilter, filterwarnings, resetwarnings, catch_warnings and
    # warn, with its checks and messages). A shown warning goes to the
    # front end as NumPy's do (the REPL prints it; a transcript, like
    # Python's stdout, never has one). Two actions slicelab cannot honour
    # are refused rather than ignored: 'error', since slicelab does not
    # raise every warning NumPy raises, and catch_warnings(record=True),
    # for the same reason. The list itself is not handed out: NumPy's
    # oracle runs each statement under a filter list of its own, so no
    # transcript could show Python's.

    _ACTIONS = ("error", "ignore", "always", "default", "module", "once")

    filters = [
        ('default', None, DeprecationWarning, '__main__', 0),
        ('ignore', None, DeprecationWarning, None, 0),
        ('ignore', None, PendingDeprecationWarning, None, 0),
        ('ignore', None, ImportWarning, None, 0),
        ('ignore', None, ResourceWarning, None, 0),
    ]

    def _refuse_error(action):
        if action == "error":
            raise NotImplementedError(
                "slicelab does not turn warnings into errors yet "
                "(it does not raise every warning NumPy raises)")

    def _filters_mutated():
        # NumPy's floating-point RuntimeWarnings are shown unless the
        # first filter that catches every RuntimeWarning ignores them.
        quiet = False
        for action, msg, cat, module, lineno in filters:
            if issubclass(RuntimeWarning, cat) and not msg and not module and not lineno:
                quiet = action == "ignore"
                break
        mod._quiet_runtime(quiet)

    def _add_filter(*item, append):
        if not append:
            try:
                filters.remove(item)
            except ValueError:
                pass
            filters.insert(0, item)
        elif item not in filters:
            filters.append(item)
        _filters_mutated()

    def simplefilter(action, category=Warning, lineno=0, append=False):
        assert action in _ACTIONS, "invalid action: %r" % (action,)
        assert isinstance(lineno, int) and lineno >= 0, "lineno must be an int >= 0"
        _refuse_error(action)
        _add_filter(action, None, category, None, lineno, append=append)

    def filterwarnings(action, message="", category=Warning, module="", lineno=0,
                       append=False):
        assert action in _ACTIONS, "invalid action: %r" % (action,)
        assert isinstance(message, str), "message must be a string"
        assert isinstance(category, type), "category must be a class"
        assert issubclass(category, Warning), "category must be a Warning subclass"
        assert isinstance(module, str), "module must be a string"
        assert isinstance(lineno, int) and lineno >= 0, "lineno must be an int >= 0"
        _refuse_error(action)
        # CPython compiles message and module as regular expressions.
        if message or module:
            raise NotImplementedError(
                "slicelab does not match warnings by message or module yet")
        _add_filter(action, None, category, None, lineno, append=append)

    def resetwarnings():
        filters[:] = []
        _filters_mutated()

    def _action_for(category):
        for action, msg, cat, module, lineno in filters:
            if issubclass(category, cat) and not module and not lineno:
                return action
        return "default"

    def warn(message, category=None, stacklevel=1, source=None):
        if isinstance(message, Warning):
            category = message.__class__
        if category is None:
            category = UserWarning
        if not (isinstance(category, type) and issubclass(category, Warning)):
            raise TypeError("category must be a Warning subclass, "
                            "not '{:s}'".format(type(category).__name__))
        if _action_for(category) != "ignore":
            text = str(message)
            mod._show(category.__name__ + ": " + text)

    class catch_warnings(object):
        __module__ = 'warnings'

        def __init__(self, *, record=False, module=None, action=None,
                     category=Warning, lineno=0, append=False):
            if module is not None:
                raise NotImplementedError(
                    "slicelab's catch_warnings takes no module")
            self._record = record
            self._entered = False
            if action is None:
                self._filter = None
            else:
                self._filter = (action, category, lineno, append)

        def __repr__(self):
            args = []
            if self._record:
                args.append("record=True")
            name = type(self).__name__
            return "%s(%s)" % (name, ", ".join(args))

        def __enter__(self):
            if self._entered:
                raise RuntimeError("Cannot enter %r twice" % self)
            if self._record:
                raise NotImplementedError(
                    "slicelab does not record warnings yet "
                    "(it does not raise every warning NumPy raises)")
            self._entered = True
            self._filters = filters[:]
            if self._filter is not None:
                simplefilter(*self._filter)
            return None

        def __exit__(self, *exc_info):
            if not self._entered:
                raise RuntimeError("Cannot exit %r without entering first" % self)
            filters[:] = self._filters
            _filters_mutated()

    return {'simplefilter': simplefilter,
            'filterwarnings': filterwarnings, 'resetwarnings': resetwarnings,
            'warn': warn, 'catch_warnings': catch_warnings}
