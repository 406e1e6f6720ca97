#pragma once
// Reference tables (scenarios/data/*.csv): '#' comment lines (title, sources, notes),
// one header row, then data. Every value read is checked and a bad one is reported
// as file:line, column name.
#include <string>
#include <vector>

namespace gunflow {

/// The fields of one CSV line, as spreadsheets save them (RFC 4180, one record per line):
/// separated by commas and trimmed of spaces and a trailing CR; a field in double quotes may
/// hold commas, with "" for a quote inside it. False when a quote opens and is not closed.
bool split_csv_fields(const std::string& line, std::vector<std::string>& fields);
/// What a line whose quote is not closed is told (split_csv_fields returned false).
inline constexpr const char* kUnclosedCsvQuote = "has a quote (\") that is not closed on its line";
/// Removes the UTF-8 byte-order mark spreadsheets put before a file's first line.
void strip_byte_order_mark(std::string& first_line);

class CsvTable {
 public:
  /// Throws InputError if the file is missing, a required column is absent, or a row
  /// has the wrong number of fields.
  static CsvTable read(const std::string& path, const std::vector<std::string>& required_columns);

  [[nodiscard]] std::size_t rows() const { return rows_.size(); }
  [[nodiscard]] const std::string& text(std::size_t row, const std::string& column) const;
  /// Throws InputError naming file:line and column if not a number in [lo, hi].
  [[nodiscard]] double real(std::size_t row, const std::string& column, double lo, double hi) const;
  [[nodiscard]] const std::string& file() const { return file_; }
  /// 1-based line of a data row in the file, for error messages.
  [[nodiscard]] int line(std::size_t row) const { return lines_.at(row); }
  /// 1-based column number of a named column.
  [[nodiscard]] int column(const std::string& name) const { return static_cast<int>(column_index(name)) + 1; }

 private:
  [[nodiscard]] std::size_t column_index(const std::string& column) const;
  std::string file_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
};

}  // namespace gunflow
