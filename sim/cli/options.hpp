#pragma once
// The options several subcommands share (-n, --seed, --threads, --out, --force, --quiet,
// --resume, --shard, --set), declared once in a table (options.cpp) with their checks, so that
// every subcommand that takes an option gets the same name, help and validation.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/run_plan.hpp"

namespace gunflow::cli {

/// One bit per shared option.
enum Opt : unsigned {
  kReplications = 1u << 0,  ///< -n,--replications
  kSeed = 1u << 1,          ///< --seed
  kThreads = 1u << 2,       ///< --threads (0 = all cores)
  kOut = 1u << 3,           ///< --out
  kForce = 1u << 4,         ///< --force
  kQuiet = 1u << 5,         ///< -q,--quiet
  kResume = 1u << 6,        ///< --resume
  kShard = 1u << 7,         ///< --shard I/N
  kSet = 1u << 8,           ///< --set key=value (repeatable): scenario overrides
};

/// How a subcommand is offered: its name and help, which shared options it takes and
/// their per-command defaults, and whether it splits its work over MPI ranks.
struct CommandSpec {
  const char* name;
  const char* help;
  unsigned options = 0;                ///< Opt bits
  const char* out_default = "";        ///< --out default
  std::uint64_t min_replications = 1;  ///< lower bound of -n
  const char* resume_help = "";        ///< what --resume keeps
  bool distributed = false;            ///< runs in parallel under gunflow-mpi (Cluster ranks)
};

/// The values of the shared options for one subcommand.
struct SharedArgs {
  RunPlan plan;
  ExecutionConfig exec;
  std::string shard;                   ///< "I/N" as given; parsed into exec by finish_shared_options
  std::vector<std::string> overrides;  ///< --set key=value, in order (applied to every scenario read)
};

/// Adds to `cmd` every shared option that `spec` takes, bound to `args`, with its check.
void add_shared_options(CLI::App& cmd, const CommandSpec& spec, SharedArgs& args);

/// Checks that need more than one option's value or a typed InputError (--shard), after
/// parsing. Throws InputError.
void finish_shared_options(SharedArgs& args);

/// Empty if `spec` can run on `cluster`; otherwise why not. gunflow-mpi with more than
/// one rank runs only the subcommands that split their work over ranks (`distributed`,
/// named in the message): any other would run whole on every rank into the same place.
std::string cannot_run_on(const CommandSpec& spec, const Cluster& cluster, const std::string& distributed);

/// CLI11 answers a misspelt command with "A subcommand is required". Whether `word` (the
/// first argument) is one of `commands` or an option; if not, says so on stderr with the
/// closest command.
bool is_command(const std::string& word, const std::vector<std::string>& commands);
/// CLI11 answers a misspelt option with "The following arguments were not expected: 2
/// --thread". Names the first unknown `--option` of the subcommand given, with the closest
/// one it takes, on stderr; false if there is none to name.
bool explained_unknown_option(std::span<CLI::App* const> subcommands);

}  // namespace gunflow::cli
