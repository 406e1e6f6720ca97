#pragma once
#include <string>

namespace gunflow {

/// docs/scenarios.md, generated from the schema (`gunflow schema > docs/scenarios.md`);
/// a test fails if the committed file differs, so the reference cannot drift.
std::string scenario_reference_markdown();

}  // namespace gunflow
