#!/usr/bin/python3
"""What pycocotools' COCO() and annToMask need from an instances file, checked strictly (pycocotools is not
packaged in Debian bookworm): unique positive integer ids, annotations pointing at existing images and categories,
bbox [x, y, w, h] of 4 non-negative numbers inside the image, polygon segmentations (lists of >= 6 coordinates, an
even count), iscrowd 0, area > 0, file_name pointing at an existing image of the stated size. Prints "ok" or the
first problem and exits 1.

Usage: coco_check.py COCO_JSON
"""
import json
import os
import sys

from PIL import Image


def fail(message):
    print(message)
    sys.exit(1)


def main():
    path = sys.argv[1]
    coco = json.load(open(path))
    for key in ("images", "annotations", "categories"):
        if not isinstance(coco.get(key), list):
            fail("%s missing" % key)
    images = {}
    for image in coco["images"]:
        if not isinstance(image["id"], int) or image["id"] < 1 or image["id"] in images:
            fail("bad image id %r" % image["id"])
        images[image["id"]] = image
        file = os.path.join(os.path.dirname(path), image["file_name"])
        if not os.path.isfile(file):
            fail("missing image %s" % file)
        with Image.open(file) as im:
            if im.size != (image["width"], image["height"]):
                fail("size of %s is %r, not %r" % (file, im.size, (image["width"], image["height"])))
    categories = {c["id"] for c in coco["categories"]}
    seen = set()
    for a in coco["annotations"]:
        if not isinstance(a["id"], int) or a["id"] < 1 or a["id"] in seen:
            fail("bad annotation id %r" % a["id"])
        seen.add(a["id"])
        if a["image_id"] not in images:
            fail("annotation %d: unknown image" % a["id"])
        if a["category_id"] not in categories:
            fail("annotation %d: unknown category" % a["id"])
        image = images[a["image_id"]]
        x, y, w, h = a["bbox"]
        if len(a["bbox"]) != 4 or min(a["bbox"]) < 0 or x + w > image["width"] or y + h > image["height"]:
            fail("annotation %d: bad bbox %r" % (a["id"], a["bbox"]))
        if a["iscrowd"] != 0 or not a["area"] > 0:
            fail("annotation %d: iscrowd %r area %r" % (a["id"], a["iscrowd"], a["area"]))
        if not isinstance(a["segmentation"], list) or not a["segmentation"]:
            fail("annotation %d: segmentation is not a polygon list" % a["id"])
        for polygon in a["segmentation"]:
            if len(polygon) < 6 or len(polygon) % 2 or not all(isinstance(v, (int, float)) for v in polygon):
                fail("annotation %d: bad polygon of %d values" % (a["id"], len(polygon)))
    print("ok")


if __name__ == "__main__":
    main()
