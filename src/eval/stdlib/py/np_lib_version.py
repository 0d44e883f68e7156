def _module(mod):
    # numpy.lib._version: NumpyVersion, written for slicelab after the rules of
    # NumPy's own class: 'X.Y.Z' numbers first, then a pre-release tag (aN, bN,
    # rcN; 'final' when nothing follows), then whether '.dev' appears. All dev
    # versions of one pre-release compare equal.

    def _leading_version(s):
        # The longest 'digits.digits.digits' prefix of s, or None.
        parts = []
        i = 0
        for k in range(3):
            start = i
            while i < len(s) and '0' <= s[i] <= '9':
                i += 1
            if i == start:
                return None
            parts.append(s[start:i])
            if k < 2:
                if i >= len(s) or s[i] != '.':
                    return None
                i += 1
        return s[:i]

    def _tag(rest):
        # 'a1', 'b2', 'rc1' when rest starts with such a tag (its first digit only).
        for prefix in ('a', 'b', 'rc'):
            n = len(prefix)
            if rest[:n] == prefix and len(rest) > n and '0' <= rest[n] <= '9':
                return rest[:n + 1]
        return ''

    def _has_dev(s):
        # '.dev' where '.' is any character, as NumPy's regular expression reads it.
        k = s.find('dev', 1)
        while k != -1:
            if k >= 1 and s[k - 1] != '\n':
                return True
            k = s.find('dev', k + 1)
        return False

    class NumpyVersion:
        __module__ = "numpy.lib"

        def __init__(self, vstring):
            self.vstring = vstring
            main = _leading_version(vstring)
            if main is None:
                raise ValueError("Not a valid numpy version string")
            self.version = main
            self.major, self.minor, self.bugfix = [int(x) for x in main.split('.')]
            rest = vstring[len(main):]
            self.pre_release = 'final' if rest == '' else _tag(rest)
            self.is_devversion = _has_dev(vstring)

        def _compare(self, other):
            if not isinstance(other, (str, NumpyVersion)):
                raise ValueError("Invalid object to compare with NumpyVersion.")
            if isinstance(other, str):
                other = NumpyVersion(other)
            mine = (self.major, self.minor, self.bugfix)
            theirs = (other.major, other.minor, other.bugfix)
            if mine != theirs:
                return 1 if mine > theirs else -1
            a, b = self.pre_release, other.pre_release
            if a != b:
                if a == 'final':
                    return 1
                if b == 'final':
                    return -1
                return 1 if a > b else -1
            if self.is_devversion is other.is_devversion:
                return 0
            return -1 if self.is_devversion else 1

        def __lt__(self, other):
            return self._compare(other) < 0

        def __le__(self, other):
            return self._compare(other) <= 0

        def __eq__(self, other):
            return self._compare(other) == 0

        def __ne__(self, other):
            return self._compare(other) != 0

        def __gt__(self, other):
            return self._compare(other) > 0

        def __ge__(self, other):
            return self._compare(other) >= 0

        def __repr__(self):
            return f"NumpyVersion({self.vstring})"

    return {'NumpyVersion': NumpyVersion}
