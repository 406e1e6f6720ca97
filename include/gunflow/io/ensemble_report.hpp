#pragma once
// The HTML report's sections for a `gunflow ensemble` directory: each policy's effect
// distribution across parameter sets, the robust ranking, and the PRIM boxes (read from
// the CSV files the ensemble wrote; nothing is recomputed).
#include <string>

namespace gunflow {

/// Whether `dir` holds the outputs of a finished ensemble.
bool is_ensemble_dir(const std::string& dir);
/// The report sections (HTML) for an ensemble directory.
std::string ensemble_sections(const std::string& dir);

}  // namespace gunflow
