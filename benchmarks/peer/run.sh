#!/bin/sh
# The PyTorch peer: installs Debian's python3-torch if missing, exports the exact benchmark data
# from the C# program, then times every workload with /usr/bin/python3 (not pyenv's python).
#   benchmarks/peer/run.sh [--short | --full] [--only a,b]
# Writes benchmarks/peer/out/pytorch.json, which the C# table (--short / --full) reads.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
python=/usr/bin/python3

if ! "$python" -c 'import torch' 2>/dev/null; then
    echo "Installing python3-torch (Debian package; may take several minutes) ..."
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y python3-torch
fi

# Export the data every time: it is cheap, and stale data would silently compare different problems.
dotnet run -c Release --project "$root/benchmarks/GradGen.Benchmarks" -- --export "$out/data"

exec "$python" "$here/bench.py" --data "$out/data/manifest.json" --out "$out/pytorch.json" "$@"
