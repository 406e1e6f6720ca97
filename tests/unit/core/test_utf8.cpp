// utf8.hpp: the UTF-8 check shared by the readers of YAML and CSV input (RFC 3629, as
// strict as nlohmann::json). The readers' own cases (test_loader.cpp,
// test_yaml_reader.cpp, test_csv_table.cpp) check that they call it and report where.
#include <catch2/catch.hpp>

#include <string>

#include "gunflow/core/utf8.hpp"

using namespace gunflow;

TEST_CASE("first_invalid_utf8 accepts valid text of every length", "[core][utf8]") {
  CHECK_FALSE(first_invalid_utf8(""));
  CHECK_FALSE(first_invalid_utf8("Ciudad Juarez"));
  CHECK_FALSE(first_invalid_utf8("Ciudad Ju\xC3\xA1rez"));      // á: 2 bytes
  CHECK_FALSE(first_invalid_utf8("\xE2\x82\xAC 5"));            // €: 3 bytes
  CHECK_FALSE(first_invalid_utf8("\xF0\x9F\x94\xAB"));          // U+1F52B: 4 bytes
  CHECK_FALSE(first_invalid_utf8("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point
  CHECK_FALSE(first_invalid_utf8("\xED\x9F\xBF\xEE\x80\x80"));  // U+D7FF and U+E000 around the surrogates
  CHECK_FALSE(first_invalid_utf8(std::string("a\0b", 3)));      // NUL is a valid code point
}

TEST_CASE("first_invalid_utf8 finds the first byte that breaks UTF-8", "[core][utf8]") {
  CHECK(first_invalid_utf8("ab\x85") == 2u);                // lone continuation (yaml-cpp's \N)
  CHECK(first_invalid_utf8("ab\xA0z") == 2u);               // Latin-1 no-break space (\_)
  CHECK(first_invalid_utf8("x\xC3") == 1u);                 // truncated at the end
  CHECK(first_invalid_utf8("x\xC3y") == 1u);                // continuation missing
  CHECK(first_invalid_utf8("\xC0\xAF") == 0u);              // overlong '/'
  CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0u);          // overlong, 3 bytes
  CHECK(first_invalid_utf8("\xF0\x80\x80\xAF") == 0u);      // overlong, 4 bytes
  CHECK(first_invalid_utf8("ok\xED\xA0\x80") == 2u);        // surrogate U+D800
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);      // U+110000
  CHECK(first_invalid_utf8("\xF8\x88\x80\x80\x80") == 0u);  // 5-byte form
  CHECK(first_invalid_utf8("\xC3\xA1\xFF\x85") == 2u);      // the first of two bad bytes
}

TEST_CASE("first_invalid_utf8_position counts lines and characters", "[core][utf8]") {
  CHECK_FALSE(first_invalid_utf8_position("fine\n"));
  CHECK(first_invalid_utf8_position("\x85") == std::make_pair(1, 1));
  CHECK(first_invalid_utf8_position("ab\ncd\x85") == std::make_pair(2, 3));
  // A multi-byte character counts as one column.
  CHECK(first_invalid_utf8_position("a\n\xC3\xA1\xE2\x82\xAC\xA0") == std::make_pair(2, 3));
}

TEST_CASE("repaired_utf8 replaces each bad byte with U+FFFD and keeps the rest", "[core][utf8]") {
  CHECK(repaired_utf8("Ju\xC3\xA1rez") == "Ju\xC3\xA1rez");
  CHECK(repaired_utf8("a\x85z") == "a\xEF\xBF\xBDz");
  CHECK(repaired_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // both bytes of an overlong form
  const std::string fixed = repaired_utf8("x\xFF\xFE\xED\xA0\x80y");
  CHECK_FALSE(first_invalid_utf8(fixed));
  CHECK(fixed.front() == 'x');
  CHECK(fixed.back() == 'y');
}
