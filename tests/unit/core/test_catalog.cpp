// catalog.hpp: the fixed vocabularies and their index order.
#include <catch2/catch.hpp>

#include <set>
#include <string_view>

#include "gunflow/core/catalog.hpp"

using namespace gunflow;

TEST_CASE("Class and channel names line up with their enum index", "[core][catalog]") {
  CHECK(kClassNames[index_of(FirearmClass::kHandgun)] == "handgun");
  CHECK(kClassNames[index_of(FirearmClass::kAr)] == "ar_rifle");
  CHECK(kClassNames[index_of(FirearmClass::kKit)] == "kit");
  CHECK(index_of(FirearmClass::kKit) == kNumClasses - 1);
  CHECK(kChannelNames[index_of(Channel::kCorruptDealer)] == "corrupt_dealer");
  CHECK(index_of(Channel::kKit) == kNumChannels - 1);
}

TEST_CASE("US state codes are 50 states plus DC, unique", "[core][catalog]") {
  const std::set<std::string_view> codes(kUsStateCodes.begin(), kUsStateCodes.end());
  CHECK(codes.size() == 51);
  CHECK(codes.count("DC") == 1);
  CHECK(codes.count("TX") == 1);
  for (std::string_view c : kUsStateCodes) CHECK(c.size() == 2);
}
