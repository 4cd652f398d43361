#include "core/inference/image_pipeline.h"

#include "core/common/atomic_file.h"
#include "core/dataset/dataset_scan.h"
#include "core/dataset/natural_sort.h"
#include "core/evaluation/coco_json.h"
#include "core/inference/coco_results.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

namespace polytrain::inference {
namespace {

namespace fs = std::filesystem;

} // namespace

std::variant<std::vector<std::string>, Error> listImages(const std::string& input) {
  std::error_code error;
  if (fs::is_regular_file(input, error))
    return std::vector<std::string>{input};
  if (!fs::is_directory(input, error))
    return Error{input, "", "no such file or folder"};
  std::vector<std::string> images;
  for (fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error), end; it != end;
       it.increment(error)) {
    if (error)
      break;
    if (it->is_regular_file(error) && dataset::isImageFileName(it->path().string()))
      images.push_back(it->path().string());
  }
  if (images.empty())
    return Error{input, "", "the folder holds no images (.jpg, .png, .bmp, .tif, ...)"};
  dataset::naturalSort(images);
  return images;
}

std::variant<std::vector<ImageResult>, Error> annotateImages(const ImageJob& job, Predictor& predictor,
                                                             const std::function<void(const ImageResult&)>& onImage,
                                                             const std::atomic<bool>& stop) {
  auto listed = listImages(job.input);
  if (auto* error = std::get_if<Error>(&listed))
    return *error;
  const auto& images = std::get<std::vector<std::string>>(listed);
  std::error_code fsError;
  if (!job.outputFolder.empty()) {
    fs::create_directories(job.outputFolder, fsError);
    if (!fs::is_directory(job.outputFolder, fsError))
      return Error{job.outputFolder, "", "cannot create the output folder"};
  }
  const bool fromFolder = fs::is_directory(job.input, fsError);
  const size_t classCount = predictor.classNames().size();
  std::vector<ImageResult> results;
  for (size_t index = 0; index < images.size() && !stop.load(); ++index) {
    ImageResult result;
    result.inputPath = images[index];
    result.imageId = static_cast<int64_t>(index) + 1;
    const cv::Mat image = cv::imread(result.inputPath, cv::IMREAD_COLOR); // EXIF orientation applied, as Labelme
    if (image.empty()) {
      result.error = Error{result.inputPath, "", "cannot decode the image"};
    } else {
      result.prediction = predictor.predict(image);
      if (!job.outputFolder.empty()) {
        const fs::path relative =
            fromFolder ? fs::relative(result.inputPath, job.input, fsError) : fs::path(result.inputPath).filename();
        const fs::path output = fs::path(job.outputFolder) / relative;
        fs::create_directories(output.parent_path(), fsError);
        const cv::Mat drawn = renderOverlay(image, result.prediction, job.overlay, classCount);
        bool written = false;
        try {
          written = cv::imwrite(output.string(), drawn);
        } catch (const cv::Exception&) {
          written = false;
        }
        if (written)
          result.outputPath = output.string();
        else
          result.error = Error{output.string(), "", "cannot write the annotated image"};
      }
    }
    if (onImage)
      onImage(result);
    results.push_back(std::move(result));
  }
  return results;
}

std::optional<Error> writeImageResultsJson(const std::string& path, const std::vector<ImageResult>& results) {
  std::vector<evaluation::Detection> detections;
  nlohmann::ordered_json images = nlohmann::ordered_json::array();
  for (const ImageResult& result : results) {
    if (result.prediction.imageWidth == 0)
      continue;
    const auto found = toEvaluationDetections(result.prediction, result.imageId);
    detections.insert(detections.end(), found.begin(), found.end());
    images.push_back({{"id", result.imageId},
                      {"file_name", result.inputPath},
                      {"width", result.prediction.imageWidth},
                      {"height", result.prediction.imageHeight}});
  }
  if (auto error = evaluation::writeCocoResults(path, detections))
    return error;
  const fs::path imagesPath = fs::path(path).parent_path() / (fs::path(path).stem().string() + ".images.json");
  return writeFileAtomically(imagesPath.string(), images.dump(2) + "\n");
}

} // namespace polytrain::inference
