// SPDX-License-Identifier: MIT
// The columns of a sweep's `points` table, in order: the fixed identity columns, one column per
// axis, then one column per declared run field (headroom/sim/result_fields.hpp), then
// feasibility. Nothing here lists a result field by hand.
#pragma once

#include <string>
#include <vector>

#include "headroom/sim/result_fields.hpp"

namespace headroom::sim::sweep {

// Names of the declared run fields, and of those that hold numbers (integer or real).
[[nodiscard]] const std::vector<std::string>& field_names();
[[nodiscard]] const std::vector<std::string>& numeric_field_names();

// The column of an axis: its dotted key, or "axis.<key>" when the key is also a field's name
// (a top-level key such as `precision`).
[[nodiscard]] std::string axis_column(const std::string& key);

// SQLite's type name for a field type.
[[nodiscard]] const char* sql_type(FieldType type);

}  // namespace headroom::sim::sweep
