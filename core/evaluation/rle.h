#pragma once
// COCO run-length encoding of binary masks (the layout of pycocotools' RLE): the mask is read column by column
// (Fortran order), `counts` alternates runs of 0s and 1s and always starts with a run of 0s (possibly empty).
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <vector>

namespace polytrain::evaluation {

struct Rle {
  int height = 0;
  int width = 0;
  std::vector<uint32_t> counts;

  bool operator==(const Rle& other) const {
    return height == other.height && width == other.width && counts == other.counts;
  }
};

// A box in COCO's [x, y, width, height] convention (pixel x covers [x, x + 1)).
struct BoxXywh {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;

  double area() const { return width * height; }
  bool operator==(const BoxXywh& other) const {
    return x == other.x && y == other.y && width == other.width && height == other.height;
  }
};

// Encodes a CV_8U mask; any non-zero pixel is foreground.
Rle encodeMask(const cv::Mat& mask);
// Decodes to a CV_8U mask of 0 and 1.
cv::Mat decodeMask(const Rle& rle);
// An all-background RLE of the given size.
Rle emptyRle(int height, int width);

// Number of foreground pixels.
uint64_t rleArea(const Rle& rle);
// Tight box of the foreground like pycocotools' toBbox: [xmin, ymin, xmax - xmin + 1, ymax - ymin + 1]; a run that
// spans two columns makes the box cover the full height. An empty mask gives [0, 0, 0, 0].
BoxXywh rleToBox(const Rle& rle);
// Foreground pixels common to both masks (same size required; 0 otherwise).
uint64_t rleIntersectionArea(const Rle& a, const Rle& b);
// Union (or intersection) of masks of the same size, like pycocotools' merge. An empty list gives an empty RLE 0x0.
Rle rleMerge(const std::vector<Rle>& rles, bool intersect = false);
// True when the counts sum to height * width.
bool rleIsConsistent(const Rle& rle);

} // namespace polytrain::evaluation
