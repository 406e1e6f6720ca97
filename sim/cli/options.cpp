#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string_view>

#include "gunflow/core/closest_name.hpp"
#include "gunflow/core/errors.hpp"

namespace gunflow::cli {
namespace {

/// The unsigned 64-bit number `text` spells in decimal digits, or nothing (a sign, space,
/// empty text or a value over 2^64 - 1).
std::optional<std::uint64_t> parse_u64(std::string_view text) {
  std::uint64_t v = 0;
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

/// A shared option: its bit and how it is added (name, help, default, check).
struct SharedOption {
  Opt id;
  void (*add)(CLI::App& cmd, const CommandSpec& spec, SharedArgs& args);
};

/// Digits only, checked before a range: CLI11's range check calls text that is not a
/// number "not in range".
CLI::Validator whole_number() {
  return CLI::Validator(
      [](std::string& text) {
        const bool digits =
            !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        return digits ? std::string() : "is '" + text + "', but must be a whole number";
      },
      "INT");
}

// The one table. A subcommand takes an option by setting its bit in CommandSpec::options;
// the check comes with the option, so no subcommand can take it without the check.
const SharedOption kSharedOptions[] = {
    {kReplications,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       cmd.add_option("-n,--replications", a.plan.replications, "Number of replications (of each scenario)")
           ->capture_default_str()
           ->check(whole_number())
           ->check(CLI::Range(spec.min_replications, std::uint64_t{10000000}));
     }},
    {kSeed,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       cmd.add_option("--seed", a.plan.seed, "Random seed (64-bit)")
           ->capture_default_str()
           ->check(CLI::Validator(
               [](std::string& text) {
                 // Digits only, within 64 bits: CLI11 would take -1 as 2^64-1 and wrap 2^64.
                 return parse_u64(text) ? std::string()
                                        : "is '" + text + "', but must be a whole number in [0, 18446744073709551615]";
               },
               "UINT64"));
     }},
    {kThreads,
     [](CLI::App& cmd, const CommandSpec&, SharedArgs& a) {
       cmd.add_option("--threads", a.exec.threads, "OpenMP threads (0 = all cores)")
           ->capture_default_str()
           ->check(whole_number())
           ->check(CLI::Range(0, 4096));
     }},
    {kOut,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       a.exec.out_dir = spec.out_default;
       cmd.add_option("--out", a.exec.out_dir, "Output directory")
           ->capture_default_str()
           ->check(CLI::Validator(
               [](std::string& text) { return text.empty() ? std::string("must name a directory, not be empty") : ""; },
               "DIR"));
     }},
    {kForce, [](CLI::App& cmd, const CommandSpec&,
                SharedArgs& a) { cmd.add_flag("--force", a.exec.force, "Write into a non-empty output directory"); }},
    {kQuiet, [](CLI::App& cmd, const CommandSpec&,
                SharedArgs& a) { cmd.add_flag("-q,--quiet", a.exec.quiet, "No progress bar"); }},
    {kResume, [](CLI::App& cmd, const CommandSpec& spec,
                 SharedArgs& a) { cmd.add_flag("--resume", a.exec.resume, spec.resume_help); }},
    {kShard,
     [](CLI::App& cmd, const CommandSpec& spec, SharedArgs& a) {
       cmd.add_option("--shard", a.shard,
                      std::string(spec.name) == "run"
                          ? "Run only shard I of N (I/N, 0-based) into --out; combine with `merge`"
                          : "Run only shard I of N (I/N, 0-based) into --out; combine: copy each shard's "
                            "checkpoint.bin to DIR/checkpoint.I.bin, then the same command with --resume --out DIR");
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
  const std::string& text = args.shard;
  const std::size_t slash = text.find('/');
  const auto i_part = slash == std::string::npos ? std::nullopt : parse_u64(std::string_view(text).substr(0, slash));
  const auto n_part = slash == std::string::npos ? std::nullopt : parse_u64(std::string_view(text).substr(slash + 1));
  const std::uint64_t i = i_part.value_or(0), n = n_part.value_or(0);
  if (!i_part || !n_part || n == 0 || i >= n)
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
         "under MPI only " +
         distributed + " run in parallel.";
}

bool is_command(const std::string& word, const std::vector<std::string>& commands) {
  if (word.empty() || word[0] == '-' || std::find(commands.begin(), commands.end(), word) != commands.end())
    return true;
  const std::string hint = closest_name(word, commands);
  std::cerr << "gunflow: '" << word << "' is not a command" << (hint.empty() ? "" : "; did you mean '" + hint + "'?")
            << "\nRun with --help for the commands.\n";
  return false;
}

bool explained_unknown_option(std::span<CLI::App* const> subcommands) {
  const auto given = std::find_if(subcommands.begin(), subcommands.end(), [](const CLI::App* s) { return bool(*s); });
  if (given == subcommands.end()) return false;
  const CLI::App& subcommand = **given;
  std::vector<std::string> known;
  for (const CLI::Option* o : subcommand.get_options())
    for (const std::string& l : o->get_lnames()) known.push_back("--" + l);
  for (const std::string& extra : subcommand.remaining()) {
    if (extra.rfind("--", 0) != 0 || std::find(known.begin(), known.end(), extra) != known.end()) continue;
    const std::string hint = closest_name(extra, known);
    std::cerr << "gunflow " << subcommand.get_name() << ": '" << extra << "' is not an option"
              << (hint.empty() ? "" : "; did you mean '" + hint + "'?") << "\nRun with --help for the options.\n";
    return true;
  }
  return false;
}

}  // namespace gunflow::cli
