//! The names of the standard modules slicelab has (`stdlib/mod.rs` holds
//! their bodies, in the same order), and what their reprs say. A leaf, so
//! printing can name a module without depending on the modules themselves.

/// Each module's name, and whether CPython's module is built into the
/// interpreter (its repr says `(built-in)`) rather than read from a `.py`
/// file.
pub const MODULE_NAMES: &[(&str, bool)] = &[
    ("time", true),
    ("random", false),
    ("collections", false),
    ("itertools", true),
    ("functools", false),
    ("operator", false),
    ("copy", false),
    ("sys", true),
    ("string", false),
    ("json", false),
    ("statistics", false),
    ("io", false),
    ("typing", false),
    ("builtins", true),
    ("numpy.testing._private.utils", false),
    ("numpy.polynomial.polyutils", false),
    ("numpy.polynomial._polybase", false),
    ("numpy.polynomial.polynomial", false),
    ("numpy.polynomial.legendre", false),
    ("numpy.polynomial.chebyshev", false),
    ("numpy.polynomial.hermite", false),
    ("numpy.polynomial.hermite_e", false),
    ("numpy.polynomial.laguerre", false),
    ("numpy.polynomial", false),
];

/// Whether `name` is one of these modules.
pub fn is_module(name: &str) -> bool {
    MODULE_NAMES.iter().any(|m| m.0 == name)
}

/// `is_module("{parent}.{name}")` without building the name: it is asked
/// on every attribute read of a module.
pub fn is_submodule(parent: &str, name: &str) -> bool {
    MODULE_NAMES.iter().any(|m| {
        m.0.strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|rest| rest == name)
    })
}

/// The repr of the module object `name`, when it is one of these:
/// `<module 'time' (built-in)>`, or CPython's form for a module read from
/// a file (the path is this machine's Python's, so it is shortened).
pub fn module_repr(name: &str) -> Option<String> {
    let (_, builtin) = MODULE_NAMES.iter().find(|m| m.0 == name)?;
    Some(if *builtin {
        format!("<module '{name}' (built-in)>")
    } else {
        format!("<module '{name}' from '{name}.py'>")
    })
}

/// CPython 3.11's standard modules (`sys.stdlib_module_names`, without the
/// private ones): importing one slicelab lacks is an honest
/// `NotImplementedError`, where any other name is Python's
/// `ModuleNotFoundError`.
pub const CPYTHON_STDLIB: &[&str] = &[
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// Whether `name` (a top-level module) is part of CPython's standard library.
pub fn in_cpython_stdlib(name: &str) -> bool {
    CPYTHON_STDLIB.binary_search(&name).is_ok()
}

/// NumPy 2.4's public modules (`pkgutil.walk_packages`, without tests):
/// one slicelab lacks is an honest `NotImplementedError`, as is any path
/// through a private module (`numpy._core.numerictypes`).
pub const NUMPY_MODULES: &[&str] = &[
    "numpy.char",
    "numpy.core",
    "numpy.core.arrayprint",
    "numpy.core.defchararray",
    "numpy.core.einsumfunc",
    "numpy.core.fromnumeric",
    "numpy.core.function_base",
    "numpy.core.getlimits",
    "numpy.core.multiarray",
    "numpy.core.numeric",
    "numpy.core.numerictypes",
    "numpy.core.overrides",
    "numpy.core.records",
    "numpy.core.shape_base",
    "numpy.core.umath",
    "numpy.ctypeslib",
    "numpy.dtypes",
    "numpy.exceptions",
    "numpy.f2py",
    "numpy.fft",
    "numpy.lib",
    "numpy.lib.array_utils",
    "numpy.lib.format",
    "numpy.lib.introspect",
    "numpy.lib.mixins",
    "numpy.lib.npyio",
    "numpy.lib.recfunctions",
    "numpy.lib.scimath",
    "numpy.lib.stride_tricks",
    "numpy.lib.user_array",
    "numpy.linalg",
    "numpy.linalg.lapack_lite",
    "numpy.ma",
    "numpy.ma.core",
    "numpy.ma.extras",
    "numpy.ma.mrecords",
    "numpy.ma.testutils",
    "numpy.matlib",
    "numpy.matrixlib",
    "numpy.matrixlib.defmatrix",
    "numpy.polynomial",
    "numpy.polynomial.chebyshev",
    "numpy.polynomial.hermite",
    "numpy.polynomial.hermite_e",
    "numpy.polynomial.laguerre",
    "numpy.polynomial.legendre",
    "numpy.polynomial.polynomial",
    "numpy.polynomial.polyutils",
    "numpy.random",
    "numpy.random.bit_generator",
    "numpy.random.mtrand",
    "numpy.rec",
    "numpy.strings",
    "numpy.testing",
    "numpy.testing.overrides",
    "numpy.testing.print_coercion_tables",
    "numpy.typing",
    "numpy.typing.mypy_plugin",
    "numpy.version",
];

/// Whether `path` (`numpy.x.y`) names a module NumPy has.
pub fn in_numpy(path: &str) -> bool {
    NUMPY_MODULES.binary_search(&path).is_ok() || path.split('.').any(|p| p.starts_with('_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both lists are searched by bisection.
    #[test]
    fn module_lists_are_sorted() {
        assert!(CPYTHON_STDLIB.is_sorted());
        assert!(NUMPY_MODULES.is_sorted());
        assert!(in_cpython_stdlib("os") && !in_cpython_stdlib("torch"));
        assert!(in_numpy("numpy.dtypes") && in_numpy("numpy._core.numerictypes"));
        assert!(!in_numpy("numpy.bogus"));
    }
}
