#include "ui/dataset/sample_rendering.h"

#include "core/dataset/augmentation.h"
#include "core/dataset/random.h"
#include "core/dataset/visualization.h"

#include <QCoreApplication>
#include <QPainter>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace polytrain::ui::dataset {

namespace core = polytrain::dataset;

namespace {

// User-visible words of this file, for tr() and lupdate.
struct SampleRendering {
  Q_DECLARE_TR_FUNCTIONS(SampleRendering)
};

QString joinErrors(const std::vector<Error>& errors) {
  QStringList lines;
  for (const Error& error : errors)
    lines << QString::fromStdString(error.message());
  return lines.join('\n');
}

QStringList messages(const std::vector<Error>& errors) {
  QStringList lines;
  for (const Error& error : errors)
    lines << QString::fromStdString(error.message());
  return lines;
}

cv::Size fittedSize(cv::Size size, int maxSide) {
  const int longer = std::max(size.width, size.height);
  if (longer <= maxSide || longer <= 0)
    return size;
  const double scale = static_cast<double>(maxSide) / longer;
  return {std::max(1, static_cast<int>(std::lround(size.width * scale))),
          std::max(1, static_cast<int>(std::lround(size.height * scale)))};
}

} // namespace

uint64_t colourSeed(const std::string& key) {
  uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

QImage toQImage(const cv::Mat& bgr) {
  if (bgr.empty())
    return {};
  cv::Mat rgb;
  if (bgr.channels() == 1)
    cv::cvtColor(bgr, rgb, cv::COLOR_GRAY2RGB);
  else if (bgr.channels() == 4)
    cv::cvtColor(bgr, rgb, cv::COLOR_BGRA2RGB);
  else
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return QImage(rgb.data, rgb.cols, rgb.rows, static_cast<qsizetype>(rgb.step), QImage::Format_RGB888)
      .convertToFormat(QImage::Format_RGB32);
}

core::TrainingSample fitSample(const core::TrainingSample& sample, int maxSide) {
  const cv::Size target = fittedSize(sample.image.size(), maxSide);
  if (target == sample.image.size())
    return sample;
  core::TrainingSample fitted;
  fitted.source = sample.source;
  cv::resize(sample.image, fitted.image, target, 0, 0, cv::INTER_AREA);
  for (size_t i = 0; i < sample.masks.size(); ++i) {
    cv::Mat1b mask;
    cv::resize(sample.masks[i], mask, target, 0, 0, cv::INTER_NEAREST);
    fitted.boxes.push_back(core::boxOfMask(mask));
    fitted.masks.push_back(mask);
    fitted.labels.push_back(i < sample.labels.size() ? sample.labels[i] : 0);
  }
  core::dropDegenerateInstances(fitted, {1, 1});
  return fitted;
}

QImage renderOverlays(const core::TrainingSample& sample, const core::ClassList& classes, const Overlays& overlays,
                      uint64_t seed) {
  core::VisualizeOptions options;
  options.seed = seed;
  options.masks = overlays.masks;
  options.boxes = overlays.boxes;
  options.labels = overlays.labels;
  options.lineWidth = std::max(sample.image.cols, sample.image.rows) > 400 ? 2 : 1;
  return toQImage(core::renderSample(sample, classes, options));
}

QImage onTile(const QImage& image, int side) {
  QImage tile(side, side, QImage::Format_RGB32);
  tile.fill(QColor(58, 58, 58));
  if (image.isNull())
    return tile;
  const QImage fitted = image.width() > side || image.height() > side
                            ? image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                            : image;
  QPainter painter(&tile);
  painter.drawImage((side - fitted.width()) / 2, (side - fitted.height()) / 2, fitted);
  return tile;
}

QImage renderItemThumbnail(const core::DatasetItem& item, const core::ClassList& classes, const Overlays& overlays,
                           int side, QString* error) {
  const core::SampleResult loaded = core::loadSample(item, classes);
  if (!loaded.sample) {
    if (error != nullptr)
      *error = joinErrors(loaded.errors);
    return {};
  }
  return onTile(renderOverlays(fitSample(*loaded.sample, side), classes, overlays, colourSeed(item.key)), side);
}

QImage loadFittedImage(const std::string& path, int maxSide, QString* error) {
  const cv::Mat image = cv::imread(path, cv::IMREAD_COLOR); // applies the EXIF orientation
  if (image.empty()) {
    if (error != nullptr)
      *error = SampleRendering::tr("%1: the image cannot be decoded").arg(QString::fromStdString(path));
    return {};
  }
  cv::Mat small;
  cv::resize(image, small, fittedSize(image.size(), maxSide), 0, 0, cv::INTER_AREA);
  return toQImage(small);
}

QImage renderImageThumbnail(const std::string& path, int side, QString* error) {
  const QImage image = loadFittedImage(path, side, error);
  return image.isNull() ? QImage() : onTile(image, side);
}

SamplePreview renderSamplePreview(const core::DatasetItem& item, const core::ClassList& classes,
                                  const Overlays& overlays, int side, int count, int augmentSide, uint64_t seed) {
  SamplePreview preview;
  const core::SampleResult loaded = core::loadSample(item, classes);
  preview.warnings = messages(loaded.warnings);
  if (!loaded.sample) {
    preview.error = joinErrors(loaded.errors);
    return preview;
  }
  const uint64_t colours = colourSeed(item.key);
  preview.instances = static_cast<int>(loaded.sample->masks.size());
  preview.sample = renderOverlays(fitSample(*loaded.sample, side), classes, overlays, colours);
  const core::TrainingSample base = fitSample(*loaded.sample, augmentSide);
  const core::AugmentOptions options = core::AugmentOptions::trainingDefaults();
  for (int i = 0; i < count; ++i) {
    core::Random random(core::mixSeed(seed, static_cast<uint64_t>(i)));
    const core::AugmentResult augmented = core::augmentSample(base, options, random);
    preview.augmentations << renderOverlays(augmented.sample, classes, overlays, colours);
    QString caption = SampleRendering::tr("%n instance(s)", nullptr, static_cast<int>(augmented.sample.masks.size()));
    if (augmented.droppedInstances > 0)
      caption += SampleRendering::tr(", %n left the image", nullptr, augmented.droppedInstances);
    preview.captions << caption;
  }
  return preview;
}

} // namespace polytrain::ui::dataset
