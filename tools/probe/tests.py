"""Fresh material for conformance: the bodies of NumPy's own unit tests.

    python3 tools/probe/tests.py OUT_DIR [TEST_FILE_GLOB ...]

reads numpy/**/tests/test_*.py from a NumPy git mirror (`fetch
github:numpy/numpy`; its git dir in $NUMPY_GIT_DIR) and writes one session
per plain test function: no parameters but `self`, no decorators, nothing
that needs pytest, the test class's state, files, threads or other
libraries. Each session makes the test module's imports, then runs the
body's statements at the prompt. A wrong value shows as an
`AssertionError` where NumPy prints nothing. See docstrings.py for how to
use the sessions; never commit the harvested text as tests.
"""
import ast, fnmatch, os, re, subprocess, sys, textwrap

G = ["git", "--git-dir=" + os.environ.get("NUMPY_GIT_DIR", "/work/.mirror/numpy+numpy/repo")]
out = sys.argv[1]
globs = sys.argv[2:] or ["numpy/*/tests/test_*.py", "numpy/*/*/tests/test_*.py"]
os.makedirs(out, exist_ok=True)
files = subprocess.run(G + ["ls-tree", "-r", "--name-only", "HEAD", "numpy"],
                       capture_output=True, text=True).stdout.split()
files = [f for f in files if any(fnmatch.fnmatch(f, g) for g in globs)]
bad = re.compile(r"self\.|pytest|mock|thread|pickle|tempfile|tmp_path|open\(|sys\.|os\.|gc\.|weakref|"
                 r"ctypes|subprocess|warnings|suppress_warnings|IS_PYPY|HAS_REFCOUNT|getrefcount|"
                 r"np\.random\.(?!default_rng\(\d|seed\(\d|RandomState\(\d)|\bid\(|memmap|tofile|fromfile|"
                 r"np\.save|np\.load|StringIO|BytesIO|importlib|_multiarray_tests|_umath_tests|"
                 r"_rational_tests|_struct_ufunc|hypothesis|given\(|locale|time\.|datetime\.|"
                 r"__array_interface__|__array_struct__|np\.longdouble|float128|complex256|"
                 r"clongdouble|np\.half|float16")
count = 0
for f in files:
    src = subprocess.run(G + ["show", "HEAD:" + f], capture_output=True, text=True).stdout
    try:
        tree = ast.parse(src)
    except SyntaxError:
        continue
    lines = src.splitlines()

    def tests():
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and not node.decorator_list:
                if any(isinstance(b, ast.FunctionDef) and b.name in ("setup_method", "setup", "setUp")
                       for b in node.body):
                    continue
                for b in node.body:
                    if isinstance(b, ast.FunctionDef):
                        yield node.name + "." + b.name, b, ["self"]
            elif isinstance(node, ast.FunctionDef):
                yield node.name, node, []

    # The module's own imports (numpy's names, operator, itertools...), so
    # that a body's names mean what they meant in the test file.
    header = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            seg = "\n".join(lines[node.lineno - 1: node.end_lineno])
            if not re.search(r"pytest|hypothesis|threading|pickle|ctypes|sys|os\b|gc|weakref|tempfile|"
                             r"_multiarray_tests|_umath_tests|_rational_tests|mmap|io\b|locale|platform|"
                             r"sysconfig|subprocess|inspect|warnings|typing|decimal|fractions|"
                             r"datetime|copy|textwrap|__future__", seg):
                header.append(" ".join(seg.replace("\\\n", " ").split()))
    base = f.replace("numpy/", "").replace("/tests/", "_").replace("/", "_")[:-3]
    for name, fn, params in tests():
        if not fn.name.startswith("test_") or fn.decorator_list:
            continue
        a = fn.args
        if [p.arg for p in a.args] != params or a.vararg or a.kwarg or a.kwonlyargs:
            continue
        body = fn.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            body = body[1:]
        if not body:
            continue
        text = "\n".join(lines[body[0].lineno - 1: body[-1].end_lineno])
        if bad.search(text):
            continue
        stmts = []
        for st in body:
            seg = textwrap.dedent("\n".join(lines[st.lineno - 1: st.end_lineno]))
            seg = "\n".join(l for l in seg.splitlines() if l.strip() and not l.lstrip().startswith("#"))
            stmts.append(seg)
        with open(os.path.join(out, base + "." + name + ".session"), "w") as o:
            o.write("# " + f + " " + name + "\n")
            for h in header:
                o.write(h + "\n")
            for s in stmts:
                o.write(s + "\n")
        count += 1
print(count, "sessions")
