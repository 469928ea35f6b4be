// SPDX-License-Identifier: MIT
#include "headroom/models/data_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace headroom::models {

namespace fs = std::filesystem;

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// <bin>/../share/headroom of the running executable (Linux /proc), empty when unknown.
fs::path install_root() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return {};
  return exe.parent_path().parent_path() / "share" / "headroom";
}

void add_unique(std::vector<fs::path>& roots, const fs::path& p) {
  if (p.empty() || !is_dir(p)) return;
  std::error_code ec;
  const bool seen = std::any_of(roots.begin(), roots.end(),
                                [&](const fs::path& r) { return fs::equivalent(r, p, ec); });
  if (!seen) roots.push_back(p);
}

}  // namespace

std::vector<fs::path> data_roots() {
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("HEADROOM_DATA"); env != nullptr) {
    std::stringstream list(env);
    for (std::string dir; std::getline(list, dir, ':');) add_unique(roots, dir);
  }
  const fs::path installed = install_root();
  if (!installed.empty() && is_dir(installed)) {
    add_unique(roots, installed);
  } else {
    add_unique(roots, HEADROOM_SOURCE_DIR);
  }
  return roots;
}

std::optional<fs::path> find_data(const fs::path& relative) {
  for (const fs::path& root : data_roots()) {
    std::error_code ec;
    if (fs::exists(root / relative, ec)) return root / relative;
  }
  return std::nullopt;
}

std::vector<fs::path> find_all_data(const fs::path& relative) {
  std::vector<fs::path> found;
  for (const fs::path& root : data_roots()) {
    std::error_code ec;
    if (fs::exists(root / relative, ec)) found.push_back(root / relative);
  }
  return found;
}

std::string resolve_user_path(const std::string& path) {
  std::error_code ec;
  if (path.empty() || fs::path(path).is_absolute() || fs::exists(path, ec)) return path;
  const auto found = find_data(path);
  return found ? found->string() : path;
}

std::string describe_data_roots() {
  std::string out;
  for (const fs::path& root : data_roots()) out += (out.empty() ? "" : ", ") + root.string();
  return out.empty() ? "no data root (set HEADROOM_DATA)" : out;
}

}  // namespace headroom::models
