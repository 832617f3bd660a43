#!/usr/bin/env bash
# Prints the machine and tool versions of a benchmark run as one JSON object.
set -u
v() { "$@" 2>/dev/null | head -1 | tr -d '"\\' || true; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cat <<JSON
{
  "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
  "commit": "$(git -C "$(dirname "$0")/.." rev-parse --short HEAD 2>/dev/null)$(git -C "$(dirname "$0")/.." status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ' (with uncommitted changes)')",
  "cpu": "${cpu}",
  "cores": $(nproc),
  "sha_ni": $(grep -q -w sha_ni /proc/cpuinfo && echo true || echo false),
  "kernel": "$(uname -sr)",
  "hypervisor": "$(lscpu 2>/dev/null | sed -n "s/^Hypervisor vendor: *//p")",
  "rustc": "$(v rustc --version)",
  "gcc": "$(v gcc --version)",
  "openssl": "$(v openssl version)",
  "python": "$(v python3 --version)",
  "node": "$(v node --version)",
  "go": "$(v go version)"
}
JSON
