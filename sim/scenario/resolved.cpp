// Writes the fully resolved scenario (every key, in schema order).
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "gunflow/scenario/loader.hpp"

namespace gunflow {
namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(path.substr(start, dot - start));
  parts.push_back(path.substr(start));
  return parts;
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }  // JSON strings are YAML

std::string yaml_value(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return quoted(*s);
  if (const auto* l = std::get_if<StringList>(&v)) {
    std::string out = "[";
    for (std::size_t i = 0; i < l->size(); ++i) out += (i ? ", " : "") + quoted((*l)[i]);
    return out + "]";
  }
  return format_value(v);
}

/// A year-by-year value as written: {2004: 0.01, 2011: 0.03}.
std::string series_yaml(const DatedSeries& series) {
  std::string out = "{";
  for (std::size_t i = 0; i < series.points.size(); ++i) {
    const auto [year, x] = series.points[i];
    out += (i ? ", " : "") + std::to_string(year) + ": " +
           (series.step ? std::to_string(static_cast<std::int64_t>(x)) : format_value(x));
  }
  return out + "}";
}

// SHA-256 (FIPS 180-4) of a file's bytes, hex; "unreadable" if it cannot be read. Here
// only to record which data a resolved scenario was run with.
std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
std::string sha256_hex(const std::string& bytes) {
  static constexpr std::array<std::uint32_t, 64> k = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  std::array<std::uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string m = bytes;
  const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8;
  m += static_cast<char>(0x80);
  while (m.size() % 64 != 56) m += '\0';
  for (int i = 7; i >= 0; --i) m += static_cast<char>((bits >> (8 * i)) & 0xff);
  for (std::size_t off = 0; off < m.size(); off += 64) {
    std::array<std::uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i)
      for (int b = 0; b < 4; ++b) w[i] = (w[i] << 8) | static_cast<unsigned char>(m[off + 4 * i + b]);
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::array<std::uint32_t, 8> a = h;
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t t1 =
          a[7] + (rotr(a[4], 6) ^ rotr(a[4], 11) ^ rotr(a[4], 25)) + ((a[4] & a[5]) ^ (~a[4] & a[6])) + k[i] + w[i];
      const std::uint32_t t2 =
          (rotr(a[0], 2) ^ rotr(a[0], 13) ^ rotr(a[0], 22)) + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]));
      for (int j = 7; j > 0; --j) a[j] = a[j - 1];
      a[4] += t1;
      a[0] = t1 + t2;
    }
    for (int i = 0; i < 8; ++i) h[i] += a[i];
  }
  char hex[65];
  for (int i = 0; i < 8; ++i) std::snprintf(hex + 8 * i, 9, "%08x", h[i]);
  return std::string(hex, 64);
}

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable";
  return sha256_hex(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}
}  // namespace

std::string sha256_of_text(const std::string& bytes) { return sha256_hex(bytes); }

std::string resolved_yaml_for(const Settings& settings, const std::string& dir,
                              const std::vector<std::string>& overrides) {
  namespace fs = std::filesystem;
  Settings rel = settings;
  const fs::path base = fs::absolute(dir).lexically_normal();
  std::string hashes;
  for (std::string* p : {&rel.data.us_states, &rel.data.crossings, &rel.data.mx_states, &rel.data.staging_cities}) {
    const std::string sha = file_sha256(*p);
    const fs::path relative = fs::path(*p).lexically_relative(base);
    if (!relative.empty()) *p = relative.string();
    hashes += "#   " + *p + "  sha256 " + sha + "\n";
  }
  std::string head = "# Data paths are relative to this file; the data files it was run with:\n" + hashes;
  if (!overrides.empty()) {
    head += "# Command-line overrides (already applied below):\n";
    for (const std::string& o : overrides) head += "#   --set " + o + "\n";
  }
  return head + resolved_yaml(rel);
}

std::string resolved_value(const Settings& settings, const SchemaEntry& entry) {
  const DatedSeries* series = dated_series(settings, entry.path);
  return series ? series_yaml(*series) : yaml_value(entry.get(settings));
}

std::string resolved_yaml(const Settings& settings) {
  std::ostringstream out;
  out << "# Fully resolved scenario written by gunflow: every key, defaults included.\n"
      << "# `gunflow run` on this file repeats the run exactly.\n";
  std::vector<std::string> open;  // path of the mapping we are in
  for (const SchemaEntry& e : schema()) {
    const std::vector<std::string> parts = split(e.path);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (std::size_t i = common; i + 1 < parts.size(); ++i) {
      out << std::string(2 * i, ' ') << parts[i] << ":\n";
      open.push_back(parts[i]);
    }
    out << std::string(2 * (parts.size() - 1), ' ') << parts.back() << ": " << resolved_value(settings, e) << '\n';
  }
  return out.str();
}

}  // namespace gunflow
