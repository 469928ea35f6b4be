// SPDX-License-Identifier: MIT
// Summaries of predicted/measured ratios shared by the validation tests.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace headroom::test {

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The share of ratios within `factor` either way (1/factor ≤ r ≤ factor).
inline double share_within(const std::vector<double>& v, double factor) {
  const auto in =
      std::count_if(v.begin(), v.end(), [&](double r) { return r >= 1 / factor && r <= factor; });
  return static_cast<double>(in) / static_cast<double>(v.size());
}

}  // namespace headroom::test
