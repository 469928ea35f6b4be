// SPDX-License-Identifier: MIT
// Compute trends: a table of ML systems (publication date, training compute), log-linear fits of
// compute against date by era or date range with a seeded bootstrap interval, as in Sevilla et
// al. 2022 ("Compute Trends Across Three Eras of Machine Learning") and Amodei & Hernandez 2018
// ("AI and Compute"). `headroom trends fit` prints them; docs/trends.md compares with the papers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::sim::trends {

// YYYY-MM-DD as a fractional year (day-of-year / days-in-year); nullopt when not a valid date.
[[nodiscard]] std::optional<double> parse_date(std::string_view text);

struct System {
  std::string name;
  std::string date;  // as written
  double year = 0;   // fractional
  double flop = 0;
  bool large_scale = false;
  std::map<std::string, std::string> columns;  // the whole row, for --where
  int line = 0;                                // first line of the row in its file (0: none)
};

struct Table {
  std::string source;  // the file, or the run configs the table was computed from
  std::vector<System> systems;
  std::map<std::string, std::size_t> skipped;  // why -> rows left out
  std::vector<std::string> notes;
};

// Which columns hold what. Empty names: Epoch's (`System` or `Model`, `Publication date`,
// `Training compute (FLOP)` or `Training compute (FLOPs)`).
struct Columns {
  std::string system;
  std::string date;
  std::string compute;
  double flop_per_unit = 1;  // 8.64e19 when the compute column is in petaflop/s-days
};

// Reads a CSV in Epoch's published format (RFC 4180, quoted fields may hold commas and line
// breaks). Rows with a blank compute or date, or a date that is not YYYY-MM-DD, are skipped and
// counted; a compute that is not a positive number is an error. A `Domain` of "Large Scale" (the
// 79-system split of the 2022 data) marks a large-scale system. Throws InputError naming the
// file, line and column.
[[nodiscard]] Table read_csv(const std::string& path, const Columns& columns = {});

// Marks as large-scale the systems that `labels` (a CSV like the 79-system split) labels
// `Domain == "Large Scale"`, matched by name; returns how many were marked.
std::size_t mark_large_scale(Table& table, const Table& labels);

// The project's own table: every configs/runs/*.yaml with a `date:` key, its compute from the
// same accounting as `headroom compute` (method 2, hardware time, where the run has it, as the
// AI-and-Compute chart does; else method 1).
[[nodiscard]] Table project_table();

// A row filter `COLUMN == 'value'`, `COLUMN != 'value'` or `COLUMN contains 'value'`.
struct Where {
  std::string column;
  std::string op;
  std::string value;
  [[nodiscard]] bool matches(const System& s) const;
};
// Throws InputError naming `text` when it is not one of the forms above.
[[nodiscard]] Where parse_where(const std::string& text);

// Sevilla et al. 2022, App. A: drops systems whose log-compute has Z < -2 against the systems
// published within 1.5 years (population standard deviation, the system itself included).
// Returns the names dropped.
std::vector<std::string> drop_low_outliers(Table& table);

// Least squares of y on x (Eigen's QR). Throws InputError when x has fewer than 2 distinct
// values.
struct Line {
  std::size_t n = 0;
  double slope = 0;
  double intercept = 0;
  double r2 = 0;
};
[[nodiscard]] Line fit_line(const std::vector<double>& x, const std::vector<double>& y);

// Months for compute to double at `slope_oom_per_year` orders of magnitude a year.
[[nodiscard]] double doubling_months(double slope_oom_per_year);

struct BootstrapSpec {
  std::size_t resamples = 1000;
  std::uint64_t seed = 1;
  // Each resampled compute is multiplied by a log-uniform factor in [1/f, f] (Sevilla et al.
  // use 2); 1 resamples the points alone.
  double noise_factor = 2;
};
[[nodiscard]] std::string describe(const BootstrapSpec& spec);

struct Interval {
  double low = 0;
  double median = 0;
  double high = 0;
};

// One fit over a subset of the table.
struct Fit {
  std::string era;    // built-in era name, or "range"
  std::string scope;  // which systems, in words
  std::string from;   // YYYY-MM-DD or "" (open)
  std::string to;
  Line line;  // log10(FLOP) on fractional year
  double first_year = 0;
  double last_year = 0;
  std::string first_date;  // of the systems fitted
  std::string last_date;
  Interval ci95_months;  // 2.5%, 50%, 97.5% quantiles of the bootstrap doubling times
  [[nodiscard]] double slope_oom_per_year() const { return line.slope; }
  [[nodiscard]] double doubling() const { return doubling_months(line.slope); }
  // Growth of the fitted trend from the first to the last system.
  [[nodiscard]] double growth_factor() const;
};

struct Subset {
  std::string era;
  std::string scope;
  std::string from;  // inclusive
  std::string to;    // exclusive
  enum class Scale { Any, Regular, Large } scale = Scale::Any;
};

// The Three Eras of Sevilla et al. 2022 (Sec 3): pre-deep-learning (before 2010), deep-learning
// (2010 on, regular-scale) and large-scale (September 2015 on, large-scale systems).
[[nodiscard]] std::vector<Subset> three_eras();

// The systems of `subset`; a fit with its bootstrap interval. Throws InputError when fewer than 3
// systems or all on one date.
[[nodiscard]] std::vector<const System*> select(const Table& table, const Subset& subset);
[[nodiscard]] Fit fit_subset(const Table& table, const Subset& subset, const BootstrapSpec& spec);

// --- AI and Efficiency (Hernandez & Brown 2020) -----------------------------------------------

// One CSV record: its first line in the file and its cells (RFC 4180). Lines starting with '#'
// are comments.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
};
[[nodiscard]] std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& file);

// One architecture at AlexNet-level accuracy: training FLOP = forward MACs per image (the zoo's)
// x 2 FLOP/MAC x 3 (forward + backward) x images per epoch x epochs to that accuracy.
struct EfficiencyRow {
  std::string network;     // zoo name
  std::string paper_name;  // as the paper spells it
  std::string date;
  double year = 0;
  double epochs = 0;
  double forward_macs = 0;  // per image
  double training_flop = 0;
  double reduction_vs_alexnet = 0;  // AlexNet's training FLOP / this one's
  bool frontier = false;            // the least compute so far, by date
};

struct Efficiency {
  std::string source;
  double images_per_epoch = 0;
  std::vector<EfficiencyRow> rows;
  Line frontier_fit;  // log10(reduction) on date, over the frontier rows
  std::vector<std::string> notes;
  // Months for the compute to reach AlexNet-level accuracy to halve, from the frontier's fit.
  [[nodiscard]] double halving_months() const { return doubling_months(frontier_fit.slope); }
};

// Reads `path` (columns zoo, paper_name, date, epochs;
// configs/trends/ai_and_efficiency_imagenet.csv by default) and counts each network with the zoo. A
// network the zoo does not have is left out with a note. Throws InputError naming file, line and
// column.
[[nodiscard]] Efficiency efficiency(const std::string& path, double images_per_epoch);

}  // namespace headroom::sim::trends
