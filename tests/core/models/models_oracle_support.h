// Runs tests/core/models/oracle/models_oracle.py with Debian's python3 into a fresh folder of the build's
// test-output dir and loads what it wrote.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace polytrain::models::test {

class ModelsOracle {
public:
  /// Throws std::runtime_error (the test fails) when the interpreter, torchvision or the script fails.
  /// `script`: a file of tests/core/models/oracle/.
  ModelsOracle(const std::string& test_case, int seed, const std::vector<std::string>& options = {},
               const std::string& script = "models_oracle.py");
  ~ModelsOracle();
  ModelsOracle(const ModelsOracle&) = delete;
  ModelsOracle& operator=(const ModelsOracle&) = delete;

  const at::Tensor& at(const std::string& key) const;
  const at::Tensor& at(const std::string& key, int64_t index) const { return at(key + "/" + std::to_string(index)); }
  bool contains(const std::string& key) const { return tensors_.count(key) > 0; }
  int64_t count() const;
  const std::map<std::string, at::Tensor>& tensors() const { return tensors_; }
  /// A file the oracle wrote (e.g. "weights.pth").
  std::string file(const std::string& name) const { return dir_ + "/" + name; }
  const std::string& dir() const { return dir_; }

private:
  std::string dir_;
  std::map<std::string, at::Tensor> tensors_;
};

/// Runs the oracle in `dir` without loading anything; returns the data it wrote.
std::map<std::string, at::Tensor> run_oracle(const std::string& test_case, int seed, const std::string& dir,
                                             const std::vector<std::string>& options,
                                             const std::string& script = "models_oracle.py");

/// A fresh, empty directory under the test-output dir.
std::string fresh_test_dir(const std::string& name);

double max_abs_diff(const at::Tensor& a, const at::Tensor& b);

} // namespace polytrain::models::test
