// SPDX-License-Identifier: MIT
#include "config/field_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "headroom/models/error.hpp"

namespace headroom::sim::config {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return quoted(node.Scalar());
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

std::string format_number(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

}  // namespace

std::string join_key(const std::string& path, const std::string& field) {
  return path.empty() ? field : path + "." + field;
}

void FieldReader::error(const YAML::Node& at, const std::string& key, const std::string& expected,
                        const std::string& found) {
  std::string where = file_;
  const YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
  // yaml-cpp counts lines and columns from 0; editors count from 1.
  // Appended piece by piece: GCC 12 at -O3 raises a false -Wrestrict on ":" + std::string.
  if (mark.line >= 0)
    where.append(":")
        .append(std::to_string(mark.line + 1))
        .append(":")
        .append(std::to_string(mark.column + 1));
  errors_.push_back({mark.line, mark.column, input_error_message(where, 0, key, expected, found)});
}

bool FieldReader::check_map(const YAML::Node& node, const std::string& path,
                            const std::vector<std::string>& allowed) {
  if (!node.IsMap()) {
    error(node, path.empty() ? "(top level)" : path, "a map of keys", describe_node(node));
    return false;
  }
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    const std::string close = close_matches(key, allowed);
    std::string known_keys;
    for (const auto& a : allowed) known_keys += (known_keys.empty() ? "" : ", ") + a;
    error(kv.first, join_key(path, key),
          close.empty() ? "one of " + known_keys : "a known key (did you mean " + close + "?)",
          "an unknown key");
  }
  return true;
}

std::optional<std::string> FieldReader::scalar(const YAML::Node& map, const std::string& path,
                                               const std::string& field, bool required,
                                               const std::string& expected) {
  const YAML::Node node = map[field];
  if (!node.IsDefined()) {
    if (required) error(map, join_key(path, field), expected, "no value (the key is required)");
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    error(node, join_key(path, field), expected, describe_node(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::uint64_t> FieldReader::count(const YAML::Node& map, const std::string& path,
                                                const std::string& field, bool required,
                                                std::uint64_t min, std::uint64_t max) {
  const std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  const auto s = scalar(map, path, field, required, expected);
  if (!s) return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc{} || end != s->data() + s->size() || v < min || v > max) {
    error(map[field], join_key(path, field), expected, quoted(*s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> FieldReader::number(const YAML::Node& map, const std::string& path,
                                          const std::string& field, bool required, double min,
                                          double max) {
  const std::string expected = "a number from " + format_number(min) + " to " + format_number(max);
  const auto s = scalar(map, path, field, required, expected);
  if (!s) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc{} || end != s->data() + s->size() || !std::isfinite(v) || v < min ||
      v > max) {
    error(map[field], join_key(path, field), expected, quoted(*s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> FieldReader::quantity(const YAML::Node& map, const std::string& path,
                                            const std::string& field, bool required,
                                            Dimension dimension, double min, double max) {
  const std::string expected = describe(dimension);
  const auto s = scalar(map, path, field, required, expected);
  if (!s) return std::nullopt;
  const auto v = parse_quantity(*s, dimension);
  if (!v) {
    error(
        map[field], join_key(path, field),
        expected + " (units: " +
            [&] {
              std::string u;
              for (const auto& n : unit_names(dimension)) u += (u.empty() ? "" : ", ") + n;
              return u;
            }() +
            ")",
        quoted(*s));
    return std::nullopt;
  }
  if (*v < min || *v > max) {
    error(map[field], join_key(path, field), expected + " within the range the model supports",
          quoted(*s));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> FieldReader::text(const YAML::Node& map, const std::string& path,
                                             const std::string& field, bool required) {
  const auto s = scalar(map, path, field, required, "a text");
  if (s && s->empty()) {
    error(map[field], join_key(path, field), "a non-empty text", "an empty one");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FieldReader::choice(const YAML::Node& map, const std::string& path,
                                               const std::string& field, bool required,
                                               const std::vector<std::string>& allowed) {
  std::string expected = "one of ";
  for (std::size_t i = 0; i < allowed.size(); ++i) expected += (i ? ", " : "") + allowed[i];
  const auto s = scalar(map, path, field, required, expected);
  if (!s) return std::nullopt;
  for (const auto& a : allowed)
    if (*s == a) return s;
  // A suggestion that names every choice says nothing (short names are all "close").
  const std::string close = close_matches(*s, allowed, allowed.size());
  const auto suggested = static_cast<std::size_t>(std::count(close.begin(), close.end(), ',')) + 1;
  const bool helpful = !close.empty() && suggested < allowed.size();
  error(map[field], join_key(path, field),
        helpful ? expected + " (did you mean " + close + "?)" : expected, quoted(*s));
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const YAML::Node& map, const std::string& path,
                                         const std::string& field, bool required) {
  const auto s = scalar(map, path, field, required, "true or false");
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  error(map[field], join_key(path, field), "true or false", quoted(*s));
  return std::nullopt;
}

void FieldReader::throw_if_errors() const {
  if (errors_.empty()) return;
  // In file order, whatever order the sections were checked in.
  auto sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Problem& a, const Problem& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  std::string msg = sorted.size() == 1 ? sorted.front().message
                                       : std::to_string(sorted.size()) + " problems in " + file_;
  if (sorted.size() > 1)
    for (const auto& e : sorted) msg += "\n  " + e.message;
  throw InputError(msg);
}

}  // namespace headroom::sim::config
