#include "core/inference/checkpoint_evaluation.h"

#include "core/dataset/dataset.h"
#include "core/dataset/natural_sort.h"
#include "core/dataset/training_sample.h"
#include "core/inference/coco_results.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

namespace polytrain::inference {
namespace {

namespace fs = std::filesystem;

struct TestSet {
  evaluation::GroundTruthSet truth;
  std::vector<cv::Mat> images; // images[i] is image id i + 1
};

evaluation::BoxXywh xywhOf(const dataset::Box& box) {
  return {box.x1, box.y1, std::max(0.0, static_cast<double>(box.x2 - box.x1)),
          std::max(0.0, static_cast<double>(box.y2 - box.y1))};
}

std::variant<TestSet, Error> loadTestSet(const CheckpointEvaluationOptions& options) {
  dataset::OpenOptions openOptions;
  openOptions.saveFiles = false;
  const dataset::Dataset data = dataset::openDataset(options.dataRoot, openOptions);
  const auto& items = options.trainSplit ? data.train : data.test;
  if (data.classes.empty())
    return Error{options.dataRoot, "", "the dataset has no object classes"};
  if (items.empty())
    return Error{options.dataRoot, "",
                 std::string("the ") + (options.trainSplit ? "train" : "test") + " split has no annotated images"};
  TestSet set;
  for (size_t id = 1; id < data.classes.names.size(); ++id)
    set.truth.categories.push_back({static_cast<int64_t>(id), data.classes.names[id]});
  int64_t instanceId = 0;
  for (const dataset::DatasetItem& item : items) {
    dataset::SampleResult loaded = dataset::loadSample(item, data.classes);
    if (!loaded.sample)
      continue;
    const dataset::TrainingSample& sample = *loaded.sample;
    const auto imageId = static_cast<int64_t>(set.images.size()) + 1;
    set.truth.images.push_back({imageId, sample.image.cols, sample.image.rows, item.key});
    for (size_t index = 0; index < sample.boxes.size(); ++index) {
      evaluation::GroundTruthInstance instance;
      instance.id = ++instanceId;
      instance.imageId = imageId;
      instance.categoryId = sample.labels[index];
      instance.box = xywhOf(sample.boxes[index]);
      instance.mask = evaluation::encodeMask(sample.masks[index]);
      instance.area = static_cast<double>(evaluation::rleArea(*instance.mask));
      set.truth.instances.push_back(std::move(instance));
    }
    set.images.push_back(sample.image);
  }
  if (set.images.empty())
    return Error{options.dataRoot, "", "no image of the split could be loaded"};
  return set;
}

std::variant<CheckpointScore, Error> scoreCheckpoint(const std::string& path, const TestSet& set,
                                                     const CheckpointEvaluationOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  PredictorOptions predictorOptions = options.predictor;
  predictorOptions.weightsPath = path;
  auto loaded = Predictor::load(predictorOptions);
  if (auto* error = std::get_if<Error>(&loaded))
    return *error;
  Predictor& predictor = *std::get<std::unique_ptr<Predictor>>(loaded);
  // The model's labels -> the dataset's category ids, by class name.
  std::map<int, int64_t> categoryOfLabel;
  for (size_t label = 1; label <= predictor.classNames().size(); ++label)
    for (const evaluation::Category& category : set.truth.categories)
      if (category.name == predictor.classNames()[label - 1])
        categoryOfLabel[static_cast<int>(label)] = category.id;
  if (categoryOfLabel.empty())
    return Error{path, "", "none of the model's classes is a class of the dataset " + options.dataRoot};

  CheckpointScore score;
  score.weightsPath = path;
  std::vector<evaluation::Detection> detections;
  for (size_t index = 0; index < set.images.size(); ++index) {
    const Prediction prediction = predictor.predict(set.images[index]);
    for (evaluation::Detection detection : toEvaluationDetections(prediction, static_cast<int64_t>(index) + 1)) {
      const auto category = categoryOfLabel.find(static_cast<int>(detection.categoryId));
      if (category == categoryOfLabel.end()) {
        ++score.unmatchedClassDetections;
        continue;
      }
      detection.categoryId = category->second;
      detections.push_back(std::move(detection));
    }
  }
  evaluation::EvaluationOptions evaluation = options.evaluation;
  evaluation.fromMaskModel = predictor.predictsMasks();
  score.report = evaluation::evaluateDetections(set.truth, detections, evaluation);
  score.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return score;
}

} // namespace

std::vector<std::string> checkpointFiles(const std::string& path) {
  std::error_code error;
  if (!fs::is_directory(path, error))
    return {path};
  std::vector<std::string> files;
  for (const fs::path& folder : {fs::path(path), fs::path(path) / "weights"}) {
    if (!fs::is_directory(folder, error))
      continue;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file(error) && (extension == ".pt" || extension == ".pth"))
        files.push_back(entry.path().string());
    }
  }
  dataset::naturalSort(files);
  return files;
}

std::variant<std::vector<CheckpointScore>, Error>
evaluateCheckpoints(const CheckpointEvaluationOptions& options,
                    const std::function<void(const CheckpointScore&, size_t, size_t)>& onCheckpoint) {
  const std::vector<std::string> files = checkpointFiles(options.weights);
  if (files.empty())
    return Error{options.weights, "", "no checkpoints (.pt, .pth) in this folder"};
  auto loaded = loadTestSet(options);
  if (auto* error = std::get_if<Error>(&loaded))
    return *error;
  const TestSet& set = std::get<TestSet>(loaded);
  std::vector<CheckpointScore> scores;
  for (const std::string& file : files) {
    auto scored = scoreCheckpoint(file, set, options);
    if (auto* error = std::get_if<Error>(&scored))
      return *error;
    scores.push_back(std::move(std::get<CheckpointScore>(scored)));
    if (onCheckpoint)
      onCheckpoint(scores.back(), scores.size(), files.size());
  }
  return scores;
}

double rankingScore(const CheckpointScore& score) {
  const auto& stats = score.report.mask ? score.report.mask->stats : score.report.box.stats;
  return stats[1];
}

std::string checkpointTable(std::vector<CheckpointScore> scores) {
  std::stable_sort(scores.begin(), scores.end(), [](const CheckpointScore& a, const CheckpointScore& b) {
    return rankingScore(a) > rankingScore(b);
  });
  size_t width = 10;
  for (const CheckpointScore& score : scores)
    width = std::max(width, fs::path(score.weightsPath).filename().string().size());
  const auto number = [](double value) {
    char text[16];
    if (value < 0)
      std::snprintf(text, sizeof text, "%9s", "-");
    else
      std::snprintf(text, sizeof text, "%9.4f", value);
    return std::string(text);
  };
  std::string table =
      "checkpoint" + std::string(width - 10, ' ') + "    box AP  box AP50   mask AP mask AP50  PixelLib mAP@0.5\n";
  for (const CheckpointScore& score : scores) {
    const std::string name = fs::path(score.weightsPath).filename().string();
    table += name + std::string(width - name.size(), ' ') + " " + number(score.report.box.stats[0]) + " " +
             number(score.report.box.stats[1]) + " " + number(score.report.mask ? score.report.mask->stats[0] : -1.0) +
             " " + number(score.report.mask ? score.report.mask->stats[1] : -1.0) + " " +
             number(score.report.pixellib.map) + "\n";
  }
  return table;
}

} // namespace polytrain::inference
