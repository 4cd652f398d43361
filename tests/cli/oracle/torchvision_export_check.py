"""The export round trip as a user does it: torchvision's own builder for the model, our exported .pth loaded
strictly, one eval forward on a PNG. Prints JSON: tensor count and the detections.

usage: torchvision_export_check.py MODEL FILE NUM_CLASSES IMAGE [key=value builder arguments, e.g. min_size=64]
"""
import json
import sys

import numpy
import torch
import torchvision
from PIL import Image


def main():
    model_name, path, num_classes, image_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    kwargs = {k: int(v) for k, v in (a.split("=", 1) for a in sys.argv[5:])}
    torch.set_num_threads(2)
    builder = getattr(torchvision.models.detection, model_name)
    model = builder(weights=None, weights_backbone=None, num_classes=num_classes, **kwargs)
    state = torch.load(path)
    model.load_state_dict(state)  # strict: every key and shape must match
    model.eval()
    rgb = numpy.asarray(Image.open(image_path).convert("RGB"), dtype=numpy.float32) / 255.0
    image = torch.from_numpy(rgb).permute(2, 0, 1).contiguous()
    with torch.no_grad():
        out = model([image])[0]
    result = {
        "type": type(state).__name__,
        "tensors": len(state),
        "boxes": out["boxes"].tolist(),
        "scores": out["scores"].tolist(),
        "labels": out["labels"].tolist(),
    }
    if "masks" in out:
        result["mask_pixels"] = (out["masks"] > 0.5).flatten(1).sum(1).tolist()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
