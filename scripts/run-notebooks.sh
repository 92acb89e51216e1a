#!/usr/bin/env bash
# Execute the notebooks headlessly, top to bottom, as CI does; exit non-zero if a cell errors (or writes to stderr:
# tslab reports compile and run-time errors there), printing the cell and its message.
#
#   scripts/run-notebooks.sh [notebooks/01-exploring-history.ipynb ...]    (default: every notebooks/*.ipynb)
#
# Needs Jupyter (Debian: apt-get install -y jupyter-nbconvert python3-ipykernel) and the tslab kernel, which this
# script installs when it is missing (npm install -g tslab; never into package.json: tslab's bundled TypeScript
# fork would take over the project's tsc). The notebooks import the built package, so dist/ is rebuilt first
# when a source file is newer than it. Executed copies go to $NOTEBOOK_OUT_DIR (default: a temporary folder),
# left there for a look at their outputs.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "run-notebooks: $*" >&2
  exit 1
}

command -v jupyter >/dev/null 2>&1 ||
  fail "jupyter not found; install it with: apt-get install -y jupyter-nbconvert python3-ipykernel"
jupyter nbconvert --version >/dev/null 2>&1 ||
  fail "jupyter nbconvert not found; install it with: apt-get install -y jupyter-nbconvert"

# The Python that runs Jupyter (Debian's /usr/bin/python3, whatever python3 comes first on PATH).
jupyter_python=$(head -n 1 "$(command -v jupyter)" | sed -n 's/^#! *//p' | cut -d ' ' -f 1)
[ -x "${jupyter_python:-}" ] || jupyter_python=python3
"$jupyter_python" -c 'import ipykernel' 2>/dev/null ||
  fail "ipykernel not found for $jupyter_python; install it with: apt-get install -y python3-ipykernel"

if ! command -v tslab >/dev/null 2>&1; then
  echo "run-notebooks: installing the tslab kernel (npm install -g tslab)" >&2
  npm install -g tslab >&2
fi
has_kernel() {
  "$jupyter_python" -c 'import sys
from jupyter_client.kernelspec import KernelSpecManager
sys.exit(0 if "tslab" in KernelSpecManager().find_kernel_specs() else 1)'
}
if ! has_kernel; then
  echo "run-notebooks: registering the tslab kernel with Jupyter" >&2
  tslab install --python="$jupyter_python" >&2
  has_kernel || fail "the tslab kernel is still not registered with Jupyter"
fi

if [ ! -f dist/index.js ] || [ -n "$(find src -name '*.ts' -newer dist/index.js -print -quit)" ]; then
  echo "run-notebooks: building dist/ (npm run build)" >&2
  npm run build >&2
fi

if [ "$#" -eq 0 ]; then
  set -- notebooks/*.ipynb
fi
out_dir=${NOTEBOOK_OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/queuecast-notebooks.XXXXXX")}
mkdir -p "$out_dir"

# The first cell of an executed notebook that failed: tslab reports compile and run-time errors on stderr (and the
# cell's status), Jupyter's own kernels as an 'error' output. Prints the cell and the message; exit 1 if one did.
first_error() {
  "$jupyter_python" - "$1" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
for i, cell in enumerate(code, 1):
    for o in cell.get("outputs", []):
        text = ""
        if o["output_type"] == "error":
            text = "\n".join(o.get("traceback") or [o.get("ename", "") + ": " + o.get("evalue", "")])
        elif o["output_type"] == "stream" and o.get("name") == "stderr":
            text = "".join(o["text"]) if isinstance(o["text"], list) else o["text"]
        if text:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            print(f"code cell {i}:\n" + "\n".join("    " + l for l in source.splitlines()[:8]))
            print("\n".join(text.splitlines()[:30]))
            sys.exit(1)
PY
}

failed=()
for notebook in "$@"; do
  started=$SECONDS
  name=$(basename "$notebook" .ipynb)
  # --allow-errors keeps the outputs of a failing cell, so that the message below can show them.
  if jupyter nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.timeout=600 \
    --output-dir "$out_dir" "$notebook" >"$out_dir/$name.log" 2>&1 &&
    error=$(first_error "$out_dir/$name.ipynb"); then
    echo "ok    $notebook ($((SECONDS - started)) s)"
  else
    echo "FAIL  $notebook ($((SECONDS - started)) s)" >&2
    if [ -n "${error:-}" ]; then
      echo "$error" >&2
    else
      grep -v -e '^\[NbConvertApp\]' -e 'MissingIDFieldWarning' "$out_dir/$name.log" | tail -n 30 >&2
    fi
    failed+=("$notebook")
  fi
  error=
done
echo "executed notebooks: $out_dir"
[ "${#failed[@]}" -eq 0 ] || fail "${#failed[@]} notebook(s) failed: ${failed[*]}"
