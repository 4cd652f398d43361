// `polytrain-cli infer image|video|camera`: PixelLib's segmentImage, process_video and process_camera. The work is
// in core/inference; this file parses arguments and prints progress.
#include "app/cli/class_names_option.h"
#include "app/cli/commands.h"
#include "core/evaluation/coco_json.h"
#include "core/inference/camera_pipeline.h"
#include "core/inference/coco_results.h"
#include "core/inference/image_pipeline.h"
#include "core/inference/video_pipeline.h"

#include <opencv2/highgui.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace polytrain::cli {
namespace {

std::atomic<bool> interrupted{false};

void stopOnInterrupt(int) {
  interrupted.store(true);
}

struct InferArguments {
  std::string input;
  std::string weights;
  std::string model;
  std::string classes; // comma-separated names or a classes.txt file
  std::string device = "cpu";
  std::string out;
  std::string json;
  double threshold = 0.5;
  int maxDetections = 100;
  int inputSize = 0;
  bool noBoxes = false;
  bool noMasks = false;
  bool noLabels = false;
  bool colourByInstance = false;
  double fps = 0;
  long frames = 0;
  bool window = true;
};

std::unique_ptr<inference::Predictor> loadPredictor(const InferArguments& args) {
  inference::PredictorOptions options;
  options.weightsPath = args.weights;
  options.modelName = args.model;
  options.classNames = parseClassNames(args.classes);
  options.scoreThreshold = args.threshold;
  options.maxDetections = args.maxDetections;
  options.device = args.device;
  options.inputSize = args.inputSize;
  auto loaded = inference::Predictor::load(options);
  if (auto* error = std::get_if<Error>(&loaded)) {
    std::cerr << "infer: " << error->message() << "\n";
    return nullptr;
  }
  auto predictor = std::move(std::get<std::unique_ptr<inference::Predictor>>(loaded));
  std::cout << "Model " << predictor->modelName() << " on " << predictor->deviceName() << ", "
            << predictor->classNames().size() << " classes, score threshold " << args.threshold << "\n";
  return predictor;
}

inference::OverlayOptions overlayOf(const InferArguments& args) {
  inference::OverlayOptions overlay;
  overlay.boxes = !args.noBoxes;
  overlay.masks = !args.noMasks;
  overlay.labels = !args.noLabels;
  overlay.scores = !args.noLabels;
  overlay.colourBy = args.colourByInstance ? inference::ColourBy::Instance : inference::ColourBy::Class;
  return overlay;
}

void printBar(const char* what, long done, long total, double rate) {
  if (total > 0) {
    const int width = 30;
    const int filled = static_cast<int>(width * std::min(1.0, static_cast<double>(done) / static_cast<double>(total)));
    std::printf("\r%s [%s%s] %ld/%ld  %.1f frames/s", what, std::string(filled, '#').c_str(),
                std::string(width - filled, '.').c_str(), done, total, rate);
  } else {
    std::printf("\r%s %ld  %.1f frames/s", what, done, rate);
  }
  std::fflush(stdout);
}

int runImages(const InferArguments& args) {
  auto predictor = loadPredictor(args);
  if (!predictor)
    return 1;
  inference::ImageJob job;
  job.input = args.input;
  job.outputFolder = args.out;
  job.overlay = overlayOf(args);
  int failures = 0;
  double modelMs = 0;
  auto ran = inference::annotateImages(
      job, *predictor,
      [&](const inference::ImageResult& result) {
        if (result.error) {
          ++failures;
          std::cerr << "infer: " << result.error->message() << "\n";
          return;
        }
        modelMs += result.prediction.inferenceMilliseconds;
        std::printf("%s: %zu detections in %.0f ms", result.inputPath.c_str(), result.prediction.instances.size(),
                    result.prediction.inferenceMilliseconds);
        for (const inference::Instance& instance : result.prediction.instances)
          std::printf("  %s %.2f", instance.className.c_str(), instance.score);
        std::printf("\n");
      },
      interrupted);
  if (auto* error = std::get_if<Error>(&ran)) {
    std::cerr << "infer: " << error->message() << "\n";
    return 1;
  }
  const auto& results = std::get<std::vector<inference::ImageResult>>(ran);
  std::printf("%zu images, %.0f ms per image in the model\n", results.size(),
              results.empty() ? 0.0 : modelMs / static_cast<double>(results.size()));
  if (!args.out.empty())
    std::cout << "Annotated images written to " << args.out << "\n";
  if (!args.json.empty()) {
    if (auto error = inference::writeImageResultsJson(args.json, results)) {
      std::cerr << "infer: " << error->message() << "\n";
      return 1;
    }
    std::cout << "COCO results written to " << args.json << "\n";
  }
  return failures == 0 ? 0 : 1;
}

std::optional<Error> writeFrameResults(const std::string& path, const std::vector<inference::Prediction>& frames) {
  std::vector<evaluation::Detection> detections;
  for (size_t index = 0; index < frames.size(); ++index) {
    const auto found = inference::toEvaluationDetections(frames[index], static_cast<int64_t>(index) + 1);
    detections.insert(detections.end(), found.begin(), found.end());
  }
  return evaluation::writeCocoResults(path, detections);
}

int runVideo(const InferArguments& args) {
  if (args.out.empty()) {
    std::cerr << "infer video: --out OUTPUT.mp4 is required\n";
    return 2;
  }
  auto predictor = loadPredictor(args);
  if (!predictor)
    return 1;
  inference::VideoJob job;
  job.inputPath = args.input;
  job.outputPath = args.out;
  job.framesPerSecond = args.fps;
  job.overlay = overlayOf(args);
  auto ran = inference::annotateVideo(
      job, *predictor,
      [](const inference::VideoProgress& progress) {
        printBar("video", progress.framesDone, progress.framesTotal, progress.framesPerSecond);
      },
      interrupted, !args.json.empty());
  std::printf("\n");
  if (auto* error = std::get_if<Error>(&ran)) {
    std::cerr << "infer: " << error->message() << "\n";
    return 1;
  }
  const auto& result = std::get<inference::VideoResult>(ran);
  std::printf("%ld frames read, %ld written to %s in %.1f s (%.1f frames/s)%s\n", result.framesRead,
              result.framesWritten, args.out.c_str(), result.seconds,
              result.seconds > 0 ? static_cast<double>(result.framesWritten) / result.seconds : 0.0,
              result.stopped ? ", stopped" : "");
  if (!args.json.empty()) {
    if (auto error = writeFrameResults(args.json, result.predictions)) {
      std::cerr << "infer: " << error->message() << "\n";
      return 1;
    }
    std::cout << "COCO results (image_id = frame number from 1) written to " << args.json << "\n";
  }
  return result.stopped ? 130 : 0;
}

bool displayAvailable() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 != nullptr && *x11 != '\0') || (wayland != nullptr && *wayland != '\0');
}

int runCamera(const InferArguments& args) {
  auto predictor = loadPredictor(args);
  if (!predictor)
    return 1;
  auto opened = inference::openCamera(args.input);
  if (auto* error = std::get_if<Error>(&opened)) {
    std::cerr << "infer: " << error->message() << "\n";
    return 1;
  }
  std::unique_ptr<inference::FrameSource> source = std::move(std::get<std::unique_ptr<inference::FrameSource>>(opened));
  const bool window = args.window && displayAvailable();
  if (args.window && !window)
    std::cout << "No display: no preview window" << (args.out.empty() ? " (use --out to record)" : "") << "\n";
  const char* title = "PolyTrain Studio - camera (q or Esc to stop)";
  cv::VideoWriter writer;
  const inference::OverlayOptions overlay = overlayOf(args);
  const size_t classCount = predictor->classNames().size();
  std::vector<inference::Prediction> predictions;
  bool writeFailed = false;
  const auto stats = inference::runLivePipeline(
      *source, *predictor,
      [&](const inference::LiveFrame& live) {
        cv::Mat drawn = inference::renderOverlay(live.frame, live.prediction, overlay, classCount);
        char status[96];
        std::snprintf(status, sizeof status, "%.1f fps  %.0f ms  dropped %ld", live.framesPerSecond,
                      live.latencyMilliseconds, live.dropped);
        cv::putText(drawn, status, cv::Point(8, 24), cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(0, 255, 255), 2);
        if (!args.out.empty()) {
          if (!writer.isOpened()) {
            writer.open(args.out, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), args.fps > 0 ? args.fps : 15.0,
                        drawn.size());
            if (!writer.isOpened()) {
              std::cerr << "infer: " << args.out << ": cannot write the video\n";
              writeFailed = true;
              return false;
            }
          }
          writer.write(drawn);
        }
        if (!args.json.empty())
          predictions.push_back(live.prediction);
        if (window) {
          cv::imshow(title, drawn);
          const int key = cv::waitKey(1);
          if (key == 'q' || key == 27)
            return false;
        }
        std::printf("\rframe %ld  %.1f fps  latency %.0f ms  %zu detections  dropped %ld   ", live.frameIndex,
                    live.framesPerSecond, live.latencyMilliseconds, live.prediction.instances.size(), live.dropped);
        std::fflush(stdout);
        return true;
      },
      interrupted, args.frames);
  if (window)
    cv::destroyAllWindows();
  std::printf("\n%ld frames captured, %ld processed, %ld dropped, %.1f frames/s, mean latency %.0f ms\n",
              stats.captured, stats.processed, stats.dropped, stats.framesPerSecond, stats.meanLatencyMilliseconds);
  if (!args.json.empty()) {
    if (auto error = writeFrameResults(args.json, predictions)) {
      std::cerr << "infer: " << error->message() << "\n";
      return 1;
    }
  }
  return writeFailed ? 1 : 0;
}

void addModelOptions(CLI::App* command, InferArguments& args) {
  command->add_option("--weights", args.weights, "our checkpoint (.pt), a run folder, or a torchvision .pth")
      ->required();
  command->add_option("--model", args.model, "model name; needed for torchvision .pth files");
  command->add_option("--classes", args.classes,
                      "class names, comma-separated or a classes.txt (torchvision files; COCO names for 91 classes)");
  command->add_option("--threshold", args.threshold, "minimum score")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("--max-detections", args.maxDetections, "at most this many per image")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--input-size", args.inputSize, "shorter image side the model sees (default: as trained)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--device", args.device, "cpu, cuda or cuda:N")->capture_default_str();
  command->add_flag("--no-boxes", args.noBoxes, "do not draw boxes (PixelLib's show_bboxes=False)");
  command->add_flag("--no-masks", args.noMasks, "do not draw masks");
  command->add_flag("--no-labels", args.noLabels, "do not draw class names and scores");
  command->add_flag("--colour-by-instance", args.colourByInstance, "one colour per instance instead of per class");
}

} // namespace

void registerInferCommand(CLI::App& app, const GlobalOptions& /*global*/, PendingCommand& pending) {
  auto* infer = app.add_subcommand("infer", "run a trained model on images, a video file or a camera");
  infer->require_subcommand(1);
  auto args = std::make_shared<InferArguments>();
  const auto armInterrupt = [] {
    interrupted.store(false);
    std::signal(SIGINT, stopOnInterrupt);
    std::signal(SIGTERM, stopOnInterrupt);
  };

  auto* image = infer->add_subcommand("image", "one image or a folder of images -> annotated images and detections");
  image->add_option("input", args->input, "an image file or a folder (searched recursively)")->required();
  addModelOptions(image, *args);
  image->add_option("--out", args->out, "folder for the annotated images (same names)");
  image->add_option("--json", args->json,
                    "COCO results JSON (image_id = position in natural order; FILE.images.json maps ids to files)");
  image->callback([&pending, args, armInterrupt] {
    pending = [args, armInterrupt] {
      armInterrupt();
      return runImages(*args);
    };
  });

  auto* video = infer->add_subcommand("video", "a video file -> an annotated video with every frame");
  video->add_option("input", args->input, "the video file")->required();
  addModelOptions(video, *args);
  video->add_option("--out", args->out, "the annotated video (.mp4, .avi or .mkv)");
  video->add_option("--fps", args->fps, "frame rate of the output (default: the input's)")
      ->check(CLI::NonNegativeNumber);
  video->add_option("--json", args->json, "COCO results JSON (image_id = frame number from 1)");
  video->callback([&pending, args, armInterrupt] {
    pending = [args, armInterrupt] {
      armInterrupt();
      return runVideo(*args);
    };
  });

  auto* camera = infer->add_subcommand(
      "camera", "live preview: always the newest frame, stale frames dropped; shows frames per second and latency");
  camera
      ->add_option("source", args->input,
                   "camera index (0, 1, ...), device path (/dev/video0), stream URL, or a video file (played in "
                   "real time, as a camera would send it)")
      ->capture_default_str();
  args->input = "0";
  addModelOptions(camera, *args);
  camera->add_option("--out", args->out, "also record the annotated preview (.mp4)");
  camera->add_option("--fps", args->fps, "recording frame rate (default 15)")->check(CLI::NonNegativeNumber);
  camera->add_option("--frames", args->frames, "stop after this many processed frames")->check(CLI::NonNegativeNumber);
  camera->add_option("--json", args->json, "COCO results JSON of the processed frames (image_id = their order)");
  camera->add_flag("!--no-window", args->window, "no preview window (also the default without a display)");
  camera->callback([&pending, args, armInterrupt] {
    pending = [args, armInterrupt] {
      armInterrupt();
      return runCamera(*args);
    };
  });
}

} // namespace polytrain::cli
