#pragma once
// Whole-file operations behind `polytrain-cli labelme validate|convert|render`.
#include "core/common/atomic_file.h"
#include "core/common/error.h"

#include <optional>
#include <string>
#include <vector>

namespace polytrain::annotation {

struct Report {
  std::vector<Error> errors;
  std::vector<Error> warnings;
  std::string written; // the file written, if any
};

// Every problem of one Labelme file: JSON structure and shape geometry, then its image (missing, not an image,
// size disagreeing with imageHeight/imageWidth).
Report validateLabelmeFile(const std::string& path);

enum class ImageDataMode { Keep, Embed, Strip };

// Re-saves `input` into folder `outDir` (same file name) in the labelme 5.x layout: files older than 5.x get
// version 5.1.1, unknown keys stay, imagePath is rewritten relative to the new place with forward slashes,
// imageHeight/imageWidth are set to the real image size (read from the image's header where it tells), and
// imageData is kept, embedded or stripped. With `batch` the file is staged there (report.written names it; it
// appears, durable, when the batch commits), else written at once with writeFileAtomically.
Report convertLabelmeFile(const std::string& input, const std::string& outDir, ImageDataMode mode,
                          AtomicBatchWriter* batch = nullptr);

struct RenderOptions {
  std::optional<std::string> labelsFile; // labels.txt: class values in line order; else sorted labels from 1
  bool instances = false;                // write the instance map instead of the class map
};

// Writes the class map (or instance map) of `input` as a PNG: uint8, 0 = background (uint16 when an instance map
// has more than 255 instances); label value -1 (__ignore__) is written as 255 as Labelme's labelme2voc does.
Report renderLabelmeFile(const std::string& input, const std::string& outPng, const RenderOptions& options);

} // namespace polytrain::annotation
