// SPDX-License-Identifier: MIT
#include "headroom/models/workload.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "headroom/models/error.hpp"
#include "headroom/models/scalesim_topology.hpp"
#include "headroom/models/zoo.hpp"

namespace headroom::models {

namespace {

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

void reject_zoo_options(const WorkloadSpec& spec) {
  const char* flag = spec.image_size         ? "--image-size"
                     : spec.seq_len          ? "--seq-len"
                     : spec.width_multiplier ? "--width-multiplier"
                                             : nullptr;
  if (flag)
    throw InputError(
        input_error_message(flag, 0, "",
                            "a zoo network; the shapes of " + spec.network +
                                " come from the file (use --input-shape / --dim for ONNX)",
                            spec.network));
}

bool has_onnx_options(const OnnxOptions& o) {
  return !o.input_shapes.empty() || !o.dims.empty() || o.skip_unsupported;
}

}  // namespace

WorkloadKind workload_kind(const std::string& network) {
  if (ends_with_ci(network, ".onnx")) return WorkloadKind::Onnx;
  if (ends_with_ci(network, ".csv")) return WorkloadKind::Topology;
  return WorkloadKind::Zoo;
}

Network load_network(const WorkloadSpec& spec) {
  const WorkloadKind kind = workload_kind(spec.network);
  if (kind != WorkloadKind::Onnx && has_onnx_options(spec.onnx))
    throw InputError(input_error_message("--input-shape/--dim/--unsupported-ops", 0, "",
                                         "an ONNX file as the network", spec.network));
  switch (kind) {
    case WorkloadKind::Onnx:
      reject_zoo_options(spec);
      return read_onnx_network(spec.network, spec.batch, spec.onnx);
    case WorkloadKind::Topology:
      reject_zoo_options(spec);
      if (spec.batch != 1)
        throw InputError(input_error_message("--batch", 0, "",
                                             "1 with a topology (the CSV's shapes fix the batch)",
                                             std::to_string(spec.batch)));
      return load_scalesim_network(spec.network);
    case WorkloadKind::Zoo:
      break;
  }
  return make_network(spec.network,
                      ZooOptions{spec.batch, spec.image_size, spec.seq_len, spec.width_multiplier});
}

}  // namespace headroom::models
