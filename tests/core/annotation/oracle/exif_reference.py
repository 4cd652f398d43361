"""EXIF test images and how Labelme shows them.

usage: exif_reference.py OUT_DIR
For orientation 1..8 writes OUT_DIR/exif_N.jpg (a 24x16 picture with that EXIF Orientation tag) and
OUT_DIR/exif_N.rgb: the image as labelme's utils.apply_exif_orientation turns it (raw RGB bytes), with its size in
OUT_DIR/exif_N.size ("H W"). Also a PNG with an eXIf chunk (orientation 6): exif_png_6.png / .rgb / .size.
"""
import os
import sys

import numpy as np
import PIL.Image
import labelme.utils


def picture():
    a = np.full((16, 24, 3), 200, np.uint8)
    a[:8, :8] = (255, 0, 0)
    a[:8, -8:] = (0, 255, 0)
    a[-3:, :] = (0, 0, 255)
    return PIL.Image.fromarray(a)


def reference(path, out_stem):
    shown = labelme.utils.apply_exif_orientation(PIL.Image.open(path))
    array = np.asarray(shown.convert("RGB"))
    array.tofile(out_stem + ".rgb")
    with open(out_stem + ".size", "w") as f:
        f.write("%d %d" % array.shape[:2])


def main():
    out = sys.argv[1]
    for orientation in range(1, 9):
        exif = PIL.Image.Exif()
        exif[0x0112] = orientation
        path = os.path.join(out, "exif_%d.jpg" % orientation)
        picture().save(path, format="JPEG", quality=95, exif=exif.tobytes())
        reference(path, os.path.join(out, "exif_%d" % orientation))
    exif = PIL.Image.Exif()
    exif[0x0112] = 6
    path = os.path.join(out, "exif_png_6.png")
    picture().save(path, format="PNG", exif=exif.tobytes())
    reference(path, os.path.join(out, "exif_png_6"))


if __name__ == "__main__":
    main()
