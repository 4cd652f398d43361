// `polytrain-cli eval --gt GT.json --detections DETS.json`: scores a COCO results file against COCO ground truth.
// `polytrain-cli eval --data DIR --weights FILE|DIR`: scores a checkpoint (or each checkpoint of a folder, as
// PixelLib's evaluate_model does) on the dataset's test split.
#include "app/cli/class_names_option.h"
#include "app/cli/commands.h"
#include "core/common/atomic_file.h"
#include "core/evaluation/coco_json.h"
#include "core/evaluation/evaluation_report.h"
#include "core/inference/checkpoint_evaluation.h"

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
  // checkpoint evaluation
  std::string data;
  std::string weights;
  std::string model;
  std::string classes;
  double threshold = 0.05;
  int inputSize = 0;
  std::string device = "cpu";
  bool trainSplit = false;
};

int writeReportFiles(const EvalArguments& args, const evaluation::EvaluationReport& report) {
  using namespace polytrain::evaluation;
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
  return 0;
}

int runCheckpointEval(const EvalArguments& args, const GlobalOptions& global) {
  const auto start = std::chrono::steady_clock::now();
  inference::CheckpointEvaluationOptions options;
  options.dataRoot = args.data;
  options.weights = args.weights;
  options.trainSplit = args.trainSplit;
  options.predictor.modelName = args.model;
  options.predictor.classNames = parseClassNames(args.classes);
  options.predictor.scoreThreshold = args.threshold;
  options.predictor.device = args.device;
  options.predictor.inputSize = args.inputSize;
  options.evaluation.iouThreshold = args.iou;
  options.evaluation.confusionMinScore = args.confusionMinScore;
  options.evaluation.threads = global.threads;
  auto scored =
      inference::evaluateCheckpoints(options, [](const inference::CheckpointScore& score, size_t done, size_t total) {
        std::printf("[%zu/%zu] %s: box mAP50 %.4f", done, total, score.weightsPath.c_str(), score.report.box.stats[1]);
        if (score.report.mask)
          std::printf(", mask mAP50 %.4f", score.report.mask->stats[1]);
        std::printf(" (%.1f s)\n", score.seconds);
        std::fflush(stdout);
      });
  if (auto* error = std::get_if<Error>(&scored)) {
    std::cerr << "eval: " << error->message() << "\n";
    return 1;
  }
  auto& scores = std::get<std::vector<inference::CheckpointScore>>(scored);
  const auto best = std::max_element(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return inference::rankingScore(a) < inference::rankingScore(b);
  });
  std::cout << "Loaded " << best->report.images << " images, " << best->report.groundTruths << " ground truths\n";
  if (scores.size() > 1)
    std::cout << "\n" << inference::checkpointTable(scores) << "\nBest: " << best->weightsPath << "\n\n";
  std::cout << evaluation::reportText(best->report);
  if (best->unmatchedClassDetections > 0)
    std::cout << best->unmatchedClassDetections << " detections of classes the dataset lacks were left out\n";
  const int written = writeReportFiles(args, best->report);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("Evaluation took %.1f s\n", seconds);
  return written;
}

int runEval(const EvalArguments& args, const GlobalOptions& global) {
  using namespace polytrain::evaluation;
  if (!args.weights.empty())
    return runCheckpointEval(args, global);
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
  if (const int written = writeReportFiles(args, report); written != 0)
    return written;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("Evaluation took %.2f s on %d threads\n", seconds, report.box.threads);
  return 0;
}

} // namespace

void registerEvalCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending) {
  auto* eval = app.add_subcommand("eval", "score detections against ground truth: COCO AP for boxes and masks, "
                                          "PixelLib mAP@0.5, per-class AP, curves, confusion matrix");
  auto args = std::make_shared<EvalArguments>();
  auto* gt = eval->add_option("--gt", args->groundTruth, "COCO ground-truth JSON (images, annotations, categories)")
                 ->check(CLI::ExistingFile);
  auto* detections = eval->add_option("--detections", args->detections, "COCO results JSON (a list of detections)")
                         ->check(CLI::ExistingFile);
  auto* data = eval->add_option("--data", args->data, "dataset root whose test split the checkpoints predict");
  auto* weights = eval->add_option(
      "--weights", args->weights, "a checkpoint, a run folder, or a folder of checkpoints (each scored, sorted table)");
  gt->needs(detections);
  detections->needs(gt);
  data->needs(weights);
  weights->needs(data);
  gt->excludes(data);
  eval->add_option("--model", args->model, "model name, for torchvision .pth files");
  eval->add_option("--classes", args->classes,
                   "the model's class names in label order, comma-separated or a classes.txt (torchvision .pth "
                   "files; matched to the dataset's classes by name)");
  eval->add_option("--threshold", args->threshold, "minimum detection score kept for scoring")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  eval->add_option("--input-size", args->inputSize, "shorter image side the model sees (default: as trained)")
      ->check(CLI::NonNegativeNumber);
  eval->add_option("--device", args->device, "cpu, cuda or cuda:N")->capture_default_str();
  eval->add_flag("--train-split", args->trainSplit, "score the train split instead of test");

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
  eval->callback([&pending, &global, args] {
    if (args->groundTruth.empty() && args->weights.empty())
      throw CLI::RequiredError("--gt with --detections, or --data with --weights");
    pending = [args, &global] { return runEval(*args, global); };
  });
}

} // namespace polytrain::cli
