// SPDX-License-Identifier: MIT
#include "sweep/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "headroom/models/error.hpp"
#include "sweep/columns.hpp"
#include "sweep/hash.hpp"

namespace headroom::sim::sweep {

namespace {

constexpr const char* kFormat = "headroom-sweep-1";

std::vector<std::string> axis_names(const SweepSpec& spec) {
  std::vector<std::string> out;
  for (const auto& a : spec.axes) out.push_back(a.key);
  return out;
}

// An axis value as written, stored as a number when it is one, so `--where` compares numbers.
void bind_axis_value(Statement& st, int index, const std::string& text) {
  char* end = nullptr;
  const long long i = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0') return st.bind(index, static_cast<std::int64_t>(i));
  const double d = std::strtod(text.c_str(), &end);
  if (!text.empty() && *end == '\0') return st.bind(index, d);
  st.bind(index, text);
}

void bind_value(Statement& st, int index, const FieldValue& v) {
  if (const auto* i = std::get_if<std::uint64_t>(&v))
    return st.bind(index, static_cast<std::int64_t>(*i));
  if (const auto* d = std::get_if<double>(&v)) return st.bind(index, *d);
  if (const auto* s = std::get_if<std::string>(&v)) return st.bind(index, *s);
  if (const auto* b = std::get_if<bool>(&v)) return st.bind(index, static_cast<std::int64_t>(*b));
  st.bind_null(index);
}

// A sweep killed between creating a new file and committing its tables (one transaction) leaves
// a database with no tables: that one is set up again rather than refused as "another file".
bool has_tables(Database& db) {
  try {
    Statement st(db, "SELECT count(*) FROM sqlite_master");
    return !st.step() || st.integer(0) > 0;
  } catch (const std::runtime_error&) {
    return true;  // not SQLite: check_identity() names it
  }
}

}  // namespace

TaskKey task_key(const std::string& point_key, const std::string& workload) {
  const std::string h = hash128(point_key + "\n" + workload);
  return {std::strtoull(h.substr(0, 16).c_str(), nullptr, 16),
          std::strtoull(h.substr(16).c_str(), nullptr, 16)};
}

std::vector<std::string> point_columns(const SweepSpec& spec) {
  std::vector<std::string> cols{"config_hash", "workload", "point_key"};
  for (const auto& a : spec.axes) cols.push_back(axis_column(a.key));
  for (const char* c : {"target_kind", "target"}) cols.emplace_back(c);
  for (const auto& f : field_names()) cols.push_back(f);
  for (const char* c : {"feasible", "reason", "error", "headroom_version"}) cols.emplace_back(c);
  return cols;
}

Store::Store(const std::string& path, const SweepSpec& spec) : spec_(spec) {
  const bool exists = std::filesystem::exists(path);
  db_ = std::make_unique<Database>(path, true);
  columns_ = point_columns(spec);
  if (exists && has_tables(*db_)) {
    check_identity();
  } else {
    try {
      create();
    } catch (const std::runtime_error& e) {
      // A database that could not be set up is not left behind half-made.
      db_.reset();
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
      if (dynamic_cast<const InputError*>(&e)) throw;
      throw InputError(
          input_error_message(path, 0, "--db", "a database file that can be written", e.what()));
    }
  }
  db_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  save_meta();
  std::string sql = "INSERT INTO points (";
  std::string marks;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    sql += (i ? ", " : "") + quote_identifier(columns_[i]);
    marks += i ? ", ?" : "?";
  }
  sql += ") VALUES (" + marks + ") ON CONFLICT DO NOTHING";
  insert_point_ = std::make_unique<Statement>(*db_, sql);
  insert_task_ = std::make_unique<Statement>(
      *db_, "INSERT OR IGNORE INTO tasks (task_key_hi, task_key_lo) VALUES (?, ?)");
}

Store::~Store() = default;

void Store::create() {
  std::string sql = "CREATE TABLE points (";
  const auto& fields = run_fields();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::string& c = columns_[i];
    std::string type;
    if (c == "feasible")
      type = "INTEGER";
    else if (c == "config_hash" || c == "workload" || c == "point_key" || c == "target_kind" ||
             c == "target" || c == "reason" || c == "error" || c == "headroom_version")
      type = "TEXT";
    for (const auto& f : fields)
      if (f.name == c && i >= 5 + spec_.axes.size()) type = sql_type(f.type);
    // Axis columns have no declared type: numbers stay numbers, words stay words.
    sql += (i ? ", " : "") + quote_identifier(c) + (type.empty() ? "" : " " + type);
  }
  sql += ", PRIMARY KEY (config_hash, workload))";
  Transaction t(*db_);
  db_->exec(sql);
  db_->exec(
      "CREATE TABLE tasks (task_key_hi INTEGER, task_key_lo INTEGER, PRIMARY KEY (task_key_hi, "
      "task_key_lo)) WITHOUT ROWID");
  db_->exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)");
  db_->exec("INSERT INTO meta VALUES ('format', '" + std::string(kFormat) + "'), ('axes', " +
            sql_literal(nlohmann::json(axis_names(spec_)).dump()) + ")");
  t.commit();
}

void Store::check_identity() {
  const std::string& file = db_->path();
  std::string format;
  std::string axes;
  try {
    Statement st(*db_, "SELECT key, value FROM meta WHERE key IN ('format', 'axes')");
    while (st.step()) (st.text(0) == "format" ? format : axes) = st.text(1);
  } catch (const std::runtime_error&) {
  }
  if (format != kFormat)
    throw InputError(input_error_message(file, 0, "--db",
                                         "a Headroom sweep database (or a new file)",
                                         "another file; choose a new --db path"));
  const std::string ours = nlohmann::json(axis_names(spec_)).dump();
  if (axes != ours)
    throw InputError(input_error_message(
        file, 0, "--db", "a database of this spec's sweep, over axes " + ours,
        "one written by a sweep over axes " + axes +
            "; use another --db (a changed spec may add values, workloads or points, not axes)"));
  std::vector<std::string> existing;
  Statement st(*db_, "SELECT name FROM pragma_table_info('points')");
  while (st.step()) existing.push_back(st.text(0));
  if (existing != columns_)
    throw InputError(input_error_message(
        file, 0, "--db",
        "the result columns of this Headroom (" + std::to_string(columns_.size()) + ")",
        "a database written with other columns (" + std::to_string(existing.size()) +
            ", another Headroom version); use another --db"));
}

void Store::save_meta() {
  nlohmann::json constraints = nlohmann::json::array();
  for (const auto& c : spec_.constraints) constraints.push_back(c.text);
  nlohmann::json objectives = nlohmann::json::array();
  for (const auto& o : spec_.objectives) objectives.push_back((o.maximise ? "-" : "") + o.field);
  nlohmann::json weights = nlohmann::json::object();
  for (const auto& w : spec_.workloads) weights[w.label] = w.weight;
  std::string old_constraints;
  {
    Statement st(*db_, "SELECT value FROM meta WHERE key = 'constraints'");
    if (st.step()) old_constraints = st.text(0);
  }
  Transaction t(*db_);
  Statement put(*db_, "INSERT OR REPLACE INTO meta VALUES (?, ?)");
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"spec", spec_.file},
                                   {"base", spec_.base_path},
                                   {"constraints", constraints.dump()},
                                   {"objectives", objectives.dump()},
                                   {"weights", weights.dump()}}) {
    put.bind(1, key);
    put.bind(2, value);
    put.step();
    put.reset();
  }
  // Feasibility follows the spec's constraints of the latest run: re-judge the stored points.
  if (old_constraints != constraints.dump()) {
    db_->exec("UPDATE points SET feasible = NULL, reason = NULL WHERE error IS NULL");
    apply_constraints("feasible IS NULL");
  }
  t.commit();
}

void Store::apply_constraints(const std::string& where) {
  std::string all = "1";
  std::string reason = "CASE";
  for (const auto& c : spec_.constraints) {
    all += " AND " + to_sql(c);
    reason +=
        " WHEN NOT " + to_sql(c) + " THEN " +
        sql_literal("constraint '" + c.text + "' not met (or " + c.column + " not available)");
  }
  reason += spec_.constraints.empty() ? " WHEN 0 THEN NULL END" : " END";
  db_->exec("UPDATE points SET feasible = CASE WHEN " + all +
            " THEN 1 ELSE 0 END, reason = " + reason + " WHERE " + where);
}

std::vector<TaskKey> Store::done_tasks() {
  std::vector<TaskKey> keys;
  Statement st(*db_, "SELECT task_key_hi, task_key_lo FROM tasks");
  while (st.step())
    keys.push_back(
        {static_cast<std::uint64_t>(st.integer(0)), static_cast<std::uint64_t>(st.integer(1))});
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::uint64_t Store::rows() {
  Statement st(*db_, "SELECT count(*) FROM points");
  st.step();
  return static_cast<std::uint64_t>(st.integer(0));
}

std::uint64_t Store::write(const std::vector<TaskResult>& results, const Space& space) {
  Transaction t(*db_);
  std::int64_t before = 0;
  {
    Statement st(*db_, "SELECT coalesce(max(rowid), 0) FROM points");
    st.step();
    before = st.integer(0);
  }
  const std::size_t axes = spec_.axes.size();
  for (const auto& r : results) {
    const std::string point_key = space.point_key(r.task.point);
    const std::string& workload = spec_.workloads[r.task.workload].label;
    const DeviceTarget* device = space.device(r.task.point);
    Statement& st = *insert_point_;
    int i = 1;
    // A task whose worker died has no resolved config; it is keyed by what was asked for.
    st.bind(i++, r.config_hash.empty() ? hash128("unevaluated\n" + point_key) : r.config_hash);
    st.bind(i++, workload);
    st.bind(i++, point_key);
    if (device) {
      for (std::size_t a = 0; a < axes; ++a) st.bind_null(i++);  // accelerator axes do not apply
    } else {
      const auto indices = space.value_indices(r.task.point);
      for (std::size_t a = 0; a < axes; ++a)
        bind_axis_value(st, i++, spec_.axes[a].texts[indices[a]]);
    }
    st.bind(i++, std::string(device ? "device" : "accelerator"));
    st.bind(i++, device ? device->text : spec_.base_text);
    for (std::size_t f = 0; f < field_names().size(); ++f) {
      if (f < r.values.size())
        bind_value(st, i++, r.values[f]);
      else
        st.bind_null(i++);
    }
    if (r.error.empty()) {
      st.bind_null(i++);
      st.bind_null(i++);
      st.bind_null(i++);
    } else {
      st.bind(i++, std::int64_t{0});
      st.bind(i++, r.error);
      st.bind(i++, r.error);
    }
    st.bind(i++, std::string(HEADROOM_VERSION));
    st.step();
    st.reset();
    const TaskKey key = task_key(point_key, workload);
    insert_task_->bind(1, static_cast<std::int64_t>(key[0]));
    insert_task_->bind(2, static_cast<std::int64_t>(key[1]));
    insert_task_->step();
    insert_task_->reset();
  }
  apply_constraints("rowid > " + std::to_string(before) + " AND feasible IS NULL");
  Statement count(*db_, "SELECT count(*) FROM points WHERE rowid > " + std::to_string(before) +
                            " AND feasible = 0");
  count.step();
  const auto infeasible = static_cast<std::uint64_t>(count.integer(0));
  t.commit();
  return infeasible;
}

}  // namespace headroom::sim::sweep
