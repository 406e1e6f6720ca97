#pragma once
// The text of a scenario file before YAML sees it: reading only regular files, and the
// checks yaml-cpp does not make (a second document, a quoted string left open).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace gunflow {

/// The bytes of a scenario file, or nothing and why it is not one: only a regular file
/// is read (a directory, FIFO or device is refused by name, before any read can block),
/// and a read error is reported with the system's reason instead of an empty file.
std::optional<std::string> read_scenario_bytes(const std::filesystem::path& path, std::string& why);
/// The 1-based line of the first document marker (`---` or `...` at the start of a
/// line), or 0. yaml-cpp loads the first document and silently drops the rest, so a
/// scenario is one document and markers are refused; at column 1 they are always
/// markers (block and quoted text is indented, and a marker ends quoted text anyway).
int first_document_marker(const std::string& text);
/// Whether the quoted scalar starting at `mark` (0-based, on its opening quote) closes
/// on the same line. yaml-cpp accepts quoted text over several lines, so an unterminated
/// quote silently swallows the keys below it up to the next quote; a scenario's strings
/// are one line each, and a quote left open is a located error.
bool quote_closes_on_its_line(const std::vector<std::string_view>& lines, const YAML::Mark& mark);
/// The lines of `text` (views into it, without their newlines).
std::vector<std::string_view> split_lines(const std::string& text);
/// What is wrong, for yaml-cpp's message of a syntax error at 0-based line `line` of `text`, in the words of
/// someone editing a scenario: a tab in the indentation up to that line is named as such
/// (YAML indents with spaces only; the parser reports it as some other error), and the
/// parser's terms for an unclosed `{`/`[` or a mapping cut short are explained.
std::string yaml_syntax_message(const std::string& text, int line, const std::string& parser_message);

}  // namespace gunflow
