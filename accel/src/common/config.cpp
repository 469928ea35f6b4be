// SPDX-License-Identifier: MIT
#include "headroom/accel/config.hpp"

#include <algorithm>
#include <cctype>

namespace headroom::accel {

const char* to_string(Dataflow d) {
  switch (d) {
    case Dataflow::WeightStationary:
      return "ws";
    case Dataflow::OutputStationary:
      return "os";
    case Dataflow::InputStationary:
      return "is";
  }
  return "?";
}

const char* to_string(Precision p) {
  switch (p) {
    case Precision::FP32:
      return "fp32";
    case Precision::FP16:
      return "fp16";
    case Precision::BF16:
      return "bf16";
    case Precision::INT8:
      return "int8";
    case Precision::FP8_E4M3:
      return "fp8_e4m3";
    case Precision::FP8_E5M2:
      return "fp8_e5m2";
  }
  return "?";
}

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

std::optional<Dataflow> parse_dataflow(const std::string& s) {
  const std::string v = lower(s);
  if (v == "ws" || v == "weight_stationary") return Dataflow::WeightStationary;
  if (v == "os" || v == "output_stationary") return Dataflow::OutputStationary;
  if (v == "is" || v == "input_stationary") return Dataflow::InputStationary;
  return std::nullopt;
}

std::optional<Precision> parse_precision(const std::string& s) {
  const std::string v = lower(s);
  for (Precision p : {Precision::FP32, Precision::FP16, Precision::BF16, Precision::INT8,
                      Precision::FP8_E4M3, Precision::FP8_E5M2})
    if (v == to_string(p)) return p;
  if (v == "fp8") return Precision::FP8_E4M3;
  return std::nullopt;
}

std::uint32_t bytes_per_element(Precision p) {
  switch (p) {
    case Precision::FP32:
      return 4;
    case Precision::FP16:
    case Precision::BF16:
      return 2;
    case Precision::INT8:
    case Precision::FP8_E4M3:
    case Precision::FP8_E5M2:
      return 1;
  }
  return 4;
}

}  // namespace headroom::accel
