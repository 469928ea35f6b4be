// SPDX-License-Identifier: MIT
#include "headroom/accel/validate.hpp"

#include "headroom/models/error.hpp"

namespace headroom::accel {

bool supports(const AcceleratorConfig& c, Precision p) {
  const auto it = c.array.macs_per_pe_per_cycle.find(p);
  return it != c.array.macs_per_pe_per_cycle.end() && it->second > 0;
}

std::string supported_precisions(const AcceleratorConfig& c) {
  std::string list;
  for (const auto& [p, macs] : c.array.macs_per_pe_per_cycle)
    if (macs > 0) list += (list.empty() ? "" : ", ") + std::string(to_string(p));
  return list;
}

void require_precision(const AcceleratorConfig& c, Precision p, const std::string& source,
                       const std::string& key) {
  if (supports(c, p)) return;
  throw InputError(input_error_message(
      source, 0, key,
      "a precision the array of " + c.name + " runs (" + supported_precisions(c) + ")",
      to_string(p)));
}

namespace {

// The stationary operand of one fold (rows x cols elements at the default precision) must fit
// in its buffer, or no mapping exists.
void check_tile_fits(const AcceleratorConfig& c, std::vector<ConfigIssue>& out) {
  const std::uint64_t tile = bytes_for(std::uint64_t{c.array.rows} * c.array.cols, c.precision);
  const std::string buffer = c.sram.unified ? "unified" : stationary_buffer(c.array.dataflow);
  const BufferConfig& b = c.sram.unified       ? c.sram.unified_buffer
                          : buffer == "filter" ? c.sram.filter
                          : buffer == "ifmap"  ? c.sram.ifmap
                                               : c.sram.ofmap;
  if (b.size_bytes == 0 || b.size_bytes >= tile) return;
  out.push_back({"sram." + buffer + ".size",
                 "at least " + std::to_string(tile) + " B (one " + std::to_string(c.array.rows) +
                     "x" + std::to_string(c.array.cols) + " tile at " + to_string(c.precision) +
                     ")",
                 std::to_string(b.size_bytes) + " B"});
}

}  // namespace

std::vector<ConfigIssue> config_issues(const AcceleratorConfig& c, Checks checks) {
  std::vector<ConfigIssue> out;
  const ArrayConfig& a = c.array;
  if (a.rows == 0 || a.cols == 0 || a.count == 0) {
    out.push_back({"array", "rows, cols and count of at least 1",
                   std::to_string(a.rows) + " x " + std::to_string(a.cols) + " x " +
                       std::to_string(a.count)});
    return out;  // the checks below divide by the array's shape
  }
  // Output stationary streams K through every PE: a block-diagonal tile would only stream the
  // zeros too, and a row's shared input cannot carry different channels (accelerator-model.md).
  if (a.depthwise_packed && a.dataflow == Dataflow::OutputStationary)
    out.push_back(
        {"array.depthwise",
         "per_channel with dataflow os (packed needs the reduction on the rows: ws or is)",
         "packed"});
  if (!supports(c, c.precision))
    out.push_back({"array.macs_per_pe_per_cycle",
                   std::string("an entry for the default precision ") + to_string(c.precision),
                   "none"});
  if (!(c.clock.value() > 0))
    out.push_back({"clock", "a positive frequency", std::to_string(c.clock.value())});
  if (!c.dram.free() && !(c.dram.bandwidth.value() > 0))
    out.push_back({"dram.bandwidth", "a positive bandwidth (or dram.ideal: true)",
                   std::to_string(c.dram.bandwidth.value())});
  if (!c.dram.free() && c.dram.burst_bytes == 0)
    out.push_back({"dram.burst_bytes", "at least 1", "0"});
  if (checks == Checks::OnLoad) check_tile_fits(c, out);
  return out;
}

void validate(const AcceleratorConfig& c, Checks checks,
              const std::function<int(const std::string&)>& line_of) {
  const std::vector<ConfigIssue> issues = config_issues(c, checks);
  if (issues.empty()) return;
  const ConfigIssue& i = issues.front();
  throw InputError(
      input_error_message(c.source_file, line_of ? line_of(i.key) : 0, i.key, i.expected, i.found));
}

}  // namespace headroom::accel
