#pragma once
// The output directory of a job (run, compare, sweep) across MPI ranks: who prepares
// it, where each rank checkpoints, and what a resumed job already has.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "gunflow/engine/cluster.hpp"
#include "gunflow/engine/run_plan.hpp"
#include "gunflow/io/checkpoint.hpp"
#include "gunflow/io/result_store.hpp"
#include "gunflow/scenario/loader.hpp"

namespace gunflow {

/// Rank 0 prepares cfg.out_dir (unless resuming); every rank learns if it was refused
/// (IoError on all ranks, so none waits forever).
void prepare_job_dir(const ExecutionConfig& cfg, Cluster& cluster);

/// metrics.csv: the metric catalogue (what each metric counts), beside every output.
void write_metrics_catalogue(const std::filesystem::path& dir);

/// This process's checkpoint: checkpoint.bin, or checkpoint.<rank>.bin under MPI.
std::filesystem::path checkpoint_path(const std::filesystem::path& dir, const Cluster& cluster);
/// The checkpoint of rank `rank` of `size`.
std::filesystem::path checkpoint_path(const std::filesystem::path& dir, int rank, int size);

/// Every record in dir's checkpoint*.bin files, indexed on disk, each replication
/// once, checked against `expected` (IoError otherwise, and if there is no file).
/// Reading all files lets a job resume with another number of ranks, and rank 0 reduce
/// what every rank wrote. `own_valid_bytes` is the intact length of the file at `own`.
ResultStore stored_results(const std::filesystem::path& dir, const std::filesystem::path& own,
                           const CheckpointHeader& expected, std::uint64_t& own_valid_bytes);
/// What rank 0 reduces after a job's collective end: every result of this job. A resumed
/// job may own results in files of earlier layouts (stored_results); a fresh one reads
/// only the files its own ranks wrote (never leftovers in a --force'd directory).
ResultStore job_results(const std::filesystem::path& dir, const std::filesystem::path& own,
                        const CheckpointHeader& expected, bool resumed, const Cluster& cluster);
/// The same, loaded into memory (sweeps, whose results are small).
std::vector<ReplicationResult> resumed_results(const std::filesystem::path& dir, const std::filesystem::path& own,
                                               const CheckpointHeader& expected, std::uint64_t& own_valid_bytes);

/// The run's inputs, each by content: one line `role hash path` for every scenario file of
/// the extends chain (`scenario.0` the named file, then its bases) and every data table
/// (`data.us_states`, …), with the FNV-1a 64 hash of its bytes. Kept as inputs.txt in the
/// output directory, so a resume or a merge can refuse inputs that changed since.
std::string input_manifest(const LoadedScenario& scenario);
/// The manifest of several scenarios (a comparison's or an ensemble's): each one's lines
/// prefixed with its position (arm0.data.us_states, …).
std::string input_manifest(const std::vector<LoadedScenario>& scenarios);
/// A scenario's inputs by content alone (role and hash, no paths): part of the identity of
/// a job that checks one identity on --resume (calibrations), so that a changed data table
/// is refused there too.
std::string input_fingerprint(const LoadedScenario& scenario);

/// FNV-1a of `text` as 16 lowercase hex digits: how job identities and input manifests
/// name what they were made from.
std::string text_digest(const std::string& text);
/// A sweep's or an ensemble's inputs.txt, whose checkpoints may also have been gathered
/// from shards by copying (no inputs.txt then; their headers carry the inputs' fingerprint,
/// so a mix is refused there). Before the checkpoints are read: on --resume, a recorded
/// inputs.txt is checked against `inputs` (require_same_inputs, naming a changed file).
void check_recorded_inputs(const ExecutionConfig& cfg, const std::string& inputs, const std::string& what);
/// The subcommand whose outputs `dir` holds ("run", "compare", "sweep", "ensemble",
/// "calibrate"), from the files it leaves at any stage; "" when they do not say (a run
/// killed before its first outputs looks like a sweep killed as early).
std::string job_kind_of(const std::filesystem::path& dir);
/// Refuses to resume, with `gunflow COMMAND`, a directory another subcommand made (exit 2,
/// naming it) instead of letting the checkpoint's replication count disagree.
void check_resumed_kind(const ExecutionConfig& cfg, const std::string& command);
/// After they were read: rank 0 writes `inputs` as inputs.txt unless the directory has one.
void record_inputs(const ExecutionConfig& cfg, const Cluster& cluster, const std::string& inputs);
/// The manifest file of an output directory.
std::filesystem::path manifest_path(const std::filesystem::path& dir);
/// Throws InputError (exit 2) naming the first input of `recorded` whose role is missing
/// from `current` or whose content differs; `what` says whose inputs `recorded` are.
void require_same_inputs(const std::string& recorded, const std::string& current, const std::string& what);
/// The same check between two shards' recorded inputs: a file whose content differs is
/// named with both directories, `second` being the one run with other content.
void require_same_shard_inputs(const std::string& first_inputs, const std::string& first_dir,
                               const std::string& second_inputs, const std::string& second_dir);
/// `dir`'s recorded manifest; InputError if it has none (a directory of an older gunflow,
/// whose inputs cannot be checked).
std::string recorded_manifest(const std::filesystem::path& dir);
/// The scenario file a run's manifest names first (its "scenario.0" line: the file given,
/// before its extends chain); "" if it names none.
std::string recorded_scenario_file(const std::string& manifest);
/// A recorded manifest with its data tables' hashes taken now (the scenario files' lines
/// as recorded: a merge reads the tables again, not the scenario files).
std::string current_data_manifest(const std::string& recorded);

}  // namespace gunflow
