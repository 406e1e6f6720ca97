#pragma once
// The optional reference tables by year a scenario may name (internal to input).
#include "gunflow/input/reference_tables.hpp"

namespace gunflow::input_detail {

/// Reads the tables by year that `paths` names into `t` (whose required tables are read):
/// national and state homicides, conflict homicides, US sales by state, dated state laws.
/// Throws InputError with located problems.
void read_dated_tables(ReferenceTables& t, const ReferenceTablePaths& paths);

}  // namespace gunflow::input_detail
