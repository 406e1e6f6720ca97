#pragma once
// Text read from YAML must be UTF-8: names and strings reach outputs, terminals and JSON,
// and nlohmann::json refuses anything else (an internal error where an input error
// belongs). Shared by the scenario loader, the sweep and calibration readers and the
// reference-table reader (input/csv_table).
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace gunflow {

/// Offset of the first byte of `s` that breaks UTF-8 (RFC 3629), if any. The shape of
/// a sequence is not enough: overlong forms, surrogates and code points above U+10FFFF
/// are refused too, as nlohmann::json refuses them.
std::optional<std::size_t> first_invalid_utf8(const std::string& s);

/// Line and column (1-based, in characters) of that byte, if any.
std::optional<std::pair<int, int>> first_invalid_utf8_position(const std::string& s);

/// `s` with each byte that breaks UTF-8 replaced by U+FFFD (for messages that quote
/// input bytes, which must stay text a terminal or a JSON reply can carry).
std::string repaired_utf8(std::string s);

/// The message for a scalar whose decoded text is not UTF-8 although its file is:
/// yaml-cpp decodes the \N and \_ escapes to the single Latin-1 bytes 0x85 and 0xA0.
inline constexpr const char* kEscapedNonUtf8 =
    "is not valid UTF-8 once escapes are decoded (the \\N and \\_ escapes are not supported: "
    "write the character itself)";

}  // namespace gunflow
