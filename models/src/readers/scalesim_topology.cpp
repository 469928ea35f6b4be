// SPDX-License-Identifier: MIT
#include "headroom/models/scalesim_topology.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"
#include "headroom/models/lowering.hpp"

namespace headroom::models {

namespace {

// Column names as SCALE-Sim's shipped CSVs spell them, for messages.
const std::vector<std::string> kConvColumns{"Layer name",    "IFMAP Height", "IFMAP Width",
                                            "Filter Height", "Filter Width", "Channels",
                                            "Num Filter",    "Strides",      "Stride Width"};
const std::vector<std::string> kGemmColumns{"name", "M", "N", "K"};

// SCALE-Sim reads values with Python int(); 2^31 - 1 keeps every product below in 64 bits
// after the overflow check and is far beyond any real layer.
constexpr std::uint64_t kMaxValue = 2147483647;

enum class Form { Conv, Gemm };

// Python's str.strip(), which SCALE-Sim uses, also removes the no-break spaces (U+00A0) that
// spreadsheet exports put after commas (SCALE-Sim's translation/gpt2.csv).
std::string trim(std::string s) {
  const std::string nbsp = "\xC2\xA0";
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    if (std::isspace(static_cast<unsigned char>(s.back()))) {
      s.pop_back();
      changed = true;
    } else if (s.ends_with(nbsp)) {
      s.resize(s.size() - 2);
      changed = true;
    }
  }
  std::size_t first = 0;
  while (first < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[first])))
      ++first;
    else if (s.compare(first, 2, nbsp) == 0)
      first += 2;
    else
      break;
  }
  return s.substr(first);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Cells of one row, trimmed; SCALE-Sim's files end every row with a comma, so trailing empty
// cells are dropped. SCALE-Sim itself drops the last cell unconditionally, which is how its
// shipped mobilnet_4k.csv gets away with a trailing "#dw" note: '#' starts a comment here.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line.substr(0, line.find('#')));
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(trim(cell));
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string describe(const std::vector<std::string>& row) {
  std::string s = std::to_string(row.size()) + " cells (";
  for (std::size_t i = 0; i < row.size(); ++i) s += (i ? ", " : "") + row[i];
  return s + ")";
}

Form detect_form(const std::vector<std::string>& header, const std::string& file) {
  if (header.size() == 4 && lower(header[1]) == "m" && lower(header[2]) == "n" &&
      lower(header[3]) == "k")
    return Form::Gemm;
  if ((header.size() == 8 || header.size() == 9) && lower(header[1]).find("ifmap") == 0)
    return Form::Conv;
  throw InputError(input_error_message(
      file, 1, "header",
      "a SCALE-Sim topology header: 'Layer name, IFMAP Height, IFMAP Width, Filter Height, "
      "Filter Width, Channels, Num Filter, Strides,' or 'name, M, N, K,'",
      describe(header)));
}

class RowReader {
 public:
  RowReader(const std::string& file, int line, const std::vector<std::string>& columns,
            const std::vector<std::string>& row, std::vector<std::string>& problems)
      : file_(file),
        line_(line),
        columns_(columns),
        row_(row),
        problems_(problems),
        first_problem_(problems.size()) {}

  // A bad cell is recorded and read as 1, so the row's other cells are checked too; the row is
  // then dropped (failed()) before anything is derived from it.
  std::uint64_t positive(std::size_t index) const {
    const std::string& s = row_[index];
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v == 0 || v > kMaxValue) {
      problems_.push_back(input_error_message(
          file_, line_, columns_[index], "a whole number from 1 to 2147483647", "'" + s + "'"));
      return 1;
    }
    return v;
  }
  [[nodiscard]] bool failed() const { return problems_.size() > first_problem_; }

  [[noreturn]] void fail(const std::string& key, const std::string& expected,
                         const std::string& found) const {
    throw InputError(input_error_message(file_, line_, key, expected, found));
  }

 private:
  const std::string& file_;
  int line_;
  const std::vector<std::string>& columns_;
  const std::vector<std::string>& row_;
  std::vector<std::string>& problems_;
  std::size_t first_problem_;
};

std::uint64_t checked_product(const RowReader& r, std::uint64_t a, std::uint64_t b,
                              const std::string& what) {
  std::uint64_t p = 0;
  if (__builtin_mul_overflow(a, b, &p))
    r.fail(what, "a layer whose size fits in 64 bits", "an overflow");
  return p;
}

TraceOp gemm_op(const RowReader& r, const std::vector<std::string>& row) {
  TraceOp op;
  op.layer = row[0];
  op.gemm.m = r.positive(1);
  op.gemm.n = r.positive(2);
  op.gemm.k = r.positive(3);
  if (r.failed()) return op;
  checked_product(r, checked_product(r, op.gemm.m, op.gemm.n, "M*N*K"), op.gemm.k, "M*N*K");
  return op;
}

TraceOp conv_op(const RowReader& r, const std::vector<std::string>& row) {
  const std::uint64_t h = r.positive(1), w = r.positive(2);
  const std::uint64_t fh = r.positive(3), fw = r.positive(4);
  const std::uint64_t channels = r.positive(5), filters = r.positive(6);
  const std::uint64_t stride_h = r.positive(7);
  // An 8-column row gives one stride for both directions (topology_utils.append_topo_arrays).
  const std::uint64_t stride_w = row.size() == 9 ? r.positive(8) : stride_h;
  if (r.failed()) return {};
  // SCALE-Sim asserts these (its "ISSUE #9 fix"): there is no padding to make room.
  if (fh > h)
    r.fail("Filter Height", "at most IFMAP Height (" + std::to_string(h) + ", no padding)",
           std::to_string(fh));
  if (fw > w)
    r.fail("Filter Width", "at most IFMAP Width (" + std::to_string(w) + ", no padding)",
           std::to_string(fw));
  // ceil((H - R + s) / s): one more output row than floor((H - R) / s) + 1 when s does not
  // divide H - R (topology_utils.topo_calc_hyperparams).
  const std::uint64_t eh = (h - fh + stride_h + stride_h - 1) / stride_h;
  const std::uint64_t ew = (w - fw + stride_w + stride_w - 1) / stride_w;
  // SCALE-Sim's test is `'DP' in name`: a substring, case-sensitive.
  const bool depthwise = row[0].find("DP") != std::string::npos;

  TraceOp op;
  op.layer = row[0];
  op.gemm.m = eh * ew;
  op.gemm.n = filters;
  op.gemm.k = checked_product(r, fh * fw, depthwise ? 1 : channels, "window");
  op.gemm.count = depthwise ? channels : 1;
  // The im2col input has M*K entries but only the feature map is distinct data.
  op.gemm.a_unique_elements = checked_product(r, h * w, depthwise ? 1 : channels, "IFMAP");
  // A depthwise row repeats its GEMM once per channel.
  checked_product(
      r, checked_product(r, checked_product(r, op.gemm.m, op.gemm.n, "M*N*K"), op.gemm.k, "M*N*K"),
      op.gemm.count, "M*N*K*channels");
  return op;
}

}  // namespace

Network parse_scalesim_network(const std::string& text, const std::string& file) {
  std::vector<Layer> layers;

  std::stringstream in(text);
  std::string line;
  int line_no = 0;
  bool have_header = false;
  Form form = Form::Conv;
  std::vector<std::string> problems;
  while (std::getline(in, line)) {
    ++line_no;
    // A UTF-8 byte-order mark, as spreadsheet exports write (SCALE-Sim's translation/gpt2.csv).
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    const std::vector<std::string> row = cells(line);
    if (row.empty()) continue;
    if (!have_header) {
      form = detect_form(row, file);
      have_header = true;
      continue;
    }
    const auto& columns = form == Form::Gemm ? kGemmColumns : kConvColumns;
    const RowReader r(file, line_no, columns, row, problems);
    try {
      const bool size_ok =
          form == Form::Gemm ? row.size() == 4 : row.size() == 8 || row.size() == 9;
      if (!size_ok)
        r.fail("row",
               form == Form::Gemm ? "4 cells (name, M, N, K)"
                                  : "8 or 9 cells (Layer name ... Strides)",
               describe(row));
      if (row[0].empty()) r.fail(columns[0], "a layer name", "an empty cell");
      const TraceOp op = form == Form::Gemm ? gemm_op(r, row) : conv_op(r, row);
      if (!r.failed()) layers.push_back({op.layer, ExplicitGemm{op.gemm}});
    } catch (const InputError& e) {
      problems.emplace_back(e.what());
    }
  }
  // Every bad row is reported, not only the first; a long list is cut short.
  if (problems.size() == 1) throw InputError(problems.front());
  if (!problems.empty()) {
    constexpr std::size_t kShown = 50;
    std::string msg = std::to_string(problems.size()) + " problems in " + file;
    for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) msg += "\n  " + problems[i];
    if (problems.size() > kShown)
      msg += "\n  ... and " + std::to_string(problems.size() - kShown) + " more";
    throw InputError(msg);
  }
  if (!have_header)
    throw InputError(input_error_message(file, 0, "", "a SCALE-Sim topology CSV", "an empty file"));
  if (layers.empty())
    throw InputError(
        input_error_message(file, line_no, "", "at least one layer row", "only the header"));
  // SCALE-Sim v2 has no batch dimension: the shapes are one inference.
  return Network({.name = std::filesystem::path(file).stem().string(),
                  .batch = 1,
                  .units_per_item = 1,
                  .unit_of_work = "inference",
                  .input = "SCALE-Sim topology " + std::filesystem::path(file).filename().string()},
                 std::move(layers));
}

Network load_scalesim_network(const std::string& path) {
  return parse_scalesim_network(read_input_file(path, "a SCALE-Sim topology CSV"), path);
}

Trace parse_scalesim_topology(const std::string& text, const std::string& file) {
  return lower_forward(parse_scalesim_network(text, file));
}

Trace load_scalesim_topology(const std::string& path) {
  return lower_forward(load_scalesim_network(path));
}

}  // namespace headroom::models
