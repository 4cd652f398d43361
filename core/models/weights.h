// Moving weights between our modules and torchvision state dicts: legacy key names, shape checks, predictor
// re-initialisation when the class count differs, classification-backbone import, export.
#pragma once

#include "core/models/pth_io.h"

#include <torch/nn/module.h>

#include <string>
#include <vector>

namespace polytrain::models {

/// Every parameter and buffer of `module` in torchvision's state_dict order (own parameters, own buffers, then
/// children in registration order).
StateDict module_state_dict(const torch::nn::Module& module);

/// Renames torchvision's pre-0.13 key names the way its _load_from_state_dict hooks do: FPN "inner_blocks.i.w" ->
/// "inner_blocks.i.0.w" (and layer_blocks), RPN "rpn.head.conv.w" -> "rpn.head.conv.0.0.w", mask head
/// "mask_fcnN.w" -> "N-1.0.w". Keys already in the new form are left alone. Returns the renamed old names.
std::vector<std::string> map_torchvision_legacy_keys(StateDict& state);

struct LoadOptions {
  /// Name prefixes whose tensors may differ in shape (the class-count dependent predictors): such tensors keep
  /// the model's initialisation and are reported in LoadReport::reinitialised. Any other mismatch throws.
  std::vector<std::string> reinitialisable_prefixes = {"roi_heads.box_predictor.",
                                                       "roi_heads.mask_predictor.mask_fcn_logits."};
  /// Model entries under these prefixes must all be in the file; others may be missing. Empty: all required.
  std::vector<std::string> required_prefixes;
  /// File entries under these prefixes are ignored silently (e.g. a classifier's "fc.").
  std::vector<std::string> ignored_prefixes;
  /// Throw when the file has entries the model does not (a different architecture); false: report them.
  bool reject_unexpected = true;
};

struct LoadReport {
  int64_t loaded = 0;
  std::vector<std::string> renamed;       ///< legacy names mapped
  std::vector<std::string> reinitialised; ///< "name: file [..] vs model [..]"
  std::vector<std::string> missing;       ///< model entries not in the file (allowed ones only)
  std::vector<std::string> unexpected;    ///< file entries the model does not have (ignored)
  std::string summary() const;
};

/// Copies `state` into `module`. Throws WeightsError naming `source`, the parameter and both shapes on a
/// shape mismatch, or listing required entries the file lacks. num_batches_tracked entries are optional both ways
/// (FrozenBatchNorm2d has none; BatchNorm2d keeps its own when the file lacks them).
LoadReport load_state_dict_into(torch::nn::Module& module, StateDict state, const LoadOptions& options,
                                const std::string& source);

} // namespace polytrain::models
