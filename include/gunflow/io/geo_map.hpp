#pragma once
// The flow map on real geography: US states and Mexico drawn from public-domain
// outlines compiled into the program (data/geo/), crossings and Mexican states at the
// coordinates of the reference tables, and the origin–destination tally drawn as
// links source state → crossing and crossing → destination, widths proportional to
// guns per year. What is not drawn (smaller links, places off the map) is summed as
// "other" on the map itself. Inline SVG, no scripts: the report and the demo use it.
#include <string>
#include <vector>

namespace gunflow::geo {

/// A place of a reference table: its code, readable name and coordinates.
struct Place {
  std::string code, name;
  double lat = 0, lon = 0;
};

/// The places a map can name: US states, crossings, Mexican states (and the onward node).
struct Places {
  std::vector<Place> states, crossings, regions;
};

/// Reads code/id, name, lat and lon of the three reference tables (scenarios/data/*.csv).
/// Throws InputError naming the file, line and column of a bad value.
Places read_places(const std::string& us_states_csv, const std::string& crossings_csv,
                   const std::string& mx_states_csv);

/// One link of the origin–destination tally: guns per year from `from` to `to` (codes).
struct Link {
  std::string from, to;
  double guns = 0;
};

/// The two legs: US state → crossing, and crossing → Mexican state.
struct OdTable {
  std::vector<Link> source_crossing, crossing_region;
};

/// Splits the series of guns_arrived_by_source_crossing / guns_arrived_by_crossing_region
/// keys ("TX>laredo") into links; a key without '>' is ignored.
void add_od_series(OdTable& od, const std::string& metric, const std::string& key, double guns);

struct MapOptions {
  std::string title;
  std::size_t links_per_leg = 30;  ///< the largest links drawn per leg; the rest are "other"
  /// Guns per year drawn at the widest stroke; 0: this table's largest link. Maps shown
  /// side by side pass the same value, so equal widths mean equal flows.
  double full_width_guns = 0;
  bool difference = false;  ///< links are changes: increases and decreases in two colours
};

/// The largest absolute link of the table (a shared width scale for side-by-side maps).
double largest_link(const OdTable& od);

/// The map as an <svg> element. Every drawn link is a <path class="flow leg-us|leg-mx">
/// with data-from, data-to and data-guns; crossings and destinations are circles.
std::string flow_map(const OdTable& od, const Places& places, const MapOptions& options);

}  // namespace gunflow::geo
