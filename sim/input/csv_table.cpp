#include "gunflow/input/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include "gunflow/core/errors.hpp"
#include "gunflow/core/utf8.hpp"

namespace gunflow {
namespace {
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    std::string f = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\r')) f.pop_back();
    while (!f.empty() && f.front() == ' ') f.erase(f.begin());
    out.push_back(std::move(f));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}
/// Shortest text that reads back as `x` (1e9, not 1000000000.000000).
std::string shortest(double x) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}
}  // namespace

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
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    // Codes and ids become output keys and message text, which must be UTF-8 (JSON).
    if (const auto bad = first_invalid_utf8_position(line)) {
      problems.push_back({path, line_no, bad->second, "", "is not valid UTF-8 (a reference table must be UTF-8 text)"});
      continue;
    }
    std::vector<std::string> fields = split_fields(line);
    if (t.header_.empty()) {
      header_line = line_no;
      t.header_ = std::move(fields);
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
