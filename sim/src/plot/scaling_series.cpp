// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "plot/pictures.hpp"

namespace headroom::sim::plot {

std::vector<ScalingSeries> scaling_series(accel::Simulator& simulator,
                                          const accel::AcceleratorConfig& config,
                                          const RunConfig& run, const TrainOptions& options,
                                          std::uint64_t min_chips,
                                          const std::vector<DeviceSpec>& gpus) {
  std::vector<ScalingSeries> out;
  ScalingSeries accel_series{config.name, {}};
  for (const auto& p : scaling_table(simulator, config, run, options))
    if (p.chips >= min_chips) accel_series.points.push_back(p);
  out.push_back(std::move(accel_series));
  for (const DeviceSpec& gpu : gpus) {
    ScalingSeries g{gpu.name, {}};
    double one_chip_s = 0;
    // The same chip counts as the accelerator's table, so the curves share the x axis.
    for (const auto& p : out.front().points) {
      TrainOptions o = options;
      o.chips = p.chips;
      o.parallel.clear();
      const TrainReport r = plan_training_on_device(gpu, run, o);
      if (one_chip_s == 0) one_chip_s = r.time_to_train_s * double(p.chips);
      ScalingPoint q;
      q.chips = p.chips;
      q.step_s = r.step.step_s;
      q.time_to_train_s = r.time_to_train_s;
      q.efficiency = one_chip_s / (double(p.chips) * r.time_to_train_s);
      q.communication_share = r.communication_share();
      g.points.push_back(q);
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace headroom::sim::plot
