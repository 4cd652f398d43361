#include "core/annotation/labelme_convert.h"

#include "core/annotation/base64.h"
#include "core/annotation/image_loading.h"
#include "core/annotation/label_maps.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "core/common/atomic_file.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <sstream>

namespace polytrain::annotation {
namespace fs = std::filesystem;

namespace {

void append(std::vector<Error>& to, const std::vector<Error>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

int majorVersion(const std::string& version) {
  try {
    return version.empty() ? 0 : std::stoi(version);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string relativeImagePath(const std::string& image, const std::string& outDir) {
  std::error_code error;
  const fs::path from = fs::weakly_canonical(fs::absolute(outDir, error), error);
  const fs::path target = fs::weakly_canonical(fs::absolute(image, error), error);
  const fs::path relative = target.lexically_relative(from);
  return forwardSlashes(relative.empty() ? target.string() : relative.generic_string());
}

std::vector<std::string> readLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::optional<Error> writePng(const std::string& path, const cv::Mat& image) {
  std::vector<uchar> encoded;
  try {
    if (!cv::imencode(".png", image, encoded))
      return Error{path, "", "cannot encode PNG"};
  } catch (const cv::Exception& failure) {
    return Error{path, "", std::string("cannot encode PNG: ") + failure.what()};
  }
  return writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(encoded.data()), encoded.size()));
}

} // namespace

Report validateLabelmeFile(const std::string& path) {
  Report report;
  const LoadResult loaded = readLabelmeFile(path);
  report.errors = loaded.errors;
  report.warnings = loaded.warnings;
  if (!loaded.document)
    return report;
  const ImageLoadResult image = loadDocumentImage(*loaded.document, path);
  append(report.errors, image.errors);
  append(report.warnings, image.warnings);
  return report;
}

Report convertLabelmeFile(const std::string& input, const std::string& outDir, ImageDataMode mode,
                          AtomicBatchWriter* batch) {
  Report report;
  LoadResult loaded = readLabelmeFile(input);
  report.warnings = loaded.warnings;
  if (!loaded.document) {
    report.errors = loaded.errors;
    return report;
  }
  LabelmeDocument document = std::move(*loaded.document);
  if (majorVersion(document.version) < 5)
    document.version = kLabelmeWriteVersion;

  // The image is looked up again through the rewritten imagePath, relative to the output folder: ".." only
  // resolves through a folder that exists.
  std::error_code ignored;
  fs::create_directories(outDir, ignored);
  const std::string imageFile = resolveImagePath(document, input);
  if (!imageFile.empty())
    document.imagePath = relativeImagePath(imageFile, outDir);
  else
    document.imagePath = forwardSlashes(document.imagePath);

  if (mode == ImageDataMode::Strip) {
    if (document.imageData && imageFile.empty())
      report.warnings.push_back({input, "/imageData", "stripped, and no image file is found next to the output"});
    document.imageData.reset();
  } else if (mode == ImageDataMode::Embed && !document.imageData) {
    if (imageFile.empty()) {
      report.errors.push_back({input, "/imagePath", "image \"" + document.imagePath + "\" not found; cannot embed it"});
      return report;
    }
    Error failure;
    const std::optional<std::string> bytes = imageBytesForEmbedding(imageFile, &failure);
    if (!bytes) {
      report.errors.push_back(failure);
      return report;
    }
    document.imageData = encodeBase64(*bytes);
  }

  const ImageProbeResult image = probeDocumentImage(document, fs::path(outDir) / fs::path(input).filename());
  if (image.size.empty()) {
    report.warnings.push_back({input, "", "image not found or not readable; imageHeight/imageWidth kept as they are"});
  } else {
    append(report.warnings, image.warnings);
    document.imageHeight = image.size.height;
    document.imageWidth = image.size.width;
  }

  std::error_code error;
  fs::create_directories(outDir, error);
  const std::string output = (fs::path(outDir) / fs::path(input).filename()).string();
  if (std::optional<Error> failure =
          batch ? batch->add(output, toLabelmeJson(document)) : writeLabelmeFile(output, document)) {
    report.errors.push_back(*failure);
    return report;
  }
  report.written = output;
  return report;
}

Report renderLabelmeFile(const std::string& input, const std::string& outPng, const RenderOptions& options) {
  Report report;
  const LoadResult loaded = readLabelmeFile(input);
  report.warnings = loaded.warnings;
  if (!loaded.document) {
    report.errors = loaded.errors;
    return report;
  }
  const LabelmeDocument& document = *loaded.document;
  cv::Size size;
  const ImageLoadResult image = loadDocumentImage(document, input);
  append(report.warnings, image.warnings);
  if (!image.image.empty()) {
    size = image.image.size();
  } else if (document.imageHeight && document.imageWidth) {
    size = cv::Size(*document.imageWidth, *document.imageHeight);
    for (const Error& e : image.errors)
      report.warnings.push_back({e.path, e.pointer, e.what + "; using imageHeight/imageWidth for the size"});
  } else {
    append(report.errors, image.errors);
    return report;
  }

  std::map<std::string, int> values;
  if (options.labelsFile) {
    std::string text;
    if (std::optional<Error> failure = readWholeFile(*options.labelsFile, text)) {
      report.errors.push_back(*failure);
      return report;
    }
    values = labelValuesFromList(readLines(text));
  } else {
    values = labelValuesSorted(document.shapes);
  }
  for (const auto& [name, value] : values)
    if (value < -1 || value > 255)
      report.errors.push_back(
          {options.labelsFile.value_or(input), "",
           "label \"" + name + "\" has value " + std::to_string(value) + ", which does not fit an 8-bit class map"});
  const LabelMaps maps = shapesToLabel(size, document.shapes, values, input);
  append(report.errors, maps.errors);
  if (!report.errors.empty())
    return report;

  cv::Mat out;
  if (options.instances) {
    maps.instanceMap.convertTo(out, maps.instances.size() > 255 ? CV_16U : CV_8U);
  } else {
    cv::Mat1i classes = maps.classMap.clone();
    classes.setTo(255, classes == -1);
    classes.convertTo(out, CV_8U);
  }
  if (std::optional<Error> failure = writePng(outPng, out)) {
    report.errors.push_back(*failure);
    return report;
  }
  report.written = outPng;
  return report;
}

} // namespace polytrain::annotation
