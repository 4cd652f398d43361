"""Loads pairs of Labelme files with Labelme's own LabelFile and checks they hold the same annotation.

usage: labelfile_compare.py ORIGINAL OURS [ORIGINAL OURS ...]
Both files of a pair must load in labelme.LabelFile (which also loads the image) and give equal flags, shapes
(label, points, group_id, shape_type, flags, other_data), otherData and image bytes. Keys our 5.x layout
adds with their empty defaults (description "", mask null) are ignored, and so is a missing shape_type read as
"polygon". Prints one line per problem and exits 1 if there is any.
"""
import json
import os
import sys
import tempfile

import labelme

DEFAULTS = {"description": ("", None), "mask": (None,)}


def normal_other(other):
    return {k: v for k, v in other.items() if not (k in DEFAULTS and v in DEFAULTS[k])}


def normal_shape(shape):
    return dict(
        label=shape["label"],
        points=[[float(x), float(y)] for x, y in shape["points"]],
        group_id=shape["group_id"],
        shape_type=shape["shape_type"] or "polygon",
        flags=shape["flags"] or {},
        other_data=normal_other(shape["other_data"]),
    )


def load_original(path):
    """LabelFile, except that a Windows imagePath (which Labelme on Linux cannot open) is made absolute first."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if "\\" not in (data.get("imagePath") or ""):
        return labelme.LabelFile(path)
    data["imagePath"] = os.path.join(os.path.dirname(os.path.abspath(path)), data["imagePath"].replace("\\", "/"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(data, f)
    try:
        return labelme.LabelFile(f.name)
    finally:
        os.unlink(f.name)


def main():
    args = sys.argv[1:]
    problems = 0
    for original_path, ours_path in zip(args[::2], args[1::2]):
        try:
            original = load_original(original_path)
            ours = labelme.LabelFile(ours_path)
        except Exception as e:
            print("%s / %s: LabelFile failed: %r" % (original_path, ours_path, e))
            problems += 1
            continue
        checks = {
            "flags": (original.flags or {}, ours.flags or {}),
            "shapes": ([normal_shape(s) for s in original.shapes], [normal_shape(s) for s in ours.shapes]),
            "otherData": (original.otherData, ours.otherData),
            "imageData bytes": (len(original.imageData), len(ours.imageData)),
        }
        for name, (a, b) in checks.items():
            if a != b:
                print("%s: %s differs from %s:\n  labelme read %r\n  from ours %r" % (ours_path, name, original_path, a, b))
                problems += 1
    print("compared %d pair(s), %d problem(s)" % (len(args) // 2, problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
