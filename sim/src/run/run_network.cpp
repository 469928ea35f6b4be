// SPDX-License-Identifier: MIT
#include "headroom/accel/energy.hpp"
#include "headroom/accel/validate.hpp"
#include "headroom/models/error.hpp"
#include "headroom/sim/run.hpp"
#include "run/energy_account.hpp"

namespace headroom::sim {

Result run_network(accel::Simulator& simulator, const accel::AcceleratorConfig& config,
                   const models::Trace& trace, accel::Precision precision, bool training) {
  accel::require_precision(config, precision, "--precision");
  const std::uint64_t peak = peak_macs_per_cycle(config, precision);
  Result r;
  r.config_name = config.name;
  r.config_file = config.source_file;
  r.network = trace.network;
  r.batch = trace.batch;
  r.skipped_nodes = trace.skipped;
  r.precision = precision;
  r.training = training;
  r.clock = config.clock;
  r.peak_macs_per_cycle = peak;
  r.stats = simulator.run(config, trace, precision);
  // The technology model charges DRAM by its type's energy per bit; a DRAM without a type
  // (SCALE-Sim's compute-only view) leaves energy and area out, saying why.
  r.on_chip_only = config.dram.none;
  if (r.on_chip_only) r.on_chip_bytes = accel::sram_capacity(config.sram);
  if (config.dram.type.empty() && !config.dram.none) {
    r.tech_missing_reason =
        "the DRAM has no type (a SCALE-Sim .cfg or an ideal DRAM); set dram.type in a YAML "
        "config to estimate them";
  } else {
    r.energy = account_energy(config, precision, r.stats);
    r.area = accel::estimate_area(config, precision);
  }
  return r;
}

Result run_network(const accel::AcceleratorConfig& config, const models::Trace& trace,
                   accel::Precision precision, bool training) {
  accel::Simulator simulator;
  return run_network(simulator, config, trace, precision, training);
}

}  // namespace headroom::sim
