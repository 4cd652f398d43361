#pragma once
// COCO files for evaluation: ground truth (instances JSON) in, detections (COCO results JSON) in and out.
//
// Ground truth: images, categories and annotations as COCO writes them. Segmentations may be polygons (rasterised
// with polygonsToRle at the image's size), uncompressed RLE (counts as a list) or compressed RLE (counts as a string).
// Like pycocotools, a polygon list whose first entry has exactly 4 numbers is read as boxes. `area` is used as
// given; when it is missing, the mask area (or the box area without segmentation) is used. `iscrowd` and `ignore`
// are honoured. Annotations of unknown images or categories are errors.
//
// Results: a JSON array of {image_id, category_id, score, bbox?, segmentation?}. Like pycocotools' loadRes: a
// result with a bbox gets area = w * h; a result with only a segmentation gets the mask area and the mask's box.
// Results on images that are not in the ground truth are errors (pycocotools asserts); unknown categories are kept
// and left out by the evaluator.
#include "core/common/error.h"
#include "core/evaluation/eval_types.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::evaluation {

std::optional<Error> readCocoGroundTruth(const std::string& path, GroundTruthSet& groundTruth);
std::optional<Error> parseCocoGroundTruth(const std::string& text, const std::string& path,
                                          GroundTruthSet& groundTruth);

std::optional<Error> readCocoResults(const std::string& path, const GroundTruthSet& groundTruth,
                                     std::vector<Detection>& detections);
std::optional<Error> parseCocoResults(const std::string& text, const std::string& path,
                                      const GroundTruthSet& groundTruth, std::vector<Detection>& detections);

// COCO results JSON (masks as compressed RLE). Reading it back gives the same boxes, scores and masks (and, as in
// pycocotools, area = box area).
std::string cocoResultsJson(const std::vector<Detection>& detections);
std::optional<Error> writeCocoResults(const std::string& path, const std::vector<Detection>& detections);

} // namespace polytrain::evaluation
