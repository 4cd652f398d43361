#!/usr/bin/env bash
# Memory over a training run whose input shapes keep changing: images of three sizes, random crops of each side
# (so the aspect ratio and the padded batch shape vary) and scale jitter; the RoI heads also see a different number
# of RoIs every step. New tensor shapes are what grow libtorch's CPU (oneDNN) primitive caches.
# Prints the resident memory at the end of each epoch (results.csv rss_mb), the growth from epoch 2 and over the
# second half. Flat means: under 5 % over the second half, once the caches have met the shapes' range.
# ONEDNN_PRIMITIVE_CACHE_CAPACITY in the environment overrides the studio's bound (core/runtime/torch_runtime.h).
#
# usage: tests/bench/training_memory_bench.sh [CLI=build/dev/app/polytrain-cli] [EPOCHS=8] [THREADS=2]
set -euo pipefail
cli=${1:-build/dev/app/polytrain-cli}
epochs=${2:-8}
threads=${3:-2}
work=${WORK:-/tmp/polytrain-memory-bench}
rm -rf "$work"
mkdir -p "$work/data/train" "$work/data/test"
seed=1
for size in 160 256 320; do
  "$cli" dataset make-demo --out "$work/part-$size" --images 12 --size "$size" --seed $seed --test-ratio 0.25 >/dev/null
  for split in train test; do
    for json in "$work/part-$size/$split"/*.json; do
      base=$(basename "$json" .json)
      cp "$json" "$work/data/$split/${base}_$seed.json"
      cp "$work/part-$size/$split/$base.png" "$work/data/$split/${base}_$seed.png"
      sed -i "s/\"$base.png\"/\"${base}_$seed.png\"/" "$work/data/$split/${base}_$seed.json"
    done
  done
  seed=$((seed + 1))
done
"$cli" train --preset cpu-quick --print-config >"$work/config.json"
/usr/bin/python3 - "$work/config.json" "$epochs" <<'PY'
import json, sys
path, epochs = sys.argv[1], int(sys.argv[2])
config = json.load(open(path))
config.update(epochs=epochs, inputSize=192, batchSize=2, evaluateMap=False, warmupIterations=5)
config["augmentation"]["scaleJitter"] = 0.5
config["augmentation"]["randomCrop"] = True
json.dump(config, open(path, "w"), indent=2)
PY
echo "training: 27 train images of 160, 256 and 320 px, random crops, input 192 with scale jitter 0.5, batch 2," \
  "$epochs epochs, $threads threads (ONEDNN_PRIMITIVE_CACHE_CAPACITY=${ONEDNN_PRIMITIVE_CACHE_CAPACITY:-default})"
"$cli" --threads "$threads" train --config "$work/config.json" --data "$work/data" --out "$work/runs" --name run \
  >"$work/train.log" 2>&1 || { tail -5 "$work/train.log"; exit 1; }
/usr/bin/python3 - "$work/runs/run/results.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for row in rows:
    print(f"epoch {row['epoch']:>2}: rss {float(row['rss_mb']):7.1f} MiB, peak {float(row['peak_rss_mb']):7.1f} MiB, "
          f"{float(row['time']):.0f} s")
first, middle, last = (float(rows[i]["rss_mb"]) for i in (1, len(rows) // 2, -1))
print(f"growth from epoch 2 to {len(rows)}: {last - first:+.1f} MiB ({(last - first) / first * 100:+.1f} %); "
      f"over the second half (epoch {len(rows) // 2 + 1} to {len(rows)}): {last - middle:+.1f} MiB "
      f"({(last - middle) / middle * 100:+.1f} %) -> " + ("flat" if abs(last - middle) / middle < 0.05 else "GROWS"))
PY
