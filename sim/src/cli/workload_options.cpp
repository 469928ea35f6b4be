// SPDX-License-Identifier: MIT
#include "cli/workload_options.hpp"

#include <fmt/format.h>

#include <charconv>
#include <iostream>

#include "headroom/models/error.hpp"

namespace headroom::sim::cli {

namespace {

std::uint64_t positive(const std::string& flag, const std::string& text, const std::string& whole) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v == 0)
    throw InputError(input_error_message(flag, 0, "", "a positive integer",
                                         "'" + text + "' in '" + whole + "'"));
  return v;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

}  // namespace

void add_workload_flags(CLI::App& cmd, WorkloadFlags& flags) {
  cmd.add_option("--input-shape", flags.input_shapes,
                 "ONNX: the shape of a graph input, NAME=1x3x224x224 (repeatable)");
  cmd.add_option("--dim", flags.dims, "ONNX: values of symbolic dims, e.g. batch=8,seq=512");
  cmd.add_option("--unsupported-ops", flags.unsupported_ops,
                 "ONNX: 'error' stops at an op Headroom does not map; 'skip' leaves it out")
      ->check(CLI::IsMember({"error", "skip"}))
      ->capture_default_str();
}

models::OnnxOptions onnx_options(const WorkloadFlags& flags) {
  models::OnnxOptions o;
  for (const auto& spec : flags.input_shapes) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw InputError(
          input_error_message("--input-shape", 0, "", "NAME=DIMS, e.g. input=1x3x224x224", spec));
    std::vector<std::uint64_t> dims;
    for (const auto& d : split(spec.substr(eq + 1), 'x'))
      dims.push_back(positive("--input-shape", d, spec));
    o.input_shapes[spec.substr(0, eq)] = dims;
  }
  for (const auto& list : flags.dims)
    for (const auto& item : split(list, ',')) {
      const std::size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0)
        throw InputError(input_error_message("--dim", 0, "", "NAME=N, e.g. seq=512", item));
      o.dims[item.substr(0, eq)] = positive("--dim", item.substr(eq + 1), item);
    }
  o.skip_unsupported = flags.unsupported_ops == "skip";
  return o;
}

void print_skipped(const std::vector<models::SkippedNode>& skipped) {
  for (const auto& s : skipped)
    std::cerr << fmt::format("warning: skipped unsupported node '{}' ({}), output {} bytes\n",
                             s.node, s.op_type, s.output_bytes);
}

models::Network load_workload_network(const models::WorkloadSpec& spec) {
  models::Network n = models::load_network(spec);
  print_skipped(n.skipped());
  return n;
}

}  // namespace headroom::sim::cli
