#pragma once
// The pictures the Dataset mode shows, rendered synchronously (its workers call these off the GUI thread): a
// sample with core's renderSample overlays (PixelLib's visualize_sample) at thumbnail or preview size, and N seeded
// augmentations of it as training would draw them. Images are scaled down first and the masks with them, so labels
// stay readable on small pictures and big photos do not cost full-size overlays.
#include "core/dataset/class_list.h"
#include "core/dataset/dataset_item.h"
#include "core/dataset/training_sample.h"

#include <QImage>
#include <QList>
#include <QString>

#include <cstdint>
#include <string>

namespace polytrain::ui::dataset {

// Which overlays are drawn; all three on by default, as PixelLib's visualize_sample shows them.
struct Overlays {
  bool masks = true;
  bool boxes = true;
  bool labels = true;
  bool operator==(const Overlays& other) const {
    return masks == other.masks && boxes == other.boxes && labels == other.labels;
  }
  bool operator!=(const Overlays& other) const { return !(*this == other); }
};

// A stable colour seed for one file (FNV-1a of its key), so a file keeps its colours in the grid and the sample view.
uint64_t colourSeed(const std::string& key);

// 8-bit BGR (or grey) pixels as an RGB32 QImage that owns its pixels.
QImage toQImage(const cv::Mat& bgr);

// The sample scaled so that its longer side is at most `maxSide` (never enlarged); masks follow with nearest
// neighbour, boxes are recomputed from them, instances that vanish are dropped.
polytrain::dataset::TrainingSample fitSample(const polytrain::dataset::TrainingSample& sample, int maxSide);

// The sample with `overlays` drawn by core's renderSample, colours seeded by `seed`.
QImage renderOverlays(const polytrain::dataset::TrainingSample& sample, const polytrain::dataset::ClassList& classes,
                      const Overlays& overlays, uint64_t seed);

// `image` centred on a side x side tile (thumbnails all have the grid's size).
QImage onTile(const QImage& image, int side);

// A grid thumbnail of an annotated file: loads it as training does, fits it into side x side, draws the overlays.
// A null image and `error` set when the image cannot be loaded.
QImage renderItemThumbnail(const polytrain::dataset::DatasetItem& item, const polytrain::dataset::ClassList& classes,
                           const Overlays& overlays, int side, QString* error = nullptr);

// A plain image file (EXIF orientation applied) with its longer side at most `maxSide`.
QImage loadFittedImage(const std::string& path, int maxSide, QString* error = nullptr);

// A grid thumbnail of a plain image file.
QImage renderImageThumbnail(const std::string& path, int side, QString* error = nullptr);

struct SamplePreview {
  QImage sample;               // the sample with the masks and boxes training uses
  int instances = 0;           // instances training gets from the file
  QList<QImage> augmentations; // each a seeded augmentation of the sample, overlays redrawn from the moved masks
  QStringList captions;        // one per augmentation: what it did to the instances
  QString error;               // the file could not be loaded; nothing else is valid
  QStringList warnings;
};

// The sample at most `side` pixels and `count` augmentations (core's training defaults) at most `augmentSide`,
// augmentation i drawn from mixSeed(seed, i).
SamplePreview renderSamplePreview(const polytrain::dataset::DatasetItem& item,
                                  const polytrain::dataset::ClassList& classes, const Overlays& overlays, int side,
                                  int count, int augmentSide, uint64_t seed);

} // namespace polytrain::ui::dataset
