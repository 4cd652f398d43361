// `polytrain-cli labelme validate|convert|render`: argument parsing only; the work is in core/annotation.
#include "app/cli/commands.h"
#include "core/annotation/labelme_convert.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace polytrain::cli {
namespace {
namespace fs = std::filesystem;
using annotation::Report;

// Files named on the command line, with folders expanded to the .json files under them (sorted).
std::vector<std::string> expandPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error))
      if (it->is_regular_file(error) && it->path().extension() == ".json")
        found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

struct Tally {
  size_t files = 0, errors = 0, warnings = 0;

  void print(const Report& report) {
    ++files;
    for (const Error& e : report.errors)
      std::cout << "error: " << e.message() << "\n";
    for (const Error& w : report.warnings)
      std::cout << "warning: " << w.message() << "\n";
    errors += report.errors.size();
    warnings += report.warnings.size();
  }

  int finish(const char* verb) const {
    std::cout << verb << " " << files << " file(s): " << errors << " error(s), " << warnings << " warning(s)\n";
    return errors == 0 ? 0 : 1;
  }
};

int runValidate(const std::vector<std::string>& paths) {
  Tally tally;
  for (const std::string& file : expandPaths(paths))
    tally.print(annotation::validateLabelmeFile(file));
  return tally.finish("validated");
}

// Many files: written through one AtomicBatchWriter, so each is still atomic and all are durable on exit, with a
// disk flush per batch instead of two per file. "wrote" is said once a file is in place.
int runConvert(const std::vector<std::string>& paths, const std::string& outDir, annotation::ImageDataMode mode) {
  Tally tally;
  AtomicBatchWriter batch;
  for (const std::string& file : expandPaths(paths))
    tally.print(annotation::convertLabelmeFile(file, outDir, mode, &batch));
  const AtomicBatchWriter::Result committed = batch.commit();
  for (const std::string& written : committed.written)
    std::cout << "wrote " << written << "\n";
  for (const Error& e : committed.errors)
    std::cout << "error: " << e.message() << "\n";
  tally.errors += committed.errors.size();
  return tally.finish("converted");
}

int runRender(const std::string& file, const std::string& out, const annotation::RenderOptions& options) {
  Tally tally;
  const Report report = annotation::renderLabelmeFile(file, out, options);
  tally.print(report);
  if (!report.written.empty())
    std::cout << "wrote " << report.written << "\n";
  return report.errors.empty() ? 0 : 1;
}

} // namespace

void registerLabelmeCommands(CLI::App& app, const GlobalOptions& /*global*/, PendingCommand& pending) {
  auto* labelme = app.add_subcommand("labelme", "check, convert and render Labelme JSON annotation files");
  labelme->require_subcommand(1);

  auto* validate = labelme->add_subcommand("validate", "list every problem in Labelme files (exit 1 if any error)");
  auto validatePaths = std::make_shared<std::vector<std::string>>();
  validate->add_option("paths", *validatePaths, "Labelme .json files or folders of them")->required();
  validate->callback([&pending, validatePaths] { pending = [validatePaths] { return runValidate(*validatePaths); }; });

  auto* convert = labelme->add_subcommand("convert", "re-save Labelme files in the labelme 5.x layout, unknown keys "
                                                     "kept (upgrades 3.x/4.x files, embeds or strips images)");
  struct ConvertArgs {
    std::vector<std::string> paths;
    std::string out;
    annotation::ImageDataMode mode = annotation::ImageDataMode::Keep;
  };
  auto convertArgs = std::make_shared<ConvertArgs>();
  convert->add_option("paths", convertArgs->paths, "Labelme .json files or folders of them")->required();
  convert->add_option("--out", convertArgs->out, "output folder")->required();
  const std::map<std::string, annotation::ImageDataMode> modes{{"keep", annotation::ImageDataMode::Keep},
                                                               {"embed", annotation::ImageDataMode::Embed},
                                                               {"strip", annotation::ImageDataMode::Strip}};
  convert->add_option("--image-data", convertArgs->mode, "keep (default), embed or strip imageData")
      ->transform(CLI::CheckedTransformer(modes, CLI::ignore_case));
  convert->callback([&pending, convertArgs] {
    pending = [convertArgs] { return runConvert(convertArgs->paths, convertArgs->out, convertArgs->mode); };
  });

  auto* render = labelme->add_subcommand("render", "write the class map (or instance map) of a Labelme file as a "
                                                   "PNG, exactly as Labelme's shapes_to_label makes it");
  struct RenderArgs {
    std::string file;
    std::string out;
    std::string labels;
    bool instances = false;
  };
  auto renderArgs = std::make_shared<RenderArgs>();
  render->add_option("file", renderArgs->file, "Labelme .json file")->required();
  render->add_option("--out", renderArgs->out, "output PNG (uint8, 0 = background)")->required();
  render->add_option("--labels", renderArgs->labels,
                     "labels.txt: class values in line order (__ignore__ = -1 -> 255, _background_ = 0); default: "
                     "sorted labels from 1");
  render->add_flag("--instances", renderArgs->instances, "write the instance map (1 + instance index) instead");
  render->callback([&pending, renderArgs] {
    pending = [renderArgs] {
      annotation::RenderOptions options;
      if (!renderArgs->labels.empty())
        options.labelsFile = renderArgs->labels;
      options.instances = renderArgs->instances;
      return runRender(renderArgs->file, renderArgs->out, options);
    };
  });
}

} // namespace polytrain::cli
