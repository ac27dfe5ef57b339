#!/usr/bin/env bash
# Installs what ccteam needs to build and test, idempotently: the C libraries (libgit2, PCRE2) and,
# with --claude, the Claude Code CLI from the PyPI wheel claude-agent-sdk into a cache.
# Prints nothing but progress; the CLI's path is written to $CCTEAM_CACHE/claude-path.
set -euo pipefail

want_claude=0
for argument in "$@"; do
    case "$argument" in
        --claude) want_claude=1 ;;
        *) echo "error: unknown option '$argument'" >&2; echo "help: use --claude or nothing" >&2; exit 2 ;;
    esac
done

# chromium: the report end-to-end test renders the HTML report in headless Chromium.
packages=(libgit2-dev libpcre2-dev pkg-config chromium)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ((want_claude)); then
    cache="${CCTEAM_CACHE:-$HOME/.cache/ccteam}"
    version="${CLAUDE_AGENT_SDK_VERSION:-0.2.186}"
    target="$cache/claude-agent-sdk-$version"
    binary="$target/claude_agent_sdk/_bundled/claude"
    if [[ ! -x "$binary" ]]; then
        echo "setup: installing the Claude Code CLI (claude-agent-sdk $version from PyPI)"
        rm -rf "$target.partial"
        python3 -m pip install --quiet --disable-pip-version-check --no-deps \
            --target "$target.partial" "claude-agent-sdk==$version"
        rm -rf "$target"
        mv "$target.partial" "$target"
    fi
    mkdir -p "$cache"
    echo "$binary" >"$cache/claude-path"
fi
