#include "gunflow/engine/cluster.hpp"

namespace gunflow {

Cluster& single_process() {
  static Cluster one;
  return one;
}

}  // namespace gunflow
