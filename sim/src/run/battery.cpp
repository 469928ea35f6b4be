// SPDX-License-Identifier: MIT
#include "run/battery.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <utility>
#include <vector>

#include "headroom/accel/energy.hpp"
#include "headroom/models/error.hpp"

namespace headroom::sim {

namespace {

// ASSUMPTION (no cited figure): waking a power-gated chip costs its leakage over 100 us
// (restoring state, waiting for the rails), a typical order for a gated accelerator block.
constexpr double kWakeSeconds = 100e-6;

// A number followed by one of `units` (case-sensitive, spaces allowed between); the unit's scale.
std::optional<double> number_with_unit(const std::string& text,
                                       const std::vector<std::pair<std::string, double>>& units) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = text.substr(used);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.erase(0, 1);
  for (const auto& [name, scale] : units)
    if (unit == name && std::isfinite(value) && value > 0) return value * scale;
  return std::nullopt;
}

}  // namespace

double parse_rate(const std::string& text) {
  if (auto v = number_with_unit(text, {{"", 1}, {"/s", 1}, {"fps", 1}, {"Hz", 1}})) return *v;
  throw InputError(
      input_error_message("--rate", 0, "", "a positive rate such as 30/s, 30 fps or 30 Hz", text));
}

double parse_battery(const std::string& text) {
  if (auto v = number_with_unit(text, {{"mWh", 3.6}, {"Wh", 3600}, {"J", 1}, {"kJ", 1e3}}))
    return *v;
  throw InputError(input_error_message(
      "--battery", 0, "", "a positive energy such as 1000mWh, 1.5 Wh or 3600 J", text));
}

BatteryReport duty_cycle(const Result& result, const DutyCycle& duty,
                         const accel::AcceleratorConfig& config) {
  if (!result.energy)
    throw InputError(input_error_message(
        "--rate", 0, "", "a config with a technology model (" + result.tech_missing_reason + ")",
        config.source_file));
  BatteryReport b;
  b.duty = duty;
  const double latency = result.latency_s();
  const double batch = static_cast<double>(result.batch);
  const double run_j = result.energy->total.total.value();
  double static_j = 0;
  for (const auto& c : result.energy->total.components)
    if (c.name == "static") static_j = c.energy.value();
  const double leakage_w = latency > 0 ? static_j / latency : 0;
  b.max_rate_per_s = latency > 0 ? batch / latency : 0;
  if (duty.rate_per_s > b.max_rate_per_s)
    throw InputError(input_error_message(
        "--rate", 0, "",
        fmt::format("at most {:.6g}/s, what {} sustains back to back ({} per batch of {})",
                    b.max_rate_per_s, config.name, fmt::format("{:.6g} s", latency), result.batch),
        fmt::format("{:.6g}/s", duty.rate_per_s)));
  const double runs_per_s = duty.rate_per_s / batch;
  const double busy_share = runs_per_s * latency;
  b.active_energy_per_inference_j = run_j / batch;
  b.cached_weight_bytes = result.stats.cached_weight_bytes;
  if (duty.power_gated) {
    b.wake_energy_j = leakage_w * kWakeSeconds;
    // A gated SRAM loses the parameter cache: each wake-up reads it from DRAM again (the DRAM
    // and buffer energy of those bytes alone; their time is not added to the latency).
    if (b.cached_weight_bytes > 0) {
      accel::RunStats refill;
      refill.dram_read_bytes = b.cached_weight_bytes;
      b.cache_refill_j = accel::estimate_energy(config, result.precision, refill).total.value();
      b.wake_energy_j += b.cache_refill_j;
    }
    b.average_power_w = runs_per_s * (run_j + b.wake_energy_j);
  } else {
    b.idle_power_w = leakage_w;
    b.average_power_w = runs_per_s * run_j + leakage_w * (1 - busy_share);
  }
  b.energy_per_inference_j = b.average_power_w / duty.rate_per_s;
  b.inferences_per_j = duty.rate_per_s / b.average_power_w;
  if (duty.battery_j) b.battery_hours = *duty.battery_j / b.average_power_w / 3600;
  if (config.power_budget) {
    b.power_budget_w = config.power_budget->value();
    b.over_budget = latency > 0 && run_j / latency > *b.power_budget_w;
  }
  return b;
}

BatteryReport device_duty_cycle(const DeviceResult& result, const DutyCycle& duty) {
  if (duty.power_gated)
    throw InputError(input_error_message("--idle", 0, "",
                                         "leak with a device (its idle figure, idle_w of " +
                                             result.file + ", is already its low-power mode)",
                                         "gated"));
  if (!result.active_energy_j || !result.idle_power_w)
    throw InputError(input_error_message("--rate", 0, "",
                                         "a device with power figures (busy_w or tdp_w)",
                                         "none in " + result.file));
  BatteryReport b;
  b.duty = duty;
  const double latency = result.latency_s;
  const double batch = static_cast<double>(result.batch);
  b.max_rate_per_s = latency > 0 ? batch / latency : 0;
  if (duty.rate_per_s > b.max_rate_per_s)
    throw InputError(input_error_message(
        "--rate", 0, "",
        fmt::format("at most {:.6g}/s, what {} sustains back to back ({:.6g} s per batch of {})",
                    b.max_rate_per_s, result.device, latency, result.batch),
        fmt::format("{:.6g}/s", duty.rate_per_s)));
  const double runs_per_s = duty.rate_per_s / batch;
  const double run_j = *result.active_energy_j;
  b.active_energy_per_inference_j = run_j / batch;
  b.idle_power_w = *result.idle_power_w;
  // The basis ends with the idle part ("idle_w of FILE" or the assumed fraction).
  const std::size_t last = result.idle_power_basis.rfind("; ");
  b.idle_basis = last == std::string::npos ? result.idle_power_basis
                                           : result.idle_power_basis.substr(last + 2);
  // Busy for runs_per_s x latency of each second, idle for the rest.
  b.average_power_w = runs_per_s * run_j + b.idle_power_w * (1 - runs_per_s * latency);
  b.energy_per_inference_j = b.average_power_w / duty.rate_per_s;
  b.inferences_per_j = duty.rate_per_s / b.average_power_w;
  if (duty.battery_j) b.battery_hours = *duty.battery_j / b.average_power_w / 3600;
  return b;
}

nlohmann::json battery_json(const BatteryReport& b) {
  nlohmann::json j{{"rate_per_s", b.duty.rate_per_s},
                   {"max_rate_per_s", b.max_rate_per_s},
                   {"average_power_w", b.average_power_w},
                   {"energy_per_inference_uj", b.energy_per_inference_j * 1e6},
                   {"active_energy_per_inference_uj", b.active_energy_per_inference_j * 1e6},
                   {"idle_power_w", b.idle_power_w},
                   {"inferences_per_j", b.inferences_per_j}};
  j["battery_hours"] = b.battery_hours ? nlohmann::json(*b.battery_hours) : nlohmann::json();
  if (!b.idle_basis.empty()) j["idle_basis"] = b.idle_basis;
  return j;
}

}  // namespace headroom::sim
