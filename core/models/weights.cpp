#include "core/models/weights.h"

#include <ATen/ATen.h>
#include <c10/util/irange.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <map>
#include <regex>
#include <sstream>
#include <unordered_map>

namespace polytrain::models {
namespace {

void collect(const torch::nn::Module& m, const std::string& prefix, StateDict& out) {
  for (const auto& p : m.named_parameters(false)) {
    out.emplace_back(prefix + p.key(), p.value());
  }
  for (const auto& b : m.named_buffers(false)) {
    out.emplace_back(prefix + b.key(), b.value());
  }
  for (const auto& c : m.named_children()) {
    collect(*c.value(), prefix + c.key() + ".", out);
  }
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.rfind(p, 0) == 0;
}

bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

bool any_prefix(const std::string& s, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes) {
    if (starts_with(s, p)) {
      return true;
    }
  }
  return false;
}

std::string shape(const at::Tensor& t) {
  std::ostringstream o;
  o << t.sizes();
  return o.str();
}

} // namespace

StateDict module_state_dict(const torch::nn::Module& module) {
  StateDict out;
  collect(module, "", out);
  return out;
}

std::vector<std::string> map_torchvision_legacy_keys(StateDict& state) {
  static const std::regex fpn(R"(^(.*fpn\.(inner_blocks|layer_blocks)\.\d+)\.(weight|bias)$)");
  static const std::regex rpn(R"(^(.*rpn\.head\.conv)\.(weight|bias)$)");
  static const std::regex mask(R"(^(.*roi_heads\.mask_head)\.mask_fcn(\d+)\.(weight|bias)$)");
  std::vector<std::string> renamed;
  std::map<std::string, bool> present;
  for (const auto& kv : state) {
    present[kv.first] = true;
  }
  for (auto& kv : state) {
    std::smatch m;
    std::string to;
    if (std::regex_match(kv.first, m, fpn)) {
      to = m[1].str() + ".0." + m[3].str();
    } else if (std::regex_match(kv.first, m, rpn)) {
      to = m[1].str() + ".0.0." + m[2].str();
    } else if (std::regex_match(kv.first, m, mask)) {
      to = m[1].str() + "." + std::to_string(std::stoi(m[2].str()) - 1) + ".0." + m[3].str();
    }
    if (!to.empty() && !present.count(to)) {
      renamed.push_back(kv.first);
      kv.first = to;
    }
  }
  return renamed;
}

std::string LoadReport::summary() const {
  std::ostringstream o;
  o << loaded << " tensors loaded";
  if (!renamed.empty()) {
    o << ", " << renamed.size() << " legacy names mapped";
  }
  if (!reinitialised.empty()) {
    o << "; re-initialised (class count differs):";
    for (const auto& r : reinitialised) {
      o << "\n  " << r;
    }
  }
  if (!missing.empty()) {
    o << "\n" << missing.size() << " not in the file (kept their initialisation)";
  }
  if (!unexpected.empty()) {
    o << "\n" << unexpected.size() << " file entries not used";
  }
  return o.str();
}

LoadReport load_state_dict_into(torch::nn::Module& module, StateDict state, const LoadOptions& options,
                                const std::string& source) {
  LoadReport report;
  report.renamed = map_torchvision_legacy_keys(state);
  std::unordered_map<std::string, at::Tensor> file;
  for (auto& kv : state) {
    file[kv.first] = kv.second;
  }
  const StateDict model = module_state_dict(module);
  std::unordered_map<std::string, bool> in_model;
  std::vector<std::string> required_missing;
  torch::NoGradGuard no_grad;
  for (const auto& [name, dst] : model) {
    in_model[name] = true;
    const auto it = file.find(name);
    if (it == file.end()) {
      const bool required = options.required_prefixes.empty() || any_prefix(name, options.required_prefixes);
      if (ends_with(name, "num_batches_tracked")) {
        continue;
      }
      if (required) {
        required_missing.push_back(name);
      } else {
        report.missing.push_back(name);
      }
      continue;
    }
    const at::Tensor& src = it->second;
    if (src.sizes() != dst.sizes()) {
      if (any_prefix(name, options.reinitialisable_prefixes)) {
        report.reinitialised.push_back(name + ": file " + shape(src) + ", model " + shape(dst));
        continue;
      }
      throw WeightsError(source + ": shape mismatch for '" + name + "': the file has " + shape(src) +
                         ", the model expects " + shape(dst));
    }
    at::Tensor target = dst;
    target.copy_(src);
    ++report.loaded;
  }
  if (!required_missing.empty()) {
    std::ostringstream o;
    o << source << ": " << required_missing.size() << " entries missing from the file, e.g.";
    for (size_t i = 0; i < std::min<size_t>(5, required_missing.size()); ++i) {
      o << " '" << required_missing[i] << "'";
    }
    throw WeightsError(o.str());
  }
  for (const auto& kv : state) {
    if (!in_model.count(kv.first) && !ends_with(kv.first, "num_batches_tracked") &&
        !any_prefix(kv.first, options.ignored_prefixes)) {
      report.unexpected.push_back(kv.first);
    }
  }
  if (options.reject_unexpected && !report.unexpected.empty()) {
    std::ostringstream o;
    o << source << ": " << report.unexpected.size() << " entries in the file that the model does not have, e.g.";
    for (size_t i = 0; i < std::min<size_t>(5, report.unexpected.size()); ++i) {
      o << " '" << report.unexpected[i] << "'";
    }
    o << " (a different architecture?)";
    throw WeightsError(o.str());
  }
  return report;
}

} // namespace polytrain::models
