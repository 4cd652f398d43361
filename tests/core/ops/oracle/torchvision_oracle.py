#!/usr/bin/env python3
"""Reference outputs from the packaged torchvision 0.14 for tests/core/ops.

usage: torchvision_oracle.py CASE SEED OUT.pt

Builds the inputs of CASE from SEED, runs torchvision, and saves inputs and outputs as one plain dict of tensors
(torch::pickle_load in C++ reads plain dicts, not OrderedDicts). Keys are "<name>" strings; lists are flattened as
"<name>/<i>".
"""
import math
import sys

import torch
import torchvision
from torchvision.models.detection import _utils as det_utils
from torchvision.models.detection.anchor_utils import AnchorGenerator, DefaultBoxGenerator
from torchvision.models.detection.image_list import ImageList
from torchvision.models.detection.roi_heads import paste_masks_in_image
from torchvision.ops import boxes as box_ops


def random_boxes(g, n, size, min_wh=1.0, max_wh=None):
    max_wh = max_wh or size / 2
    xy = torch.rand(n, 2, generator=g) * size
    wh = min_wh + torch.rand(n, 2, generator=g) * (max_wh - min_wh)
    return torch.cat([xy, xy + wh], 1)


def case_boxes(g, out):
    b1 = random_boxes(g, 40, 100.0)
    b2 = random_boxes(g, 30, 100.0)
    b1[3] = b1[4]  # duplicate box
    b2[0, 2] = b2[0, 0]  # zero width
    out.update(b1=b1, b2=b2, area=box_ops.box_area(b1), iou=box_ops.box_iou(b1, b2))
    wild = (torch.rand(25, 4, generator=g) - 0.3) * 150
    out.update(wild=wild, clipped=box_ops.clip_boxes_to_image(wild, (60, 80)))
    small = random_boxes(g, 50, 50.0, min_wh=0.0, max_wh=6.0)
    out.update(small=small, keep_small=box_ops.remove_small_boxes(small, 2.5))
    b1d = b1.double()
    out.update(b1d=b1d, iou_d=box_ops.box_iou(b1d, b2.double()))
    for fmt in ("xywh", "cxcywh"):
        out[f"to_{fmt}"] = box_ops.box_convert(b1, "xyxy", fmt)
        out[f"from_{fmt}"] = box_ops.box_convert(b1, fmt, "xyxy")


def tied_scores(g, n, levels):
    return (torch.randint(0, levels, (n,), generator=g).float() / levels).contiguous()


def case_nms(g, out):
    sets = []
    # dense overlaps, many tied scores
    sets.append((random_boxes(g, 300, 60.0, 5.0, 30.0), tied_scores(g, 300, 7), 0.5))
    # exact duplicates with equal scores (ties broken by input order)
    base = random_boxes(g, 50, 40.0, 5.0, 20.0)
    dup = torch.cat([base, base, base[:10]])
    sets.append((dup, torch.full((dup.shape[0],), 0.5), 0.3))
    # continuous scores, several thresholds
    b = random_boxes(g, 500, 200.0, 2.0, 50.0)
    s = torch.rand(500, generator=g)
    for t in (0.0, 0.3, 0.7, 1.0):
        sets.append((b, s, t))
    # integer boxes (many exactly equal IoUs)
    bi = torch.randint(0, 20, (200, 2), generator=g).float()
    bi = torch.cat([bi, bi + torch.randint(1, 10, (200, 2), generator=g).float()], 1)
    sets.append((bi, tied_scores(g, 200, 3), 0.5))
    # float64
    sets.append((b.double(), s.double(), 0.45))
    # empty
    sets.append((torch.zeros(0, 4), torch.zeros(0), 0.5))
    for i, (bx, sc, t) in enumerate(sets):
        out[f"boxes/{i}"] = bx
        out[f"scores/{i}"] = sc
        out[f"thr/{i}"] = torch.tensor(t, dtype=torch.float64)
        out[f"keep/{i}"] = box_ops.nms(bx, sc, t)
    out["n"] = torch.tensor(len(sets))


def case_batched_nms(g, out):
    sets = []
    for n, classes in ((300, 4), (999, 5), (1001, 5), (3000, 10)):  # 1000 boxes is torchvision's switch on CPU
        b = random_boxes(g, n, 300.0, 5.0, 60.0)
        s = tied_scores(g, n, 20)
        idx = torch.randint(0, classes, (n,), generator=g)
        sets.append((b, s, idx, 0.5))
    sets.append((torch.zeros(0, 4), torch.zeros(0), torch.zeros(0, dtype=torch.int64), 0.5))
    for i, (bx, sc, idx, t) in enumerate(sets):
        out[f"boxes/{i}"] = bx
        out[f"scores/{i}"] = sc
        out[f"idxs/{i}"] = idx
        out[f"thr/{i}"] = torch.tensor(t, dtype=torch.float64)
        out[f"keep/{i}"] = box_ops.batched_nms(bx, sc, idx, t)
    out["n"] = torch.tensor(len(sets))


def roi_boxes(g, k, batch, h, w, scale):
    """RoIs in image coordinates, some partly or fully outside the feature map, some tiny."""
    img_h, img_w = h / scale, w / scale
    x1 = (torch.rand(k, generator=g) * 1.4 - 0.2) * img_w
    y1 = (torch.rand(k, generator=g) * 1.4 - 0.2) * img_h
    bw = torch.rand(k, generator=g) * img_w * 0.6
    bh = torch.rand(k, generator=g) * img_h * 0.6
    bw[: k // 8] = torch.rand(k // 8, generator=g) * 1.5  # tiny
    idx = torch.randint(0, batch, (k,), generator=g).float()
    return torch.stack([idx, x1, y1, x1 + bw, y1 + bh], 1)


def case_roi_align(g, out):
    configs = [
        # (batch, channels, h, w, k, ph, pw, scale, sampling, aligned, dtype)
        (2, 3, 20, 24, 40, 7, 7, 0.5, 2, False, torch.float32),
        (2, 3, 20, 24, 40, 7, 7, 0.5, 2, True, torch.float32),
        (2, 4, 17, 13, 40, 5, 3, 0.25, -1, False, torch.float32),
        (2, 4, 17, 13, 40, 5, 3, 0.25, -1, True, torch.float32),
        (3, 5, 32, 32, 60, 14, 14, 0.125, 3, False, torch.float32),
        (1, 2, 9, 11, 25, 2, 2, 1.0, -1, True, torch.float64),
        (2, 70, 16, 16, 30, 4, 4, 0.5, 2, False, torch.float32),  # more channels than one block
    ]
    for i, (n, c, h, w, k, ph, pw, scale, sr, aligned, dtype) in enumerate(configs):
        x = torch.randn(n, c, h, w, generator=g).to(dtype).requires_grad_(True)
        rois = roi_boxes(g, k, n, h, w, scale).to(dtype)
        y = torchvision.ops.roi_align(x, rois, (ph, pw), scale, sr, aligned)
        gy = torch.randn(y.shape, generator=g).to(dtype)
        (gx,) = torch.autograd.grad(y, x, gy)
        out.update({f"input/{i}": x.detach(), f"rois/{i}": rois, f"output/{i}": y.detach(), f"grad_output/{i}": gy,
                    f"grad_input/{i}": gx,
                    f"params/{i}": torch.tensor([ph, pw, sr, int(aligned)], dtype=torch.int64),
                    f"scale/{i}": torch.tensor(scale, dtype=torch.float64)})
    out["n"] = torch.tensor(len(configs))


def case_multiscale(g, out):
    img_h, img_w = 256, 320
    names = ["0", "1", "2", "3"]
    feats = {}
    for lvl, name in enumerate(names):
        s = 2 ** (lvl + 2)
        feats[name] = torch.randn(2, 8, img_h // s, img_w // s, generator=g)
    feats["pool"] = torch.randn(2, 8, 4, 5, generator=g)
    boxes = [random_boxes(g, 30, 200.0, 2.0, 250.0), random_boxes(g, 20, 200.0, 10.0, 120.0)]
    pooler = torchvision.ops.MultiScaleRoIAlign(names, 7, 2)
    res = pooler(feats, boxes, [(img_h, img_w), (img_h - 20, img_w - 30)])
    for name, t in feats.items():
        out[f"feat/{name}"] = t
    out.update({"boxes/0": boxes[0], "boxes/1": boxes[1], "output": res,
                "levels": pooler.map_levels(boxes), "scales": torch.tensor(pooler.scales, dtype=torch.float64)})


def case_box_coder(g, out):
    coder = det_utils.BoxCoder((10.0, 10.0, 5.0, 5.0))
    ref = [random_boxes(g, 20, 100.0, 2.0, 40.0), random_boxes(g, 15, 100.0, 2.0, 40.0)]
    prop = [random_boxes(g, 20, 100.0, 2.0, 40.0), random_boxes(g, 15, 100.0, 2.0, 40.0)]
    enc = coder.encode(ref, prop)
    codes = torch.randn(35, 4 * 3, generator=g) * 3  # some dw/dh above the clip
    dec = coder.decode(codes, prop)
    coder1 = det_utils.BoxCoder((1.0, 1.0, 1.0, 1.0), bbox_xform_clip=1.0)
    dec1 = coder1.decode_single(codes[:, :4], prop[0].repeat(2, 1)[:35])
    out.update({"ref/0": ref[0], "ref/1": ref[1], "prop/0": prop[0], "prop/1": prop[1], "enc/0": enc[0],
                "enc/1": enc[1], "codes": codes, "dec": dec, "dec1": dec1})


def case_anchors(g, out):
    gen = AnchorGenerator(((32,), (64,), (128,), (256,), (512,)), ((0.5, 1.0, 2.0),) * 5)
    img = torch.zeros(2, 3, 224, 320)
    feats = [torch.zeros(2, 4, 224 // s, 320 // s) for s in (4, 8, 16, 32, 64)]
    anchors = gen(ImageList(img, [(224, 320), (200, 300)]), feats)
    out["fpn"] = anchors[0]
    gen2 = AnchorGenerator(((16, 40, 100),), ((0.25, 1.0, 3.0),))
    feats2 = [torch.zeros(1, 4, 13, 17)]
    out["single"] = gen2(ImageList(torch.zeros(1, 3, 200, 270), [(200, 270)]), feats2)[0]
    dbg = DefaultBoxGenerator([[2, 3] for _ in range(6)], min_ratio=0.2, max_ratio=0.95)
    feats3 = [torch.zeros(1, 4, s, s) for s in (20, 10, 5, 3, 2, 1)]
    out["ssdlite"] = dbg(ImageList(torch.zeros(1, 3, 320, 320), [(320, 320)]), feats3)[0]
    dbg2 = DefaultBoxGenerator([[2], [2, 3], [2, 3], [2, 3], [2], [2]],
                               scales=[0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05], steps=[8, 16, 32, 64, 100, 300])
    feats4 = [torch.zeros(1, 4, s, s) for s in (38, 19, 10, 5, 3, 1)]
    out["ssd300"] = dbg2(ImageList(torch.zeros(1, 3, 300, 300), [(300, 300)]), feats4)[0]


def case_matcher(g, out):
    gt = random_boxes(g, 6, 100.0, 10.0, 50.0)
    pred = torch.cat([random_boxes(g, 200, 100.0, 5.0, 60.0), gt[:2]])
    q = box_ops.box_iou(gt, pred)
    q[:, 7] = q[:, 8]  # a column that ties with another
    out["quality"] = q
    out["rpn"] = det_utils.Matcher(0.7, 0.3, allow_low_quality_matches=True)(q)
    out["roi"] = det_utils.Matcher(0.5, 0.5, allow_low_quality_matches=False)(q)
    out["ssd"] = det_utils.SSDMatcher(0.5)(q)
    # sampler with the global generator seeded: C++ uses a generator with the same seed
    matched = [torch.randint(-1, 4, (500,), generator=g), torch.randint(-1, 2, (80,), generator=g)]
    torch.manual_seed(1234)
    pos, neg = det_utils.BalancedPositiveNegativeSampler(64, 0.25)(matched)
    out.update({"matched/0": matched[0], "matched/1": matched[1], "pos/0": pos[0], "pos/1": pos[1],
                "neg/0": neg[0], "neg/1": neg[1]})


def case_paste_masks(g, out):
    n = 12
    masks = torch.rand(n, 1, 28, 28, generator=g)
    boxes = random_boxes(g, n, 70.0, 1.0, 70.0)  # torchvision fails on boxes wholly outside
    boxes[0] = torch.tensor([-20.0, -10.0, 30.0, 40.0])  # partly outside
    boxes[1] = torch.tensor([95.0, 70.0, 140.0, 120.0])  # beyond the bottom-right corner
    boxes[2] = torch.tensor([10.0, 10.0, 10.5, 10.2])  # degenerate
    out.update(masks=masks, boxes=boxes, pasted=paste_masks_in_image(masks, boxes, (80, 100), padding=1))
    out["pasted_empty"] = paste_masks_in_image(masks[:0], boxes[:0], (80, 100), padding=1)


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in CASES:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(CASES)}}} SEED OUT.pt")
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(int(sys.argv[2]))
    out = {}
    CASES[sys.argv[1]](g, out)
    out["torchvision_version"] = torch.tensor([int(p) for p in torchvision.__version__.split("a")[0].split(".")[:3]])
    torch.save({k: v.contiguous() for k, v in out.items()}, sys.argv[3], _use_new_zipfile_serialization=True)


if __name__ == "__main__":
    main()
