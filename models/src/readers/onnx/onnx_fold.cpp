// SPDX-License-Identifier: MIT
// Folds the small integer computations exporters emit to build shapes at run time
// (Shape -> Gather -> Unsqueeze -> Concat -> Reshape, with Div/Mul on the way). ONNX 1.12's data
// propagation stops at some of them (Div), which leaves Reshape outputs, and everything after
// them, without a shape in dynamic-axes exports (ViT, BERT). With the inputs' shapes fixed these
// values are constants: computing them here and turning them into initializers lets shape
// inference finish.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "headroom/models/error.hpp"
#include "onnx_graph.hpp"

namespace headroom::models::onnx_import {

namespace {

// Shape arithmetic is tiny; anything bigger (a causal mask) is left to the graph.
constexpr std::size_t kMaxElements = 4096;

struct Value {
  std::vector<std::int64_t> dims;
  std::vector<double> v;
  int type = onnx::TensorProto_DataType_INT64;

  [[nodiscard]] bool integer() const {
    return type != onnx::TensorProto_DataType_FLOAT && type != onnx::TensorProto_DataType_DOUBLE &&
           type != onnx::TensorProto_DataType_FLOAT16 &&
           type != onnx::TensorProto_DataType_BFLOAT16;
  }
};

std::optional<Value> from_tensor(const onnx::TensorProto& t) {
  if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL) return std::nullopt;
  Value out;
  out.type = t.data_type();
  out.dims.assign(t.dims().begin(), t.dims().end());
  std::size_t n = 1;
  for (const auto d : out.dims) n *= static_cast<std::size_t>(std::max<std::int64_t>(d, 0));
  if (n > kMaxElements) return std::nullopt;
  const std::string& raw = t.raw_data();
  auto from_raw = [&](auto sample) {
    using T = decltype(sample);
    if (raw.size() != n * sizeof(T)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      T x;
      std::memcpy(&x, raw.data() + i * sizeof(T), sizeof(T));
      out.v.push_back(static_cast<double>(x));
    }
    return true;
  };
  switch (t.data_type()) {
    case onnx::TensorProto_DataType_INT64:
      if (!raw.empty()) return from_raw(std::int64_t{}) ? std::optional(out) : std::nullopt;
      for (const auto x : t.int64_data()) out.v.push_back(static_cast<double>(x));
      break;
    case onnx::TensorProto_DataType_INT32:
    case onnx::TensorProto_DataType_BOOL:
      if (!raw.empty()) {
        if (t.data_type() == onnx::TensorProto_DataType_BOOL)
          return from_raw(std::uint8_t{}) ? std::optional(out) : std::nullopt;
        return from_raw(std::int32_t{}) ? std::optional(out) : std::nullopt;
      }
      for (const auto x : t.int32_data()) out.v.push_back(x);
      break;
    case onnx::TensorProto_DataType_FLOAT:
      if (!raw.empty()) return from_raw(float{}) ? std::optional(out) : std::nullopt;
      for (const auto x : t.float_data()) out.v.push_back(x);
      break;
    case onnx::TensorProto_DataType_DOUBLE:
      if (!raw.empty()) return from_raw(double{}) ? std::optional(out) : std::nullopt;
      for (const auto x : t.double_data()) out.v.push_back(x);
      break;
    default:
      return std::nullopt;
  }
  if (out.v.size() != n) return std::nullopt;
  return out;
}

onnx::TensorProto to_tensor(const Value& value, const std::string& name) {
  onnx::TensorProto t;
  t.set_name(name);
  for (const auto d : value.dims) t.add_dims(d);
  t.set_data_type(value.type);
  for (const double x : value.v) {
    switch (value.type) {
      case onnx::TensorProto_DataType_INT64:
        // A folded value past 64-bit integers (or NaN) has no int64 to become (found by fuzzing:
        // the cast was undefined behaviour).
        if (!(x >= -9.2233720368547758e18 && x < 9.2233720368547758e18))
          throw InputError("tensor '" + name +
                           "': expected folded INT64 values within 64 bits, found " +
                           std::to_string(x));
        t.add_int64_data(static_cast<std::int64_t>(x));
        break;
      case onnx::TensorProto_DataType_DOUBLE:
        t.add_double_data(x);
        break;
      case onnx::TensorProto_DataType_FLOAT:
        t.add_float_data(static_cast<float>(x));
        break;
      default:
        t.add_int32_data(static_cast<std::int32_t>(x));
    }
  }
  return t;
}

const onnx::AttributeProto* find_attr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

std::int64_t wrap(std::int64_t i, std::int64_t size) { return i < 0 ? i + size : i; }

class Folder {
 public:
  explicit Folder(Graph& g) : g_(g) {
    for (const auto& t : g.model.graph().initializer())
      // Float weights are not shape values; an earlier round's folded scale is.
      if (t.data_type() != onnx::TensorProto_DataType_FLOAT || g.folded.contains(t.name()))
        if (auto v = from_tensor(t)) values_[t.name()] = *v;
  }

  // Returns how many nodes were replaced by initializers.
  int run() {
    auto* graph = g_.model.mutable_graph();
    std::vector<onnx::NodeProto> kept;
    int folded = 0;
    for (const int i : g_.order) {
      const auto& n = graph->node(i);
      std::optional<Value> out;
      try {
        out = n.output_size() == 1 ? evaluate(n) : std::nullopt;
      } catch (const std::exception&) {
        out.reset();  // a malformed shape computation is left for shape inference to report
      }
      if (out && out->v.size() <= kMaxElements) {
        values_[n.output(0)] = *out;
        if (n.op_type() != "Constant") {
          *graph->add_initializer() = to_tensor(*out, n.output(0));
          g_.folded.insert(n.output(0));
          ++folded;
          continue;
        }
      }
      kept.push_back(n);
    }
    if (folded == 0) return 0;
    graph->clear_node();
    for (auto& n : kept) *graph->add_node() = std::move(n);
    return folded;
  }

 private:
  Graph& g_;
  std::unordered_map<std::string, Value> values_;

  const Value* in(const onnx::NodeProto& n, int slot) const {
    if (slot >= n.input_size() || n.input(slot).empty()) return nullptr;
    const auto it = values_.find(n.input(slot));
    return it == values_.end() ? nullptr : &it->second;
  }

  std::optional<std::vector<std::int64_t>> known_shape(const std::string& t) const {
    const TensorInfo* i = g_.info(t);
    if (!i || !i->known()) return std::nullopt;
    return i->dims;
  }

  static std::vector<std::int64_t> ints(const Value& v) {
    std::vector<std::int64_t> r;
    for (const double x : v.v) r.push_back(static_cast<std::int64_t>(x));
    return r;
  }

  static Value vector_of(const std::vector<std::int64_t>& xs) {
    Value v;
    v.dims = {static_cast<std::int64_t>(xs.size())};
    for (const auto x : xs) v.v.push_back(static_cast<double>(x));
    return v;
  }

  std::optional<Value> evaluate(const onnx::NodeProto& n) const {
    const std::string& op = n.op_type();
    if (op == "Constant") {
      if (const auto* a = find_attr(n, "value")) return from_tensor(a->t());
      if (const auto* a = find_attr(n, "value_int")) return Value{{}, {double(a->i())}};
      if (const auto* a = find_attr(n, "value_ints"))
        return vector_of({a->ints().begin(), a->ints().end()});
      if (const auto* a = find_attr(n, "value_float"))
        return Value{{}, {a->f()}, onnx::TensorProto_DataType_FLOAT};
      return std::nullopt;
    }
    if (op == "Shape") {
      auto s = known_shape(n.input(0));
      if (!s) return std::nullopt;
      const auto r = static_cast<std::int64_t>(s->size());
      const std::int64_t start = std::clamp<std::int64_t>(
          wrap(find_attr(n, "start") ? find_attr(n, "start")->i() : 0, r), 0, r);
      const std::int64_t end = std::clamp<std::int64_t>(
          wrap(find_attr(n, "end") ? find_attr(n, "end")->i() : r, r), 0, r);
      return vector_of(
          std::vector<std::int64_t>(s->begin() + start, s->begin() + std::max(start, end)));
    }
    if (op == "Size") {
      auto s = known_shape(n.input(0));
      if (!s) return std::nullopt;
      std::int64_t p = 1;
      for (const auto d : *s) p *= d;
      return Value{{}, {double(p)}};
    }
    // Everything below needs all its (present) inputs known.
    for (int s = 0; s < n.input_size(); ++s)
      if (!n.input(s).empty() && !in(n, s)) return std::nullopt;
    const Value* a = in(n, 0);
    if (!a) return op == "Range" ? std::nullopt : std::nullopt;
    if (op == "Identity" || op == "Cast" || op == "Reshape" || op == "Unsqueeze" ||
        op == "Squeeze" || op == "Flatten") {
      Value out = *a;
      if (op == "Cast") {
        out.type = static_cast<int>(find_attr(n, "to") ? find_attr(n, "to")->i() : a->type);
        if (out.integer())
          for (auto& x : out.v) x = std::trunc(x);
      }
      if (op != "Identity" && op != "Cast") {
        const auto s = known_shape(n.output(0));
        if (!s) return std::nullopt;
        out.dims = *s;
      }
      return out;
    }
    if (op == "Gather") {
      const Value* idx = in(n, 1);
      if (a->dims.size() != 1) return std::nullopt;
      Value out;
      out.type = a->type;
      out.dims = idx->dims;
      const auto size = static_cast<std::int64_t>(a->v.size());
      for (const auto i : ints(*idx)) {
        const std::int64_t j = wrap(i, size);
        if (j < 0 || j >= size) return std::nullopt;
        out.v.push_back(a->v[static_cast<std::size_t>(j)]);
      }
      return out;
    }
    if (op == "Concat") {
      Value out;
      out.type = a->type;
      for (int s = 0; s < n.input_size(); ++s) {
        const Value* x = in(n, s);
        if (x->dims.size() > 1) return std::nullopt;
        out.v.insert(out.v.end(), x->v.begin(), x->v.end());
      }
      out.dims = {static_cast<std::int64_t>(out.v.size())};
      return out;
    }
    if (op == "Slice") {
      if (a->dims.size() != 1 || n.input_size() < 3) return std::nullopt;
      const auto size = static_cast<std::int64_t>(a->v.size());
      const std::int64_t step = in(n, 4) ? ints(*in(n, 4)).at(0) : 1;
      if (step == 0) return std::nullopt;
      std::int64_t b = ints(*in(n, 1)).at(0), e = ints(*in(n, 2)).at(0);
      b = b < 0 ? b + size : b;
      e = e < 0 ? e + size : e;
      b = std::clamp<std::int64_t>(b, step > 0 ? 0 : -1, step > 0 ? size : size - 1);
      e = std::clamp<std::int64_t>(e, step > 0 ? 0 : -1, step > 0 ? size : size - 1);
      Value out;
      out.type = a->type;
      for (std::int64_t i = b; step > 0 ? i < e : i > e; i += step)
        out.v.push_back(a->v[static_cast<std::size_t>(i)]);
      out.dims = {static_cast<std::int64_t>(out.v.size())};
      return out;
    }
    if (op == "ConstantOfShape") {
      Value out;
      out.dims = ints(*a);
      std::size_t count = 1;
      for (const auto d : out.dims) count *= static_cast<std::size_t>(std::max<std::int64_t>(d, 0));
      if (count > kMaxElements) return std::nullopt;
      double fill = 0;
      out.type = onnx::TensorProto_DataType_FLOAT;
      if (const auto* v = find_attr(n, "value"))
        if (auto t = from_tensor(v->t()); t && !t->v.empty()) {
          fill = t->v[0];
          out.type = t->type;
        }
      out.v.assign(count, fill);
      return out;
    }
    if (op == "Range") {
      const double start = a->v.at(0), limit = in(n, 1)->v.at(0), delta = in(n, 2)->v.at(0);
      if (delta == 0) return std::nullopt;
      Value out;
      out.type = a->type;
      for (double x = start; delta > 0 ? x < limit : x > limit; x += delta) {
        out.v.push_back(x);
        if (out.v.size() > kMaxElements) return std::nullopt;
      }
      out.dims = {static_cast<std::int64_t>(out.v.size())};
      return out;
    }
    if (op == "Sqrt" || op == "Neg" || op == "Abs" || op == "Floor" || op == "Ceil" ||
        op == "Reciprocal") {
      Value out = *a;
      for (auto& x : out.v)
        x = op == "Sqrt"    ? std::sqrt(x)
            : op == "Neg"   ? -x
            : op == "Abs"   ? std::abs(x)
            : op == "Floor" ? std::floor(x)
            : op == "Ceil"  ? std::ceil(x)
                            : 1.0 / x;
      return out;
    }
    static const std::vector<std::string> kBinary = {
        "Add", "Sub", "Mul", "Div", "Equal", "Less", "Greater", "Max", "Min", "Mod", "Where"};
    if (std::find(kBinary.begin(), kBinary.end(), op) == kBinary.end()) return std::nullopt;
    // Element-wise over equal sizes or against a single element.
    std::vector<const Value*> args;
    for (int s = 0; s < n.input_size(); ++s) args.push_back(in(n, s));
    std::size_t size = 1;
    const Value* widest = args[0];
    for (const auto* x : args) {
      if (x->v.size() != 1 && size != 1 && x->v.size() != size) return std::nullopt;
      if (x->v.size() > size || (x->v.size() == size && x->dims.size() > widest->dims.size())) {
        size = x->v.size();
        widest = x;
      }
    }
    const auto at = [](const Value* x, std::size_t i) {
      return x->v.size() == 1 ? x->v[0] : x->v[i];
    };
    Value out;
    out.dims = widest->dims;
    out.type = op == "Where" ? args[1]->type : a->type;
    const bool bool_out = op == "Equal" || op == "Less" || op == "Greater";
    if (bool_out) out.type = onnx::TensorProto_DataType_BOOL;
    for (std::size_t i = 0; i < size; ++i) {
      const double x = at(args[0], i), y = args.size() > 1 ? at(args[1], i) : 0;
      double r = 0;
      if (op == "Add")
        r = x + y;
      else if (op == "Sub")
        r = x - y;
      else if (op == "Mul")
        r = x * y;
      else if (op == "Div") {
        if (y == 0) return std::nullopt;
        r = a->integer() ? std::trunc(x / y) : x / y;
      } else if (op == "Equal")
        r = x == y;
      else if (op == "Less")
        r = x < y;
      else if (op == "Greater")
        r = x > y;
      else if (op == "Max")
        r = std::max(x, y);
      else if (op == "Min")
        r = std::min(x, y);
      else if (op == "Mod") {
        if (y == 0) return std::nullopt;
        r = std::fmod(x, y);
      } else
        r = x != 0 ? y : at(args[2], i);  // Where(cond, x, y)
      out.v.push_back(r);
    }
    return out;
  }
};

}  // namespace

int fold_shape_constants(Graph& g) { return Folder(g).run(); }

}  // namespace headroom::models::onnx_import
