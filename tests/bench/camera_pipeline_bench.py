#!/usr/bin/env python3
"""torchvision side of tests/bench/camera_pipeline_bench: builds the model with seeded, calibrated random weights,
saves them as a torchvision state dict for the C++ side to import, and times the model alone on the benchmark's
frame (model(frame) in inference mode, the frame already a tensor) with the same thread count and score threshold.

usage: camera_pipeline_bench.py MODEL NUM_CLASSES THREADS REPS FRAME_PNG SCORE_THRESH OUTDIR
       MODEL: ssdlite | maskrcnn_mobilenet (min_size 320, max_size 533, as our input size 320)
Prints one JSON line: {"median_ms": ..., "min_ms": ..., "detections": ...}
"""
import json
import os
import statistics
import sys
import time

import numpy
import torch
from PIL import Image

here = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(here, "..", "core", "models", "oracle"))
import models_oracle  # noqa: E402
import ssd_oracle  # noqa: E402


def main():
    model_name, num_classes, threads, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    frame_png, score, outdir = sys.argv[5], float(sys.argv[6]), sys.argv[7]
    torch.set_num_threads(threads)
    torch.set_flush_denormal(True)
    os.makedirs(outdir, exist_ok=True)
    rgb = numpy.asarray(Image.open(frame_png).convert("RGB"), dtype=numpy.float32) / 255.0
    frame = torch.from_numpy(rgb).permute(2, 0, 1).contiguous()
    if model_name == "ssdlite":
        model, g, _ = ssd_oracle.make_model(0, {"model": "ssdlite", "num_classes": str(num_classes)})
        ssd_oracle.calibrate(model, [frame])
        model.score_thresh = score
    else:
        model, g, _ = models_oracle.make_model(0, {"model": "mobilenet", "num_classes": str(num_classes),
                                                  "min_size": "320", "max_size": "533"})
        model.roi_heads.score_thresh = score
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))
    model.eval()
    times = []
    detections = 0
    with torch.inference_mode():
        for _ in range(3):
            model([frame])
        for _ in range(reps):
            t0 = time.perf_counter()
            out = model([frame])
            times.append((time.perf_counter() - t0) * 1000.0)
            detections = int((out[0]["scores"] >= score).sum())
    print(json.dumps({"median_ms": statistics.median(times), "min_ms": min(times), "detections": detections}))


if __name__ == "__main__":
    main()
