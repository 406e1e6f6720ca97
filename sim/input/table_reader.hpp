#pragma once
// Reads a table's fields and gathers its problems (internal to input: the required tables
// in reference_tables.cpp, the tables by year in dated_tables.cpp).
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "gunflow/core/errors.hpp"
#include "gunflow/input/csv_table.hpp"

namespace gunflow::input_detail {

/// Reads one table's fields and collects every problem instead of stopping at the first
/// (a bad number reads as its lower bound meanwhile); finish() then refuses the table with
/// all of them, so a user fixes a table in one pass, as with scenarios.
class TableReader {
 public:
  explicit TableReader(const CsvTable& t) : t_(t) {}
  [[nodiscard]] const std::string& text(std::size_t r, const std::string& col) const { return t_.text(r, col); }
  double real(std::size_t r, const std::string& col, double lo, double hi) {
    try {
      return t_.real(r, col, lo, hi);
    } catch (const InputError& e) {
      problems_.insert(problems_.end(), e.problems().begin(), e.problems().end());
      return lo;
    }
  }
  bool flag(std::size_t r, const std::string& col) { return real(r, col, 0, 1) > 0.5; }
  void fail(std::size_t r, const std::string& col, const std::string& message) {
    problems_.push_back(InputProblem{t_.file(), t_.line(r), t_.column(col), col, message});
  }
  /// Codes and ids are looked up by value and name output series, so each must be
  /// written and unique within its table.
  void require_unique_codes(const std::string& col) {
    std::map<std::string, int> first_line;
    for (std::size_t r = 0; r < t_.rows(); ++r) {
      const std::string& code = t_.text(r, col);
      if (code.empty()) {
        fail(r, col, "is empty");
        continue;
      }
      const auto [it, inserted] = first_line.try_emplace(code, t_.line(r));
      if (!inserted) fail(r, col, "is '" + code + "', which line " + std::to_string(it->second) + " already uses");
    }
  }
  /// Rows a reader takes: at most `cap`, and one over it is refused (said once, at the
  /// first row over the cap), so later rows are never read into quadratic work.
  std::size_t capped_rows(std::size_t cap, const std::string& col, const std::string& what) {
    if (t_.rows() <= cap) return t_.rows();
    fail(cap, col,
         "is on row " + std::to_string(cap + 1) + " of the " + what + "; at most " + std::to_string(cap) + " in all");
    return cap;
  }
  void finish() const {
    if (!problems_.empty()) throw InputError(problems_);
  }

 private:
  const CsvTable& t_;
  std::vector<InputProblem> problems_;
};

}  // namespace gunflow::input_detail
