#include "core/evaluation/confusion_matrix.h"

#include "core/evaluation/csv_text.h"
#include "core/evaluation/iou.h"
#include "core/evaluation/polygon_rle.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace polytrain::evaluation {
namespace {

struct ImageObjects {
  int height = 0, width = 0;
  std::vector<const GroundTruthInstance*> gts, crowds;
  std::vector<const Detection*> dets;
};

} // namespace

ConfusionMatrix computeConfusionMatrix(const GroundTruthSet& groundTruth, const std::vector<Detection>& detections,
                                       const ConfusionOptions& options) {
  ConfusionMatrix matrix;
  for (const auto& c : groundTruth.categories)
    matrix.categoryIds.push_back(c.id);
  std::sort(matrix.categoryIds.begin(), matrix.categoryIds.end());
  matrix.categoryIds.erase(std::unique(matrix.categoryIds.begin(), matrix.categoryIds.end()), matrix.categoryIds.end());
  std::unordered_map<int64_t, size_t> classIndex;
  for (size_t k = 0; k < matrix.categoryIds.size(); ++k) {
    classIndex[matrix.categoryIds[k]] = k;
    const Category* category = groundTruth.category(matrix.categoryIds[k]);
    matrix.names.push_back(category ? category->name : std::to_string(matrix.categoryIds[k]));
  }
  const size_t K = matrix.categoryIds.size(), background = K;
  matrix.counts.assign((K + 1) * (K + 1), 0);

  std::unordered_map<int64_t, ImageObjects> images;
  for (const auto& image : groundTruth.images) {
    images[image.id].height = image.height;
    images[image.id].width = image.width;
  }
  for (const auto& g : groundTruth.instances) {
    const auto it = images.find(g.imageId);
    if (it == images.end() || !classIndex.count(g.categoryId))
      continue;
    if (g.iscrowd)
      it->second.crowds.push_back(&g);
    else if (!g.ignore)
      it->second.gts.push_back(&g);
  }
  for (const auto& d : detections) {
    const auto it = images.find(d.imageId);
    if (it != images.end() && classIndex.count(d.categoryId) && d.score >= options.minScore)
      it->second.dets.push_back(&d);
  }

  const bool masks = options.iouType == IouType::Mask;
  for (auto& [id, image] : images) {
    // Masks (rasterising boxes where a mask is missing) or boxes.
    std::vector<Rle> owned;
    owned.reserve(image.gts.size() + image.crowds.size() + image.dets.size());
    auto maskOf = [&](const std::optional<Rle>& mask, const BoxXywh& box) -> MaskRef {
      if (mask)
        return makeMaskRef(*mask);
      owned.push_back(boxToRle(box, image.height, image.width));
      return makeMaskRef(owned.back());
    };
    std::vector<MaskRef> gtMasks, crowdMasks, detMasks;
    if (masks) {
      for (const auto* g : image.gts)
        gtMasks.push_back(maskOf(g->mask, g->box));
      for (const auto* g : image.crowds)
        crowdMasks.push_back(maskOf(g->mask, g->box));
      for (const auto* d : image.dets)
        detMasks.push_back(maskOf(d->mask, d->box));
    }
    auto iou = [&](size_t d, size_t g, bool crowd) {
      if (masks)
        return maskIou(detMasks[d], crowd ? crowdMasks[g] : gtMasks[g], crowd);
      return boxIou(image.dets[d]->box, crowd ? image.crowds[g]->box : image.gts[g]->box, crowd);
    };
    std::vector<std::tuple<double, size_t, size_t>> pairs; // iou, detection, ground truth
    for (size_t d = 0; d < image.dets.size(); ++d)
      for (size_t g = 0; g < image.gts.size(); ++g) {
        const double value = iou(d, g, false);
        if (value >= options.iouThreshold)
          pairs.emplace_back(value, d, g);
      }
    std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& p, const auto& q) {
      if (std::get<0>(p) != std::get<0>(q))
        return std::get<0>(p) > std::get<0>(q);
      return image.dets[std::get<1>(p)]->score > image.dets[std::get<1>(q)]->score;
    });
    std::vector<bool> detUsed(image.dets.size(), false), gtUsed(image.gts.size(), false);
    for (const auto& [value, d, g] : pairs) {
      if (detUsed[d] || gtUsed[g])
        continue;
      detUsed[d] = gtUsed[g] = true;
      matrix.counts[classIndex[image.gts[g]->categoryId] * (K + 1) + classIndex[image.dets[d]->categoryId]]++;
    }
    for (size_t g = 0; g < image.gts.size(); ++g)
      if (!gtUsed[g])
        matrix.counts[classIndex[image.gts[g]->categoryId] * (K + 1) + background]++;
    for (size_t d = 0; d < image.dets.size(); ++d) {
      if (detUsed[d])
        continue;
      bool onCrowd = false;
      for (size_t c = 0; c < image.crowds.size() && !onCrowd; ++c)
        onCrowd = iou(d, c, true) >= options.iouThreshold;
      if (!onCrowd)
        matrix.counts[background * (K + 1) + classIndex[image.dets[d]->categoryId]]++;
    }
  }
  return matrix;
}

std::string confusionMatrixCsv(const ConfusionMatrix& matrix) {
  std::vector<std::string> labels = matrix.names;
  labels.push_back("background");
  std::string csv = "ground_truth\\predicted";
  for (const auto& label : labels)
    csv += "," + csvField(label);
  csv += "\n";
  for (size_t row = 0; row < matrix.size(); ++row) {
    csv += csvField(labels[row]);
    for (size_t col = 0; col < matrix.size(); ++col)
      csv += "," + std::to_string(matrix.at(row, col));
    csv += "\n";
  }
  return csv;
}

} // namespace polytrain::evaluation
