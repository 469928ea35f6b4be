// SPDX-License-Identifier: MIT
// Reading, checking and shape-inferring an ONNX model (libonnx 1.12, recipe in
// ../shared/peers/onnx/README.md).
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"
#include "onnx_graph.hpp"

namespace headroom::models::onnx_import {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& key, const std::string& expected,
                       const std::string& found) {
  throw InputError(input_error_message(path, 0, key, expected, found));
}

onnx::ModelProto parse_file(const std::string& path) {
  const std::string bytes = read_input_file(path, "an ONNX file", kOnnxFileCap);
  onnx::ModelProto model;
  if (bytes.empty()) fail(path, "", "an ONNX model (protobuf ModelProto)", "an empty file");
  if (!model.ParseFromString(bytes))
    fail(path, "", "an ONNX model (protobuf ModelProto)",
         "bytes that do not parse as one (truncated, or not an ONNX file)");
  if (!model.has_graph() || model.graph().node_size() == 0)
    fail(path, "graph", "an ONNX model with a graph of nodes",
         "no nodes (truncated, or not an ONNX file)");
  return model;
}

std::int64_t check_versions(const std::string& path, const onnx::ModelProto& model) {
  if (model.ir_version() > onnx::IR_VERSION)
    fail(
        path, "ir_version",
        "an IR version this ONNX library (1.12) reads, at most " + std::to_string(onnx::IR_VERSION),
        std::to_string(model.ir_version()));
  const auto& known = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  const int max_opset = known.at(onnx::ONNX_DOMAIN).second;
  std::int64_t opset = 0;
  for (const auto& imp : model.opset_import()) {
    if (imp.domain() != onnx::ONNX_DOMAIN && imp.domain() != "ai.onnx") continue;
    if (imp.version() > max_opset)
      fail(path, "opset_import",
           "an opset this ONNX library (1.12) knows, at most " + std::to_string(max_opset) +
               " (re-export with an older opset_version)",
           "opset " + std::to_string(imp.version()));
    opset = imp.version();
  }
  if (opset == 0) fail(path, "opset_import", "an import of the default ONNX domain", "none");
  return opset;
}

// Input and output counts against the op's schema at the model's opset, so that no later step
// reads an input a malformed node does not have.
void check_arity(const std::string& path, const onnx::ModelProto& model, std::int64_t opset) {
  const auto& nodes = model.graph().node();
  for (int i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    if (!n.domain().empty() && n.domain() != "ai.onnx") continue;
    const onnx::OpSchema* s =
        onnx::OpSchemaRegistry::Schema(n.op_type(), static_cast<int>(opset), onnx::ONNX_DOMAIN);
    if (!s) continue;  // an op this opset does not define: reported when mapped
    const std::string label =
        "node '" + (n.name().empty() ? n.op_type() + "_" + std::to_string(i) : n.name()) + "' (" +
        n.op_type() + ")";
    if (n.input_size() < s->min_input() || n.input_size() > s->max_input())
      fail(path, label,
           std::to_string(s->min_input()) + " to " + std::to_string(s->max_input()) +
               " inputs (opset " + std::to_string(opset) + ")",
           std::to_string(n.input_size()));
    if (n.output_size() < s->min_output() || n.output_size() > s->max_output())
      fail(path, label,
           std::to_string(s->min_output()) + " to " + std::to_string(s->max_output()) +
               " outputs (opset " + std::to_string(opset) + ")",
           std::to_string(n.output_size()));
  }
}

TensorInfo info_of(const onnx::TypeProto& type) {
  TensorInfo t;
  if (!type.has_tensor_type()) return t;
  t.elem_type = type.tensor_type().elem_type();
  if (!type.tensor_type().has_shape()) return t;
  t.has_shape = true;
  for (const auto& d : type.tensor_type().shape().dim())
    t.dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
  return t;
}

// Kahn's algorithm; also rejects an input that nothing produces.
void order_nodes(Graph& g, const std::unordered_set<std::string>& sources) {
  const auto& nodes = g.model.graph().node();
  for (int i = 0; i < nodes.size(); ++i)
    for (const auto& out : nodes[i].output())
      if (!out.empty()) g.producer[out] = i;
  std::vector<int> pending(static_cast<std::size_t>(nodes.size()), 0);
  for (int i = 0; i < nodes.size(); ++i)
    for (const auto& in : nodes[i].input()) {
      if (in.empty()) continue;  // an omitted optional input
      g.consumers[in].push_back(i);
      if (g.producer.contains(in)) {
        ++pending[static_cast<std::size_t>(i)];
      } else if (!sources.contains(in)) {
        fail(g.path, "node " + g.node_label(i),
             "every input to be a graph input, an initializer or another node's output",
             "input '" + in + "', which nothing provides");
      }
    }
  std::vector<int> ready;
  for (int i = 0; i < nodes.size(); ++i)
    if (pending[static_cast<std::size_t>(i)] == 0) ready.push_back(i);
  std::reverse(ready.begin(), ready.end());
  while (!ready.empty()) {
    const int i = ready.back();
    ready.pop_back();
    g.order.push_back(i);
    std::vector<int> next;
    for (const auto& out : nodes[i].output()) {
      if (out.empty() || !g.consumers.contains(out)) continue;
      for (const int c : g.consumers[out])
        if (--pending[static_cast<std::size_t>(c)] == 0) next.push_back(c);
    }
    std::sort(next.rbegin(), next.rend());
    ready.insert(ready.end(), next.begin(), next.end());
  }
  if (g.order.size() != static_cast<std::size_t>(nodes.size())) {
    int stuck = 0;
    while (pending[static_cast<std::size_t>(stuck)] == 0) ++stuck;
    fail(g.path, "graph", "an acyclic graph",
         "a cycle through node " + g.node_label(stuck) + " (or a node depending on one)");
  }
}

// Which input slots of an op hold parameters; used when the file does not say which graph
// inputs are weights (weights exported as inputs, export_params=False).
bool parameter_slot(const std::string& op, int slot) {
  if (op == "Conv" || op == "ConvTranspose" || op == "Gemm" || op == "LayerNormalization" ||
      op == "MatMul" || op == "PRelu")
    return slot >= 1;
  // A bias or a scale applied by hand (Linear on 3-D input exports as MatMul + Add).
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") return true;
  if (op == "BatchNormalization") return slot >= 1;
  if (op == "LSTM" || op == "GRU" || op == "RNN") return slot >= 1 && slot <= 3;
  if (op == "Gather") return slot == 0;
  return false;
}

bool fixed_dims(const onnx::ValueInfoProto& v) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return false;
  for (const auto& d : v.type().tensor_type().shape().dim())
    if (!d.has_dim_value()) return false;
  return true;
}

void classify_inputs(Graph& g, const std::unordered_set<std::string>& initializers) {
  const auto& graph = g.model.graph();
  std::optional<int> data_count;
  for (const auto& p : g.model.metadata_props())
    if (p.key() == "num_data_inputs") {
      try {
        data_count = std::stoi(p.value());
      } catch (const std::exception&) {
        data_count.reset();
      }
    }
  int non_initializer = 0;
  for (const auto& in : graph.input()) {
    if (initializers.contains(in.name())) continue;
    bool weight = false;
    if (data_count) {
      weight = non_initializer >= *data_count;
    } else if (non_initializer > 0 && fixed_dims(in) && g.consumers.contains(in.name())) {
      // The first input is data; a later one with fixed dims used only where parameters go
      // is a weight.
      weight = true;
      for (const int c : g.consumers.at(in.name())) {
        const auto& node = g.node(c);
        for (int s = 0; s < node.input_size(); ++s)
          if (node.input(s) == in.name() && !parameter_slot(node.op_type(), s)) weight = false;
      }
    }
    ++non_initializer;
    if (weight)
      g.weights.insert(in.name());
    else
      g.data_inputs.push_back(in.name());
  }
  for (const auto& name : initializers) g.weights.insert(name);
}

std::string shape_flag_hint(const std::string& input) {
  return "fix it with --input-shape " + input +
         "=DIMS, --dim NAME=N, or --batch N for the "
         "leading dim";
}

// Fills symbolic and unknown dims of the data inputs from the options. A symbolic leading dim
// becomes 1 and, like a leading dim of 1, is multiplied by --batch in the network rather than in
// the graph: fixed-shape exports bake the batch into their Reshape constants, so a graph read at
// its own batch and scaled per example is right for both kinds of export.
void fix_input_shapes(Graph& g, std::uint64_t batch, const OnnxOptions& options) {
  auto* graph = g.model.mutable_graph();
  for (const auto& [name, dims] : options.input_shapes)
    if (std::find(g.data_inputs.begin(), g.data_inputs.end(), name) == g.data_inputs.end()) {
      std::string names;
      for (const auto& d : g.data_inputs) names += (names.empty() ? "" : ", ") + d;
      fail(g.path, "--input-shape", "the name of a data input of the graph (" + names + ")", name);
    }
  for (auto& in : *graph->mutable_input()) {
    if (!in.type().has_tensor_type()) continue;
    auto* shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (const auto& d : shape->dim())
      if (d.has_dim_value() && d.dim_value() < 0)
        fail(g.path, "input '" + in.name() + "'", "non-negative dimensions",
             "dim " + std::to_string(d.dim_value()));
    const bool data =
        std::find(g.data_inputs.begin(), g.data_inputs.end(), in.name()) != g.data_inputs.end();
    if (!data) continue;
    if (const auto it = options.input_shapes.find(in.name()); it != options.input_shapes.end()) {
      shape->clear_dim();
      for (const auto v : it->second) shape->add_dim()->set_dim_value(static_cast<std::int64_t>(v));
      continue;
    }
    if (!in.type().tensor_type().has_shape())
      fail(g.path, "input '" + in.name() + "'", "a shape (" + shape_flag_hint(in.name()) + ")",
           "none in the file");
    for (int i = 0; i < shape->dim_size(); ++i) {
      auto* d = shape->mutable_dim(i);
      if (d->has_dim_param() && options.dims.contains(d->dim_param())) {
        d->set_dim_value(static_cast<std::int64_t>(options.dims.at(d->dim_param())));
      } else if (i == 0 && !d->has_dim_value()) {
        d->set_dim_value(1);
      } else if (!d->has_dim_value()) {
        const std::string sym = d->has_dim_param() ? "'" + d->dim_param() + "'" : "unnamed";
        fail(g.path, "input '" + in.name() + "'",
             "known dimensions; dim " + std::to_string(i) + " is " + sym + ": " +
                 (d->has_dim_param() ? "fix it with --dim " + d->dim_param() + "=N or " : "") +
                 "--input-shape " + in.name() + "=DIMS",
             "symbolic dim " + sym);
      }
    }
  }
  const auto& first = graph->input();
  for (const auto& in : first)
    if (in.name() == g.data_inputs.front()) {
      const auto& dims = in.type().tensor_type().shape().dim();
      const std::int64_t lead = dims.empty() ? 1 : dims[0].dim_value();
      if (lead == 1)
        g.batch_scale = batch;
      else if (batch != 1)
        fail(g.path, "--batch",
             "1: input '" + in.name() + "' fixes the batch at " + std::to_string(lead) +
                 " (--batch scales a leading dim that is symbolic or 1)",
             std::to_string(batch));
    }
  // The exporter's output shapes describe its own input shapes, not necessarily these.
  for (auto& out : *graph->mutable_output())
    if (out.type().has_tensor_type()) out.mutable_type()->mutable_tensor_type()->clear_shape();
  for (const auto& t : graph->initializer())
    for (const auto d : t.dims())
      if (d < 0)
        fail(g.path, "initializer '" + t.name() + "'", "non-negative dimensions",
             "dim " + std::to_string(d));
}

bool has_schema(const Graph& g, const onnx::NodeProto& n) {
  if (n.domain().empty() || n.domain() == "ai.onnx")
    return onnx::OpSchemaRegistry::Schema(n.op_type(), static_cast<int>(g.opset),
                                          onnx::ONNX_DOMAIN) != nullptr;
  for (const auto& imp : g.model.opset_import())
    if (imp.domain() == n.domain())
      return onnx::OpSchemaRegistry::Schema(n.op_type(), static_cast<int>(imp.version()),
                                            n.domain()) != nullptr;
  return false;
}

// ONNX 1.12's inference of some ops (Shape among them) reads an input's type without checking
// that it has one: a node fed, directly or not, by an op without a schema (a misspelt op, one of
// another domain) crashed it (a SEGV found by the `onnx` fuzz target). Those nodes are left out
// of inference; they could not have been given shapes anyway, and mapping reports them as before.
onnx::ModelProto inferable_part(const Graph& g, bool& pruned) {
  const auto& nodes = g.model.graph().node();
  std::unordered_set<std::string> untyped, initializers;
  for (const auto& t : g.model.graph().initializer()) initializers.insert(t.name());
  // A graph input without a tensor type (a malformed file) feeds no inference either.
  for (const auto& in : g.model.graph().input())
    if (!initializers.contains(in.name()) &&
        (!in.type().has_tensor_type() || in.type().tensor_type().elem_type() == 0))
      untyped.insert(in.name());
  std::vector<bool> drop(static_cast<std::size_t>(nodes.size()), false);
  for (const int i : g.order) {
    const auto& n = nodes[i];
    bool fed_untyped = false;
    for (const auto& in : n.input()) fed_untyped = fed_untyped || untyped.contains(in);
    if (fed_untyped || !has_schema(g, n))
      for (const auto& out : n.output()) untyped.insert(out);
    drop[static_cast<std::size_t>(i)] = fed_untyped;
  }
  pruned = std::find(drop.begin(), drop.end(), true) != drop.end();
  if (!pruned) return {};
  onnx::ModelProto part = g.model;
  part.mutable_graph()->clear_node();
  for (int i = 0; i < nodes.size(); ++i)
    if (!drop[static_cast<std::size_t>(i)]) *part.mutable_graph()->add_node() = nodes[i];
  return part;
}

// ONNX 1.12's inference of a convolution without `kernel_shape` takes the kernel from the weight's
// dims and then indexes the data input's dims with it: a data input of lower rank than the weight
// (a malformed file, found by the `onnx` fuzz target) read past the end and crashed (SEGV). The
// attribute is optional and means exactly the weight's spatial dims, so it is written out where
// the weight's shape is known; inference then checks it against the input's rank and fails cleanly.
void spell_out_kernel_shapes(onnx::ModelProto& model) {
  std::unordered_map<std::string, std::vector<std::int64_t>> known;
  for (const auto& t : model.graph().initializer())
    known[t.name()].assign(t.dims().begin(), t.dims().end());
  for (const auto& in : model.graph().input()) {
    if (known.contains(in.name()) || !in.type().tensor_type().has_shape()) continue;
    std::vector<std::int64_t> dims;
    for (const auto& d : in.type().tensor_type().shape().dim())
      dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
    known[in.name()] = dims;
  }
  const std::unordered_map<std::string, int> weight_input = {
      {"Conv", 1}, {"ConvInteger", 1}, {"ConvTranspose", 1}, {"QLinearConv", 3}};
  for (auto& n : *model.mutable_graph()->mutable_node()) {
    const auto w = weight_input.find(n.op_type());
    if (w == weight_input.end() || !(n.domain().empty() || n.domain() == "ai.onnx")) continue;
    if (n.input_size() <= w->second) continue;
    const bool has_kernel = std::any_of(n.attribute().begin(), n.attribute().end(),
                                        [](const auto& a) { return a.name() == "kernel_shape"; });
    const auto dims = known.find(n.input(w->second));
    if (has_kernel || dims == known.end() || dims->second.size() < 3) continue;
    if (std::any_of(dims->second.begin() + 2, dims->second.end(), [](auto d) { return d < 0; }))
      continue;
    auto* a = n.add_attribute();
    a->set_name("kernel_shape");
    a->set_type(onnx::AttributeProto::INTS);
    for (auto d = dims->second.begin() + 2; d != dims->second.end(); ++d) a->add_ints(*d);
  }
}

void infer_shapes(Graph& g) {
  // Stale annotations from the exporter would clash with the new input shapes.
  g.model.mutable_graph()->clear_value_info();
  bool pruned = false;
  onnx::ModelProto part = inferable_part(g, pruned);
  onnx::ModelProto& target = pruned ? part : g.model;
  spell_out_kernel_shapes(target);
  try {
    onnx::shape_inference::InferShapes(target, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(false, 0, true));
  } catch (const std::exception& first) {
    // Data propagation reads initializer values; with external data missing it cannot.
    try {
      target.mutable_graph()->clear_value_info();
      onnx::shape_inference::InferShapes(target, onnx::OpSchemaRegistry::Instance(),
                                         onnx::ShapeInferenceOptions(false, 0, false));
    } catch (const std::exception& e) {
      fail(g.path, "shape inference", "shapes ONNX can infer from the input shapes", e.what());
    }
  }
  if (!pruned) return;
  // The inferred shapes go back to the whole graph (outputs keep their order).
  *g.model.mutable_graph()->mutable_value_info() = part.graph().value_info();
  for (int i = 0; i < part.graph().output_size(); ++i)
    *g.model.mutable_graph()->mutable_output(i)->mutable_type() = part.graph().output(i).type();
}

void collect_tensors(Graph& g) {
  const auto& graph = g.model.graph();
  for (const auto& t : graph.initializer()) {
    TensorInfo i;
    i.has_shape = true;
    i.elem_type = t.data_type();
    i.dims.assign(t.dims().begin(), t.dims().end());
    g.tensors[t.name()] = i;
  }
  for (const auto* list : {&graph.input(), &graph.value_info(), &graph.output()})
    for (const auto& v : *list) {
      TensorInfo i = info_of(v.type());
      auto& slot = g.tensors[v.name()];
      if (!slot.known() && (i.has_shape || !slot.has_shape)) slot = i;
    }
  // Constant nodes carry their tensor as an attribute.
  for (const auto& n : graph.node())
    if (n.op_type() == "Constant" && n.output_size() == 1)
      for (const auto& a : n.attribute())
        if (a.name() == "value" && a.has_t()) {
          TensorInfo i;
          i.has_shape = true;
          i.elem_type = a.t().data_type();
          i.dims.assign(a.t().dims().begin(), a.t().dims().end());
          g.tensors[n.output(0)] = i;
        }
}

// Broadcast shape of known inputs, for element-wise ops ONNX left without a shape.
std::optional<std::vector<std::int64_t>> broadcast(const Graph& g, const onnx::NodeProto& n) {
  std::vector<std::int64_t> out;
  for (const auto& in : n.input()) {
    const TensorInfo* t = g.info(in);
    if (!t || !t->has_shape) return std::nullopt;
    if (t->dims.size() > out.size()) out.insert(out.begin(), t->dims.size() - out.size(), 1);
    const std::size_t off = out.size() - t->dims.size();
    for (std::size_t i = 0; i < t->dims.size(); ++i) {
      const std::int64_t d = t->dims[i];
      std::int64_t& o = out[off + i];
      if (o == 1 || (o < 0 && d > 1))
        o = d;
      else if (d >= 0 && o >= 0 && d != 1 && d != o)
        return std::nullopt;
    }
  }
  if (std::any_of(out.begin(), out.end(), [](std::int64_t d) { return d < 0; }))
    return std::nullopt;
  return out;
}

// ONNX 1.12 leaves some tensors without a shape (README: the QKV Slices of exported
// transformers, ViT's class-token Concat); element-wise ops and Concat are recomputed here.
void fill_missing_shapes(Graph& g) {
  static const std::unordered_set<std::string> kElementwise = {
      "Add",     "Sub",  "Mul",      "Div",  "Pow",  "Where",     "Relu",
      "Sigmoid", "Tanh", "Erf",      "Gelu", "Clip", "HardSwish", "Softmax",
      "Dropout", "Cast", "Identity", "Sqrt", "Max",  "Min"};
  for (const int i : g.order) {
    const auto& n = g.node(i);
    if (n.output_size() == 0 || n.output(0).empty()) continue;
    TensorInfo& out = g.tensors[n.output(0)];
    if (out.known()) continue;
    std::optional<std::vector<std::int64_t>> dims;
    if (kElementwise.contains(n.op_type())) {
      dims = broadcast(g, n);
    } else if (n.op_type() == "Concat") {
      std::int64_t axis = 0;
      for (const auto& a : n.attribute())
        if (a.name() == "axis") axis = a.i();
      std::vector<std::int64_t> r;
      std::int64_t sum = 0;
      bool ok = true;
      for (const auto& in : n.input()) {
        const TensorInfo* t = g.info(in);
        if (!t || !t->known()) {
          ok = false;
          break;
        }
        const auto rank = static_cast<std::int64_t>(t->dims.size());
        const std::int64_t ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) {
          ok = false;
          break;
        }
        if (r.empty()) r = t->dims;
        sum += t->dims[static_cast<std::size_t>(ax)];
        r[static_cast<std::size_t>(ax)] = sum;
      }
      if (ok && !r.empty()) dims = r;
    }
    if (dims) {
      out.dims = *dims;
      out.has_shape = true;
      if (out.elem_type == 0)
        if (const TensorInfo* a = g.info(n.input(0))) out.elem_type = a->elem_type;
    }
  }
}

// Layout-only ops pass a weight through unchanged in content (a tied LM head is Transpose of the
// embedding table).
bool layout_op(const std::string& op) {
  return op == "Transpose" || op == "Reshape" || op == "Cast" || op == "Identity" ||
         op == "Squeeze" || op == "Unsqueeze" || op == "Flatten";
}

void mark_statics(Graph& g) {
  g.statics.insert(g.folded.begin(), g.folded.end());
  for (const auto& w : g.weights) {
    g.statics.insert(w);
    g.weight_root[w] = w;
  }
  for (const int i : g.order) {
    const auto& n = g.node(i);
    bool all_static = n.op_type() == "Shape" || n.op_type() == "Size";
    if (!all_static && n.op_type() != "RandomNormal" && n.op_type() != "RandomUniform") {
      all_static = true;
      for (const auto& in : n.input())
        if (!in.empty() && !g.statics.contains(in)) all_static = false;
    }
    if (!all_static) continue;
    for (const auto& out : n.output()) g.statics.insert(out);
    if (layout_op(n.op_type()) && n.input_size() > 0 && n.output_size() == 1)
      if (const auto it = g.weight_root.find(n.input(0)); it != g.weight_root.end())
        g.weight_root[n.output(0)] = it->second;
  }
}

}  // namespace

bool TensorInfo::known() const {
  return has_shape && std::all_of(dims.begin(), dims.end(), [](std::int64_t d) { return d >= 0; });
}

std::uint64_t TensorInfo::elements() const {
  std::uint64_t e = 1;
  for (const auto d : dims) e *= static_cast<std::uint64_t>(d);
  return e;
}

const TensorInfo* Graph::info(const std::string& name) const {
  const auto it = tensors.find(name);
  return it == tensors.end() ? nullptr : &it->second;
}

std::string Graph::node_label(int i) const {
  const auto& n = node(i);
  return "'" + (n.name().empty() ? n.op_type() + "_" + std::to_string(i) : n.name()) + "' (" +
         n.op_type() + ")";
}

Graph load_graph(const std::string& path, std::uint64_t batch, const OnnxOptions& options) {
  Graph g;
  g.path = path;
  g.model = parse_file(path);
  g.opset = check_versions(path, g.model);
  check_arity(path, g.model, g.opset);
  std::unordered_set<std::string> initializers, sources;
  for (const auto& t : g.model.graph().initializer()) {
    initializers.insert(t.name());
    sources.insert(t.name());
  }
  for (const auto& in : g.model.graph().input()) sources.insert(in.name());
  order_nodes(g, sources);
  classify_inputs(g, initializers);
  if (g.data_inputs.empty())
    fail(path, "graph", "at least one data input (a graph input that is not a weight)", "none");
  fix_input_shapes(g, batch, options);
  infer_shapes(g);
  collect_tensors(g);
  // Each round can give Shape nodes further down a known input; a handful of rounds covers
  // every export seen (one per chain of Reshapes whose shapes depend on earlier ones).
  for (int round = 0; round < 16 && fold_shape_constants(g) > 0; ++round) {
    g.order.clear();
    g.producer.clear();
    g.consumers.clear();
    std::unordered_set<std::string> all = sources;
    all.insert(g.folded.begin(), g.folded.end());
    order_nodes(g, all);
    infer_shapes(g);
    g.tensors.clear();
    collect_tensors(g);
  }
  fill_missing_shapes(g);
  mark_statics(g);
  return g;
}

}  // namespace headroom::models::onnx_import
