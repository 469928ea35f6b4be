// SPDX-License-Identifier: MIT
// Reads typed fields out of a YAML tree and collects every problem instead of stopping at the
// first, so a user fixes a config in one pass. Each message names file:line:column, the dotted
// key, what was expected and what was found.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/quantity.hpp"

namespace headroom::sim::config {

class FieldReader {
 public:
  explicit FieldReader(std::string file) : file_(std::move(file)) {}

  // Records a problem located at `at` (or at the file when `at` has no position).
  void error(const YAML::Node& at, const std::string& key, const std::string& expected,
             const std::string& found);
  // True when `node` is a map; otherwise records an error. Reports keys not in `allowed`,
  // suggesting the closest allowed one.
  bool check_map(const YAML::Node& node, const std::string& path,
                 const std::vector<std::string>& allowed);

  // Each getter returns nullopt when the field is absent (recording an error if `required`)
  // or invalid (always recording an error). `path` is the dotted key of the enclosing map.
  std::optional<std::uint64_t> count(const YAML::Node& map, const std::string& path,
                                     const std::string& field, bool required, std::uint64_t min,
                                     std::uint64_t max);
  std::optional<double> number(const YAML::Node& map, const std::string& path,
                               const std::string& field, bool required, double min, double max);
  std::optional<double> quantity(const YAML::Node& map, const std::string& path,
                                 const std::string& field, bool required, Dimension dimension,
                                 double min, double max);
  std::optional<std::string> text(const YAML::Node& map, const std::string& path,
                                  const std::string& field, bool required);
  std::optional<std::string> choice(const YAML::Node& map, const std::string& path,
                                    const std::string& field, bool required,
                                    const std::vector<std::string>& allowed);
  std::optional<bool> boolean(const YAML::Node& map, const std::string& path,
                              const std::string& field, bool required);

  [[nodiscard]] bool ok() const { return errors_.empty(); }
  // Throws InputError listing every recorded problem, if there is any.
  void throw_if_errors() const;

 private:
  // The scalar text of map[field], or nullopt after recording why there is none.
  std::optional<std::string> scalar(const YAML::Node& map, const std::string& path,
                                    const std::string& field, bool required,
                                    const std::string& expected);

  std::string file_;
  struct Problem {
    int line = -1;  // -1 when the problem has no position in the file
    int column = -1;
    std::string message;
  };
  std::vector<Problem> errors_;
};

[[nodiscard]] std::string join_key(const std::string& path, const std::string& field);

}  // namespace headroom::sim::config
