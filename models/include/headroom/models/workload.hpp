// SPDX-License-Identifier: MIT
// The one way every command turns "what to simulate" into a Network: a zoo name, an ONNX file or
// a SCALE-Sim topology CSV.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "headroom/models/network.hpp"

namespace headroom::models {

// What ONNX import cannot read from the file itself.
struct OnnxOptions {
  // --input-shape NAME=1x3x224x224: the full shape of a graph input.
  std::map<std::string, std::vector<std::uint64_t>> input_shapes;
  // --dim batch=8,seq=512: a value for each symbolic dimension of that name.
  std::map<std::string, std::uint64_t> dims;
  // --unsupported-ops skip: leave out nodes outside the mapping (recorded in Network::skipped())
  // instead of failing.
  bool skip_unsupported = false;
};

struct WorkloadSpec {
  // A zoo name ("resnet50"), a path ending in .onnx, or a SCALE-Sim topology ending in .csv.
  std::string network;
  // Items per batch. For ONNX it replaces the leading dim of the data inputs when that is
  // symbolic or 1; a topology CSV accepts only 1.
  std::uint64_t batch = 1;
  std::optional<std::uint64_t> image_size;                // zoo only
  std::optional<std::uint64_t> seq_len;                   // zoo only
  std::optional<double> width_multiplier = std::nullopt;  // zoo only (mobilenet_v1)
  OnnxOptions onnx;
};

enum class WorkloadKind { Zoo, Onnx, Topology };

// By extension (case-insensitive): .onnx, .csv, anything else is a zoo name.
[[nodiscard]] WorkloadKind workload_kind(const std::string& network);

// Throws InputError for an unknown zoo name, an unreadable or malformed file, an option the
// workload cannot take (--image-size on an ONNX file, --batch on a topology), an unsupported op.
[[nodiscard]] Network load_network(const WorkloadSpec& spec);

// ONNX import alone (load_network dispatches here for .onnx).
[[nodiscard]] Network read_onnx_network(const std::string& path, std::uint64_t batch,
                                        const OnnxOptions& options);

}  // namespace headroom::models
