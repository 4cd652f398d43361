// The image, video and camera pipelines with a model-free predictor: every video frame comes out, in order; the
// camera pipeline predicts the newest frame and drops the stale ones instead of queueing them; a folder of images
// gives one result per image, a broken image an error naming it, and a COCO results file.
#include "core/inference/camera_pipeline.h"
#include "core/inference/image_pipeline.h"
#include "core/inference/video_pipeline.h"
#include "tests/core/inference/fake_predictor.h"
#include "tests/support/test_output.h"
#include "tests/support/video_files.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace fs = std::filesystem;
using namespace polytrain;
using namespace polytrain::inference;

namespace {

fs::path freshFolder(const std::string& name) {
  const fs::path folder = polytrain::testing::emptiedTestOutput(fs::path("inference") / name);
  fs::create_directories(folder);
  return folder;
}

// A frame whose number can be read back from its pixels: the top-left 8x8 block holds the index as grey level * 8.
cv::Mat numberedFrame(long index, cv::Size size) {
  cv::Mat frame(size, CV_8UC3, cv::Scalar(30, 60, 90));
  frame(cv::Rect(0, 0, 8, 8)).setTo(cv::Scalar::all(static_cast<double>((index * 8) % 256)));
  return frame;
}

std::string makeVideo(const fs::path& folder, int frames) {
  const std::string path = (folder / "input.avi").string();
  cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0, cv::Size(96, 64));
  EXPECT_TRUE(writer.isOpened());
  for (int index = 0; index < frames; ++index)
    writer.write(numberedFrame(index, cv::Size(96, 64)));
  writer.release();
  return path;
}

} // namespace

TEST(VideoPipelineTest, WritesEveryFrameInOrderWithTheOverlay) {
  const fs::path folder = freshFolder("video");
  const std::string input = makeVideo(folder, 23);
  ASSERT_EQ(polytrain::testing::countVideoFrames(input), 23);
  polytrain::testing::FakePredictor predictor;
  VideoJob job;
  job.inputPath = input;
  job.outputPath = (folder / "annotated.avi").string();
  std::vector<long> progress;
  const std::atomic<bool> stop{false};
  auto ran = annotateVideo(
      job, predictor, [&](const VideoProgress& step) { progress.push_back(step.framesDone); }, stop, true);
  ASSERT_TRUE(std::holds_alternative<VideoResult>(ran)) << std::get<Error>(ran).message();
  const VideoResult& result = std::get<VideoResult>(ran);
  EXPECT_EQ(result.framesRead, 23);
  EXPECT_EQ(result.framesWritten, 23);
  EXPECT_EQ(result.predictions.size(), 23u);
  EXPECT_EQ(predictor.calls.load(), 23);
  ASSERT_EQ(progress.size(), 23u);
  EXPECT_EQ(progress.back(), 23);
  EXPECT_EQ(polytrain::testing::countVideoFrames(job.outputPath), 23);

  // Frame order survives the three threads, and the mask is drawn where the predictor put it.
  cv::VideoCapture output(job.outputPath);
  cv::Mat frame;
  for (long index = 0; output.read(frame); ++index) {
    const double level = cv::mean(frame(cv::Rect(2, 2, 4, 4)))[0];
    EXPECT_NEAR(level, static_cast<double>((index * 8) % 256), 12.0) << "frame " << index;
    const cv::Vec3b inside = frame.at<cv::Vec3b>(32, 32);
    const cv::Vec3b outside = frame.at<cv::Vec3b>(32, 90);
    EXPECT_GT(cv::norm(cv::Vec3d(inside) - cv::Vec3d(outside)), 20.0) << "frame " << index << ": no mask tint";
  }
}

TEST(VideoPipelineTest, BadInputAndOutputAreErrorsNamingTheFile) {
  const fs::path folder = freshFolder("video_errors");
  polytrain::testing::FakePredictor predictor;
  const std::atomic<bool> stop{false};
  VideoJob job;
  job.inputPath = (folder / "missing.mp4").string();
  job.outputPath = (folder / "out.mp4").string();
  auto missing = annotateVideo(job, predictor, {}, stop);
  ASSERT_TRUE(std::holds_alternative<Error>(missing));
  EXPECT_EQ(std::get<Error>(missing).path, job.inputPath);

  std::ofstream(folder / "garbage.mp4") << "this is not a video";
  job.inputPath = (folder / "garbage.mp4").string();
  auto garbage = annotateVideo(job, predictor, {}, stop);
  ASSERT_TRUE(std::holds_alternative<Error>(garbage));
  EXPECT_NE(std::get<Error>(garbage).message().find("garbage.mp4"), std::string::npos);

  job.inputPath = makeVideo(folder, 3);
  job.outputPath = (folder / "no" / "such" / "folder" / "out.mp4").string();
  auto unwritable = annotateVideo(job, predictor, {}, stop);
  ASSERT_TRUE(std::holds_alternative<Error>(unwritable));
  EXPECT_NE(std::get<Error>(unwritable).what.find("folder"), std::string::npos);
}

TEST(VideoPipelineTest, StopEndsEarlyAndKeepsWhatWasWritten) {
  const fs::path folder = freshFolder("video_stop");
  const std::string input = makeVideo(folder, 40);
  polytrain::testing::FakePredictor predictor;
  std::atomic<bool> stop{false};
  VideoJob job;
  job.inputPath = input;
  job.outputPath = (folder / "annotated.avi").string();
  auto ran = annotateVideo(
      job, predictor, [&](const VideoProgress& step) { stop.store(step.framesDone >= 5); }, stop);
  ASSERT_TRUE(std::holds_alternative<VideoResult>(ran));
  const VideoResult& result = std::get<VideoResult>(ran);
  EXPECT_TRUE(result.stopped);
  EXPECT_LT(result.framesWritten, 40);
  EXPECT_GE(result.framesWritten, 5);
  EXPECT_EQ(polytrain::testing::countVideoFrames(job.outputPath), result.framesWritten);
}

TEST(CameraPipelineTest, PredictsTheNewestFrameAndDropsStaleOnesUnderLoad) {
  // The camera delivers 200 frames at 200 per second; the model needs 40 ms a frame (25 per second). A queueing
  // pipeline would predict frames 0, 1, 2, ... and fall further behind; ours predicts what is newest.
  std::atomic<long> produced{-1};
  auto source = makeGeneratedSource(
      [&](long index, cv::Mat& frame) {
        frame = numberedFrame(index, cv::Size(64, 48));
        produced.store(index);
        return true;
      },
      200.0, 200);
  polytrain::testing::FakePredictor predictor(std::chrono::milliseconds(40));
  std::vector<long> lagAtPredict;
  std::vector<long> indices;
  predictor.beforePredict = [&](const cv::Mat& frame) {
    const long index = std::lround(cv::mean(frame(cv::Rect(2, 2, 4, 4)))[0] / 8.0);
    lagAtPredict.push_back(produced.load() % 32 - index); // the index is stored mod 32 in the pixels
  };
  const std::atomic<bool> stop{false};
  std::vector<LiveFrame> frames;
  const CameraRunStats stats = runLivePipeline(
      *source, predictor,
      [&](const LiveFrame& live) {
        indices.push_back(live.frameIndex);
        frames.push_back(live);
        return true;
      },
      stop);
  EXPECT_EQ(stats.captured, 200);
  EXPECT_EQ(stats.processed, static_cast<long>(indices.size()));
  EXPECT_LT(stats.processed, 100) << "the slow model cannot have seen most frames";
  EXPECT_GT(stats.dropped, 100);
  EXPECT_EQ(stats.captured, stats.processed + stats.dropped);
  // Never a frame twice, always forward, and with gaps (the dropped frames).
  for (size_t i = 1; i < indices.size(); ++i)
    EXPECT_GT(indices[i], indices[i - 1]);
  EXPECT_GT(indices.back() - indices.front(), static_cast<long>(indices.size()));
  // When prediction starts, the frame is the newest one or the one before (the grabber may have just put a newer
  // one, or two on a loaded machine): no backlog builds up, where a queue would lag by dozens.
  for (size_t i = 0; i < lagAtPredict.size(); ++i) {
    const long lag = (lagAtPredict[i] + 32) % 32;
    EXPECT_LE(lag, 3) << "prediction " << i;
  }
  EXPECT_EQ(frames.back().processed, stats.processed);
  EXPECT_GT(frames.back().dropped, 0);
}

TEST(CameraPipelineTest, StopsAfterMaxFramesAndWhenAsked) {
  auto endless = makeGeneratedSource(
      [](long index, cv::Mat& frame) {
        frame = numberedFrame(index, cv::Size(32, 32));
        return true;
      },
      0.0);
  polytrain::testing::FakePredictor predictor;
  const std::atomic<bool> stop{false};
  const CameraRunStats stats = runLivePipeline(*endless, predictor, {}, stop, 7);
  EXPECT_EQ(stats.processed, 7);

  std::atomic<bool> stopNow{false};
  long seen = 0;
  const CameraRunStats stopped = runLivePipeline(
      *endless, predictor,
      [&](const LiveFrame&) {
        if (++seen == 3)
          stopNow.store(true);
        return true;
      },
      stopNow);
  EXPECT_EQ(stopped.processed, 3);
}

TEST(CameraPipelineTest, AMissingCameraIsAClearError) {
  auto opened = openCamera("9");
  ASSERT_TRUE(std::holds_alternative<Error>(opened));
  EXPECT_NE(std::get<Error>(opened).message().find("camera 9"), std::string::npos);
  auto path = openCamera("/dev/no-such-video-device");
  ASSERT_TRUE(std::holds_alternative<Error>(path));
  EXPECT_NE(std::get<Error>(path).message().find("/dev/no-such-video-device"), std::string::npos);
}

TEST(CameraPipelineTest, AVideoFileStandsInForACamera) {
  const fs::path folder = freshFolder("camera_file");
  auto opened = openCamera(makeVideo(folder, 12));
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<FrameSource>>(opened));
  polytrain::testing::FakePredictor predictor;
  const std::atomic<bool> stop{false};
  auto& source = std::get<std::unique_ptr<FrameSource>>(opened);
  EXPECT_NE(source->description().find("(real time)"), std::string::npos) << "a file plays at its own rate";
  const auto start = std::chrono::steady_clock::now();
  const CameraRunStats stats = runLivePipeline(*source, predictor, {}, stop);
  // 12 frames at the clip's 10 fps take 1.1 s or more (the last frame is due at 1.1 s), not a decode's few ms.
  EXPECT_GE(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
  EXPECT_EQ(stats.captured, 12);
  EXPECT_EQ(stats.processed + stats.dropped, 12);
  EXPECT_GT(stats.processed, 0);
}

TEST(ImagePipelineTest, AFolderGivesOneResultPerImageAndACocoResultsFile) {
  const fs::path folder = freshFolder("images");
  fs::create_directories(folder / "in" / "sub");
  cv::imwrite((folder / "in" / "b10.png").string(), numberedFrame(1, cv::Size(80, 60)));
  cv::imwrite((folder / "in" / "b2.jpg").string(), numberedFrame(2, cv::Size(80, 60)));
  cv::imwrite((folder / "in" / "sub" / "c.png").string(), numberedFrame(3, cv::Size(40, 30)));
  std::ofstream(folder / "in" / "broken.png") << "not an image";
  std::ofstream(folder / "in" / "notes.txt") << "ignored";

  polytrain::testing::FakePredictor predictor;
  ImageJob job;
  job.input = (folder / "in").string();
  job.outputFolder = (folder / "out").string();
  const std::atomic<bool> stop{false};
  auto ran = annotateImages(job, predictor, {}, stop);
  ASSERT_TRUE(std::holds_alternative<std::vector<ImageResult>>(ran));
  const auto& results = std::get<std::vector<ImageResult>>(ran);
  ASSERT_EQ(results.size(), 4u);
  // Natural order: b2 before b10, the broken file among them with an error naming it.
  EXPECT_EQ(fs::path(results[0].inputPath).filename(), "b2.jpg");
  EXPECT_EQ(fs::path(results[1].inputPath).filename(), "b10.png");
  EXPECT_EQ(fs::path(results[2].inputPath).filename(), "broken.png");
  ASSERT_TRUE(results[2].error.has_value());
  EXPECT_NE(results[2].error->message().find("broken.png"), std::string::npos);
  EXPECT_TRUE(fs::exists(folder / "out" / "b2.jpg"));
  EXPECT_TRUE(fs::exists(folder / "out" / "b10.png"));
  EXPECT_TRUE(fs::exists(folder / "out" / "sub" / "c.png"));
  EXPECT_EQ(cv::imread((folder / "out" / "sub" / "c.png").string()).size(), cv::Size(40, 30));

  const std::string json = (folder / "detections.json").string();
  ASSERT_FALSE(writeImageResultsJson(json, results).has_value());
  nlohmann::json detections;
  std::ifstream(json) >> detections;
  ASSERT_EQ(detections.size(), 3u); // one circle per readable image
  EXPECT_EQ(detections[0]["image_id"], 1);
  EXPECT_EQ(detections[0]["category_id"], 1);
  EXPECT_NEAR(detections[0]["score"].get<double>(), 0.9, 1e-6);
  EXPECT_EQ(detections[0]["bbox"].size(), 4u);
  EXPECT_TRUE(detections[0]["segmentation"].contains("counts"));
  EXPECT_EQ(detections[0]["segmentation"]["size"], nlohmann::json::array({60, 80}));
  nlohmann::json images;
  std::ifstream(folder / "detections.images.json") >> images;
  ASSERT_EQ(images.size(), 3u);
  EXPECT_EQ(images[1]["id"], 2);
  EXPECT_EQ(fs::path(images[1]["file_name"].get<std::string>()).filename(), "b10.png");
}

TEST(ImagePipelineTest, NoImagesIsAnErrorNamingThePath) {
  const fs::path folder = freshFolder("no_images");
  polytrain::testing::FakePredictor predictor;
  const std::atomic<bool> stop{false};
  auto empty = annotateImages({folder.string(), "", {}}, predictor, {}, stop);
  ASSERT_TRUE(std::holds_alternative<Error>(empty));
  EXPECT_EQ(std::get<Error>(empty).path, folder.string());
  auto missing = annotateImages({(folder / "nope").string(), "", {}}, predictor, {}, stop);
  ASSERT_TRUE(std::holds_alternative<Error>(missing));
}
