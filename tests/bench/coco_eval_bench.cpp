// COCO evaluation speed: 500 images x 100 detections, boxes and masks (issue 8).
// pycocotools cannot be installed here, so there is no same-run reference implementation; the ratio printed is
// one thread against all threads of this machine, and the summary line is what a user would wait for.
#include "core/evaluation/coco_evaluator.h"
#include "core/evaluation/evaluation_report.h"
#include "core/evaluation/polygon_rle.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

using namespace polytrain::evaluation;

namespace {

constexpr int kImages = 500, kDetectionsPerImage = 100, kCategories = 5, kWidth = 640, kHeight = 480;

std::vector<double> jitteredPolygon(const BoxXywh& box, std::mt19937& random) {
  // An octagon inscribed in the box, corners jittered by up to 10 % of the size.
  std::uniform_real_distribution<double> jitter(-0.1, 0.1);
  const double cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  std::vector<double> xy;
  for (int i = 0; i < 8; ++i) {
    const double angle = i * 3.14159265358979 / 4;
    xy.push_back(cx + (0.5 + jitter(random)) * box.width * std::cos(angle));
    xy.push_back(cy + (0.5 + jitter(random)) * box.height * std::sin(angle));
  }
  return xy;
}

void makeData(GroundTruthSet& gt, std::vector<Detection>& dets) {
  std::mt19937 random(2024);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int c = 1; c <= kCategories; ++c)
    gt.categories.push_back({c, "class" + std::to_string(c)});
  int64_t nextId = 1;
  for (int image = 1; image <= kImages; ++image) {
    gt.images.push_back({image, kWidth, kHeight, ""});
    const int objects = 5 + static_cast<int>(random() % 16);
    std::vector<GroundTruthInstance> here;
    for (int o = 0; o < objects; ++o) {
      GroundTruthInstance g;
      g.id = nextId++;
      g.imageId = image;
      g.categoryId = 1 + static_cast<int>(random() % kCategories);
      const double w = 8 + unit(random) * 200, h = 8 + unit(random) * 200;
      g.box = {unit(random) * (kWidth - w), unit(random) * (kHeight - h), w, h};
      g.mask = polygonToRle(jitteredPolygon(g.box, random), kHeight, kWidth);
      g.area = static_cast<double>(rleArea(*g.mask));
      g.iscrowd = random() % 50 == 0;
      here.push_back(g);
    }
    for (int d = 0; d < kDetectionsPerImage; ++d) {
      Detection det;
      det.imageId = image;
      det.score = unit(random);
      if (d < 3 * objects) { // near an object, sometimes with the wrong class
        const GroundTruthInstance& g = here[static_cast<size_t>(d % objects)];
        const double s = 0.15 * std::min(g.box.width, g.box.height);
        det.categoryId = random() % 5 == 0 ? 1 + static_cast<int>(random() % kCategories) : g.categoryId;
        det.box = {g.box.x + (unit(random) - 0.5) * s, g.box.y + (unit(random) - 0.5) * s, g.box.width, g.box.height};
      } else {
        det.categoryId = 1 + static_cast<int>(random() % kCategories);
        const double w = 8 + unit(random) * 150, h = 8 + unit(random) * 150;
        det.box = {unit(random) * (kWidth - w), unit(random) * (kHeight - h), w, h};
      }
      det.mask = polygonToRle(jitteredPolygon(det.box, random), kHeight, kWidth);
      dets.push_back(std::move(det));
    }
    for (auto& g : here)
      gt.instances.push_back(std::move(g));
  }
}

double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main() {
  GroundTruthSet gt;
  std::vector<Detection> dets;
  auto start = std::chrono::steady_clock::now();
  makeData(gt, dets);
  std::printf("data: %d images, %zu ground truths, %zu detections with masks (%dx%d), generated in %.2f s\n", kImages,
              gt.instances.size(), dets.size(), kWidth, kHeight, seconds(start));
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  double box1 = 0, mask1 = 0;
  for (const int threads : {1, cores}) {
    CocoParams params = CocoParams::standard();
    params.threads = threads;
    const CocoEvaluator evaluator(gt, params);
    start = std::chrono::steady_clock::now();
    const CocoEvaluation box = evaluator.evaluate(dets, IouType::Box);
    const double boxSeconds = seconds(start);
    start = std::chrono::steady_clock::now();
    const CocoEvaluation mask = evaluator.evaluate(dets, IouType::Mask);
    const double maskSeconds = seconds(start);
    EvaluationOptions options;
    options.threads = threads;
    start = std::chrono::steady_clock::now();
    const EvaluationReport report = evaluateDetections(gt, dets, options);
    const double fullSeconds = seconds(start);
    if (threads == 1) {
      box1 = boxSeconds;
      mask1 = maskSeconds;
    }
    std::printf("threads %d: COCO bbox %.3f s (AP %.4f), COCO segm %.3f s (AP %.4f), full report (bbox + segm + "
                "PixelLib + curves + confusion) %.3f s (PixelLib mAP50 %.4f)\n",
                threads, boxSeconds, box.stats[0], maskSeconds, mask.stats[0], fullSeconds, report.pixellib.map);
    if (threads != 1)
      std::printf("speed-up 1 -> %d threads: bbox %.2fx, segm %.2fx\n", threads, box1 / boxSeconds,
                  mask1 / maskSeconds);
    if (cores == 1)
      break;
  }
  return 0;
}
