#!/usr/bin/env python3
"""Reference data from the packaged torchvision 0.14 for the SSD tests of tests/core/models.

usage: ssd_oracle.py CASE SEED OUTDIR [KEY=VALUE ...]

Writes into OUTDIR weights.pth (the model's state_dict() saved with torch.save, an OrderedDict) and data.pt (a plain
dict of tensors: inputs and torchvision's outputs, "<name>" or "<name>/<i>").
model=ssdlite   torchvision.models.detection.ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None)
model=ssdlite_full_tail  the same builder with the full MobileNetV3 tail it uses when given ImageNet backbone weights
                  (reduce_tail = weights_backbone is None; no weights can be downloaded here)
model=ssd300    torchvision.models.detection.ssd300_vgg16(weights=None, weights_backbone=None)
model=ssdlite_v2  torchvision's SSD, SSDLiteHead and _mobilenet_extractor on torchvision.models.mobilenet_v2 (the
                  extractor reads the C4 block's `conv` where MobileNetV3 has `block`)
Cases:
  eval          eval detections of the images (n=1 or 2)
  train         train-mode losses, a few gradients and a BatchNorm's running mean after the step
  check_export  file=... model=... num_classes=K: load our exported .pth into torchvision strictly
  classifier    vgg16, mobilenet_v3_large and mobilenet_v2 classification state dicts
"""
import os
import sys
from collections import OrderedDict
from functools import partial

import torch
import torchvision
from torch import nn
from torchvision.models.detection import ssd300_vgg16, ssdlite320_mobilenet_v3_large
from torchvision.models.detection.anchor_utils import DefaultBoxGenerator
from torchvision.models.detection.ssd import SSD
from torchvision.models.detection import ssdlite as tv_ssdlite


def build_ssdlite_v2(num_classes):
    norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.03)
    body = torchvision.models.mobilenet_v2(weights=None, norm_layer=norm_layer)
    tv_ssdlite._normal_init(body)
    c4 = 14
    # the one block whose parts are split between features.0 and features.1; it is not itself in the model
    object.__setattr__(body.features[c4], "block", body.features[c4].conv)
    backbone = tv_ssdlite._mobilenet_extractor(body, 6, norm_layer)
    anchor_generator = DefaultBoxGenerator([[2, 3] for _ in range(6)], min_ratio=0.2, max_ratio=0.95)
    out_channels = [576, 1280, 512, 256, 256, 128]
    head = tv_ssdlite.SSDLiteHead(out_channels, anchor_generator.num_anchors_per_location(), num_classes, norm_layer)
    return SSD(backbone, anchor_generator, (320, 320), num_classes, head=head, score_thresh=0.001, nms_thresh=0.55,
               detections_per_img=300, topk_candidates=300, image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5])


def build_ssdlite_full_tail(num_classes):
    """torchvision's own builder, with the mobilenet_v3_large it calls made with reduced_tail=False: the model it
    builds for weights_backbone=IMAGENET1K_V1 (whose initialisation randomise() replaces anyway)."""
    original = tv_ssdlite.mobilenet_v3_large

    def full_tail(**kwargs):
        return original(**{**kwargs, "reduced_tail": False})

    tv_ssdlite.mobilenet_v3_large = full_tail
    try:
        model = ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None, num_classes=num_classes)
    finally:
        tv_ssdlite.mobilenet_v3_large = original
    if model.backbone.extra[0][0][0].in_channels != 960:
        raise SystemExit("the full-tail SSDlite did not get the 960-channel last stage")
    return model


def build(model, num_classes):
    if model == "ssdlite":
        return ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None, num_classes=num_classes)
    if model == "ssdlite_full_tail":
        return build_ssdlite_full_tail(num_classes)
    if model == "ssd300":
        return ssd300_vgg16(weights=None, weights_backbone=None, num_classes=num_classes)
    if model == "ssdlite_v2":
        return build_ssdlite_v2(num_classes)
    raise SystemExit(f"unknown model {model}")


def randomise(model, g):
    """He-scaled convolutions (signal reaches the heads, so detections depend on the image and do not tie), random
    norm statistics and affine, head biases that spread the class scores."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                fan_in = m.weight[0].numel()
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                n = m.weight.shape[0]
                m.weight.copy_(0.5 + torch.rand(n, generator=g))
                m.bias.copy_(0.1 * torch.randn(n, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(n, generator=g))
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))
        for name, p in model.named_parameters():
            if name.startswith("head.") and name.endswith("bias"):
                p.copy_(0.5 * torch.randn(p.shape, generator=g))


def predictor_convs(model):
    """The last convolution of every head block (the one producing class logits or box deltas)."""
    convs = []
    for head in (model.head.classification_head, model.head.regression_head):
        for block in head.module_list:
            convs.append(block if isinstance(block, nn.Conv2d) else [m for m in block.modules()
                                                                     if isinstance(m, nn.Conv2d)][-1])
    return convs


def calibrate(model, images):
    """Scales the predictor convolutions so that logits and deltas have a standard deviation near 1.5 on these
    images: random weights otherwise give saturated softmax scores (exact ties) or near-constant ones."""
    was_training = model.training
    model.eval()
    convs = predictor_convs(model)
    rms = {}
    hooks = [c.register_forward_hook(lambda m, inp, out: rms.__setitem__(m, out.pow(2).mean().sqrt().item()))
             for c in convs]
    with torch.no_grad():
        model(images)
        for h in hooks:
            h.remove()
        for c in convs:
            c.weight.mul_(1.5 / max(rms[c], 1e-6))
    model.train(was_training)


def make_model(seed, opts):
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    num_classes = int(opts.get("num_classes", 3))
    model = build(opts.get("model", "ssdlite"), num_classes)
    randomise(model, g)
    if opts.get("dtype") == "double":
        model.double()
    return model, g, num_classes


def sizes_from(opts):
    sizes = [(int(opts.get("h0", 240)), int(opts.get("w0", 320))), (int(opts.get("h1", 200)), int(opts.get("w1", 280)))]
    return sizes[: int(opts.get("n", 2))]


def images_for(g, sizes, opts):
    images = [torch.rand(3, h, w, generator=g) for h, w in sizes]
    return [i.double() for i in images] if opts.get("dtype") == "double" else images


def targets_for(g, sizes, num_classes, opts, per_image=3):
    targets = []
    for h, w in sizes:
        boxes = []
        for _ in range(per_image):
            x1 = float(torch.randint(0, w // 2, (1,), generator=g))
            y1 = float(torch.randint(0, h // 2, (1,), generator=g))
            x2 = x1 + 16 + float(torch.randint(0, w // 2 - 16, (1,), generator=g))
            y2 = y1 + 16 + float(torch.randint(0, h // 2 - 16, (1,), generator=g))
            boxes.append([x1, y1, x2, y2])
        b = torch.tensor(boxes)
        targets.append({"boxes": b.double() if opts.get("dtype") == "double" else b,
                        "labels": torch.randint(1, num_classes, (per_image,), generator=g)})
    return targets


def case_eval(seed, outdir, opts, data):
    model, g, _ = make_model(seed, opts)
    model.eval()
    images = images_for(g, sizes_from(opts), opts)
    calibrate(model, images)
    with torch.no_grad():
        out = model(images)
    for i, (img, det) in enumerate(zip(images, out)):
        data[f"image/{i}"] = img
        for k, v in det.items():
            data[f"{k}/{i}"] = v
    data["n"] = torch.tensor(len(images))
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))


def case_train(seed, outdir, opts, data):
    model, g, num_classes = make_model(seed, opts)
    model.train()
    sizes = sizes_from(opts)
    images = images_for(g, sizes, opts)
    targets = targets_for(g, sizes, num_classes, opts)
    calibrate(model, images)
    if opts.get("empty1") == "1" and len(targets) > 1:
        targets[1] = {"boxes": targets[1]["boxes"][:0], "labels": targets[1]["labels"][:0]}
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))
    losses = model(images, targets)
    total = sum(losses.values())
    total.backward()
    for i, (img, t) in enumerate(zip(images, targets)):
        data[f"image/{i}"] = img
        for k, v in t.items():
            data[f"{k}/{i}"] = v
    for k, v in losses.items():
        data[k] = v.detach()
    params = dict(model.named_parameters())
    for name in opts.get("grads", "").split(","):
        if name:
            data["grad/" + name] = params[name].grad
    buffers = dict(model.named_buffers())
    for name in opts.get("buffers", "").split(","):
        if name:
            data["buffer/" + name] = buffers[name]
    data["n"] = torch.tensor(len(images))


def case_check_export(seed, outdir, opts, data):
    num_classes = int(opts.get("num_classes", 3))
    loaded = torch.load(opts["file"])
    model = build(opts.get("model", "ssdlite"), num_classes)
    model.load_state_dict(loaded)  # strict
    sd = model.state_dict()
    for k, v in loaded.items():
        if not torch.equal(sd[k], v):
            raise SystemExit(f"value of {k} changed on load")
    data["type"] = torch.tensor(1 if type(loaded) is dict else 2 if isinstance(loaded, OrderedDict) else 0)
    data["n"] = torch.tensor(len(loaded))
    data["echo"] = loaded[opts["echo"]]


def case_classifier(seed, outdir, opts, data):
    torch.manual_seed(seed)
    # vgg16's first two classifier layers (120 M parameters) would make the file 0.5 GB; the last one stays to show
    # that the classifier is skipped
    vgg = OrderedDict((k, v) for k, v in torchvision.models.vgg16(weights=None).state_dict().items()
                      if not k.startswith(("classifier.0.", "classifier.3.")))
    torch.save(vgg, os.path.join(outdir, "vgg16.pth"))
    torch.save(torchvision.models.mobilenet_v3_large(weights=None).state_dict(), os.path.join(outdir, "mobilenet_v3.pth"))
    torch.save(torchvision.models.mobilenet_v2(weights=None).state_dict(), os.path.join(outdir, "mobilenet_v2.pth"))
    data["n"] = torch.tensor(3)


CASES = {"eval": case_eval, "train": case_train, "check_export": case_check_export, "classifier": case_classifier}


def main():
    case, seed, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    opts = dict(a.split("=", 1) for a in sys.argv[4:])
    torch.set_num_threads(int(opts.get("threads", 2)))
    os.makedirs(outdir, exist_ok=True)
    data = {}
    CASES[case](seed, outdir, opts, data)
    torch.save(data, os.path.join(outdir, "data.pt"))


if __name__ == "__main__":
    main()
