#pragma once
// "Did you mean": the known name closest to a misspelt one (scenario keys, commands).
#include <cstddef>
#include <string>
#include <vector>

namespace gunflow {

/// Levenshtein distance (insertions, deletions, substitutions) between two byte strings.
std::size_t edit_distance(const std::string& a, const std::string& b);
/// The name of `known` closest to `unknown`, if it is within max(2, |unknown| / 3) edits
/// (the first of equally close ones); empty otherwise.
std::string closest_name(const std::string& unknown, const std::vector<std::string>& known);

}  // namespace gunflow
