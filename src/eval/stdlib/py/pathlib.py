def _module(mod):
    # Python 3.11's pathlib for POSIX, written afresh: paths are parsed and
    # printed as Lib/pathlib.py does (`_parse_parts`, `__str__`, `__repr__`),
    # and the few calls that reach the file system go through the natives
    # of stdlib/pathlib.rs, which keep the session's rules on writing.
    # Directory listings (`iterdir`, `glob`) come in the file system's own
    # order, which no transcript can fix, and are refused.
    _kind = mod._kind
    _unlink = mod._unlink
    _mkdir = mod._mkdir
    _rmdir = mod._rmdir
    _cwd = mod._cwd
    _home = mod._home

    def _fspath(a):
        if isinstance(a, str):
            return a
        if isinstance(a, bytes):
            raise TypeError("argument should be a str object or an os.PathLike "
                            "object returning str, not <class 'bytes'>")
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(a).__name__)

    def _parse(args):
        # Lib/pathlib.py `_parse_parts`, for the POSIX flavour: parts are
        # read right to left, an absolute one ends the reading.
        parsed = []
        root = ''
        for a in reversed(args):
            if isinstance(a, PurePath):
                part = str(a)
            else:
                part = _fspath(a)
            if not part:
                continue
            if part.startswith('/'):
                if part.startswith('//') and not part.startswith('///'):
                    root = '//'
                else:
                    root = '/'
                rel = part.lstrip('/')
            else:
                rel = part
            for x in reversed(rel.split('/')):
                if x and x != '.':
                    parsed.append(x)
            if root:
                break
        parsed.reverse()
        return root, parsed

    def _match_part(name, pat):
        # fnmatch without case folding (POSIX): `*`, `?` and `[...]`.
        if not pat:
            return not name
        c = pat[0]
        if c == '*':
            for k in range(len(name) + 1):
                if _match_part(name[k:], pat[1:]):
                    return True
            return False
        if not name:
            return False
        if c == '?':
            return _match_part(name[1:], pat[1:])
        if c == '[':
            end = pat.find(']', 2)
            if end > 0:
                body = pat[1:end]
                negate = body.startswith('!')
                if negate:
                    body = body[1:]
                hit = False
                k = 0
                while k < len(body):
                    if k + 2 < len(body) and body[k + 1] == '-':
                        if body[k] <= name[0] <= body[k + 2]:
                            hit = True
                        k += 3
                    else:
                        if body[k] == name[0]:
                            hit = True
                        k += 1
                if hit == negate:
                    return False
                return _match_part(name[1:], pat[end + 1:])
        return name[0] == c and _match_part(name[1:], pat[1:])

    class PurePath:
        def __new__(cls, *args):
            if cls is PurePath:
                cls = PurePosixPath
            self = object.__new__(cls)
            self._root, self._parts = _parse(args)
            return self

        def _from(self, root, parts):
            new = object.__new__(type(self))
            new._root = root
            new._parts = parts
            return new

        def __str__(self):
            return (self._root + '/'.join(self._parts)) or '.'

        def __fspath__(self):
            return str(self)

        def as_posix(self):
            return str(self)

        def __repr__(self):
            return "{}({!r})".format(type(self).__name__, self.as_posix())

        def _key(self):
            return (self._root, tuple(self._parts))

        def __eq__(self, other):
            if not isinstance(other, PurePath):
                return NotImplemented
            return self._key() == other._key()

        def __ne__(self, other):
            if not isinstance(other, PurePath):
                return NotImplemented
            return self._key() != other._key()

        def __hash__(self):
            return hash(self._key())

        def _order(self):
            if self._root:
                return [self._root] + self._parts
            return self._parts

        def __lt__(self, other):
            if not isinstance(other, PurePath):
                return NotImplemented
            return self._order() < other._order()

        def __le__(self, other):
            if not isinstance(other, PurePath):
                return NotImplemented
            return self._order() <= other._order()

        def __gt__(self, other):
            if not isinstance(other, PurePath):
                return NotImplemented
            return self._order() > other._order()

        def __ge__(self, other):
            if not isinstance(other, PurePath):
                return NotImplemented
            return self._order() >= other._order()

        def __truediv__(self, key):
            if not isinstance(key, (str, PurePath)):
                return NotImplemented
            return type(self)(self, key)

        def __rtruediv__(self, key):
            if not isinstance(key, (str, PurePath)):
                return NotImplemented
            return type(self)(key, self)

        def joinpath(self, *args):
            return type(self)(self, *args)

        @property
        def parts(self):
            if self._root:
                return tuple([self._root] + self._parts)
            return tuple(self._parts)

        @property
        def drive(self):
            return ''

        @property
        def root(self):
            return self._root

        @property
        def anchor(self):
            return self._root

        @property
        def name(self):
            if not self._parts:
                return ''
            return self._parts[-1]

        @property
        def suffix(self):
            name = self.name
            i = name.rfind('.')
            if 0 < i < len(name) - 1:
                return name[i:]
            return ''

        @property
        def suffixes(self):
            name = self.name
            if name.endswith('.'):
                return []
            name = name.lstrip('.')
            return ['.' + s for s in name.split('.')[1:]]

        @property
        def stem(self):
            name = self.name
            i = name.rfind('.')
            if 0 < i < len(name) - 1:
                return name[:i]
            return name

        @property
        def parent(self):
            if not self._parts:
                return self
            return self._from(self._root, self._parts[:-1])

        @property
        def parents(self):
            out = []
            p = self
            while p._parts:
                p = p.parent
                out.append(p)
            return tuple(out)

        def is_absolute(self):
            return bool(self._root)

        def with_name(self, name):
            if not self.name:
                raise ValueError("%r has an empty name" % (self,))
            if not name or '/' in name or name == '.':
                raise ValueError("Invalid name %r" % (name,))
            return self._from(self._root, self._parts[:-1] + [name])

        def with_stem(self, stem):
            return self.with_name(stem + self.suffix)

        def with_suffix(self, suffix):
            if '/' in suffix or (suffix and not suffix.startswith('.')) or suffix == '.':
                raise ValueError("Invalid suffix %r" % (suffix,))
            name = self.name
            if not name:
                raise ValueError("%r has an empty name" % (self,))
            old = self.suffix
            if not old:
                name = name + suffix
            else:
                name = name[:len(name) - len(old)] + suffix
            return self._from(self._root, self._parts[:-1] + [name])

        def relative_to(self, *other):
            if not other:
                raise TypeError("need at least one argument")
            base = type(self)(*other)
            n = len(base._parts)
            if base._root != self._root or self._parts[:n] != base._parts:
                raise ValueError("{!r} is not in the subpath of {!r} OR one path is "
                                 "relative and the other is absolute.".format(
                                     str(self), str(base)))
            return self._from('', self._parts[n:])

        def is_relative_to(self, *other):
            try:
                self.relative_to(*other)
                return True
            except ValueError:
                return False

        def match(self, path_pattern):
            pat = PurePosixPath(path_pattern)
            if not pat._parts and not pat._root:
                raise ValueError("empty pattern")
            if pat._root:
                if self._root != pat._root or len(self._parts) != len(pat._parts):
                    return False
            elif len(pat._parts) > len(self._parts):
                return False
            for name, p in zip(reversed(self._parts), reversed(pat._parts)):
                if not _match_part(name, p):
                    return False
            return True

    class PurePosixPath(PurePath):
        pass

    class Path(PurePath):
        def __new__(cls, *args, **kwargs):
            if cls is Path:
                cls = PosixPath
            self = object.__new__(cls)
            self._root, self._parts = _parse(args)
            return self

        @classmethod
        def cwd(cls):
            return cls(_cwd())

        @classmethod
        def home(cls):
            return cls(_home())

        def absolute(self):
            if self._root:
                return self
            return type(self)(_cwd(), self)

        def exists(self):
            return _kind(str(self)) is not None

        def is_file(self):
            return _kind(str(self)) == 'file'

        def is_dir(self):
            return _kind(str(self)) == 'dir'

        def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
            return open(str(self), mode, buffering, encoding, errors, newline)

        def read_text(self, encoding=None, errors=None):
            with open(str(self), 'r', encoding=encoding) as f:
                return f.read()

        def read_bytes(self):
            with open(str(self), 'rb') as f:
                return f.read()

        def write_text(self, data, encoding=None, errors=None, newline=None):
            if not isinstance(data, str):
                raise TypeError('data must be str, not %s' % type(data).__name__)
            with open(str(self), 'w', encoding=encoding) as f:
                return f.write(data)

        def write_bytes(self, data):
            with open(str(self), 'wb') as f:
                return f.write(data)

        def touch(self, mode=0o666, exist_ok=True):
            if _kind(str(self)) is not None:
                if not exist_ok:
                    raise FileExistsError("[Errno 17] File exists: %r" % str(self))
                return
            with open(str(self), 'a'):
                pass

        def unlink(self, missing_ok=False):
            if missing_ok and _kind(str(self)) is None:
                return
            _unlink(str(self))

        def rmdir(self):
            _rmdir(str(self))

        def mkdir(self, mode=0o777, parents=False, exist_ok=False):
            if parents and self._parts and _kind(str(self.parent)) is None:
                self.parent.mkdir(parents=True, exist_ok=True)
            if exist_ok and _kind(str(self)) == 'dir':
                return
            _mkdir(str(self))

    class PosixPath(Path, PurePosixPath):
        pass

    for c in (PurePath, PurePosixPath, Path, PosixPath):
        c.__module__ = 'pathlib'
    return {
        'PurePath': PurePath, 'PurePosixPath': PurePosixPath,
        'Path': Path, 'PosixPath': PosixPath,
    }
