#include "gunflow/input/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/core/utf8.hpp"

namespace gunflow {
namespace {
/// Shortest text that reads back as `x` (1e9, not 1000000000.000000).
std::string shortest(double x) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}
}  // namespace

void strip_byte_order_mark(std::string& first_line) {
  if (first_line.rfind("\xEF\xBB\xBF", 0) == 0) first_line.erase(0, 3);
}

bool split_csv_fields(const std::string& line, std::vector<std::string>& fields) {
  fields.clear();
  const auto trimmed = [](std::string f) {
    while (!f.empty() && (f.back() == ' ' || f.back() == '\r')) f.pop_back();
    f.erase(0, std::min(f.find_first_not_of(' '), f.size()));
    return f;
  };
  std::string field;
  bool quoted = false;  // inside a quoted field
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"')
        field += c;
      else if (i + 1 < line.size() && line[i + 1] == '"')
        field += line[++i];  // "" inside quotes: one quote
      else
        quoted = false;
    } else if (c == '"' && trimmed(field).empty()) {
      quoted = true;
      field.clear();  // spaces before the opening quote are not part of the field
    } else if (c == ',') {
      fields.push_back(trimmed(std::move(field)));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(trimmed(std::move(field)));
  return !quoted;
}

CsvTable CsvTable::read(const std::string& path, const std::vector<std::string>& required_columns) {
  std::ifstream in(path);
  if (!in) throw InputError(InputProblem{path, 0, 0, "", "cannot open reference table"});
  CsvTable t;
  t.file_ = path;
  std::string line;
  int line_no = 0, header_line = 0;
  std::vector<InputProblem> problems;
  while (std::getline(in, line)) {
    ++line_no;
    // Spreadsheets save UTF-8 with a byte-order mark; it is not part of the first name.
    if (line_no == 1) strip_byte_order_mark(line);
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    // Codes and ids become output keys and message text, which must be UTF-8 (JSON).
    if (const auto bad = first_invalid_utf8_position(line)) {
      problems.push_back({path, line_no, bad->second, "", "is not valid UTF-8 (a reference table must be UTF-8 text)"});
      continue;
    }
    std::vector<std::string> fields;
    if (!split_csv_fields(line, fields)) {
      problems.push_back({path, line_no, 0, "", kUnclosedCsvQuote});
      continue;
    }
    if (t.header_.empty()) {
      header_line = line_no;
      t.header_ = std::move(fields);
      // A column named twice would be read from its first place only, silently.
      for (std::size_t c = 0; c < t.header_.size(); ++c)
        if (std::find(t.header_.begin(), t.header_.begin() + static_cast<std::ptrdiff_t>(c), t.header_[c]) !=
            t.header_.begin() + static_cast<std::ptrdiff_t>(c))
          problems.push_back({path, line_no, static_cast<int>(c) + 1, t.header_[c], "is a column name given twice"});
      for (const std::string& c : required_columns)
        if (std::find(t.header_.begin(), t.header_.end(), c) == t.header_.end())
          problems.push_back({path, line_no, 1, c, "column is missing from the header"});
      continue;
    }
    if (fields.size() != t.header_.size()) {
      problems.push_back(
          {path, line_no, 1, "",
           "has " + std::to_string(fields.size()) + " fields, header has " + std::to_string(t.header_.size())});
      continue;
    }
    t.rows_.push_back(std::move(fields));
    t.lines_.push_back(line_no);
  }
  if (t.header_.empty())
    problems.push_back({path, 0, 0, "", "has no header row"});
  else if (t.rows_.empty() && problems.empty())
    problems.push_back({path, header_line, 1, "", "has a header but no data rows"});
  if (!problems.empty()) throw InputError(problems);
  return t;
}

std::size_t CsvTable::column_index(const std::string& column) const {
  const auto it = std::find(header_.begin(), header_.end(), column);
  if (it == header_.end()) throw InputError(InputProblem{file_, 0, 0, column, "column is missing from the header"});
  return static_cast<std::size_t>(it - header_.begin());
}

const std::string& CsvTable::text(std::size_t row, const std::string& column) const {
  return rows_.at(row)[column_index(column)];
}

double CsvTable::real(std::size_t row, const std::string& column, double lo, double hi) const {
  const std::size_t c = column_index(column);
  const std::string& s = rows_.at(row)[c];
  double x = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  const int col = static_cast<int>(c) + 1;
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(x))
    throw InputError(InputProblem{file_, lines_[row], col, column, "must be a number, but is '" + s + "'"});
  if (x < lo || x > hi)
    throw InputError(InputProblem{file_, lines_[row], col, column,
                                  "is " + s + ", but must be in [" + shortest(lo) + ", " + shortest(hi) + "]"});
  return x;
}

}  // namespace gunflow
