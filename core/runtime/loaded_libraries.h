#pragma once
#include <string>
#include <vector>

namespace polytrain::runtime {

// Real paths of the shared objects mapped into this process (from /proc/self/maps), in load order.
std::vector<std::string> loadedLibraries();

// The BLAS that libtorch actually calls: the first loaded library whose name says BLAS
// (libopenblas, libblis, libmkl, or the reference libblas). Empty when none is mapped.
std::string loadedBlasLibrary();

// True for Netlib's reference BLAS (Debian's libblas3), which is 5-10x slower than OpenBLAS here.
bool isReferenceBlas(const std::string& libraryPath);

} // namespace polytrain::runtime
