// SPDX-License-Identifier: MIT
// Readable names for value-parameterized tests. CTest lists them as `Suite/Test.Name/<suffix>`;
// without a name the suffix is an index and CMake 3.25 would print the parameter's raw bytes.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace headroom::test {

// The parts joined by '_', every character gtest does not allow in a name made '_'.
template <typename... Parts>
std::string param_name(const Parts&... parts) {
  std::string out;
  auto add = [&out](std::string_view part) {
    if (!out.empty()) out += '_';
    for (const char c : part) out += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  };
  (add(parts), ...);
  return out;
}

}  // namespace headroom::test
