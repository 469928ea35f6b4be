// SPDX-License-Identifier: MIT
// Stable 128-bit hashes (FNV-1a, 128-bit parameters of the FNV reference), the sweep's keys:
// the same on every machine and every run, unlike std::hash.
#pragma once

#include <string>
#include <string_view>

#include "headroom/accel/config.hpp"

namespace headroom::sim::sweep {

// 32 lowercase hex digits.
[[nodiscard]] std::string hash128(std::string_view bytes);

// The resolved config as canonical text: every field that affects a result, numbers exact
// (hexadecimal floating point), names sorted. Equal configs give equal text whatever YAML
// spelling produced them ("1 MiB" or 1048576).
[[nodiscard]] std::string canonical_text(const accel::AcceleratorConfig& config);

}  // namespace headroom::sim::sweep
