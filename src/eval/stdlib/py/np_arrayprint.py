def _module(mod):
    # numpy._core.arrayprint: the scalar types whose arrays print without
    # a dtype= (np.int64 standing for the default integer). Its other
    # names are np's.
    import numpy as np
    return {'_typelessdata': [np.int_, np.float64, np.complex128, np.bool]}
