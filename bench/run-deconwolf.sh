#!/usr/bin/env bash
# 3D Richardson-Lucy, delp vs deconwolf 0.4.7 (CPU build) on deconwolf's demo stack, one command.
#
#   bench/run-deconwolf.sh [extra rl_bench.py options, e.g. --threads 1 --iterations 20]
#
# Fetches deconwolf (DW_REPO, default its GitHub repository, or a local mirror) at DW_COMMIT into
# $DELP_PEERS_DIR/deconwolf (default /tmp/delp-peers), builds the CPU version with cmake
# (-DENABLE_GPU=OFF, Release), makes the demo PSF with dw_bw and the demo's optics
# (demo/makefile: --resxy 130 --resz 300 --lambda 461 --NA 1.45 --ni 1.512 --nslice 79), builds the
# delp bench jar into $DELP_PEERS_DIR/target, and runs bench/deconwolf/rl_bench.py (50 iterations,
# 1 and 2 threads). Nothing of deconwolf enters the checkout.
# Needs: cmake, gcc, pkg-config, libfftw3-dev, libtiff-dev, libgsl-dev, libpng-dev, /usr/bin/time,
# JDK 17+, Maven, delp modules installed in ~/.m2 (DELP_INSTALL=1 runs `mvn -q -o install
# -DskipTests` first). Env: JAVA, SKIP_BUILD=1 (jar), DW_REPO, DW_COMMIT. Not part of tests or CI.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${DELP_PEERS_DIR:-/tmp/delp-peers}
BUILD=$WORK/target
DWDIR=$WORK/deconwolf
JAVA=${JAVA:-java}
MIRROR=/work/.mirror/elgw+deconwolf/repo
if [ -z "${DW_REPO:-}" ]; then
  if [ -d "$MIRROR" ]; then DW_REPO=$MIRROR; else DW_REPO=https://github.com/elgw/deconwolf.git; fi
fi
# The repository has no v0.4.7 tag; this commit (2026-01-08) reports version 0.4.7 (CMakeLists.txt,
# src/dw_version.h) and is the newest at the time of the comparison.
DW_COMMIT=${DW_COMMIT:-0d6f6c7c941e56a72efdae32fa1ba4d84808f95f}

for p in fftw3f libtiff-4 gsl libpng; do
  pkg-config --exists "$p" || { echo "missing $p: apt-get install -y libfftw3-dev libtiff-dev libgsl-dev libpng-dev pkg-config cmake" >&2; exit 2; }
done
mkdir -p "$DWDIR"
if [ ! -d "$DWDIR/src/.git" ]; then
  git clone -q "$DW_REPO" "$DWDIR/src"
fi
git -C "$DWDIR/src" checkout -q "$DW_COMMIT"
if [ ! -x "$DWDIR/build/dw" ] || [ ! -x "$DWDIR/build/dw_bw" ]; then
  cmake -S "$DWDIR/src" -B "$DWDIR/build" -DENABLE_GPU=OFF -DCMAKE_BUILD_TYPE=Release > "$DWDIR/cmake.log"
  cmake --build "$DWDIR/build" -j 2 > "$DWDIR/build.log"
fi
"$DWDIR/build/dw" --version | head -3

RUN=$DWDIR/run
mkdir -p "$RUN"
cp "$DWDIR/src/demo/dapi_001.tif" "$RUN/dapi_001.tif"
if [ ! -f "$RUN/PSF_dapi.tif" ]; then
  (cd "$RUN" && "$DWDIR/build/dw_bw" --resxy 130 --resz 300 --lambda 461 --NA 1.45 --ni 1.512 PSF_dapi.tif \
     --overwrite --nslice 79 > dw_bw.out)
fi

cd "$ROOT"
if [ "${DELP_INSTALL:-0}" = 1 ]; then
  mvn -q -o install -DskipTests
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -o -pl bench package -DskipTests -Ddelp.buildDir="$BUILD"
fi

echo "== $(date -u +%FT%TZ)  $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs"
"$JAVA" -version 2>&1 | head -1
exec /usr/bin/python3 "$ROOT/bench/deconwolf/rl_bench.py" --dw "$DWDIR/build/dw" --image "$RUN/dapi_001.tif" \
  --psf "$RUN/PSF_dapi.tif" --jar "$BUILD/benchmarks.jar" --java "$JAVA" --workdir "$RUN" \
  --out "$RUN/summary.json" "$@"
