#!/usr/bin/env python3
"""Fails when a translation does not cover the current code.

Runs lupdate over the studio's sources (ui/, app/gui/) into a temporary copy of the .ts, exactly as
`cmake --build ... --target update_translations` would, and checks every message the code uses against the
committed .ts (the file lrelease compiles into the program):
  - present: a string of the code that the committed .ts lacks is missing from the program;
  - finished: no type="unfinished", "vanished" or "obsolete" (lrelease leaves those out) and no empty text;
  - faithful: the same %1..%99 / %n place markers as the source, and an accelerator where the source has one.
Usage: check_translations.py --lupdate LUPDATE --source-dir DIR --ts FILE.ts [--min-messages N]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACE_MARKER = re.compile(r"%(?:L?\d{1,2}|n)")
ACCELERATOR = re.compile(r"&(?!&)[^\s&]")


def messages(path):
    """{(context, source, comment, numerus): (type, [translation texts])}"""
    result = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                texts, kind = [], "unfinished"
            else:
                forms = translation.findall("numerusform")
                texts = [f.text or "" for f in forms] if numerus else [translation.text or ""]
                kind = translation.get("type") or ""
            key = (name, message.findtext("source") or "", message.findtext("comment") or "", numerus)
            result[key] = (kind, texts)
    return result


def describe(key):
    context, source, comment, numerus = key
    extra = f" [{comment}]" if comment else ""
    return f"{context}: {source!r}{extra}{' (plural)' if numerus else ''}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--ts", required=True)
    parser.add_argument("--min-messages", type=int, default=100)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        fresh_path = os.path.join(folder, os.path.basename(args.ts))
        shutil.copyfile(args.ts, fresh_path)
        sources = [os.path.join(args.source_dir, d) for d in ("ui", "app/gui")]
        run = subprocess.run([args.lupdate, "-I", args.source_dir, *sources, "-extensions", "cpp,h",
                              "-no-obsolete", "-locations", "none", "-ts", fresh_path],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout + run.stderr)
            print(f"FAIL: lupdate exited with {run.returncode}")
            return 1
        fresh = messages(fresh_path)
    committed = messages(args.ts)

    problems = []
    translated = 0
    for key in fresh:
        if key not in committed:
            problems.append(f"missing (new in the code, run update_translations and translate it): {describe(key)}")
            continue
        kind, texts = committed[key]
        source = key[1]
        if kind in ("vanished", "obsolete"):
            problems.append(f"{kind} in the .ts but used by the code: {describe(key)}")
        elif kind == "unfinished":
            problems.append(f"unfinished: {describe(key)}")
        elif not texts or any(not t.strip() for t in texts):
            problems.append(f"empty translation: {describe(key)}")
        else:
            translated += 1
            for text in texts:
                if sorted(set(PLACE_MARKER.findall(text))) != sorted(set(PLACE_MARKER.findall(source))):
                    problems.append(f"place markers differ: {describe(key)} -> {text!r}")
                if ACCELERATOR.search(source) and not ACCELERATOR.search(text):
                    problems.append(f"accelerator lost: {describe(key)} -> {text!r}")
    stale = [key for key in committed if key not in fresh and committed[key][0] not in ("vanished", "obsolete")]

    print(f"{args.ts}: {len(fresh)} messages in the code, {len(committed)} in the file, "
          f"{translated} translated, {len(stale)} no longer used")
    for key in stale:
        print(f"  note: no longer in the code (update_translations drops it): {describe(key)}")
    if len(fresh) < args.min_messages:
        problems.append(f"lupdate found only {len(fresh)} messages (expected at least {args.min_messages}): "
                        "did it scan the sources?")
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
