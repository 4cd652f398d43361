// Benchmark: load + save of every Labelme file in labelme-examples, ours vs Labelme's LabelFile, in the same run.
// Not a test; run it on purpose:  build/.../labelme_io_bench [REPEATS=5]
// "load" is what Labelme's LabelFile.load does: parse the JSON and decode the image (to check its size);
// "save" writes the 5.x JSON (atomically, for us). Both sides run on one thread.
#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/wait.h>
#include <thread>

namespace fs = std::filesystem;
using namespace polytrain::annotation;

namespace {

std::vector<std::string> exampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator("/usr/share/doc/labelme-examples/examples"))
    if (entry.path().extension() == ".json" && entry.path().parent_path().filename() != "data_dataset_coco")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

template <class Pass> double bestOf(int repeats, Pass pass) {
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    pass();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

double valueAfter(const std::string& text, const std::string& key) {
  const size_t at = text.find(key + " ");
  return at == std::string::npos ? -1.0 : std::stod(text.substr(at + key.size() + 1));
}

} // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  cv::setNumThreads(1); // one thread, like LabelFile
  const std::vector<std::string> files = exampleFiles();
  const fs::path out = fs::temp_directory_path() / "polytrain_labelme_io_bench";
  fs::create_directories(out);

  bool ok = true;
  const double ours = bestOf(repeats, [&] {
    for (size_t i = 0; i < files.size(); ++i) {
      const LoadResult loaded = readLabelmeFile(files[i]);
      const ImageLoadResult image = loaded.ok() ? loadDocumentImage(*loaded.document, files[i]) : ImageLoadResult{};
      ok = ok && loaded.ok() && !image.image.empty();
      if (loaded.ok())
        ok = !writeLabelmeFile((out / (std::to_string(i) + ".json")).string(), *loaded.document) && ok;
    }
  });
  const double oursJson = bestOf(repeats, [&] {
    for (size_t i = 0; i < files.size(); ++i) {
      const LoadResult loaded = readLabelmeFile(files[i]);
      if (loaded.ok())
        ok = !writeLabelmeFile((out / (std::to_string(i) + ".json")).string(), *loaded.document) && ok;
    }
  });

  // Without the disk: parse the bytes and serialise, to separate the code's speed from write + fsync + rename.
  std::vector<std::string> texts;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
  }
  size_t written = 0;
  const double oursMemory = bestOf(repeats, [&] {
    for (size_t i = 0; i < texts.size(); ++i) {
      const LoadResult loaded = parseLabelmeJson(texts[i], files[i]);
      if (loaded.ok())
        written += toLabelmeJson(*loaded.document).size();
    }
  });

  std::string command = quote(POLYTRAIN_PYTHON) + " " + quote(POLYTRAIN_SOURCE_DIR "/tests/bench/labelme_io_bench.py") +
                        " " + std::to_string(repeats) + " " + quote(out.string());
  for (const std::string& file : files)
    command += " " + quote(file);
  std::string text;
  if (FILE* pipe = ::popen((command + " 2>&1").c_str(), "r")) {
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      text.append(buffer.data(), n);
    ::pclose(pipe);
  }
  const double labelme = valueAfter(text, "labelme_seconds");
  const double labelmeJson = valueAfter(text, "labelme_json_seconds");

  std::printf("labelme_io_bench: %zu files from labelme-examples, best of %d passes, 1 thread each side "
              "(hardware threads: %u)\n",
              files.size(), repeats, std::thread::hardware_concurrency());
  std::printf("  load+save (JSON + image decode):  ours %8.2f ms   labelme LabelFile %8.2f ms   ratio %.1fx\n",
              ours * 1e3, labelme * 1e3, labelme / ours);
  std::printf("  JSON only (parse + write):         ours %8.2f ms   python json       %8.2f ms   ratio %.1fx\n",
              oursJson * 1e3, labelmeJson * 1e3, labelmeJson / oursJson);
  std::printf("  in memory (parse + serialise):      ours %8.2f ms   (no file I/O; %zu bytes out)\n", oursMemory * 1e3,
              written / size_t(repeats));
  std::printf("  note: our save is atomic and durable (temp file, fsync, rename, fsync folder); LabelFile.save is a "
              "plain write\n");
  if (labelme < 0)
    std::printf("  the Python side failed:\n%s\n", text.c_str());
  if (!ok)
    std::printf("  WARNING: some files failed to load or save\n");
  return ok && labelme > 0 ? 0 : 1;
}
