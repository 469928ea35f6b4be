// SPDX-License-Identifier: MIT
#include "sweep/space.hpp"

#include <limits>

#include "headroom/models/error.hpp"
#include "sweep/hash.hpp"

namespace headroom::sim::sweep {

namespace {

// splitmix64's finaliser (Steele, Lea, Flood 2014): the round function of the permutation.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t kMaxGrid = std::uint64_t{1} << 62;

}  // namespace

Space::Space(const SweepSpec& spec) : spec_(spec) {
  for (const auto& group : spec.groups) {
    const std::uint64_t n = spec.axes[group[0]].values.size();
    if (grid_ > kMaxGrid / n)
      throw InputError(input_error_message(
          spec.file, 0, "axes", "a grid of at most 2^62 points (use search: {random: N})", "more"));
    grid_ *= n;
  }
  size_ = grid_;
  if (spec.random && spec.samples < grid_) {
    size_ = spec.samples;
    permuted_ = true;
    while ((std::uint64_t{1} << (2 * half_bits_)) < grid_) ++half_bits_;
  }
  base_text_ = hash128(YAML::Dump(spec.base));
}

std::uint64_t Space::permute(std::uint64_t x) const {
  // A balanced Feistel network on 2 * half_bits_ bits is a bijection; walking the cycle until the
  // value falls inside the grid keeps it one on [0, grid) (Black and Rogaway's cycle walking).
  const std::uint64_t mask = (std::uint64_t{1} << half_bits_) - 1;
  do {
    std::uint64_t left = x >> half_bits_;
    std::uint64_t right = x & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      const std::uint64_t next = left ^ (mix(right ^ mix(spec_.seed * 4 + round)) & mask);
      left = right;
      right = next;
    }
    x = (left << half_bits_) | right;
  } while (x >= grid_);
  return x;
}

std::uint64_t Space::grid_index(std::uint64_t k) const { return permuted_ ? permute(k) : k; }

std::vector<std::uint32_t> Space::value_indices(std::uint64_t k) const {
  std::vector<std::uint32_t> out(spec_.axes.size(), 0);
  std::uint64_t index = grid_index(k);
  // The last group varies fastest, like nested loops written in the spec's order.
  for (auto g = spec_.groups.rbegin(); g != spec_.groups.rend(); ++g) {
    const std::uint64_t n = spec_.axes[(*g)[0]].values.size();
    for (std::size_t a : *g) out[a] = static_cast<std::uint32_t>(index % n);
    index /= n;
  }
  return out;
}

YAML::Node Space::config_node(std::uint64_t k) const {
  YAML::Node root = YAML::Clone(spec_.base);
  const auto indices = value_indices(k);
  for (std::size_t a = 0; a < spec_.axes.size(); ++a)
    set_dotted(root, spec_.axes[a].key, spec_.axes[a].texts[indices[a]]);
  return root;
}

std::string Space::point_key(std::uint64_t k) const {
  std::string text = base_text_;
  const auto indices = value_indices(k);
  for (std::size_t a = 0; a < spec_.axes.size(); ++a)
    text.append("\n").append(spec_.axes[a].key).append("=").append(spec_.axes[a].texts[indices[a]]);
  return hash128(text);
}

}  // namespace headroom::sim::sweep
