#!/usr/bin/env python3
"""torchvision side of roi_align_bench: times torchvision.ops.roi_align / MultiScaleRoIAlign forward and backward
on the inputs the C++ benchmark saved, and prints one line per case:
    RESULT <case> <threads> <forward_ms> <backward_ms> <forward_cpu_ms> <backward_cpu_ms>
usage: roi_align_bench.py INPUTS.pt THREADS[,THREADS...] REPS
"""
import sys
import time

import torch
import torchvision


def timed(fn, reps):
    """best wall-clock and best process CPU time of fn() in ms"""
    fn()  # warm-up
    walls, cpus = [], []
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t0) * 1e3)
        cpus.append((time.process_time() - c0) * 1e3)
    return min(walls), min(cpus)


def main():
    data = torch.load(sys.argv[1])
    threads = [int(t) for t in sys.argv[2].split(",")]
    reps = int(sys.argv[3])
    print("torchvision side: torch", torch.__version__, "torchvision", torchvision.__version__, flush=True)
    names = sorted({k.split("/")[1] for k in data if k.startswith("case/")})
    for t in threads:
        torch.set_num_threads(t)
        for name in names:
            out_h, out_w, multi = (int(v) for v in data[f"case/{name}/params"])
            boxes = [data[f"case/{name}/boxes/{i}"] for i in range(int(data["num_images"]))]
            feats = {str(l): data[f"feat/{l}"] for l in range(int(data["num_levels"]))}
            if multi:
                pooler = torchvision.ops.MultiScaleRoIAlign(list(feats.keys()), (out_h, out_w), 2)
                image_shapes = [tuple(int(v) for v in data["image_size"])] * len(boxes)
                run = lambda x: pooler(x, boxes, image_shapes)
                inputs = {k: v.clone().requires_grad_(True) for k, v in feats.items()}
            else:
                level = 1  # stride 8
                scale = 1.0 / (4 * 2**level)
                run = lambda x: torchvision.ops.roi_align(x[str(level)], boxes, (out_h, out_w), scale, 2, False)
                inputs = {str(level): feats[str(level)].clone().requires_grad_(True)}

            def forward():
                with torch.no_grad():
                    return run(inputs)

            y = run(inputs)
            g = torch.randn(y.shape)

            def backward():
                yy = run(inputs)
                t0, c0 = time.perf_counter(), time.process_time()
                yy.backward(g)
                return (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3

            fwd_wall, fwd_cpu = timed(forward, reps)
            backward()  # warm-up
            bwd = [backward() for _ in range(reps)]
            bwd_wall, bwd_cpu = min(b[0] for b in bwd), min(b[1] for b in bwd)
            print(f"RESULT {name} {t} {fwd_wall:.3f} {bwd_wall:.3f} {fwd_cpu:.3f} {bwd_cpu:.3f}", flush=True)


if __name__ == "__main__":
    main()
