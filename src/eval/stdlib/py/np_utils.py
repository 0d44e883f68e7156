def _module(mod):
    # numpy._utils: the text helpers NumPy's own tests import. The
    # decorators, the _pep440 version parser and the modules it imports
    # (functools, warnings) are missing by name.
    def asbytes(s):
        # bytes as they are; anything else by its str, one byte a char.
        if isinstance(s, bytes):
            return s
        return str(s).encode('latin1')

    def asunicode(s):
        if isinstance(s, bytes):
            return s.decode('latin1')
        return str(s)

    return {'asbytes': asbytes, 'asunicode': asunicode}
