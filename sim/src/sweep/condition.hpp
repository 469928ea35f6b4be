// SPDX-License-Identifier: MIT
// "area_mm2 <= 100": a comparison of one result column with a constant, used by the spec's
// constraints and by `pareto --where`. Compiled to SQL so the database applies it.
#pragma once

#include <string>
#include <vector>

namespace headroom::sim::sweep {

struct Condition {
  std::string text;    // as written, for messages
  std::string column;  // a declared run field or an axis column
  std::string op;      // <, <=, >, >=, ==, !=
  bool numeric = true;
  double number = 0;
  std::string word;  // the constant when not numeric
};

// Parses "name op value". `columns` are the names allowed, `numeric_columns` those that
// compare with numbers; an unknown name is an InputError with a did-you-mean at `where`.
[[nodiscard]] Condition parse_condition(const std::string& text, const std::string& where,
                                        const std::vector<std::string>& columns,
                                        const std::vector<std::string>& numeric_columns);

// The SQL boolean expression; a missing (NULL) value never satisfies it.
[[nodiscard]] std::string to_sql(const Condition& c);

// A SQL string literal.
[[nodiscard]] std::string sql_literal(const std::string& text);

}  // namespace headroom::sim::sweep
