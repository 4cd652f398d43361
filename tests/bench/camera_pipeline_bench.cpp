// The camera pipeline end to end (grab -> predict -> draw), fed from a video file, for SSDlite320 MobileNetV3 and
// Mask R-CNN MobileNetV3-FPN at input size 320, with torchvision's model-only rate on the same frame, same weights,
// same threads and the same score threshold measured in the same run (tests/bench/camera_pipeline_bench.py).
//
// Two feeds: the video file annotated frame by frame (decode, predict, draw and encode on three threads, every frame
// kept: the throughput of `infer video`), and the file read as a camera at 30 fps (what a user sees in the live
// preview: the newest frame predicted, frames dropped when the model is slower). An unpaced file is not used as a
// camera: its grabber thread would decode without pause and take a core from the model.
//
// usage: camera_pipeline_bench [--threads N] [--seconds S] [--models ssdlite,maskrcnn]
#include "core/inference/camera_pipeline.h"
#include "core/inference/frame_source.h"
#include "core/inference/overlay_renderer.h"
#include "core/inference/predictor.h"
#include "core/inference/video_pipeline.h"
#include "core/runtime/system_report.h"
#include "core/runtime/torch_runtime.h"
#include "tests/support/run_command.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace polytrain;

namespace {

struct ModelCase {
  std::string key;       // for the Python side
  std::string modelName; // ours
};

// A 640x480 clip of moving shapes on a textured background at 30 fps.
std::string makeClip(const fs::path& folder, const std::string& name, int frames, cv::Mat& firstFrame) {
  const std::string path = (folder / name).string();
  cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30.0, cv::Size(640, 480));
  cv::RNG rng(3);
  cv::Mat background(480, 640, CV_8UC3);
  rng.fill(background, cv::RNG::UNIFORM, cv::Scalar::all(60), cv::Scalar::all(200));
  cv::GaussianBlur(background, background, cv::Size(9, 9), 3);
  for (int index = 0; index < frames; ++index) {
    cv::Mat frame = background.clone();
    cv::circle(frame, cv::Point(100 + index * 4, 200), 60, cv::Scalar(30, 30, 220), cv::FILLED);
    cv::rectangle(frame, cv::Rect(400 - index * 2, 100 + index, 120, 90), cv::Scalar(220, 90, 20), cv::FILLED);
    if (index == 0)
      firstFrame = frame.clone();
    writer.write(frame);
  }
  return path;
}

struct FeedResult {
  double framesPerSecond = 0;
  double latencyMs = 0;
  long processed = 0, dropped = 0;
};

double videoFileFramesPerSecond(const std::string& clip, const fs::path& folder, inference::Predictor& predictor) {
  inference::VideoJob job;
  job.inputPath = clip;
  job.outputPath = (folder / "annotated.avi").string();
  const std::atomic<bool> stop{false};
  auto ran = inference::annotateVideo(job, predictor, {}, stop);
  if (auto* error = std::get_if<Error>(&ran)) {
    std::fprintf(stderr, "%s\n", error->message().c_str());
    return 0;
  }
  const auto& result = std::get<inference::VideoResult>(ran);
  return result.seconds > 0 ? static_cast<double>(result.framesWritten) / result.seconds : 0;
}

FeedResult runFeed(const std::string& clip, inference::Predictor& predictor, double pace, double seconds) {
  FeedResult result;
  const inference::OverlayOptions overlay;
  const size_t classes = predictor.classNames().size();
  const auto started = std::chrono::steady_clock::now();
  const std::atomic<bool> stop{false};
  long frames = 0;
  double latency = 0;
  // The clip is replayed until the time is up, each replay a fresh source.
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < seconds) {
    auto opened = inference::openVideoFile(clip);
    auto source = std::move(std::get<std::unique_ptr<inference::FrameSource>>(opened));
    if (pace > 0)
      source = inference::makeRealTimeSource(std::move(source), pace);
    const auto stats = inference::runLivePipeline(
        *source, predictor,
        [&](const inference::LiveFrame& live) {
          const cv::Mat drawn = inference::renderOverlay(live.frame, live.prediction, overlay, classes);
          (void)drawn;
          return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < seconds;
        },
        stop);
    frames += stats.processed;
    result.dropped += stats.dropped;
    latency += stats.meanLatencyMilliseconds * static_cast<double>(stats.processed);
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.processed = frames;
  result.framesPerSecond = static_cast<double>(frames) / elapsed;
  result.latencyMs = frames > 0 ? latency / static_cast<double>(frames) : 0;
  return result;
}

double ourModelOnlyMs(inference::Predictor& predictor, const cv::Mat& frame, int reps) {
  std::vector<double> times;
  for (int run = 0; run < 3 + reps; ++run) {
    const double ms = predictor.predict(frame).inferenceMilliseconds;
    if (run >= 3)
      times.push_back(ms);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
  int threads = 2;
  double seconds = 10;
  std::string modelList = "ssdlite,maskrcnn";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--threads")
      threads = std::atoi(argv[i + 1]);
    else if (flag == "--seconds")
      seconds = std::atof(argv[i + 1]);
    else if (flag == "--models")
      modelList = argv[i + 1];
  }
  runtime::configureTorch({threads});
  runtime::ReportOptions reportOptions;
  reportOptions.measureGemm = false;
  const runtime::SystemReport report = runtime::collectSystemReport(reportOptions);
  const fs::path folder = fs::temp_directory_path() / "polytrain_camera_bench";
  fs::create_directories(folder);
  cv::Mat frame;
  const std::string clip = makeClip(folder, "clip.avi", 90, frame);
  const std::string shortClip = makeClip(folder, "short.avi", 20, frame); // annotated whole: 20 frames
  cv::imwrite((folder / "frame.png").string(), frame);
  constexpr double kThreshold = 0.5;
  constexpr int kClasses = 5; // foreground classes, as the demo dataset

  std::printf("camera pipeline benchmark: %d threads, BLAS %s, libtorch %s, 640x480 MJPG clip, score >= %.2f\n",
              runtime::intraOpThreads(), report.blasLibrary.c_str(), report.torchVersion.c_str(), kThreshold);
  std::printf("%-34s %11s %11s %8s %12s %12s %9s\n", "model", "tv model ms", "our model", "ratio", "video fps",
              "camera@30fps", "latency");
  std::vector<ModelCase> cases;
  if (modelList.find("ssdlite") != std::string::npos)
    cases.push_back({"ssdlite", "ssdlite320_mobilenet_v3_large"});
  if (modelList.find("maskrcnn") != std::string::npos)
    cases.push_back({"maskrcnn_mobilenet", "maskrcnn_mobilenet_v3_large_fpn"});
  for (const ModelCase& model : cases) {
    const fs::path out = folder / model.key;
    std::ostringstream command;
    command << POLYTRAIN_PYTHON << " " << POLYTRAIN_SOURCE_DIR << "/tests/bench/camera_pipeline_bench.py " << model.key
            << " " << kClasses + 1 << " " << threads << " 15 " << (folder / "frame.png").string() << " " << kThreshold
            << " " << out.string();
    const auto python = testing::runCommand(command.str());
    if (python.exitCode != 0) {
      std::fprintf(stderr, "torchvision side failed:\n%s\n", python.text.c_str());
      return 1;
    }
    const nlohmann::json reference = nlohmann::json::parse(python.text.substr(python.text.rfind('{')));
    inference::PredictorOptions options;
    options.weightsPath = (out / "weights.pth").string();
    options.modelName = model.modelName;
    options.scoreThreshold = kThreshold;
    options.inputSize = 320;
    options.classNames = {"circle", "square", "triangle", "hexagon", "star"}; // kClasses of them
    auto loaded = inference::Predictor::load(options);
    if (auto* error = std::get_if<Error>(&loaded)) {
      std::fprintf(stderr, "%s\n", error->message().c_str());
      return 1;
    }
    auto& predictor = *std::get<std::unique_ptr<inference::Predictor>>(loaded);
    const double ours = ourModelOnlyMs(predictor, frame, 15);
    const double video = videoFileFramesPerSecond(shortClip, out, predictor);
    const FeedResult paced = runFeed(clip, predictor, 30, seconds);
    const double theirs = reference["median_ms"].get<double>();
    std::printf("%-34s %11.1f %11.1f %8.2f %12.1f %12.1f %7.0fms\n", model.modelName.c_str(), theirs, ours,
                ours / theirs, video, paced.framesPerSecond, paced.latencyMs);
    std::printf("  torchvision model-only %.1f frames/s (%d detections); camera @30: %ld processed, %ld dropped\n",
                1000.0 / theirs, reference["detections"].get<int>(), paced.processed, paced.dropped);
  }
  return 0;
}
