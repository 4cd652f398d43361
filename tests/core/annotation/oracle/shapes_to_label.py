"""Reference class and instance maps from labelme.utils.shapes_to_label.

usage: shapes_to_label.py LABEL.json OUT_DIR [labels.txt]
Writes OUT_DIR/class.bin and OUT_DIR/instance.bin (int32, H*W, native order) and OUT_DIR/size.txt ("H W").
The size is the image's as Labelme's LabelFile loads it. Label values come from labels.txt (line order, the
first line 0 unless it is __ignore__ (-1) as in labelme2voc) or else "_background_" = 0 and the sorted labels
from 1. group_id None makes its own instance (Labelme uses a fresh uuid).
"""
import os
import sys

import numpy as np
import labelme
import labelme.utils


def main():
    json_path, out_dir = sys.argv[1], sys.argv[2]
    label_file = labelme.LabelFile(filename=json_path)
    image = labelme.utils.img_data_to_arr(label_file.imageData)
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            names = [line.strip() for line in f if line.strip()]
        values = {}
        next_value = 1
        for name in names:
            if name in values:
                continue
            if name == "__ignore__":
                values[name] = -1
            elif name == "_background_":
                values[name] = 0
            else:
                values[name] = next_value
                next_value += 1
    else:
        labels = sorted({s["label"] for s in label_file.shapes} - {"_background_"})
        values = {"_background_": 0}
        values.update({name: i + 1 for i, name in enumerate(labels)})
    cls, ins = labelme.utils.shapes_to_label(image.shape, label_file.shapes, values)
    cls.astype(np.int32).tofile(os.path.join(out_dir, "class.bin"))
    ins.astype(np.int32).tofile(os.path.join(out_dir, "instance.bin"))
    with open(os.path.join(out_dir, "size.txt"), "w") as f:
        f.write("%d %d" % image.shape[:2])


if __name__ == "__main__":
    main()
