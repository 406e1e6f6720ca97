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
//
// The same two kinds of homicide decide which guns the authorities take: the forces
// fighting the conflict seize `recovery_ratio[c]` times as many guns of class c per
// gun held as the policing of other crime does (1: the class's rate does not move with
// the conflict; PGR-SEIDO's seizures from cartel cells in 2014-2015 were three in four
// long guns, so rifles are above 1). A gun of class
// c is recovered at the calibrated rate times
//   (1 − φ + φ κ_c) / (1 − φ₀ + φ₀ κ_c),
// 1 in the reference year, so the rate stays the calibrated one there and moves with
// the conflict in other years (docs/ODD.md 7.10).
#include <array>

#include "gunflow/core/catalog.hpp"

namespace gunflow {

using ClassMix = std::array<double, kNumClasses>;

/// The class mix of orders (normalised) in a year whose conflict share of homicides is
/// `conflict`, from the mix `mix_ref` at the reference share `conflict_ref`. Shares are
/// clamped to [0, 1]; a class neither kind of homicide orders at the reference share
/// (a zero ratio at a reference share of 1) keeps its reference weight.
ClassMix conflict_class_mix(const ClassMix& mix_ref, const ClassMix& ratio, double conflict_ref, double conflict);

/// By class, the recovery rate in a year whose conflict share of homicides is `conflict`
/// over that at the reference share `conflict_ref` (above). Shares are clamped to [0, 1];
/// a class neither kind of policing takes at the reference share keeps 1.
ClassMix conflict_recovery_factor(const ClassMix& recovery_ratio, double conflict_ref, double conflict);

}  // namespace gunflow
