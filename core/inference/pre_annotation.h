#pragma once
// Model detections as Labelme shapes, so a trained model can label the next batch of images and a person only
// corrects them: each mask's outer contours become polygons (simplified to a tolerance in pixels, specks dropped),
// a box-only detection becomes a rectangle. Written next to the image (or merged into the file already there)
// through core/annotation's atomic writer; an existing file is never replaced unless the policy says so.
#include "core/annotation/labelme_document.h"
#include "core/common/error.h"
#include "core/inference/predictor.h"

#include <string>
#include <variant>
#include <vector>

namespace polytrain::inference {

/// What to do when the image already has a Labelme file.
enum class ExistingAnnotationPolicy {
  Skip,        ///< leave the file alone (the default)
  AddToShapes, ///< keep its shapes and append the detections
  Replace,     ///< keep its flags and other keys, replace its shapes by the detections
};

struct PreAnnotationOptions {
  double tolerancePixels = 1.5; ///< cv::approxPolyDP's epsilon: the largest distance a vertex may be moved
  double minimumArea = 16;      ///< polygons (and rectangles) with a smaller area in pixels² are dropped
  ExistingAnnotationPolicy existing = ExistingAnnotationPolicy::Skip;
  bool writeScore = true;      ///< adds the detection's score as a "score" key to each shape (as X-AnyLabeling does)
  bool embedImageData = false; ///< imageData with the image's bytes (Labelme's "Save With Image Data")
};

/// The shapes for one prediction, by decreasing score. A mask in several pieces gives one polygon per piece, the
/// pieces of one detection sharing a group_id (unique within the prediction); single-piece detections have none.
std::vector<annotation::LabelmeShape> predictionToShapes(const Prediction& prediction,
                                                         const PreAnnotationOptions& options);

/// The outer contours of a binary mask (non-zero inside) as simplified closed polygons of at least 3 points, the
/// largest first; contours whose polygon is smaller than `minimumArea` are dropped.
std::vector<std::vector<cv::Point2d>> maskPolygons(const cv::Mat1b& mask, double tolerancePixels, double minimumArea);

/// "a/b/img.jpg" -> "a/b/img.json", where Labelme looks for an image's annotation.
std::string labelmeJsonPathFor(const std::string& imagePath);

enum class PreAnnotationOutcome {
  Created,         ///< there was no file; a new one was written
  Added,           ///< the detections were appended to the existing file's shapes
  Replaced,        ///< the existing file's shapes were replaced
  SkippedExisting, ///< a file existed and the policy said skip: nothing was written
};

struct PreAnnotationResult {
  std::string jsonPath;
  PreAnnotationOutcome outcome = PreAnnotationOutcome::Created;
  int shapesWritten = 0; ///< detections written as shapes (polygons and rectangles)
  int shapesKept = 0;    ///< shapes of the existing file that stayed (AddToShapes)
};

/// Writes the prediction for the image at `imagePath` as Labelme shapes into `jsonPath` (empty: next to the image)
/// following `options.existing`. The prediction must be on the image as Labelme shows it (EXIF turn applied), and
/// its size is the document's imageWidth/imageHeight. An existing file that cannot be read is an error and stays
/// untouched. Errors name the file.
std::variant<PreAnnotationResult, Error> writePreAnnotation(const std::string& imagePath, const Prediction& prediction,
                                                            const PreAnnotationOptions& options,
                                                            const std::string& jsonPath = {});

} // namespace polytrain::inference
