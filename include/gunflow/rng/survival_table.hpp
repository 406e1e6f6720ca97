#pragma once
// A table of survival probabilities 1 >= S[0] >= S[1] >= … >= S[n] >= 0 (the chance of
// lasting past k steps) with an inverse look-up: the first k with S[k] < t, which is how
// a uniform t is turned into a discrete lifetime by inversion.
//
// The look-up goes through a guide (Chen & Asau's indexed search): [S[n], 1] is cut into
// n equal slices at v_j = S[n] + j × width (the last bound is 1 itself); guide_[j] is the
// first k with S[k] < v_j. A target in (v_j, v_{j+1}] has its answer in
// [guide_[j + 1], guide_[j]] — one or two entries when S falls smoothly — so a look-up is
// a multiplication and a short search instead of a binary search over the whole table
// (~12 dependent loads) or a logarithm. Flat runs of S (steps without any chance of
// ending) only make a slice's range longer, and the search inside it stays binary.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace gunflow {

class SurvivalTable {
 public:
  SurvivalTable() = default;
  /// `survival`: non-empty, non-increasing, within [0, 1].
  explicit SurvivalTable(std::vector<double> survival);

  [[nodiscard]] double operator[](std::size_t k) const { return s_[k]; }
  [[nodiscard]] std::size_t size() const { return s_.size(); }
  /// The first k with S[k] < t, for S.back() < t < 1 (so the answer is in [1, size)).
  [[nodiscard]] std::size_t first_below(double t) const;

 private:
  [[nodiscard]] double bound(std::size_t j) const {  // v_j; the build and the look-up must agree
    return j + 1 == guide_.size() ? 1.0 : lowest_ + static_cast<double>(j) * width_;
  }
  std::vector<double> s_;
  double lowest_ = 1;
  double width_ = 0;
  double per_width_ = 0;  // 1 / width_, 0 when the table is flat
  std::vector<std::uint32_t> guide_;
};

inline std::size_t SurvivalTable::first_below(double t) const {
  const std::size_t slices = guide_.size() - 1;
  auto j = static_cast<std::size_t>(std::max(0.0, (t - lowest_) * per_width_));
  j = std::min(j, slices - 1);
  // The product may round across a slice boundary (it does, for tables just below 1):
  // step into the slice that holds t, so that the answer is in the slice's range even
  // when a table value lies within rounding of the bound (these loops run once at most,
  // and usually not at all).
  while (j > 0 && t <= bound(j)) --j;
  while (j + 1 < slices && t > bound(j + 1)) ++j;
  // A branch-free binary search of [guide_[j + 1], guide_[j]] (the answer is where
  // std::partition_point would put it): unpredictable branches cost more than loads here.
  // S[guide_[j]] < v_j < t, so the answer is inside the range and the search ends on it.
  const double* base = s_.data() + guide_[j + 1];
  for (std::size_t n = guide_[j] - guide_[j + 1] + 1; n > 1;) {
    const std::size_t half = n / 2;
    base = base[half - 1] >= t ? base + half : base;
    n -= half;
  }
  return static_cast<std::size_t>(base - s_.data());
}

}  // namespace gunflow
