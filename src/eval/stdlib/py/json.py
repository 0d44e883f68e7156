def _module(mod):
    # CPython 3.11's json: the pure-Python encoder of json/encoder.py
    # (_make_iterencode) and the scanner of json/decoder.py and
    # json/scanner.py, in the same order of checks and with their messages.

    class JSONDecodeError(ValueError):
        def __init__(self, msg, doc, pos):
            lineno = doc.count('\n', 0, pos) + 1
            colno = pos - doc.rfind('\n', 0, pos)
            super().__init__('%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
            self.msg = msg
            self.doc = doc
            self.pos = pos
            self.lineno = lineno
            self.colno = colno

    _ESCAPES = {'\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f',
                '\n': '\\n', '\r': '\\r', '\t': '\\t'}

    def _encode_str(s, ensure_ascii):
        out = ['"']
        for c in s:
            e = _ESCAPES.get(c)
            if e is not None:
                out.append(e)
                continue
            n = ord(c)
            if n < 0x20 or (ensure_ascii and n > 0x7e):
                if n < 0x10000:
                    out.append('\\u%04x' % n)
                else:
                    n -= 0x10000
                    out.append('\\u%04x\\u%04x' % (0xd800 | ((n >> 10) & 0x3ff),
                                                   0xdc00 | (n & 0x3ff)))
            else:
                out.append(c)
        out.append('"')
        return ''.join(out)

    def _floatstr(o, allow_nan):
        if o != o:
            text = 'NaN'
        elif o == float('inf'):
            text = 'Infinity'
        elif o == -float('inf'):
            text = '-Infinity'
        else:
            return repr(float(o))
        if not allow_nan:
            raise ValueError('Out of range float values are not JSON compliant')
        return text

    def _default(o):
        raise TypeError(f'Object of type {o.__class__.__name__} '
                        f'is not JSON serializable')

    def _encode(o, out, level, opts, markers):
        indent, item_sep, key_sep, sort_keys, skipkeys, ensure_ascii, allow_nan, default = opts
        if isinstance(o, str):
            out.append(_encode_str(o, ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(repr(int(o)))
        elif isinstance(o, float):
            out.append(_floatstr(o, allow_nan))
        elif isinstance(o, (list, tuple)):
            if not o:
                out.append('[]')
                return
            _enter(o, markers)
            out.append('[')
            level += 1
            sep = item_sep
            if indent is not None:
                newline = '\n' + indent * level
                sep = item_sep + newline
                out.append(newline)
            first = True
            for v in o:
                if not first:
                    out.append(sep)
                first = False
                _encode(v, out, level, opts, markers)
            if indent is not None:
                out.append('\n' + indent * (level - 1))
            out.append(']')
            markers.pop()
        elif isinstance(o, dict):
            if not o:
                out.append('{}')
                return
            _enter(o, markers)
            out.append('{')
            level += 1
            sep = item_sep
            if indent is not None:
                newline = '\n' + indent * level
                sep = item_sep + newline
                out.append(newline)
            items = sorted(o.items()) if sort_keys else o.items()
            first = True
            for key, value in items:
                if isinstance(key, str):
                    pass
                elif isinstance(key, float):
                    key = _floatstr(key, allow_nan)
                elif key is True:
                    key = 'true'
                elif key is False:
                    key = 'false'
                elif key is None:
                    key = 'null'
                elif isinstance(key, int):
                    key = repr(int(key))
                elif skipkeys:
                    continue
                else:
                    raise TypeError(f'keys must be str, int, float, bool or None, '
                                    f'not {key.__class__.__name__}')
                if not first:
                    out.append(sep)
                first = False
                out.append(_encode_str(key, ensure_ascii))
                out.append(key_sep)
                _encode(value, out, level, opts, markers)
            if indent is not None:
                out.append('\n' + indent * (level - 1))
            out.append('}')
            markers.pop()
        else:
            _enter(o, markers)
            _encode(default(o), out, level, opts, markers)
            markers.pop()

    def _enter(o, markers):
        for m in markers:
            if m is o:
                raise ValueError('Circular reference detected')
        markers.append(o)

    def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
              allow_nan=True, cls=None, indent=None, separators=None,
              default=None, sort_keys=False, **kw):
        if cls is not None or kw:
            raise NotImplementedError('slicelab does not implement json encoder classes')
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        if separators is not None:
            item_sep, key_sep = separators
        elif indent is not None:
            item_sep, key_sep = ',', ': '
        else:
            item_sep, key_sep = ', ', ': '
        opts = (indent, item_sep, key_sep, sort_keys, skipkeys, ensure_ascii,
                allow_nan, default if default is not None else _default)
        out = []
        _encode(obj, out, 0, opts, [])
        return ''.join(out)

    def dump(obj, fp, **kw):
        raise NotImplementedError('slicelab has no files: use json.dumps')

    def load(fp, **kw):
        raise NotImplementedError('slicelab has no files: use json.loads')

    _WS = ' \t\n\r'
    _CONSTANTS = {'NaN': float('nan'), 'Infinity': float('inf'),
                  '-Infinity': -float('inf')}
    _BACKSLASH = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f',
                  'n': '\n', 'r': '\r', 't': '\t'}

    def _skip(s, i):
        while i < len(s) and s[i] in _WS:
            i += 1
        return i

    def _scan_string(s, end):
        chunks = []
        begin = end - 1
        while True:
            j = end
            while j < len(s) and s[j] not in '"\\' and ord(s[j]) >= 0x20:
                j += 1
            if j >= len(s):
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            chunks.append(s[end:j])
            c = s[j]
            end = j + 1
            if c == '"':
                break
            if c != '\\':
                raise JSONDecodeError('Invalid control character at', s, j)
            if end >= len(s):
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            esc = s[end]
            if esc != 'u':
                if esc not in _BACKSLASH:
                    raise JSONDecodeError('Invalid \\escape', s, j)
                chunks.append(_BACKSLASH[esc])
                end += 1
                continue
            uni = _hex4(s, end)
            end += 5
            if 0xd800 <= uni <= 0xdbff and s[end:end + 2] == '\\u':
                uni2 = _hex4(s, end + 1)
                if 0xdc00 <= uni2 <= 0xdfff:
                    uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00))
                    end += 6
            chunks.append(chr(uni))
        return ''.join(chunks), end

    def _hex4(s, pos):
        esc = s[pos + 1:pos + 5]
        if len(esc) == 4 and esc[1] not in 'xX':
            try:
                return int(esc, 16)
            except ValueError:
                pass
        raise JSONDecodeError('Invalid \\uXXXX escape', s, pos)

    def _scan_number(s, i):
        j = i
        if j < len(s) and s[j] == '-':
            j += 1
        if j < len(s) and s[j] == '0':
            j += 1
        elif j < len(s) and s[j] in '123456789':
            while j < len(s) and s[j].isdigit() and s[j].isascii():
                j += 1
        else:
            return None
        integer_end = j
        frac = exp = ''
        if j + 1 < len(s) and s[j] == '.' and s[j + 1].isdigit():
            j += 2
            while j < len(s) and s[j].isdigit() and s[j].isascii():
                j += 1
            frac = s[integer_end:j]
        if j < len(s) and s[j] in 'eE':
            k = j + 1
            if k < len(s) and s[k] in '+-':
                k += 1
            if k < len(s) and s[k].isdigit():
                while k < len(s) and s[k].isdigit() and s[k].isascii():
                    k += 1
                exp = s[j:k]
                j = k
        text = s[i:j]
        if frac or exp:
            return float(text), j
        return int(text), j

    def _scan_value(s, i, depth):
        if i >= len(s):
            raise JSONDecodeError('Expecting value', s, i)
        c = s[i]
        if c == '"':
            return _scan_string(s, i + 1)
        if c == '{':
            return _scan_object(s, i + 1, depth)
        if c == '[':
            return _scan_array(s, i + 1, depth)
        if s.startswith('null', i):
            return None, i + 4
        if s.startswith('true', i):
            return True, i + 4
        if s.startswith('false', i):
            return False, i + 5
        found = _scan_number(s, i)
        if found is not None:
            return found
        for name in ('NaN', 'Infinity', '-Infinity'):
            if s.startswith(name, i):
                return _CONSTANTS[name], i + len(name)
        raise JSONDecodeError('Expecting value', s, i)

    def _scan_object(s, end, depth):
        pairs = {}
        end = _skip(s, end)
        if s[end:end + 1] != '"':
            if s[end:end + 1] == '}':
                return pairs, end + 1
            raise JSONDecodeError(
                'Expecting property name enclosed in double quotes', s, end)
        end += 1
        while True:
            key, end = _scan_string(s, end)
            end = _skip(s, end)
            if s[end:end + 1] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", s, end)
            end = _skip(s, end + 1)
            value, end = _scan_value(s, end, depth + 1)
            pairs[key] = value
            end = _skip(s, end)
            c = s[end:end + 1]
            end += 1
            if c == '}':
                break
            if c != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip(s, end)
            c = s[end:end + 1]
            end += 1
            if c != '"':
                raise JSONDecodeError(
                    'Expecting property name enclosed in double quotes', s, end - 1)
        return pairs, end

    def _scan_array(s, end, depth):
        values = []
        end = _skip(s, end)
        if s[end:end + 1] == ']':
            return values, end + 1
        while True:
            value, end = _scan_value(s, end, depth + 1)
            values.append(value)
            end = _skip(s, end)
            c = s[end:end + 1]
            end += 1
            if c == ']':
                break
            if c != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip(s, end)
        return values, end

    def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None,
              parse_constant=None, object_pairs_hook=None, **kw):
        if not isinstance(s, str):
            raise TypeError(f'the JSON object must be str, bytes or bytearray, '
                            f'not {s.__class__.__name__}')
        if (cls is not None or object_hook is not None or parse_float is not None
                or parse_int is not None or parse_constant is not None
                or object_pairs_hook is not None or kw):
            raise NotImplementedError('slicelab does not implement json.loads hooks')
        if s.startswith('\ufeff'):
            raise JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0)
        end = _skip(s, 0)
        obj, end = _scan_value(s, end, 0)
        end = _skip(s, end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return obj

    JSONDecodeError.__module__ = 'json.decoder'
    return {
        'dumps': dumps, 'loads': loads, 'dump': dump, 'load': load,
        'JSONDecodeError': JSONDecodeError,
    }
