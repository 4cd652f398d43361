// Runs tests/core/ops/oracle/torchvision_oracle.py with Debian's python3 and loads the tensors it saved.
#pragma once

#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <string>

namespace polytrain::ops::test {

/// Tensors saved by the oracle for one case and seed. Throws std::runtime_error (test fails) when the interpreter,
/// torchvision or the script fails.
class OracleData {
public:
  OracleData(const std::string& test_case, int seed);

  const at::Tensor& at(const std::string& key) const;
  const at::Tensor& at(const std::string& key, int64_t index) const { return at(key + "/" + std::to_string(index)); }
  int64_t count() const;
  bool contains(const std::string& key) const { return tensors_.count(key) > 0; }

private:
  std::map<std::string, at::Tensor> tensors_;
};

/// Sets the intra-op thread count for a scope and puts the previous one back.
class ThreadCount {
public:
  explicit ThreadCount(int n) : saved_(at::get_num_threads()) { at::set_num_threads(n); }
  ~ThreadCount() { at::set_num_threads(saved_); }
  ThreadCount(const ThreadCount&) = delete;
  ThreadCount& operator=(const ThreadCount&) = delete;

private:
  int saved_;
};

/// Maximum absolute difference, or +inf when the shapes differ.
double max_abs_diff(const at::Tensor& a, const at::Tensor& b);

} // namespace polytrain::ops::test
