#pragma once
// Filled drawing primitives with the pixel rules of Pillow 9.4's ImageDraw (the library Labelme rasterises with),
// on a single-channel 8-bit image. Coordinates are integers: callers truncate like Pillow does.
// Written from Pillow's documented and observed behaviour; tested pixel for pixel against Pillow itself.
//
// `origin` makes `image` a window onto a larger image: image(0, 0) is that image's pixel (origin.x, origin.y).
// Coordinates stay those of the larger image, so every rounding is the one made on the whole image, and nothing
// outside the window is touched: a window that holds a shape's extent receives exactly the whole image's pixels.
#include <opencv2/core/mat.hpp>

#include <vector>

namespace polytrain::annotation::pil {

struct IntPoint {
  int x = 0;
  int y = 0;
};

// ImageDraw.polygon(xy, fill=ink): scan-line fill, edges included.
void fillPolygon(cv::Mat1b& image, const std::vector<IntPoint>& vertices, uchar ink, cv::Point origin = {});

// ImageDraw.line([a, b], fill=ink, width=width) for width > 1: the segment's rectangle, no joints or caps.
void wideLine(cv::Mat1b& image, IntPoint a, IntPoint b, int width, uchar ink, cv::Point origin = {});

// ImageDraw.line([a, b], fill=ink, width=1) or 0: Bresenham, last pixel excluded (callers add it).
void thinLine(cv::Mat1b& image, IntPoint a, IntPoint b, uchar ink, cv::Point origin = {});

// ImageDraw.ellipse([x0, y0, x1, y1], fill=ink): the filled ellipse in that inclusive box.
void fillEllipse(cv::Mat1b& image, int x0, int y0, int x1, int y1, uchar ink, cv::Point origin = {});

// ImageDraw.rectangle([x0, y0, x1, y1], fill=ink): every pixel of the inclusive box.
void fillRectangle(cv::Mat1b& image, int x0, int y0, int x1, int y1, uchar ink, cv::Point origin = {});

void setPixel(cv::Mat1b& image, int x, int y, uchar ink, cv::Point origin = {});

} // namespace polytrain::annotation::pil
