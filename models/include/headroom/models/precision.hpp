// SPDX-License-Identifier: MIT
// The number formats a run computes in, shared by every layer (accelerator arrays, the GPU
// model, run configs, reports): one enum and one table of what each format is. Names, aliases,
// bits per element and datasheet-peak keys come from the table only (precision.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace headroom {

// 1 MAC = 1 multiply + 1 add = 2 FLOPs (2 ops for integers): how every report turns MACs into
// FLOPs. An integer, so integer MAC counts stay exact.
inline constexpr std::uint64_t kFlopsPerMac = 2;

// Enumerators stay in this order: std::map<Precision, ...> iterates in it and reports list
// precisions that way. A new format is a new enumerator plus one row of kPrecisionTable.
enum class Precision : std::uint8_t {
  FP32,
  FP16,
  BF16,
  INT8,
  FP8_E4M3,
  FP8_E5M2,
  TF32,
  INT16,
  INT4
};

struct PrecisionInfo {
  Precision precision;
  const char* name;    // canonical, as printed and as written in configs
  const char* alias;   // also accepted when parsing ("" when none)
  std::uint32_t bits;  // one element in memory (INT4: 4, two to a byte)
  bool integer;        // its throughput is "ops" (TOPS), not FLOPs
  // The key of its dense peak in a device file's peak_tflops map (both FP8 formats share `fp8`),
  // and what a datasheet device runs instead when that key is absent (TF32 mode is FP32 inputs
  // on tensor cores; without a listed TF32 peak the FP32 rate is the honest figure).
  const char* peak_key;
  std::optional<Precision> peak_fallback;
  // Whether an accelerator array can be configured with it: the technology tables
  // (configs/tech) cost its MAC. TF32 is a GPU tensor-core mode and has no entry.
  bool on_array;
};

// What one element takes in memory. Every format but INT4 is whole bytes; INT4 packs two values
// to a byte. A count of bytes rounds a partial last byte up: a DMA transfer, a buffer and a file
// hold whole bytes (3 INT4 values take 2 bytes). For whole-byte formats both functions equal the
// plain n x bytes and b / bytes, so those results are unchanged by counting in bits.
struct ElementSize {
  std::uint32_t bits = 8;
  // Bytes `n` packed elements occupy; it wraps only where n x bits / 8 itself exceeds 64 bits.
  [[nodiscard]] constexpr std::uint64_t bytes(std::uint64_t n) const {
    return n / 8 * bits + ((n % 8) * bits + 7) / 8;
  }
  // Whole elements that fit in `b` bytes.
  [[nodiscard]] constexpr std::uint64_t elements_in(std::uint64_t b) const {
    return b / bits * 8 + (b % bits) * 8 / bits;
  }
  [[nodiscard]] constexpr bool whole_bytes() const { return bits % 8 == 0; }
};

// Every precision, in enum order.
[[nodiscard]] std::span<const PrecisionInfo> precisions();
[[nodiscard]] const PrecisionInfo& info(Precision p);

[[nodiscard]] const char* to_string(Precision p);
// Canonical names and aliases, case-insensitive; nullopt for anything else (with `array_only`,
// also for precisions an accelerator array cannot be configured with).
[[nodiscard]] std::optional<Precision> parse_precision(std::string_view s, bool array_only = false);
[[nodiscard]] bool is_integer(Precision p);
[[nodiscard]] const char* peak_key(Precision p);
[[nodiscard]] ElementSize element_size(Precision p);
[[nodiscard]] std::uint32_t bits_per_element(Precision p);
// Bytes `elements` values of `p` occupy, packed and rounded up to a whole byte.
[[nodiscard]] std::uint64_t bytes_for(std::uint64_t elements, Precision p);
// The same, throwing models::CountOverflow ("<what> would exceed 2^64 - 1") instead of wrapping.
[[nodiscard]] std::uint64_t checked_bytes_for(std::uint64_t elements, Precision p,
                                              const char* what);
// "1 B", "2 B", "0.5 B": one element's size as reports print it.
[[nodiscard]] std::string element_size_text(Precision p);

// Canonical names in table order, for choice lists and error messages; `array_only` keeps those
// an accelerator array can be configured with.
[[nodiscard]] std::vector<std::string> precision_names(bool array_only = false);
// "fp32, fp16, ..." from precision_names().
[[nodiscard]] std::string precision_list(bool array_only = false);

}  // namespace headroom
