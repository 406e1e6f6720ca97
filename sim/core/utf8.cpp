#include "gunflow/core/utf8.hpp"

namespace gunflow {

std::optional<std::size_t> first_invalid_utf8(const std::string& s) {
  static constexpr char32_t kMinOfLength[] = {0, 0, 0x80, 0x800, 0x10000};
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b >> 6) != 0x2) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (len > 1 && (cp < kMinOfLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<std::pair<int, int>> first_invalid_utf8_position(const std::string& s) {
  const auto bad = first_invalid_utf8(s);
  if (!bad) return std::nullopt;
  int line = 1, col = 1;
  for (std::size_t i = 0; i < *bad; ++i) {
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(s[i]) >> 6) != 0x2) {  // count lead bytes only
      ++col;
    }
  }
  return std::make_pair(line, col);
}

std::string repaired_utf8(std::string s) {
  while (const auto bad = first_invalid_utf8(s)) s.replace(*bad, 1, "\xEF\xBF\xBD");
  return s;
}

}  // namespace gunflow
