#!/usr/bin/env bash
# Installs the test oracle of the Java TF.js graph-model reader (model/.../teacher/tfjs): TensorFlow.js 4.22.0 with
# its WebAssembly backend, from npm (versions locked by scripts/tfjs-oracle/package-lock.json), into
# .vigil/tfjs-oracle/node_modules (git-ignored), with Node from Debian. About 20 s and 300 MB.
# scripts/tfjs-oracle/run-graph-model.js runs a model with it (NODE_PATH=.vigil/tfjs-oracle/node_modules).
# Does nothing when the pinned versions are already there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/lib.sh"
prefix="$here/.vigil/tfjs-oracle"
version=4.22.0

installed() {
  local p
  for p in tfjs tfjs-backend-wasm; do
    [[ -f "$prefix/node_modules/@tensorflow/$p/package.json" ]] || return 1
    grep -q "\"version\": \"$version\"" "$prefix/node_modules/@tensorflow/$p/package.json" || return 1
  done
}

installed && exit 0
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
mkdir -p "$prefix"
cp "$here/scripts/tfjs-oracle/package.json" "$here/scripts/tfjs-oracle/package-lock.json" "$prefix/"
echo "vigil: installing the TF.js oracle (@tensorflow/tfjs $version + wasm backend) into $prefix ..." >&2
(cd "$prefix" && npm ci --no-audit --no-fund --silent >&2)
installed || { echo "vigil: TF.js $version did not install into $prefix" >&2; exit 1; }
