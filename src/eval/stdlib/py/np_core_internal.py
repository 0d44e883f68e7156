def _module(mod):
    # numpy._core._internal: the reader of PEP 3118 buffer format strings
    # ('<i4', 'T{d:x:(2)h:y:}', '@b3xi'), which turns one into the dtype
    # NumPy gives the buffer. Its other names are refused as missing.
    import numpy as np

    # Type characters per sizing rule: '@' and '^' use the C compiler's
    # sizes, every other byte order the standard ones ('l' is 4 bytes).
    native = {
        '?': '?', 'c': 'S1', 'b': 'b', 'B': 'B', 'h': 'h', 'H': 'H',
        'i': 'i', 'I': 'I', 'l': 'l', 'L': 'L', 'q': 'q', 'Q': 'Q',
        'e': 'e', 'f': 'f', 'd': 'd', 'g': 'g', 'Zf': 'F', 'Zd': 'D',
        'Zg': 'G', 's': 'S', 'w': 'U', 'O': 'O', 'x': 'V',
    }
    standard = {
        '?': '?', 'c': 'S1', 'b': 'b', 'B': 'B', 'h': 'i2', 'H': 'u2',
        'i': 'i4', 'I': 'u4', 'l': 'i4', 'L': 'u4', 'q': 'i8', 'Q': 'u8',
        'e': 'f2', 'f': 'f', 'd': 'd', 'Zf': 'F', 'Zd': 'D', 's': 'S',
        'w': 'U', 'O': 'O', 'x': 'V',
    }
    unrepresentable = {
        'u': 'UCS-2 strings', '&': 'pointers', 't': 'bitfields',
        'X': 'function pointers',
    }

    def lcm(a, b):
        x, y = a, b
        while y:
            x, y = y, x % y
        return a // x * b

    def padded(value, padding):
        # `value` followed by `padding` bytes, as one item.
        if value.fields is None:
            names, formats, offsets = ['f0'], [value], [0]
        else:
            names = list(value.names)
            formats = [value.fields[n][0] for n in names]
            offsets = [value.fields[n][1] for n in names]
        return np.dtype({'names': names, 'formats': formats,
                         'offsets': offsets,
                         'itemsize': value.itemsize + padding})

    class Reader:
        # The format text and where reading has got to; the byte order
        # last written holds for the items after it, also out of a T{}.
        def __init__(self, text):
            self.text = text
            self.at = 0
            self.order = '@'

        def more(self):
            return self.at < len(self.text)

        def peek(self):
            return self.text[self.at]

        def take(self, prefix):
            if self.text.startswith(prefix, self.at):
                self.at += len(prefix)
                return True
            return False

        def digits(self):
            start = self.at
            while self.more() and self.peek().isdigit():
                self.at += 1
            return self.text[start:self.at]

        def up_to(self, stop):
            end = self.text.index(stop, self.at)
            part = self.text[self.at:end]
            self.at = end + len(stop)
            return part

    def read_struct(r, nested):
        names, formats, offsets = [], [], []
        offset = 0
        size = 0
        alignment = 1
        while r.more():
            if r.take('}'):
                break
            shape = None
            if r.take('('):
                shape = tuple(int(n) for n in r.up_to(')').split(','))
            if r.peek() in '@=<>^!':
                r.order = '>' if r.peek() == '!' else r.peek()
                r.at += 1
            types = native if r.order in '@^' else standard
            count = r.digits()
            count = int(count) if count else 1
            padding_item = False
            if not r.more():
                raise IndexError('string index out of range')
            if r.take('T{'):
                value, align = read_struct(r, True)
            elif r.text[r.at:r.at + (2 if r.peek() == 'Z' else 1)] in types:
                code = r.text[r.at:r.at + (2 if r.peek() == 'Z' else 1)]
                r.at += len(code)
                padding_item = code == 'x'
                char = types[code]
                if char in 'USV':
                    char = char + str(count)
                    count = 1
                value = np.dtype({'@': '=', '^': '='}.get(r.order, r.order) + char)
                align = value.alignment
            elif r.peek() in unrepresentable:
                raise NotImplementedError(
                    'Unrepresentable PEP 3118 data type %r (%s)'
                    % (r.peek(), unrepresentable[r.peek()]))
            else:
                raise ValueError('Unknown PEP 3118 data type specifier %r'
                                 % r.text[r.at:])
            # Native ('@') items are aligned: padding before an item, and
            # inside it when it repeats; a single item's own tail padding
            # can wait until the next field.
            later = 0
            if r.order == '@':
                offset += -offset % align
                tail = -value.itemsize % align
                if tail:
                    repeats = count > 1
                    if shape is not None:
                        many = 1
                        for n in shape:
                            many *= n
                        repeats = repeats or many > 1
                    if repeats:
                        value = padded(value, tail)
                    else:
                        later = tail
                alignment = lcm(align, alignment)
            if count != 1:
                value = np.dtype((value, (count,)))
            if shape is not None:
                value = np.dtype((value, shape))
            name = r.up_to(':') if r.take(':') else None
            if not (padding_item and name is None):
                if name is not None and name in names:
                    raise RuntimeError(
                        "Duplicate field name '%s' in PEP3118 format" % name)
                names.append(name)
                formats.append(value)
                offsets.append(offset)
            offset += value.itemsize + later
            size = offset
        if r.order == '@':
            size += -offset % alignment
        # One unnamed item filling the whole buffer is that item's dtype.
        if (not nested and names == [None] and offsets[0] == 0
                and size == formats[0].itemsize):
            return formats[0], alignment
        for k in range(len(names)):
            if names[k] is None:
                j = 0
                while 'f%d' % j in names:
                    j += 1
                names[k] = 'f%d' % j
        return np.dtype({'names': names, 'formats': formats,
                         'offsets': offsets, 'itemsize': size}), alignment

    def _dtype_from_pep3118(spec):
        return read_struct(Reader(spec), False)[0]

    return {'_dtype_from_pep3118': _dtype_from_pep3118}
