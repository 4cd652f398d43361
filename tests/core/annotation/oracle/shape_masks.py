"""Reference masks from Labelme's own code, for the C++ rasteriser tests.

usage: shape_masks.py CASES.json OUT_DIR
CASES.json is a list of {"height": H, "width": W, "shape": {labelme shape}}. For case i this writes OUT_DIR/i.bin
(H*W bytes, 0 or 1) made by labelme.utils.shape_to_mask, or OUT_DIR/i.err when Labelme refuses the shape.
Mask shapes (labelme >= 5.3, newer than the Debian labelme) follow that version's shapes_to_label:
mask[y1:y2+1, x1:x2+1] = the decoded bitmap, with (x1, y1), (x2, y2) = points truncated to int.
"""
import json
import os
import sys

import numpy as np
import labelme.utils


def mask_of(height, width, shape):
    shape_type = shape.get("shape_type")
    if shape_type == "mask":
        mask = np.zeros((height, width), dtype=bool)
        (x1, y1), (x2, y2) = np.asarray(shape["points"]).astype(int)
        mask[y1 : y2 + 1, x1 : x2 + 1] = labelme.utils.img_b64_to_arr(shape["mask"]).astype(bool)
        return mask
    return labelme.utils.shape_to_mask((height, width), shape["points"], shape_type)


def main():
    cases_path, out_dir = sys.argv[1], sys.argv[2]
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)
    for i, case in enumerate(cases):
        try:
            mask = mask_of(case["height"], case["width"], case["shape"])
        except Exception as e:  # Labelme asserts on bad point counts
            with open(os.path.join(out_dir, "%d.err" % i), "w") as f:
                f.write(repr(e))
            continue
        with open(os.path.join(out_dir, "%d.bin" % i), "wb") as f:
            f.write(np.ascontiguousarray(mask, dtype=np.uint8).tobytes())


if __name__ == "__main__":
    main()
