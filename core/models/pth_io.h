// Reading and writing PyTorch .pth files without Python.
//
// Reads what torch.save writes: the zip format (torch >= 1.6) and the legacy format (older torch, many published
// checkpoints; with the storage views torch before 1.0 wrote), but not the tar archives of the oldest torch, holding a
// plain dict or the collections.OrderedDict that model.state_dict() returns, possibly nested in a checkpoint dict
// ("model", "state_dict", ...). torch::pickle_load in libtorch 1.13 cannot read OrderedDicts, so a small unpickler of
// our own handles the pickle and PyTorchStreamReader the zip records.
#pragma once

#include <ATen/core/Tensor.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace polytrain::models {

/// Parameter and buffer tensors by name, in file order.
using StateDict = std::vector<std::pair<std::string, at::Tensor>>;

/// Errors while reading or writing weights: the message names the file (and the parameter where there is one).
class WeightsError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Reads every tensor of a .pth file. When the top-level object is a dict whose value under "model",
/// "state_dict" or "model_state_dict" is a dict of tensors, that inner dict is returned. Throws WeightsError.
StateDict read_pth_state_dict(const std::string& path);

/// Writes `state` as a plain dict in torch.save's zip format; `torch.load(path)` in Python returns a dict of
/// tensors that load_state_dict accepts. The file is written atomically. Throws WeightsError.
void write_pth_state_dict(const std::string& path, const StateDict& state);

} // namespace polytrain::models
