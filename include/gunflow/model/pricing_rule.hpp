#pragma once
// Whose numbers set a delivered gun's price in Mexico (traffickers.pricing; the rules are
// described in model/prices.hpp and docs/ODD.md §7.7).
#include <cstdint>
#include <string_view>

namespace gunflow {

enum class Pricing : std::uint8_t {
  kCostPlus,          ///< the load's own delivered cost × markup
  kCheapestSupplier,  ///< the region's price from the cheapest way to supply it in volume
  kMarket,            ///< the region's price from its buyers (traffickers.market_price_usd)
};

/// The rule a traffickers.pricing value names (the schema admits only these three).
Pricing pricing_rule(std::string_view name);

}  // namespace gunflow
