#include "core/runtime/loaded_libraries.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace polytrain::runtime {

std::vector<std::string> loadedLibraries() {
  std::vector<std::string> libraries;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash == std::string::npos)
      continue;
    const std::string path = line.substr(slash);
    if (path.find(".so") == std::string::npos)
      continue;
    if (std::find(libraries.begin(), libraries.end(), path) == libraries.end())
      libraries.push_back(path);
  }
  return libraries;
}

std::string loadedBlasLibrary() {
  static const char* const kBlasNames[] = {"libopenblas", "libmkl_rt", "libmkl_core", "libblis", "libblas.so"};
  for (const std::string& path : loadedLibraries()) {
    const std::string name = path.substr(path.rfind('/') + 1);
    for (const char* blas : kBlasNames)
      if (name.rfind(blas, 0) == 0)
        return path;
  }
  return {};
}

bool isReferenceBlas(const std::string& libraryPath) {
  // Debian's alternatives resolve libblas.so.3 to a directory that names the implementation:
  // .../openblas-pthread/libblas.so.3, .../blis-openmp/libblas.so.3, or .../blas/libblas.so.3 for Netlib's.
  if (libraryPath.empty())
    return false;
  const std::string name = libraryPath.substr(libraryPath.rfind('/') + 1);
  if (name.rfind("libblas.so", 0) != 0)
    return false;
  return libraryPath.find("openblas") == std::string::npos && libraryPath.find("blis") == std::string::npos &&
         libraryPath.find("mkl") == std::string::npos && libraryPath.find("atlas") == std::string::npos;
}

} // namespace polytrain::runtime
