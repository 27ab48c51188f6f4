#!/usr/bin/env python3
"""Replaces the text between <!-- NAME:begin --> and <!-- NAME:end --> in a Markdown file.

Usage: splice.py FILE NAME SNIPPET_FILE   (benchmarks/run-all.sh uses it on docs/benchmarks.md)
"""
import sys

path, name, snippet_path = sys.argv[1:4]
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
text = open(path, encoding="utf-8").read()
if begin not in text or end not in text:
    sys.exit(f"{path} has no {begin} ... {end} section")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
snippet = open(snippet_path, encoding="utf-8").read().strip()
open(path, "w", encoding="utf-8").write(f"{head}{begin}\n{snippet}\n{end}{tail}")
