// SPDX-License-Identifier: MIT
#include "headroom/models/error.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace headroom {

std::string input_error_message(const std::string& file, int line, const std::string& key,
                                const std::string& expected, const std::string& found) {
  // Appended piece by piece: GCC 12 at -O3 raises a false -Wrestrict on ":" + std::string.
  std::string msg = file;
  if (line > 0) msg.append(":").append(std::to_string(line));
  if (!msg.empty()) msg.append(": ");
  if (!key.empty()) msg.append(key).append(": ");
  msg.append("expected ").append(expected).append(", found ").append(found);
  return msg;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string close_matches(const std::string& word, const std::vector<std::string>& candidates,
                          std::size_t max) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    const bool prefix = c.size() > word.size() && c.compare(0, word.size(), word) == 0;
    if (d <= limit || (prefix && word.size() >= 3)) scored.emplace_back(prefix ? 0 : d, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::string out;
  for (std::size_t i = 0; i < scored.size() && i < max; ++i) {
    if (!out.empty()) out += ", ";
    out += scored[i].second;
  }
  return out;
}

}  // namespace headroom
