#!/usr/bin/env bash
# Syntax check of every .ps1 in the repository (or of the files given), offline of PowerShell:
# tree-sitter's PowerShell grammar through node. The npm packages are installed once into a cache
# folder outside the repository (RPCBENCH_NODE_CACHE, default ~/.cache/rpcbench-powershell-check).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  -h|--help) echo "usage: scripts/check-powershell.sh [FILE.ps1...]  (default: every .ps1 in the repository)"; exit 0 ;;
esac
command -v node >/dev/null || { echo "check-powershell: node is missing (apt-get install -y nodejs npm)" >&2; exit 2; }
cache="${RPCBENCH_NODE_CACHE:-$HOME/.cache/rpcbench-powershell-check}"
if [ ! -f "$cache/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm" ] ||
   [ ! -d "$cache/node_modules/web-tree-sitter" ]; then
  mkdir -p "$cache"
  # Pinned versions; --ignore-scripts: only the grammar's .wasm is used, no native build.
  (cd "$cache" && npm install --silent --no-audit --no-fund --ignore-scripts --no-save \
    web-tree-sitter@0.27.1 tree-sitter-powershell@0.26.4 >/dev/null)
fi
if [ $# -eq 0 ]; then
  mapfile -t files < <(cd "$root" && git ls-files '*.ps1' | sed "s|^|$root/|")
  [ ${#files[@]} -gt 0 ] || { echo "check-powershell: no .ps1 file in the repository" >&2; exit 1; }
  set -- "${files[@]}"
fi
# The checker runs from the cache so that node finds the packages there.
cp "$root/scripts/check-powershell.mjs" "$cache/check-powershell.mjs"
exec node "$cache/check-powershell.mjs" "$@"
