// Converting ~1000 Labelme files (the labelme-examples instance set replicated) to COCO with ours vs Labelme's
// Python rasterisation of the same shapes (labelme.utils.shape_to_mask over every shape, the core of
// labelme2coco.py), measured in the same run. Ours is timed end to end: scan, JSON parse, rasterise, COCO JSON.
#include "core/common/parallel_for.h"
#include "core/dataset/coco_export.h"
#include "core/dataset/dataset.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

namespace fs = std::filesystem;
using namespace polytrain::dataset;

int main(int argc, char** argv) {
  const int copies = argc > 1 ? std::stoi(argv[1]) : 333;
  const std::string examples = "/usr/share/doc/labelme-examples/examples/instance_segmentation/data_annotated";
  const fs::path folder = fs::temp_directory_path() / "polytrain_dataset_convert_bench";
  fs::remove_all(folder);
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(examples)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".jpg")
      fs::copy_file(entry.path(), folder / name);
    else if (entry.path().extension() == ".json")
      for (int i = 0; i < copies; ++i) // every copy names the same image file beside it
        fs::copy_file(entry.path(), folder / ("c" + std::to_string(i) + "_" + name));
  }

  const auto timeOurs = [&](int threads, int* instances) {
    const auto start = std::chrono::steady_clock::now();
    OpenOptions options;
    options.labelsFile = examples + "/../labels.txt";
    options.testRatio = 0;
    options.saveFiles = false;
    options.threads = threads;
    const Dataset dataset = openDataset(folder.string(), options);
    const double opened = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CocoExportOptions exportOptions;
    exportOptions.jsonFolder = folder.string();
    exportOptions.threads = threads;
    const CocoExport coco = buildCoco(dataset.train, dataset.classes, exportOptions);
    const std::string text = coco.coco.dump();
    *instances = coco.annotations;
    std::printf("  (%d threads: scan + parse %.3f s, rasterise + COCO JSON %.3f s)\n", threads, opened,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() - opened);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };

  const std::string command = std::string(POLYTRAIN_PYTHON) + " " + POLYTRAIN_SOURCE_DIR +
                              "/tests/bench/dataset_convert_bench.py " + folder.string() + " " + examples +
                              "/../labels.txt";
  FILE* pipe = popen(command.c_str(), "r");
  char line[256] = {0};
  const bool read = pipe && std::fgets(line, sizeof line, pipe);
  const int status = pipe ? pclose(pipe) : -1;
  int files = 0, pythonInstances = 0;
  double python = 0;
  if (!read || status != 0 || std::sscanf(line, "%d files %d instances %lf", &files, &pythonInstances, &python) != 3) {
    std::cerr << "reference failed (needs Debian's python3 with labelme): " << command << "\n";
    return 1;
  }
  const int cores = polytrain::resolveThreadCount(0);
  int instances1 = 0, instancesN = 0;
  timeOurs(cores, &instancesN); // warm the file cache
  const double one = timeOurs(1, &instances1);
  const double many = timeOurs(cores, &instancesN);
  double loadAverage[3] = {-1, -1, -1}; // numbers mean little on a busy machine: say how busy it was
  if (::getloadavg(loadAverage, 3) < 0)
    loadAverage[0] = -1;
  std::printf("load average (1 min) at the end: %.2f\n", loadAverage[0]);
  std::printf("dataset convert bench: %d Labelme files, %d instances (reference %d)\n", files, instancesN,
              pythonInstances);
  std::printf("BLAS: not used (OpenCV + std only); hardware threads: %u\n", std::thread::hardware_concurrency());
  std::printf("labelme shape_to_mask + numpy (1 thread): %.3f s\n", python);
  std::printf("ours, 1 thread:  %.3f s  ratio %.1fx\n", one, python / one);
  std::printf("ours, %d threads: %.3f s  ratio %.1fx\n", cores, many, python / many);
  fs::remove_all(folder);
  return instances1 == pythonInstances && instancesN == pythonInstances ? 0 : 1;
}
