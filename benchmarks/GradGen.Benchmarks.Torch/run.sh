#!/bin/sh
# The TorchSharp peer: builds benchmarks/GradGen.Benchmarks.Torch (restores TorchSharp-cpu and
# libtorch, about 200 MB, on first use), makes libtorch loadable on this libstdc++ (compat/compat.sh),
# then times every workload next to GradGen's generated gradient in the same process.
#   benchmarks/GradGen.Benchmarks.Torch/run.sh [--short | --smoke] [--only a,b] [--out FILE]
# Writes benchmarks/peer/out/torchsharp.json (unless --smoke), which the GradGen table reads.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release "$here" -v quiet -nologo
# TorchSharp loads its natives from runtimes/ or, failing that, copies them into cpu/ and loads them
# there: prepare both, and patch whatever copies exist after a first run too.
"$here/compat/compat.sh" "$here/bin/Release"
dotnet "$here/bin/Release/net10.0/GradGen.Benchmarks.Torch.dll" "$@"
