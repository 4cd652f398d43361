#include "core/models/pth_io.h"

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <unordered_map>

namespace polytrain::models {
namespace {

// ---- a minimal Python value model, enough for torch.save'd state dicts ----
struct PyObj;
using PyRef = std::shared_ptr<PyObj>;

struct PyObj {
  enum class Kind { None, Bool, Int, Float, Str, Bytes, Tuple, List, Dict, Global, Tensor, Storage, Object, Mark };
  Kind kind = Kind::None;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;                             // str, bytes, global module
  std::string name;                          // global name
  std::vector<PyRef> items;                  // tuple, list, object args
  std::vector<std::pair<PyRef, PyRef>> dict; // dict (insertion order)
  at::Tensor tensor;                         // tensor, or the flat storage tensor (a view's: its root storage)
  PyRef callable;                            // object made by REDUCE of an unknown callable

  static PyRef make(Kind k) {
    auto p = std::make_shared<PyObj>();
    p->kind = k;
    return p;
  }
};
using Kind = PyObj::Kind;

at::ScalarType storage_dtype(const std::string& storage_type) {
  static const std::map<std::string, at::ScalarType> types = {{"FloatStorage", at::kFloat},
                                                              {"DoubleStorage", at::kDouble},
                                                              {"HalfStorage", at::kHalf},
                                                              {"BFloat16Storage", at::kBFloat16},
                                                              {"LongStorage", at::kLong},
                                                              {"IntStorage", at::kInt},
                                                              {"ShortStorage", at::kShort},
                                                              {"CharStorage", at::kChar},
                                                              {"ByteStorage", at::kByte},
                                                              {"BoolStorage", at::kBool},
                                                              {"ComplexFloatStorage", at::kComplexFloat},
                                                              {"ComplexDoubleStorage", at::kComplexDouble}};
  const auto it = types.find(storage_type);
  if (it == types.end()) {
    throw WeightsError("unsupported storage type torch." + storage_type);
  }
  return it->second;
}

/// Loads storage `key` of `numel` elements of `dtype` (called from persistent_load).
using StorageLoader = std::function<at::Tensor(const std::string& key, at::ScalarType dtype, int64_t numel)>;

class Unpickler {
public:
  Unpickler(const char* data, size_t size, StorageLoader loader)
      : p_(data), end_(data + size), loader_(std::move(loader)) {}

  PyRef load();
  size_t consumed(const char* begin) const { return static_cast<size_t>(p_ - begin); }

private:
  [[noreturn]] void fail(const std::string& what) const { throw WeightsError("pickle: " + what); }
  const char* take(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) {
      fail("unexpected end of data");
    }
    const char* r = p_;
    p_ += n;
    return r;
  }
  template <typename T> T read_le() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  std::string read_line() {
    const char* nl = static_cast<const char*>(std::memchr(p_, '\n', static_cast<size_t>(end_ - p_)));
    if (nl == nullptr) {
      fail("unterminated line");
    }
    std::string s(p_, nl);
    p_ = nl + 1;
    return s;
  }
  PyRef pop() {
    if (stack_.empty()) {
      fail("stack underflow");
    }
    PyRef v = stack_.back();
    stack_.pop_back();
    return v;
  }
  std::vector<PyRef> pop_mark() {
    if (marks_.empty()) {
      fail("MARK missing");
    }
    const size_t m = marks_.back();
    marks_.pop_back();
    std::vector<PyRef> items(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
    stack_.resize(m);
    return items;
  }
  PyRef make_int(int64_t v) {
    auto o = PyObj::make(Kind::Int);
    o->i = v;
    return o;
  }
  PyRef make_str(std::string s, Kind k = Kind::Str) {
    auto o = PyObj::make(k);
    o->s = std::move(s);
    return o;
  }
  PyRef make_tuple(std::vector<PyRef> items) {
    auto o = PyObj::make(Kind::Tuple);
    o->items = std::move(items);
    return o;
  }
  PyRef global(std::string module, std::string name) {
    auto o = PyObj::make(Kind::Global);
    o->s = std::move(module);
    o->name = std::move(name);
    return o;
  }
  PyRef long_from_bytes(const char* b, size_t n) {
    int64_t v = 0;
    if (n > 8) { // only the legacy format's magic number; keep a marker, the value itself is not used
      auto o = PyObj::make(Kind::Object);
      o->s = "big int";
      return o;
    }
    for (size_t k = 0; k < n; ++k) {
      v |= static_cast<int64_t>(static_cast<uint8_t>(b[k])) << (8 * k);
    }
    if (n > 0 && n < 8 && (static_cast<uint8_t>(b[n - 1]) & 0x80)) {
      v -= int64_t{1} << (8 * n);
    }
    return make_int(v);
  }
  static int64_t as_int(const PyRef& v) {
    if (v->kind == Kind::Int || v->kind == Kind::Bool) {
      return v->kind == Kind::Int ? v->i : static_cast<int64_t>(v->b);
    }
    throw WeightsError("pickle: expected an integer");
  }
  static std::vector<int64_t> as_ints(const PyRef& v) {
    std::vector<int64_t> r;
    for (const auto& x : v->items) {
      r.push_back(as_int(x));
    }
    return r;
  }
  PyRef reduce(const PyRef& callable, const PyRef& args);
  PyRef persistent_load(const PyRef& pid);
  void set_item(const PyRef& dict, PyRef key, PyRef value) {
    if (dict->kind == Kind::Dict) {
      dict->dict.emplace_back(std::move(key), std::move(value));
    } else if (dict->kind != Kind::Object) { // items of unknown objects are dropped
      fail("SETITEM on a non-dict");
    }
  }

  const char* p_;
  const char* end_;
  StorageLoader loader_;
  std::vector<PyRef> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<int64_t, PyRef> memo_;
  std::map<std::string, PyRef> storages_;
  std::map<std::string, PyRef> views_;
};

PyRef Unpickler::persistent_load(const PyRef& pid) {
  // ('storage', storage_type, key, location, numel[, view_metadata])
  if (pid->kind != Kind::Tuple || pid->items.size() < 5 || pid->items[0]->s != "storage") {
    fail("unsupported persistent id");
  }
  const PyRef& type = pid->items[1];
  const std::string key = pid->items[2]->s;
  const int64_t numel = as_int(pid->items[4]);
  auto it = storages_.find(key);
  if (it == storages_.end()) {
    auto st = PyObj::make(Kind::Storage);
    st->tensor = loader_(key, storage_dtype(type->name), numel);
    it = storages_.emplace(key, st).first;
  }
  if (pid->items.size() <= 5 || pid->items[5]->kind == Kind::None) {
    return it->second;
  }
  // Legacy storage views (torch before 1.0 wrote them): (view_key, offset, size) in elements of the root storage
  // `key`. The view keeps the root's tensor and its offset (in `i`), so tensors built on it index the root's data,
  // which read_legacy fills in after the pickle.
  const PyRef& view = pid->items[5];
  if (view->kind != Kind::Tuple || view->items.size() != 3) {
    fail("unexpected legacy view_metadata");
  }
  const std::string view_key = view->items[0]->s;
  const int64_t offset = as_int(view->items[1]);
  const int64_t size = as_int(view->items[2]);
  if (offset < 0 || size < 0 || offset + size > numel) {
    fail("storage view " + view_key + " [" + std::to_string(offset) + ", +" + std::to_string(size) +
         ") is outside its storage of " + std::to_string(numel) + " elements");
  }
  auto found = views_.find(view_key);
  if (found == views_.end()) {
    auto st = PyObj::make(Kind::Storage);
    st->tensor = it->second->tensor;
    st->i = offset;
    found = views_.emplace(view_key, st).first;
  }
  return found->second;
}

PyRef Unpickler::reduce(const PyRef& callable, const PyRef& args) {
  if (callable->kind == Kind::Global) {
    const std::string full = callable->s + "." + callable->name;
    if (full == "collections.OrderedDict") {
      auto d = PyObj::make(Kind::Dict);
      if (!args->items.empty() && args->items[0]->kind == Kind::List) { // OrderedDict([(k, v), ...])
        for (const auto& kv : args->items[0]->items) {
          if (kv->items.size() == 2) {
            d->dict.emplace_back(kv->items[0], kv->items[1]);
          }
        }
      }
      return d;
    }
    if (full == "torch._utils._rebuild_tensor_v2" || full == "torch._utils._rebuild_tensor") {
      const auto& a = args->items;
      if (a.size() < 4 || a[0]->kind != Kind::Storage) {
        fail(full + ": unexpected arguments");
      }
      auto t = PyObj::make(Kind::Tensor);
      t->tensor = a[0]->tensor.as_strided(as_ints(a[2]), as_ints(a[3]), a[0]->i + as_int(a[1]));
      return t;
    }
    if (full == "torch._utils._rebuild_parameter" || full == "torch._utils._rebuild_parameter_with_state") {
      if (args->items.empty() || args->items[0]->kind != Kind::Tensor) {
        fail(full + ": unexpected arguments");
      }
      return args->items[0];
    }
    if (full == "torch.Size" || full == "builtins.tuple") {
      return args->items.empty() ? make_tuple({}) : args->items[0];
    }
    if (full == "torch.jit._pickle.restore_type_tag") {
      return args->items.at(0);
    }
  }
  auto o = PyObj::make(Kind::Object);
  o->callable = callable;
  o->items = args->items;
  return o;
}

PyRef Unpickler::load() {
  while (true) {
    const auto op = static_cast<uint8_t>(*take(1));
    switch (op) {
    case 0x80:
      take(1);
      break; // PROTO
    case 0x95:
      take(8);
      break; // FRAME
    case '}':
      stack_.push_back(PyObj::make(Kind::Dict));
      break; // EMPTY_DICT
    case ']':
      stack_.push_back(PyObj::make(Kind::List));
      break; // EMPTY_LIST
    case ')':
      stack_.push_back(make_tuple({}));
      break; // EMPTY_TUPLE
    case '(':
      marks_.push_back(stack_.size());
      break; // MARK
    case 'q':
      memo_[static_cast<uint8_t>(*take(1))] = stack_.back();
      break; // BINPUT
    case 'r':
      memo_[read_le<uint32_t>()] = stack_.back();
      break; // LONG_BINPUT
    case 0x94:
      memo_[static_cast<int64_t>(memo_.size())] = stack_.back();
      break; // MEMOIZE
    case 'h':
      stack_.push_back(memo_.at(static_cast<uint8_t>(*take(1))));
      break; // BINGET
    case 'j':
      stack_.push_back(memo_.at(read_le<uint32_t>()));
      break; // LONG_BINGET
    case 'X': {
      const auto n = read_le<uint32_t>();
      stack_.push_back(make_str(std::string(take(n), n)));
      break;
    }
    case 0x8c: {
      const auto n = static_cast<uint8_t>(*take(1));
      stack_.push_back(make_str(std::string(take(n), n)));
      break;
    }
    case 0x8d: {
      const auto n = read_le<uint64_t>();
      stack_.push_back(make_str(std::string(take(n), n)));
      break;
    }
    case 'U': {
      const auto n = static_cast<uint8_t>(*take(1));
      stack_.push_back(make_str(std::string(take(n), n), Kind::Bytes));
      break;
    }
    case 'T': {
      const auto n = read_le<uint32_t>();
      stack_.push_back(make_str(std::string(take(n), n), Kind::Bytes));
      break;
    }
    case 'C': {
      const auto n = static_cast<uint8_t>(*take(1));
      stack_.push_back(make_str(std::string(take(n), n), Kind::Bytes));
      break;
    }
    case 'B': {
      const auto n = read_le<uint32_t>();
      stack_.push_back(make_str(std::string(take(n), n), Kind::Bytes));
      break;
    }
    case 'J':
      stack_.push_back(make_int(read_le<int32_t>()));
      break; // BININT
    case 'K':
      stack_.push_back(make_int(static_cast<uint8_t>(*take(1))));
      break; // BININT1
    case 'M':
      stack_.push_back(make_int(read_le<uint16_t>()));
      break; // BININT2
    case 0x8a: {
      const auto n = static_cast<uint8_t>(*take(1));
      stack_.push_back(long_from_bytes(take(n), n));
      break;
    }
    case 0x8b: {
      const auto n = read_le<uint32_t>();
      stack_.push_back(long_from_bytes(take(n), n));
      break;
    }
    case 'I': { // INT (protocol 0)
      const std::string line = read_line();
      if (line == "00" || line == "01") {
        auto o = PyObj::make(Kind::Bool);
        o->b = line == "01";
        stack_.push_back(o);
      } else {
        stack_.push_back(make_int(std::stoll(line)));
      }
      break;
    }
    case 'G': { // BINFLOAT (big endian)
      const char* b = take(8);
      uint64_t bits = 0;
      for (int k = 0; k < 8; ++k) {
        bits = (bits << 8) | static_cast<uint8_t>(b[k]);
      }
      auto o = PyObj::make(Kind::Float);
      std::memcpy(&o->f, &bits, 8);
      stack_.push_back(o);
      break;
    }
    case 'N':
      stack_.push_back(PyObj::make(Kind::None));
      break;
    case 0x88:
    case 0x89: {
      auto o = PyObj::make(Kind::Bool);
      o->b = op == 0x88;
      stack_.push_back(o);
      break;
    }
    case 't':
      stack_.push_back(make_tuple(pop_mark()));
      break;
    case 0x85: {
      auto a = pop();
      stack_.push_back(make_tuple({a}));
      break;
    }
    case 0x86: {
      auto b = pop();
      auto a = pop();
      stack_.push_back(make_tuple({a, b}));
      break;
    }
    case 0x87: {
      auto c = pop();
      auto b = pop();
      auto a = pop();
      stack_.push_back(make_tuple({a, b, c}));
      break;
    }
    case 'l': {
      auto o = PyObj::make(Kind::List);
      o->items = pop_mark();
      stack_.push_back(o);
      break;
    }
    case 'd': {
      auto items = pop_mark();
      auto o = PyObj::make(Kind::Dict);
      for (size_t k = 0; k + 1 < items.size(); k += 2) {
        o->dict.emplace_back(items[k], items[k + 1]);
      }
      stack_.push_back(o);
      break;
    }
    case 'c': {
      std::string module = read_line();
      std::string name = read_line();
      stack_.push_back(global(module, name));
      break;
    }
    case 0x93: {
      auto name = pop();
      auto module = pop();
      stack_.push_back(global(module->s, name->s));
      break;
    }
    case 'R': {
      auto args = pop();
      auto callable = pop();
      stack_.push_back(reduce(callable, args));
      break;
    }
    case 0x81: {
      auto args = pop();
      auto cls = pop();
      stack_.push_back(reduce(cls, args));
      break;
    } // NEWOBJ
    case 'b':
      pop();
      break; // BUILD: object state (e.g. an OrderedDict's _metadata) is not needed
    case 'Q': {
      auto pid = pop();
      stack_.push_back(persistent_load(pid));
      break;
    }
    case 's': {
      auto v = pop();
      auto k = pop();
      set_item(stack_.back(), k, v);
      break;
    }
    case 'u': {
      auto items = pop_mark();
      for (size_t k = 0; k + 1 < items.size(); k += 2) {
        set_item(stack_.back(), items[k], items[k + 1]);
      }
      break;
    }
    case 'a': {
      auto v = pop();
      stack_.back()->items.push_back(v);
      break;
    }
    case 'e': {
      auto items = pop_mark();
      auto& l = stack_.back()->items;
      l.insert(l.end(), items.begin(), items.end());
      break;
    }
    case '.':
      return pop(); // STOP
    default: {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "unsupported opcode 0x%02x", op);
      fail(buf);
    }
    }
  }
}

bool is_tensor_dict(const PyRef& v) {
  if (v->kind != Kind::Dict || v->dict.empty()) {
    return false;
  }
  for (const auto& kv : v->dict) {
    if (kv.first->kind != Kind::Str || kv.second->kind != Kind::Tensor) {
      return false;
    }
  }
  return true;
}

StateDict to_state_dict(const PyRef& root, const std::string& path) {
  PyRef dict = root;
  if (!is_tensor_dict(root) && root->kind == Kind::Dict) {
    for (const char* key : {"model", "state_dict", "model_state_dict", "model_state"}) {
      for (const auto& kv : root->dict) {
        if (kv.first->kind == Kind::Str && kv.first->s == key && is_tensor_dict(kv.second)) {
          dict = kv.second;
        }
      }
      if (dict != root) {
        break;
      }
    }
  }
  if (dict->kind != Kind::Dict) {
    throw WeightsError(path + ": the file does not hold a dict of tensors");
  }
  StateDict out;
  for (const auto& kv : dict->dict) {
    if (kv.first->kind == Kind::Str && kv.second->kind == Kind::Tensor) {
      out.emplace_back(kv.first->s, kv.second->tensor);
    }
  }
  if (out.empty()) {
    throw WeightsError(path +
                       ": no tensors found (neither a state dict nor a checkpoint with \"model\"/\"state_dict\")");
  }
  return out;
}

std::vector<char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw WeightsError(path + ": cannot open");
  }
  return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

StateDict read_zip(const std::string& path) {
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
  try {
    reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
  } catch (const c10::Error& e) {
    throw WeightsError(path + ": not a readable PyTorch zip archive: " + e.what_without_backtrace());
  }
  if (!reader->hasRecord("data.pkl")) {
    throw WeightsError(path + ": the archive has no data.pkl (a TorchScript module rather than torch.save output?)");
  }
  const auto [data, size] = reader->getRecord("data.pkl");
  auto loader = [&](const std::string& key, at::ScalarType dtype, int64_t numel) {
    const std::string record = "data/" + key;
    if (!reader->hasRecord(record)) {
      throw WeightsError(path + ": missing storage record " + record);
    }
    auto [bytes, nbytes] = reader->getRecord(record);
    at::Tensor t = at::empty({numel}, at::TensorOptions().dtype(dtype));
    const size_t want = static_cast<size_t>(numel) * t.element_size();
    if (nbytes < want) {
      throw WeightsError(path + ": storage " + record + " is truncated");
    }
    std::memcpy(t.data_ptr(), bytes.get(), want);
    return t;
  };
  Unpickler up(static_cast<const char*>(data.get()), size, loader);
  return to_state_dict(up.load(), path);
}

StateDict read_legacy(const std::string& path, const std::vector<char>& bytes) {
  // magic number, protocol version, sys info, the object, the storage keys, then each storage: int64 numel + data.
  const char* begin = bytes.data();
  size_t offset = 0;
  const auto no_storage = [&](const std::string&, at::ScalarType, int64_t) -> at::Tensor {
    throw WeightsError(path + ": unexpected storage in the file header");
  };
  for (int k = 0; k < 3; ++k) {
    Unpickler header(begin + offset, bytes.size() - offset, no_storage);
    const PyRef v = header.load();
    if (k == 0 && v->s != "big int") {
      throw WeightsError(path + ": not a PyTorch file (a pickle without torch.save's magic number)");
    }
    offset += header.consumed(begin + offset);
  }
  std::vector<std::pair<std::string, at::Tensor>> storages;
  auto loader = [&](const std::string& key, at::ScalarType dtype, int64_t numel) {
    at::Tensor t = at::empty({numel}, at::TensorOptions().dtype(dtype));
    storages.emplace_back(key, t);
    return t;
  };
  Unpickler body(begin + offset, bytes.size() - offset, loader);
  const PyRef root = body.load();
  offset += body.consumed(begin + offset);
  Unpickler keys_pickle(begin + offset, bytes.size() - offset, no_storage);
  const PyRef keys = keys_pickle.load();
  offset += keys_pickle.consumed(begin + offset);
  std::map<std::string, at::Tensor> by_key(storages.begin(), storages.end());
  for (const auto& key : keys->items) {
    const auto it = by_key.find(key->s);
    if (it == by_key.end()) {
      throw WeightsError(path + ": storage " + key->s + " listed but never used");
    }
    if (offset + 8 > bytes.size()) {
      throw WeightsError(path + ": truncated storage data");
    }
    int64_t numel = 0;
    std::memcpy(&numel, begin + offset, 8);
    offset += 8;
    at::Tensor& t = it->second;
    const size_t n = static_cast<size_t>(numel) * t.element_size();
    if (numel != t.numel() || offset + n > bytes.size()) {
      throw WeightsError(path + ": storage " + key->s + " has an unexpected size");
    }
    std::memcpy(t.data_ptr(), begin + offset, n);
    offset += n;
  }
  return to_state_dict(root, path);
}

} // namespace

StateDict read_pth_state_dict(const std::string& path) {
  std::vector<char> bytes = read_file(path);
  if (bytes.size() >= 4 && std::memcmp(bytes.data(), "PK\x03\x04", 4) == 0) {
    bytes.clear();
    return read_zip(path);
  }
  if (bytes.size() >= 2 && static_cast<uint8_t>(bytes[0]) == 0x80) {
    try {
      return read_legacy(path, bytes);
    } catch (const WeightsError& e) {
      const std::string what = e.what();
      throw WeightsError(what.rfind(path, 0) == 0 ? what : path + ": " + what);
    }
  }
  throw WeightsError(path + ": not a PyTorch file (neither the zip format nor the legacy pickle format)");
}

void write_pth_state_dict(const std::string& path, const StateDict& state) {
  c10::Dict<std::string, at::Tensor> dict;
  for (const auto& [name, tensor] : state) {
    dict.insert(name, tensor.detach().to(at::kCPU).contiguous());
  }
  const std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw WeightsError(path + ": cannot write " + tmp);
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw WeightsError(path + ": write failed");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw WeightsError(path + ": cannot rename " + tmp + " into place");
  }
}

} // namespace polytrain::models
