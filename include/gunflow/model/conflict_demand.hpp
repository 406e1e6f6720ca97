#pragma once
// What criminal groups order, by class, as their armed conflict grows and ebbs (MODEL.md
// stage 1: demand by class grows with conflict intensity).
//
// Demand is two kinds of demand per homicide: that of the armed conflict between
// criminal groups (killings presumed related to organised crime) and that of other
// crime. Per homicide, the conflict orders `ratio[c]` times as many guns of class c as
// other crime does, relative to handguns (ratio 1): armed confrontation calls for
// assault rifles and anti-materiel rifles more than robbery and feuds do. With φ the
// year's conflict share of homicides, class c's weight is
//   b_c (1 − φ + φ ratio_c),   b_c = mix_c / (1 − φ₀ + φ₀ ratio_c),
// so the year of the reference share φ₀ (2010's) orders exactly demand.class_mix, the
// calibrated mix; the weights are normalised. Total demand is not changed here
// (demand.guns_per_year × demand.relative_level): only its split over classes.
#include <array>

#include "gunflow/core/catalog.hpp"

namespace gunflow {

using ClassMix = std::array<double, kNumClasses>;

/// The class mix of orders (normalised) in a year whose conflict share of homicides is
/// `conflict`, from the mix `mix_ref` at the reference share `conflict_ref`. Shares are
/// clamped to [0, 1]; a class neither kind of homicide orders at the reference share
/// (a zero ratio at a reference share of 1) keeps its reference weight.
ClassMix conflict_class_mix(const ClassMix& mix_ref, const ClassMix& ratio, double conflict_ref, double conflict);

}  // namespace gunflow
