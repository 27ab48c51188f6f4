#!/bin/sh
# TorchSharp 0.107's libLibTorchSharp.so is built against GCC 13's libstdc++ and asks for version
# GLIBCXX_3.4.32, but for one symbol only: std::ios_base_library_init(). Debian 12 ships GCC 12's
# libstdc++ (up to GLIBCXX_3.4.30), so the loader refuses the library. When (and only when) that is
# the case, this script patches the copies in the build output: the version requirement becomes weak,
# the symbol unversioned, and a one-function library (iosinit.c) supplies it as a no-op.
# Needs gcc, python3 and patchelf (Debian package; installed if missing).
#   compat.sh BIN_DIRECTORY
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
find "$bin" -name libLibTorchSharp.so | while read -r library; do
    if ! ldd "$library" 2>&1 | grep -q "version \`GLIBCXX_3.4.32' not found"; then
        continue
    fi
    if ! command -v patchelf >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y patchelf
    fi
    directory=$(dirname "$library")
    echo "compat: $library needs GLIBCXX_3.4.32 (GCC 13); this libstdc++ is older: patching (see $here/compat.sh)"
    gcc -shared -fPIC -O2 -o "$directory/libGradGenIosInit.so" "$here/iosinit.c"
    python3 "$here/weaken_version.py" "$library" GLIBCXX_3.4.32
    patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$library"
    patchelf --add-needed libGradGenIosInit.so "$library"
done
