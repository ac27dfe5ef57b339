#!/usr/bin/env bash
# Sets up a fresh machine and runs every check CI runs: build, format lint, the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --claude
export CCTEAM_CLAUDE="$(cat "${CCTEAM_CACHE:-$HOME/.cache/ccteam}/claude-path")"

swift build --build-tests
swift format lint --strict --recursive Package.swift Sources Tests Plugins
swift test --no-parallel
