#!/usr/bin/env python3
"""torchvision side of tests/bench/ssd_bench: builds the model with seeded random weights, saves them and the
inputs for the C++ side, and times eval of one 480x640 frame, the model alone on a [1, 3, S, S] tensor, and train
steps (forward, backward, SGD step) at the given batch sizes, with the same thread count.

usage: ssd_bench.py MODEL NUM_CLASSES THREADS REPS BATCHES OUTDIR     MODEL: ssdlite | ssd300 | ssdlite_v2
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "core", "models", "oracle"))
import ssd_oracle  # noqa: E402


def best(fn, reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return min(times)


def main():
    model_name, num_classes, threads, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    batches, outdir = [int(b) for b in sys.argv[5].split(",")], sys.argv[6]
    torch.set_num_threads(threads)
    torch.set_flush_denormal(True)
    os.makedirs(outdir, exist_ok=True)
    model, g, k = ssd_oracle.make_model(0, {"model": model_name, "num_classes": num_classes})
    frame = [torch.rand(3, 480, 640, generator=g)]
    ssd_oracle.calibrate(model, frame)
    size = 300 if model_name == "ssd300" else 320
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))
    data = {"frame": frame[0]}

    model.eval()
    with torch.no_grad():
        model(frame)
        data["eval_ms"] = torch.tensor(best(lambda: model(frame), reps))
        x = torch.rand(1, 3, size, size, generator=g)

        def model_only():
            model.head(list(model.backbone(x).values()))

        model_only()
        data["model_ms"] = torch.tensor(best(model_only, reps))
        data["detections"] = torch.tensor(model(frame)[0]["boxes"].shape[0])

    model.train()
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=1e-5)
    for batch in batches:
        sizes = [(480, 640) if i % 2 == 0 else (400, 300) for i in range(batch)]
        images = [torch.rand(3, h, w, generator=g) for h, w in sizes]
        targets = ssd_oracle.targets_for(g, sizes, k, {})
        for i, (img, t) in enumerate(zip(images, targets)):
            data[f"train{batch}/image/{i}"] = img
            data[f"train{batch}/boxes/{i}"] = t["boxes"]
            data[f"train{batch}/labels/{i}"] = t["labels"]

        def step():
            losses = model(images, targets)
            opt.zero_grad()
            sum(losses.values()).backward()
            opt.step()

        step()
        data[f"train{batch}_ms"] = torch.tensor(best(step, reps))
    torch.save(data, os.path.join(outdir, "data.pt"))


if __name__ == "__main__":
    main()
