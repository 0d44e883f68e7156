def _module(mod):
    # numpy.polynomial._polybase: the class every basis's convenience class
    # derives from. A subclass names its basis's functions (_add, _val,
    # _fit, ...) as static methods and its default domain and window.
    import numpy as np
    import numpy.polynomial.polyutils as pu

    _SUPERSCRIPTS = dict(zip('0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹'))
    _SUBSCRIPTS = dict(zip('0123456789', '₀₁₂₃₄₅₆₇₈₉'))

    def _digits(s, table):
        return ''.join(table.get(ch, ch) for ch in s)

    def _is_real(x):
        # numbers.Real: Python's and NumPy's ints, floats and bools.
        return isinstance(x, (int, float, np.integer, np.floating))

    def _is_number(x):
        return (isinstance(x, (int, float, complex, np.number))
                and not isinstance(x, (bool, np.bool_)))

    class ABCPolyBase:
        __hash__ = None
        __array_ufunc__ = None
        maxpower = 100
        _use_unicode = True

        @property
        def symbol(self):
            return self._symbol

        def has_samecoef(self, other):
            return len(self.coef) == len(other.coef) and np.all(self.coef == other.coef)

        def has_samedomain(self, other):
            return np.all(self.domain == other.domain)

        def has_samewindow(self, other):
            return np.all(self.window == other.window)

        def has_sametype(self, other):
            return isinstance(other, self.__class__)

        def _get_coefficients(self, other):
            if isinstance(other, ABCPolyBase):
                if not isinstance(other, self.__class__):
                    raise TypeError('Polynomial types differ')
                elif not np.all(self.domain == other.domain):
                    raise TypeError('Domains differ')
                elif not np.all(self.window == other.window):
                    raise TypeError('Windows differ')
                elif self.symbol != other.symbol:
                    raise ValueError('Polynomial symbols differ')
                return other.coef
            return other

        def __init__(self, coef, domain=None, window=None, symbol='x'):
            [coef] = pu.as_series([coef], trim=False)
            self.coef = coef
            if domain is not None:
                [domain] = pu.as_series([domain], trim=False)
                if len(domain) != 2:
                    raise ValueError('Domain has wrong number of elements.')
                self.domain = domain
            if window is not None:
                [window] = pu.as_series([window], trim=False)
                if len(window) != 2:
                    raise ValueError('Window has wrong number of elements.')
                self.window = window
            if not isinstance(symbol, str):
                raise TypeError('Symbol must be a non-empty string')
            if not symbol.isidentifier():
                raise ValueError('Symbol string must be a valid Python identifier')
            self._symbol = symbol

        def __repr__(self):
            # The arrays' reprs without 'array(' and ')'.
            coef = repr(self.coef)[6:-1]
            domain = repr(self.domain)[6:-1]
            window = repr(self.window)[6:-1]
            name = self.__class__.__name__
            return (f"{name}({coef}, domain={domain}, window={window}, "
                    f"symbol='{self.symbol}')")

        def __format__(self, fmt_str):
            if fmt_str == '':
                return self.__str__()
            if fmt_str not in ('ascii', 'unicode'):
                raise ValueError(
                    f"Unsupported format string '{fmt_str}' passed to "
                    f"{self.__class__}.__format__. Valid options are "
                    "'ascii' and 'unicode'")
            if fmt_str == 'ascii':
                return self._generate_string(self._str_term_ascii)
            return self._generate_string(self._str_term_unicode)

        def __str__(self):
            if self._use_unicode:
                return self._generate_string(self._str_term_unicode)
            return self._generate_string(self._str_term_ascii)

        def _generate_string(self, term_method):
            linewidth = np.get_printoptions().get('linewidth', 75)
            if linewidth < 1:
                linewidth = 1
            out = pu.format_float(self.coef[0])
            off, scale = self.mapparms()
            scaled_symbol, needs_parens = self._format_term(pu.format_float, off, scale)
            if needs_parens:
                scaled_symbol = '(' + scaled_symbol + ')'
            rest = self.coef[1:]
            for i, coef in enumerate(rest):
                out += ' '
                power = str(i + 1)
                # NumPy's complex scalars order lexicographically, so a
                # complex coefficient with a negative real part gets a '-';
                # only what cannot be compared is written as it is.
                try:
                    if coef >= 0:
                        next_term = '+ ' + pu.format_float(coef, parens=True)
                    else:
                        next_term = '- ' + pu.format_float(-coef, parens=True)
                except TypeError:
                    next_term = f'+ {coef}'
                next_term += term_method(power, scaled_symbol)
                # Wrap before a term that would reach the line width.
                line_len = len(out.split('\n')[-1]) + len(next_term)
                if i < len(rest) - 1:
                    line_len += 2
                if line_len >= linewidth:
                    next_term = next_term.replace(' ', '\n', 1)
                out += next_term
            return out

        @classmethod
        def _str_term_unicode(cls, i, arg_str):
            if cls.basis_name is None:
                raise NotImplementedError(
                    'Subclasses must define either a basis_name, or override '
                    '_str_term_unicode(cls, i, arg_str)')
            return f'·{cls.basis_name}{_digits(i, _SUBSCRIPTS)}({arg_str})'

        @classmethod
        def _str_term_ascii(cls, i, arg_str):
            if cls.basis_name is None:
                raise NotImplementedError(
                    'Subclasses must define either a basis_name, or override '
                    '_str_term_ascii(cls, i, arg_str)')
            return f' {cls.basis_name}_{i}({arg_str})'

        @classmethod
        def _repr_latex_term(cls, i, arg_str, needs_parens):
            if cls.basis_name is None:
                raise NotImplementedError(
                    'Subclasses must define either a basis name, or override '
                    '_repr_latex_term(i, arg_str, needs_parens)')
            return f'{{{cls.basis_name}}}_{{{i}}}({arg_str})'

        @staticmethod
        def _repr_latex_scalar(x, parens=False):
            return f'\\text{{{pu.format_float(x, parens=parens)}}}'

        def _repr_latex_(self):
            # The series as IPython's LaTeX display shows it; zero terms
            # are greyed out.
            off, scale = self.mapparms()
            term, needs_parens = self._format_term(self._repr_latex_scalar, off, scale)
            parts = []
            for i, c in enumerate(self.coef):
                if i == 0:
                    coef_str = f'{self._repr_latex_scalar(c)}'
                elif not _is_real(c):
                    coef_str = f' + ({self._repr_latex_scalar(c)})'
                elif c >= 0:
                    coef_str = f' + {self._repr_latex_scalar(c, parens=True)}'
                else:
                    coef_str = f' - {self._repr_latex_scalar(-c, parens=True)}'
                term_str = self._repr_latex_term(i, term, needs_parens)
                if term_str == '1':
                    part = coef_str
                else:
                    part = f'{coef_str}\\,{term_str}'
                if c == 0:
                    part = f'\\color{{LightGray}}{{{part}}}'
                parts.append(part)
            body = ''.join(parts) if parts else '0'
            return f'${self.symbol} \\mapsto {body}$'

        def _format_term(self, scalar_format, off, scale):
            if off == 0 and scale == 1:
                return self.symbol, False
            elif scale == 1:
                return f'{scalar_format(off)} + {self.symbol}', True
            elif off == 0:
                return f'{scalar_format(scale)}{self.symbol}', True
            return f'{scalar_format(off)} + {scalar_format(scale)}{self.symbol}', True

        def __call__(self, arg):
            arg = pu.mapdomain(arg, self.domain, self.window)
            return self._val(arg, self.coef)

        def __iter__(self):
            return iter(self.coef)

        def __len__(self):
            return len(self.coef)

        def _same(self, coef):
            return self.__class__(coef, self.domain, self.window, self.symbol)

        def __neg__(self):
            return self._same(-self.coef)

        def __pos__(self):
            return self

        def __add__(self, other):
            othercoef = self._get_coefficients(other)
            try:
                coef = self._add(self.coef, othercoef)
            except Exception:
                return NotImplemented
            return self._same(coef)

        def __sub__(self, other):
            othercoef = self._get_coefficients(other)
            try:
                coef = self._sub(self.coef, othercoef)
            except Exception:
                return NotImplemented
            return self._same(coef)

        def __mul__(self, other):
            othercoef = self._get_coefficients(other)
            try:
                coef = self._mul(self.coef, othercoef)
            except Exception:
                return NotImplemented
            return self._same(coef)

        def __truediv__(self, other):
            if not _is_number(other):
                raise TypeError(
                    f"unsupported types for true division: "
                    f"'{type(self)}', '{type(other)}'")
            return self.__floordiv__(other)

        def __floordiv__(self, other):
            res = self.__divmod__(other)
            if res is NotImplemented:
                return res
            return res[0]

        def __mod__(self, other):
            res = self.__divmod__(other)
            if res is NotImplemented:
                return res
            return res[1]

        def __divmod__(self, other):
            othercoef = self._get_coefficients(other)
            try:
                quo, rem = self._div(self.coef, othercoef)
            except ZeroDivisionError:
                raise
            except Exception:
                return NotImplemented
            return self._same(quo), self._same(rem)

        def __pow__(self, other):
            return self._same(self._pow(self.coef, other, maxpower=self.maxpower))

        def __radd__(self, other):
            try:
                coef = self._add(other, self.coef)
            except Exception:
                return NotImplemented
            return self._same(coef)

        def __rsub__(self, other):
            try:
                coef = self._sub(other, self.coef)
            except Exception:
                return NotImplemented
            return self._same(coef)

        def __rmul__(self, other):
            try:
                coef = self._mul(other, self.coef)
            except Exception:
                return NotImplemented
            return self._same(coef)

        def __rtruediv__(self, other):
            return NotImplemented

        def __rfloordiv__(self, other):
            res = self.__rdivmod__(other)
            if res is NotImplemented:
                return res
            return res[0]

        def __rmod__(self, other):
            res = self.__rdivmod__(other)
            if res is NotImplemented:
                return res
            return res[1]

        def __rdivmod__(self, other):
            try:
                quo, rem = self._div(other, self.coef)
            except ZeroDivisionError:
                raise
            except Exception:
                return NotImplemented
            return self._same(quo), self._same(rem)

        def __eq__(self, other):
            return (isinstance(other, self.__class__)
                    and np.all(self.domain == other.domain)
                    and np.all(self.window == other.window)
                    and self.coef.shape == other.coef.shape
                    and np.all(self.coef == other.coef)
                    and self.symbol == other.symbol)

        def __ne__(self, other):
            return not self.__eq__(other)

        def copy(self):
            return self._same(self.coef)

        def degree(self):
            return len(self) - 1

        def cutdeg(self, deg):
            return self.truncate(deg + 1)

        def trim(self, tol=0):
            return self._same(pu.trimcoef(self.coef, tol))

        def truncate(self, size):
            isize = int(size)
            if isize != size or isize < 1:
                raise ValueError('size must be a positive integer')
            if isize >= len(self.coef):
                return self._same(self.coef)
            return self._same(self.coef[:isize])

        def convert(self, domain=None, kind=None, window=None):
            if kind is None:
                kind = self.__class__
            if domain is None:
                domain = kind.domain
            if window is None:
                window = kind.window
            return self(kind.identity(domain, window=window, symbol=self.symbol))

        def mapparms(self):
            return pu.mapparms(self.domain, self.window)

        def integ(self, m=1, k=[], lbnd=None):
            off, scl = self.mapparms()
            if lbnd is None:
                lbnd = 0
            else:
                lbnd = off + scl * lbnd
            return self._same(self._int(self.coef, m, k, lbnd, 1. / scl))

        def deriv(self, m=1):
            off, scl = self.mapparms()
            return self._same(self._der(self.coef, m, scl))

        def roots(self):
            roots = self._roots(self.coef)
            return pu.mapdomain(roots, self.window, self.domain)

        def linspace(self, n=100, domain=None):
            if domain is None:
                domain = self.domain
            x = np.linspace(domain[0], domain[1], n)
            return x, self(x)

        @classmethod
        def fit(cls, x, y, deg, domain=None, rcond=None, full=False, w=None,
                window=None, symbol='x'):
            if domain is None:
                domain = pu.getdomain(x)
                if domain[0] == domain[1]:
                    domain[0] -= 1
                    domain[1] += 1
            elif isinstance(domain, list) and len(domain) == 0:
                domain = cls.domain
            if window is None:
                window = cls.window
            xnew = pu.mapdomain(x, domain, window)
            res = cls._fit(xnew, y, deg, w=w, rcond=rcond, full=full)
            if full:
                [coef, status] = res
                return cls(coef, domain=domain, window=window, symbol=symbol), status
            return cls(res, domain=domain, window=window, symbol=symbol)

        @classmethod
        def fromroots(cls, roots, domain=[], window=None, symbol='x'):
            [roots] = pu.as_series([roots], trim=False)
            if domain is None:
                domain = pu.getdomain(roots)
            elif isinstance(domain, list) and len(domain) == 0:
                domain = cls.domain
            if window is None:
                window = cls.window
            deg = len(roots)
            off, scl = pu.mapparms(domain, window)
            rnew = off + scl * roots
            coef = cls._fromroots(rnew) / scl**deg
            return cls(coef, domain=domain, window=window, symbol=symbol)

        @classmethod
        def identity(cls, domain=None, window=None, symbol='x'):
            if domain is None:
                domain = cls.domain
            if window is None:
                window = cls.window
            off, scl = pu.mapparms(window, domain)
            return cls(cls._line(off, scl), domain, window, symbol)

        @classmethod
        def basis(cls, deg, domain=None, window=None, symbol='x'):
            if domain is None:
                domain = cls.domain
            if window is None:
                window = cls.window
            ideg = int(deg)
            if ideg != deg or ideg < 0:
                raise ValueError('deg must be non-negative integer')
            return cls([0] * ideg + [1], domain, window, symbol)

        @classmethod
        def cast(cls, series, domain=None, window=None):
            if domain is None:
                domain = cls.domain
            if window is None:
                window = cls.window
            return series.convert(domain, cls, window)

    ABCPolyBase.__module__ = 'numpy.polynomial._polybase'
    return {
        'ABCPolyBase': ABCPolyBase, '_superscripts': _SUPERSCRIPTS,
        '_digits': _digits, 'np': np, 'pu': pu,
    }
