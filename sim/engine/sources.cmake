list(APPEND GUNFLOW_SOURCES
  sim/engine/replication_runner.cpp
  sim/engine/interrupt.cpp
  sim/engine/progress.cpp
  sim/engine/run_job.cpp
  sim/engine/compare_job.cpp
  sim/engine/shared_prefix.cpp
  sim/engine/cluster.cpp
  sim/engine/job_dir.cpp
  sim/engine/sweep_job.cpp
  sim/engine/calibrate_job.cpp
  sim/engine/posterior_job.cpp
  sim/engine/posterior_tables.cpp
  sim/engine/ensemble_job.cpp
  sim/engine/report_job.cpp)
# sim/engine/mpi_cluster.cpp is not here: it builds the gunflow_mpi library (root CMakeLists.txt).
