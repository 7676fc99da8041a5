#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One-step set-up for a fresh Debian 12 machine (run as root, or with sudo
# available): installs the Debian packages sons needs, builds, then
#   example : checks the bundled example quote and prints the verdict;
#   test    : runs the whole suite, then again under ASan+UBSan, and checks
#             the formatting.
set -euo pipefail
mode=${1:-example}
cd "$(dirname "$0")/.."

# Build and test dependencies, all from Debian's archive.
pkgs=(meson ninja-build pkg-config gcc g++ libxml2-dev libzip-dev libpcre2-dev
      libjansson-dev nettle-dev python3 python3-jsonschema clang-format)
# Python bindings: Python.h, pytest and mypy for their tests, meson-python and venv
# for `pip install --no-build-isolation .` (see README, Python).
pkgs+=(python3-dev python3-pytest mypy python3-mesonpy python3-venv)
# The HTML report is checked in headless Chromium (tests only).
if [ "$mode" = test ]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	echo "Installing: ${missing[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi

build() { # dir, extra meson args...
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" --werror "$@" >/dev/null
	elif [ $# -gt 0 ]; then
		meson configure "$dir" "$@" >/dev/null
	fi
	ninja -C "$dir" >/dev/null
}

case "$mode" in
example)
	build build
	# Two bundled quotes: one that obeys the rules, one that leaves training
	# to the client.
	set +e
	for ex in fixtures/conforme/axiome-ehpad-tilleuls-docx/devis-AX-2023-0142.docx \
		"fixtures/R/fires-r001-training-client-share-docx/Devis SD-2023-0244.docx"; do
		echo "\$ sons check '$ex'"
		build/cli/sons check "$ex"
		echo "(code de sortie $?: 0 conforme, 1 non conforme, 2 indéterminé)"
		echo
	done
	set -e
	;;
test)
	# PDF input must be there in CI: enabled, not auto.
	build build -Dpdf=enabled
	meson test -C build --print-errorlogs --num-processes 2
	# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
	build build-asan -Dpdf=enabled -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fno-sanitize-recover=all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
		meson test -C build-asan --print-errorlogs --num-processes 2
	# One closing count over both runs, for CI logs.
	python3 - build build-asan <<'PY'
import json, sys
passed = failed = 0
for d in sys.argv[1:]:
    for line in open(d + '/meson-logs/testlog.json', encoding='utf-8'):
        r = json.loads(line).get('result')
        if r in ('OK', 'SKIP', 'EXPECTEDFAIL'):
            passed += 1
        else:
            failed += 1
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
PY
	# Formatting: clang-format must have nothing to change.
	git ls-files '*.c' '*.h' | xargs clang-format --dry-run --Werror
	echo "formatting: clean"
	;;
*)
	echo "usage: tools/setup.sh example|test" >&2
	exit 2
	;;
esac
