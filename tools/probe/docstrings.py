"""Fresh material for conformance: the `>>>` examples of NumPy's docstrings.

    python3 tools/probe/docstrings.py OUT_DIR

writes one session per documented object (np.*, np.linalg, np.ma, ndarray
methods, Generator methods, ...) into OUT_DIR, leaving out lines that need
files, other libraries, addresses or unseeded randomness. Run each through
../shared/conformance/oracle.py for NumPy's transcript and hold slicelab
against them with check.py. For finding gaps only: never commit the
harvested text as tests (write your own sessions).
"""
import doctest, inspect, os, re, sys
import numpy as np
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
parser = doctest.DocTestParser()
seen = set()
def objs():
    for modname, mod in [("np", np), ("np.linalg", np.linalg), ("np.fft", np.fft),
                         ("np.ma", np.ma), ("np.char", np.char), ("np.strings", np.strings),
                         ("np.lib.stride_tricks", np.lib.stride_tricks), ("np.random", np.random),
                         ("np.rec", np.rec), ("np.emath", np.emath)]:
        for n in sorted(dir(mod)):
            if n.startswith("_"): continue
            o = getattr(mod, n, None)
            if o is None or inspect.ismodule(o): continue
            yield f"{modname}.{n}", o
    for n in sorted(dir(np.ndarray)):
        if n.startswith("_"): continue
        yield f"ndarray.{n}", getattr(np.ndarray, n)
    for n in sorted(dir(np.random.Generator)):
        if n.startswith("_"): continue
        yield f"Generator.{n}", getattr(np.random.Generator, n)
bad = re.compile(r"matplotlib|plt\.|import |%timeit|timeit|np\.random\.default_rng\(\)|default_rng\(\)|\bid\(|tempfile|open\(|TemporaryFile|StringIO|BytesIO|np\.save|np\.load|savetxt|loadtxt|genfromtxt|memmap|tofile|fromfile|sys\.|os\.")
count = 0
for name, o in objs():
    doc = getattr(o, "__doc__", None)
    if not isinstance(doc, str) or ">>>" not in doc: continue
    key = id(o)
    if key in seen: continue
    seen.add(key)
    try:
        exs = parser.get_examples(doc)
    except Exception:
        continue
    stmts = []
    for e in exs:
        src = e.source.rstrip("\n")
        if bad.search(src): continue
        if "\n" in src:
            # multi-line: sessions need a blank line after a block; indent lines already right
            pass
        stmts.append(src)
    if not stmts: continue
    fn = os.path.join(out, name.replace(" ", "_") + ".session")
    with open(fn, "w") as f:
        for s in stmts:
            f.write(s + "\n")
            if "\n" in s: f.write("\n")
    count += 1
print(count, "sessions")
