// SPDX-License-Identifier: MIT
// Epoch's published CSV (the 2022 data behind Sevilla et al., the 2025 "Notable AI Models"
// export) and tables laid out like it.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "headroom/models/error.hpp"
#include "headroom/sim/trends.hpp"

namespace headroom::sim::trends {

namespace {

using CsvRow = CsvRecord;

}  // namespace

// RFC 4180: fields separated by commas, optionally quoted; a quote inside is doubled; a quoted
// field may hold commas and line breaks.
std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& file) {
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string cell;
  bool quoted = false;
  bool cell_started = false;
  int line = 1;
  int quote_line = 0;
  auto end_cell = [&] {
    row.cells.push_back(cell);
    cell.clear();
    cell_started = false;
  };
  auto end_row = [&] {
    end_cell();
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(row);
    row = CsvRow{line + 1, {}};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = true;
      cell_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n') {
      if (!cell.empty() && cell.back() == '\r') cell.pop_back();
      end_row();
      ++line;
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted)
    throw InputError(input_error_message(file, quote_line, "CSV", "a closing quote",
                                         "the end of the file inside a quoted field"));
  if (cell_started || !row.cells.empty()) end_row();
  std::erase_if(rows, [](const CsvRow& r) {
    return !r.cells.empty() && !r.cells[0].empty() && r.cells[0][0] == '#';
  });
  return rows;
}

namespace {

std::string trimmed(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::optional<double> parse_number(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The index of the first of `names` in the header; -1 when none.
int column_of(const std::vector<std::string>& header, const std::vector<std::string>& names) {
  for (const auto& n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (trimmed(header[i]) == n) return static_cast<int>(i);
  return -1;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : " or '") + n + "'";
  return out;
}

std::string read_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw InputError(input_error_message(path, 0, "table", "a CSV file",
                                         fs::exists(path, ec) ? "not a regular file" : "no file"));
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof())
    throw InputError(input_error_message(path, 0, "table", "a readable file", "a read error"));
  return ss.str();
}

}  // namespace

std::optional<double> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  const char* s = text.data();
  if (std::from_chars(s, s + 4, y).ptr != s + 4 || std::from_chars(s + 5, s + 7, m).ptr != s + 7 ||
      std::from_chars(s + 8, s + 10, d).ptr != s + 10)
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{year{y}, month{m}, day{d}};
  if (!date.ok()) return std::nullopt;
  const auto jan1 = sys_days{year{y} / January / 1};
  const auto next = sys_days{year{y + 1} / January / 1};
  return y + static_cast<double>((sys_days{date} - jan1).count()) /
                 static_cast<double>((next - jan1).count());
}

Table read_csv(const std::string& path, const Columns& columns) {
  const std::vector<CsvRow> rows = parse_csv(read_file(path), path);
  if (rows.empty())
    throw InputError(input_error_message(path, 0, "CSV", "a header row and systems", "no rows"));
  const std::vector<std::string>& header = rows.front().cells;
  auto find = [&](const std::string& chosen, const std::vector<std::string>& epoch) {
    const std::vector<std::string> names = chosen.empty() ? epoch : std::vector{chosen};
    const int i = column_of(header, names);
    if (i < 0)
      throw InputError(input_error_message(path, 1, "header", "a column named " + joined(names),
                                           "no such column"));
    return static_cast<std::size_t>(i);
  };
  const std::size_t name_col = find(columns.system, {"System", "Model"});
  const std::size_t date_col = find(columns.date, {"Publication date"});
  const std::size_t flop_col =
      find(columns.compute, {"Training compute (FLOP)", "Training compute (FLOPs)"});
  const int domain_col = column_of(header, {"Domain"});

  Table t;
  t.source = path;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    auto cell = [&](std::size_t i) { return i < row.cells.size() ? trimmed(row.cells[i]) : ""; };
    System s;
    s.line = row.line;
    s.name = cell(name_col);
    s.date = cell(date_col);
    const std::string compute = cell(flop_col);
    for (std::size_t i = 0; i < header.size(); ++i) s.columns[trimmed(header[i])] = cell(i);
    if (compute.empty()) {
      ++t.skipped["no training compute"];
      continue;
    }
    const auto flop = parse_number(compute);
    if (!flop || *flop <= 0)
      throw InputError(input_error_message(path, row.line, header[flop_col],
                                           "a positive number (training compute)",
                                           "\"" + compute + "\""));
    if (s.date.empty()) {
      ++t.skipped["no publication date"];
      continue;
    }
    const auto year = parse_date(s.date);
    if (!year) {
      ++t.skipped["date not YYYY-MM-DD"];
      continue;
    }
    s.year = *year;
    s.flop = *flop * columns.flop_per_unit;
    if (domain_col >= 0)
      s.large_scale = cell(static_cast<std::size_t>(domain_col)) == "Large Scale";
    if (s.name.empty()) s.name = fmt::format("(unnamed, line {})", row.line);
    t.systems.push_back(std::move(s));
  }
  if (t.systems.size() < 2)
    throw InputError(input_error_message(
        path, 0, "rows", "at least 2 systems with a date and a training compute",
        fmt::format("{} ({} rows in the file)", t.systems.size(), rows.size() - 1)));
  std::set<double> dates;
  for (const auto& s : t.systems) dates.insert(s.year);
  if (dates.size() < 2)
    throw InputError(input_error_message(path, 0, header[date_col],
                                         "systems on at least 2 different dates",
                                         "every system on " + t.systems.front().date));
  return t;
}

std::size_t mark_large_scale(Table& table, const Table& labels) {
  std::set<std::string> names;
  for (const auto& s : labels.systems)
    if (s.large_scale) names.insert(s.name);
  std::size_t marked = 0;
  for (auto& s : table.systems) {
    s.large_scale = names.count(s.name) > 0;
    marked += s.large_scale ? 1 : 0;
  }
  return marked;
}

Where parse_where(const std::string& text) {
  const auto bad = [&](const std::string& found) {
    return InputError(input_error_message("--where", 0, text,
                                          "COLUMN == 'value', COLUMN != 'value' or COLUMN "
                                          "contains 'value'",
                                          found));
  };
  for (const std::string op : {"==", "!=", " contains "}) {
    const auto at = text.find(op);
    if (at == std::string::npos) continue;
    Where w{trimmed(text.substr(0, at)), trimmed(op), trimmed(text.substr(at + op.size()))};
    if (w.column.empty()) throw bad("no column name");
    const auto& v = w.value;
    if (v.size() < 2 ||
        !((v.front() == '\'' && v.back() == '\'') || (v.front() == '"' && v.back() == '"')))
      throw bad("an unquoted value");
    w.value = v.substr(1, v.size() - 2);
    return w;
  }
  throw bad("no ==, != or contains");
}

bool Where::matches(const System& s) const {
  const auto it = s.columns.find(column);
  const std::string cell = it == s.columns.end() ? "" : it->second;
  if (op == "==") return cell == value;
  if (op == "!=") return cell != value;
  return cell.find(value) != std::string::npos;
}

}  // namespace headroom::sim::trends
