// SPDX-License-Identifier: MIT
// `headroom sweep export`: the `points` table as CSV or JSON, rows in key order
// (config_hash, workload) so two databases with the same rows export the same bytes.
#pragma once

#include <string>

namespace headroom::sim::sweep {

[[nodiscard]] std::string export_csv(const std::string& db_path);
[[nodiscard]] std::string export_json(const std::string& db_path);

}  // namespace headroom::sim::sweep
