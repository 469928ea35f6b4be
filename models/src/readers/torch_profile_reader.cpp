// SPDX-License-Identifier: MIT
// Reads the Chrome-trace JSON torch.profiler writes with record_shapes=True (Kineto's layout:
// complete events "ph": "X" with the shapes in args["Input Dims"]) into an already lowered
// Network. ATen ops nest (aten::linear calls aten::addmm; aten::conv2d calls convolution,
// _convolution, mkldnn_convolution), so the ops of one thread are put into a tree by their time
// spans and each recognised op is costed once, at the outermost; an op outside the mapping whose
// subtree holds no recognised op is listed in skipped() with its count. Mapping: docs/layer-ir.md.
#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"
#include "headroom/models/trace_file.hpp"

namespace headroom::models {

namespace {

using Json = nlohmann::json;
using Dims = std::vector<std::uint64_t>;

constexpr std::size_t kMaxDepth = 256;

struct Event {
  std::size_t index = 0;  // in traceEvents, for messages
  std::string name;
  double start = 0;
  double end = 0;
  std::vector<std::optional<Dims>> inputs;  // nullopt: not a tensor ([] in Input Dims)
  std::vector<std::string> concrete;  // args["Concrete Inputs"] (torch >= 2.1): scalar arguments
  std::vector<std::size_t> children;
};

// Vector ops: ops per output element, as the zoo and the ONNX reader count them
// (docs/layer-ir.md): ReLU 1, clamp 2, sigmoid/tanh 3, SiLU 4, hardswish 5, GELU 8; binary
// element-wise 1; batch norm 4, layer/group norm 7; softmax 5.
struct VectorRule {
  VectorKind kind;
  std::uint64_t ops_per_element;
};

const std::map<std::string, VectorRule>& vector_rules() {
  static const std::map<std::string, VectorRule> rules = [] {
    std::map<std::string, VectorRule> r;
    auto both = [&r](const std::string& op, VectorKind kind, std::uint64_t ops) {
      r["aten::" + op] = {kind, ops};
      r["aten::" + op + "_"] = {kind, ops};  // the in-place form
    };
    for (const char* op : {"add", "sub", "mul", "div", "pow", "where", "maximum", "minimum", "neg",
                           "rsub", "sqrt", "rsqrt", "exp", "abs"})
      both(op, VectorKind::Elementwise, 1);
    both("relu", VectorKind::Activation, 1);
    for (const char* op : {"clamp", "hardtanh", "leaky_relu", "relu6"})
      both(op, VectorKind::Activation, 2);
    for (const char* op : {"sigmoid", "tanh"}) both(op, VectorKind::Activation, 3);
    both("silu", VectorKind::Activation, 4);
    both("hardswish", VectorKind::Activation, 5);
    both("gelu", VectorKind::Activation, 8);
    r["aten::batch_norm"] = {VectorKind::Norm, 4};
    r["aten::native_batch_norm"] = {VectorKind::Norm, 4};
    for (const char* op : {"layer_norm", "native_layer_norm", "group_norm", "native_group_norm"})
      r[std::string("aten::") + op] = {VectorKind::Norm, 7};
    for (const char* op : {"softmax", "_softmax", "log_softmax", "_log_softmax"})
      r[std::string("aten::") + op] = {VectorKind::Softmax, 5};
    return r;
  }();
  return rules;
}

const std::vector<std::string> kConvOps{"aten::conv1d",
                                        "aten::conv2d",
                                        "aten::convolution",
                                        "aten::_convolution",
                                        "aten::mkldnn_convolution",
                                        "aten::thnn_conv2d",
                                        "aten::_slow_conv2d_forward",
                                        "aten::cudnn_convolution"};
const std::vector<std::string> kGemmOps{"aten::linear", "aten::addmm",   "aten::mm",
                                        "aten::bmm",    "aten::baddbmm", "aten::matmul"};
const std::vector<std::string> kAttentionOps{
    "aten::scaled_dot_product_attention", "aten::_scaled_dot_product_attention",
    "aten::_scaled_dot_product_attention_math", "aten::_scaled_dot_product_flash_attention",
    "aten::_scaled_dot_product_efficient_attention"};

bool is_in(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Ops outside the mapping whose implementation calls mapped ones (a mean divides, a transposed
// convolution calls aten::convolution without recording that it is transposed): skipped whole,
// so that part of one is never costed as something else.
bool opaque(const std::string& name) {
  return name.find("pool") != std::string::npos ||
         name.find("conv_transpose") != std::string::npos || name == "aten::mean" ||
         name == "aten::sum";
}

bool recognised(const std::string& name) {
  return is_in(kConvOps, name) || is_in(kGemmOps, name) || is_in(kAttentionOps, name) ||
         vector_rules().count(name) || name == "aten::embedding";
}

std::uint64_t product(const Dims& d, std::size_t from = 0, std::size_t to = SIZE_MAX) {
  std::uint64_t p = 1;
  for (std::size_t i = from; i < std::min(to, d.size()); ++i)
    p = checked_mul(p, d[i], "profiled tensor elements");
  return p;
}

class Reader {
 public:
  Reader(std::string source, std::vector<Event> events)
      : source_(std::move(source)), events_(std::move(events)) {}

  [[noreturn]] void fail(const Event& e, const std::string& expected,
                         const std::string& found) const {
    throw InputError(input_error_message(
        source_, 0, "traceEvents[" + std::to_string(e.index) + "] (" + e.name + ")", expected,
        found));
  }

  // The tensor input `i` of `e`, with at least `rank_min` dims, none zero.
  const Dims& tensor(const Event& e, std::size_t i, std::size_t rank_min) const {
    const std::string expected = "input " + std::to_string(i) + " of at least " +
                                 std::to_string(rank_min) + " nonzero dims in Input Dims";
    if (i >= e.inputs.size() || !e.inputs[i]) fail(e, expected, "no such tensor");
    const Dims& d = *e.inputs[i];
    if (d.size() < rank_min || std::count(d.begin(), d.end(), 0) > 0)
      fail(e, expected, Json(d).dump());
    return d;
  }

  // "[2, 2]" or "2" as one value per spatial dim.
  Dims int_list(const Event& e, const std::string& text, std::size_t dims) const {
    Dims out;
    const Json j = Json::parse(text, nullptr, false);
    if (j.is_number_unsigned()) out.assign(dims, j.get<std::uint64_t>());
    if (j.is_array())
      for (const Json& v : j)
        if (v.is_number_unsigned()) out.push_back(v.get<std::uint64_t>());
    if (out.size() == 1) out.assign(dims, out[0]);
    if (out.size() != dims || (j.is_array() && j.size() != dims))
      fail(e, std::to_string(dims) + " integers in Concrete Inputs", "'" + text + "'");
    return out;
  }

  // The output's spatial dims of a convolution. Torch >= 2.1 records stride, padding and
  // dilation (args 3, 4, 5 of conv1d/conv2d/convolution/_convolution) in Concrete Inputs; older
  // profiles do not, and the size is read from the first later op on the thread that takes an
  // [N, F, ...] tensor of the same rank (its consumer).
  Dims conv_output(std::size_t at, const Dims& x, const Dims& w) const {
    const Event& conv = events_[at];
    const std::size_t spatial = x.size() - 2;
    if (conv.concrete.size() >= 6 && !conv.concrete[3].empty()) {
      const Dims stride = int_list(conv, conv.concrete[3], spatial);
      const Dims dilation = int_list(conv, conv.concrete[5], spatial);
      const std::string& pad = conv.concrete[4];
      const bool same = pad == "same" || pad == "'same'";
      const bool valid = pad == "valid" || pad == "'valid'";
      const Dims padding = same || valid ? Dims(spatial, 0) : int_list(conv, pad, spatial);
      Dims y{x[0], w[0]};
      for (std::size_t i = 0; i < spatial; ++i) {
        const std::uint64_t in = x[2 + i];
        const std::uint64_t reach =
            checked_add(checked_mul(dilation[i], w[2 + i] - 1, "conv reach"), 1, "conv reach");
        const std::uint64_t padded = checked_add(in, checked_mul(2, padding[i], "pad"), "pad");
        if (stride[i] == 0 || dilation[i] == 0 || (!same && padded < reach))
          fail(
              conv, "a stride and dilation >= 1 and a kernel that fits the padded input",
              "stride " + conv.concrete[3] + ", padding " + pad + ", dilation " + conv.concrete[5]);
        y.push_back(same ? in : (padded - reach) / stride[i] + 1);
      }
      return y;
    }
    const std::uint64_t n = x[0];
    const std::uint64_t f = w[0];
    const std::size_t rank = x.size();
    for (std::size_t i : thread_order_) {
      const Event& e = events_[i];
      if (e.start < conv.end || (e.start == conv.end && i == at)) continue;
      for (const auto& in : e.inputs)
        if (in && in->size() == rank && (*in)[0] == n && (*in)[1] == f) return *in;
    }
    fail(conv, "a later op reading its [N, F, ...] output (its output size is not recorded)",
         "none");
  }

  void add_gemm(const Event& e, GemmShape g) {
    (void)g.macs();
    trace_.ops.push_back({label(e), Phase::Forward, TraceOp::Kind::Gemm, g, {}});
  }

  void add_vector(const Event& e, VectorShape v) {
    trace_.ops.push_back({label(e), Phase::Forward, TraceOp::Kind::Vector, {}, v});
  }

  void conv(std::size_t at) {
    const Event& e = events_[at];
    const Dims& x = tensor(e, 0, 3);
    const Dims& w = tensor(e, 1, 3);
    if (w.size() != x.size() || x.size() > 4)
      fail(e, "a 1-D or 2-D convolution: input and weight of rank 3 or 4",
           Json(x).dump() + " and " + Json(w).dump());
    if (x[1] % w[1] != 0 || w[0] % (x[1] / w[1]) != 0)
      fail(e, "input channels a multiple of the weight's (groups)",
           Json(x).dump() + " and " + Json(w).dump());
    const Dims y = conv_output(at, x, w);
    const std::uint64_t groups = x[1] / w[1];
    GemmShape g;
    g.m = checked_mul(x[0], product(y, 2), "GEMM rows");
    g.n = w[0] / groups;
    g.k = checked_mul(w[1], product(w, 2), "GEMM depth");
    g.count = groups;
    g.a_unique_elements = checked_mul(x[0], product(x, 1) / groups, "GEMM inputs");
    if (g.a_unique_elements >= checked_mul(g.m, g.k, "GEMM inputs"))
      g.a_unique_elements = 0;  // 1x1 stride 1: A is the map, as lower_layer.cpp
    add_gemm(e, g);
  }

  // A x B with numpy broadcasting of the leading dims (aten::matmul, bmm, mm, addmm, linear).
  void matmul(const Event& e, const Dims& a, const Dims& b) {
    const std::uint64_t k = a.back();
    const std::uint64_t bk = b.size() == 1 ? b[0] : b[b.size() - 2];
    if (bk != k)
      fail(e, "operands whose inner dims agree", Json(a).dump() + " x " + Json(b).dump());
    const std::uint64_t n = b.size() == 1 ? 1 : b.back();
    if (b.size() <= 2) {  // a weight-like B: every leading dim of A is a row
      add_gemm(e, GemmShape{product(a, 0, a.size() - 1), n, k, 1});
      return;
    }
    const std::uint64_t m = a.size() == 1 ? 1 : a[a.size() - 2];
    const Dims batch_a(a.begin(), a.end() - std::min<std::size_t>(a.size(), 2));
    const Dims batch_b(b.begin(), b.end() - 2);
    std::uint64_t count = 1;
    const std::size_t rank = std::max(batch_a.size(), batch_b.size());
    for (std::size_t i = 0; i < rank; ++i) {
      const auto dim = [&](const Dims& d) {
        return i + d.size() >= rank ? d[i + d.size() - rank] : std::uint64_t{1};
      };
      count = checked_mul(count, std::max(dim(batch_a), dim(batch_b)), "GEMM count");
    }
    add_gemm(e, GemmShape{m, n, k, count});
  }

  void gemm(const Event& e) {
    if (e.name == "aten::linear") {
      const Dims& x = tensor(e, 0, 1);
      const Dims& w = tensor(e, 1, 2);
      add_gemm(e, GemmShape{product(x, 0, x.size() - 1), w[0], w[1], 1});
    } else if (e.name == "aten::addmm" || e.name == "aten::baddbmm") {
      const std::size_t rank = e.name == "aten::addmm" ? 2 : 3;
      const Dims& a = tensor(e, 1, rank);  // checked in order, so a message names the first
      matmul(e, a, tensor(e, 2, rank));
    } else {
      const std::size_t rank = e.name == "aten::mm" ? 2 : e.name == "aten::bmm" ? 3 : 1;
      const Dims& a = tensor(e, 0, rank);
      matmul(e, a, tensor(e, 1, rank));
    }
  }

  // softmax(Q·Kᵀ·scale)·V: two batched GEMMs and the softmax between them.
  void attention(const Event& e) {
    const Dims& q = tensor(e, 0, 2);
    const Dims& k = tensor(e, 1, 2);
    const Dims& v = tensor(e, 2, 2);
    const std::uint64_t batch = product(q, 0, q.size() - 2);
    const std::uint64_t l = q[q.size() - 2];
    const std::uint64_t s = k[k.size() - 2];
    add_gemm(e, GemmShape{l, s, q.back(), batch});
    const std::uint64_t scores = checked_product("attention scores", batch, l, s);
    add_vector(e, VectorShape{VectorKind::Softmax, scores, checked_mul(scores, 5, "ops"), scores});
    add_gemm(e, GemmShape{l, v.back(), s, batch});
  }

  void vector(const Event& e) {
    if (e.name == "aten::embedding") {
      const Dims& table = tensor(e, 0, 2);
      const std::uint64_t out = checked_mul(product(tensor(e, 1, 1)), table[1], "elements");
      add_vector(e, VectorShape{VectorKind::Embedding, out, 0, out});
      return;
    }
    const VectorRule rule = vector_rules().at(e.name);
    // Output: the broadcast of the tensor inputs (a norm's or softmax's first input alone).
    Dims out;
    std::uint64_t read = 0;
    const bool first_only = rule.kind == VectorKind::Norm || rule.kind == VectorKind::Softmax;
    for (std::size_t i = 0; i < e.inputs.size() && !(first_only && i > 0); ++i) {
      if (!e.inputs[i] || e.inputs[i]->empty()) continue;
      const Dims& d = *e.inputs[i];
      read = checked_add(read, product(d), "elements");
      if (d.size() > out.size()) out.insert(out.begin(), d.size() - out.size(), 1);
      for (std::size_t j = 0; j < d.size(); ++j) {
        auto& o = out[j + out.size() - d.size()];
        o = std::max(o, d[j]);
      }
    }
    if (out.empty()) fail(e, "a tensor input in Input Dims", "only scalars");
    const std::uint64_t elements = product(out);
    add_vector(e, VectorShape{rule.kind, elements,
                              checked_mul(elements, rule.ops_per_element, "vector ops"), read});
  }

  bool has_recognised(std::size_t i) const {
    const Event& e = events_[i];
    if (recognised(e.name)) return true;
    return std::any_of(e.children.begin(), e.children.end(),
                       [this](std::size_t c) { return has_recognised(c); });
  }

  void visit(std::size_t i) {
    const Event& e = events_[i];
    if (is_in(kConvOps, e.name))
      conv(i);
    else if (is_in(kGemmOps, e.name))
      gemm(e);
    else if (is_in(kAttentionOps, e.name))
      attention(e);
    else if (recognised(e.name))
      vector(e);
    else if (!opaque(e.name) && has_recognised(i))
      for (std::size_t c : e.children) visit(c);
    else
      ++skipped_[e.name];
  }

  // Tree per thread by time span: an event is inside the innermost open one it starts in.
  Network read(const std::map<std::string, std::vector<std::size_t>>& threads) {
    std::vector<std::size_t> roots;
    for (const auto& [thread, order] : threads) {
      thread_order_ = order;
      std::vector<std::size_t> open;
      for (std::size_t i : order) {
        const Event& e = events_[i];
        while (!open.empty()) {
          const Event& p = events_[open.back()];
          // By the start alone: ops on one thread nest properly, and a profiler that rounds
          // start and end separately can let a child end a microsecond after its parent.
          const bool inside = e.start >= p.start && (e.start < p.end || e.start == p.start);
          if (inside) break;
          open.pop_back();
        }
        // ATen nests a handful of levels; thousands is not a profile (and would overflow the
        // recursion below).
        if (open.size() >= kMaxDepth)
          fail(e, "ops nested at most " + std::to_string(kMaxDepth) + " deep",
               "a deeper nesting of time spans");
        (open.empty() ? roots : events_[open.back()].children).push_back(i);
        open.push_back(i);
      }
      for (std::size_t r : roots) visit(r);
      roots.clear();
    }
    LoweredWorkload w;
    w.source = source_;
    w.trace = std::move(trace_);
    for (const auto& [name, count] : skipped_)
      w.trace.skipped.push_back(
          {name + " (" + std::to_string(count) + (count == 1 ? " call)" : " calls)"), name, 0});
    const std::string stem = std::filesystem::path(source_).stem().string();
    w.trace.network = stem;
    w.trace.batch = 1;
    return Network({.name = stem,
                    .batch = 1,
                    .units_per_item = 1,
                    .unit_of_work = "profiled call",
                    .input = "as profiled"},
                   std::move(w));
  }

 private:
  std::string label(const Event& e) { return e.name + "#" + std::to_string(++labels_[e.name]); }

  std::string source_;
  std::vector<Event> events_;
  std::vector<std::size_t> thread_order_;
  Trace trace_;
  std::map<std::string, int> labels_;
  std::map<std::string, std::uint64_t> skipped_;
};

int line_of(const std::string& text, std::size_t byte) {
  return 1 + static_cast<int>(std::count(
                 text.begin(),
                 text.begin() + static_cast<std::ptrdiff_t>(std::min(byte, text.size())), '\n'));
}

std::optional<Dims> parse_dims(const Json& d, const std::function<void(const std::string&)>& bad) {
  if (!d.is_array()) bad(d.dump());
  if (d.empty()) return std::nullopt;
  Dims out;
  for (const Json& x : d) {
    if (!x.is_number_unsigned()) bad(d.dump());
    out.push_back(x.get<std::uint64_t>());
  }
  return out;
}

}  // namespace

Network parse_torch_profile(const std::string& text, const std::string& source) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    const std::size_t colon = what.find(": ");
    throw InputError(input_error_message(
        source, line_of(text, e.byte), "", "a torch.profiler Chrome-trace JSON",
        "malformed JSON" +
            (colon == std::string::npos ? "" : " (" + what.substr(colon + 2) + ")")));
  }
  const Json* list = &doc;
  if (doc.is_object() && doc.contains("traceEvents")) list = &doc["traceEvents"];
  if (!list->is_array())
    throw InputError(input_error_message(source, 0, "traceEvents",
                                         "a list of trace events (torch.profiler's "
                                         "export_chrome_trace)",
                                         std::string("a JSON ") + list->type_name()));
  std::vector<Event> events;
  std::map<std::string, std::vector<std::size_t>> threads;
  std::map<std::string, std::uint64_t> other_categories;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& j = (*list)[i];
    const std::string where = "traceEvents[" + std::to_string(i) + "]";
    auto bad = [&](const std::string& key, const std::string& expected, const std::string& found) {
      throw InputError(
          input_error_message(source, 0, where + "." + key, expected,
                              found.size() > 80 ? found.substr(0, 80) + "..." : found));
    };
    if (!j.is_object()) bad("", "an event object", j.dump());
    if (!j.contains("ph") || j["ph"] != "X") continue;  // metadata, flows, counters: not ops
    const std::string cat =
        j.contains("cat") && j["cat"].is_string() ? j["cat"].get<std::string>() : "cpu_op";
    if (cat != "cpu_op" && cat != "operator" && cat != "Operator") {
      ++other_categories[cat];
      continue;
    }
    Event e;
    e.index = i;
    if (!j.contains("name") || !j["name"].is_string())
      bad("name", "a string", j.value("name", Json()).dump());
    e.name = j["name"].get<std::string>();
    for (const char* key : {"ts", "dur"})
      if (!j.contains(key) || !j[key].is_number() || j[key].get<double>() < 0)
        bad(key, "a time >= 0 in microseconds",
            j.contains(key) ? j[key].dump() : "the key missing");
    e.start = j["ts"].get<double>();
    e.end = e.start + j["dur"].get<double>();
    if (j.contains("args") && j["args"].is_object() && j["args"].contains("Input Dims")) {
      const Json& dims = j["args"]["Input Dims"];
      auto bad_dims = [&](const std::string& found) {
        bad("args.Input Dims", "a list of shapes (lists of integers >= 0)", found);
      };
      if (!dims.is_array()) bad_dims(dims.dump());
      for (const Json& d : dims) e.inputs.push_back(parse_dims(d, bad_dims));
      if (j["args"].contains("Concrete Inputs")) {
        const Json& c = j["args"]["Concrete Inputs"];
        if (!c.is_array()) bad("args.Concrete Inputs", "a list of strings", c.dump());
        for (const Json& v : c) {
          if (!v.is_string()) bad("args.Concrete Inputs", "a list of strings", c.dump());
          e.concrete.push_back(v.get<std::string>());
        }
      }
    }
    const std::string thread = j.value("pid", Json()).dump() + "/" + j.value("tid", Json()).dump();
    threads[thread].push_back(events.size());
    events.push_back(std::move(e));
  }
  for (auto& [thread, order] : threads)
    std::stable_sort(order.begin(), order.end(), [&events](std::size_t a, std::size_t b) {
      const Event& x = events[a];
      const Event& y = events[b];
      if (x.start != y.start) return x.start < y.start;
      return x.end > y.end;  // the enclosing one first
    });
  Reader reader(source, std::move(events));
  Network n = reader.read(threads);
  if (n.lowered()->trace.ops.empty())
    throw InputError(input_error_message(source, 0, "",
                                         "at least one op with shapes (record with "
                                         "record_shapes=True)",
                                         "no GEMM or vector op"));
  if (other_categories.empty()) return n;
  LoweredWorkload w = *n.lowered();
  for (const auto& [what, count] : other_categories)
    w.trace.skipped.push_back({std::to_string(count) + " '" + what + "' events",
                               "not an operator (category " + what + ")", 0});
  return Network({.name = n.name(),
                  .batch = 1,
                  .units_per_item = 1,
                  .unit_of_work = n.unit_of_work(),
                  .input = n.input_description()},
                 std::move(w));
}

Network read_torch_profile(const std::string& path) {
  return parse_torch_profile(read_input_file(path, "a torch.profiler trace (.json)", kTraceFileCap),
                             path);
}

}  // namespace headroom::models
