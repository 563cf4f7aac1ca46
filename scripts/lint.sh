#!/usr/bin/env bash
# Checks formatting against .swift-format; exits non-zero on any finding.
# Usage: ./scripts/lint.sh [paths...]   (default: every tracked Swift file)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  swift format lint --strict --parallel "$@"
else
  git ls-files -z '*.swift' | xargs -0 swift format lint --strict --parallel
fi
