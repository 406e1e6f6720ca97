#include "commands.hpp"

int main(int argc, char** argv) { return gunflow::cli::main_entry(argc, argv); }
