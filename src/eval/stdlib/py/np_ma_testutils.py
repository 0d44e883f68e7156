def _module(mod):
    # numpy.ma.testutils: asserts that compare masked arrays with their
    # masks merged (a place masked on either side counts as equal), as
    # NumPy's own masked-array tests use them. Each follows NumPy 2.4's
    # steps over np.testing's assert_array_compare. unittest's TestCase,
    # which the module re-exports, is missing by name.
    import operator

    import numpy as np
    import numpy._core.umath as umath
    from numpy import ndarray
    from numpy.testing import (
        assert_, assert_allclose, assert_array_almost_equal_nulp,
        assert_raises, build_err_msg)
    from numpy.ma import (
        filled, getmask, mask_or, masked, masked_array, nomask)

    def _filled_pair(a, b, fill_value):
        # Both sides with the merged mask filled: a's masked places by
        # fill_value, b's by 1, so masked places agree when fill_value
        # is True.
        m = mask_or(getmask(a), getmask(b))
        d1 = filled(a)
        d2 = filled(b)
        if d1.dtype.char == "O" or d2.dtype.char == "O":
            return None, np.equal(d1, d2).ravel()
        x = filled(masked_array(d1, copy=False, mask=m),
                   fill_value).astype(np.float64)
        y = filled(masked_array(d2, copy=False, mask=m), 1).astype(np.float64)
        return (x, y), None

    def approx(a, b, fill_value=True, rtol=1e-5, atol=1e-8):
        pair, same = _filled_pair(a, b, fill_value)
        if pair is None:
            return same
        x, y = pair
        d = np.less_equal(umath.absolute(x - y),
                          atol + rtol * umath.absolute(y))
        return d.ravel()

    def almost(a, b, decimal=6, fill_value=True):
        pair, same = _filled_pair(a, b, fill_value)
        if pair is None:
            return same
        x, y = pair
        d = np.around(np.abs(x - y), decimal) <= 10.0 ** (-decimal)
        return d.ravel()

    def _assert_equal_on_sequences(actual, desired, err_msg=''):
        assert_equal(len(actual), len(desired), err_msg)
        for k in range(len(desired)):
            assert_equal(actual[k], desired[k], f'item={k!r}\n{err_msg}')

    def assert_equal_records(a, b):
        assert_equal(a.dtype, b.dtype)
        for f in a.dtype.names:
            af = operator.getitem(a, f)
            bf = operator.getitem(b, f)
            if not (af is masked) and not (bf is masked):
                assert_equal(operator.getitem(a, f), operator.getitem(b, f))

    def assert_equal(actual, desired, err_msg=''):
        if isinstance(desired, dict):
            if not isinstance(actual, dict):
                raise AssertionError(repr(type(actual)))
            assert_equal(len(actual), len(desired), err_msg)
            for k in desired:
                if k not in actual:
                    raise AssertionError(f"{k} not in {actual}")
                assert_equal(actual[k], desired[k], f'key={k!r}\n{err_msg}')
            return
        if isinstance(desired, (list, tuple)) and \
                isinstance(actual, (list, tuple)):
            return _assert_equal_on_sequences(actual, desired, err_msg='')
        if not (isinstance(actual, ndarray) or isinstance(desired, ndarray)):
            msg = build_err_msg([actual, desired], err_msg,)
            if not desired == actual:
                raise AssertionError(msg)
            return
        # One side the masked constant and the other not: no comparison.
        if ((actual is masked) and not (desired is masked)) or \
                ((desired is masked) and not (actual is masked)):
            msg = build_err_msg([actual, desired], err_msg, header='',
                                names=('x', 'y'))
            raise ValueError(msg)
        actual = np.asanyarray(actual)
        desired = np.asanyarray(desired)
        if actual.dtype.char == "S" and desired.dtype.char == "S":
            return _assert_equal_on_sequences(actual.tolist(),
                                              desired.tolist(), err_msg='')
        return assert_array_equal(actual, desired, err_msg)

    def fail_if_equal(actual, desired, err_msg='',):
        if isinstance(desired, dict):
            if not isinstance(actual, dict):
                raise AssertionError(repr(type(actual)))
            fail_if_equal(len(actual), len(desired), err_msg)
            for k in desired:
                if k not in actual:
                    raise AssertionError(repr(k))
                fail_if_equal(actual[k], desired[k], f'key={k!r}\n{err_msg}')
            return
        if isinstance(desired, (list, tuple)) and \
                isinstance(actual, (list, tuple)):
            fail_if_equal(len(actual), len(desired), err_msg)
            for k in range(len(desired)):
                fail_if_equal(actual[k], desired[k], f'item={k!r}\n{err_msg}')
            return
        if isinstance(actual, np.ndarray) or isinstance(desired, np.ndarray):
            return fail_if_array_equal(actual, desired, err_msg)
        msg = build_err_msg([actual, desired], err_msg)
        if not desired != actual:
            raise AssertionError(msg)

    def assert_almost_equal(actual, desired, decimal=7, err_msg='',
                            verbose=True):
        if isinstance(actual, np.ndarray) or isinstance(desired, np.ndarray):
            return assert_array_almost_equal(actual, desired, decimal=decimal,
                                             err_msg=err_msg, verbose=verbose)
        msg = build_err_msg([actual, desired], err_msg=err_msg,
                            verbose=verbose)
        if not round(abs(desired - actual), decimal) == 0:
            raise AssertionError(msg)

    def assert_array_compare(comparison, x, y, err_msg='', verbose=True,
                             header='', fill_value=True):
        # One mask for both sides, then np.testing's comparison of the
        # filled values.
        m = mask_or(getmask(x), getmask(y))
        x = masked_array(x, copy=False, mask=m, keep_mask=False, subok=False)
        y = masked_array(y, copy=False, mask=m, keep_mask=False, subok=False)
        if ((x is masked) and not (y is masked)) or \
                ((y is masked) and not (x is masked)):
            msg = build_err_msg([x, y], err_msg=err_msg, verbose=verbose,
                                header=header, names=('x', 'y'))
            raise ValueError(msg)
        return np.testing.assert_array_compare(
            comparison, x.filled(fill_value), y.filled(fill_value),
            err_msg=err_msg, verbose=verbose, header=header)

    def assert_array_equal(x, y, err_msg='', verbose=True):
        assert_array_compare(operator.__eq__, x, y, err_msg=err_msg,
                             verbose=verbose, header='Arrays are not equal')

    def fail_if_array_equal(x, y, err_msg='', verbose=True):
        def compare(x, y):
            return (not np.all(approx(x, y)))
        assert_array_compare(compare, x, y, err_msg=err_msg, verbose=verbose,
                             header='Arrays are not equal')

    def assert_array_approx_equal(x, y, decimal=6, err_msg='', verbose=True):
        def compare(x, y):
            return approx(x, y, rtol=10. ** -decimal)
        assert_array_compare(compare, x, y, err_msg=err_msg, verbose=verbose,
                             header='Arrays are not almost equal')

    def assert_array_almost_equal(x, y, decimal=6, err_msg='', verbose=True):
        def compare(x, y):
            return almost(x, y, decimal)
        assert_array_compare(compare, x, y, err_msg=err_msg, verbose=verbose,
                             header='Arrays are not almost equal')

    def assert_array_less(x, y, err_msg='', verbose=True):
        assert_array_compare(operator.__lt__, x, y, err_msg=err_msg,
                             verbose=verbose,
                             header='Arrays are not less-ordered')

    def assert_mask_equal(m1, m2, err_msg=''):
        if m1 is nomask:
            assert_(m2 is nomask)
        if m2 is nomask:
            assert_(m1 is nomask)
        assert_array_equal(m1, m2, err_msg=err_msg)

    return {
        'operator': operator, 'np': np, 'numpy': np, 'umath': umath,
        'ndarray': ndarray,
        'assert_': assert_, 'assert_allclose': assert_allclose,
        'assert_array_almost_equal_nulp': assert_array_almost_equal_nulp,
        'assert_raises': assert_raises, 'build_err_msg': build_err_msg,
        'filled': filled, 'getmask': getmask, 'mask_or': mask_or,
        'masked': masked, 'masked_array': masked_array, 'nomask': nomask,
        'approx': approx, 'almost': almost,
        '_assert_equal_on_sequences': _assert_equal_on_sequences,
        'assert_equal_records': assert_equal_records,
        'assert_equal': assert_equal,
        'fail_if_equal': fail_if_equal, 'assert_not_equal': fail_if_equal,
        'assert_almost_equal': assert_almost_equal,
        'assert_close': assert_almost_equal,
        'assert_array_compare': assert_array_compare,
        'assert_array_equal': assert_array_equal,
        'fail_if_array_equal': fail_if_array_equal,
        'assert_array_approx_equal': assert_array_approx_equal,
        'assert_array_almost_equal': assert_array_almost_equal,
        'assert_array_less': assert_array_less,
        'assert_mask_equal': assert_mask_equal,
    }
