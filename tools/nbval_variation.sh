#!/usr/bin/env bash
# Run strict nbval on the notebooks as if on another x86-64 CPU: numpy's AVX-512/AVX2 loops disabled,
# OpenBLAS forced onto an older kernel, and one thread. Stored outputs must still match; results that
# are round-off chaotic live in '# NBVAL_IGNORE_OUTPUT' cells with a tolerance assert beside them.
# Usage (repo root, in the course's virtualenv): bash tools/nbval_variation.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
# Every AVX-class dispatch target this numpy has (the names differ between numpy 1.26 and 2.x, and
# naming one that does not exist makes numpy warn on import).
NPY_DISABLE_CPU_FEATURES="$(python - <<'PY'
try:
    from numpy._core._multiarray_umath import __cpu_dispatch__ as targets
except ImportError:  # numpy < 2
    from numpy.core._multiarray_umath import __cpu_dispatch__ as targets
print(" ".join(t for t in targets if t.startswith(("AVX", "F16C", "FMA", "X86_V3", "X86_V4"))))
PY
)"
export NPY_DISABLE_CPU_FEATURES
export OPENBLAS_CORETYPE=Prescott OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
echo "nbval variation: NPY_DISABLE_CPU_FEATURES='$NPY_DISABLE_CPU_FEATURES' OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE, 1 thread"
targets=(notebooks)  # all notebooks, unless a notebook (or folder) is named among the arguments
for arg in "$@"; do
  if [[ "$arg" == *.ipynb || -d "$arg" ]]; then targets=(); fi
done
python -m pytest "${targets[@]}" "$@"
