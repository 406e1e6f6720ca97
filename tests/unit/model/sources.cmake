list(APPEND GUNFLOW_TEST_SOURCES
     tests/unit/model/test_arsenal.cpp
     tests/unit/model/test_gun_fates.cpp
     tests/unit/model/test_border.cpp
     tests/unit/model/test_dealer_choice.cpp
     tests/unit/model/test_enforcement.cpp
     tests/unit/model/test_metrics.cpp
     tests/unit/model/test_mexico.cpp
     tests/unit/model/test_network.cpp
     tests/unit/model/test_simulation.cpp
     tests/unit/model/test_networks.cpp
     tests/unit/model/test_world.cpp)
