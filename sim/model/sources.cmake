list(APPEND GUNFLOW_SOURCES
  sim/model/network.cpp
  sim/model/world.cpp
  sim/model/gun_fates.cpp
  sim/model/arsenal.cpp
  sim/model/metrics.cpp
  sim/model/demand.cpp
  sim/model/dealer_choice.cpp
  sim/model/networks.cpp
  sim/model/acquisition.cpp
  sim/model/straw_buyers.cpp
  sim/model/purchase_choice.cpp
  sim/model/border.cpp
  sim/model/mexico.cpp
  sim/model/enforcement.cpp
  sim/model/policies.cpp
  sim/model/tables.cpp
  sim/model/simulation.cpp)
