// SPDX-License-Identifier: MIT
// One method per ONNX op class: its layer (shapes from the graph, parameters counted once).
#include <algorithm>
#include <tuple>

#include "headroom/models/error.hpp"
#include "onnx_lowering.hpp"

namespace headroom::models::onnx_import {

Lowering::Fit Lowering::fit_window(int i, std::uint64_t in, std::uint64_t k, std::uint64_t s,
                                   std::uint64_t dil, std::uint64_t out) const {
  const std::uint64_t span = dil * (k - 1) + 1;
  for (const std::uint64_t extra : {0, 1})
    for (std::uint64_t p = 0; p <= span + s; ++p) {
      const std::uint64_t padded = in + extra + 2 * p;
      if (s > 0 && padded >= span && (padded - span) / s + 1 == out) return {in + extra, p};
    }
  fail("node " + g_.node_label(i), "a window whose output size some padding gives",
       "input " + std::to_string(in) + ", kernel " + std::to_string(k) + ", stride " +
           std::to_string(s) + ", output " + std::to_string(out));
}

Lowering::Map Lowering::image(const std::string& t, int i) const {
  const Dims& d = dims(t, i);
  if (d.size() != 3 && d.size() != 4)
    fail("node " + g_.node_label(i), "a 1-D or 2-D feature map (N x C x [H x] W)",
         "tensor '" + t + "' of shape " + join(d));
  const auto u = [&](std::size_t k) { return static_cast<std::uint64_t>(d[k]); };
  const Map m = d.size() == 4 ? Map{u(0), u(1), u(2), u(3)} : Map{u(0), u(1), 1, u(2)};
  if (m.n != batch_)
    fail("node " + g_.node_label(i),
         "its feature map's batch to be the network's (" + std::to_string(batch_) + ")",
         "tensor '" + t + "' of shape " + join(d));
  return m;
}

// Kernel-shaped attribute as (h, w), 1-D ones as (1, w).
std::pair<std::uint64_t, std::uint64_t> Lowering::hw(const std::vector<std::int64_t>& v,
                                                     std::uint64_t def) {
  if (v.empty()) return {def, def};
  if (v.size() == 1) return {1, static_cast<std::uint64_t>(v[0])};
  return {static_cast<std::uint64_t>(v[0]), static_cast<std::uint64_t>(v[1])};
}

void Lowering::conv(int i) {
  const auto& n = g_.node(i);
  const Map x = image(n.input(0), i);
  const Map y = image(n.output(0), i);
  const Dims& w = dims(n.input(1), i);
  Conv2d c;
  c.in_channels = x.c;
  c.in_h = x.h;
  c.in_w = x.w;
  c.out_channels = y.c;
  c.groups = static_cast<std::uint64_t>(attr_i(n, "group", 1));
  std::tie(c.kernel_h, c.kernel_w) = hw(attr_ints(n, "kernel_shape"), 1);
  if (!attr(n, "kernel_shape") && w.size() == 4) {
    c.kernel_h = static_cast<std::uint64_t>(w[2]);
    c.kernel_w = static_cast<std::uint64_t>(w[3]);
  } else if (!attr(n, "kernel_shape") && w.size() == 3) {
    c.kernel_w = static_cast<std::uint64_t>(w[2]);
  }
  std::tie(c.stride_h, c.stride_w) = hw(attr_ints(n, "strides"), 1);
  std::tie(c.dilation_h, c.dilation_w) = hw(attr_ints(n, "dilations"), 1);
  const Fit fh = fit_window(i, c.in_h, c.kernel_h, c.stride_h, c.dilation_h, y.h);
  const Fit fw = fit_window(i, c.in_w, c.kernel_w, c.stride_w, c.dilation_w, y.w);
  c.in_h = fh.in;
  c.pad_h = fh.pad;
  c.in_w = fw.in;
  c.pad_w = fw.pad;
  c.bias = has_input(i, 2);
  (void)take_params(inputs_from(i, 1));
  add(i, c);
}

// Each input pixel scatters a kernel-sized patch: a 1x1 convolution to C_out*kh*kw channels
// (the same MACs and weights), then the overlapping patches summed (col2im) plus bias.
void Lowering::conv_transpose(int i) {
  const auto& n = g_.node(i);
  const Map x = image(n.input(0), i);
  const Map y = image(n.output(0), i);
  const Dims& w = dims(n.input(1), i);
  const std::uint64_t groups = static_cast<std::uint64_t>(attr_i(n, "group", 1));
  if (w.size() < 3)
    fail("node " + g_.node_label(i), "a weight C_in x C_out/group x kernel", join(w));
  const std::uint64_t patch = product(w, 2);
  Conv2d c;
  c.in_channels = x.c;
  c.in_h = x.h;
  c.in_w = x.w;
  c.out_channels = static_cast<std::uint64_t>(w[1]) * groups * patch;
  c.groups = groups;
  c.bias = false;
  const std::uint64_t params = take_params(inputs_from(i, 1));
  const std::uint64_t conv_weights = c.out_channels * (c.in_channels / groups);
  add(i, c);
  layers_.push_back(
      {layer_name(i) + ".col2im", Elementwise{VectorKind::Elementwise, y.c * y.h * y.w, 1, 1,
                                              params - std::min(params, conv_weights)}});
}

void Lowering::gemm(int i) {
  const auto& n = g_.node(i);
  const Dims& a = dims(n.input(0), i);
  const Dims& b = dims(n.input(1), i);
  if (a.size() != 2 || b.size() != 2)
    fail("node " + g_.node_label(i), "2-D Gemm operands", join(a) + " and " + join(b));
  const bool ta = attr_i(n, "transA", 0) != 0, tb = attr_i(n, "transB", 0) != 0;
  const auto m = static_cast<std::uint64_t>(ta ? a[1] : a[0]);
  const auto k = static_cast<std::uint64_t>(ta ? a[0] : a[1]);
  const auto cols = static_cast<std::uint64_t>(tb ? b[0] : b[1]);
  if (!is_static(n.input(1))) {
    add(i, BatchMatmul{1, per_example(m, n.input(0), i), cols, k, role(i)});
    return;
  }
  Dense d{per_example(m, n.input(0), i), k, cols, has_input(i, 2), all_counted(n.input(1))};
  (void)take_params(inputs_from(i, 1));
  add(i, d);
}

AttentionRole Lowering::role(int i) const {
  const auto it = roles_.find(i);
  return it == roles_.end() ? AttentionRole::None : it->second;
}

void Lowering::matmul(int i) {
  const auto& n = g_.node(i);
  Dims a = dims(n.input(0), i);
  Dims b = dims(n.input(1), i);
  if (a.empty() || b.empty())
    fail("node " + g_.node_label(i), "MatMul operands of rank 1 or more",
         join(a) + " and " + join(b));
  if (a.size() == 1) a.insert(a.begin(), 1);
  if (b.size() == 1) b.push_back(1);
  const auto m = static_cast<std::uint64_t>(a[a.size() - 2]);
  const auto k = static_cast<std::uint64_t>(a.back());
  const auto cols = static_cast<std::uint64_t>(b.back());
  const bool weight = is_static(n.input(1)) && product(b, 0, b.size() - 2) == 1;
  if (weight) {
    const std::uint64_t rows = per_example(product(a, 0, a.size() - 1), n.input(0), i);
    Dense d{rows, k, cols, false, all_counted(n.input(1))};
    std::vector<std::string> params{n.input(1)};
    // A bias added right after (Linear on 3-D input exports as MatMul + Add).
    if (const auto bias = only_consumer(n.output(0), "Add")) {
      const std::string other = other_input(*bias, n.output(0));
      const TensorInfo* t = g_.info(other);
      if (is_static(other) && !sources(other).empty() && t && t->known() && t->elements() == cols) {
        d.bias = true;
        fused_.insert(*bias);
        params.push_back(other);
      }
    }
    (void)take_params(params);
    add(i, d);
    return;
  }
  // Batch dims broadcast; every one of them is an independent (m x k)(k x n) product.
  const Dims ab(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
  const std::size_t rank = std::max(ab.size(), bb.size());
  std::uint64_t heads = 1;
  for (std::size_t r = 0; r < rank; ++r) {
    const auto at = [&](const Dims& d) -> std::int64_t {
      const std::size_t off = rank - d.size();
      return r < off ? 1 : d[r - off];
    };
    heads *= static_cast<std::uint64_t>(std::max(at(ab), at(bb)));
  }
  (void)take_params({n.input(1)});
  add(i, BatchMatmul{per_example(heads, n.output(0), i), m, cols, k, role(i)});
}

void Lowering::batch_norm(int i) {
  const auto& n = g_.node(i);
  const Dims& x = dims(n.input(0), i);
  (void)take_params({n.input(1), n.input(2)});
  counted_.insert(n.input(3));  // running statistics are state, not parameters
  counted_.insert(n.input(4));
  add(i, Norm{NormKind::Batch, per_example(product(x), n.input(0), i),
              static_cast<std::uint64_t>(x.size() > 1 ? x[1] : 1)});
}

void Lowering::layer_norm(int i) {
  const auto& n = g_.node(i);
  const Dims& x = dims(n.input(0), i);
  auto axis = attr_i(n, "axis", -1);
  if (axis < 0) axis += static_cast<std::int64_t>(x.size());
  (void)take_params(inputs_from(i, 1));
  add(i, Norm{NormKind::Layer, per_example(product(x), n.input(0), i),
              product(x, static_cast<std::size_t>(axis))});
}

void Lowering::softmax(int i) {
  const auto& n = g_.node(i);
  const Dims& x = dims(n.input(0), i);
  // Opset 13 normalises one axis (default last); older opsets flatten from `axis` (default 1).
  const bool one_axis = g_.opset >= 13;
  auto axis = attr_i(n, "axis", one_axis ? -1 : 1);
  if (axis < 0) axis += static_cast<std::int64_t>(x.size());
  if (axis < 0 || axis >= static_cast<std::int64_t>(x.size()))
    fail("node " + g_.node_label(i), "an axis within the input's rank", join(x));
  const auto ax = static_cast<std::size_t>(axis);
  const std::uint64_t width = one_axis ? static_cast<std::uint64_t>(x[ax]) : product(x, ax);
  const std::uint64_t rows = product(x) / std::max<std::uint64_t>(1, width);
  add(i, Softmax{per_example(rows, n.input(0), i), width});
}

void Lowering::pool(int i) {
  const auto& n = g_.node(i);
  const Map x = image(n.input(0), i);
  const Map y = image(n.output(0), i);
  Pool p;
  p.kind = n.op_type() == "MaxPool" ? PoolKind::Max : PoolKind::Average;
  p.channels = x.c;
  p.in_h = x.h;
  p.in_w = x.w;
  std::tie(p.kernel_h, p.kernel_w) = hw(attr_ints(n, "kernel_shape"), 1);
  std::tie(p.stride_h, p.stride_w) = hw(attr_ints(n, "strides"), 1);
  const Fit fh = fit_window(i, p.in_h, p.kernel_h, p.stride_h, 1, y.h);
  const Fit fw = fit_window(i, p.in_w, p.kernel_w, p.stride_w, 1, y.w);
  p.in_h = fh.in;
  p.pad_h = fh.pad;
  p.in_w = fw.in;
  p.pad_w = fw.pad;
  add(i, p);
}

void Lowering::global_pool(int i) {
  const Map x = image(g_.node(i).input(0), i);
  add(i, Pool{PoolKind::GlobalAverage, x.c, x.h, x.w});
}

// A reduction reads every input element once: a global pool from the input to the output.
void Lowering::reduce(int i) {
  const auto& n = g_.node(i);
  const std::uint64_t in = product(dims(n.input(0), i));
  const std::uint64_t out = std::max<std::uint64_t>(1, product(dims(n.output(0), i)));
  add(i, Pool{PoolKind::GlobalAverage, per_example(out, n.output(0), i), in / out, 1});
}

void Lowering::gather(int i) {
  const auto& n = g_.node(i);
  const Dims& table = dims(n.input(0), i);
  const Dims& out = dims(n.output(0), i);
  if (is_static(n.input(0)) && !sources(n.input(0)).empty() && table.size() == 2 &&
      attr_i(n, "axis", 0) == 0) {
    const std::uint64_t tokens = product(dims(n.input(1), i));
    Embedding e{static_cast<std::uint64_t>(table[0]), static_cast<std::uint64_t>(table[1]),
                per_example(tokens, n.input(1), i), all_counted(n.input(0))};
    (void)take_params({n.input(0)});
    add(i, e);
    return;
  }
  add(i, Elementwise{VectorKind::Elementwise, per_example(product(out), n.output(0), i), 0, 1,
                     take_params({n.input(0)})});
}

void Lowering::recurrent(int i) {
  const auto& n = g_.node(i);
  const Dims& x = dims(n.input(0), i);
  const bool batch_first = attr_i(n, "layout", 0) != 0;
  if (x.size() != 3) fail("node " + g_.node_label(i), "a 3-D sequence input", join(x));
  const auto steps = static_cast<std::uint64_t>(batch_first ? x[1] : x[0]);
  const auto n_batch = static_cast<std::uint64_t>(batch_first ? x[0] : x[1]);
  if (n_batch != batch_)
    fail("node " + g_.node_label(i),
         "its batch dim to be the network's (" + std::to_string(batch_) + ")", join(x));
  Recurrent r;
  r.cell = n.op_type() == "LSTM"  ? RecurrentCell::Lstm
           : n.op_type() == "GRU" ? RecurrentCell::Gru
                                  : RecurrentCell::Vanilla;
  r.steps = steps;
  r.input_size = static_cast<std::uint64_t>(x[2]);
  r.hidden_size = static_cast<std::uint64_t>(attr_i(n, "hidden_size", 0));
  if (r.hidden_size == 0) {
    const Dims& rw = dims(n.input(2), i);
    if (rw.size() != 3)
      fail("node " + g_.node_label(i), "a recurrence weight dirs x gates*hidden x hidden",
           join(rw));
    r.hidden_size = static_cast<std::uint64_t>(rw[2]);
  }
  r.bidirectional = attr_s(n, "direction", "forward") == "bidirectional";
  r.bias = has_input(i, 3);
  (void)take_params(inputs_from(i, 1));
  add(i, r);
}

// Nearest neighbour copies; linear interpolation blends 2 (1-D) to 8 (3-D) neighbours, taken
// as 4 multiply-adds for the usual 2-D bilinear; cubic as 16.
void Lowering::resize(int i) {
  const auto& n = g_.node(i);
  const std::string mode = attr_s(n, "mode", "nearest");
  const std::uint64_t ops = mode == "nearest" ? 0 : mode == "cubic" ? 16 : 4;
  add(i, Elementwise{VectorKind::Elementwise,
                     per_example(product(dims(n.output(0), i)), n.output(0), i), ops, 1});
}

// A Transpose that only moves size-1 dims, or whose result feeds GEMMs (which read either
// operand layout), moves no data; any other materialises a copy.
void Lowering::transpose(int i) {
  const auto& n = g_.node(i);
  const Dims& x = dims(n.input(0), i);
  std::vector<std::int64_t> perm = attr_ints(n, "perm");
  if (perm.empty())
    for (std::int64_t d = static_cast<std::int64_t>(x.size()) - 1; d >= 0; --d) perm.push_back(d);
  const auto rank = static_cast<std::int64_t>(x.size());
  if (static_cast<std::int64_t>(perm.size()) != rank ||
      std::any_of(perm.begin(), perm.end(), [rank](std::int64_t p) { return p < 0 || p >= rank; }))
    fail("node " + g_.node_label(i),
         "a permutation of the input's " + std::to_string(rank) + " dims",
         "perm of " + std::to_string(perm.size()) + " entries");
  std::vector<std::int64_t> moved;
  for (const auto p : perm)
    if (x[static_cast<std::size_t>(p)] != 1) moved.push_back(p);
  if (std::is_sorted(moved.begin(), moved.end())) return;
  const auto cs = consumers(n.output(0));
  const bool into_gemm = !cs.empty() && std::all_of(cs.begin(), cs.end(), [this](int c) {
    const auto& op = g_.node(c).op_type();
    return op == "MatMul" || op == "Gemm";
  });
  if (into_gemm) return;
  copy(i);
}

// Concat, Pad, a materialising Transpose: read and write every output element, no arithmetic.
void Lowering::copy(int i) {
  const auto& n = g_.node(i);
  std::vector<std::string> statics;
  for (const auto& in : n.input())
    if (is_static(in)) statics.push_back(in);
  add(i, Elementwise{VectorKind::Elementwise,
                     per_example(product(dims(n.output(0), i)), n.output(0), i), 0, 1,
                     take_params(statics)});
}

void Lowering::elementwise(int i, VectorKind kind, std::uint64_t ops) {
  const auto& n = g_.node(i);
  std::uint64_t operands = 0;
  std::vector<std::string> statics;
  for (const auto& in : n.input()) {
    if (in.empty()) continue;
    ++operands;
    if (is_static(in)) statics.push_back(in);
  }
  // An activation reads one tensor (Clip's bounds and PRelu's slope are scalars or weights).
  if (kind == VectorKind::Activation) operands = 1;
  add(i, Elementwise{kind, per_example(product(dims(n.output(0), i)), n.output(0), i), ops,
                     std::max<std::uint64_t>(1, operands), take_params(statics)});
}

}  // namespace headroom::models::onnx_import
