#include "core/evaluation/polygon_rle.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace polytrain::evaluation {
namespace {

constexpr double kScale = 5.0;

struct GridPoint {
  int u; // x on the 1/5-pixel grid
  int v; // y on the 1/5-pixel grid
};

int snap(double value) {
  return static_cast<int>(kScale * value + 0.5);
} // truncation, as C's (int) cast

// Appends the grid points of the segment a -> b in walking order, endpoints included. The segment is stepped along
// its major axis one grid unit at a time, always computed from the lower end so that a segment yields the same
// points in both directions.
void walkSegment(GridPoint a, GridPoint b, std::vector<GridPoint>& out) {
  const int dx = std::abs(b.u - a.u), dy = std::abs(b.v - a.v);
  if (dx == 0 && dy == 0) {
    out.push_back(a);
    return;
  }
  const bool alongX = dx >= dy;
  const bool reversed = alongX ? a.u > b.u : a.v > b.v;
  const GridPoint lo = reversed ? b : a;
  const GridPoint hi = reversed ? a : b;
  const int steps = alongX ? dx : dy;
  const double slope = alongX ? static_cast<double>(hi.v - lo.v) / dx : static_cast<double>(hi.u - lo.u) / dy;
  for (int d = 0; d <= steps; ++d) {
    const int t = reversed ? steps - d : d;
    if (alongX)
      out.push_back({lo.u + t, static_cast<int>(lo.v + slope * t + 0.5)});
    else
      out.push_back({static_cast<int>(lo.u + slope * t + 0.5), lo.v + t});
  }
}

} // namespace

Rle polygonToRle(const std::vector<double>& xy, int height, int width) {
  const size_t k = xy.size() / 2;
  if (k == 0 || height <= 0 || width <= 0)
    return emptyRle(std::max(height, 0), std::max(width, 0));
  std::vector<GridPoint> vertices(k + 1);
  for (size_t j = 0; j < k; ++j)
    vertices[j] = {snap(xy[2 * j]), snap(xy[2 * j + 1])};
  vertices[k] = vertices[0];

  std::vector<GridPoint> outline;
  for (size_t j = 0; j < k; ++j)
    walkSegment(vertices[j], vertices[j + 1], outline);

  // Crossings of the column centres: the outline steps between grid columns 5x+2 and 5x+3 (x + 0.4 -> x + 0.6).
  const uint64_t h = static_cast<uint64_t>(height);
  std::vector<uint64_t> toggles;
  for (size_t j = 1; j < outline.size(); ++j) {
    const GridPoint& p = outline[j - 1];
    const GridPoint& q = outline[j];
    if (p.u == q.u)
      continue;
    const int leftColumn = std::min(p.u, q.u); // the steps are one grid unit
    if (((leftColumn % 5) + 5) % 5 != 2)
      continue;
    const int x = (leftColumn - 2) / 5;
    if (leftColumn < 2 || x > width - 1)
      continue;
    double y = (std::min(p.v, q.v) + 0.5) / kScale - 0.5;
    y = std::clamp(y, 0.0, static_cast<double>(height));
    const uint64_t row = static_cast<uint64_t>(std::ceil(y));
    toggles.push_back(static_cast<uint64_t>(x) * h + row);
  }
  std::sort(toggles.begin(), toggles.end());

  // Even-odd: toggles at the same position cancel in pairs.
  std::vector<uint64_t> kept;
  for (size_t i = 0; i < toggles.size();) {
    size_t j = i;
    while (j < toggles.size() && toggles[j] == toggles[i])
      ++j;
    if ((j - i) % 2 == 1)
      kept.push_back(toggles[i]);
    i = j;
  }
  Rle rle;
  rle.height = height;
  rle.width = width;
  uint64_t previous = 0;
  for (const uint64_t position : kept) {
    rle.counts.push_back(static_cast<uint32_t>(position - previous));
    previous = position;
  }
  const uint64_t total = h * static_cast<uint64_t>(width);
  // The last run reaches the end of the image (a closed outline leaves it background).
  rle.counts.push_back(static_cast<uint32_t>(total - previous));
  return rle;
}

Rle boxToRle(const BoxXywh& box, int height, int width) {
  const double x0 = box.x, y0 = box.y, x1 = box.x + box.width, y1 = box.y + box.height;
  return polygonToRle({x0, y0, x0, y1, x1, y1, x1, y0}, height, width);
}

Rle polygonsToRle(const std::vector<std::vector<double>>& polygons, int height, int width) {
  if (polygons.empty())
    return emptyRle(height, width);
  std::vector<Rle> parts;
  parts.reserve(polygons.size());
  for (const auto& polygon : polygons)
    parts.push_back(polygonToRle(polygon, height, width));
  return rleMerge(parts);
}

} // namespace polytrain::evaluation
