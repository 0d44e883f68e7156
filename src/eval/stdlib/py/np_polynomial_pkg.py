def _module(mod):
    # numpy.polynomial: the convenience classes and the six basis modules,
    # all imported with the package, as NumPy's __init__ does.
    import numpy.polynomial.polynomial as polynomial
    import numpy.polynomial.legendre as legendre
    import numpy.polynomial.chebyshev as chebyshev
    import numpy.polynomial.hermite as hermite
    import numpy.polynomial.hermite_e as hermite_e
    import numpy.polynomial.laguerre as laguerre
    import numpy.polynomial.polyutils as polyutils
    from numpy.polynomial._polybase import ABCPolyBase

    def set_default_printstyle(style):
        if style not in ('unicode', 'ascii'):
            raise ValueError(
                f"Unsupported format string '{style}'. Valid options are "
                "'ascii' and 'unicode'")
        ABCPolyBase._use_unicode = style != 'ascii'

    return {
        'set_default_printstyle': set_default_printstyle,
        'polynomial': polynomial, 'Polynomial': polynomial.Polynomial,
        'polyutils': polyutils,
        'legendre': legendre, 'Legendre': legendre.Legendre,
        'chebyshev': chebyshev, 'Chebyshev': chebyshev.Chebyshev,
        'hermite': hermite, 'Hermite': hermite.Hermite,
        'hermite_e': hermite_e, 'HermiteE': hermite_e.HermiteE,
        'laguerre': laguerre, 'Laguerre': laguerre.Laguerre,
    }
