#!/usr/bin/env python3
"""Reference data from the packaged torchvision 0.14 for tests/core/models.

usage: models_oracle.py CASE SEED OUTDIR [KEY=VALUE ...]

Writes into OUTDIR:
  weights.pth   the torchvision model's state_dict() saved with torch.save (an OrderedDict, as users have them)
  data.pt       a plain dict of tensors: inputs and torchvision's outputs ("<name>" or "<name>/<i>")
Cases:
  pth_formats   files in every layout the C++ reader must handle, with the expected tensors
  pth_legacy_views  legacy_views.pth: the legacy layout with storage views (view_metadata), as old torch wrote it
  backbone      model=resnet50|resnet101|mobilenet: FPN feature maps of a random image
                (eval/train also take model=resnet101_api: MaskRCNN(resnet_fpn_backbone('resnet101', ...)))
  eval          model=...: eval detections of two images
  train         model=...: train-mode losses of two images with targets
  check_export  FILE=... model=... num_classes=K: load our exported .pth into torchvision strictly
"""
import os
import sys
from collections import OrderedDict

import torch
import torchvision
from torchvision.models.detection import MaskRCNN
from torchvision.models.detection.anchor_utils import AnchorGenerator
from torchvision.models.detection.mask_rcnn import MaskRCNNHeads
from torchvision.models.detection.backbone_utils import _mobilenet_extractor, _resnet_fpn_extractor, resnet_fpn_backbone
from torchvision.ops import misc as misc_nn_ops


def build(model, num_classes, norm="frozen", returned_layers=None, fpn_norm=False, mask_head_norm=False, **kwargs):
    norm_layer = misc_nn_ops.FrozenBatchNorm2d if norm == "frozen" else torch.nn.BatchNorm2d
    if mask_head_norm:
        kwargs["mask_head"] = MaskRCNNHeads(256, [256] * 4, 1, norm_layer=torch.nn.BatchNorm2d)
    if model == "mobilenet":
        body = torchvision.models.mobilenet_v3_large(weights=None, norm_layer=norm_layer)
        backbone = _mobilenet_extractor(body, True, 6, returned_layers=returned_layers,
                                        norm_layer=torch.nn.BatchNorm2d if fpn_norm else None)
        levels = (len(returned_layers) if returned_layers else 2) + 1
        anchor_sizes = ((32, 64, 128, 256, 512),) * levels
        kwargs.setdefault("rpn_score_thresh", 0.05)
        return MaskRCNN(backbone, num_classes,
                        rpn_anchor_generator=AnchorGenerator(anchor_sizes, ((0.5, 1.0, 2.0),) * levels), **kwargs)
    if model == "resnet101_api":
        # torchvision has no maskrcnn_resnet101_fpn builder: the model as a user builds it from the public API
        backbone = resnet_fpn_backbone(backbone_name="resnet101", weights=None, norm_layer=norm_layer,
                                       trainable_layers=5)
        return MaskRCNN(backbone, num_classes, **kwargs)
    body = getattr(torchvision.models, model)(weights=None, norm_layer=norm_layer)
    backbone = _resnet_fpn_extractor(body, 5)
    return MaskRCNN(backbone, num_classes, **kwargs)


def randomise(model, g):
    """Random but well-conditioned weights: random norm statistics and affine, predictor biases that spread scores."""
    with torch.no_grad():
        for name, m in model.named_modules():
            if isinstance(m, (misc_nn_ops.FrozenBatchNorm2d, torch.nn.BatchNorm2d)):
                n = m.weight.shape[0]
                m.weight.copy_(0.5 + torch.rand(n, generator=g))
                m.bias.copy_(0.1 * torch.randn(n, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(n, generator=g))
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))
        for name, p in model.named_parameters():
            if name.endswith("bias") and ("predictor" in name or "rpn.head" in name or "fpn" in name):
                p.copy_(0.2 * torch.randn(p.shape, generator=g))


def images_for(g, sizes):
    return [torch.rand(3, h, w, generator=g) for h, w in sizes]


def targets_for(g, sizes, num_classes, per_image=3):
    targets = []
    for h, w in sizes:
        boxes, masks = [], []
        for _ in range(per_image):
            x1 = float(torch.randint(0, w // 2, (1,), generator=g))
            y1 = float(torch.randint(0, h // 2, (1,), generator=g))
            x2 = x1 + 16 + float(torch.randint(0, w // 2 - 16, (1,), generator=g))
            y2 = y1 + 16 + float(torch.randint(0, h // 2 - 16, (1,), generator=g))
            boxes.append([x1, y1, x2, y2])
            m = torch.zeros(h, w, dtype=torch.uint8)
            m[int(y1):int(y2), int(x1):int(x2)] = 1
            m[int(y1):int(y1 + (y2 - y1) / 3), int(x1):int(x1 + (x2 - x1) / 2)] = 0
            masks.append(m)
        labels = torch.randint(1, num_classes, (per_image,), generator=g)
        targets.append({"boxes": torch.tensor(boxes), "labels": labels, "masks": torch.stack(masks)})
    return targets


def model_kwargs(opts):
    kw = {}
    for key in ("min_size", "max_size", "rpn_pre_nms_top_n_test", "rpn_post_nms_top_n_test", "rpn_pre_nms_top_n_train",
                "rpn_post_nms_top_n_train", "rpn_batch_size_per_image", "box_batch_size_per_image",
                "box_detections_per_img"):
        if key in opts:
            kw[key] = int(opts[key])
    for key in ("box_score_thresh", "rpn_score_thresh", "rpn_positive_fraction", "box_positive_fraction"):
        if key in opts:
            kw[key] = float(opts[key])
    return kw


def make_model(seed, opts):
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    num_classes = int(opts.get("num_classes", 3))
    returned = [int(k) for k in opts["returned_layers"].split(",")] if "returned_layers" in opts else None
    model = build(opts.get("model", "resnet50"), num_classes, opts.get("norm", "frozen"), returned,
                  opts.get("fpn_norm") == "batch", opts.get("mask_head_norm") == "batch", **model_kwargs(opts))
    randomise(model, g)
    if "residual_scale" in opts:
        # Each bottleneck's last norm scaled down: with random statistics a residual branch at full strength grows
        # the signal block by block (ResNet-101's features reach 1e6 and no box scores above 0.05).
        scale = float(opts["residual_scale"])
        with torch.no_grad():
            for name, m in model.named_modules():
                if name.endswith(".bn3"):
                    m.weight.mul_(scale)
                    m.bias.mul_(scale)
    if opts.get("dtype") == "double":
        # float64 removes the near-ties that make float32 runs of random-weight models chaotic (torchvision itself
        # gives different detections with 1 and 2 threads in float32)
        model.double()
    return model, g, num_classes


def cast(opts, tensors):
    return [t.double() for t in tensors] if opts.get("dtype") == "double" else tensors


def case_backbone(seed, outdir, opts, data):
    model, g, _ = make_model(seed, opts)
    model.eval()
    h, w = int(opts.get("h", 160)), int(opts.get("w", 224))
    x = torch.randn(1, 3, h, w, generator=g)
    with torch.no_grad():
        feats = model.backbone(x)
    data["x"] = x
    for k, v in feats.items():
        data[f"feat/{k}"] = v
    data["n"] = torch.tensor(len(feats))
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))


def sizes_from(opts):
    return [(int(opts.get("h0", 240)), int(opts.get("w0", 320))), (int(opts.get("h1", 200)), int(opts.get("w1", 280)))]


def case_eval(seed, outdir, opts, data):
    model, g, _ = make_model(seed, opts)
    model.eval()
    images = cast(opts, images_for(g, sizes_from(opts)))
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
    images = cast(opts, images_for(g, sizes))
    targets = targets_for(g, sizes, num_classes)
    for t in targets:
        t["boxes"] = cast(opts, [t["boxes"]])[0]
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))
    torch.manual_seed(seed + 1000)
    losses = model(images, targets)
    total = sum(losses.values())
    total.backward()
    for i, (img, t) in enumerate(zip(images, targets)):
        data[f"image/{i}"] = img
        for k, v in t.items():
            data[f"{k}/{i}"] = v
    for k, v in losses.items():
        data[k] = v.detach()
    # a few gradients to compare
    for name in ("roi_heads.box_predictor.cls_score.weight", "roi_heads.mask_predictor.mask_fcn_logits.weight",
                 "rpn.head.cls_logits.weight", "backbone.fpn.layer_blocks.0.0.weight"):
        data["grad/" + name] = dict(model.named_parameters())[name].grad
    data["n"] = torch.tensor(len(images))


def case_pth_formats(seed, outdir, opts, data):
    g = torch.Generator().manual_seed(seed)
    base = torch.randn(6, 5, generator=g)
    sd = OrderedDict()
    sd["a.weight"] = torch.randn(4, 3, 2, 2, generator=g)
    sd["a.bias"] = torch.randn(4, generator=g).double()
    sd["b.num_batches_tracked"] = torch.tensor(7)
    sd["c.half"] = torch.randn(3, generator=g).half()
    sd["c.long"] = torch.arange(5) - 2
    sd["c.bool"] = torch.tensor([True, False, True])
    sd["d.view"] = base[2:5]           # shares storage with an offset
    sd["d.t"] = base.t()               # non-contiguous
    sd["d.scalar"] = torch.tensor(3.5)
    for k, v in sd.items():
        data["expected/" + k] = v.clone().contiguous()
    torch.save(sd, os.path.join(outdir, "ordered.pth"))
    torch.save(dict(sd), os.path.join(outdir, "plain.pth"))
    torch.save(sd, os.path.join(outdir, "legacy.pth"), _use_new_zipfile_serialization=False)
    torch.save({"model": sd, "epoch": 3, "optimizer": {"lr": 0.01, "state": {}}, "names": ["a", "b"]},
               os.path.join(outdir, "checkpoint.pth"))
    params = OrderedDict((k, torch.nn.Parameter(v.float())) for k, v in list(sd.items())[:2])
    torch.save(params, os.path.join(outdir, "parameters.pth"))
    data["n"] = torch.tensor(len(sd))


def write_legacy_with_views(path, tensors, views, root):
    """torch.save's legacy (non-zip) layout as torch before 1.0 wrote it, with storage views: the packaged torch
    writes view_metadata=None only, but its torch.load still reads views. `views` maps a tensor's storage data_ptr
    to (view key, element offset into `root`, view size); `root` is the one storage whose bytes the file holds."""
    import pickle
    import struct
    from torch.serialization import MAGIC_NUMBER, PROTOCOL_VERSION

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, torch.storage.TypedStorage):
                view_key, offset, size = views[obj.data_ptr()]
                return ("storage", torch.FloatStorage, "root", "cpu", root.numel(), (view_key, offset, size))
            return None

    sys_info = dict(protocol_version=PROTOCOL_VERSION, little_endian=True, type_sizes=dict(short=2, int=4, long=4))
    with open(path, "wb") as f:
        for header in (MAGIC_NUMBER, PROTOCOL_VERSION, sys_info):
            pickle.dump(header, f, protocol=2)
        Pickler(f, protocol=2).dump(tensors)
        pickle.dump(["root"], f, protocol=2)
        f.write(struct.pack("<q", root.numel()))
        f.write(root.numpy().tobytes())


def case_pth_legacy_views(seed, outdir, opts, data):
    g = torch.Generator().manual_seed(seed)
    root = torch.randn(40, generator=g)
    # three tensors on two views of one storage; the strided one starts inside its view
    first = root[4:16].clone()
    second = root[20:40].clone()
    tensors = OrderedDict([("conv.weight", first.view(3, 4)), ("conv.every_other", first[1::2]),
                           ("fc.weight", second.view(4, 5).t())])
    views = {first.data_ptr(): ("view_a", 4, 12), second.data_ptr(): ("view_b", 20, 20)}
    path = os.path.join(outdir, "legacy_views.pth")
    write_legacy_with_views(path, tensors, views, root)
    loaded = torch.load(path)  # the packaged torch's reader is the reference
    for k, v in loaded.items():
        if not torch.equal(v, tensors[k]):
            raise SystemExit(f"torch.load read {k} differently from what was meant")
        data["expected/" + k] = v.contiguous()
    data["n"] = torch.tensor(len(loaded))


def case_check_export(seed, outdir, opts, data):
    num_classes = int(opts.get("num_classes", 3))
    loaded = torch.load(opts["file"])
    if opts.get("model") == "resnet50_api":
        # the documented round trip: torchvision's own constructor with the exported file
        model = torchvision.models.detection.maskrcnn_resnet50_fpn(weights=None, weights_backbone=None,
                                                                   num_classes=num_classes)
    else:
        model = build(opts.get("model", "resnet50"), num_classes, opts.get("norm", "frozen"))
    model.load_state_dict(loaded)  # strict
    sd = model.state_dict()
    for k, v in loaded.items():
        if not torch.equal(sd[k], v):
            raise SystemExit(f"value of {k} changed on load")
    data["type"] = torch.tensor(1 if type(loaded) is dict else 2 if isinstance(loaded, OrderedDict) else 0)
    data["n"] = torch.tensor(len(loaded))
    # echo one tensor so the C++ side can check content came through
    data["echo"] = loaded["roi_heads.box_predictor.cls_score.weight"]


def case_classifier(seed, outdir, opts, data):
    torch.manual_seed(seed)
    torch.save(torchvision.models.resnet50(weights=None).state_dict(), os.path.join(outdir, "resnet50.pth"))
    torch.save(torchvision.models.mobilenet_v3_large(weights=None).state_dict(), os.path.join(outdir, "mobilenet.pth"))
    data["n"] = torch.tensor(2)


CASES = {"classifier": case_classifier, "backbone": case_backbone, "eval": case_eval, "train": case_train, "pth_formats": case_pth_formats,
         "pth_legacy_views": case_pth_legacy_views,
         "check_export": case_check_export}


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
