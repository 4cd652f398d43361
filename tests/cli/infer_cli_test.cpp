// `polytrain-cli infer image|video|camera`, `eval --data --weights` and `bench`: the real binary on a generated
// dataset with a seeded random-weight checkpoint (what a run trained from scratch saves), as a user would run them.
#include "core/dataset/demo_data.h"
#include "core/models/checkpoint.h"
#include "core/models/detector.h"
#include "core/training/training_config.h"
#include "tests/support/run_command.h"
#include "tests/support/video_files.h"

#include <ATen/ATen.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

namespace fs = std::filesystem;
using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;

namespace {

const std::string kCli = std::string(POLYTRAIN_CLI_PATH) + " --threads 2";

const fs::path& workFolder() {
  static const fs::path folder = [] {
    const fs::path root = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "infer_cli";
    fs::remove_all(root);
    fs::create_directories(root);
    polytrain::dataset::DemoOptions demo;
    demo.images = 6;
    demo.width = 80;
    demo.height = 64;
    demo.testRatio = 0.34;
    demo.seed = 4;
    const auto made = polytrain::dataset::makeDemoDataset((root / "demo").string(), demo);
    EXPECT_TRUE(made.errors.empty());
    // A run folder as a from-scratch run leaves it, with a seeded random model of the demo's classes.
    fs::create_directories(root / "run" / "weights");
    at::manual_seed(2);
    polytrain::training::TrainingConfig config;
    config.inputSize = 64;
    config.classes = {"circle", "square", "triangle", "hexagon", "star"};
    polytrain::models::DetectorOptions options;
    options.name = config.model;
    options.num_classes = static_cast<int64_t>(config.classes.size()) + 1;
    options.input_size = config.inputSize;
    options.trainable_norm = true;
    auto detector = polytrain::models::make_detector(options);
    polytrain::models::CheckpointInfo info;
    info.model_name = config.model;
    info.classes = config.classes;
    info.config_json = polytrain::training::toJson(config);
    polytrain::models::save_checkpoint((root / "run" / "weights" / "last.pt").string(), *detector, nullptr, info);
    return root;
  }();
  return folder;
}

std::string path(const fs::path& relative) {
  return shellQuote((workFolder() / relative).string());
}

std::string makeVideo(int frames) {
  const fs::path file = workFolder() / "clip.avi";
  cv::VideoWriter writer(file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 8.0, cv::Size(80, 64));
  const cv::Mat image = cv::imread((workFolder() / "demo" / "train" / "shapes_00000.png").string());
  EXPECT_FALSE(image.empty());
  for (int index = 0; index < frames; ++index)
    writer.write(image);
  return file.string();
}

} // namespace

TEST(InferCliTest, ImageFolderWritesAnnotatedImagesAndCocoResults) {
  const auto output = runCommand(kCli + " infer image " + path("demo/test") + " --weights " + path("run") +
                                 " --threshold 0.1 --out " + path("images_out") + " --json " + path("dets.json"));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("maskrcnn_mobilenet_v3_large_fpn on cpu, 5 classes"), std::string::npos) << output.text;
  size_t images = 0;
  for (const auto& entry : fs::directory_iterator(workFolder() / "demo" / "test"))
    if (entry.path().extension() == ".png") {
      ++images;
      const cv::Mat drawn = cv::imread((workFolder() / "images_out" / entry.path().filename()).string());
      EXPECT_EQ(drawn.size(), cv::imread(entry.path().string()).size()) << entry.path();
    }
  ASSERT_GT(images, 0u);
  nlohmann::json detections;
  std::ifstream(workFolder() / "dets.json") >> detections;
  ASSERT_TRUE(detections.is_array());
  for (const auto& detection : detections) {
    EXPECT_GE(detection["score"].get<double>(), 0.1);
    EXPECT_GE(detection["category_id"].get<int>(), 1);
    EXPECT_LE(detection["category_id"].get<int>(), 5);
    EXPECT_LE(detection["image_id"].get<size_t>(), images);
    EXPECT_TRUE(detection.contains("segmentation"));
  }
  nlohmann::json imageList;
  std::ifstream(workFolder() / "dets.images.json") >> imageList;
  EXPECT_EQ(imageList.size(), images);
}

TEST(InferCliTest, VideoKeepsEveryFrame) {
  const std::string clip = makeVideo(5);
  const auto output = runCommand(kCli + " infer video " + shellQuote(clip) + " --weights " + path("run") +
                                 " --threshold 0.5 --no-boxes --out " + path("clip_out.mp4") + " --fps 4");
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("5 frames read, 5 written"), std::string::npos) << output.text;
  EXPECT_EQ(polytrain::testing::countVideoFrames((workFolder() / "clip_out.mp4").string()), 5);
  cv::VideoCapture written((workFolder() / "clip_out.mp4").string());
  EXPECT_NEAR(written.get(cv::CAP_PROP_FPS), 4.0, 0.01);
}

TEST(InferCliTest, CameraFromAVideoFileAndAMissingCamera) {
  const std::string clip = makeVideo(4);
  const auto output = runCommand(kCli + " infer camera " + shellQuote(clip) + " --weights " + path("run") +
                                 " --no-window --frames 2 --json " + path("camera.json"));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("2 processed"), std::string::npos) << output.text;
  EXPECT_TRUE(fs::exists(workFolder() / "camera.json"));

  const auto missing = runCommand(kCli + " infer camera 9 --weights " + path("run") + " --no-window");
  EXPECT_EQ(missing.exitCode, 1) << missing.text;
  EXPECT_NE(missing.text.find("camera 9: cannot open the camera"), std::string::npos) << missing.text;
}

TEST(InferCliTest, BadInputGivesAClearMessageAndANonZeroExit) {
  const auto noWeights = runCommand(kCli + " infer image " + path("demo/test") + " --weights " + path("nope.pt"));
  EXPECT_EQ(noWeights.exitCode, 1);
  EXPECT_NE(noWeights.text.find("nope.pt: no such file"), std::string::npos) << noWeights.text;

  const auto wrongClasses =
      runCommand(kCli + " infer image " + path("demo/test") + " --weights " + path("run") + " --classes a,b");
  EXPECT_EQ(wrongClasses.exitCode, 1);
  EXPECT_NE(wrongClasses.text.find("trained for 5 classes, but 2 class names"), std::string::npos) << wrongClasses.text;

  std::ofstream(workFolder() / "broken.jpg") << "not a jpeg";
  const auto broken = runCommand(kCli + " infer image " + path("broken.jpg") + " --weights " + path("run"));
  EXPECT_EQ(broken.exitCode, 1);
  EXPECT_NE(broken.text.find("broken.jpg: cannot decode the image"), std::string::npos) << broken.text;

  const auto badVideo =
      runCommand(kCli + " infer video " + path("broken.jpg") + " --weights " + path("run") + " --out " + path("x.mp4"));
  EXPECT_EQ(badVideo.exitCode, 1);
  EXPECT_NE(badVideo.text.find("broken.jpg: cannot decode the video"), std::string::npos) << badVideo.text;
}

TEST(InferCliTest, EvalScoresACheckpointOnTheTestSplit) {
  const auto output = runCommand(kCli + " eval --data " + path("demo") + " --weights " + path("run/weights/last.pt") +
                                 " --json " + path("metrics.json"));
  ASSERT_EQ(output.exitCode, 0) << output.text;
  EXPECT_NE(output.text.find("IoU type: bbox"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("IoU type: segm"), std::string::npos) << output.text;
  EXPECT_NE(output.text.find("PixelLib mAP@0.50"), std::string::npos) << output.text;
  nlohmann::json metrics;
  std::ifstream(workFolder() / "metrics.json") >> metrics;
  EXPECT_TRUE(metrics.contains("bbox"));
  EXPECT_TRUE(metrics.contains("segm"));

  // A folder of checkpoints: each scored, a table sorted by score.
  fs::copy_file(workFolder() / "run" / "weights" / "last.pt", workFolder() / "run" / "weights" / "epoch_001.pt",
                fs::copy_options::overwrite_existing);
  const auto folder = runCommand(kCli + " eval --data " + path("demo") + " --weights " + path("run"));
  ASSERT_EQ(folder.exitCode, 0) << folder.text;
  EXPECT_NE(folder.text.find("[2/2]"), std::string::npos) << folder.text;
  EXPECT_NE(folder.text.find("box AP  box AP50   mask AP mask AP50"), std::string::npos) << folder.text;
  fs::remove(workFolder() / "run" / "weights" / "epoch_001.pt");

  const auto noData = runCommand(kCli + " eval --data " + path("nothing-here") + " --weights " + path("run"));
  EXPECT_NE(noData.exitCode, 0);
}

TEST(InferCliTest, BenchPrintsOneJsonObjectWithTimingsThreadsAndBlas) {
  const auto output = runCommand(std::string(POLYTRAIN_CLI_PATH) +
                                 " --threads 1 bench --size 64 --iters 2 --warmup 1 --train --batch 1 2>/dev/null");
  ASSERT_EQ(output.exitCode, 0) << output.text;
  const nlohmann::json result = nlohmann::json::parse(output.text);
  EXPECT_EQ(result["model"], "maskrcnn_mobilenet_v3_large_fpn");
  EXPECT_EQ(result["threads"], 1);
  EXPECT_FALSE(result["blas"].get<std::string>().empty());
  EXPECT_EQ(result["inference"]["iterations"], 2);
  EXPECT_GT(result["inference"]["median_ms"].get<double>(), 0);
  EXPECT_GT(result["train"]["median_ms"].get<double>(), 0);
  EXPECT_EQ(result["train"]["batch"], 1);
}
