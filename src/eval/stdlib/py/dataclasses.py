def _module(mod):
    # dataclasses: CPython 3.11's Lib/dataclasses.py, step for step, so the
    # generated __init__, __repr__, __eq__, ordering, frozen __setattr__/
    # __delattr__ and __hash__ are the same text compiled the same way
    # (mod._create_fn is CPython's _create_fn: the text compiled in a frame
    # of its locals). Where CPython reads a class's __dict__, the natives
    # read the class's own attributes. Not here: InitVar, make_dataclass,
    # slots=True and weakref_slot=True (refused), string annotations naming
    # ClassVar/InitVar/KW_ONLY (refused rather than guessed).
    import copy

    class FrozenInstanceError(AttributeError):
        __module__ = 'dataclasses'

    class _HAS_DEFAULT_FACTORY_CLASS:
        __module__ = 'dataclasses'

        def __repr__(self):
            return '<factory>'
    _HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()

    class _MISSING_TYPE:
        __module__ = 'dataclasses'
    MISSING = _MISSING_TYPE()

    class _KW_ONLY_TYPE:
        __module__ = 'dataclasses'
    KW_ONLY = _KW_ONLY_TYPE()

    _EMPTY_METADATA = mod._mappingproxy({})

    class _FIELD_BASE:
        __module__ = 'dataclasses'

        def __init__(self, name):
            self.name = name

        def __repr__(self):
            return self.name
    _FIELD = _FIELD_BASE('_FIELD')
    _FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
    _FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

    _FIELDS = '__dataclass_fields__'
    _PARAMS = '__dataclass_params__'
    _POST_INIT_NAME = '__post_init__'

    def _recursive_repr(user_function):
        # reprlib.recursive_repr: '...' for a repr already under way.
        repr_running = []

        def wrapper(self):
            for running in repr_running:
                if running is self:
                    return '...'
            repr_running.append(self)
            try:
                result = user_function(self)
            finally:
                for i, running in enumerate(repr_running):
                    if running is self:
                        del repr_running[i]
                        break
            return result
        return mod._renamed(wrapper, user_function.__name__, user_function.__qualname__)

    class Field:
        __module__ = 'dataclasses'

        def __init__(self, default, default_factory, init, repr, hash, compare,
                     metadata, kw_only):
            self.name = None
            self.type = None
            self.default = default
            self.default_factory = default_factory
            self.init = init
            self.repr = repr
            self.hash = hash
            self.compare = compare
            self.metadata = (_EMPTY_METADATA
                             if metadata is None else
                             mod._mappingproxy(metadata))
            self.kw_only = kw_only
            self._field_type = None

        def __repr__(self):
            return ('Field('
                    f'name={self.name!r},'
                    f'type={self.type!r},'
                    f'default={self.default!r},'
                    f'default_factory={self.default_factory!r},'
                    f'init={self.init!r},'
                    f'repr={self.repr!r},'
                    f'hash={self.hash!r},'
                    f'compare={self.compare!r},'
                    f'metadata={self.metadata!r},'
                    f'kw_only={self.kw_only!r},'
                    f'_field_type={self._field_type}'
                    ')')

    class _DataclassParams:
        __module__ = 'dataclasses'

        def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
            self.init = init
            self.repr = repr
            self.eq = eq
            self.order = order
            self.unsafe_hash = unsafe_hash
            self.frozen = frozen

        def __repr__(self):
            return ('_DataclassParams('
                    f'init={self.init!r},'
                    f'repr={self.repr!r},'
                    f'eq={self.eq!r},'
                    f'order={self.order!r},'
                    f'unsafe_hash={self.unsafe_hash!r},'
                    f'frozen={self.frozen!r}'
                    ')')

    def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
              hash=None, compare=True, metadata=None, kw_only=MISSING):
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError('cannot specify both default and default_factory')
        return Field(default, default_factory, init, repr, hash, compare,
                     metadata, kw_only)

    def _fields_in_init_order(fields):
        return (tuple(f for f in fields if f.init and not f.kw_only),
                tuple(f for f in fields if f.init and f.kw_only))

    def _tuple_str(obj_name, fields):
        if not fields:
            return '()'
        return f'({",".join([f"{obj_name}.{f.name}" for f in fields])},)'

    def _create_fn(name, args, body, *, locals=None, return_type=MISSING):
        if locals is None:
            locals = {}
        if return_type is not MISSING:
            locals['_return_type'] = return_type
        return mod._create_fn(name, list(args), list(body), locals, None)

    def _field_assign(frozen, name, value, self_name):
        if frozen:
            return f'__dataclass_builtins_object__.__setattr__({self_name},{name!r},{value})'
        return f'{self_name}.{name}={value}'

    def _field_init(f, frozen, globals, self_name, slots):
        default_name = f'_dflt_{f.name}'
        if f.default_factory is not MISSING:
            if f.init:
                globals[default_name] = f.default_factory
                value = (f'{default_name}() '
                         f'if {f.name} is _HAS_DEFAULT_FACTORY '
                         f'else {f.name}')
            else:
                globals[default_name] = f.default_factory
                value = f'{default_name}()'
        else:
            if f.init:
                if f.default is MISSING:
                    value = f.name
                else:
                    globals[default_name] = f.default
                    value = f.name
            else:
                return None
        if f._field_type is _FIELD_INITVAR:
            return None
        return _field_assign(frozen, f.name, value, self_name)

    def _init_param(f):
        if f.default is MISSING and f.default_factory is MISSING:
            default = ''
        elif f.default is not MISSING:
            default = f'=_dflt_{f.name}'
        else:
            default = '=_HAS_DEFAULT_FACTORY'
        return f'{f.name}:_type_{f.name}{default}'

    def _init_fn(fields, std_fields, kw_only_fields, frozen, has_post_init,
                 self_name, slots):
        seen_default = False
        for f in std_fields:
            if f.init:
                if not (f.default is MISSING and f.default_factory is MISSING):
                    seen_default = True
                elif seen_default:
                    raise TypeError(f'non-default argument {f.name!r} '
                                    'follows default argument')

        locals = {f'_type_{f.name}': f.type for f in fields}
        locals.update({
            'MISSING': MISSING,
            '_HAS_DEFAULT_FACTORY': _HAS_DEFAULT_FACTORY,
            '__dataclass_builtins_object__': object,
        })

        body_lines = []
        for f in fields:
            line = _field_init(f, frozen, locals, self_name, slots)
            if line:
                body_lines.append(line)

        if has_post_init:
            params_str = ','.join(f.name for f in fields
                                  if f._field_type is _FIELD_INITVAR)
            body_lines.append(f'{self_name}.{_POST_INIT_NAME}({params_str})')

        if not body_lines:
            body_lines = ['pass']

        _init_params = [_init_param(f) for f in std_fields]
        if kw_only_fields:
            _init_params += ['*']
            _init_params += [_init_param(f) for f in kw_only_fields]
        return _create_fn('__init__',
                          [self_name] + _init_params,
                          body_lines,
                          locals=locals,
                          return_type=None)

    def _repr_fn(fields):
        fn = _create_fn('__repr__',
                        ('self',),
                        ['return self.__class__.__qualname__ + f"(' +
                         ', '.join([f"{f.name}={{self.{f.name}!r}}"
                                    for f in fields]) +
                         ')"'])
        return _recursive_repr(fn)

    def _frozen_get_del_attr(cls, fields):
        locals = {'cls': cls,
                  'FrozenInstanceError': FrozenInstanceError}
        if fields:
            fields_str = '(' + ','.join(repr(f.name) for f in fields) + ',)'
        else:
            fields_str = '()'
        return (_create_fn('__setattr__',
                           ('self', 'name', 'value'),
                           (f'if type(self) is cls or name in {fields_str}:',
                            ' raise FrozenInstanceError(f"cannot assign to field {name!r}")',
                            f'super(cls, self).__setattr__(name, value)'),
                           locals=locals),
                _create_fn('__delattr__',
                           ('self', 'name'),
                           (f'if type(self) is cls or name in {fields_str}:',
                            ' raise FrozenInstanceError(f"cannot delete field {name!r}")',
                            f'super(cls, self).__delattr__(name)'),
                           locals=locals),
                )

    def _cmp_fn(name, op, self_tuple, other_tuple):
        return _create_fn(name,
                          ('self', 'other'),
                          ['if other.__class__ is self.__class__:',
                           f' return {self_tuple}{op}{other_tuple}',
                           'return NotImplemented'])

    def _hash_fn(fields):
        self_tuple = _tuple_str('self', fields)
        return _create_fn('__hash__',
                          ('self',),
                          [f'return hash({self_tuple})'])

    def _string_marker(a_type):
        # CPython resolves a string annotation naming ClassVar, InitVar or
        # KW_ONLY in the class's module; slicelab does not guess.
        head = a_type.strip()
        for marker in ('ClassVar', 'InitVar', 'KW_ONLY'):
            for prefix in ('', 'typing.', 'dataclasses.'):
                if head.startswith(prefix + marker):
                    raise NotImplementedError(
                        f'slicelab does not read the string annotation {a_type!r} '
                        'of a dataclass field yet')

    def _get_field(cls, a_name, a_type, default_kw_only):
        default = getattr(cls, a_name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)

        f.name = a_name
        f.type = a_type
        f._field_type = _FIELD

        if isinstance(a_type, str):
            _string_marker(a_type)
        if mod._is_classvar(a_type):
            f._field_type = _FIELD_CLASSVAR

        if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
            if f.default_factory is not MISSING:
                raise TypeError(f'field {f.name} cannot have a '
                                'default factory')

        if f._field_type in (_FIELD, _FIELD_INITVAR):
            if f.kw_only is MISSING:
                f.kw_only = default_kw_only
        else:
            if f.kw_only is not MISSING:
                raise TypeError(f'field {f.name} is a ClassVar but specifies '
                                'kw_only')

        if f._field_type is _FIELD and mod._unhashable(f.default):
            raise ValueError(f'mutable default {type(f.default)} for field '
                             f'{f.name} is not allowed: use default_factory')

        return f

    def _set_qualname(cls, value):
        # A function comes back as a copy under its new __qualname__
        # (slicelab's functions cannot be renamed in place).
        return mod._method_of(value, cls.__qualname__)

    def _set_new_attribute(cls, name, value):
        if mod._own(cls, name):
            return True
        value = _set_qualname(cls, value)
        setattr(cls, name, value)
        return False

    def _hash_set_none(cls, fields):
        return None

    def _hash_add(cls, fields):
        flds = [f for f in fields if (f.compare if f.hash is None else f.hash)]
        return _set_qualname(cls, _hash_fn(flds))

    def _hash_exception(cls, fields):
        raise TypeError(f'Cannot overwrite attribute __hash__ '
                        f'in class {cls.__name__}')

    _hash_action = {(False, False, False, False): None,
                    (False, False, False, True): None,
                    (False, False, True, False): None,
                    (False, False, True, True): None,
                    (False, True, False, False): _hash_set_none,
                    (False, True, False, True): None,
                    (False, True, True, False): _hash_add,
                    (False, True, True, True): None,
                    (True, False, False, False): _hash_add,
                    (True, False, False, True): _hash_exception,
                    (True, False, True, False): _hash_add,
                    (True, False, True, True): _hash_exception,
                    (True, True, False, False): _hash_add,
                    (True, True, False, True): _hash_exception,
                    (True, True, True, False): _hash_add,
                    (True, True, True, True): _hash_exception,
                    }

    def _format_annotation(annotation):
        # inspect.formatannotation
        if isinstance(annotation, type):
            if annotation.__module__ == 'builtins':
                return annotation.__qualname__
            return annotation.__module__ + '.' + annotation.__qualname__
        return mod._hint_text(annotation)

    def _signature_text(cls):
        # str(inspect.signature(cls)) without ' -> None', as CPython's
        # class docstring has it.
        params = mod._params(cls.__init__, MISSING)
        parts = []
        star_done = False
        for kind, name, note, default in params[1:]:
            if kind == 2 and not star_done:
                parts.append('*')
                star_done = True
            if kind == 1:
                star_done = True
                name = '*' + name
            if kind == 3:
                name = '**' + name
            text = name
            if note is not MISSING:
                text += ': ' + _format_annotation(note)
            if default is not MISSING:
                text += (' = ' if note is not MISSING else '=') + repr(default)
            parts.append(text)
        return '(' + ', '.join(parts) + ')'

    def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                       match_args, kw_only, slots, weakref_slot):
        fields = {}

        setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order,
                                               unsafe_hash, frozen))

        any_frozen_base = False
        has_dataclass_bases = False
        for b in mod._mro_bases(cls)[::-1]:
            base_fields = getattr(b, _FIELDS, None)
            if base_fields is not None:
                has_dataclass_bases = True
                for f in base_fields.values():
                    fields[f.name] = f
                if getattr(b, _PARAMS).frozen:
                    any_frozen_base = True

        cls_annotations = cls.__annotations__

        cls_fields = []
        KW_ONLY_seen = False
        for name, type in cls_annotations.items():
            if type is KW_ONLY:
                if KW_ONLY_seen:
                    raise TypeError(f'{name!r} is KW_ONLY, but KW_ONLY '
                                    'has already been specified')
                KW_ONLY_seen = True
                kw_only = True
            else:
                cls_fields.append(_get_field(cls, name, type, kw_only))

        for f in cls_fields:
            fields[f.name] = f
            if isinstance(getattr(cls, f.name, None), Field):
                if f.default is MISSING:
                    delattr(cls, f.name)
                else:
                    setattr(cls, f.name, f.default)

        for name, value in mod._own_items(cls):
            if isinstance(value, Field) and not name in cls_annotations:
                raise TypeError(f'{name!r} is a field but has no type annotation')

        if has_dataclass_bases:
            if any_frozen_base and not frozen:
                raise TypeError('cannot inherit non-frozen dataclass from a '
                                'frozen one')
            if not any_frozen_base and frozen:
                raise TypeError('cannot inherit frozen dataclass from a '
                                'non-frozen one')

        setattr(cls, _FIELDS, fields)

        class_hash = MISSING
        if mod._own(cls, '__hash__'):
            class_hash = cls.__hash__
        has_explicit_hash = not (class_hash is MISSING or
                                 (class_hash is None and mod._own(cls, '__eq__')))

        if order and not eq:
            raise ValueError('eq must be true if order is true')

        all_init_fields = [f for f in fields.values()
                           if f._field_type in (_FIELD, _FIELD_INITVAR)]
        (std_init_fields,
         kw_only_init_fields) = _fields_in_init_order(all_init_fields)

        if init:
            has_post_init = hasattr(cls, _POST_INIT_NAME)
            _set_new_attribute(cls, '__init__',
                               _init_fn(all_init_fields,
                                        std_init_fields,
                                        kw_only_init_fields,
                                        frozen,
                                        has_post_init,
                                        '__dataclass_self__' if 'self' in fields
                                        else 'self',
                                        slots,
                                        ))

        field_list = [f for f in fields.values() if f._field_type is _FIELD]

        if repr:
            flds = [f for f in field_list if f.repr]
            _set_new_attribute(cls, '__repr__', _repr_fn(flds))

        if eq:
            flds = [f for f in field_list if f.compare]
            self_tuple = _tuple_str('self', flds)
            other_tuple = _tuple_str('other', flds)
            _set_new_attribute(cls, '__eq__',
                               _cmp_fn('__eq__', '==',
                                       self_tuple, other_tuple))

        if order:
            flds = [f for f in field_list if f.compare]
            self_tuple = _tuple_str('self', flds)
            other_tuple = _tuple_str('other', flds)
            for name, op in [('__lt__', '<'),
                             ('__le__', '<='),
                             ('__gt__', '>'),
                             ('__ge__', '>='),
                             ]:
                if _set_new_attribute(cls, name,
                                      _cmp_fn(name, op, self_tuple, other_tuple)):
                    raise TypeError(f'Cannot overwrite attribute {name} '
                                    f'in class {cls.__name__}. Consider using '
                                    'functools.total_ordering')

        if frozen:
            for fn in _frozen_get_del_attr(cls, field_list):
                if _set_new_attribute(cls, fn.__name__, fn):
                    raise TypeError(f'Cannot overwrite attribute {fn.__name__} '
                                    f'in class {cls.__name__}')

        hash_action = _hash_action[bool(unsafe_hash),
                                   bool(eq),
                                   bool(frozen),
                                   has_explicit_hash]
        if hash_action:
            cls.__hash__ = hash_action(cls, field_list)

        if not getattr(cls, '__doc__'):
            cls.__doc__ = (cls.__name__ + _signature_text(cls))

        if match_args:
            _set_new_attribute(cls, '__match_args__',
                               tuple(f.name for f in std_init_fields))

        if weakref_slot and not slots:
            raise TypeError('weakref_slot is True but slots is False')
        if slots:
            raise NotImplementedError('slicelab does not implement dataclass(slots=True) yet')

        return cls

    def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
                  unsafe_hash=False, frozen=False, match_args=True,
                  kw_only=False, slots=False, weakref_slot=False):
        def wrap(cls):
            return _process_class(cls, init, repr, eq, order, unsafe_hash,
                                  frozen, match_args, kw_only, slots,
                                  weakref_slot)

        if cls is None:
            return wrap

        return wrap(cls)

    def fields(class_or_instance):
        try:
            fields = getattr(class_or_instance, _FIELDS)
        except AttributeError:
            raise TypeError('must be called with a dataclass type or instance') from None

        return tuple(f for f in fields.values() if f._field_type is _FIELD)

    def _is_dataclass_instance(obj):
        return hasattr(type(obj), _FIELDS)

    def is_dataclass(obj):
        cls = obj if isinstance(obj, type) else type(obj)
        return hasattr(cls, _FIELDS)

    def asdict(obj, *, dict_factory=dict):
        if not _is_dataclass_instance(obj):
            raise TypeError("asdict() should be called on dataclass instances")
        return _asdict_inner(obj, dict_factory)

    def _asdict_inner(obj, dict_factory):
        if _is_dataclass_instance(obj):
            result = []
            for f in fields(obj):
                value = _asdict_inner(getattr(obj, f.name), dict_factory)
                result.append((f.name, value))
            return dict_factory(result)
        elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
            return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
        elif isinstance(obj, (list, tuple)):
            return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
        elif isinstance(obj, dict):
            return type(obj)((_asdict_inner(k, dict_factory),
                              _asdict_inner(v, dict_factory))
                             for k, v in obj.items())
        else:
            return copy.deepcopy(obj)

    def astuple(obj, *, tuple_factory=tuple):
        if not _is_dataclass_instance(obj):
            raise TypeError("astuple() should be called on dataclass instances")
        return _astuple_inner(obj, tuple_factory)

    def _astuple_inner(obj, tuple_factory):
        if _is_dataclass_instance(obj):
            result = []
            for f in fields(obj):
                value = _astuple_inner(getattr(obj, f.name), tuple_factory)
                result.append(value)
            return tuple_factory(result)
        elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
            return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
        elif isinstance(obj, (list, tuple)):
            return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
        elif isinstance(obj, dict):
            return type(obj)((_astuple_inner(k, tuple_factory),
                              _astuple_inner(v, tuple_factory))
                             for k, v in obj.items())
        else:
            return copy.deepcopy(obj)

    def replace(obj, /, **changes):
        if not _is_dataclass_instance(obj):
            raise TypeError("replace() should be called on dataclass instances")

        for f in getattr(obj, _FIELDS).values():
            if f._field_type is _FIELD_CLASSVAR:
                continue

            if not f.init:
                if f.name in changes:
                    raise ValueError(f'field {f.name} is declared with '
                                     'init=False, it cannot be specified with '
                                     'replace()')
                continue

            if f.name not in changes:
                if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                    raise ValueError(f"InitVar {f.name!r} "
                                     'must be specified with replace()')
                changes[f.name] = getattr(obj, f.name)

        return obj.__class__(**changes)

    return {
        'FrozenInstanceError': FrozenInstanceError,
        'MISSING': MISSING,
        'KW_ONLY': KW_ONLY,
        'Field': Field,
        'field': field,
        'dataclass': dataclass,
        'fields': fields,
        'is_dataclass': is_dataclass,
        'asdict': asdict,
        'astuple': astuple,
        'replace': replace,
    }
