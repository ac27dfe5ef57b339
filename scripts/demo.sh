#!/usr/bin/env bash
# The ccteam demo: sets everything up (system packages, the Claude Code CLI, the build), then runs a
# whole team offline on a small sample repository. The model is `ccmodel`, a scripted stand-in for
# the Anthropic API, so no key and no network are needed; the agents are the real Claude Code CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)

bash scripts/setup.sh --claude
claude=$(cat "${CCTEAM_CACHE:-$HOME/.cache/ccteam}/claude-path")
echo "demo: building ccteam (debug)"
swift build --product ccteam >/dev/null
swift build --product ccverify >/dev/null
swift build --product ccmodel >/dev/null
bin=$(swift build --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/ccteam-demo-XXXXXX")
repo="$work/greeter"
cp -R examples/demo/repo "$repo"
cd "$repo"
git init -q -b main
git -c user.name=demo -c user.email=demo@example.com add -A
git -c user.name=demo -c user.email=demo@example.com commit -qm "greeter: hello()"

"$bin/ccmodel" --script "$here/examples/demo/model-script.json" --port-file "$work/port" --log "$work/model.log" \
    >/dev/null 2>"$work/model.err" &
model=$!
trap 'kill $model 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { echo "error: ccmodel did not start: $(cat "$work/model.err")" >&2; exit 2; }

export ANTHROPIC_BASE_URL="http://127.0.0.1:$(cat "$work/port")"
export ANTHROPIC_API_KEY="offline-demo"
export HOME="$work/home"          # a throwaway HOME for Claude Code's own settings
export CCTEAM_CLAUDE="$claude"
mkdir -p "$HOME"

echo "demo: a team of 3 in $repo"
status=0
"$bin/ccteam" launch "Teach greeter to say goodbye" --workers 3 --test-command "python3 -m unittest -q" \
    --task-timeout 300 || status=$?

echo
echo "demo: the integration branch:"
git log --graph --oneline --decorate "ccteam/greeter/integration"
echo
echo "demo: explore it yourself:"
echo "  cd $repo && $bin/ccteam status && $bin/ccteam tasks graph"
exit $status
