#pragma once
// Command-line front end: parses arguments with CLI11 and calls the library.
// This is the only place that maps exceptions to exit codes.
namespace gunflow::cli {
int main_entry(int argc, char** argv);
}
