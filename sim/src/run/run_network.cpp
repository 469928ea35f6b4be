// SPDX-License-Identifier: MIT
#include "headroom/models/error.hpp"
#include "headroom/sim/run.hpp"

namespace headroom::sim {

Result run_network(accel::Simulator& simulator, const accel::AcceleratorConfig& config,
                   const models::Trace& trace, accel::Precision precision, bool training) {
  const std::uint64_t peak = peak_macs_per_cycle(config, precision);
  if (peak == 0) {
    std::string supported;
    for (const auto& [p, macs] : config.array.macs_per_pe_per_cycle)
      supported += (supported.empty() ? "" : ", ") + std::string(accel::to_string(p));
    throw InputError(
        input_error_message("--precision", 0, "",
                            "a precision the array of " + config.name + " runs (" + supported + ")",
                            accel::to_string(precision)));
  }
  Result r;
  r.config_name = config.name;
  r.config_file = config.source_file;
  r.network = trace.network;
  r.batch = trace.batch;
  r.precision = precision;
  r.training = training;
  r.clock = config.clock;
  r.peak_macs_per_cycle = peak;
  r.stats = simulator.run(config, trace, precision);
  r.tech_missing_reason = "the technology model (accel/src/tech) is not linked in yet";
  return r;
}

Result run_network(const accel::AcceleratorConfig& config, const models::Trace& trace,
                   accel::Precision precision, bool training) {
  accel::Simulator simulator;
  return run_network(simulator, config, trace, precision, training);
}

}  // namespace headroom::sim
