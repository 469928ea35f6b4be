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

  [[nodiscard]] std::uint64_t size() const { return size_; }       // points to evaluate
  [[nodiscard]] std::uint64_t grid_size() const { return grid_; }  // the whole grid
  // The value index of each axis at point `k` (k < size()).
  [[nodiscard]] std::vector<std::uint32_t> value_indices(std::uint64_t k) const;
  // The base config with point k's values set.
  [[nodiscard]] YAML::Node config_node(std::uint64_t k) const;
  // "key=value" lines of point k plus the base config: what makes the point what it is.
  [[nodiscard]] std::string point_key(std::uint64_t k) const;

 private:
  [[nodiscard]] std::uint64_t grid_index(std::uint64_t k) const;
  [[nodiscard]] std::uint64_t permute(std::uint64_t x) const;

  const SweepSpec& spec_;
  std::uint64_t grid_ = 1;
  std::uint64_t size_ = 1;
  bool permuted_ = false;
  unsigned half_bits_ = 1;  // the permutation works on 2 * half_bits_ bits
  std::string base_text_;
};

}  // namespace headroom::sim::sweep
