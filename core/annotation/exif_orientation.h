#pragma once
// The EXIF Orientation tag (1..8) of a JPEG (APP1 "Exif") or PNG (eXIf chunk) file, and applying it the way
// Labelme's utils.apply_exif_orientation does, so that annotations live in the displayed frame.
#include <opencv2/core/mat.hpp>

#include <string_view>

namespace polytrain::annotation {

// 1 (as stored) when the file has no EXIF orientation or the value is not 1..8. Never reads out of bounds.
int exifOrientation(std::string_view fileBytes);

// Returns `image` turned into the displayed frame for `orientation` (1..8; other values leave it as is).
cv::Mat applyExifOrientation(const cv::Mat& image, int orientation);

} // namespace polytrain::annotation
