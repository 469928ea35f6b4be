// SPDX-License-Identifier: MIT
#include "tech/csv.hpp"

#include <charconv>
#include <sstream>

#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"

namespace headroom::accel::tech {

namespace {

// Splits one record; a quoted field may span lines, so the caller passes the rest of the stream.
std::vector<std::string> split_record(std::istream& in, std::string line, int& line_no) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0;; ++i) {
    if (i == line.size()) {
      if (!quoted || !std::getline(in, line)) break;
      ++line_no;
      field += '\n';
      i = static_cast<std::size_t>(-1);
      continue;
    }
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

}  // namespace

CsvTable read_csv(const std::string& path) {
  std::istringstream in(models::read_input_file(path, "a technology CSV table"));
  CsvTable t{.path = path, .rows = {}};
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const int first = line_no;
    auto cells = split_record(in, line, line_no);
    if (header.empty()) {
      header = std::move(cells);
      continue;
    }
    CsvRow row{.line = first, .fields = {}};
    for (std::size_t i = 0; i < header.size(); ++i)
      row.fields[header[i]] = i < cells.size() ? cells[i] : std::string();
    t.rows.push_back(std::move(row));
  }
  return t;
}

const std::string& CsvTable::text(const CsvRow& row, const std::string& column) const {
  const auto it = row.fields.find(column);
  if (it == row.fields.end())
    throw InputError(
        input_error_message(path, row.line, column, "a column named " + column, "no such column"));
  return it->second;
}

double CsvTable::number(const CsvRow& row, const std::string& column) const {
  const std::string& s = text(row, column);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty())
    throw InputError(input_error_message(path, row.line, column, "a number",
                                         s.empty() ? "an empty cell" : "'" + s + "'"));
  return v;
}

}  // namespace headroom::accel::tech
