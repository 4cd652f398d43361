#include "oracle_support.h"

#include <ATen/ATen.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <vector>

#include <unistd.h>

namespace polytrain::ops::test {

OracleData::OracleData(const std::string& test_case, int seed) {
  const std::string script = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/core/ops/oracle/torchvision_oracle.py";
  const std::string out = std::string(POLYTRAIN_TEST_OUTPUT_DIR) + "/ops_oracle_" + test_case + "_" +
                          std::to_string(seed) + "_" + std::to_string(::getpid()) + ".pt";
  const std::string log = out + ".log";
  const std::string cmd = std::string("'") + POLYTRAIN_PYTHON + "' '" + script + "' " + test_case + " " +
                          std::to_string(seed) + " '" + out + "' > '" + log + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  if (rc != 0) {
    std::ifstream log_in(log);
    const std::string text((std::istreambuf_iterator<char>(log_in)), std::istreambuf_iterator<char>());
    throw std::runtime_error("torchvision oracle failed (exit " + std::to_string(rc) + "): " + cmd +
                             "\n  the parity tests need Debian's python3 with python3-torchvision 0.14\n" + text);
  }
  std::ifstream in(out, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) {
    throw std::runtime_error("torchvision oracle wrote nothing to " + out);
  }
  const c10::IValue value = torch::jit::pickle_load(bytes);
  for (const auto& item : value.toGenericDict()) {
    tensors_[item.key().toStringRef()] = item.value().toTensor();
  }
  std::remove(out.c_str());
  std::remove(log.c_str());
}

const at::Tensor& OracleData::at(const std::string& key) const {
  const auto it = tensors_.find(key);
  if (it == tensors_.end()) {
    throw std::runtime_error("oracle output has no key '" + key + "'");
  }
  return it->second;
}

int64_t OracleData::count() const {
  return at("n").item<int64_t>();
}

double max_abs_diff(const at::Tensor& a, const at::Tensor& b) {
  if (a.sizes() != b.sizes()) {
    return std::numeric_limits<double>::infinity();
  }
  if (a.numel() == 0) {
    return 0.0;
  }
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

} // namespace polytrain::ops::test
