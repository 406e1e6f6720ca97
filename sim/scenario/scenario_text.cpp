#include "gunflow/scenario/scenario_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gunflow {
namespace fs = std::filesystem;

std::optional<std::string> read_scenario_bytes(const fs::path& path, std::string& why) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    why = errno == ENOENT || errno == ENOTDIR ? "no such file" : std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    why = "is a directory, not a scenario file";
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    why = "is not a regular file (a FIFO, socket or device cannot be a scenario)";
    return std::nullopt;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::string("cannot be read: ") + std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

int first_document_marker(const std::string& text) {
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    if (end - at >= 3 && (text.compare(at, 3, "---") == 0 || text.compare(at, 3, "...") == 0) &&
        (end - at == 3 || std::strchr(" \t\r", text[at + 3]) != nullptr))
      return line;
    at = end + 1;
  }
  return 0;
}

bool quote_closes_on_its_line(const std::vector<std::string_view>& lines, const YAML::Mark& mark) {
  if (mark.line < 0 || static_cast<std::size_t>(mark.line) >= lines.size()) return true;
  const std::string_view line = lines[static_cast<std::size_t>(mark.line)];
  if (mark.column < 0 || static_cast<std::size_t>(mark.column) >= line.size()) return true;
  const char quote = line[static_cast<std::size_t>(mark.column)];
  if (quote != '"' && quote != '\'') return true;
  for (std::size_t i = static_cast<std::size_t>(mark.column) + 1; i < line.size(); ++i) {
    if (quote == '"' && line[i] == '\\') {
      ++i;  // an escaped character, possibly a quote
    } else if (line[i] == quote) {
      if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
        ++i;  // '' is a quote inside
      else
        return true;
    }
  }
  return false;
}

std::vector<std::string_view> split_lines(const std::string& text) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    out.emplace_back(text.data() + at, end - at);
    at = end + 1;
  }
  return out;
}

std::string yaml_syntax_message(const std::string& text, int line, const std::string& parser_message) {
  const std::vector<std::string_view> lines = split_lines(text);
  for (int i = 0; i < static_cast<int>(lines.size()) && i <= line; ++i) {
    const std::string_view l = lines[static_cast<std::size_t>(i)];
    const std::size_t indent = l.find_first_not_of(" \t");
    if (l.substr(0, indent).find('\t') != std::string_view::npos)
      return "line " + std::to_string(i + 1) +
             " is indented with a tab; YAML indents with spaces only (the parser says: " + parser_message + ")";
  }
  static const std::pair<const char*, const char*> kPlainer[] = {
      {"end of map flow not found", "a '{' is not closed by a '}'"},
      {"end of sequence flow not found", "a '[' is not closed by a ']'"},
      {"end of map not found", "a mapping ends unexpectedly; check the indentation of the lines around here"},
      {"illegal map value",
       "a 'key: value' where none can be; check the indentation, and quote a value that holds ': '"},
  };
  for (const auto& [term, plain] : kPlainer)
    if (parser_message == term) return std::string(plain) + " (the parser says: " + term + ")";
  return parser_message;
}

}  // namespace gunflow
