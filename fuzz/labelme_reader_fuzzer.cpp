// libFuzzer target for the Labelme reader: any bytes must give a document or errors, never a crash, and a
// document must survive write -> read unchanged and rasterise without trouble.
#include "core/annotation/base64.h"
#include "core/annotation/exif_orientation.h"
#include "core/annotation/image_header.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "core/annotation/shape_rasterizer.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace polytrain::annotation;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)exifOrientation(text);
  if (const auto header = readImageHeader(text); header && (header->stored.width <= 0 || header->stored.height <= 0))
    std::abort(); // a header answer is a real size
  (void)readImageHeader(text.substr(0, size / 2), text.substr(size - size / 4), size);
  (void)decodeBase64(text);

  const LoadResult loaded = parseLabelmeJson(text, "fuzz.json");
  if (loaded.ok() == !loaded.errors.empty())
    std::abort(); // a document exactly when there are no errors
  for (const auto& error : loaded.errors)
    if (error.message().empty())
      std::abort();
  if (!loaded.ok())
    return 0;

  const std::string saved = toLabelmeJson(*loaded.document);
  const LoadResult again = parseLabelmeJson(saved, "fuzz.json");
  if (!again.ok() || toLabelmeJson(*again.document) != saved)
    std::abort(); // what we write, we read back the same

  const cv::Size imageSize(48, 32);
  for (const LabelmeShape& shape : loaded.document->shapes) {
    const MaskResult whole = shapeToMask(imageSize, shape);
    // Drawn in its extent, a shape gives the same pixels and none outside (what COCO export relies on).
    const cv::Rect extent = shapeExtent(imageSize, shape);
    const MaskResult local = shapeToMask(imageSize, shape, {}, extent);
    const int inside = extent.empty() ? 0 : cv::countNonZero(whole.mask(extent));
    if (cv::countNonZero(whole.mask) != inside ||
        (!extent.empty() && cv::countNonZero(local.mask != whole.mask(extent)) != 0))
      std::abort();
  }
  return 0;
}
