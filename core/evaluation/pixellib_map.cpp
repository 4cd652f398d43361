#include "core/evaluation/pixellib_map.h"

#include "core/evaluation/iou.h"
#include "core/common/parallel_for.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace polytrain::evaluation {
namespace {

// Indices in descending key order; equal keys in descending index order (numpy argsort(...)[::-1]).
template <typename Key> std::vector<size_t> descendingOrder(size_t n, Key key) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  std::reverse(order.begin(), order.end());
  return order;
}

double imageAp(const std::vector<const GroundTruthInstance*>& gts, const std::vector<const Detection*>& dets,
               bool masks, double threshold) {
  const std::vector<size_t> byScore = descendingOrder(dets.size(), [&](size_t i) { return dets[i]->score; });
  std::vector<double> overlaps(dets.size() * gts.size());
  std::vector<MaskRef> gtMasks;
  if (masks)
    for (const auto* g : gts)
      gtMasks.push_back(makeMaskRef(*g->mask));
  for (size_t p = 0; p < byScore.size(); ++p) {
    const Detection& d = *dets[byScore[p]];
    const MaskRef dm = masks ? makeMaskRef(*d.mask) : MaskRef{};
    for (size_t j = 0; j < gts.size(); ++j) {
      double iou = masks ? maskIou(dm, gtMasks[j], false) : boxIou(d.box, gts[j]->box, false);
      overlaps[p * gts.size() + j] = std::max(iou, 0.0);
    }
  }
  std::vector<bool> gtMatched(gts.size(), false), predMatched(byScore.size(), false);
  for (size_t p = 0; p < byScore.size(); ++p) {
    const double* row = overlaps.data() + p * gts.size();
    const std::vector<size_t> byIou = descendingOrder(gts.size(), [&](size_t j) { return row[j]; });
    for (const size_t j : byIou) {
      if (gtMatched[j])
        continue;
      if (row[j] < threshold)
        break;
      if (dets[byScore[p]]->categoryId == gts[j]->categoryId) {
        gtMatched[j] = true;
        predMatched[p] = true;
        break;
      }
    }
  }
  return matterportAp(predMatched, gts.size());
}

} // namespace

double matterportAp(const std::vector<bool>& predictionMatched, size_t groundTruths) {
  const size_t n = predictionMatched.size();
  std::vector<double> precision(n + 2, 0.0), recall(n + 2, 0.0);
  size_t matches = 0;
  for (size_t i = 0; i < n; ++i) {
    matches += predictionMatched[i] ? 1 : 0;
    precision[i + 1] = static_cast<double>(matches) / static_cast<double>(i + 1);
    recall[i + 1] = static_cast<double>(matches) / static_cast<double>(groundTruths);
  }
  recall[n + 1] = 1.0;
  for (size_t i = n + 1; i-- > 0;)
    precision[i] = std::max(precision[i], precision[i + 1]);
  double ap = 0;
  for (size_t i = 1; i < n + 2; ++i)
    if (recall[i] != recall[i - 1])
      ap += (recall[i] - recall[i - 1]) * precision[i];
  return ap;
}

PixelLibMap computePixelLibMap(const GroundTruthSet& groundTruth, const std::vector<Detection>& detections,
                               const PixelLibOptions& options) {
  PixelLibMap result;
  result.iouThreshold = options.iouThreshold;
  std::vector<int64_t> imageIds;
  for (const auto& image : groundTruth.images)
    imageIds.push_back(image.id);
  std::sort(imageIds.begin(), imageIds.end());
  imageIds.erase(std::unique(imageIds.begin(), imageIds.end()), imageIds.end());
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < imageIds.size(); ++i)
    index[imageIds[i]] = i;

  std::vector<std::vector<const GroundTruthInstance*>> gts(imageIds.size());
  std::vector<std::vector<const Detection*>> dets(imageIds.size());
  for (const auto& g : groundTruth.instances) {
    const auto it = index.find(g.imageId);
    if (it != index.end() && !g.iscrowd && !g.ignore)
      gts[it->second].push_back(&g);
  }
  for (const auto& d : detections) {
    const auto it = index.find(d.imageId);
    if (it != index.end() && d.score >= options.minScore)
      dets[it->second].push_back(&d);
  }
  const bool masks = options.useMasks && groundTruth.hasMasks() && allDetectionsHaveMasks(detections);
  result.iouType = masks ? IouType::Mask : IouType::Box;

  std::vector<double> aps(imageIds.size(), 0.0);
  parallelFor(imageIds.size(), options.threads, [&](size_t i) {
    if (!gts[i].empty())
      aps[i] = imageAp(gts[i], dets[i], masks, options.iouThreshold);
  });
  double sum = 0;
  for (size_t i = 0; i < imageIds.size(); ++i) {
    if (gts[i].empty()) {
      ++result.imagesWithoutGroundTruth;
      continue;
    }
    result.imageIds.push_back(imageIds[i]);
    result.imageAps.push_back(aps[i]);
    sum += aps[i];
  }
  result.map = result.imageAps.empty() ? 0.0 : sum / static_cast<double>(result.imageAps.size());
  return result;
}

} // namespace polytrain::evaluation
