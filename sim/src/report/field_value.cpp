// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "headroom/sim/result_fields.hpp"

namespace headroom::sim {

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::Integer:
      return "integer";
    case FieldType::Real:
      return "real";
    case FieldType::Text:
      return "text";
    case FieldType::Boolean:
      return "boolean";
  }
  return "?";
}

std::string format_value(const FieldValue& value, std::string_view format) {
  const auto spec = fmt::runtime(format.empty() ? std::string_view("{}") : format);
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return "";
        else
          return fmt::format(spec, v);
      },
      value);
}

nlohmann::json to_json(const FieldValue& value) {
  return std::visit(
      [](const auto& v) -> nlohmann::json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return nullptr;
        else
          return v;
      },
      value);
}

void put_json_at(nlohmann::json& out, std::string_view dotted_key, nlohmann::json value) {
  nlohmann::json* node = &out;
  for (std::size_t dot; (dot = dotted_key.find('.')) != std::string_view::npos;) {
    node = &(*node)[std::string(dotted_key.substr(0, dot))];
    dotted_key.remove_prefix(dot + 1);
  }
  (*node)[std::string(dotted_key)] = std::move(value);
}

}  // namespace headroom::sim
