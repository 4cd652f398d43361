#include "core/annotation/exif_orientation.h"

#include <opencv2/core.hpp>

#include <cstdint>

namespace polytrain::annotation {
namespace {

class ByteReader {
public:
  ByteReader(std::string_view bytes, bool littleEndian) : bytes_(bytes), little_(littleEndian) {}

  bool u16(size_t at, uint32_t& out) const {
    if (at > bytes_.size() || bytes_.size() - at < 2)
      return false;
    const auto b0 = uint8_t(bytes_[at]), b1 = uint8_t(bytes_[at + 1]);
    out = little_ ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);
    return true;
  }
  bool u32(size_t at, uint32_t& out) const {
    uint32_t high = 0, low = 0;
    if (!u16(at, little_ ? low : high) || !u16(at + 2, little_ ? high : low))
      return false;
    out = (high << 16) | low;
    return true;
  }

private:
  std::string_view bytes_;
  bool little_;
};

uint32_t bigEndian16(std::string_view bytes, size_t at) {
  return (uint8_t(bytes[at]) << 8) | uint8_t(bytes[at + 1]);
}
uint32_t bigEndian32(std::string_view bytes, size_t at) {
  return (bigEndian16(bytes, at) << 16) | bigEndian16(bytes, at + 2);
}

// Orientation from a TIFF structure ("II*\0" or "MM\0*" + IFD0 offset).
int orientationFromTiff(std::string_view tiff) {
  if (tiff.size() < 8)
    return 1;
  bool little = false;
  if (tiff.substr(0, 2) == "II")
    little = true;
  else if (tiff.substr(0, 2) != "MM")
    return 1;
  const ByteReader reader(tiff, little);
  uint32_t magic = 0, ifd = 0, count = 0;
  if (!reader.u16(2, magic) || magic != 42 || !reader.u32(4, ifd) || !reader.u16(ifd, count))
    return 1;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t entry = size_t(ifd) + 2 + size_t(i) * 12;
    uint32_t tag = 0, type = 0, value = 0;
    if (!reader.u16(entry, tag) || !reader.u16(entry + 2, type))
      return 1;
    if (tag != 0x0112)
      continue;
    if (type != 3 || !reader.u16(entry + 8, value)) // SHORT
      return 1;
    return value >= 1 && value <= 8 ? int(value) : 1;
  }
  return 1;
}

int jpegOrientation(std::string_view bytes) {
  size_t at = 2;
  while (at + 4 <= bytes.size()) {
    if (uint8_t(bytes[at]) != 0xFF)
      return 1;
    const uint8_t marker = uint8_t(bytes[at + 1]);
    if (marker == 0xFF) { // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) // end of image, start of scan: no more metadata
      return 1;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;
      continue;
    }
    const size_t length = bigEndian16(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.size())
      return 1;
    const std::string_view segment = bytes.substr(at + 4, length - 2);
    if (marker == 0xE1 && segment.size() >= 6 && segment.substr(0, 6) == std::string_view("Exif\0\0", 6))
      return orientationFromTiff(segment.substr(6));
    at += 2 + length;
  }
  return 1;
}

int pngOrientation(std::string_view bytes) {
  size_t at = 8;
  while (at + 12 <= bytes.size()) {
    const size_t length = bigEndian32(bytes, at);
    const std::string_view type = bytes.substr(at + 4, 4);
    if (length > bytes.size() - at - 12)
      return 1;
    if (type == "eXIf") {
      std::string_view data = bytes.substr(at + 8, length);
      if (data.size() >= 6 && data.substr(0, 6) == std::string_view("Exif\0\0", 6))
        data.remove_prefix(6);
      return orientationFromTiff(data);
    }
    if (type == "IDAT" || type == "IEND") // Pillow reads eXIf only before the image data
      return 1;
    at += 12 + length;
  }
  return 1;
}

} // namespace

int exifOrientation(std::string_view fileBytes) {
  if (fileBytes.size() >= 3 && uint8_t(fileBytes[0]) == 0xFF && uint8_t(fileBytes[1]) == 0xD8)
    return jpegOrientation(fileBytes);
  if (fileBytes.size() >= 8 && fileBytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return pngOrientation(fileBytes);
  return 1;
}

cv::Mat applyExifOrientation(const cv::Mat& image, int orientation) {
  cv::Mat out;
  switch (orientation) {
  case 2: // mirror left-right
    cv::flip(image, out, 1);
    return out;
  case 3:
    cv::rotate(image, out, cv::ROTATE_180);
    return out;
  case 4: // mirror top-bottom
    cv::flip(image, out, 0);
    return out;
  case 5: // transpose
    cv::transpose(image, out);
    return out;
  case 6:
    cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
    return out;
  case 7: // transverse
    cv::transpose(image, out);
    cv::rotate(out, out, cv::ROTATE_180);
    return out;
  case 8:
    cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
    return out;
  default:
    return image;
  }
}

} // namespace polytrain::annotation
