#pragma once
// COCO polygons and boxes to RLE, with the semantics of pycocotools' frPoly / frBbox.
//
// The rule (re-implemented from pycocotools' documented procedure, not a port of its code): vertices are snapped to
// a 1/5-pixel grid (round half up), the closed outline is walked densely on that grid, and column x is sampled on
// the vertical line through its centre x + 0.5. Every time the outline crosses that line, the pixels of the column
// from the crossing downwards toggle (even-odd rule); the crossing row is ceil(y - 0.5) of the crossing on the grid,
// so pixel (x, y) is inside when its centre (x + 0.5, y + 0.5) is inside the polygon. A 10x10 square with corners at
// (10, 10) and (20, 20) therefore covers exactly 100 pixels, as in COCO.
//
// Why not cv::fillPoly: OpenCV fills every pixel the outline touches (boundary-inclusive), so the same square would
// cover 11x11 = 121 pixels, biasing every mask IoU against detections. Known difference to pycocotools: none by
// design for well-formed polygons; for a repeated consecutive vertex pycocotools divides 0/0 and emits an undefined
// point, which we skip (it never changes the mask in practice).
#include "core/evaluation/rle.h"

#include <vector>

namespace polytrain::evaluation {

// `xy` = x0, y0, x1, y1, ... in pixels. Fewer than one point gives an empty mask.
Rle polygonToRle(const std::vector<double>& xy, int height, int width);
// A box as the 4-corner polygon, like pycocotools' frBbox.
Rle boxToRle(const BoxXywh& box, int height, int width);
// Several polygons of one object: their union (pycocotools: frPyObjects then merge).
Rle polygonsToRle(const std::vector<std::vector<double>>& polygons, int height, int width);

} // namespace polytrain::evaluation
