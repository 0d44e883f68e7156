"""Fresh material for conformance: the `>>>` examples of NumPy's user guide
and reference pages (doc/source/user, doc/source/reference), read from a
NumPy git mirror (`fetch github:numpy/numpy`; its git dir in $NUMPY_GIT_DIR).

    python3 tools/probe/guide.py OUT_DIR

One session per page; see docstrings.py for how to use them.
"""
import doctest, os, re, subprocess, sys
G = ["git", "--git-dir=" + os.environ.get("NUMPY_GIT_DIR", "/work/.mirror/numpy+numpy/repo")]
files=subprocess.run(G+["ls-tree","-r","--name-only","HEAD","doc/source/user","doc/source/reference"],capture_output=True,text=True).stdout.split()
files=[f for f in files if f.endswith(".rst")]
out=sys.argv[1]; os.makedirs(out,exist_ok=True)
bad = re.compile(r"matplotlib|plt\.|import (?!numpy as np)|%timeit|timeit|default_rng\(\)|\bid\(|tempfile|open\(|TemporaryFile|StringIO|BytesIO|np\.save|np\.load|savetxt|loadtxt|genfromtxt|memmap|tofile|fromfile|sys\.|os\.|ctypes|cython|pd\.|dask|cupy|torch|jax|xarray")
n=0
for f in files:
    txt=subprocess.run(G+["show","HEAD:"+f],capture_output=True,text=True).stdout
    try: exs=doctest.DocTestParser().get_examples(txt)
    except Exception as e: continue
    st=[e.source.rstrip("\n") for e in exs if not bad.search(e.source)]
    if len(st)<2: continue
    name=f.replace("doc/source/","").replace("/","_")[:-4]
    with open(os.path.join(out,name+".session"),"w") as o:
        for s in st:
            o.write(s+"\n")
            if "\n" in s: o.write("\n")
    n+=1
print(n)
