#!/usr/bin/python3
"""Usage: dataset_convert_bench.py FOLDER LABELS_TXT

Reference for dataset_convert_bench: Labelme's rasterisation of every shape of every file in FOLDER
(labelme.utils.shape_to_mask, as labelme2coco.py calls it), plus the instance union, area and bbox with numpy.
Reading the JSON files is not timed. Prints the seconds it took."""
import glob
import json
import sys
import time

import numpy as np

import labelme.utils

files = sorted(glob.glob(sys.argv[1] + "/*.json"))
# The classes of labels.txt (line index - 1 as in labelme2coco.py); other labels are not rasterised by either side.
classes = {line.strip() for i, line in enumerate(open(sys.argv[2])) if i >= 2 and line.strip()}
docs = [json.load(open(f)) for f in files]
start = time.perf_counter()
instances = 0
for d in docs:
    shape = (d["imageHeight"], d["imageWidth"])
    masks = {}
    for i, s in enumerate(d["shapes"]):
        if s["label"] not in classes:
            continue
        key = (s["label"], s.get("group_id") if s.get("group_id") is not None else "s%d" % i)
        m = labelme.utils.shape_to_mask(shape, s["points"], s.get("shape_type") or "polygon")
        masks[key] = masks[key] | m if key in masks else m
    for m in masks.values():
        ys, xs = np.nonzero(m)
        _ = (int(m.sum()), xs.min(), ys.min(), xs.max(), ys.max())
        instances += 1
elapsed = time.perf_counter() - start
print("%d files %d instances %.4f" % (len(docs), instances, elapsed))
