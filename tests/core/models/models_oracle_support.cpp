#include "models_oracle_support.h"
#include "tests/support/test_output.h"

#include "core/models/pth_io.h"

#include <ATen/ATen.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>

#include <unistd.h>

namespace polytrain::models::test {

namespace fs = std::filesystem;

std::string fresh_test_dir(const std::string& name) {
  const fs::path dir = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / ("models_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  polytrain::testing::removeWhenTheTestPasses(dir);
  return dir.string();
}

std::map<std::string, at::Tensor> run_oracle(const std::string& test_case, int seed, const std::string& dir,
                                             const std::vector<std::string>& options, const std::string& script_name) {
  const std::string script = std::string(POLYTRAIN_SOURCE_DIR) + "/tests/core/models/oracle/" + script_name;
  fs::create_directories(dir);
  const std::string log = dir + "/oracle.log";
  std::string cmd = std::string("'") + POLYTRAIN_PYTHON + "' '" + script + "' " + test_case + " " +
                    std::to_string(seed) + " '" + dir + "'";
  for (const auto& o : options) {
    cmd += " '" + o + "'";
  }
  cmd += " > '" + log + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  if (rc != 0) {
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    throw std::runtime_error("torchvision oracle failed (exit " + std::to_string(rc) + "): " + cmd +
                             "\n  the parity tests need Debian's python3 with python3-torchvision 0.14\n" + text);
  }
  std::map<std::string, at::Tensor> tensors;
  for (auto& [k, v] : read_pth_state_dict(dir + "/data.pt")) {
    tensors[k] = v;
  }
  return tensors;
}

ModelsOracle::ModelsOracle(const std::string& test_case, int seed, const std::vector<std::string>& options,
                           const std::string& script)
    : dir_(fresh_test_dir(test_case + "_" + std::to_string(seed))) {
  tensors_ = run_oracle(test_case, seed, dir_, options, script);
}

ModelsOracle::~ModelsOracle() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

const at::Tensor& ModelsOracle::at(const std::string& key) const {
  const auto it = tensors_.find(key);
  if (it == tensors_.end()) {
    throw std::runtime_error("oracle output has no key '" + key + "'");
  }
  return it->second;
}

int64_t ModelsOracle::count() const {
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

} // namespace polytrain::models::test
