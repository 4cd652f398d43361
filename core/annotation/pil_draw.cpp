#include "core/annotation/pil_draw.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace polytrain::annotation::pil {
namespace {

// Pillow rounds half away from zero, in single precision for the polygon filler.
int roundUp(float value) {
  return value >= 0.0f ? static_cast<int>(std::floor(value + 0.5f))
                       : -static_cast<int>(std::floor(std::fabs(value) + 0.5f));
}
int roundDown(float value) {
  return value >= 0.0f ? static_cast<int>(std::ceil(value - 0.5f))
                       : -static_cast<int>(std::ceil(std::fabs(value) - 0.5f));
}
int roundUp(double value) {
  return value >= 0.0 ? static_cast<int>(std::floor(value + 0.5))
                      : -static_cast<int>(std::floor(std::fabs(value) + 0.5));
}
int roundDown(double value) {
  return value >= 0.0 ? static_cast<int>(std::ceil(value - 0.5)) : -static_cast<int>(std::ceil(std::fabs(value) - 0.5));
}

// The drawable part of the image in image coordinates: columns [x0, x1), rows [y0, y1).
struct Canvas {
  cv::Mat1b& pixels;
  int x0, y0, x1, y1;

  Canvas(cv::Mat1b& image, cv::Point origin)
      : pixels(image), x0(origin.x), y0(origin.y), x1(origin.x + image.cols), y1(origin.y + image.rows) {}
  uchar* at(int x, int y) const { return pixels.ptr<uchar>(y - y0) + (x - x0); }
};

// Pillow 9.4's hline8 swaps reversed ends, so a span whose rounded ends cross (e.g. [3.5, 3.5] -> 4..3) still
// draws both pixels.
void horizontalLine(const Canvas& canvas, int x0, int y, int x1, uchar ink) {
  if (y < canvas.y0 || y >= canvas.y1)
    return;
  if (x0 > x1)
    std::swap(x0, x1);
  x0 = std::max(x0, canvas.x0);
  x1 = std::min(x1, canvas.x1 - 1);
  if (x0 > x1)
    return;
  std::fill(canvas.at(x0, y), canvas.at(x1, y) + 1, ink);
}

struct Edge {
  int x0 = 0, y0 = 0;
  int xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  float dx = 0.0f; // x step per row, single precision as in Pillow
};

Edge makeEdge(int x0, int y0, int x1, int y1) {
  Edge edge;
  edge.xmin = std::min(x0, x1);
  edge.xmax = std::max(x0, x1);
  edge.ymin = std::min(y0, y1);
  edge.ymax = std::max(y0, y1);
  edge.dx = y0 == y1 ? 0.0f : static_cast<float>(x1 - x0) / static_cast<float>(y1 - y0);
  edge.x0 = x0;
  edge.y0 = y0;
  return edge;
}

float edgeXAt(const Edge& edge, int y) {
  return static_cast<float>(y - edge.y0) * edge.dx + static_cast<float>(edge.x0);
}

// Rows outside the canvas are skipped: a row's spans depend only on the edges crossing it and on whether it is
// the last row (`ymax`), which is the same for the window as for the whole image for every row the window has.
void fillEdges(const Canvas& image, const std::vector<Edge>& edges, uchar ink) {
  if (edges.empty())
    return;
  std::vector<const Edge*> sloped;
  sloped.reserve(edges.size());
  int ymin = image.y1 - 1;
  int ymax = image.y0;
  for (const Edge& edge : edges) {
    ymin = std::min(ymin, edge.ymin);
    ymax = std::max(ymax, edge.ymax);
    if (edge.ymin == edge.ymax) { // horizontal edges are drawn as they are
      horizontalLine(image, edge.xmin, edge.ymin, edge.xmax, ink);
      continue;
    }
    sloped.push_back(&edge);
  }
  ymin = std::max(ymin, image.y0);
  ymax = std::min(ymax, image.y1);
  // Crossings of the scan line with the edges. Sized like Pillow's buffer (two per edge), because the corner
  // rule below may write to a slot past the crossings found so far, which a later crossing then overwrites.
  std::vector<float> xx(sloped.size() * 2 + 1);
  // Pillow visits every edge on every row; only the edges spanning the row can add a crossing (or share a corner
  // with the current one), so the walk keeps those, in Pillow's edge order (which fixes the crossing slots and the
  // corner rule's `xx[k]`), and costs the row's edges instead of the polygon's.
  std::vector<size_t> byStart(sloped.size());
  std::iota(byStart.begin(), byStart.end(), size_t(0));
  std::stable_sort(byStart.begin(), byStart.end(),
                   [&](size_t a, size_t b) { return sloped[a]->ymin < sloped[b]->ymin; });
  std::vector<size_t> active; // indices into `sloped`, ascending
  size_t started = 0;
  for (int y = ymin; y <= ymax; ++y) {
    bool added = false;
    for (; started < byStart.size() && sloped[byStart[started]]->ymin <= y; ++started, added = true)
      active.push_back(byStart[started]);
    if (added)
      std::sort(active.begin(), active.end());
    active.erase(std::remove_if(active.begin(), active.end(), [&](size_t i) { return sloped[i]->ymax < y; }),
                 active.end());
    size_t j = 0;
    for (size_t a = 0; a < active.size(); ++a) {
      const size_t i = active[a];
      const Edge* current = sloped[i];
      xx[j++] = edgeXAt(*current, y);
      if (y == current->ymax && y < ymax) { // an edge's lower end counts twice, which keeps vertices filled
        xx[j] = xx[j - 1];
        ++j;
      } else if (current->dx != 0.0f && std::round(xx[j - 1]) == xx[j - 1]) {
        // Two edges leaving the same pixel corner in the same direction: widen the span so the corner connects.
        for (size_t b = 0; b < a; ++b) { // edges not spanning the row cannot share its corner
          const size_t k = active[b];
          const Edge* other = sloped[k];
          if ((current->dx > 0.0f && other->dx <= 0.0f) || (current->dx < 0.0f && other->dx >= 0.0f))
            continue;
          const bool sharedEnd = (y == current->ymin && y == other->ymin) || (y == current->ymax && y == other->ymax);
          if (!sharedEnd || xx[j - 1] != edgeXAt(*other, y))
            continue;
          const int offset = y == ymax ? -1 : 1;
          const float adjacent = edgeXAt(*current, y + offset);
          const float adjacentOther = edgeXAt(*other, y + offset);
          if (y == current->ymax)
            xx[k] = current->dx > 0.0f ? std::max(adjacent, adjacentOther) + 1.0f
                                       : std::min(adjacent, adjacentOther) - 1.0f;
          else
            xx[k] = current->dx > 0.0f ? std::min(adjacent, adjacentOther) : std::max(adjacent, adjacentOther) + 1.0f;
          break;
        }
      }
    }
    std::sort(xx.begin(), xx.begin() + static_cast<std::ptrdiff_t>(j));
    for (size_t i = 1; i < j; i += 2)
      horizontalLine(image, roundUp(xx[i - 1]), y, roundDown(xx[i]), ink);
  }
}

} // namespace

namespace {

void setPixel(const Canvas& canvas, int x, int y, uchar ink) {
  if (x >= canvas.x0 && x < canvas.x1 && y >= canvas.y0 && y < canvas.y1)
    *canvas.at(x, y) = ink;
}

} // namespace

void setPixel(cv::Mat1b& image, int x, int y, uchar ink, cv::Point origin) {
  setPixel(Canvas(image, origin), x, y, ink);
}

void fillPolygon(cv::Mat1b& pixels, const std::vector<IntPoint>& vertices, uchar ink, cv::Point origin) {
  const Canvas image(pixels, origin);
  if (vertices.empty())
    return;
  std::vector<Edge> edges;
  edges.reserve(vertices.size());
  for (size_t i = 0; i + 1 < vertices.size(); ++i)
    edges.push_back(makeEdge(vertices[i].x, vertices[i].y, vertices[i + 1].x, vertices[i + 1].y));
  const IntPoint& last = vertices.back();
  if (last.x != vertices.front().x || last.y != vertices.front().y)
    edges.push_back(makeEdge(last.x, last.y, vertices.front().x, vertices.front().y));
  fillEdges(image, edges, ink);
}

void wideLine(cv::Mat1b& pixels, IntPoint a, IntPoint b, int width, uchar ink, cv::Point origin) {
  const Canvas image(pixels, origin);
  const int dx = b.x - a.x;
  const int dy = b.y - a.y;
  if (dx == 0 && dy == 0) {
    setPixel(image, a.x, a.y, ink);
    return;
  }
  const double length = std::hypot(dx, dy);
  const double halfWidth = (width - 1) / 2.0;
  const double ratioMax = roundUp(halfWidth) / length;
  const double ratioMin = roundDown(halfWidth) / length;
  const int dxMin = roundDown(ratioMin * dy);
  const int dxMax = roundDown(ratioMax * dy);
  const int dyMin = roundDown(ratioMin * dx);
  const int dyMax = roundDown(ratioMax * dx);
  const IntPoint corners[4] = {
      {a.x - dxMin, a.y + dyMax}, {b.x - dxMin, b.y + dyMax}, {b.x + dxMax, b.y - dyMin}, {a.x + dxMax, a.y - dyMin}};
  std::vector<Edge> edges;
  for (int i = 0; i < 4; ++i)
    edges.push_back(makeEdge(corners[i].x, corners[i].y, corners[(i + 1) % 4].x, corners[(i + 1) % 4].y));
  fillEdges(image, edges, ink);
}

void thinLine(cv::Mat1b& pixels, IntPoint a, IntPoint b, uchar ink, cv::Point origin) {
  const Canvas image(pixels, origin);
  int dx = std::abs(b.x - a.x);
  int dy = std::abs(b.y - a.y);
  const int xs = b.x >= a.x ? 1 : -1;
  const int ys = b.y >= a.y ? 1 : -1;
  int x = a.x;
  int y = a.y;
  if (dx == 0) {
    for (int i = 0; i < dy; ++i, y += ys)
      setPixel(image, x, y, ink);
  } else if (dy == 0) {
    for (int i = 0; i < dx; ++i, x += xs)
      setPixel(image, x, y, ink);
  } else if (dx > dy) {
    const int n = dx;
    dy += dy;
    int e = dy - dx;
    dx += dx;
    for (int i = 0; i < n; ++i) {
      setPixel(image, x, y, ink);
      if (e >= 0) {
        y += ys;
        e -= dx;
      }
      e += dy;
      x += xs;
    }
  } else {
    const int n = dy;
    dx += dx;
    int e = dx - dy;
    dy += dy;
    for (int i = 0; i < n; ++i) {
      setPixel(image, x, y, ink);
      if (e >= 0) {
        x += xs;
        e -= dy;
      }
      e += dx;
      y += ys;
    }
  }
}

namespace {

__extension__ typedef __int128 Wide;

// Walks one quarter of an ellipse with semi-axes a/2, b/2 on a grid of step 2 (so that odd sizes have integer
// centres), from (a, b % 2) towards (a % 2, b), picking each step the neighbour closest to the curve.
class QuarterWalk {
public:
  QuarterWalk(int64_t a, int64_t b) : a2_(Wide(a) * a), b2_(Wide(b) * b), x_(a), y_(b % 2), endX_(a % 2), endY_(b) {
    finished_ = a < 0 || b < 0;
  }

  bool next(int64_t& x, int64_t& y) {
    if (finished_)
      return false;
    x = x_;
    y = y_;
    if (x_ == endX_ && y_ == endY_) {
      finished_ = true;
      return true;
    }
    int64_t nx = x_;
    int64_t ny = y_ + 2;
    Wide best = deviation(nx, ny);
    if (nx > 1) {
      const Wide diagonal = deviation(x_ - 2, y_ + 2);
      if (best > diagonal) {
        nx = x_ - 2;
        ny = y_ + 2;
        best = diagonal;
      }
      const Wide left = deviation(x_ - 2, y_);
      if (best > left) {
        nx = x_ - 2;
        ny = y_;
      }
    }
    x_ = nx;
    y_ = ny;
    return true;
  }

private:
  Wide deviation(int64_t x, int64_t y) const {
    const Wide value = a2_ * Wide(y) * y + b2_ * Wide(x) * x - a2_ * b2_;
    return value < 0 ? -value : value;
  }

  Wide a2_, b2_;
  int64_t x_, y_, endX_, endY_;
  bool finished_ = false;
};

} // namespace

void fillEllipse(cv::Mat1b& pixels, int x0, int y0, int x1, int y1, uchar ink, cv::Point origin) {
  const Canvas image(pixels, origin);
  const int64_t a = int64_t(x1) - x0;
  const int64_t b = int64_t(y1) - y0;
  if (a < 0 || b < 0 || a + b < 1) // Pillow fills with an outline as wide as a + b: zero draws nothing
    return;
  // A filled ellipse is the outer quarter walk mirrored into four quadrants; each row spans -r..r.
  auto row = [&](int64_t left, int64_t y, int64_t right) {
    const int64_t py = y0 + (y + b) / 2;
    if (py < image.y0 || py >= image.y1)
      return;
    const int64_t px0 = x0 + (left + a) / 2;
    const int64_t px1 = x0 + (right + a) / 2;
    horizontalLine(image, int(std::clamp<int64_t>(px0, image.x0 - 1, image.x1)), int(py),
                   int(std::clamp<int64_t>(px1, image.x0 - 1, image.x1)), ink);
  };
  QuarterWalk outer(a, b);
  int64_t rowY = 0, rowRight = 0;
  if (!outer.next(rowRight, rowY))
    return;
  bool finished = false;
  while (!finished) {
    const int64_t y = rowY;
    const int64_t right = rowRight;
    int64_t cx = 0, cy = 0;
    bool more = false;
    while ((more = outer.next(cx, cy)) && cy <= y) {
    }
    if (!more)
      finished = true;
    else {
      rowRight = cx;
      rowY = cy;
    }
    // With fill the inner walk is empty, so every row is one span from -right to right.
    if (y > 0)
      row(-right, y, right);
    row(-right, -y, right);
  }
}

void fillRectangle(cv::Mat1b& pixels, int x0, int y0, int x1, int y1, uchar ink, cv::Point origin) {
  const Canvas image(pixels, origin);
  if (x0 > x1)
    std::swap(x0, x1);
  if (y0 > y1)
    std::swap(y0, y1);
  for (int y = std::max(y0, image.y0); y <= std::min(y1, image.y1 - 1); ++y)
    horizontalLine(image, x0, y, x1, ink);
}

} // namespace polytrain::annotation::pil
