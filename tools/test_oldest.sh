#!/usr/bin/env bash
# Run the tests (unit tests + strict nbval on every notebook) with the OLDEST versions that
# requirements.txt allows: every "name>=X.Y" lower bound becomes "name~=X.Y.0" (the X.Y series).
# Usage (repo root): bash tools/test_oldest.sh [VENV_DIR]      (default .venv-oldest)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv-oldest}"
constraints="$(mktemp)"
trap 'rm -f "$constraints"' EXIT
sed -nE 's/^([A-Za-z0-9_.-]+)>=([0-9.]+).*/\1~=\2.0/p' requirements.txt > "$constraints"
echo "oldest allowed versions: $(tr '\n' ' ' < "$constraints")"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -r requirements.txt -c "$constraints"
"$venv/bin/python" -m pytest --ignore=tests/browser
