#!/usr/bin/env bash
# Hostile inputs: wall time and peak memory of `zapdoc render` on each
# diagram case, and of `zapdoc build` on a site holding each page case.
#
#   bench/hostile.sh [WORKDIR] [ZAPDOC]
#
# The cases come from `cargo run --example hostile` (see
# examples/hostile.rs). ZAPDOC defaults to target/release/zapdoc, built
# here. Each case runs once under GNU time, with a 120 s limit.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/dev/shm/zapdoc-hostile}
zapdoc=${2:-$repo/target/release/zapdoc}
if [[ $# -lt 2 ]]; then
  (cd "$repo" && cargo build --release --quiet)
fi
rm -rf "$work" && mkdir -p "$work/cases"
(cd "$repo" && cargo run --quiet --example hostile -- "$work/cases")

printf '%-28s %10s %12s %s\n' case seconds "peak MB" exit
run() {
  local name=$1; shift
  local rc=0
  /usr/bin/time -o "$work/time" -f '%e %M' timeout 120 "$@" >/dev/null 2>&1 || rc=$?
  local secs kb
  read -r secs kb < <(tail -1 "$work/time")
  printf '%-28s %10s %12s %s\n' "$name" "$secs" "$((kb / 1024))" "$rc"
}
for f in "$work"/cases/*.fz; do
  run "$(basename "$f")" "$zapdoc" render "$f"
done
for f in "$work"/cases/*.md; do
  site="$work/site-$(basename "$f" .md)"
  "$zapdoc" init "$site" >/dev/null 2>&1
  cp "$f" "$site/content/hostile.md"
  run "$(basename "$f")" "$zapdoc" build --root "$site"
done
