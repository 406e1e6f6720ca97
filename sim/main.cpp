#include "commands.hpp"
#include "huge_pages.hpp"

int main(int argc, char** argv) {
  gunflow::cli::restart_with_huge_pages(argv);
  return gunflow::cli::main_entry(argc, argv);
}
