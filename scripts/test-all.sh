#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Debian packages, sample footage, the teacher models, the TF.js
# oracle), then builds and runs every module's tests with Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/install-test-deps.sh
bash scripts/fetch-sample-data.sh
bash scripts/fetch-teacher-model.sh
bash scripts/install-tfjs-oracle.sh
mvn -B -ntp verify "$@"
