// SPDX-License-Identifier: MIT
// `headroom trends project`: the frontier training run of a year if the compute trend holds, and
// what it costs on a chip at the rate and energy per FLOP of a simulated training step. The
// records of its JSON report (fields in result_fields.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "headroom/sim/train_cost.hpp"

namespace headroom::sim {

// One chip kind running the projected compute at its simulated rate and energy per FLOP.
struct ProjectedRun {
  std::string name;
  std::uint64_t chips = 0;
  double sustained_flops = 0;  // all chips, from the simulated step
  double joules_per_flop = 0;
  double utilization = 0;
  double time_to_train_s = 0;
  double energy_j = 0;
  CostReport cost;
  double flops_per_w_improvement = 0;  // the projection's, repeated in each chip's object
};

// The projection itself: the trend's anchor, its growth to the year, what is executed.
struct TrendProjection {
  int year = 0;
  std::string era;
  std::string data;  // the trend table's source
  std::string anchor_date;
  double anchor_flop = 0;
  double fit_doubling_months = 0;
  double doubling_months = 0;  // the fit's or --doubling
  double projected_flop = 0;
  double band_low = 0, band_high = 0;  // the projection at the fit's 95 % doubling interval
  std::optional<double> algorithmic_halving_months;
  double executed_flop = 0;
  double flops_per_w_improvement = 0;  // to keep the run's energy at today's frontier run's
  std::string run_file;
  std::string run_name;
};

}  // namespace headroom::sim
