list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/engine/test_shared_prefix.cpp
     tests/unit/engine/test_progress.cpp
     tests/unit/engine/test_replication_runner.cpp
     tests/unit/engine/test_calibrate_job.cpp
     tests/unit/engine/test_posterior_job.cpp
     tests/unit/engine/test_ensemble_job.cpp
     tests/unit/engine/test_cluster.cpp
     tests/unit/engine/test_compare_job.cpp
     tests/unit/engine/test_interrupt.cpp
     tests/unit/engine/test_job_dir.cpp
     tests/unit/engine/test_run_job.cpp
     tests/unit/engine/test_run_plan.cpp
     tests/unit/engine/test_sweep_job.cpp
     tests/unit/engine/test_report_job.cpp)
