#include "core/annotation/image_loading.h"

#include "core/annotation/base64.h"
#include "core/annotation/exif_orientation.h"
#include "core/annotation/image_header.h"
#include "core/annotation/labelme_writer.h"
#include "core/common/atomic_file.h"
#include "core/common/text.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>

namespace polytrain::annotation {
namespace fs = std::filesystem;

namespace {

bool isFile(const fs::path& path) {
  std::error_code ignored;
  return fs::is_regular_file(path, ignored);
}

} // namespace

std::string resolveImagePath(const LabelmeDocument& document, const std::string& jsonPath) {
  if (document.imagePath.empty())
    return {};
  const fs::path folder = fs::path(jsonPath).parent_path();
  const fs::path relative(forwardSlashes(document.imagePath));
  const fs::path candidate = relative.is_absolute() ? relative : folder / relative;
  if (isFile(candidate))
    return candidate.string();
  const fs::path besideJson = folder / relative.filename();
  if (!relative.filename().empty() && isFile(besideJson))
    return besideJson.string();
  return {};
}

cv::Mat decodeImageBytes(const std::string& bytes, bool applyOrientation, int* orientation) {
  if (orientation)
    *orientation = 1;
  if (bytes.empty())
    return {};
  cv::Mat decoded;
  try {
    decoded = cv::imdecode(cv::Mat(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data())),
                           cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception&) {
    return {};
  }
  if (decoded.empty() || !applyOrientation)
    return decoded;
  const int turn = exifOrientation(bytes);
  if (orientation)
    *orientation = turn;
  return applyExifOrientation(decoded, turn);
}

namespace {

void checkSize(const LabelmeDocument& document, const std::string& jsonPath, cv::Size size,
               std::vector<Error>& warnings) {
  if (document.imageHeight && *document.imageHeight != size.height)
    warnings.push_back({jsonPath, "/imageHeight",
                        "is " + std::to_string(*document.imageHeight) + " but the image is " +
                            std::to_string(size.height) + " pixels high; the real size is used"});
  if (document.imageWidth && *document.imageWidth != size.width)
    warnings.push_back({jsonPath, "/imageWidth",
                        "is " + std::to_string(*document.imageWidth) + " but the image is " +
                            std::to_string(size.width) + " pixels wide; the real size is used"});
}

// The embedded image's bytes, or an error naming /imageData.
std::optional<std::string> imageDataBytes(const LabelmeDocument& document, const std::string& jsonPath,
                                          std::vector<Error>& errors) {
  std::string problem;
  std::optional<std::string> bytes = decodeBase64(*document.imageData, &problem);
  if (!bytes)
    errors.push_back({jsonPath, "/imageData", problem});
  return bytes;
}

Error notAnImage(const std::string& jsonPath, size_t bytes) {
  return {jsonPath, "/imageData", "is not a decodable image (" + std::to_string(bytes) + " bytes)"};
}

Error fileNotAnImage(const std::string& jsonPath, const std::string& file) {
  return {jsonPath, "/imagePath", "\"" + file + "\" is not a decodable image"};
}

Error imageNotFound(const LabelmeDocument& document, const std::string& jsonPath) {
  return {jsonPath, "/imagePath", "image \"" + document.imagePath + "\" not found"};
}

} // namespace

ImageLoadResult loadDocumentImage(const LabelmeDocument& document, const std::string& jsonPath) {
  ImageLoadResult result;
  if (document.imageData) {
    const std::optional<std::string> bytes = imageDataBytes(document, jsonPath, result.errors);
    if (!bytes)
      return result;
    result.fromImageData = true;
    result.image = decodeImageBytes(*bytes, false);
    if (result.image.empty()) {
      result.errors.push_back(notAnImage(jsonPath, bytes->size()));
      return result;
    }
  } else {
    result.resolvedPath = resolveImagePath(document, jsonPath);
    if (result.resolvedPath.empty()) {
      result.errors.push_back(imageNotFound(document, jsonPath));
      return result;
    }
    std::string bytes;
    if (std::optional<Error> failure = readWholeFile(result.resolvedPath, bytes)) {
      result.errors.push_back(*failure);
      return result;
    }
    result.image = decodeImageBytes(bytes, true, &result.exifOrientation);
    if (result.image.empty()) {
      result.errors.push_back(fileNotAnImage(jsonPath, result.resolvedPath));
      return result;
    }
  }
  checkSize(document, jsonPath, result.image.size(), result.warnings);
  return result;
}

ImageProbeResult probeDocumentImage(const LabelmeDocument& document, const std::string& jsonPath) {
  ImageProbeResult result;
  if (document.imageData) {
    const std::optional<std::string> bytes = imageDataBytes(document, jsonPath, result.errors);
    if (!bytes)
      return result;
    result.fromImageData = true;
    if (const std::optional<ImageHeader> header = readImageHeader(*bytes)) {
      result.size = header->stored; // embedded images are shown as stored (QImage.fromData ignores EXIF)
    } else {
      result.decoded = true;
      result.size = decodeImageBytes(*bytes, false).size();
      if (result.size.empty()) {
        result.errors.push_back(notAnImage(jsonPath, bytes->size()));
        return result;
      }
    }
  } else {
    result.resolvedPath = resolveImagePath(document, jsonPath);
    if (result.resolvedPath.empty()) {
      result.errors.push_back(imageNotFound(document, jsonPath));
      return result;
    }
    if (const std::optional<ImageHeader> header = readImageFileHeader(result.resolvedPath)) {
      result.size = header->displayed();
      result.exifOrientation = header->orientation;
    } else {
      result.decoded = true;
      std::string bytes;
      if (std::optional<Error> failure = readWholeFile(result.resolvedPath, bytes)) {
        result.errors.push_back(*failure);
        return result;
      }
      result.size = decodeImageBytes(bytes, true, &result.exifOrientation).size();
      if (result.size.empty()) {
        result.errors.push_back(fileNotAnImage(jsonPath, result.resolvedPath));
        return result;
      }
    }
  }
  checkSize(document, jsonPath, result.size, result.warnings);
  return result;
}

std::optional<std::string> imageBytesForEmbedding(const std::string& imagePath, Error* error) {
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(imagePath, bytes)) {
    if (error)
      *error = *failure;
    return std::nullopt;
  }
  int orientation = 1;
  const cv::Mat image = decodeImageBytes(bytes, true, &orientation);
  if (image.empty()) {
    if (error)
      *error = Error{imagePath, "", "is not a decodable image"};
    return std::nullopt;
  }
  if (orientation == 1)
    return bytes;
  const std::string extension = lowerExtension(imagePath);
  const bool jpeg = extension == ".jpg" || extension == ".jpeg";
  std::vector<uchar> encoded;
  const std::vector<int> parameters = jpeg ? std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 95} : std::vector<int>{};
  try {
    if (!cv::imencode(jpeg ? ".jpg" : ".png", image, encoded, parameters)) {
      if (error)
        *error = Error{imagePath, "", "cannot encode the turned image"};
      return std::nullopt;
    }
  } catch (const cv::Exception& failure) {
    if (error)
      *error = Error{imagePath, "", std::string("cannot encode the turned image: ") + failure.what()};
    return std::nullopt;
  }
  return std::string(encoded.begin(), encoded.end());
}

} // namespace polytrain::annotation
