#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every option of `sons --help` is in the man page and the bash completion,
# and the completion completes. Usage: test_docs.sh SONS MANPAGE COMPLETION
set -u
sons=$1 man=$2 comp=$3
n=0 fail=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
for opt in $(LANG=C "$sons" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	grep -q -- "$esc" "$man"; ok $? "man page documents $opt"
	grep -q -- "$opt" "$comp"; ok $? "completion offers $opt"
done
shopt -s extglob
# shellcheck source=/dev/null
source "$comp"
COMP_WORDS=(sons ch); COMP_CWORD=1; _sons
[ "${COMPREPLY[*]}" = "check" ]; ok $? "completes the command"
COMP_WORDS=(sons check --format s); COMP_CWORD=3; _sons
[ "${COMPREPLY[*]}" = "sarif" ]; ok $? "completes a format"
echo "1..$n"
exit $fail
