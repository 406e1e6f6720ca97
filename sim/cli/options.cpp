#include "options.hpp"

#include <cstdio>

#include "gunflow/core/errors.hpp"

namespace gunflow::cli {
namespace {

/// A shared option: its bit and how it is added (name, help, default, check).
struct SharedOption {
  Opt id;
  void (*add)(CLI::App& cmd, const CommandSpec& spec, SharedArgs& args);
};

// The one table. A subcommand takes an option by setting its bit in CommandSpec::options;
// the check comes with the option, so no subcommand can take it without the check.
const SharedOption kSharedOptions[] = {
    {kReplications,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       cmd.add_option("-n,--replications", a.plan.replications, "Number of replications (of each scenario)")
           ->capture_default_str()
           ->check(CLI::Range(spec.min_replications, std::uint64_t{10000000}));
     }},
    {kSeed,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       cmd.add_option("--seed", a.plan.seed, "Random seed (64-bit)")->capture_default_str();
     }},
    {kThreads,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       cmd.add_option("--threads", a.exec.threads, "OpenMP threads (0 = all cores)")
           ->capture_default_str()
           ->check(CLI::Range(0, 4096));
     }},
    {kOut,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       a.exec.out_dir = spec.out_default;
       cmd.add_option("--out", a.exec.out_dir, "Output directory")->capture_default_str();
     }},
    {kForce,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       cmd.add_flag("--force", a.exec.force, "Write into a non-empty output directory");
     }},
    {kQuiet,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       cmd.add_flag("-q,--quiet", a.exec.quiet, "No progress bar");
     }},
    {kResume,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       cmd.add_flag("--resume", a.exec.resume, spec.resume_help);
     }},
    {kShard,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       cmd.add_option("--shard", a.shard,
                      std::string(spec.name) == "sweep"
                          ? "Run only the points of shard I of N (I/N, 0-based) into --out; combine: copy each shard's "
                            "checkpoint.bin to DIR/checkpoint.I.bin, then `sweep --resume --out DIR`"
                          : "Run only shard I of N (I/N, 0-based) into --out; combine with `merge`");
     }},
    {kSet,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       // Checked as the scenario loads, like a YAML key (scenario/yaml_source.cpp).
       cmd.add_option("--set", a.overrides,
                      "Override a scenario key, KEY=VALUE (dotted key, YAML value; repeatable; applied after extends)")
           ->allow_extra_args(false)  // one KEY=VALUE per --set: a following positional stays positional
           ->take_all();
     }},
};

}  // namespace

void add_shared_options(CLI::App& cmd, const CommandSpec& spec, SharedArgs& args) {
  for (const SharedOption& option : kSharedOptions)
    if ((spec.options & option.id) != 0) option.add(cmd, spec, args);
}

void finish_shared_options(SharedArgs& args) {
  if (args.shard.empty()) return;
  // "I/N" with 0 <= I < N.
  unsigned long long i = 0, n = 0;
  char slash = 0, extra = 0;
  const std::string& text = args.shard;
  if (std::sscanf(text.c_str(), "%llu%c%llu%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n == 0 || i >= n)
    throw InputError(InputProblem{"command line", 0, 0, "--shard",
                                  "is '" + text + "', but must be I/N with 0 <= I < N (e.g. 0/4 … 3/4)"});
  args.exec.shard_index = i;
  args.exec.shard_count = n;
}

std::string cannot_run_on(const CommandSpec& spec, const Cluster& cluster, const std::string& distributed) {
  if (spec.distributed || cluster.size() <= 1) return {};
  return std::string("gunflow-mpi: `") + spec.name + "` does not split its work over MPI ranks: each of the " +
         std::to_string(cluster.size()) +
         " ranks would do all of it, writing the same outputs. Run it with gunflow (or gunflow-mpi on one rank); "
         "under MPI only " + distributed + " run in parallel.";
}

}  // namespace gunflow::cli
