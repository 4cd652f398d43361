#include "core/evaluation/evaluation_report.h"

#include "core/common/atomic_file.h"
#include "core/evaluation/coco_summary.h"
#include "core/evaluation/csv_text.h"
#include "core/evaluation/plots.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

namespace polytrain::evaluation {
namespace {

using nlohmann::ordered_json;

const char* const kStatNames[12] = {"AP",  "AP50", "AP75",  "APs", "APm", "APl",
                                    "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"};

ordered_json apValue(double value) {
  return value < 0 ? ordered_json(nullptr) : ordered_json(value);
}

ordered_json cocoJson(const CocoEvaluation& e) {
  ordered_json out;
  ordered_json stats;
  for (size_t i = 0; i < 12; ++i)
    stats[kStatNames[i]] = e.stats[i];
  out["stats"] = stats;
  out["stats_list"] = e.stats;
  ordered_json perClass = ordered_json::array();
  for (const ClassAp& c : e.perClass) {
    ordered_json row;
    row["category_id"] = c.categoryId;
    row["name"] = c.name;
    row["ap"] = apValue(c.ap);
    row["ap50"] = apValue(c.ap50);
    row["ap75"] = apValue(c.ap75);
    row["ar100"] = apValue(c.ar100);
    row["ground_truths"] = c.groundTruths;
    row["detections"] = c.detections;
    perClass.push_back(row);
  }
  out["per_class"] = perClass;
  return out;
}

std::string apText(double value) {
  if (value < 0)
    return "-";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

std::string csvAp(double value) {
  return value < 0 ? std::string() : csvNumber(value);
}

std::optional<Error> writePng(const std::string& path, const cv::Mat& image) {
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", image, bytes))
    return Error{path, "", "PNG encoding failed"};
  return writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

} // namespace

EvaluationReport evaluateDetections(const GroundTruthSet& groundTruth, const std::vector<Detection>& detections,
                                    const EvaluationOptions& options) {
  EvaluationReport report;
  report.options = options;
  report.images = groundTruth.images.size();
  report.groundTruths = groundTruth.instances.size();
  report.detections = detections.size();
  CocoParams params = CocoParams::standard();
  params.threads = options.threads;
  const CocoEvaluator evaluator(groundTruth, params);
  report.box = evaluator.evaluate(detections, IouType::Box);
  const bool masks =
      groundTruth.hasMasks() && (detections.empty() ? options.fromMaskModel : allDetectionsHaveMasks(detections));
  if (masks)
    report.mask = evaluator.evaluate(detections, IouType::Mask);
  report.curveType = masks ? IouType::Mask : IouType::Box;

  PixelLibOptions pixellib;
  pixellib.iouThreshold = options.iouThreshold;
  pixellib.threads = options.threads;
  report.pixellib = computePixelLibMap(groundTruth, detections, pixellib);
  report.curves = computeCurves(evaluator, groundTruth, detections, report.curveType, options.iouThreshold);
  ConfusionOptions confusion;
  confusion.iouThreshold = options.iouThreshold;
  confusion.minScore = options.confusionMinScore;
  confusion.iouType = report.curveType;
  report.confusion = computeConfusionMatrix(groundTruth, detections, confusion);
  return report;
}

std::string metricsJson(const EvaluationReport& report) {
  ordered_json out;
  out["images"] = report.images;
  out["ground_truths"] = report.groundTruths;
  out["detections"] = report.detections;
  out["iou_threshold"] = report.options.iouThreshold;
  out["bbox"] = cocoJson(report.box);
  if (report.mask)
    out["segm"] = cocoJson(*report.mask);
  ordered_json pixellib;
  pixellib["map50"] = report.pixellib.map;
  pixellib["iou_type"] = iouTypeName(report.pixellib.iouType);
  pixellib["iou_threshold"] = report.pixellib.iouThreshold;
  pixellib["images_scored"] = report.pixellib.imageIds.size();
  pixellib["images_without_ground_truth"] = report.pixellib.imagesWithoutGroundTruth;
  pixellib["procedure"] = "Matterport utils.compute_ap per image (VOC all-point interpolation, label-matched), "
                          "mean over images";
  out["pixellib_map50"] = report.pixellib.map;
  out["pixellib"] = pixellib;
  ordered_json best = ordered_json::array();
  for (const ClassCurves& c : report.curves.classes) {
    ordered_json row;
    row["category_id"] = c.categoryId;
    row["name"] = c.name;
    row["best_f1"] = c.bestF1;
    row["confidence"] = c.bestF1Confidence;
    best.push_back(row);
  }
  out["best_f1"] = best;
  out["threads"] = report.box.threads;
  return out.dump(2) + "\n";
}

std::string perClassApCsv(const EvaluationReport& report) {
  std::string csv = "category_id,name,ground_truths,detections,box_ap,box_ap50,box_ap75,mask_ap,mask_ap50,mask_ap75\n";
  for (size_t k = 0; k < report.box.perClass.size(); ++k) {
    const ClassAp& b = report.box.perClass[k];
    csv += std::to_string(b.categoryId) + "," + csvField(b.name) + "," + std::to_string(b.groundTruths) + "," +
           std::to_string(b.detections) + "," + csvAp(b.ap) + "," + csvAp(b.ap50) + "," + csvAp(b.ap75);
    if (report.mask) {
      const ClassAp& m = report.mask->perClass[k];
      csv += "," + csvAp(m.ap) + "," + csvAp(m.ap50) + "," + csvAp(m.ap75) + "\n";
    } else {
      csv += ",,,\n";
    }
  }
  return csv;
}

std::string perClassApTable(const EvaluationReport& report) {
  size_t width = 8;
  for (const ClassAp& c : report.box.perClass)
    width = std::max(width, c.name.size());
  char line[512];
  std::string text;
  std::snprintf(line, sizeof line, "%-*s %7s %7s %7s %7s %7s", static_cast<int>(width), "class", "gt", "dets", "box AP",
                "AP50", "AP75");
  text += line;
  if (report.mask) {
    std::snprintf(line, sizeof line, " %8s %7s %7s", "mask AP", "AP50", "AP75");
    text += line;
  }
  text += "\n";
  for (size_t k = 0; k < report.box.perClass.size(); ++k) {
    const ClassAp& b = report.box.perClass[k];
    std::snprintf(line, sizeof line, "%-*s %7zu %7zu %7s %7s %7s", static_cast<int>(width), b.name.c_str(),
                  b.groundTruths, b.detections, apText(b.ap).c_str(), apText(b.ap50).c_str(), apText(b.ap75).c_str());
    text += line;
    if (report.mask) {
      const ClassAp& m = report.mask->perClass[k];
      std::snprintf(line, sizeof line, " %8s %7s %7s", apText(m.ap).c_str(), apText(m.ap50).c_str(),
                    apText(m.ap75).c_str());
      text += line;
    }
    text += "\n";
  }
  return text;
}

std::string reportText(const EvaluationReport& report) {
  std::string text;
  text += "IoU type: bbox\n" + formatCocoSummary(report.box);
  if (report.mask)
    text += "IoU type: segm\n" + formatCocoSummary(*report.mask);
  char line[256];
  std::snprintf(line, sizeof line,
                "PixelLib mAP@%.2f (Matterport compute_ap, %s, mean over %zu images with ground truth) = %.4f\n",
                report.pixellib.iouThreshold, report.pixellib.iouType == IouType::Mask ? "masks" : "boxes",
                report.pixellib.imageIds.size(), report.pixellib.map);
  text += line;
  text += "Per-class AP (COCO, area all, maxDets 100):\n" + perClassApTable(report);
  return text;
}

std::optional<Error> writeEvaluationFolder(const std::string& folder, const EvaluationReport& report) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec)
    return Error{folder, "", "cannot create folder: " + ec.message()};
  const std::filesystem::path dir(folder);
  std::string summary = "IoU type: bbox\n" + formatCocoSummary(report.box);
  if (report.mask)
    summary += "IoU type: segm\n" + formatCocoSummary(*report.mask);
  const std::pair<const char*, std::string> texts[] = {
      {"metrics.json", metricsJson(report)},       {"coco_summary.txt", summary},
      {"per_class_ap.csv", perClassApCsv(report)}, {"pr_curve.csv", prCurveCsv(report.curves)},
      {"f1_curve.csv", f1CurveCsv(report.curves)}, {"confusion_matrix.csv", confusionMatrixCsv(report.confusion)}};
  for (const auto& [name, bytes] : texts)
    if (auto error = writeFileAtomically((dir / name).string(), bytes))
      return error;

  const char* type = report.curveType == IouType::Mask ? "mask" : "box";
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, " (%s IoU %.2f)", type, report.curves.iouThreshold);
  std::vector<PlotSeries> pr, f1;
  for (const ClassCurves& c : report.curves.classes) {
    if (c.groundTruths == 0)
      continue;
    const bool mean = c.categoryId == -1;
    pr.push_back({c.name, c.recallLevels, c.precisionAtRecall, mean});
    f1.push_back({c.name, c.confidences, c.f1, mean});
  }
  if (auto error = writePng((dir / "pr_curve.png").string(),
                            drawLineChart(std::string("precision-recall") + suffix, "recall", "precision", pr)))
    return error;
  if (auto error =
          writePng((dir / "f1_curve.png").string(), drawLineChart(std::string("F1") + suffix, "confidence", "F1", f1)))
    return error;
  return writePng((dir / "confusion_matrix.png").string(), drawConfusionMatrix(report.confusion));
}

} // namespace polytrain::evaluation
