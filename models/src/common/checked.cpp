// SPDX-License-Identifier: MIT
#include "headroom/models/checked.hpp"

#include <limits>

namespace headroom::models {

void throw_count_overflow(const std::string& what) {
  throw CountOverflow(what + " would exceed 2^64 - 1 (" +
                      std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")");
}

}  // namespace headroom::models
