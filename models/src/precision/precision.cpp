// SPDX-License-Identifier: MIT
#include "headroom/models/precision.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "headroom/models/checked.hpp"

namespace headroom {

namespace {

using P = Precision;

// Bits: IEEE 754 binary32/binary16, bfloat16, OCP FP8 (E4M3, E5M2). TF32 values are held in
// 32-bit registers and memory (NVIDIA A100 whitepaper), so they move 4 bytes. INT16 is the
// 16-bit fixed-point mode of edge NPUs (NVDLA nv_full, Arm Ethos-N and Ethos-U): no GPU datasheet
// lists a peak for it, so its peak key names no column of a device file. INT4 is stored packed,
// two values to a byte (NVIDIA's s4 tensor-core operands and edge NPUs' 4-bit modes alike); its
// device column is `int4` (T4 and A100 datasheets).
constexpr std::array<PrecisionInfo, 9> kPrecisionTable{{
    {P::FP32, "fp32", "", 32, false, "fp32", std::nullopt, true},
    {P::FP16, "fp16", "", 16, false, "fp16", std::nullopt, true},
    {P::BF16, "bf16", "", 16, false, "bf16", std::nullopt, true},
    {P::INT8, "int8", "", 8, true, "int8", std::nullopt, true},
    {P::FP8_E4M3, "fp8_e4m3", "fp8", 8, false, "fp8", std::nullopt, true},
    {P::FP8_E5M2, "fp8_e5m2", "", 8, false, "fp8", std::nullopt, true},
    {P::TF32, "tf32", "", 32, false, "tf32", P::FP32, false},
    {P::INT16, "int16", "", 16, true, "int16", std::nullopt, true},
    {P::INT4, "int4", "", 4, true, "int4", std::nullopt, true},
}};

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < kPrecisionTable.size(); ++i)
    if (static_cast<std::size_t>(kPrecisionTable[i].precision) != i) return false;
  return true;
}
static_assert(table_in_enum_order(), "kPrecisionTable rows must follow enum Precision");
static_assert(static_cast<std::size_t>(P::INT4) + 1 == kPrecisionTable.size(),
              "every Precision needs a row in kPrecisionTable");

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::span<const PrecisionInfo> precisions() { return kPrecisionTable; }

const PrecisionInfo& info(Precision p) { return kPrecisionTable.at(static_cast<std::size_t>(p)); }

const char* to_string(Precision p) { return info(p).name; }

std::optional<Precision> parse_precision(std::string_view s, bool array_only) {
  for (const PrecisionInfo& i : kPrecisionTable) {
    if (array_only && !i.on_array) continue;
    if (equal_ignoring_case(s, i.name) || (*i.alias != '\0' && equal_ignoring_case(s, i.alias)))
      return i.precision;
  }
  return std::nullopt;
}

ElementSize element_size(Precision p) { return {info(p).bits}; }

std::uint32_t bits_per_element(Precision p) { return info(p).bits; }

std::uint64_t bytes_for(std::uint64_t elements, Precision p) {
  return element_size(p).bytes(elements);
}

std::uint64_t checked_bytes_for(std::uint64_t elements, Precision p, const char* what) {
  // ElementSize::bytes, its one product checked: it overflows exactly where the bytes do.
  const std::uint64_t bits = bits_per_element(p);
  return models::checked_add(models::checked_mul(elements / 8, bits, what),
                             ((elements % 8) * bits + 7) / 8, what);
}

std::string element_size_text(Precision p) {
  return fmt::format("{:g} B", bits_per_element(p) / 8.0);
}

bool is_integer(Precision p) { return info(p).integer; }

const char* peak_key(Precision p) { return info(p).peak_key; }

std::vector<std::string> precision_names(bool array_only) {
  std::vector<std::string> names;
  for (const PrecisionInfo& i : kPrecisionTable)
    if (!array_only || i.on_array) names.emplace_back(i.name);
  return names;
}

std::string precision_list(bool array_only) {
  std::string list;
  for (const std::string& n : precision_names(array_only)) list += (list.empty() ? "" : ", ") + n;
  return list;
}

}  // namespace headroom
