def _module(mod):
    # numpy.lib._stride_tricks_impl: the broadcast shape of any number of
    # arguments, 64 at a time as np.broadcast takes them. The broadcasting
    # functions NumPy publishes at its top level are the same objects; the
    # other names are np.lib.stride_tricks' (read through READS_FROM).
    import numpy as np

    def _broadcast_shape(*args):
        b = np.broadcast(*args[:64])
        for pos in range(64, len(args), 63):
            b = np.broadcast_to(0, b.shape)
            b = np.broadcast(b, *args[pos:(pos + 63)])
        return b.shape

    return {
        '_broadcast_shape': _broadcast_shape,
        'broadcast_arrays': np.broadcast_arrays,
        'broadcast_to': np.broadcast_to,
        'broadcast_shapes': np.broadcast_shapes,
    }
