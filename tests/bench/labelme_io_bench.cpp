// Benchmark: load + save of every Labelme file in labelme-examples, ours vs Labelme's LabelFile, in the same run.
// Not a test; run it on purpose:  build/.../labelme_io_bench [REPEATS=5]
// "load" is what Labelme's LabelFile.load does: parse the JSON and check imageHeight/imageWidth against the image
// (LabelFile decodes the image for that; we read the size from the JPEG/PNG header, decoding only what it does not
// tell); "save" writes the 5.x JSON. Both sides run on one thread. Our saves are always atomic (temp + rename);
// "durable" fsyncs every file and its folder (a single interactive save), "batch" makes the pass's files durable
// together (AtomicBatchWriter: one syncfs + one fsync per folder, what `labelme convert` does). LabelFile.save is a
// plain open/write with neither.
#include "core/annotation/image_loading.h"
#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "core/common/atomic_file.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
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
  const auto jsonPath = [&](size_t i) { return (out / (std::to_string(i) + ".json")).string(); };
  // Load: parse + the image size from its header (what LabelFile.load checks, without keeping pixels).
  const auto load = [&](size_t i) {
    LoadResult loaded = readLabelmeFile(files[i]);
    const ImageProbeResult image = loaded.ok() ? probeDocumentImage(*loaded.document, files[i]) : ImageProbeResult{};
    ok = ok && loaded.ok() && !image.size.empty();
    return loaded;
  };
  const double oursDurable = bestOf(repeats, [&] {
    for (size_t i = 0; i < files.size(); ++i)
      if (const LoadResult loaded = load(i); loaded.ok())
        ok = !writeLabelmeFile(jsonPath(i), *loaded.document) && ok;
  });
  const double oursBatch = bestOf(repeats, [&] {
    polytrain::AtomicBatchWriter batch;
    for (size_t i = 0; i < files.size(); ++i)
      if (const LoadResult loaded = load(i); loaded.ok())
        ok = !batch.add(jsonPath(i), toLabelmeJson(*loaded.document)) && ok;
    ok = batch.commit().errors.empty() && ok;
  });
  // The same with the image fully decoded (what the Annotate view needs to show it), for reference.
  const double oursDecoded = bestOf(repeats, [&] {
    polytrain::AtomicBatchWriter batch;
    for (size_t i = 0; i < files.size(); ++i) {
      const LoadResult loaded = readLabelmeFile(files[i]);
      const ImageLoadResult image = loaded.ok() ? loadDocumentImage(*loaded.document, files[i]) : ImageLoadResult{};
      ok = ok && loaded.ok() && !image.image.empty();
      if (loaded.ok())
        ok = !batch.add(jsonPath(i), toLabelmeJson(*loaded.document)) && ok;
    }
    ok = batch.commit().errors.empty() && ok;
  });
  const double oursJsonDurable = bestOf(repeats, [&] {
    for (size_t i = 0; i < files.size(); ++i) {
      const LoadResult loaded = readLabelmeFile(files[i]);
      if (loaded.ok())
        ok = !writeLabelmeFile(jsonPath(i), *loaded.document) && ok;
    }
  });
  const double oursJsonBatch = bestOf(repeats, [&] {
    polytrain::AtomicBatchWriter batch;
    for (size_t i = 0; i < files.size(); ++i) {
      const LoadResult loaded = readLabelmeFile(files[i]);
      if (loaded.ok())
        ok = !batch.add(jsonPath(i), toLabelmeJson(*loaded.document)) && ok;
    }
    ok = batch.commit().errors.empty() && ok;
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

  double loadAverage[3] = {-1, -1, -1}; // numbers mean little on a busy machine: say how busy it was
  if (::getloadavg(loadAverage, 3) < 0)
    loadAverage[0] = -1;
  std::printf("load average (1 min) at the end: %.2f\n", loadAverage[0]);
  std::printf("labelme_io_bench: %zu files from labelme-examples, best of %d passes, 1 thread each side "
              "(hardware threads: %u)\n",
              files.size(), repeats, std::thread::hardware_concurrency());
  std::printf("  load+save, batch save (header size):   ours %8.2f ms   labelme LabelFile %8.2f ms   ratio %.1fx\n",
              oursBatch * 1e3, labelme * 1e3, labelme / oursBatch);
  std::printf("  load+save, durable save (header size): ours %8.2f ms   labelme LabelFile %8.2f ms   ratio %.1fx\n",
              oursDurable * 1e3, labelme * 1e3, labelme / oursDurable);
  std::printf("  load+save, batch save, full decode:    ours %8.2f ms   labelme LabelFile %8.2f ms   ratio %.1fx\n",
              oursDecoded * 1e3, labelme * 1e3, labelme / oursDecoded);
  std::printf("  JSON only (parse + write), batch:      ours %8.2f ms   python json       %8.2f ms   ratio %.1fx\n",
              oursJsonBatch * 1e3, labelmeJson * 1e3, labelmeJson / oursJsonBatch);
  std::printf("  JSON only (parse + write), durable:    ours %8.2f ms   python json       %8.2f ms   ratio %.1fx\n",
              oursJsonDurable * 1e3, labelmeJson * 1e3, labelmeJson / oursJsonDurable);
  std::printf("  in memory (parse + serialise):         ours %8.2f ms   (no file I/O; %zu bytes out)\n",
              oursMemory * 1e3, written / size_t(repeats));
  std::printf("  saves: ours always atomic (temp + rename). durable = fsync of every file and its folder; batch = "
              "the pass's files made durable together (one syncfs, one fsync per folder) before they replace the "
              "targets. LabelFile.save is a plain write (neither atomic nor durable).\n");
  if (labelme < 0)
    std::printf("  the Python side failed:\n%s\n", text.c_str());
  if (!ok)
    std::printf("  WARNING: some files failed to load or save\n");
  return ok && labelme > 0 ? 0 : 1;
}
