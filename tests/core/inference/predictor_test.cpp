// The predictor on real models: our checkpoint and torchvision files load (or fail naming the file and the
// problem), detections come out at the image's resolution as the model made them, thresholded and capped.
#include "core/inference/coco_category_names.h"
#include "core/inference/model_benchmark.h"
#include "core/inference/predictor.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/models/image_tensors.h"
#include "core/training/training_config.h"
#include "tests/support/run_command.h"
#include "tests/support/test_output.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace fs = std::filesystem;
using namespace polytrain;
using namespace polytrain::inference;

namespace {

fs::path folderFor(const std::string& name) {
  const fs::path folder = polytrain::testing::emptiedTestOutput(fs::path("inference") / name);
  fs::create_directories(folder);
  return folder;
}

// A Mask R-CNN MobileNetV3 with seeded random weights, as a run trained from scratch saves it.
std::string randomCheckpoint(const fs::path& folder, int inputSize = 128) {
  const std::string path = (folder / "random.pt").string();
  at::manual_seed(11);
  models::DetectorOptions options;
  options.name = "maskrcnn_mobilenet_v3_large_fpn";
  options.num_classes = 3;
  options.input_size = inputSize;
  options.trainable_norm = true;
  auto detector = models::make_detector(options);
  training::TrainingConfig config;
  config.model = options.name;
  config.inputSize = inputSize;
  config.classes = {"circle", "square"};
  models::CheckpointInfo info;
  info.model_name = options.name;
  info.classes = config.classes;
  info.config_json = training::toJson(config);
  models::save_checkpoint(path, *detector, nullptr, info);
  return path;
}

cv::Mat testImage() {
  cv::Mat image(120, 160, CV_8UC3, cv::Scalar(200, 180, 160));
  cv::circle(image, cv::Point(50, 60), 25, cv::Scalar(20, 40, 220), cv::FILLED);
  cv::rectangle(image, cv::Rect(100, 30, 40, 50), cv::Scalar(200, 40, 20), cv::FILLED);
  return image;
}

std::unique_ptr<Predictor> mustLoad(const PredictorOptions& options) {
  auto loaded = Predictor::load(options);
  if (auto* error = std::get_if<Error>(&loaded))
    ADD_FAILURE() << error->message();
  return loaded.index() == 0 ? std::move(std::get<0>(loaded)) : nullptr;
}

std::string loadError(const PredictorOptions& options) {
  auto loaded = Predictor::load(options);
  return std::holds_alternative<Error>(loaded) ? std::get<Error>(loaded).message() : std::string("(loaded)");
}

} // namespace

TEST(PredictorTest, ACheckpointPredictsWhatItsModelDetectsAtTheImageResolution) {
  const fs::path folder = folderFor("checkpoint");
  PredictorOptions options;
  options.weightsPath = randomCheckpoint(folder);
  options.scoreThreshold = 0.0;
  options.maxDetections = 100;
  auto predictor = mustLoad(options);
  ASSERT_TRUE(predictor);
  EXPECT_EQ(predictor->modelName(), "maskrcnn_mobilenet_v3_large_fpn");
  EXPECT_EQ(predictor->classNames(), (std::vector<std::string>{"circle", "square"}));
  EXPECT_TRUE(predictor->predictsMasks());
  EXPECT_EQ(predictor->deviceName(), "cpu");

  const cv::Mat image = testImage();
  const Prediction prediction = predictor->predict(image);
  EXPECT_EQ(prediction.imageWidth, 160);
  EXPECT_EQ(prediction.imageHeight, 120);
  EXPECT_GT(prediction.inferenceMilliseconds, 0);

  // The same model, built and loaded by hand, on the same RGB tensor: the predictor adds nothing but conversion.
  models::DetectorOptions detectorOptions;
  detectorOptions.name = "maskrcnn_mobilenet_v3_large_fpn";
  detectorOptions.num_classes = 3;
  detectorOptions.input_size = 128;
  detectorOptions.trainable_norm = true;
  auto detector = models::make_detector(detectorOptions);
  models::load_checkpoint(options.weightsPath, *detector, nullptr);
  detector->module().eval();
  c10::InferenceMode inference;
  const models::Detection expected =
      detector->detect({models::image_tensor_from_bgr(image.data, image.rows, image.cols, image.step[0])}).front();
  ASSERT_EQ(static_cast<int64_t>(prediction.instances.size()), expected.scores.size(0));
  ASSERT_GT(prediction.instances.size(), 0u) << "random weights still propose boxes";
  for (size_t index = 0; index < prediction.instances.size(); ++index) {
    const Instance& instance = prediction.instances[index];
    const auto i = static_cast<int64_t>(index);
    EXPECT_FLOAT_EQ(instance.score, expected.scores[i].item<float>());
    EXPECT_EQ(instance.label, expected.labels[i].item<int64_t>());
    EXPECT_EQ(instance.className, predictor->classNames()[instance.label - 1]);
    EXPECT_FLOAT_EQ(instance.box.x, expected.boxes[i][0].item<float>());
    EXPECT_FLOAT_EQ(instance.box.width, expected.boxes[i][2].item<float>() - expected.boxes[i][0].item<float>());
    ASSERT_EQ(instance.mask.size(), image.size());
    const int64_t expectedPixels = expected.masks[i][0].gt(0.5).sum().item<int64_t>();
    EXPECT_EQ(cv::countNonZero(instance.mask), expectedPixels);
    if (index > 0) {
      EXPECT_LE(instance.score, prediction.instances[index - 1].score);
    }
  }
}

TEST(PredictorTest, ThresholdAndMaximumCountAreApplied) {
  const fs::path folder = folderFor("threshold");
  PredictorOptions options;
  options.weightsPath = randomCheckpoint(folder);
  options.scoreThreshold = 0.0;
  auto predictor = mustLoad(options);
  ASSERT_TRUE(predictor);
  const Prediction all = predictor->predict(testImage());
  ASSERT_GE(all.instances.size(), 4u);
  const float middle = all.instances[all.instances.size() / 2].score;
  predictor->setScoreThreshold(middle);
  const Prediction confident = predictor->predict(testImage());
  EXPECT_LT(confident.instances.size(), all.instances.size());
  for (const Instance& instance : confident.instances)
    EXPECT_GE(instance.score, middle);
  options.scoreThreshold = 0.0;
  options.maxDetections = 3;
  auto capped = mustLoad(options);
  EXPECT_EQ(capped->predict(testImage()).instances.size(), 3u);
}

TEST(PredictorTest, GreyAndFourChannelImagesAreAccepted) {
  const fs::path folder = folderFor("channels");
  PredictorOptions options;
  options.weightsPath = randomCheckpoint(folder);
  auto predictor = mustLoad(options);
  cv::Mat grey, bgra;
  cv::cvtColor(testImage(), grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(testImage(), bgra, cv::COLOR_BGR2BGRA);
  EXPECT_EQ(predictor->predict(grey).imageWidth, 160);
  EXPECT_EQ(predictor->predict(bgra).imageHeight, 120);
  EXPECT_TRUE(predictor->predict(cv::Mat()).instances.empty());
}

TEST(PredictorTest, ARunFolderMeansItsBestCheckpoint) {
  const fs::path run = folderFor("run_folder");
  fs::create_directories(run / "weights");
  const std::string checkpoint = randomCheckpoint(run);
  fs::copy_file(checkpoint, run / "weights" / "last.pt", fs::copy_options::overwrite_existing);
  EXPECT_EQ(resolveWeightsPath(run.string()), (run / "weights" / "last.pt").string());
  fs::copy_file(checkpoint, run / "weights" / "best_map.pt", fs::copy_options::overwrite_existing);
  EXPECT_EQ(resolveWeightsPath(run.string()), (run / "weights" / "best_map.pt").string());
  PredictorOptions options;
  options.weightsPath = run.string();
  EXPECT_TRUE(mustLoad(options));
}

TEST(PredictorTest, BadWeightsAreErrorsNamingTheFileAndTheProblem) {
  const fs::path folder = folderFor("bad_weights");
  PredictorOptions options;
  options.weightsPath = (folder / "missing.pt").string();
  EXPECT_NE(loadError(options).find("missing.pt: no such file"), std::string::npos) << loadError(options);

  std::ofstream(folder / "garbage.pt") << "not a checkpoint at all";
  options.weightsPath = (folder / "garbage.pt").string();
  options.modelName = "maskrcnn_mobilenet_v3_large_fpn";
  EXPECT_NE(loadError(options).find("garbage.pt"), std::string::npos) << loadError(options);
  options.modelName.clear();
  EXPECT_NE(loadError(options).find("give the model name"), std::string::npos) << loadError(options);

  options.weightsPath = randomCheckpoint(folder);
  options.classNames = {"only one name"};
  EXPECT_NE(loadError(options).find("trained for 2 classes, but 1 class names"), std::string::npos)
      << loadError(options);
  options.classNames.clear();
  options.modelName = "maskrcnn_resnet50_fpn";
  EXPECT_NE(loadError(options).find("holds a maskrcnn_mobilenet_v3_large_fpn model"), std::string::npos);
  options.modelName.clear();
  options.device = "cuda:0";
  if (loadError(options) != "(loaded)") { // a CPU build of libtorch, as CI has
    EXPECT_NE(loadError(options).find("CUDA is not available"), std::string::npos) << loadError(options);
  }
  options.device = "tpu";
  EXPECT_NE(loadError(options).find("expected cpu, cuda or cuda:N"), std::string::npos);
}

TEST(PredictorTest, TorchvisionWeightsLoadWithTheModelNameAndTheirClassCount) {
  const fs::path folder = folderFor("torchvision");
  at::manual_seed(5);
  models::DetectorOptions options;
  options.name = "maskrcnn_mobilenet_v3_large_fpn";
  options.num_classes = 4;
  options.input_size = 128;
  auto detector = models::make_detector(options);
  const std::string path = (folder / "exported.pth").string();
  detector->export_torchvision_weights(path);

  PredictorOptions load;
  load.weightsPath = path;
  load.modelName = options.name;
  load.inputSize = 128;
  auto predictor = mustLoad(load);
  ASSERT_TRUE(predictor);
  EXPECT_EQ(predictor->classNames(), (std::vector<std::string>{"class_1", "class_2", "class_3"}));
  load.classNames = {"a", "b"};
  EXPECT_NE(loadError(load).find("predict 3 classes (plus background), but 2 class names"), std::string::npos)
      << loadError(load);
  load.classNames = {"a", "b", "c"};
  EXPECT_EQ(mustLoad(load)->classNames()[2], "c");
}

TEST(PredictorTest, CocoCategoryNamesAreTorchvisionsOwn) {
  const auto output = polytrain::testing::runCommand(
      std::string(POLYTRAIN_PYTHON) +
      " -c \"from torchvision.models.detection import MaskRCNN_ResNet50_FPN_Weights as W; "
      "print('|'.join(W.COCO_V1.meta['categories'][1:]))\"");
  ASSERT_EQ(output.exitCode, 0) << "the torchvision oracle is missing: " << output.text;
  std::string expected = output.text;
  while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
    expected.pop_back();
  std::string ours;
  for (const std::string& name : torchvisionCocoCategoryNames())
    ours += (ours.empty() ? "" : "|") + name;
  EXPECT_EQ(ours, expected);
}

TEST(ModelBenchmarkTest, PercentilesInterpolateAsNumpy) {
  const TimingSummary summary = summarise({5, 1, 4, 2, 3});
  EXPECT_EQ(summary.iterations, 5);
  EXPECT_DOUBLE_EQ(summary.medianMs, 3);
  EXPECT_DOUBLE_EQ(summary.p10Ms, 1.4); // numpy.percentile([1,2,3,4,5], 10)
  EXPECT_DOUBLE_EQ(summary.p90Ms, 4.6);
  EXPECT_DOUBLE_EQ(summary.meanMs, 3);
  EXPECT_DOUBLE_EQ(summary.minMs, 1);
  EXPECT_DOUBLE_EQ(summary.maxMs, 5);
  EXPECT_DOUBLE_EQ(summarise({4, 1}).medianMs, 2.5);
}

TEST(ModelBenchmarkTest, TimesInferenceAndTrainingSteps) {
  BenchmarkOptions options;
  options.size = 96;
  options.iterations = 2;
  options.warmup = 1;
  options.train = true;
  options.batch = 1;
  auto ran = runModelBenchmark(options);
  ASSERT_TRUE(std::holds_alternative<BenchmarkResult>(ran)) << std::get<Error>(ran).message();
  const BenchmarkResult& result = std::get<BenchmarkResult>(ran);
  ASSERT_TRUE(result.inference && result.trainStep);
  EXPECT_EQ(result.inference->iterations, 2);
  EXPECT_GT(result.inference->medianMs, 0);
  EXPECT_GT(result.trainStep->medianMs, 0);
  EXPECT_GT(result.threads, 0);
  const std::string json = benchmarkJson(result);
  EXPECT_NE(json.find("\"median_ms\""), std::string::npos);
  EXPECT_NE(json.find("\"images_per_second\""), std::string::npos);
  options.model = "no_such_model";
  auto unknown = runModelBenchmark(options);
  ASSERT_TRUE(std::holds_alternative<Error>(unknown));
  EXPECT_NE(std::get<Error>(unknown).message().find("no_such_model"), std::string::npos);
}
