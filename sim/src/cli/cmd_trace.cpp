// SPDX-License-Identifier: MIT
// `headroom trace NETWORK --out FILE`: the lowered ops of any workload (zoo, ONNX, SCALE-Sim
// topology, torch.profiler trace, trace file) as a trace file (docs/layer-ir.md) that `run`,
// `compare`, `train` and sweeps read back with --network FILE.
#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/workload_options.hpp"
#include "headroom/models/error.hpp"
#include "headroom/models/trace_file.hpp"
#include "headroom/sim/train.hpp"

namespace headroom::sim::cli {

namespace {

struct TraceOptions {
  std::string network;
  std::string out;
  std::uint64_t batch = 1;
  std::optional<std::uint64_t> image_size;
  std::optional<std::uint64_t> seq_len;
  bool training = false;
  bool no_fuse = false;
  std::string optimizer = "momentum";
  std::string precision = "bf16";
  WorkloadFlags workload;
};

void execute(const TraceOptions& o) {
  const auto precision = parse_precision(o.precision);
  if (!precision)
    throw InputError(
        input_error_message("--precision", 0, "", "one of " + precision_list(), o.precision));
  const std::vector<Output> outputs{{"--out", o.out, ""}};
  check_outputs(outputs);
  const models::Network network = load_workload_network({.network = o.network,
                                                         .batch = o.batch,
                                                         .image_size = o.image_size,
                                                         .seq_len = o.seq_len,
                                                         .onnx = onnx_options(o.workload)});
  const std::string text = models::trace_file_text(
      network, o.training, parse_optimizer(o.optimizer), *precision, !o.no_fuse);
  const models::Network back = models::parse_trace_file(text, o.out);
  const models::Trace& trace = back.lowered()->trace;
  std::uint64_t gemms = 0;
  for (const auto& op : trace.ops) gemms += op.kind == models::TraceOp::Kind::Gemm;
  const std::string summary = fmt::format(
      "{}: {} ops ({} GEMMs, {} vector ops), {} MACs, {} at batch {} -> {}\n", network.name(),
      trace.ops.size(), gemms, trace.ops.size() - gemms, trace.total_macs(),
      o.training               ? "one training step"
      : back.lowered()->fusion ? "fused inference"
                               : "inference",
      trace.batch, o.out == "-" ? "stdout" : o.out);
  write_outputs({{"--out", o.out, text}}, summary);
}

}  // namespace

void add_trace_command(CLI::App& app) {
  auto options = std::make_shared<TraceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "trace", "Write the lowered ops (GEMMs, vector ops) of a workload as an editable trace file");
  cmd->add_option("network", options->network,
                  "Workload: a zoo name, an .onnx file, a SCALE-Sim topology .csv, a "
                  "torch.profiler trace .json or a trace file .jsonl")
      ->required();
  cmd->add_option("--out", options->out, "The trace file to write (.jsonl; '-': stdout)")
      ->required();
  cmd->add_option("--batch", options->batch, "Items per batch (images, sequences)")
      ->check(positive_count())
      ->capture_default_str();
  cmd->add_option("--image-size", options->image_size, "Square input side for zoo CNNs")
      ->check(positive_count());
  cmd->add_option("--seq-len", options->seq_len, "Tokens / timesteps per sequence (zoo)")
      ->check(positive_count());
  auto* training = cmd->add_flag("--training", options->training,
                                 "One training step (forward, backward, update) instead of "
                                 "inference");
  cmd->add_flag("--no-fuse", options->no_fuse,
                "Write the naive inference graph (every op a separate pass), as `run --no-fuse` "
                "executes it, instead of the fused one `run` executes by default")
      ->excludes(training);
  cmd->add_option("--optimizer", options->optimizer, "Optimizer of the training step's update")
      ->check(CLI::IsMember({"sgd", "momentum", "adam"}))
      ->needs(training)
      ->capture_default_str();
  cmd->add_option("--precision", options->precision,
                  "Precision of the vector ops' informational `bytes`")
      ->capture_default_str();
  add_workload_flags(*cmd, options->workload);
  cmd->callback([options] { execute(*options); });
}

}  // namespace headroom::sim::cli
