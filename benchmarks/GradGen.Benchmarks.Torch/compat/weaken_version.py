#!/usr/bin/env python3
"""Marks one version requirement (e.g. GLIBCXX_3.4.32) of an ELF64 shared library as weak (VER_FLG_WEAK).

The dynamic loader then reports a missing weak version as a warning instead of refusing the library;
the symbols that needed it must come from elsewhere (see compat.sh). Usage: weaken_version.py LIB VERSION
"""
import struct, sys
path, version = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, 'rb').read())
# ELF64 little-endian: section headers
shoff, = struct.unpack_from('<Q', data, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3A)
sections = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize) for i in range(shnum)]
SHT_GNU_verneed = 0x6ffffffe
found = False
for s in sections:
    if s[1] != SHT_GNU_verneed:
        continue
    strtab = sections[s[6]]  # sh_link -> .dynstr
    def name(off):
        start = strtab[4] + off
        return bytes(data[start:data.index(0, start)])
    offset = s[4]
    while True:
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from('<HHIII', data, offset)
        aux = offset + vn_aux
        for _ in range(vn_cnt):
            vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from('<IHHII', data, aux)
            if name(vna_name) == version:
                struct.pack_into('<H', data, aux + 4, vna_flags | 0x2)  # VER_FLG_WEAK
                found = True
            aux += vna_next
        if vn_next == 0:
            break
        offset += vn_next
if not found:
    sys.exit(f'{version.decode()} not required by {path}')
open(path, 'wb').write(data)
