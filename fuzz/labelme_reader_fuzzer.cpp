// libFuzzer target for the Labelme reader: any bytes must give a document or errors, never a crash, and a
// document must survive write -> read unchanged and rasterise without trouble.
#include "core/annotation/base64.h"
#include "core/annotation/exif_orientation.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "core/annotation/shape_rasterizer.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace polytrain::annotation;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)exifOrientation(text);
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

  for (const LabelmeShape& shape : loaded.document->shapes)
    (void)shapeToMask(cv::Size(48, 32), shape);
  return 0;
}
