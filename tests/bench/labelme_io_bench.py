"""Labelme's side of tests/bench/labelme_io_bench.cpp: load + save every file with labelme.LabelFile.

usage: labelme_io_bench.py REPEATS OUT_DIR FILE...
Prints "labelme_seconds <s>" (best of REPEATS passes over all files) and "labelme_json_seconds <s>" (the same
with json.load + json.dump only). Single-threaded, as LabelFile is.
"""
import json
import os
import sys
import time

import labelme


def one_pass(files, out_dir):
    for i, path in enumerate(files):
        label_file = labelme.LabelFile(path)
        shapes = [
            dict(label=s["label"], points=s["points"], group_id=s["group_id"], shape_type=s["shape_type"],
                 flags=s["flags"], **s["other_data"])
            for s in label_file.shapes
        ]
        label_file.save(
            os.path.join(out_dir, "%d.json" % i), shapes, label_file.imagePath, None, None,
            imageData=None, otherData=label_file.otherData, flags=label_file.flags)


def json_pass(files, out_dir):
    for i, path in enumerate(files):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        with open(os.path.join(out_dir, "%d.json" % i), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)


def best(function, repeats, *args):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    import logging
    logging.disable(logging.CRITICAL)  # labelme logs a version warning per 4.x file
    try:
        from labelme.logger import logger
        logger.disabled = True
    except Exception:
        pass
    repeats, out_dir, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    print("labelme_seconds %.6f" % best(one_pass, repeats, files, out_dir))
    print("labelme_json_seconds %.6f" % best(json_pass, repeats, files, out_dir))


if __name__ == "__main__":
    main()
