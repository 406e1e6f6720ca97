#pragma once
// How each kind of metric is reduced, shared by the catalogue's parts (metrics.cpp,
// metrics_supply.cpp): the markdown tells the kinds apart by these pointers.
namespace gunflow::metric_text {
inline constexpr const char* kSum =
    "sum over the year's days in each replication; mean, sd, t-interval and quantiles over replications";
inline constexpr const char* kRatio =
    "ratio of the replication's own yearly sums (0 when the denominator is 0); mean, sd, t-interval and quantiles of "
    "those per-replication ratios over replications (not the ratio of the means)";
inline constexpr const char* kYearEnd =
    "value on the year's last simulated day in each replication; mean, sd, t-interval and quantiles over replications";
}  // namespace gunflow::metric_text
