// SPDX-License-Identifier: MIT
// The ONNX ops the layer mapping knows, and small readers of nodes, attributes and shapes.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace headroom::models::onnx_import {

using Dims = std::vector<std::int64_t>;

// Element-wise ops with their operations per output element (onnx_ops.cpp says why each).
[[nodiscard]] const std::map<std::string, std::uint64_t>& unary_ops();
[[nodiscard]] const std::set<std::string>& binary_ops();
// Shape and layout ops that move no data in an inference engine (views, metadata, constants).
[[nodiscard]] const std::set<std::string>& zero_cost_ops();
// Ops with a layer of their own (convolutions, GEMMs, norms, pooling, recurrences, ...).
[[nodiscard]] const std::set<std::string>& other_ops();
// Every op above, sorted, space-separated: for error messages.
[[nodiscard]] std::string supported_list();

// Bytes per element of an onnx::TensorProto_DataType (4 for anything unusual).
[[nodiscard]] std::uint64_t dtype_bytes(int t);
[[nodiscard]] bool floating(int t);

[[nodiscard]] std::string join(const Dims& d);  // "1x3x224x224"
// The product of d[from, to), 1 when empty.
[[nodiscard]] std::uint64_t product(const Dims& d, std::size_t from = 0, std::size_t to = SIZE_MAX);

// A node's attribute by name, nullptr when absent; the others return `def` (or empty) then.
[[nodiscard]] const onnx::AttributeProto* attr(const onnx::NodeProto& n, const std::string& name);
[[nodiscard]] std::int64_t attr_i(const onnx::NodeProto& n, const std::string& name,
                                  std::int64_t def);
[[nodiscard]] std::vector<std::int64_t> attr_ints(const onnx::NodeProto& n,
                                                  const std::string& name);
[[nodiscard]] std::string attr_s(const onnx::NodeProto& n, const std::string& name,
                                 const std::string& def);

}  // namespace headroom::models::onnx_import
