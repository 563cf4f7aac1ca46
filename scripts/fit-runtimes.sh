#!/usr/bin/env bash
# Refits every runtime's device-class figures to the bundled measurement
# corpus (traces/measurements/corpus.csv) and rewrites traces/runtimes/*.json
# with them: `classes` fitted, `priors` the documented figures they were
# fitted from, `uncertainty` the zero-shot residual bands, and a `sources`
# entry per fitted class saying what informed it. Then regenerates the
# compiled-in runtime presets and the corpus data.
#
# Usage: ./scripts/fit-runtimes.sh     (after editing the corpus or a prior)
# Then run `life validate` and record its figures in docs/accuracy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/gen-corpus.sh
swift build -c release --product life
bin="$(swift build -c release --show-bin-path)/life"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" validate --write-runtimes "$tmp"
for f in "$tmp"/*.json; do
  name=$(basename "$f")
  [ "$name" = ideal.json ] && continue
  cp "$f" "traces/runtimes/$name"
done
./scripts/gen-runtime-presets.sh
