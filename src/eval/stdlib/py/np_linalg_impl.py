def _module(mod):
    # numpy.linalg._linalg: the order multi_dot multiplies a chain of
    # matrices in (the classic dynamic programme over split points, as
    # Cormen et al. give it). Its other names are np.linalg's.
    import numpy as np

    def _multi_dot_matrix_chain_order(arrays, return_costs=False):
        n = len(arrays)
        p = [a.shape[0] for a in arrays] + [arrays[-1].shape[1]]
        # m[i, j]: the fewest scalar multiplications for arrays[i..j];
        # s[i, j]: the split that gives them. NumPy leaves s's unused
        # cells uninitialised (np.empty); slicelab's are zero.
        m = np.zeros((n, n), dtype=np.double)
        s = np.empty((n, n), dtype=np.intp)
        for ll in range(1, n):
            for i in range(n - ll):
                j = i + ll
                m[i, j] = np.inf
                for k in range(i, j):
                    q = m[i, k] + m[k + 1, j] + p[i] * p[k + 1] * p[j + 1]
                    if q < m[i, j]:
                        m[i, j] = q
                        s[i, j] = k
        return (s, m) if return_costs else s

    return {'_multi_dot_matrix_chain_order': _multi_dot_matrix_chain_order}
