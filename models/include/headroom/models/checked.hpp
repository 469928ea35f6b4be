// SPDX-License-Identifier: MIT
// Checked 64-bit count arithmetic. MACs, elements and parameters are exact integers; a count past
// 2^64 - 1 must be an error, never a number that wrapped around (GPT-3 at a batch of 1e8 is
// ~1.3e24 MACs, which would otherwise print as ~1.5e19).
#pragma once

#include <cstdint>
#include <string>

#include "headroom/models/error.hpp"

namespace headroom::models {

// A count that does not fit in 64 bits. An InputError: it comes from a size the user chose.
class CountOverflow : public InputError {
 public:
  using InputError::InputError;
};

// Throws CountOverflow: "<what> would exceed 2^64 - 1 (18446744073709551615)".
[[noreturn]] void throw_count_overflow(const std::string& what);

[[nodiscard]] inline std::uint64_t checked_mul(std::uint64_t a, std::uint64_t b, const char* what) {
  std::uint64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw_count_overflow(what);
  return r;
}

[[nodiscard]] inline std::uint64_t checked_add(std::uint64_t a, std::uint64_t b, const char* what) {
  std::uint64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw_count_overflow(what);
  return r;
}

// a * b * c * ..., left to right; throws when a partial product overflows.
template <typename... Rest>
[[nodiscard]] std::uint64_t checked_product(const char* what, std::uint64_t first, Rest... rest) {
  std::uint64_t r = first;
  ((r = checked_mul(r, static_cast<std::uint64_t>(rest), what)), ...);
  return r;
}

}  // namespace headroom::models
