#pragma once
// PixelLib's segmentImage for one file or a whole folder: every image predicted, drawn and written into an output
// folder (same relative path and extension), with the predictions kept for a COCO results file.
#include "core/common/error.h"
#include "core/inference/overlay_renderer.h"
#include "core/inference/predictor.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace polytrain::inference {

/// The images `input` stands for: the file itself, or every image below the folder in natural order.
/// Errors name the path (missing, or a folder without images).
std::variant<std::vector<std::string>, Error> listImages(const std::string& input);

struct ImageResult {
  std::string inputPath;
  std::string outputPath; ///< empty when nothing was written
  int64_t imageId = 0;    ///< 1-based position in the list, the COCO results' image_id
  Prediction prediction;
  std::optional<Error> error; ///< unreadable image, unwritable output; the run goes on with the next image
};

struct ImageJob {
  std::string input;        ///< an image file or a folder
  std::string outputFolder; ///< empty: predict only
  OverlayOptions overlay;
};

/// Runs on the calling thread; onImage sees each result as it is done. Returns the results in order, or an error
/// when `input` lists no image or the output folder cannot be made.
std::variant<std::vector<ImageResult>, Error> annotateImages(const ImageJob& job, Predictor& predictor,
                                                             const std::function<void(const ImageResult&)>& onImage,
                                                             const std::atomic<bool>& stop);

/// COCO results JSON of the results (image_id = ImageResult::imageId) and, beside it, "<stem>.images.json" with
/// the COCO "images" entries (id, file_name, width, height) those ids stand for.
std::optional<Error> writeImageResultsJson(const std::string& path, const std::vector<ImageResult>& results);

} // namespace polytrain::inference
