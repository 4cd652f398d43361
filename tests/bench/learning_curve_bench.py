#!/usr/bin/env python3
"""Learning curves, ours vs torchvision: the same generated shapes dataset, the same recipe, the same thread count
and the same training-time budget; both sides' test-split predictions scored by our own `eval`.

usage: /usr/bin/python3 tests/bench/learning_curve_bench.py --cli build/dev/app/polytrain-cli \
           --model maskrcnn_mobilenet_v3_large_fpn --minutes 20 [--sides ours,torchvision] [--work DIR] ...

Prints one row per validation: training seconds (validation and scoring excluded on both sides), box and mask
mAP@0.5, then the time each side first reached a few mAP levels. The recipe is our preset for the model
(cpu-quick for Mask R-CNN, cpu-ssd for SSD) with --epochs/--batch/--lr overriding it; torchvision gets the same
input size, batch, optimiser, learning-rate schedule, proposal counts and horizontal flips, and trains from
scratch with trainable BatchNorm as ours does. torchvision's images and masks are decoded once, before its clock
starts (an in-memory dataset); making each batch from them (tensors, boxes, flips) is on its clock.
"""
import argparse
import base64
import csv
import glob
import io
import json
import math
import os
import random
import signal
import subprocess
import sys
import time

# One OpenBLAS thread on both sides, as configureTorch sets it for ours: OpenBLAS's own pool fights the OpenMP
# threads for the cores (core/runtime/torch_runtime.h). Set before numpy and torch load the library, which reads
# it once.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# The allocator setting configureTorch makes for ours (core/runtime/freed_memory.h: freed blocks stay in the heap).
# glibc reads GLIBC_TUNABLES when a process starts, so the script starts itself again with it.
if "GLIBC_TUNABLES" not in os.environ:
    os.environ["GLIBC_TUNABLES"] = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def make_dataset(args):
    data = os.path.join(args.work, "data")
    if not os.path.exists(os.path.join(data, "test.json")):
        run([args.cli, "dataset", "make-demo", "--out", data, "--images", str(args.images), "--size",
             f"{args.size}", "--seed", str(args.seed), "--test-ratio", str(args.test_ratio)])
        run([args.cli, "dataset", "convert", data])
    return data


def recipe(args):
    """Our preset for the model as a config dict, with the command line's overrides."""
    preset = "cpu-ssd" if args.model.startswith("ssd") else "cpu-quick"
    out = os.path.join(args.work, "preset")
    run([args.cli, "train", "--preset", preset, "--model", args.model, "--print-config"], stdout=open(out, "w"))
    config = json.load(open(out))
    for key, value in (("epochs", args.epochs), ("batchSize", args.batch), ("learningRate", args.lr)):
        if value:
            config[key] = value
    for item in args.set or []:
        key, value = item.split("=", 1)
        config[key] = json.loads(value)
    config["threads"] = args.threads
    config["seed"] = args.seed
    config["validationInterval"] = 1
    config["evaluateMap"] = True
    return config


# ---------------------------------------------------------------------------------------------------------- ours
def train_ours(args, data, config):
    runs = os.path.join(args.work, "ours")
    config = dict(config, dataRoot=data)
    path = os.path.join(args.work, "ours-config.json")
    json.dump(config, open(path, "w"), indent=2)
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    proc = subprocess.Popen([args.cli, "--threads", str(args.threads), "train", "--config", path, "--data", data, "--out", runs, "--name", "run"],
                            env=env, stdout=subprocess.DEVNULL)
    results = None
    points = []
    while proc.poll() is None:
        time.sleep(2)
        if results is None:
            found = sorted(glob.glob(os.path.join(runs, "run*", "results.csv")))
            results = found[-1] if found else None
        if results:
            points = read_our_results(results)
            if points and points[-1][0] >= args.minutes * 60:
                proc.send_signal(signal.SIGINT)  # stops after the step and saves, as Ctrl+C does
                proc.wait()
    if results:
        points = read_our_results(results)
    return points


def read_our_results(path):
    points, elapsed = [], 0.0
    with open(path) as f:
        for row in csv.DictReader(f):
            elapsed += float(row["time"]) - float(row.get("val_time") or 0)
            box = row.get("metrics/mAP50(B)") or ""
            mask = row.get("metrics/mAP50(M)") or ""
            points.append((elapsed, float(box) if box else None, float(mask) if mask else None))
    return points


# --------------------------------------------------------------------------------------------------- torchvision
def load_split(data, split, classes):
    import labelme.utils
    from PIL import Image

    samples = []
    for path in sorted(glob.glob(os.path.join(data, split, "*.json"))):
        doc = json.load(open(path))
        image = np.array(Image.open(os.path.join(os.path.dirname(path), doc["imagePath"])).convert("RGB"))
        masks, labels = [], []
        for shape in doc["shapes"]:
            if shape["label"] not in classes:
                continue
            mask = labelme.utils.shape_to_mask(image.shape[:2], shape["points"], shape.get("shape_type"))
            if mask.sum() == 0:
                continue
            masks.append(mask)
            labels.append(classes.index(shape["label"]) + 1)
        samples.append((os.path.relpath(os.path.join(os.path.dirname(path), doc["imagePath"]), data), image, masks,
                        labels))
    return samples


def to_target(torch, image, masks, labels, flip):
    img = torch.from_numpy(image).permute(2, 0, 1).float() / 255.0
    m = torch.from_numpy(np.stack(masks).astype(np.uint8)) if masks else torch.zeros((0,) + image.shape[:2],
                                                                                        dtype=torch.uint8)
    if flip:
        img, m = img.flip(-1), m.flip(-1)
    boxes = []
    for one in m:
        ys, xs = torch.nonzero(one, as_tuple=True)
        boxes.append([xs.min().item(), ys.min().item(), xs.max().item() + 1, ys.max().item() + 1])
    target = {"boxes": torch.tensor(boxes, dtype=torch.float32).reshape(-1, 4),
              "labels": torch.tensor(labels, dtype=torch.int64), "masks": m}
    return img, target


def torchvision_model(torch, config, num_classes):
    import torchvision
    from torchvision.models.detection import MaskRCNN
    from torchvision.models.detection.anchor_utils import AnchorGenerator
    from torchvision.models.detection.backbone_utils import _mobilenet_extractor

    name, size = config["model"], config["inputSize"]
    if name == "ssdlite320_mobilenet_v3_large":
        return torchvision.models.detection.ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None,
                                                                          num_classes=num_classes)
    if name != "maskrcnn_mobilenet_v3_large_fpn":
        raise SystemExit(f"learning_curve_bench: no torchvision recipe for {name}")
    body = torchvision.models.mobilenet_v3_large(weights=None, norm_layer=torch.nn.BatchNorm2d)
    returned = config.get("returnedLayers") or None
    backbone = _mobilenet_extractor(body, True, 6, returned_layers=returned)
    levels = (len(returned) if returned else 2) + 1
    kw = {}
    for ours, theirs in (("rpnPreNmsTopNTrain", "rpn_pre_nms_top_n_train"),
                         ("rpnPostNmsTopNTrain", "rpn_post_nms_top_n_train"),
                         ("boxBatchSizePerImage", "box_batch_size_per_image")):
        if config.get(ours):
            kw[theirs] = config[ours]
    # Head widths as ours (torchvision's 256 and 1024 when the config leaves them at 0).
    from torchvision.models.detection.faster_rcnn import FastRCNNPredictor, TwoMLPHead
    from torchvision.models.detection.mask_rcnn import MaskRCNNHeads, MaskRCNNPredictor

    box = config.get("boxHeadSize") or 1024
    mask = config.get("maskHeadChannels") or 256
    heads = dict(box_head=TwoMLPHead(backbone.out_channels * 7 * 7, box), box_predictor=FastRCNNPredictor(box, num_classes),
                 mask_head=MaskRCNNHeads(backbone.out_channels, [mask] * 4, 1),
                 mask_predictor=MaskRCNNPredictor(mask, mask, num_classes))
    return MaskRCNN(backbone, None, min_size=size, max_size=size * 1333 // 800, rpn_score_thresh=0.05,
                    rpn_anchor_generator=AnchorGenerator(((32, 64, 128, 256, 512),) * levels, ((0.5, 1.0, 2.0),) * levels),
                    **heads, **kw)


def learning_rate(config, iteration, total):
    factor = 1.0
    schedule = config.get("schedule", "step")
    if schedule == "step":
        for milestone in config.get("stepMilestones", [0.8]):
            if iteration >= round(milestone * total):
                factor *= config.get("stepGamma", 0.1)
    elif schedule == "cosine":
        progress = min(max(iteration / max(1, total - 1), 0.0), 1.0)
        factor = 0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * progress))
    warmup = config.get("warmupIterations", 0)
    if iteration < warmup:
        alpha = iteration / warmup
        factor *= config.get("warmupFactor", 0.001) * (1 - alpha) + alpha
    return config["learningRate"] * factor


def rle_of(mask):
    """Uncompressed COCO RLE (column-major run lengths, starting with a run of zeros)."""
    flat = np.asarray(mask, dtype=np.uint8).flatten(order="F")
    starts = np.flatnonzero(np.concatenate([[True], flat[1:] != flat[:-1]]))
    runs = np.diff(np.concatenate([starts, [flat.size]])).tolist()
    if flat.size and flat[0] == 1:
        runs = [0] + runs
    return {"size": [int(mask.shape[0]), int(mask.shape[1])], "counts": [int(r) for r in runs]}


def score_torchvision(args, torch, model, test, gt, step):
    ids = {image["file_name"]: image["id"] for image in gt["images"]}
    detections = []
    model.eval()
    with torch.no_grad():
        for name, image, _, _ in test:
            img = torch.from_numpy(image).permute(2, 0, 1).float() / 255.0
            out = model([img])[0]
            for k in range(len(out["scores"])):
                x1, y1, x2, y2 = out["boxes"][k].tolist()
                det = {"image_id": ids[name], "category_id": int(out["labels"][k]),
                       "bbox": [x1, y1, x2 - x1, y2 - y1], "score": float(out["scores"][k])}
                if "masks" in out:
                    det["segmentation"] = rle_of((out["masks"][k, 0] > 0.5).numpy())
                detections.append(det)
    model.train()
    path = os.path.join(args.work, "torchvision", f"detections_{step:06d}.json")
    json.dump(detections, open(path, "w"))
    metrics_path = path.replace(".json", "_metrics.json")
    subprocess.run([args.cli, "eval", "--gt", os.path.join(args.data, "test.json"), "--detections", path, "--json",
                    metrics_path], check=True, stdout=subprocess.DEVNULL)
    metrics = json.load(open(metrics_path))
    def ap50(kind):  # pycocotools' 12 numbers by name
        return max(0.0, metrics[kind]["stats"]["AP50"]) if kind in metrics else None

    return ap50("bbox"), ap50("segm")


def train_torchvision(args, data, config):
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    os.makedirs(os.path.join(args.work, "torchvision"), exist_ok=True)
    gt = json.load(open(os.path.join(data, "test.json")))
    classes = [c["name"] for c in sorted(gt["categories"], key=lambda c: c["id"]) if c["name"] != "_background_"]
    train = load_split(data, "train", classes)
    test = load_split(data, "test", classes)
    model = torchvision_model(torch, config, len(classes) + 1)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    if config.get("optimizer", "adamw") == "adamw":
        optimizer = torch.optim.AdamW(params, lr=config["learningRate"], weight_decay=config.get("weightDecay", 1e-4))
    else:
        optimizer = torch.optim.SGD(params, lr=config["learningRate"], momentum=config.get("momentum", 0.9),
                                    weight_decay=config.get("weightDecay", 1e-4))
    batch = config["batchSize"]
    per_epoch = math.ceil(len(train) / batch)
    total = per_epoch * config["epochs"]
    step, elapsed, points = 0, 0.0, []
    flip = config.get("augmentation", {}).get("horizontalFlip", True)
    for epoch in range(1, config["epochs"] + 1):
        order = list(range(len(train)))
        random.shuffle(order)
        for start in range(0, len(order), batch):
            began = time.perf_counter()  # the batch is made on the clock, as ours (decoding, masks, flips) is
            images, targets = [], []
            for index in order[start:start + batch]:
                _, image, masks, labels = train[index]
                if not masks:
                    continue
                img, target = to_target(torch, image, masks, labels, flip and random.random() < 0.5)
                images.append(img)
                targets.append(target)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(config, step, total)
            step += 1
            if images:
                losses = model(images, targets)
                optimizer.zero_grad()
                sum(losses.values()).backward()
                optimizer.step()
            elapsed += time.perf_counter() - began
        box, mask = score_torchvision(args, torch, model, test, gt, step)
        points.append((elapsed, box, mask))
        print(f"torchvision epoch {epoch}: {elapsed:.0f} s of training, box mAP50 {box}, mask mAP50 {mask}",
              flush=True)
        if elapsed >= args.minutes * 60:
            break
    return points


# ------------------------------------------------------------------------------------------------------ report
def first_time(points, index, level):
    for point in points:
        if point[index] is not None and point[index] >= level:
            return f"{point[0] / 60:.1f} min"
    return "not reached"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--model", default="maskrcnn_mobilenet_v3_large_fpn")
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--images", type=int, default=250)
    parser.add_argument("--test-ratio", type=float, default=0.2)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--batch", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--set", action="append", help="KEY=JSON config override, e.g. --set inputSize=192")
    parser.add_argument("--sides", default="ours,torchvision")
    parser.add_argument("--work", default="/tmp/polytrain-learning-curve")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    args.data = make_dataset(args)
    config = recipe(args)
    print(f"recipe: {json.dumps(config)}", flush=True)
    curves = {}
    for side in args.sides.split(","):
        began = time.time()
        curves[side] = train_ours(args, args.data, config) if side == "ours" else train_torchvision(args, args.data,
                                                                                                      config)
        print(f"{side}: {time.time() - began:.0f} s wall in all", flush=True)
        json.dump(curves[side], open(os.path.join(args.work, f"curve_{side}.json"), "w"))
    for side in ("ours", "torchvision"):  # a side measured by an earlier call with the same --work
        path = os.path.join(args.work, f"curve_{side}.json")
        if side not in curves and os.path.exists(path):
            curves[side] = [tuple(point) for point in json.load(open(path))]
    threads = f"{args.threads} threads, {os.cpu_count()} hardware threads"
    print(f"\nlearning curves, {args.model}, {args.images} images of {args.size} px, {threads}, budget "
          f"{args.minutes} min of training")
    for side, points in curves.items():
        print(f"{side}: training s, box mAP50, mask mAP50")
        for elapsed, box, mask in points:
            print(f"  {elapsed:7.0f}  {box if box is not None else '-':>8}  {mask if mask is not None else '-':>8}")
    for level in (0.5, 0.8, 0.9):
        print(f"first box mAP50 >= {level}: " + ", ".join(f"{s} {first_time(p, 1, level)}" for s, p in curves.items())
              + f"; mask: " + ", ".join(f"{s} {first_time(p, 2, level)}" for s, p in curves.items()))


if __name__ == "__main__":
    main()
