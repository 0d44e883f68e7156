"""Fresh material for conformance: the code cells of the Scientific Python
Lectures (MyST markdown), read from a git mirror of
scipy-lectures/scientific-python-lectures (`fetch
github:scipy-lectures/scientific-python-lectures`; its git dir in
$LECTURES_GIT_DIR).

    python3 tools/probe/lectures.py OUT_DIR

One session per page: each cell's top-level statements in order, a compound
statement fed over several lines, cells that need other libraries, files,
magics or unseeded randomness left out. See docstrings.py for how to use
them; never commit the harvested text as tests.
"""
import ast, os, re, subprocess, sys
G = ["git", "--git-dir=" + os.environ.get(
    "LECTURES_GIT_DIR", "/work/.mirror/scipy-lectures+scientific-python-lectures/repo")]
files = subprocess.run(G + ["ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True).stdout.split()
files = [f for f in files if f.endswith(".md") and f.split("/")[0] in ("intro", "advanced")]
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
bad = re.compile(r"matplotlib|plt\.|scipy|sklearn|pandas|sympy|skimage|statsmodels|seaborn|"
                 r"%|^!|timeit|np\.random\.(?!default_rng\(\d|seed\(\d|RandomState\(\d)|default_rng\(\)|"
                 r"\bid\(|open\(|np\.save|np\.load|savetxt|loadtxt|genfromtxt|fromfile|tofile|memmap|"
                 r"input\(|ctypes|cython|import os|os\.|sys\.|time\.|help\(|\?\s*$|pickle|urllib|requests",
                 re.M)
cell = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)
n = 0
for f in files:
    txt = subprocess.run(G + ["show", "HEAD:" + f], capture_output=True, text=True).stdout
    stmts = []
    for m in cell.finditer(txt):
        body = m.group(1)
        lines = [l for l in body.split("\n") if not re.match(r"^:\w+:", l)]
        body = "\n".join(lines)
        if bad.search(body) or "raises-exception" in m.group(0):
            continue
        try:
            tree = ast.parse(body)
        except SyntaxError:
            continue
        src = body.split("\n")
        for node in tree.body:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            stmts.append("\n".join(src[start - 1:node.end_lineno]))
    if len(stmts) < 2:
        continue
    name = f[:-3].replace("/", "_")
    with open(os.path.join(out, name + ".session"), "w") as o:
        o.write(f"# {f}\n")
        for s in stmts:
            o.write(s + "\n")
            if "\n" in s:
                o.write("\n")
    n += 1
print(n)
