def _module(mod):
    # contextlib: the decorator that makes a context manager of a
    # generator, suppress and nullcontext, each as CPython 3.11 writes
    # them (a generator's exception is thrown back into it, and a true
    # __exit__ swallows it), and ExitStack. The async helpers are missing.

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

    class ExitStack:
        # CPython's ExitStack: callbacks run last in, first out; one that
        # returns true swallows the exception the later ones then see as
        # None; an exception a callback raises replaces the one pending.
        def __init__(self):
            self._exit_callbacks = []

        def pop_all(self):
            new_stack = type(self)()
            new_stack._exit_callbacks = self._exit_callbacks
            self._exit_callbacks = []
            return new_stack

        def push(self, exit):
            try:
                exit_method = type(exit).__exit__
            except AttributeError:
                self._exit_callbacks.append(exit)
            else:
                self._push_cm_exit(exit, exit_method)
            return exit

        def enter_context(self, cm):
            cls = type(cm)
            try:
                _enter = cls.__enter__
                _exit = cls.__exit__
            except AttributeError:
                raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                                f"not support the context manager protocol") from None
            result = _enter(cm)
            self._push_cm_exit(cm, _exit)
            return result

        def callback(self, callback, /, *args, **kwds):
            def _exit_wrapper(exc_type, exc, tb):
                callback(*args, **kwds)
            self._exit_callbacks.append(_exit_wrapper)
            return callback

        def _push_cm_exit(self, cm, cm_exit):
            def _exit_wrapper(exc_type, exc, tb):
                return cm_exit(cm, exc_type, exc, tb)
            self._exit_callbacks.append(_exit_wrapper)

        def __enter__(self):
            return self

        def __exit__(self, *exc_details):
            received_exc = exc_details[0] is not None
            suppressed_exc = False
            pending_raise = False
            while self._exit_callbacks:
                cb = self._exit_callbacks.pop()
                try:
                    if cb(*exc_details):
                        suppressed_exc = True
                        pending_raise = False
                        exc_details = (None, None, None)
                except BaseException as exc:
                    pending_raise = True
                    exc_details = (type(exc), exc, None)
            if pending_raise:
                raise exc_details[1]
            return received_exc and suppressed_exc

        def close(self):
            self.__exit__(None, None, None)

    return {'contextmanager': contextmanager, 'ExitStack': ExitStack, 'suppress': suppress,
            'nullcontext': nullcontext,
            '_GeneratorContextManager': _GeneratorContextManager}
