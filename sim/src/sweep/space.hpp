// SPDX-License-Identifier: MIT
// The design points of a spec, addressed by number without being stored: a grid point is its
// number in mixed radix over the axis groups; a random search takes the first N numbers of a
// seeded permutation of the grid, so no point repeats and a larger N keeps the smaller N's points.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sweep/spec.hpp"

namespace headroom::sim::sweep {

class Space {
 public:
  explicit Space(const SweepSpec& spec);

  // Points to evaluate: the accelerator points, then one per device of the spec.
  [[nodiscard]] std::uint64_t size() const { return accelerators_ + spec_.devices.size(); }
  [[nodiscard]] std::uint64_t grid_size() const { return grid_; }  // the whole grid
  // Point k is spec.devices[k - accelerator_points()] when k >= accelerator_points().
  [[nodiscard]] std::uint64_t accelerator_points() const { return accelerators_; }
  [[nodiscard]] const DeviceTarget* device(std::uint64_t k) const;
  // The value index of each axis at accelerator point `k`.
  [[nodiscard]] std::vector<std::uint32_t> value_indices(std::uint64_t k) const;
  // The base config with accelerator point k's values set.
  [[nodiscard]] YAML::Node config_node(std::uint64_t k) const;
  // A hash of what makes point k what it is: the base config and the axis values, or the device.
  [[nodiscard]] std::string point_key(std::uint64_t k) const;

 private:
  [[nodiscard]] std::uint64_t grid_index(std::uint64_t k) const;
  [[nodiscard]] std::uint64_t permute(std::uint64_t x) const;

  const SweepSpec& spec_;
  std::uint64_t grid_ = 1;
  std::uint64_t accelerators_ = 1;
  bool permuted_ = false;
  unsigned half_bits_ = 1;  // the permutation works on 2 * half_bits_ bits
  std::string base_text_;
};

}  // namespace headroom::sim::sweep
