#include "core/annotation/image_header.h"

#include "core/annotation/exif_orientation.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace polytrain::annotation {
namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
constexpr std::string_view kPngEnd("\0\0\0\0IEND\xae\x42\x60\x82", 12);
constexpr size_t kHeadBytes = 64 * 1024;
constexpr int kMaxSide = 1 << 20; // more than any decoder here accepts; larger headers are left to the decoder

uint32_t big16(std::string_view bytes, size_t at) {
  return (uint32_t(uint8_t(bytes[at])) << 8) | uint8_t(bytes[at + 1]);
}
uint32_t big32(std::string_view bytes, size_t at) {
  return (big16(bytes, at) << 16) | big16(bytes, at + 2);
}

enum class Scan { Found, NeedMore, Unsupported };

// Walks the JPEG segments from SOI to the frame header. SOF0/1/2 (baseline, extended, progressive Huffman) at
// 8-bit precision with 1, 3 or 4 components is what libjpeg-turbo decodes here; other frames go to the decoder.
Scan jpegFrameSize(std::string_view bytes, cv::Size& size) {
  size_t at = 2;
  while (true) {
    if (at + 4 > bytes.size())
      return Scan::NeedMore;
    if (uint8_t(bytes[at]) != 0xFF)
      return Scan::Unsupported;
    const uint8_t marker = uint8_t(bytes[at + 1]);
    if (marker == 0xFF) { // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
      return Scan::Unsupported; // no frame header before the scan (or a stray marker): let the decoder judge
    const size_t length = big16(bytes, at + 2);
    if (length < 2)
      return Scan::Unsupported;
    const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (marker > 0xC2 || length < 8)
        return Scan::Unsupported;
      if (at + 2 + 8 > bytes.size())
        return Scan::NeedMore;
      const uint32_t precision = uint8_t(bytes[at + 4]);
      const int height = int(big16(bytes, at + 5));
      const int width = int(big16(bytes, at + 7));
      const uint32_t components = uint8_t(bytes[at + 9]);
      if (precision != 8 || height == 0 || width == 0 || (components != 1 && components != 3 && components != 4) ||
          length != 8 + 3 * components)
        return Scan::Unsupported; // height 0 = defined later by a DNL marker
      size = {width, height};
      return Scan::Found;
    }
    at += 2 + length;
  }
}

bool pngHeaderSize(std::string_view bytes, cv::Size& size) {
  // The IHDR chunk comes first: length 13, type, width, height, depth, colour type, compression, filter, interlace.
  if (bytes.size() < 8 + 8 + 13 || big32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR")
    return false;
  const uint32_t width = big32(bytes, 16), height = big32(bytes, 20);
  const uint32_t depth = uint8_t(bytes[24]), colour = uint8_t(bytes[25]);
  const bool depthFits = (colour == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                         (colour == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                         ((colour == 2 || colour == 4 || colour == 6) && (depth == 8 || depth == 16));
  if (width == 0 || height == 0 || width > uint32_t(kMaxSide) || height > uint32_t(kMaxSide) || !depthFits ||
      bytes[26] != 0 || bytes[27] != 0 || uint8_t(bytes[28]) > 1)
    return false;
  size = {int(width), int(height)};
  return true;
}

// The decoder needs the end of the data: a file cut short (a copy in progress) goes to it instead.
bool jpegEnds(std::string_view tail) {
  return tail.size() >= 2 && uint8_t(tail[tail.size() - 2]) == 0xFF && uint8_t(tail[tail.size() - 1]) == 0xD9;
}
bool pngEnds(std::string_view tail) {
  return tail.size() >= kPngEnd.size() && tail.substr(tail.size() - kPngEnd.size()) == kPngEnd;
}

std::optional<ImageHeader> fromHead(std::string_view head, std::string_view tail, size_t fileSize, bool* needMore) {
  if (needMore)
    *needMore = false;
  ImageHeader header;
  if (head.size() >= 3 && uint8_t(head[0]) == 0xFF && uint8_t(head[1]) == 0xD8 && uint8_t(head[2]) == 0xFF) {
    const Scan scan = jpegFrameSize(head, header.stored);
    if (scan == Scan::NeedMore && needMore && head.size() < fileSize)
      *needMore = true;
    if (scan != Scan::Found || !jpegEnds(tail))
      return std::nullopt;
  } else if (head.size() >= kPngSignature.size() && head.substr(0, kPngSignature.size()) == kPngSignature) {
    if (!pngHeaderSize(head, header.stored) || !pngEnds(tail))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (header.stored.width > kMaxSide || header.stored.height > kMaxSide)
    return std::nullopt;
  // Orientation lives before the frame (JPEG APP1) or the image data (PNG eXIf), so the head holds it; a PNG
  // eXIf chunk longer than the head is read as no orientation by exifOrientation, so such files are decoded.
  header.orientation = exifOrientation(head);
  if (header.orientation == 1 && head.size() < fileSize && head.find("eXIf") != std::string_view::npos &&
      head.substr(0, kPngSignature.size()) == kPngSignature) {
    if (needMore)
      *needMore = true;
    return std::nullopt;
  }
  return header;
}

bool readAt(int fd, size_t offset, size_t count, std::string& out) {
  out.resize(count);
  size_t done = 0;
  while (done < count) {
    const ssize_t got = ::pread(fd, out.data() + done, count - done, off_t(offset + done));
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return false;
    done += size_t(got);
  }
  return true;
}

} // namespace

std::optional<ImageHeader> readImageHeader(std::string_view bytes) {
  return fromHead(bytes, bytes, bytes.size(), nullptr);
}

std::optional<ImageHeader> readImageHeader(std::string_view head, std::string_view tail, size_t fileSize) {
  return fromHead(head, tail, fileSize, nullptr);
}

std::optional<ImageHeader> readImageFileHeader(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;
  std::optional<ImageHeader> header;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    const size_t size = size_t(info.st_size);
    std::string head, tail;
    size_t want = std::min(size, kHeadBytes);
    const size_t tailSize = std::min<size_t>(size, 16);
    if (readAt(fd, size - tailSize, tailSize, tail)) {
      bool needMore = true;
      // A JPEG whose frame header lies past 64 KiB (large ICC or XMP segments) is read whole, once.
      for (int attempt = 0; attempt < 2 && needMore; ++attempt, want = size) {
        if (!readAt(fd, 0, want, head))
          break;
        header = fromHead(head, tail, size, &needMore);
      }
    }
  }
  ::close(fd);
  return header;
}

} // namespace polytrain::annotation
