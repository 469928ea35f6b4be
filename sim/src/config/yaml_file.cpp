// SPDX-License-Identifier: MIT
#include "config/yaml_file.hpp"

#include <map>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"

namespace headroom::sim::config {

namespace {

std::string position(const std::string& file, const YAML::Mark& mark) {
  // yaml-cpp counts from 0; editors count from 1. Appended piece by piece (GCC 12 -Wrestrict).
  std::string where = file;
  if (mark.line >= 0)
    where.append(":")
        .append(std::to_string(mark.line + 1))
        .append(":")
        .append(std::to_string(mark.column + 1));
  return where;
}

// Aliases make the tree a DAG that a walk sees once per path: a few nested aliases of aliases
// ("billion laughs") would take forever. No config comes near this many nodes.
constexpr std::size_t kMaxNodesWalked = 100'000;
// An alias inside its own anchor (`a: &a [*a]`) makes a cycle, endless to a walk; the parser's
// own nesting limit does not see it. No config nests anywhere near this deep.
constexpr int kMaxDepth = 100;

struct Walk {
  const std::string& file;
  std::vector<std::string> problems;
  std::size_t nodes = 0;
};

void find_duplicates(const YAML::Node& node, const std::string& path, Walk& walk, int depth) {
  if (++walk.nodes > kMaxNodesWalked)
    throw InputError(input_error_message(
        walk.file, 0, "", "at most " + std::to_string(kMaxNodesWalked) + " YAML nodes",
        "more (counting each use of an alias)"));
  if (depth > kMaxDepth)
    throw InputError(input_error_message(
        position(walk.file, node.Mark()), 0, path.size() > 60 ? path.substr(0, 60) + "..." : path,
        "nesting at most " + std::to_string(kMaxDepth) + " levels deep",
        "deeper (an alias used inside its own anchor?)"));
  if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      find_duplicates(node[i], path + "[" + std::to_string(i) + "]", walk, depth + 1);
    return;
  }
  if (!node.IsMap()) return;
  std::map<std::string, YAML::Mark> seen;
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("(non-text key)");
    const std::string dotted = path.empty() ? key : path + "." + key;
    const auto [it, fresh] = seen.emplace(key, kv.first.Mark());
    if (!fresh)
      walk.problems.push_back(input_error_message(
          position(walk.file, kv.first.Mark()), 0, dotted, "a key given once",
          "a second one (the first is at line " + std::to_string(it->second.line + 1) + ")"));
    find_duplicates(kv.second, dotted, walk, depth + 1);
  }
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(position(file, e.mark) + ": not valid YAML: " + e.msg);
  }
  Walk walk{file, {}, 0};
  find_duplicates(root, "", walk, 0);
  const auto& problems = walk.problems;
  if (problems.size() == 1) throw InputError(problems.front());
  if (!problems.empty()) {
    std::string msg = std::to_string(problems.size()) + " problems in " + file;
    for (const auto& p : problems) msg += "\n  " + p;
    throw InputError(msg);
  }
  return root;
}

YAML::Node load_yaml_file(const std::string& path, const std::string& what) {
  return parse_yaml(models::read_input_file(path, what), path);
}

}  // namespace headroom::sim::config
