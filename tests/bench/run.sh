#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the benchmark corpus if needed and runs the benchmark.
#
#   tests/bench/run.sh                     release build in $BENCH_DIR/build
#                                          (default /tmp/sons-bench), corpus
#                                          in $BENCH_DIR/corpus
#   tests/bench/run.sh BUILD_DIR [CORPUS]  an existing build (what
#                                          `meson test --benchmark` does)
#
# BENCH_COUNT sets the number of documents of the corpus (default 4000, plus
# 8 long ones); BENCH_PDF the number of them printed to PDF by LibreOffice's
# soffice when it is installed (default 100, plus one long quote per format;
# 0: none); BENCH_OPTS is passed to the driver (e.g. "--repeat=3": the
# fastest of three runs of each measurement, for a machine others use too).
# The corpus is remade when the fixtures or make_corpus.py are newer than it,
# or when BENCH_COUNT or BENCH_PDF changed.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_DIR:-/tmp/sons-bench}
if [ $# -ge 1 ]; then
	build=$1
else
	build=$work/build
	if [ ! -f "$build/build.ninja" ]; then
		meson setup "$build" "$src" -Dbuildtype=release -Db_ndebug=true >/dev/null
	fi
	ninja -C "$build" cli/sons tests/bench/sons-bench >/dev/null
fi
corpus=${2:-$work/corpus}
list=$corpus/mixed.list
count=${BENCH_COUNT:-4000}
pdf=${BENCH_PDF:-100}
if [ ! -f "$list" ] || [ "$(cat "$corpus/count" 2>/dev/null)" != "$count $pdf" ] ||
	[ -n "$(find "$src/fixtures" "$src/tests/bench/make_corpus.py" -newer "$list" -print \
		2>/dev/null | head -n 1)" ]; then
	echo "building the corpus in $corpus…"
	python3 "$src/tests/bench/make_corpus.py" "$build/cli/sons" "$src/fixtures" "$corpus" \
		--count="$count" --pdf="$pdf" | tail -n 3
	echo "$count $pdf" >"$corpus/count"
fi
# shellcheck disable=SC2086 # BENCH_OPTS holds several words
exec "$build/tests/bench/sons-bench" "$corpus" ${BENCH_OPTS:-}
