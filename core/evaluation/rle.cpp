#include "core/evaluation/rle.h"

#include <algorithm>
#include <numeric>
#include <opencv2/core.hpp>

namespace polytrain::evaluation {
namespace {

// Appends a run of `length` pixels of `value` (0 or 1) to counts that currently end with a run of `last`.
void appendRun(std::vector<uint32_t>& counts, int& last, int value, uint32_t length) {
  if (length == 0)
    return;
  if (counts.empty()) {
    if (value == 1)
      counts.push_back(0);
    counts.push_back(length);
    last = value;
    return;
  }
  if (value == last)
    counts.back() += length;
  else
    counts.push_back(length);
  last = value;
}

// Walks two RLEs of equal size run by run and builds the combination with `op`.
template <typename Op> Rle combine(const Rle& a, const Rle& b, Op op) {
  Rle out;
  out.height = a.height;
  out.width = a.width;
  size_t ia = 0, ib = 0;
  uint32_t leftA = a.counts.empty() ? 0 : a.counts[0];
  uint32_t leftB = b.counts.empty() ? 0 : b.counts[0];
  int valueA = 0, valueB = 0, last = -1;
  const uint64_t total = static_cast<uint64_t>(a.height) * static_cast<uint64_t>(a.width);
  uint64_t done = 0;
  while (done < total) {
    while (leftA == 0 && ia + 1 < a.counts.size()) {
      leftA = a.counts[++ia];
      valueA ^= 1;
    }
    while (leftB == 0 && ib + 1 < b.counts.size()) {
      leftB = b.counts[++ib];
      valueB ^= 1;
    }
    if (leftA == 0 || leftB == 0)
      break; // inconsistent counts; stop rather than loop
    const uint32_t step = std::min(leftA, leftB);
    appendRun(out.counts, last, op(valueA, valueB), step);
    leftA -= step;
    leftB -= step;
    done += step;
  }
  if (out.counts.empty())
    out.counts.push_back(0);
  return out;
}

} // namespace

Rle encodeMask(const cv::Mat& mask) {
  CV_Assert(mask.type() == CV_8UC1);
  Rle rle;
  rle.height = mask.rows;
  rle.width = mask.cols;
  // Column-major order: walk the transpose row by row.
  cv::Mat columns;
  cv::transpose(mask, columns);
  int current = 0;
  uint32_t run = 0;
  for (int x = 0; x < columns.rows; ++x) {
    const uint8_t* row = columns.ptr<uint8_t>(x);
    for (int y = 0; y < columns.cols; ++y) {
      const int value = row[y] != 0 ? 1 : 0;
      if (value != current) {
        rle.counts.push_back(run);
        run = 0;
        current = value;
      }
      ++run;
    }
  }
  rle.counts.push_back(run);
  return rle;
}

cv::Mat decodeMask(const Rle& rle) {
  cv::Mat columns(rle.width, rle.height, CV_8UC1, cv::Scalar(0));
  uint8_t* data = columns.ptr<uint8_t>(0); // continuous: freshly allocated
  const size_t total = static_cast<size_t>(rle.width) * static_cast<size_t>(rle.height);
  size_t position = 0;
  for (size_t i = 0; i < rle.counts.size() && position < total; ++i) {
    const size_t length = std::min<size_t>(rle.counts[i], total - position);
    if (i % 2 == 1)
      std::fill(data + position, data + position + length, uint8_t{1});
    position += length;
  }
  cv::Mat mask;
  cv::transpose(columns, mask);
  return mask;
}

Rle emptyRle(int height, int width) {
  Rle rle;
  rle.height = height;
  rle.width = width;
  rle.counts.push_back(static_cast<uint32_t>(height * width));
  return rle;
}

uint64_t rleArea(const Rle& rle) {
  uint64_t area = 0;
  for (size_t i = 1; i < rle.counts.size(); i += 2)
    area += rle.counts[i];
  return area;
}

BoxXywh rleToBox(const Rle& rle) {
  const uint64_t h = static_cast<uint64_t>(rle.height);
  if (h == 0)
    return {};
  uint64_t position = 0;
  uint64_t xMin = UINT64_MAX, xMax = 0, yMin = UINT64_MAX, yMax = 0;
  bool any = false;
  for (size_t i = 0; i < rle.counts.size(); ++i) {
    const uint64_t length = rle.counts[i];
    if (i % 2 == 1 && length > 0) {
      const uint64_t first = position, last = position + length - 1;
      const uint64_t x0 = first / h, x1 = last / h;
      xMin = std::min(xMin, x0);
      xMax = std::max(xMax, x1);
      if (x0 != x1) {
        yMin = 0;
        yMax = h - 1;
      } else {
        yMin = std::min(yMin, first % h);
        yMax = std::max(yMax, last % h);
      }
      any = true;
    }
    position += length;
  }
  if (!any)
    return {};
  return {static_cast<double>(xMin), static_cast<double>(yMin), static_cast<double>(xMax - xMin + 1),
          static_cast<double>(yMax - yMin + 1)};
}

uint64_t rleIntersectionArea(const Rle& a, const Rle& b) {
  if (a.height != b.height || a.width != b.width)
    return 0;
  // Walk the foreground runs of both masks as sorted intervals.
  uint64_t intersection = 0;
  size_t ia = 1, ib = 1;
  uint64_t startA = a.counts.empty() ? 0 : a.counts[0];
  uint64_t startB = b.counts.empty() ? 0 : b.counts[0];
  while (ia < a.counts.size() && ib < b.counts.size()) {
    const uint64_t endA = startA + a.counts[ia];
    const uint64_t endB = startB + b.counts[ib];
    const uint64_t lo = std::max(startA, startB), hi = std::min(endA, endB);
    if (hi > lo)
      intersection += hi - lo;
    if (endA <= endB) {
      startA = endA + (ia + 1 < a.counts.size() ? a.counts[ia + 1] : 0);
      ia += 2;
    } else {
      startB = endB + (ib + 1 < b.counts.size() ? b.counts[ib + 1] : 0);
      ib += 2;
    }
  }
  return intersection;
}

Rle rleMerge(const std::vector<Rle>& rles, bool intersect) {
  if (rles.empty())
    return emptyRle(0, 0);
  Rle merged = rles.front();
  for (size_t i = 1; i < rles.size(); ++i) {
    if (rles[i].height != merged.height || rles[i].width != merged.width)
      return emptyRle(0, 0);
    merged = intersect ? combine(merged, rles[i], [](int p, int q) { return p & q; })
                       : combine(merged, rles[i], [](int p, int q) { return p | q; });
  }
  return merged;
}

bool rleIsConsistent(const Rle& rle) {
  const uint64_t sum = std::accumulate(rle.counts.begin(), rle.counts.end(), uint64_t{0});
  return rle.height >= 0 && rle.width >= 0 &&
         sum == static_cast<uint64_t>(rle.height) * static_cast<uint64_t>(rle.width);
}

} // namespace polytrain::evaluation
