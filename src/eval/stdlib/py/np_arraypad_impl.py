def _module(mod):
    # numpy.lib._arraypad_impl: np.pad's helper that turns a pad width or
    # a constant into one (before, after) pair per axis. Its other names
    # are np's (read through READS_FROM).
    import numpy as np

    def _as_pairs(x, ndim, as_index=False):
        if x is None:
            return ((None, None),) * ndim
        x = np.array(x)
        if as_index:
            x = np.round(x).astype(np.intp, copy=False)
        if x.ndim < 3:
            # A single value, or one pair not shaped (2, 1), stands for
            # every axis; tuples keep the elements as NumPy scalars.
            if x.size == 1:
                x = x.ravel()
                if as_index and x < 0:
                    raise ValueError("index can't contain negative values")
                return ((x[0], x[0]),) * ndim
            if x.size == 2 and x.shape != (2, 1):
                x = x.ravel()
                if as_index and (x[0] < 0 or x[1] < 0):
                    raise ValueError("index can't contain negative values")
                return ((x[0], x[1]),) * ndim
        if as_index and x.min() < 0:
            raise ValueError("index can't contain negative values")
        return np.broadcast_to(x, (ndim, 2)).tolist()

    return {'_as_pairs': _as_pairs}
