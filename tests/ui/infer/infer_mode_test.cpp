// The Infer mode driven as a user drives it, on the offscreen platform, with a fake predictor in place of a model
// and a video file made by the test.
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "fake_predictor.h"
#include "tests/support/test_output.h"
#include "ui/infer/filmstrip.h"
#include "ui/infer/frame_view.h"
#include "ui/infer/infer_mode.h"
#include "ui/infer/model_panel.h"
#include "ui/modes/studio_modes.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <fstream>
#include <sstream>

// Readable QStrings in failure messages.
inline void PrintTo(const QString& text, std::ostream* out) {
  *out << '"' << text.toStdString() << '"';
}

using namespace polytrain;
using namespace polytrain::ui::infer;
using polytrain::fakes::FakeModelStats;
using polytrain::fakes::FakePredictor;

namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 240;
constexpr int kVideoFrames = 20;
const cv::Vec3b kBackground(90, 90, 90);

QString freshFolder(const QString& name) {
  const std::filesystem::path folder = polytrain::testing::emptiedTestOutput("ui/infer/" + name.toStdString());
  QDir().mkpath(QString::fromStdString(folder.string()));
  return QString::fromStdString(folder.string());
}

QString writeImage(const QString& folder, const QString& name) {
  const QString path = QDir(folder).filePath(name);
  EXPECT_TRUE(cv::imwrite(path.toStdString(), cv::Mat3b(kHeight, kWidth, kBackground)));
  return path;
}

// An MJPG .avi of `frames` frames at 10 fps; frame i has a white bar at x = 8 i.
QString writeVideo(const QString& folder, int frames = kVideoFrames) {
  const QString path = QDir(folder).filePath("clip.avi");
  cv::VideoWriter writer(path.toStdString(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0,
                         cv::Size(kWidth, kHeight));
  EXPECT_TRUE(writer.isOpened());
  for (int i = 0; i < frames; ++i) {
    cv::Mat3b frame(kHeight, kWidth, kBackground);
    cv::rectangle(frame, cv::Rect(8 * i, 0, 6, 20), cv::Scalar(255, 255, 255), cv::FILLED);
    writer.write(frame);
  }
  return path;
}

long countFrames(const QString& path) {
  cv::VideoCapture capture(path.toStdString());
  if (!capture.isOpened())
    return -1;
  long frames = 0;
  cv::Mat frame;
  while (capture.read(frame) && !frame.empty())
    ++frames;
  return frames;
}

std::string readBytes(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shown picture's pixel at image coordinates (the view shows the frame at its own size in its QImage).
QColor shownPixel(const InferMode& mode, cv::Point at) {
  return mode.frameView()->image().pixelColor(at.x, at.y);
}

bool isBackground(const QColor& colour) {
  return std::abs(colour.red() - kBackground[2]) + std::abs(colour.green() - kBackground[1]) +
             std::abs(colour.blue() - kBackground[0]) <
         12;
}

// An Infer mode with its actions registered, its page on screen and every question answered by the test.
struct InferHarness {
  InferHarness() : stats(std::make_shared<FakeModelStats>()), mode(fakes::fakeLoader(stats)) {
    mode.registerActions(registry);
    mode.widget()->resize(1280, 800);
    mode.widget()->show();
    mode.activate();
    InferQuestions questions;
    questions.existingFile = [this](const QString& path, int shapes) {
      askedAbout = path;
      askedShapes = shapes;
      return existingChoice;
    };
    questions.confirm = [this](const QString& text) {
      confirmText = text;
      return confirmAnswer;
    };
    mode.setQuestions(questions);
  }
  ~InferHarness() { mode.widget()->hide(); }

  void loadModel() {
    QSignalSpy loaded(&mode, &InferMode::modelLoaded);
    mode.modelPanel()->setWeightsPath("fake.pt");
    mode.loadModel();
    ASSERT_TRUE(QTest::qWaitFor([&] { return loaded.count() == 1; }, 10000));
  }
  // Waits until the frame shown is the answer to the last request.
  bool waitForFrame(QSignalSpy& shown, int count = 1) {
    return QTest::qWaitFor([&] { return shown.count() >= count; }, 10000);
  }

  std::shared_ptr<FakeModelStats> stats;
  ui::ActionRegistry registry;
  InferMode mode;
  ExistingFileChoice existingChoice = ExistingFileChoice::Cancel;
  bool confirmAnswer = true;
  QString askedAbout;
  int askedShapes = -1;
  QString confirmText;
};

} // namespace

TEST(InferModeTest, LoadsTheModelThroughTheInjectedLoaderAndSaysWhyWhenItCannot) {
  InferHarness h;
  EXPECT_FALSE(h.mode.hasModel());
  QSignalSpy failed(&h.mode, &InferMode::modelLoadFailed);
  h.mode.modelPanel()->setWeightsPath("missing.pt");
  h.mode.loadModel();
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 1; }, 10000));
  EXPECT_TRUE(failed.first().first().toString().contains("missing.pt: no such file"))
      << failed.first().first().toString().toStdString();
  EXPECT_FALSE(h.mode.hasModel());

  h.loadModel();
  EXPECT_TRUE(h.mode.hasModel());
  EXPECT_EQ(h.mode.model().modelName, "fake_maskrcnn");
  EXPECT_EQ(h.mode.model().classNames, QStringList({"circle", "square"}));
  EXPECT_EQ(h.stats->loads.load(), 1);
}

TEST(InferModeTest, ShowsDetectionsOnAnImageAndTheSliderChangesWhatIsDrawn) {
  InferHarness h;
  const QString folder = freshFolder("slider");
  const QString image = writeImage(folder, "grey.png");
  h.mode.setScoreThreshold(0.3);
  h.loadModel();
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  h.mode.openImage(image);
  ASSERT_TRUE(h.waitForFrame(shown));
  ASSERT_EQ(h.mode.frameView()->image().size(), QSize(kWidth, kHeight));
  const cv::Point circle = FakePredictor::circleCentre(kWidth, kHeight);
  const cv::Point square =
      (FakePredictor::square(kWidth, kHeight).tl() + FakePredictor::square(kWidth, kHeight).br()) / 2;
  EXPECT_EQ(h.mode.shownDetections(), 2);
  EXPECT_FALSE(isBackground(shownPixel(h.mode, circle)));
  EXPECT_FALSE(isBackground(shownPixel(h.mode, square)));
  EXPECT_TRUE(isBackground(shownPixel(h.mode, {5, kHeight - 5}))); // outside every detection
  EXPECT_TRUE(h.mode.statisticsText().contains("2 of 2 detections shown")) << h.mode.statisticsText().toStdString();

  // Above the square's 0.4 it goes at once, without predicting again.
  const int predictions = h.stats->predictions.load();
  h.mode.thresholdSlider()->setValue(60);
  EXPECT_DOUBLE_EQ(h.mode.scoreThreshold(), 0.6);
  EXPECT_EQ(h.mode.shownDetections(), 1);
  EXPECT_TRUE(isBackground(shownPixel(h.mode, square)));
  EXPECT_FALSE(isBackground(shownPixel(h.mode, circle)));
  EXPECT_EQ(h.stats->predictions.load(), predictions);

  // The mask switch: the circle's inside is the image again (its box and label are at its border).
  h.mode.action("showMasks")->setChecked(false);
  EXPECT_TRUE(isBackground(shownPixel(h.mode, circle)));
  h.mode.action("showMasks")->setChecked(true);
  EXPECT_FALSE(isBackground(shownPixel(h.mode, circle)));

  // Raised to 0.6 the predictor now drops the square itself; lowered again the image is predicted again.
  h.mode.thresholdSlider()->setValue(60);
  h.mode.openImage(image);
  ASSERT_TRUE(h.waitForFrame(shown, 2));
  EXPECT_EQ(h.stats->lastThreshold.load(), 0.6);
  h.mode.thresholdSlider()->setValue(20);
  ASSERT_TRUE(h.waitForFrame(shown, 3));
  EXPECT_EQ(h.mode.shownDetections(), 2);
  EXPECT_FALSE(isBackground(shownPixel(h.mode, square)));
}

TEST(InferModeTest, PlaybackAdvancesThroughTheVideoAndSeekShowsTheFrameAskedFor) {
  InferHarness h;
  const QString video = writeVideo(freshFolder("playback"));
  h.loadModel();
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  h.mode.openVideo(video);
  ASSERT_TRUE(h.waitForFrame(shown));
  EXPECT_EQ(shown.first().first().toLongLong(), 0);
  EXPECT_EQ(h.mode.videoFrameCount(), kVideoFrames);
  EXPECT_DOUBLE_EQ(h.mode.playbackFramesPerSecond(), 10.0);
  EXPECT_TRUE(h.mode.action("playPause")->isEnabled());

  h.mode.setPlaybackFramesPerSecond(100);
  h.mode.play();
  EXPECT_TRUE(h.mode.isPlaying());
  ASSERT_TRUE(QTest::qWaitFor([&] { return !h.mode.isPlaying(); }, 15000));
  EXPECT_EQ(h.mode.currentFrameIndex(), kVideoFrames - 1); // played to the end, then stopped
  std::vector<long> frames;
  for (const QList<QVariant>& signal : shown)
    frames.push_back(signal.first().toLongLong());
  ASSERT_EQ(frames.size(), static_cast<size_t>(kVideoFrames));
  for (size_t i = 0; i < frames.size(); ++i)
    EXPECT_EQ(frames[i], static_cast<long>(i));
  EXPECT_EQ(h.mode.seekSlider()->value(), kVideoFrames - 1);

  // The bar of frame 5 sits at x = 40: the frame shown is the frame asked for.
  h.mode.seekSlider()->setValue(5);
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.mode.currentFrameIndex() == 5; }, 10000));
  const QColor bar = shownPixel(h.mode, {5 * 8 + 3, 10});
  EXPECT_GT(bar.red() + bar.green() + bar.blue(), 600);
  h.mode.step(1);
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.mode.currentFrameIndex() == 6; }, 10000));
}

TEST(InferModeTest, ExportWritesEveryFrameOfTheVideo) {
  InferHarness h;
  const QString folder = freshFolder("export");
  const QString video = writeVideo(folder);
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  h.mode.openVideo(video);
  ASSERT_TRUE(h.waitForFrame(shown));
  EXPECT_FALSE(h.mode.action("exportVideo")->isEnabled()); // nothing to draw without a model
  EXPECT_FALSE(h.mode.exportVideo(QDir(folder).filePath("none.avi")));
  h.loadModel();
  ASSERT_TRUE(h.waitForFrame(shown, 2)); // the frame on screen is predicted again by the model just loaded
  ASSERT_TRUE(h.mode.action("exportVideo")->isEnabled());

  QSignalSpy finished(&h.mode, &InferMode::exportFinished);
  const QString output = QDir(folder).filePath("clip-detections.avi");
  const int before = h.stats->predictions.load();
  ASSERT_TRUE(h.mode.exportVideo(output));
  EXPECT_TRUE(h.mode.isExporting());
  EXPECT_FALSE(h.mode.action("playPause")->isEnabled());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 1; }, 30000));
  EXPECT_TRUE(finished.first().at(0).toBool()) << finished.first().at(1).toString().toStdString();
  EXPECT_EQ(finished.first().at(2).toLongLong(), kVideoFrames);
  EXPECT_EQ(countFrames(output), kVideoFrames);
  EXPECT_EQ(h.stats->predictions.load() - before, kVideoFrames);
  EXPECT_FALSE(h.mode.isExporting());
  EXPECT_TRUE(h.mode.messageText().contains("Exported 20 frame(s)")) << h.mode.messageText().toStdString();

  // The exported frames have the detections drawn on them.
  cv::VideoCapture capture(output.toStdString());
  cv::Mat3b first;
  ASSERT_TRUE(capture.read(first));
  const cv::Point circle = FakePredictor::circleCentre(kWidth, kHeight);
  const cv::Vec3b inside = first(circle);
  EXPECT_GT(std::abs(inside[0] - kBackground[0]) + std::abs(inside[1] - kBackground[1]) +
                std::abs(inside[2] - kBackground[2]),
            30);
}

TEST(InferModeTest, PreAnnotationWritesLabelmeFilesThatCoreReadsBackAndNeverOverwritesWithoutAsking) {
  InferHarness h;
  const QString folder = freshFolder("preannotate");
  const QString first = writeImage(folder, "img1.png");
  const QString second = writeImage(folder, "img2.png");
  const QString third = writeImage(folder, "img10.png");
  annotation::LabelmeDocument byHand;
  byHand.version = "5.1.1";
  byHand.imagePath = "img2.png";
  byHand.imageWidth = kWidth;
  byHand.imageHeight = kHeight;
  annotation::LabelmeShape shape;
  shape.label = "by hand";
  shape.shapeType = "rectangle";
  shape.points = {{1, 1}, {30, 30}};
  byHand.shapes.push_back(shape);
  const QString secondJson = QDir(folder).filePath("img2.json");
  ASSERT_FALSE(annotation::writeLabelmeFile(secondJson.toStdString(), byHand).has_value());
  const std::string handBytes = readBytes(secondJson);

  h.mode.setScoreThreshold(0.3);
  h.loadModel();
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  h.mode.openFolder(folder);
  ASSERT_TRUE(h.waitForFrame(shown));
  EXPECT_EQ(h.mode.filmstrip()->images(), QStringList({first, second, third})); // natural order
  EXPECT_TRUE(h.mode.filmstrip()->isAnnotated(1));

  QSignalSpy finished(&h.mode, &InferMode::preAnnotationFinished);
  ASSERT_TRUE(h.mode.preAnnotateUnannotatedImages());
  EXPECT_TRUE(h.confirmText.contains("2 image(s)")) << h.confirmText.toStdString();
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 1; }, 10000));
  EXPECT_EQ(finished.first().first().toInt(), 2);
  EXPECT_EQ(readBytes(secondJson), handBytes); // the annotated image was left alone
  for (const QString& image : {first, third}) {
    const QString json = QString::fromStdString(inference::labelmeJsonPathFor(image.toStdString()));
    const annotation::LoadResult loaded = annotation::readLabelmeFile(json.toStdString());
    ASSERT_TRUE(loaded.ok()) << json.toStdString();
    ASSERT_EQ(loaded.document->shapes.size(), 2u);
    EXPECT_EQ(loaded.document->shapes[0].label, "circle");
    EXPECT_EQ(loaded.document->shapes[0].shapeType, "polygon");
    EXPECT_GT(loaded.document->shapes[0].points.size(), 8u);
    EXPECT_EQ(loaded.document->shapes[1].label, "square");
    EXPECT_EQ(loaded.document->shapes[1].points.size(), 4u);
    EXPECT_EQ(loaded.document->imagePath, QFileInfo(image).fileName().toStdString());
  }
  EXPECT_TRUE(h.mode.filmstrip()->isAnnotated(0));
  EXPECT_TRUE(h.mode.logText().contains("img1.png: 2 shape(s) written to img1.json (new file)"))
      << h.mode.logText().toStdString();

  // Opening the result in Annotate asks the window for the Annotate mode and the folder.
  QSignalSpy openRequests(&h.mode, &ui::Mode::openInModeRequested);
  h.mode.action("openInAnnotate")->trigger();
  ASSERT_EQ(openRequests.count(), 1);
  EXPECT_EQ(openRequests.first().at(0).toString(), "annotate");
  EXPECT_EQ(openRequests.first().at(1).toString(), folder);

  // The image that has a file: the user is asked, and Cancel leaves the file as it is.
  h.mode.filmstrip()->setCurrentImage(1);
  ASSERT_TRUE(h.waitForFrame(shown, 2));
  EXPECT_EQ(h.mode.currentImagePath(), second);
  h.existingChoice = ExistingFileChoice::Cancel;
  EXPECT_FALSE(h.mode.preAnnotateCurrentImage());
  EXPECT_EQ(h.askedAbout, secondJson);
  EXPECT_EQ(h.askedShapes, 1);
  EXPECT_EQ(readBytes(secondJson), handBytes);

  h.existingChoice = ExistingFileChoice::AddToShapes;
  ASSERT_TRUE(h.mode.preAnnotateCurrentImage());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 2; }, 10000));
  annotation::LoadResult merged = annotation::readLabelmeFile(secondJson.toStdString());
  ASSERT_TRUE(merged.ok());
  ASSERT_EQ(merged.document->shapes.size(), 3u);
  EXPECT_EQ(merged.document->shapes[0].label, "by hand");

  // Undo puts the hand-made file back byte for byte.
  EXPECT_EQ(h.mode.undoLastPreAnnotation(), 1);
  EXPECT_EQ(readBytes(secondJson), handBytes);

  // Undo of the folder run would remove files it created, but only files nobody changed since.
  h.existingChoice = ExistingFileChoice::Replace;
  ASSERT_TRUE(h.mode.preAnnotateCurrentImage());
  ASSERT_TRUE(QTest::qWaitFor([&] { return finished.count() == 3; }, 10000));
  merged = annotation::readLabelmeFile(secondJson.toStdString());
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged.document->shapes.size(), 2u);
  std::ofstream(secondJson.toStdString(), std::ios::app) << "\n"; // the user edits it meanwhile
  EXPECT_EQ(h.mode.undoLastPreAnnotation(), 0);
  EXPECT_TRUE(QFile::exists(secondJson));
}

TEST(InferModeTest, NoCameraGivesAClearMessage) {
  InferHarness h;
  QSignalSpy failed(&h.mode, &InferMode::sourceFailed);
  h.mode.cameraChooser()->setCurrentText("9");
  h.mode.action("camera")->trigger();
  ASSERT_TRUE(QTest::qWaitFor([&] { return failed.count() == 1; }, 20000));
  const QString message = h.mode.messageText();
  EXPECT_TRUE(message.contains("No camera could be opened at 9")) << message.toStdString();
  EXPECT_EQ(h.mode.frameView()->message(), message);
  EXPECT_FALSE(h.mode.isCameraRunning());
  EXPECT_FALSE(h.mode.action("camera")->isChecked());
  EXPECT_TRUE(h.mode.action("camera")->isEnabled());
}

TEST(InferModeTest, CameraFedFromAVideoShowsNewestFramesWithRateAndLatency) {
  InferHarness h;
  const QString video = writeVideo(freshFolder("camera"), 60);
  h.loadModel();
  h.stats->delayMilliseconds = 15; // slower than the file reads: frames get replaced, not queued
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  QSignalSpy stopped(&h.mode, &InferMode::cameraStopped);
  h.mode.startCamera(video); // a file path opens like a stream
  EXPECT_TRUE(h.mode.isCameraRunning());
  EXPECT_TRUE(h.mode.action("camera")->isChecked());
  ASSERT_TRUE(QTest::qWaitFor([&] { return stopped.count() == 1; }, 30000)); // the stream ends by itself
  ASSERT_GE(shown.count(), 2);
  for (int i = 1; i < shown.count(); ++i) // newest first, never an older frame after a newer one
    EXPECT_GT(shown.at(i).first().toLongLong(), shown.at(i - 1).first().toLongLong());
  EXPECT_TRUE(h.mode.statisticsText().contains("fps")) << h.mode.statisticsText().toStdString();
  EXPECT_TRUE(h.mode.statisticsText().contains("latency")) << h.mode.statisticsText().toStdString();
  EXPECT_TRUE(h.mode.logText().contains("camera " + video + " stopped")) << h.mode.logText().toStdString();
  EXPECT_FALSE(h.mode.isCameraRunning());
  EXPECT_FALSE(h.mode.action("camera")->isChecked());
}

TEST(InferModeTest, StaleRequestsAreSkippedAndTheirAnswersDropped) {
  InferHarness h;
  const QString folder = freshFolder("stale");
  for (const char* name : {"a.png", "b.png", "c.png"})
    writeImage(folder, name);
  h.loadModel();
  h.stats->delayMilliseconds = 150;
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  h.mode.openFolder(folder);
  ASSERT_TRUE(QTest::qWaitFor([&] { return h.stats->started.load() == 1; }, 10000)); // a.png is being predicted ...
  h.mode.step(1); // ... b.png is asked for and replaced by c.png before the thread gets to it
  h.mode.step(1);
  ASSERT_TRUE(h.waitForFrame(shown));
  QTest::qWait(400);
  EXPECT_EQ(shown.count(), 1); // only c.png's answer is shown; a.png's came too late
  EXPECT_EQ(h.stats->predictions.load(), 2);
  EXPECT_EQ(h.mode.currentImagePath(), QDir(folder).filePath("c.png"));
}

TEST(InferModeTest, SavesTheFrameAsShown) {
  InferHarness h;
  const QString folder = freshFolder("save");
  h.loadModel();
  EXPECT_FALSE(h.mode.action("saveFrame")->isEnabled());
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  h.mode.openImage(writeImage(folder, "grey.png"));
  ASSERT_TRUE(h.waitForFrame(shown));
  ASSERT_TRUE(h.mode.action("saveFrame")->isEnabled());
  const QString output = QDir(folder).filePath("shown.png");
  ASSERT_TRUE(h.mode.saveCurrentFrame(output));
  const cv::Mat3b saved = cv::imread(output.toStdString());
  ASSERT_EQ(saved.cols, kWidth);
  const cv::Vec3b inside = saved(FakePredictor::circleCentre(kWidth, kHeight));
  EXPECT_NE(inside, kBackground);
  EXPECT_EQ(saved(kHeight - 5, 5), kBackground);
  EXPECT_FALSE(h.mode.saveCurrentFrame(QDir(folder).filePath("no-such-folder/x.png")));
}

TEST(InferModeTest, ActionsAreRegisteredAsInferNamesWithoutShortcutConflictsInTheStudio) {
  InferHarness h;
  const QStringList ids = h.registry.ids();
  ASSERT_GE(ids.size(), 15);
  for (const QString& id : ids)
    EXPECT_TRUE(id.startsWith("infer.")) << id.toStdString();
  EXPECT_TRUE(h.registry.shortcutConflicts().isEmpty()) << h.registry.shortcutConflicts().join("; ").toStdString();

  ui::MainWindow window(ui::createStudioModes());
  bool found = false;
  for (ui::Mode* mode : window.modes())
    found = found || qobject_cast<InferMode*>(mode) != nullptr;
  EXPECT_TRUE(found) << "the studio's infer mode is the real one";
  EXPECT_NE(window.actions().action("infer.exportVideo"), nullptr);
  EXPECT_TRUE(window.actions().shortcutConflicts().isEmpty())
      << window.actions().shortcutConflicts().join("; ").toStdString();
}

TEST(InferModeTest, FirstShownWithoutAModelItLoadsTheNewestTrainingRun) {
  const QString runs = freshFolder("runs");
  const auto writeCheckpoint = [&](const QString& run, const char* name, int ageSeconds) {
    QDir().mkpath(runs + "/" + run + "/weights");
    QFile file(runs + "/" + run + "/weights/" + name);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("checkpoint");
    file.flush(); // else closing writes the data and sets the time to now
    file.setFileTime(QDateTime::currentDateTime().addSecs(-ageSeconds), QFileDevice::FileModificationTime);
  };
  writeCheckpoint("train", "best_map.pt", 3600);
  writeCheckpoint("train2", "last.pt", 60);
  writeCheckpoint("train3", "best_map.pt", 600);
  QDir().mkpath(runs + "/empty/weights"); // a run that never saved a checkpoint
  EXPECT_EQ(InferMode::newestRun(runs), runs + "/train2");
  EXPECT_EQ(InferMode::newestRun(runs + "/none"), QString());

  auto stats = std::make_shared<FakeModelStats>();
  InferMode mode(fakes::fakeLoader(stats), {}, runs);
  ui::ActionRegistry registry;
  mode.registerActions(registry);
  QSignalSpy loaded(&mode, &InferMode::modelLoaded);
  mode.activate();
  ASSERT_TRUE(QTest::qWaitFor([&] { return loaded.count() == 1; }, 10000));
  EXPECT_EQ(mode.model().weightsPath, runs + "/train2");
  EXPECT_EQ(mode.modelPanel()->weightsPath(), runs + "/train2");
  mode.deactivate();
  mode.activate(); // only the first time
  QTest::qWait(100);
  EXPECT_EQ(stats->loads.load(), 1);

  // A model chosen before the mode is first shown is left as it is.
  InferMode chosen(fakes::fakeLoader(stats), {}, runs);
  ui::ActionRegistry otherRegistry;
  chosen.registerActions(otherRegistry);
  chosen.modelPanel()->setWeightsPath("mine.pt");
  chosen.activate();
  QTest::qWait(100);
  EXPECT_EQ(stats->loads.load(), 1);
  EXPECT_FALSE(chosen.hasModel());
}

TEST(InferModeTest, ItsShortcutsActOnlyWhileTheModeIsShown) {
  const QString video = writeVideo(freshFolder("shortcuts"));
  ui::MainWindow window(ui::createStudioModes());
  window.resize(1280, 800);
  window.show();
  QApplication::setActiveWindow(&window);
  ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
  InferMode* infer = nullptr;
  for (ui::Mode* mode : window.modes())
    if (auto* candidate = qobject_cast<InferMode*>(mode))
      infer = candidate;
  ASSERT_NE(infer, nullptr);
  QMenu* menu = infer->menus().value(0);
  ASSERT_NE(menu, nullptr);

  window.switchToMode("infer");
  EXPECT_GE(menu->actions().size(), 17);
  QSignalSpy shown(infer, &InferMode::frameShown);
  infer->openVideo(video);
  ASSERT_TRUE(QTest::qWaitFor([&] { return shown.count() >= 1; }, 10000));

  // In another mode Space is not Infer's: the video stays paused, and the actions stay enabled.
  window.switchToMode("annotate");
  EXPECT_TRUE(menu->actions().isEmpty());
  QTest::keyClick(&window, Qt::Key_Space);
  QTest::qWait(50);
  EXPECT_FALSE(infer->isPlaying());
  EXPECT_TRUE(infer->action("playPause")->isEnabled());
  EXPECT_TRUE(infer->action("openVideo")->isEnabled());

  window.switchToMode("infer");
  window.centralWidget()->setFocus();
  QTest::keyClick(&window, Qt::Key_Space);
  EXPECT_TRUE(infer->isPlaying());
  infer->pause();
  window.switchToMode("annotate");
}

TEST(InferModeTest, LoadingAModelWhileTheCameraRunsRestartsTheCameraWithIt) {
  InferHarness h;
  const QString video = writeVideo(freshFolder("camera-reload"), 200);
  h.stats->delayMilliseconds = 20;
  QSignalSpy shown(&h.mode, &InferMode::frameShown);
  QSignalSpy stopped(&h.mode, &InferMode::cameraStopped);
  h.mode.startCamera(video);
  ASSERT_TRUE(h.waitForFrame(shown));
  EXPECT_EQ(h.mode.shownDetections(), 0); // no model yet: the frames pass through

  h.loadModel(); // stops the camera, loads, starts it again
  EXPECT_EQ(stopped.count(), 1);
  EXPECT_TRUE(h.mode.isCameraRunning());
  const int before = shown.count();
  ASSERT_TRUE(QTest::qWaitFor([&] { return shown.count() > before && h.mode.shownDetections() == 1; }, 10000));
  h.mode.stopCamera();
  ASSERT_TRUE(QTest::qWaitFor([&] { return stopped.count() == 2; }, 10000));
  EXPECT_FALSE(h.mode.isCameraRunning());
}
