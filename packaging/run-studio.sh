#!/usr/bin/env bash
# Sets up everything on a fresh Debian bookworm machine, builds PolyTrain Studio and runs it on the demo project.
# With a display the studio opens on the demo dataset; without one it runs the headless demo pipeline
# (generate the dataset, train the quick CPU preset, predict the test images, evaluate) and says where the outputs are.
# Usage: bash packaging/run-studio.sh [studio options...]      POLYTRAIN_DEMO_DIR chooses where the demo goes.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release -j "${POLYTRAIN_JOBS:-$(nproc)}"

bin=$PWD/build/release/app
demo=${POLYTRAIN_DEMO_DIR:-$HOME/PolyTrain/demo}
if [ ! -f "$demo/shapes/labels.txt" ]; then
  "$bin/polytrain-cli" dataset make-demo --out "$demo/shapes" --images 160 --seed 1 --size 256 --test-ratio 0.2
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin/polytrain" --open "$demo/shapes/train" "$@"
fi

echo "run-studio: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the studio window cannot open;"
echo "run-studio: running the headless demo pipeline instead (to see the studio: xvfb-run -a $bin/polytrain)."
"$bin/polytrain-cli" train --data "$demo/shapes" --preset cpu-quick --epochs "${POLYTRAIN_DEMO_EPOCHS:-3}" \
  --out "$demo/runs" --name demo
run=$(ls -dt "$demo"/runs/demo* | head -n 1)
"$bin/polytrain-cli" dataset visualize "$demo/shapes" --out "$demo/visualized" --limit 12 >/dev/null
# The trained model on the test images (annotated pictures + COCO results) and scored on the test split.
"$bin/polytrain-cli" infer image "$demo/shapes/test" --weights "$run" --threshold 0.5 --out "$demo/predictions" \
  --json "$demo/predictions/detections.json" | tail -n 3
"$bin/polytrain-cli" eval --data "$demo/shapes" --weights "$run/weights/last.pt" --json "$demo/metrics.json" \
  --out "$demo/evaluation" | grep -E "PixelLib|Evaluation took|IoU=0.50 "
echo
echo "run-studio: demo dataset:      $demo/shapes (Labelme files; $demo/visualized shows its masks and boxes)"
echo "run-studio: training run:      $run (config.json, results.csv with losses and mAP, iterations.csv, weights/,"
echo "run-studio:                    plots/ with loss, mAP, PR and confusion charts, predictions/ on test images)"
echo "run-studio: detections:        $demo/predictions (test images drawn with the model's masks, boxes and scores)"
echo "run-studio: evaluation:        $demo/metrics.json and $demo/evaluation (COCO AP, PixelLib mAP@0.5, per class)"
echo "run-studio: open it in the studio on a desktop: $bin/polytrain --mode train"
