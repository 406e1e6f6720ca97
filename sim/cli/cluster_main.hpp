#pragma once
// The command-line front end on a given Cluster: gunflow's main uses the single process
// (commands.hpp), gunflow-mpi's main (sim/main_mpi.cpp) an MPI cluster.
#include "gunflow/engine/cluster.hpp"

namespace gunflow::cli {
int main_entry(int argc, char** argv, Cluster& cluster);
}
