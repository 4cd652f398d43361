#pragma once
// Finding and decoding the image a Labelme file annotates, as Labelme does: embedded imageData wins over
// imagePath; imagePath is relative to the JSON file (Windows backslashes accepted), with the bare file name next
// to the JSON as a fallback. Files get their EXIF orientation applied (Labelme's apply_exif_orientation);
// embedded imageData is shown as stored, as Labelme's QImage.fromData does.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"

#include <opencv2/core/mat.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polytrain::annotation {

// The image file for `document` read from `jsonPath`, or empty when none exists.
std::string resolveImagePath(const LabelmeDocument& document, const std::string& jsonPath);

struct ImageLoadResult {
  cv::Mat image;            // BGR (3 channels, 8 bit), in the displayed frame; empty on error
  std::string resolvedPath; // the file read; empty when imageData was used
  bool fromImageData = false;
  int exifOrientation = 1;
  std::vector<Error> errors;
  std::vector<Error> warnings; // imageHeight/imageWidth that disagree with the image (the real size is used)
};

ImageLoadResult loadDocumentImage(const LabelmeDocument& document, const std::string& jsonPath);

struct ImageProbeResult {
  cv::Size size;            // as loadDocumentImage's image.size(); empty on error
  std::string resolvedPath; // the file read; empty when imageData was used
  bool fromImageData = false;
  int exifOrientation = 1;
  bool decoded = false; // the header did not tell (another format, an odd layout): the image was decoded
  std::vector<Error> errors;
  std::vector<Error> warnings;
};

// What loadDocumentImage finds, without the pixels: the same size, errors and warnings, read from the image's
// header when it tells (JPEG, PNG), else by decoding it. For checking and converting files, not for showing them.
ImageProbeResult probeDocumentImage(const LabelmeDocument& document, const std::string& jsonPath);

// Decodes image file bytes into BGR; applies EXIF orientation when `applyOrientation`.
cv::Mat decodeImageBytes(const std::string& bytes, bool applyOrientation, int* orientation = nullptr);

// The bytes to embed as imageData for the image file at `imagePath`, as Labelme would show them: the file as is
// when it needs no EXIF turn, else the turned image re-encoded (JPEG quality 95 for .jpg/.jpeg, PNG otherwise).
std::optional<std::string> imageBytesForEmbedding(const std::string& imagePath, Error* error = nullptr);

} // namespace polytrain::annotation
