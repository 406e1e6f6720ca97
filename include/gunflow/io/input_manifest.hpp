#pragma once
// inputs.txt, an output directory's record of its input files: one line per file,
// "ROLE HASH PATH" (role scenario.0, data.crossings, ...; arm0. etc. in front for a
// comparison's or an ensemble's scenarios), written by the jobs (engine/job_dir.hpp) and
// read by them on --resume and merge, and by the report to match an ensemble to a comparison.
#include <string>
#include <utility>
#include <vector>

namespace gunflow {

struct ManifestLine {
  std::string hash, path;
};

/// role → (hash, path), in the order written; lines without three fields are skipped. The
/// path is the rest of the line (it may hold spaces).
std::vector<std::pair<std::string, ManifestLine>> parse_manifest(const std::string& text);

}  // namespace gunflow
