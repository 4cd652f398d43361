#!/usr/bin/env python3
"""torchvision side of tests/bench/maskrcnn_bench: builds the model, saves its weights and inputs for the C++
side, and times eval and one train step (forward, backward, SGD step) with the same thread count.

usage: maskrcnn_bench.py MODEL SIZE THREADS REPS OUTDIR      MODEL: resnet50 | mobilenet
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "core", "models", "oracle"))
import models_oracle  # noqa: E402


def best(fn, reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return min(times)


def main():
    model_name, size, threads, reps, outdir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    torch.set_num_threads(threads)
    torch.set_flush_denormal(True)
    os.makedirs(outdir, exist_ok=True)
    opts = {"model": model_name, "min_size": str(size), "max_size": str(size * 2)}
    if model_name == "mobilenet":
        opts.update(rpn_pre_nms_top_n_test="150", rpn_post_nms_top_n_test="150")
    model, g, num_classes = models_oracle.make_model(0, opts)
    sizes = [(size * 3 // 4, size), (size, size * 3 // 4)]
    images = models_oracle.images_for(g, sizes)
    targets = models_oracle.targets_for(g, sizes, num_classes)
    torch.save(model.state_dict(), os.path.join(outdir, "weights.pth"))
    data = {}
    for i, (img, t) in enumerate(zip(images, targets)):
        data[f"image/{i}"] = img
        for k, v in t.items():
            data[f"{k}/{i}"] = v

    model.eval()
    with torch.no_grad():
        model(images)  # warm-up
        data["eval_ms"] = torch.tensor(best(lambda: model(images), reps))
    model.train()
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=1e-5)

    def step():
        losses = model(images, targets)
        opt.zero_grad()
        sum(losses.values()).backward()
        opt.step()

    step()
    data["train_ms"] = torch.tensor(best(step, reps))
    torch.save(data, os.path.join(outdir, "data.pt"))


if __name__ == "__main__":
    main()
