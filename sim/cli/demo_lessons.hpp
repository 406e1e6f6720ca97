#pragma once
// What the teaching demo says about each policy and metric: a paragraph from the
// model's briefs (docs/ODD.md §7.17, the design brief's policy table), a "what to notice"
// line for the lecturer, the parameters the page offers with the defaults of
// scenarios/policies/<policy>.yaml, and readable names of the headline metrics.
#include <filesystem>
#include <string>
#include <vector>

#include "serve_request.hpp"

namespace gunflow::cli {

struct PolicyLesson {
  const char* name;
  const char* title;
  const char* description;  ///< one paragraph: what the policy is and the mechanism it acts on
  const char* notice;       ///< what a class should look for in the results
};
/// Every policy of the registry, in registry order (a test checks the two agree).
const std::vector<PolicyLesson>& policy_lessons();

/// A policy's defaults as the demo offers them: the keys of its block in the file under
/// scenarios/policies/ (other than enabled, start and end), and that file's start date.
struct PolicyDefaults {
  std::string name;
  std::string file;   ///< relative to the scenarios directory; "" when no file has the block
  std::string start;  ///< the file's start date, or 2011-01-01
  std::vector<std::pair<std::string, ParamValue>> params;
};
/// Reads every YAML file under `policies_dir` (symlinks skipped) for policy blocks; a
/// policy of `registry` in no file gets no parameters and the schema's defaults.
std::vector<PolicyDefaults> read_policy_defaults(const std::filesystem::path& policies_dir,
                                                 const std::vector<std::string>& registry);

/// A readable name of a headline metric ("Guns seized at the border"), or the code.
std::string metric_title(const std::string& metric);
/// The metrics the demo's table and timeline show, in order.
const std::vector<std::string>& demo_metrics();

}  // namespace gunflow::cli
