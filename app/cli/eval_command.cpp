// `polytrain-cli eval --gt GT.json --detections DETS.json`: scores a COCO results file against COCO ground truth.
#include "app/cli/commands.h"
#include "core/common/atomic_file.h"
#include "core/evaluation/coco_json.h"
#include "core/evaluation/evaluation_report.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace polytrain::cli {
namespace {

struct EvalArguments {
  std::string groundTruth;
  std::string detections;
  double iou = 0.5;
  double confusionMinScore = 0.25;
  std::string json;
  std::string out;
};

int runEval(const EvalArguments& args, const GlobalOptions& global) {
  using namespace polytrain::evaluation;
  const auto start = std::chrono::steady_clock::now();
  GroundTruthSet groundTruth;
  if (auto error = readCocoGroundTruth(args.groundTruth, groundTruth)) {
    std::cerr << "eval: " << error->message() << "\n";
    return 1;
  }
  std::vector<Detection> detections;
  if (auto error = readCocoResults(args.detections, groundTruth, detections)) {
    std::cerr << "eval: " << error->message() << "\n";
    return 1;
  }
  EvaluationOptions options;
  options.iouThreshold = args.iou;
  options.confusionMinScore = args.confusionMinScore;
  options.threads = global.threads;
  const EvaluationReport report = evaluateDetections(groundTruth, detections, options);
  std::cout << "Loaded " << report.images << " images, " << report.groundTruths << " ground truths, "
            << report.detections << " detections\n";
  std::cout << reportText(report);
  if (!args.json.empty()) {
    if (auto error = writeFileAtomically(args.json, metricsJson(report))) {
      std::cerr << "eval: " << error->message() << "\n";
      return 1;
    }
    std::cout << "Metrics written to " << args.json << "\n";
  }
  if (!args.out.empty()) {
    if (auto error = writeEvaluationFolder(args.out, report)) {
      std::cerr << "eval: " << error->message() << "\n";
      return 1;
    }
    std::cout << "Tables, curves and confusion matrix written to " << args.out << "\n";
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("Evaluation took %.2f s on %d threads\n", seconds, report.box.threads);
  return 0;
}

} // namespace

void registerEvalCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending) {
  auto* eval = app.add_subcommand("eval", "score detections against ground truth: COCO AP for boxes and masks, "
                                          "PixelLib mAP@0.5, per-class AP, curves, confusion matrix");
  auto args = std::make_shared<EvalArguments>();
  eval->add_option("--gt", args->groundTruth, "COCO ground-truth JSON (images, annotations, categories)")
      ->required()
      ->check(CLI::ExistingFile);
  eval->add_option("--detections", args->detections, "COCO results JSON (a list of detections)")
      ->required()
      ->check(CLI::ExistingFile);
  eval->add_option("--iou", args->iou, "IoU threshold of the PixelLib mAP, the curves and the confusion matrix")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  eval->add_option("--confusion-min-score", args->confusionMinScore,
                   "detections below this score stay out of the confusion matrix")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  eval->add_option("--json", args->json,
                   "write the metrics (12 COCO numbers per IoU type, PixelLib mAP, per-class AP)");
  eval->add_option("--out", args->out,
                   "folder for per_class_ap.csv, pr_curve/f1_curve/confusion_matrix .csv and .png, metrics.json");
  eval->callback([&pending, &global, args] { pending = [args, &global] { return runEval(*args, global); }; });
}

} // namespace polytrain::cli
