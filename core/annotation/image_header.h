#pragma once
// The size and EXIF orientation of a JPEG or PNG from its header, without decoding pixels: checking a Labelme
// file's imageHeight/imageWidth and converting a folder then cost a few hundred bytes of reading per image
// instead of a full decode. Only layouts the decoder is known to read are answered (baseline/extended/progressive
// 8-bit JPEG ending with EOI; PNG with a valid IHDR ending with IEND); anything else gives nullopt, and the caller
// decodes the image instead, so the header reader can only ever save time, never change an answer.
#include <opencv2/core/types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace polytrain::annotation {

struct ImageHeader {
  cv::Size stored;     // width x height as the pixels are stored
  int orientation = 1; // EXIF orientation 1..8 (1 when absent)

  // The size Labelme shows: width and height swapped for orientations 5..8.
  cv::Size displayed() const { return orientation >= 5 ? cv::Size(stored.height, stored.width) : stored; }
};

// From the whole file (or the whole embedded imageData).
std::optional<ImageHeader> readImageHeader(std::string_view bytes);

// From the first bytes of a file and its last bytes (`tail`, at least 12 when the file has them); `fileSize` is
// the size of the whole file. Needs the segments up to the JPEG frame header (or the PNG image data) in `head`.
std::optional<ImageHeader> readImageHeader(std::string_view head, std::string_view tail, size_t fileSize);

// Reads only the head (64 KiB, more when the JPEG frame header lies further in) and the tail of `path`.
// nullopt when the file cannot be read or its header is not one readImageHeader answers.
std::optional<ImageHeader> readImageFileHeader(const std::string& path);

} // namespace polytrain::annotation
