// SPDX-License-Identifier: MIT
#include "sweep/condition.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "headroom/models/error.hpp"
#include "sweep/sqlite.hpp"

namespace headroom::sim::sweep {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

Condition parse_condition(const std::string& text, const std::string& where,
                          const std::vector<std::string>& columns,
                          const std::vector<std::string>& numeric_columns) {
  // Two-character operators first, so "<=" is not read as "<".
  static const std::array<std::string, 7> ops{"<=", ">=", "==", "!=", "<", ">", "="};
  Condition c;
  c.text = text;
  std::size_t at = std::string::npos;
  for (const auto& op : ops) {
    at = text.find(op);
    if (at != std::string::npos) {
      c.op = op == "=" ? "==" : op;
      break;
    }
  }
  const std::string shape =
      "'FIELD OP VALUE' with OP one of <, <=, >, >=, ==, != (e.g. 'area_mm2 <= 100')";
  if (at == std::string::npos)
    throw InputError(input_error_message(where, 0, "", shape, "'" + text + "'"));
  const std::size_t op_len = (c.op == "==" && text.compare(at, 2, "==") != 0) ? 1 : c.op.size();
  c.column = trim(text.substr(0, at));
  const std::string value = trim(text.substr(at + op_len));
  if (c.column.empty() || value.empty())
    throw InputError(input_error_message(where, 0, "", shape, "'" + text + "'"));
  if (!contains(columns, c.column)) {
    const std::string close = close_matches(c.column, columns);
    throw InputError(input_error_message(
        where, 0, "", "a result field or axis (see docs/sweeps.md)",
        "'" + c.column + "'" + (close.empty() ? "" : "; did you mean " + close + "?")));
  }
  double number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  c.numeric = ec == std::errc() && end == value.data() + value.size() && std::isfinite(number);
  if (c.numeric) {
    c.number = number;
    if (!contains(numeric_columns, c.column))
      throw InputError(input_error_message(
          where, 0, c.column, "a text value with == or != (the field is text)", value));
  } else {
    c.word = value;
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      c.word = value.substr(1, value.size() - 2);
    if (c.op != "==" && c.op != "!=")
      throw InputError(
          input_error_message(where, 0, c.column, "a number after " + c.op, "'" + value + "'"));
  }
  return c;
}

std::string sql_literal(const std::string& text) {
  std::string q = "'";
  for (char ch : text) {
    if (ch == '\'') q += '\'';
    q += ch;
  }
  return q + "'";
}

std::string to_sql(const Condition& c) {
  const std::string value = c.numeric ? fmt::format("{:.17g}", c.number) : sql_literal(c.word);
  const std::string op = c.op == "==" ? "=" : c.op;
  const std::string column = quote_identifier(c.column);
  return "(" + column + " IS NOT NULL AND " + column + " " + op + " " + value + ")";
}

}  // namespace headroom::sim::sweep
