// SPDX-License-Identifier: MIT
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "headroom/models/error.hpp"
#include "headroom/sim/train_parallel.hpp"

namespace headroom::sim {

namespace {

std::uint64_t parse_factor(const std::string& key, const std::string& value) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc{} || end != value.data() + value.size() || v == 0)
    throw InputError(input_error_message("--parallel", 0, key, "a whole number of chips >= 1",
                                         "'" + value + "'"));
  return v;
}

}  // namespace

ParallelSplit parse_parallel(const std::string& text, std::uint64_t chips) {
  ParallelSplit s;
  bool dp_given = false;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const std::size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    if (eq == std::string::npos || (key != "dp" && key != "tp" && key != "pp")) {
      const std::string close = close_matches(key, {"dp", "tp", "pp"});
      throw InputError(input_error_message(
          "--parallel", 0, "", "factors dp=N, tp=N, pp=N separated by commas",
          "'" + item + "'" + (close.empty() ? "" : " (did you mean " + close + "?)")));
    }
    const std::uint64_t v = parse_factor(key, item.substr(eq + 1));
    (key == "dp" ? s.dp : key == "tp" ? s.tp : s.pp) = v;
    dp_given = dp_given || key == "dp";
    start = comma + 1;
  }
  if (chips == 0) return s;
  if (!dp_given && chips % (s.tp * s.pp) == 0) s.dp = chips / (s.tp * s.pp);
  if (s.chips() != chips)
    throw InputError(input_error_message(
        "--parallel", 0, "", "dp x tp x pp = --chips (" + std::to_string(chips) + ")",
        "dp=" + std::to_string(s.dp) + ", tp=" + std::to_string(s.tp) +
            ", pp=" + std::to_string(s.pp) + " = " + std::to_string(s.chips()) + " chips"));
  return s;
}

Topology parse_topology(const std::string& text) {
  if (text == "ring") return Topology::Ring;
  if (text == "torus" || text == "torus2d") return Topology::Torus2d;
  throw InputError(input_error_message("--topology", 0, "", "ring or torus", "'" + text + "'"));
}

const char* to_string(Topology topology) {
  return topology == Topology::Ring ? "ring" : "2-D torus";
}

double ring_allreduce_s(double bytes, std::uint64_t n, const LinkModel& link) {
  if (n <= 1) return 0;
  const double steps = static_cast<double>(n - 1);
  return 2.0 * steps / static_cast<double>(n) * bytes / link.bandwidth_bytes_per_s +
         2.0 * steps * link.latency_s;
}

double allreduce_s(double bytes, std::uint64_t n, const LinkModel& link) {
  if (link.topology == Topology::Ring) return ring_allreduce_s(bytes, n, link);
  std::uint64_t a = 1;
  for (std::uint64_t d = 1; d * d <= n; ++d)
    if (n % d == 0) a = d;
  const std::uint64_t b = n / a;
  // Reduce-scatter then all-gather along `a` cost one ring all-reduce of the full tensor;
  // between them each chip all-reduces its 1/a shard around the `b` ring.
  return ring_allreduce_s(bytes, a, link) +
         ring_allreduce_s(bytes / static_cast<double>(a), b, link);
}

double pipeline_bubble_fraction(std::uint64_t stages, std::uint64_t micro_batches) {
  if (stages <= 1) return 0;
  return static_cast<double>(stages - 1) / static_cast<double>(micro_batches + stages - 1);
}

double exposed_communication_s(double communication_s, double overlappable_s) {
  return std::max(0.0, communication_s - overlappable_s);
}

}  // namespace headroom::sim
