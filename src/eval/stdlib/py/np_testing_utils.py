def _module(mod):
    # numpy.testing._private.utils: np.testing's asserts and constants
    # (the module's native attributes) plus the decorators NumPy's own
    # tests import from here. They need pytest, which the reference
    # environment lacks, so they fail where NumPy's do: on use.
    def requires_memory(free_bytes):
        # NumPy imports pytest first, to skip a test that lacks memory.
        import pytest

    def _no_tracing(func):
        # NumPy wraps func to run it with sys.settrace(None); slicelab
        # traces nothing, so the function itself runs the same (one
        # difference: the result is func, where NumPy's is a wrapper).
        return func

    return {'requires_memory': requires_memory, '_no_tracing': _no_tracing}
