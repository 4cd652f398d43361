"""Opens a Labelme file with Labelme's own LabelFile and rasterises its shapes with labelme.utils.shape_to_mask.

usage: labelme_shapes_iou.py FILE.json [MASK.png ...]
Prints one JSON object: the shape count, each shape's label, type, group_id and score, the image size Labelme
decoded, and for every MASK (255 inside) the best IoU of any one shape's mask and of the union of shapes with
the same label and group (how a dataset loader would rebuild the instance).
"""
import json
import sys

import numpy as np
import PIL.Image

import labelme

label_file = labelme.LabelFile(sys.argv[1])
image = labelme.utils.img_data_to_arr(label_file.imageData)
shape_masks = []
for shape in label_file.shapes:
    shape_masks.append(labelme.utils.shape_to_mask(image.shape, shape["points"], shape["shape_type"]))

instances = {}
for index, shape in enumerate(label_file.shapes):
    key = (shape["label"], shape["group_id"] if shape["group_id"] is not None else "single-%d" % index)
    instances[key] = instances.get(key, np.zeros(image.shape[:2], dtype=bool)) | shape_masks[index]


def iou(a, b):
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum()) / float(union) if union else 0.0


ious = []
for mask_path in sys.argv[2:]:
    reference = np.array(PIL.Image.open(mask_path)) > 0
    ious.append(max([iou(reference, m) for m in instances.values()] or [0.0]))

print(json.dumps({
    "shapes": len(label_file.shapes),
    "labels": [s["label"] for s in label_file.shapes],
    "types": [s["shape_type"] for s in label_file.shapes],
    "groups": [s["group_id"] for s in label_file.shapes],
    "scores": [s["other_data"].get("score") for s in label_file.shapes],
    "flags": label_file.flags,
    "height": int(image.shape[0]),
    "width": int(image.shape[1]),
    "ious": ious,
}))
