#!/usr/bin/env python3
"""Differential of ccverify's secret rules against other scanners.

Runs ccverify and the peer scanners found in ~/.cache/ccteam/peers/bin (gitleaks, betterleaks,
kingfisher; detect-secrets from PATH) over a folder and compares the lines each one flags.

  corpus MODE: the folder holds the labeled corpus written by the CCSecretsTests
      (CCSECRETS_CORPUS_DIR=DIR swift test --filter writesTheCorpusWhenAskedTo); prints recall
      over the positives and the false-positive rate over the negatives, per scanner and per
      context family.
  source MODE: the folder holds real source code with no secrets except the ones planted by
      --plant; prints finding counts per scanner and writes the lines that a peer flags and
      ccverify does not (candidate misses) and the reverse (candidate false positives) to
      OUT/differences.txt for examination.
  compat MODE: gitleaks compatibility. Runs gitleaks with its default config (GITLEAKS_CONFIG,
      default ~/.cache/ccteam/peers/gitleaks-default.toml; never committed) and ccverify with the
      same file given by --rules, over each folder given, with gitleaks' decoding off
      (--max-decode-depth 0: ccverify does not decode base64/hex/percent-encoded text). Prints the
      agreement on findings keyed by (file, line, rule id) and every disagreement.

Peers are only run, never committed; their binaries come from the pip wheels named in
scripts/README or the issue note. Nothing here needs the network.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

PEERS = os.path.expanduser(os.environ.get("CCTEAM_PEERS", "~/.cache/ccteam/peers/bin"))


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def ccverify(root, binary, rules):
    argv = [binary, "scan", root, "--format", "json"] + (["--rules", rules] if rules else [])
    report = json.loads(run(argv).stdout)
    return [(f["path"], f["line"], f["rule"]) for f in report["findings"]]


def gitleaks(root, config=None, decode=None):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run([os.path.join(PEERS, "gitleaks"), "dir", root, "--no-banner", "--exit-code", "0", "-l", "error",
             "--report-format", "json", "--report-path", out.name] + (["-c", config] if config else [])
            + (["--max-decode-depth", str(decode)] if decode is not None else []))
        findings = json.load(open(out.name)) or []
    return [(f["File"], f["StartLine"], f["RuleID"]) for f in findings]


def betterleaks(root):
    """betterleaks 2 writes {"findings": [{"rule_id", "location": {"path", "start_line"}}]}."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run([os.path.join(PEERS, "betterleaks"), root, "--no-banner", "--exit-code", "0", "-l", "error",
             "-o", out.name])
        findings = json.load(open(out.name)).get("findings") or []
    return [(f["location"]["path"], f["location"]["start_line"], f["rule_id"]) for f in findings]


def kingfisher(root):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run([os.path.join(PEERS, "kingfisher"), "scan", root, "--no-validate", "--git-history", "none",
             "-f", "json", "-o", out.name, "--no-update-check"])
        report = json.load(open(out.name))
    return [(f["finding"]["path"], f["finding"]["line"], f["rule"]["name"]) for f in report.get("findings", [])]


def detect_secrets(root):
    report = json.loads(run(["detect-secrets", "scan", "--all-files", root]).stdout)
    return [(path if os.path.isabs(path) else os.path.join(root, path), f["line_number"], f["type"])
            for path, results in report["results"].items() for f in results]


def scanners(args):
    chosen = {"ccverify": lambda root: ccverify(root, args.ccverify, args.rules)}
    if os.path.exists(os.path.join(PEERS, "gitleaks")):
        chosen["gitleaks"] = gitleaks
    if os.path.exists(os.path.join(PEERS, "betterleaks")):
        chosen["betterleaks"] = betterleaks
    if os.path.exists(os.path.join(PEERS, "kingfisher")):
        chosen["kingfisher"] = kingfisher
    if args.detect_secrets:
        chosen["detect-secrets"] = detect_secrets
    only = set(args.only.split(",")) if args.only else None
    return {name: scan for name, scan in chosen.items() if only is None or name in only}


def relative(root, path):
    path = os.path.realpath(path) if os.path.isabs(path) else os.path.realpath(os.path.join(root, path))
    return os.path.relpath(path, os.path.realpath(root))


def corpus(args):
    manifest = json.load(open(os.path.join(args.root, "manifest.json")))
    for name, scan in scanners(args).items():
        flagged = collections.defaultdict(set)
        for path, _, rule in scan(args.root):
            flagged[relative(args.root, path)].add(rule)
        positives = [m for m in manifest if m["positive"] == "1"]
        negatives = [m for m in manifest if m["positive"] == "0"]
        found = [m for m in positives if flagged.get(m["file"])]
        wrong = [m for m in negatives if flagged.get(m["file"])]
        print(f"{name}: recall {len(found) / len(positives):.2%} ({len(found)}/{len(positives)}), "
              f"false positives {len(wrong) / len(negatives):.2%} ({len(wrong)}/{len(negatives)})")
        if args.verbose:
            by_family = collections.defaultdict(lambda: [0, 0, 0, 0])
            for m in positives:
                by_family[m["family"]][0] += 1
                by_family[m["family"]][1] += bool(flagged.get(m["file"]))
            for m in negatives:
                by_family[m["family"]][2] += 1
                by_family[m["family"]][3] += bool(flagged.get(m["file"]))
            for family, (p, f, n, w) in sorted(by_family.items()):
                print(f"    {family:16} recall {f / p if p else 1:7.2%} ({f}/{p})   fp {w / n if n else 0:6.2%} ({w}/{n})")
            missed = collections.Counter(m["subject"] for m in positives if not flagged.get(m["file"]))
            print("    missed by rule:", ", ".join(f"{k} x{v}" for k, v in missed.most_common(30)))
            kinds = collections.Counter(
                ",".join(sorted(flagged[m["file"]])) for m in wrong)
            print("    false positives by rule:", ", ".join(f"{k} x{v}" for k, v in kinds.most_common(20)))


def plant(root):
    """Plants one fake secret per kind in a new file under root; returns their (path, line)s."""
    fakes = [
        "GITHUB_TOKEN=ghp_" + "Zq8" * 12,
        "aws_access_key_id = AKIA" + "QZ7W" * 4,
        "let stripeKey = \"sk_live_" + "9fQ2" * 6 + "\"",
        "slack: xoxb-123456789012-123456789012-" + "aB3d" * 6,
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + ("b3BlbnNzaC1rZXktdjEAAAAA" * 3 + "\n") * 4
        + "-----END OPENSSH PRIVATE KEY-----",
        "DATABASE_URL=postgres://app:Qw3rTy9uIo7pAs5d@db.internal:5432/app",
        "    static let airtableApiKey = \"key" + "Q3fZ8kLm2pR7tW" + "\"",
        "<add key=\"ClientSecret\" value=\"Xk9#mQ2vL7pR4tW8zB3n\" />",
    ]
    planted = []
    path = os.path.join(root, "zz-planted", "Planted.swift")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    line = 1
    with open(path, "w") as out:
        for fake in fakes:
            out.write("// planted fake\n" + fake + "\n")
            planted.append((os.path.relpath(path, root), line + 1))
            line += 2 + fake.count("\n")
    return planted


def source(args):
    planted = plant(args.root) if args.plant else []
    results = {}
    for name, scan in scanners(args).items():
        results[name] = {(relative(args.root, p), l): r for p, l, r in scan(args.root)}
        print(f"{name}: {len(results[name])} flagged lines")
    ours = results["ccverify"]
    for where in planted:
        print(f"planted {where[0]}:{where[1]}: " + ", ".join(
            f"{name} {'found' if where in found else 'MISSED'}" for name, found in results.items()))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "differences.txt"), "w") as out:
        for name, theirs in results.items():
            if name == "ccverify":
                continue
            only_theirs = sorted(set(theirs) - set(ours) - set(planted))
            only_ours = sorted(set(ours) - set(theirs) - set(planted))
            print(f"  {name}: {len(only_theirs)} lines only {name} flags, {len(only_ours)} only ccverify flags")
            for tag, lines, rules in (("only-" + name, only_theirs, theirs), ("only-ccverify-vs-" + name, only_ours, ours)):
                for path, line in lines:
                    text = read_line(os.path.join(args.root, path), line)
                    out.write(f"{tag}\t{rules[(path, line)]}\t{path}:{line}\t{text[:200]}\n")


def compat(args):
    config = os.path.expanduser(os.environ.get("GITLEAKS_CONFIG", "~/.cache/ccteam/peers/gitleaks-default.toml"))
    ours, theirs = set(), set()
    for root in [args.root] + args.more:
        name = os.path.basename(os.path.normpath(root))
        theirs |= {(name, relative(root, p), l, r) for p, l, r in gitleaks(root, config, decode=0)}
        ours |= {(name, relative(root, p), l, r) for p, l, r in ccverify(root, args.ccverify, config)}
    both, union = ours & theirs, ours | theirs
    print(f"gitleaks findings: {len(theirs)}, ccverify --rules findings: {len(ours)}, agreed: {len(both)}")
    print(f"agreement: {len(both) / max(1, len(union)):.2%} of {len(union)} distinct (file, line, rule)")
    for label, only in (("only gitleaks", theirs - ours), ("only ccverify", ours - theirs)):
        print(f"{label}: {len(only)}  by rule: {dict(collections.Counter(r for *_, r in only).most_common())}")
        for item in sorted(only)[: None if args.verbose else 20]:
            print("   ", *item)


def read_line(path, number):
    try:
        with open(path, errors="replace") as handle:
            for index, text in enumerate(handle, 1):
                if index == number:
                    return text.rstrip("\n")
    except OSError:
        pass
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["corpus", "source", "compat"])
    parser.add_argument("root")
    parser.add_argument("more", nargs="*", help="further folders (compat mode)")
    parser.add_argument("--ccverify", default=".build/debug/ccverify")
    parser.add_argument("--rules", help="a rule file for ccverify instead of the built-in rules")
    parser.add_argument("--only", help="comma-separated scanners to run")
    parser.add_argument("--detect-secrets", action="store_true", help="also run detect-secrets (slow)")
    parser.add_argument("--plant", action="store_true", help="plant fake secrets first (source mode)")
    parser.add_argument("--out", default="/tmp/secrets-differential")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    {"corpus": corpus, "source": source, "compat": compat}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
