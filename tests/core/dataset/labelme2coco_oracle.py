#!/usr/bin/python3
"""Oracle for the COCO export tests: Labelme's labelme2coco.py semantics with Labelme's own rasteriser.

Usage: labelme2coco_oracle.py LABELS_TXT OUT_JSON JSON_FILE...

For every Labelme file (in the order given) lists the instances labelme2coco.py would export: shapes grouped by
(label, group_id) in order of first appearance (no group_id: one instance per shape), labels not in the labels
file skipped, the instance mask the union of labelme.utils.shape_to_mask over its shapes, area the mask's pixel
count and bbox [x, y, w, h] its extent (what pycocotools.mask.area / toBbox give). The image size is the decoded
image's (imageData first, as labelme.LabelFile does). pycocotools itself is not packaged in Debian bookworm.
"""
import json
import sys

import numpy as np

import labelme


def main():
    labels_file, out_file, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    class_name_to_id = {}
    for i, line in enumerate(open(labels_file).readlines()):
        class_id = i - 1
        name = line.strip()
        if class_id == -1:
            assert name == "__ignore__"
            continue
        class_name_to_id[name] = class_id
    out = {"categories": class_name_to_id, "images": []}
    for filename in files:
        label_file = labelme.LabelFile(filename=filename)
        img = labelme.utils.img_data_to_arr(label_file.imageData)
        masks = {}
        order = []
        for index, shape in enumerate(label_file.shapes):
            group_id = shape.get("group_id")
            key = (shape["label"], group_id if group_id is not None else "shape%d" % index)
            mask = labelme.utils.shape_to_mask(img.shape[:2], shape["points"], shape.get("shape_type", "polygon"))
            if key in masks:
                masks[key] = masks[key] | mask
            else:
                masks[key] = mask
                order.append(key)
        instances = []
        for key in order:
            if key[0] not in class_name_to_id:
                continue
            mask = masks[key]
            ys, xs = np.nonzero(mask)
            if len(xs) == 0:
                bbox = [0, 0, 0, 0]
            else:
                bbox = [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)]
            instances.append({"category_id": class_name_to_id[key[0]], "area": int(mask.sum()), "bbox": bbox})
        out["images"].append({"file": filename, "height": int(img.shape[0]), "width": int(img.shape[1]),
                              "instances": instances})
    with open(out_file, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
