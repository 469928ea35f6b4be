// SPDX-License-Identifier: MIT
// Reads a trace file (JSON Lines, docs/layer-ir.md) into an already lowered Network. Every key is
// checked: a typo or a value of the wrong sign is an error at its line, never a default.
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "headroom/models/error.hpp"
#include "headroom/models/input_file.hpp"
#include "headroom/models/trace_file.hpp"

namespace headroom::models {

namespace {

using Json = nlohmann::json;

const std::set<std::string> kHeaderKeys{
    "format",  "version", "network",           "batch",          "mode",       "optimizer",
    "ops",     "input",   "unit_of_work",      "units_per_item", "parameters", "precision",
    "skipped", "fused",   "batchnorms_folded", "ops_fused",      "pools_fused"};
const std::set<std::string> kGemmKeys{"name",
                                      "layer",
                                      "phase",
                                      "kind",
                                      "m",
                                      "n",
                                      "k",
                                      "count",
                                      "a_unique_elements",
                                      "b_unique_elements",
                                      "conv"};
// A convolution's map geometry (GemmShape::rows), for depth-first schedules.
const std::set<std::string> kConvKeys{"in_h",  "in_w",     "in_c",    "out_h",
                                      "out_w", "kernel_h", "stride_h"};
const std::set<std::string> kVectorKeys{"name",        "layer",    "phase",          "kind",
                                        "vector_kind", "elements", "input_elements", "ops",
                                        "bytes",       "fused"};

std::string short_text(const std::string& s) {
  return s.size() > 60 ? "'" + s.substr(0, 60) + "...'" : "'" + s + "'";
}

class LineReader {
 public:
  LineReader(std::string source, int line) : source_(std::move(source)), line_(line) {}

  [[noreturn]] void fail(const std::string& key, const std::string& expected,
                         const std::string& found) const {
    throw InputError(input_error_message(source_, line_, key, expected, found));
  }

  Json parse(const std::string& text) const {
    Json j;
    try {
      j = Json::parse(text);
    } catch (const Json::parse_error& e) {
      // "[json.exception.parse_error.101] parse error at line 1, column 9: ..." -> the part after
      // the position, which says what was wrong.
      std::string what = e.what();
      const std::size_t colon = what.find(": ");
      fail("", "one JSON object per line",
           "malformed JSON at column " + std::to_string(e.byte) +
               (colon == std::string::npos ? "" : " (" + what.substr(colon + 2) + ")"));
    }
    if (!j.is_object())
      fail("", "one JSON object per line", std::string("a JSON ") + j.type_name());
    return j;
  }

  void check_keys(const Json& j, const std::set<std::string>& allowed, const char* what) const {
    for (const auto& [key, value] : j.items())
      if (!allowed.count(key))
        fail(key, std::string("a key of ") + what + " (" + join(allowed) + ")",
             "unknown key '" + key + "'");
  }

  const Json& need(const Json& j, const std::string& key, const std::string& expected) const {
    const auto it = j.find(key);
    if (it == j.end()) fail(key, expected, "the key missing");
    return *it;
  }

  std::string text(const Json& j, const std::string& key) const {
    const Json& v = need(j, key, "a string");
    if (!v.is_string()) fail(key, "a string", v.dump());
    return v.get<std::string>();
  }

  // A count: a non-negative integer, at least `min`.
  std::uint64_t count(const Json& j, const std::string& key, std::uint64_t min) const {
    const std::string expected = min ? "a positive integer" : "an integer >= 0";
    const Json& v = need(j, key, expected);
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() < min)
      fail(key, expected, short_text(v.dump()));
    return v.get<std::uint64_t>();
  }

  std::uint64_t count_or(const Json& j, const std::string& key, std::uint64_t fallback,
                         std::uint64_t min) const {
    return j.contains(key) ? count(j, key, min) : fallback;
  }

  bool flag(const Json& j, const std::string& key) const {
    if (!j.contains(key)) return false;
    if (!j[key].is_boolean()) fail(key, "true or false", short_text(j[key].dump()));
    return j[key].get<bool>();
  }

  int line() const { return line_; }

 private:
  static std::string join(const std::set<std::string>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  std::string source_;
  int line_;
};

Phase parse_phase(const LineReader& r, const std::string& s) {
  for (Phase p : {Phase::Forward, Phase::BackwardData, Phase::BackwardWeight, Phase::Update})
    if (s == to_string(p)) return p;
  r.fail("phase", "forward, backward_data, backward_weight or update", short_text(s));
}

VectorKind parse_vector_kind(const LineReader& r, const std::string& s) {
  std::string names;
  for (VectorKind k :
       {VectorKind::Elementwise, VectorKind::Activation, VectorKind::Pool, VectorKind::Norm,
        VectorKind::Softmax, VectorKind::Embedding, VectorKind::OptimizerUpdate}) {
    if (s == to_string(k)) return k;
    names += (names.empty() ? "" : ", ") + std::string(to_string(k));
  }
  r.fail("vector_kind", "one of " + names, short_text(s));
}

Optimizer parse_optimizer(const LineReader& r, const std::string& s) {
  for (Optimizer o : {Optimizer::Sgd, Optimizer::SgdMomentum, Optimizer::Adam})
    if (s == to_string(o)) return o;
  r.fail("optimizer", "sgd, momentum or adam", short_text(s));
}

std::vector<SkippedNode> parse_skipped(const LineReader& r, const Json& j) {
  std::vector<SkippedNode> out;
  if (!j.contains("skipped")) return out;
  const std::string expected = "a list of {node, op_type, output_bytes}";
  if (!j["skipped"].is_array()) r.fail("skipped", expected, short_text(j["skipped"].dump()));
  for (const Json& n : j["skipped"]) {
    if (!n.is_object() || n.size() != 3) r.fail("skipped", expected, short_text(n.dump()));
    out.push_back({r.text(n, "node"), r.text(n, "op_type"), r.count(n, "output_bytes", 0)});
  }
  return out;
}

struct Header {
  NetworkInfo info;
  std::vector<SkippedNode> skipped;
  bool training = false;
  std::optional<Optimizer> optimizer;
  std::optional<FusionSummary> fusion;  // a fused inference graph
  std::uint64_t parameters = 0;
  std::uint64_t ops = 0;
  Precision precision = Precision::FP32;
};

Header parse_header(const LineReader& r, const Json& j) {
  const Json& format = r.need(j, "format", "\"headroom-trace\" on the first line");
  if (format != "headroom-trace")
    r.fail("format", "\"headroom-trace\" on the first line", short_text(format.dump()));
  const Json& version = r.need(j, "version", "the format version");
  if (version != kTraceFormatVersion)
    r.fail("version",
           "version " + std::to_string(kTraceFormatVersion) + " (the one this Headroom reads)",
           short_text(version.dump()));
  r.check_keys(j, kHeaderKeys, "the trace header");
  Header h;
  h.info.name = r.text(j, "network");
  h.info.batch = r.count(j, "batch", 1);
  h.info.units_per_item = r.count_or(j, "units_per_item", 1, 1);
  h.info.unit_of_work = j.contains("unit_of_work") ? r.text(j, "unit_of_work") : "item";
  h.info.input = j.contains("input") ? r.text(j, "input") : "";
  const std::string mode = r.text(j, "mode");
  if (mode != "inference" && mode != "training")
    r.fail("mode", "inference or training", short_text(mode));
  h.training = mode == "training";
  if (h.training) h.optimizer = parse_optimizer(r, r.text(j, "optimizer"));
  if (!h.training && j.contains("optimizer"))
    r.fail("optimizer", "no optimizer in an inference trace", j["optimizer"].dump());
  if (r.flag(j, "fused")) {
    if (h.training)
      r.fail("fused", "no fused: true in a training trace (it runs the naive graph)", "true");
    h.fusion = FusionSummary{.batchnorms_folded = r.count_or(j, "batchnorms_folded", 0, 0),
                             .ops_fused = r.count_or(j, "ops_fused", 0, 0),
                             .pools_fused = r.count_or(j, "pools_fused", 0, 0)};
  } else {
    for (const char* key : {"batchnorms_folded", "ops_fused", "pools_fused"})
      if (j.contains(key))
        r.fail(key, "fusion counts only with \"fused\": true", short_text(j[key].dump()));
  }
  h.parameters = r.count_or(j, "parameters", 0, 0);
  h.ops = r.count(j, "ops", 1);
  const std::string precision = r.text(j, "precision");
  const auto p = parse_precision(precision);
  if (!p) r.fail("precision", "one of " + precision_list(), short_text(precision));
  h.precision = *p;
  h.skipped = parse_skipped(r, j);
  return h;
}

TraceOp parse_op(const LineReader& r, const Json& j, const Header& h) {
  TraceOp op;
  op.layer = r.text(j, "layer");
  if (j.contains("name")) (void)r.text(j, "name");  // a label for people; the layer is what counts
  op.phase = parse_phase(r, r.text(j, "phase"));
  if (!h.training && op.phase != Phase::Forward)
    r.fail("phase", "forward in an inference trace (the header's mode)", to_string(op.phase));
  const std::string kind = r.text(j, "kind");
  try {
    if (kind == "gemm") {
      r.check_keys(j, kGemmKeys, "a GEMM op");
      op.kind = TraceOp::Kind::Gemm;
      GemmShape& g = op.gemm;
      g.m = r.count(j, "m", 1);
      g.n = r.count(j, "n", 1);
      g.k = r.count(j, "k", 1);
      g.count = r.count_or(j, "count", 1, 1);
      g.a_unique_elements = r.count_or(j, "a_unique_elements", 0, 0);
      g.b_unique_elements = r.count_or(j, "b_unique_elements", 0, 0);
      if (j.contains("conv")) {
        const Json& c = j["conv"];
        if (!c.is_object()) r.fail("conv", "an object of the convolution's rows", "not an object");
        r.check_keys(c, kConvKeys, "a GEMM's conv");
        g.rows = {r.count(c, "in_h", 1),    r.count(c, "in_w", 1),  r.count(c, "in_c", 1),
                  r.count(c, "out_h", 1),   r.count(c, "out_w", 1), r.count(c, "kernel_h", 1),
                  r.count(c, "stride_h", 1)};
      }
      (void)g.macs();  // a product past 64 bits is an error here, at its line
      (void)g.a_elements();
      (void)g.b_elements();
      (void)g.c_elements();
      return op;
    }
    if (kind != "vector") r.fail("kind", "gemm or vector", short_text(kind));
    r.check_keys(j, kVectorKeys, "a vector op");
    op.kind = TraceOp::Kind::Vector;
    VectorShape& v = op.vector;
    v.kind = parse_vector_kind(r, r.text(j, "vector_kind"));
    v.elements = r.count(j, "elements", 1);
    v.input_elements = r.count(j, "input_elements", 0);
    v.ops = r.count(j, "ops", 0);
    op.fused = r.flag(j, "fused");
    if (op.fused && !h.fusion)
      r.fail("fused", "a fused op only in a fused trace (the header's \"fused\": true)", "true");
    if (j.contains("bytes")) {
      const std::uint64_t bytes = r.count(j, "bytes", 0);
      const std::uint64_t expected =
          checked_bytes_for(checked_add(v.elements, v.input_elements, "vector op elements"),
                            h.precision, "vector op bytes");
      if (bytes != expected)
        r.fail("bytes",
               std::to_string(expected) + " = (elements + input_elements) x " +
                   element_size_text(h.precision) + " of the header's " + to_string(h.precision) +
                   (element_size(h.precision).whole_bytes() ? "" : ", rounded up to whole bytes") +
                   " (correct it or delete the key)",
               std::to_string(bytes));
    }
  } catch (const CountOverflow& e) {
    r.fail("", "counts whose products fit in 64 bits", e.what());
  }
  return op;
}

}  // namespace

Network parse_trace_file(const std::string& text, const std::string& source) {
  std::optional<Header> header;
  LoweredWorkload w;
  w.source = source;
  int line = 0;
  for (std::size_t at = 0; at < text.size();) {
    ++line;
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::size_t length = end - at;
    const LineReader r(source, line);
    if (length > kTraceLineCap)
      r.fail("", "a line of at most " + std::to_string(kTraceLineCap) + " bytes",
             std::to_string(length) + " bytes");
    const std::string content = text.substr(at, length);
    at = end + 1;
    if (content.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Json j = r.parse(content);
    if (!header) {
      header = parse_header(r, j);
      continue;
    }
    if (w.trace.ops.size() == header->ops)
      r.fail("", std::to_string(header->ops) + " ops, as the header's `ops` says",
             "another op line");
    w.trace.ops.push_back(parse_op(r, j, *header));
  }
  if (!header)
    throw InputError(input_error_message(source, 1, "", "a trace header line", "an empty file"));
  if (w.trace.ops.size() != header->ops)
    throw InputError(input_error_message(
        source, line, "ops", std::to_string(header->ops) + " ops, as the header's `ops` says",
        std::to_string(w.trace.ops.size()) + " (is the file truncated?)"));
  w.trace.network = header->info.name;
  w.trace.batch = header->info.batch;
  w.trace.skipped = std::move(header->skipped);
  w.training = header->training;
  w.optimizer = header->optimizer;
  w.fusion = header->fusion;
  w.parameters = header->parameters;
  return Network(header->info, std::move(w));
}

Network read_trace_file(const std::string& path) {
  return parse_trace_file(read_input_file(path, "a trace file (.jsonl)", kTraceFileCap), path);
}

}  // namespace headroom::models
