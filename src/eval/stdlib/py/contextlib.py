def _module(mod):
    # contextlib: the decorator that makes a context manager of a
    # generator, suppress and nullcontext, each as CPython 3.11 writes
    # them (a generator's exception is thrown back into it, and a true
    # __exit__ swallows it). The async and exit-stack helpers are missing.

    class _GeneratorContextManager:
        def __init__(self, func, args, kwds):
            self.gen = func(*args, **kwds)
            self.func, self.args, self.kwds = func, args, kwds

        def __enter__(self):
            try:
                return next(self.gen)
            except StopIteration:
                raise RuntimeError("generator didn't yield") from None

        def __exit__(self, typ, value, traceback):
            if typ is None:
                try:
                    next(self.gen)
                except StopIteration:
                    return False
                else:
                    raise RuntimeError("generator didn't stop")
            if value is None:
                value = typ()
            try:
                self.gen.throw(value)
            except StopIteration as exc:
                # The generator caught the exception and finished.
                return exc is not value
            except RuntimeError as exc:
                if exc is value:
                    return False
                raise
            except BaseException as exc:
                if exc is not value:
                    raise
                return False
            raise RuntimeError("generator didn't stop after throw()")

    def contextmanager(func):
        def helper(*args, **kwds):
            return _GeneratorContextManager(func, args, kwds)
        return helper

    class suppress:
        def __init__(self, *exceptions):
            self._exceptions = exceptions

        def __enter__(self):
            pass

        def __exit__(self, exctype, excinst, exctb):
            if exctype is None:
                return
            return issubclass(exctype, self._exceptions)

    class nullcontext:
        def __init__(self, enter_result=None):
            self.enter_result = enter_result

        def __enter__(self):
            return self.enter_result

        def __exit__(self, *excinfo):
            pass

    return {'contextmanager': contextmanager, 'suppress': suppress,
            'nullcontext': nullcontext,
            '_GeneratorContextManager': _GeneratorContextManager}
