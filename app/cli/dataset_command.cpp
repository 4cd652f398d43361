// `polytrain-cli dataset convert|stats|visualize|make-demo`: argument parsing and printing; the work is in
// core/dataset.
#include "app/cli/commands.h"
#include "core/dataset/coco_export.h"
#include "core/dataset/dataset.h"
#include "core/dataset/dataset_stats.h"
#include "core/dataset/demo_data.h"
#include "core/dataset/training_sample.h"
#include "core/dataset/visualization.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace polytrain::cli {
namespace {
namespace fs = std::filesystem;

struct DatasetArgs {
  std::string root;
  std::string labels;
  std::string out;
  bool strict = false;
  double testRatio = 0.2;
  uint64_t seed = 0;
  int images = 100;
  int size = 256;
  int limit = 0;
  std::string split = "all";
};

void printErrors(const char* kind, const std::vector<Error>& errors, size_t shown = 20) {
  for (size_t i = 0; i < errors.size() && i < shown; ++i)
    std::cerr << kind << ": " << errors[i].message() << "\n";
  if (errors.size() > shown)
    std::cerr << kind << ": ... and " << errors.size() - shown << " more\n";
}

dataset::Dataset open(const DatasetArgs& args, const GlobalOptions& global) {
  dataset::OpenOptions options;
  options.labelsFile = args.labels;
  options.testRatio = args.testRatio;
  options.seed = args.seed;
  options.threads = global.threads;
  return dataset::openDataset(args.root, options);
}

int runConvert(const DatasetArgs& args, const GlobalOptions& global) {
  const dataset::Dataset data = open(args, global);
  printErrors("problem", data.problems);
  if (data.classes.empty()) {
    std::cerr << "dataset convert: no classes (no labels in the data and no labels.txt)\n";
    return 1;
  }
  const dataset::CocoWriteResult written = dataset::writeCocoSplits(data, args.out, global.threads);
  printErrors("error", written.errors);
  size_t problems = data.problems.size() + written.errors.size();
  size_t warnings = data.warnings.size();
  for (const dataset::CocoExport* part : {&written.train, &written.test}) {
    printErrors("problem", part->problems);
    printErrors("warning", part->warnings, 10);
    problems += part->problems.size();
    warnings += part->warnings.size();
  }
  for (const std::string& path : written.written)
    std::cout << "wrote " << path << "\n";
  std::cout << "train: " << written.train.images << " images, " << written.train.annotations << " instances\n"
            << "test:  " << written.test.images << " images, " << written.test.annotations << " instances\n"
            << "classes: " << data.classes.objectCount() << ", unlabelled images: " << data.unlabelledImages.size()
            << ", dropped instances: " << written.train.droppedInstances + written.test.droppedInstances
            << ", problems: " << problems << ", warnings: " << warnings << "\n";
  if (!written.errors.empty())
    return 1;
  return args.strict && problems > 0 ? 2 : 0;
}

int runStats(const DatasetArgs& args, const GlobalOptions& global) {
  const dataset::Dataset data = open(args, global);
  printErrors("problem", data.problems);
  std::cout << dataset::formatStats(dataset::computeStats(data));
  return args.strict && !data.problems.empty() ? 2 : 0;
}

int runVisualize(const DatasetArgs& args, const GlobalOptions& global) {
  const dataset::Dataset data = open(args, global);
  printErrors("problem", data.problems);
  std::error_code error;
  fs::create_directories(args.out, error);
  if (error) {
    std::cerr << "dataset visualize: cannot create " << args.out << ": " << error.message() << "\n";
    return 1;
  }
  int written = 0;
  int failed = 0;
  for (const dataset::Split split : {dataset::Split::Train, dataset::Split::Test}) {
    if (args.split != "all" && args.split != dataset::splitName(split))
      continue;
    for (const dataset::DatasetItem& item : data.items(split)) {
      if (args.limit > 0 && written >= args.limit)
        break;
      const dataset::SampleResult sample = dataset::loadSample(item, data.classes);
      if (!sample.sample) {
        printErrors("problem", sample.errors);
        ++failed;
        continue;
      }
      dataset::VisualizeOptions options;
      options.seed = args.seed;
      const cv::Mat picture = dataset::renderSample(*sample.sample, data.classes, options);
      std::string name = item.key;
      for (char& c : name)
        c = c == '/' ? '_' : c;
      const fs::path target = fs::path(args.out) / (std::string(dataset::splitName(split)) + "_" + name + ".png");
      if (!cv::imwrite(target.string(), picture)) {
        std::cerr << "error: cannot write " << target.string() << "\n";
        ++failed;
        continue;
      }
      ++written;
    }
  }
  std::cout << "wrote " << written << " PNG file(s) to " << args.out << (failed ? ", " : "")
            << (failed ? std::to_string(failed) + " failed" : "") << "\n";
  return failed > 0 && args.strict ? 2 : 0;
}

int runMakeDemo(const DatasetArgs& args, const GlobalOptions& global) {
  dataset::DemoOptions options;
  options.images = args.images;
  options.seed = args.seed;
  options.width = args.size;
  options.height = args.size;
  options.testRatio = args.testRatio;
  options.threads = global.threads;
  const dataset::DemoResult result = dataset::makeDemoDataset(args.out, options);
  printErrors("error", result.errors);
  std::cout << "wrote " << result.trainImages << " train and " << result.testImages << " test images with "
            << result.instances << " shapes to " << args.out << "\n";
  return result.errors.empty() ? 0 : 1;
}

} // namespace

void registerDatasetCommand(CLI::App& app, const GlobalOptions& global, PendingCommand& pending) {
  auto* group = app.add_subcommand("dataset", "Labelme datasets: COCO conversion, statistics, pictures, demo data");
  group->require_subcommand(1);
  auto args = std::make_shared<DatasetArgs>();
  const auto common = [&](CLI::App* command) {
    command->add_option("ROOT", args->root, "dataset folder (train/ + test/, or one folder) or a COCO file")
        ->required();
    command->add_option("--labels", args->labels, "labels.txt (Labelme's format: __ignore__, _background_, ...)");
    command->add_option("--test-ratio", args->testRatio, "single-folder layout: share drawn for test")
        ->check(CLI::Range(0.0, 1.0));
    command->add_option("--seed", args->seed, "single-folder layout: seed of the stratified split");
    command->add_flag("--strict", args->strict, "exit with an error when any file had a problem");
  };

  auto* convert = group->add_subcommand("convert", "write COCO train.json and test.json (into ROOT by default)");
  common(convert);
  convert->add_option("--out", args->out, "folder for train.json and test.json");
  convert->callback([&pending, &global, args] { pending = [&global, args] { return runConvert(*args, global); }; });

  auto* stats = group->add_subcommand("stats", "images, instances per class per split, unlabelled images, problems");
  common(stats);
  stats->callback([&pending, &global, args] { pending = [&global, args] { return runStats(*args, global); }; });

  auto* visualize = group->add_subcommand("visualize", "draw masks, boxes and labels of every sample into PNGs");
  common(visualize);
  visualize->add_option("--out", args->out, "folder for the PNG files")->required();
  visualize->add_option("--split", args->split, "train, test or all")->check(CLI::IsMember({"train", "test", "all"}));
  visualize->add_option("--limit", args->limit, "at most this many pictures (0 = all)");
  visualize->callback([&pending, &global, args] { pending = [&global, args] { return runVisualize(*args, global); }; });

  auto* demo = group->add_subcommand("make-demo", "write a Labelme dataset of coloured shapes (train/ and test/)");
  demo->add_option("--out", args->out, "folder to write")->required();
  demo->add_option("--images", args->images, "number of images")->check(CLI::PositiveNumber);
  demo->add_option("--seed", args->seed, "the same seed gives the same files");
  demo->add_option("--size", args->size, "image width and height in pixels")->check(CLI::Range(32, 4096));
  demo->add_option("--test-ratio", args->testRatio, "share of images written to test/")->check(CLI::Range(0.0, 1.0));
  demo->callback([&pending, &global, args] { pending = [&global, args] { return runMakeDemo(*args, global); }; });
}

} // namespace polytrain::cli
