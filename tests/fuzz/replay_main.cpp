// A main() for a libFuzzer harness without libFuzzer: feeds every file named on the
// command line (directories recursively, in sorted order) to LLVMFuzzerTestOneInput.
// The normal g++ build links it with each harness (ctest fuzz_corpus_replay for
// fuzz_scenario_loader.cpp, fuzz_jobs_replay for fuzz_job_files.cpp, fuzz_tables_replay
// for fuzz_data_tables.cpp), so the seed corpora and past crashers in tests/fixtures/fuzz/,
// fuzz_jobs/ and fuzz_tables/ are regression tests even where clang is absent.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <typeinfo>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {
std::vector<fs::path> inputs(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (!fs::is_directory(arg)) {
      files.push_back(arg);  // a missing file fails below, loudly
      continue;
    }
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(arg))
      if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " FILE|DIR...\n";
    return 2;
  }
  const std::vector<fs::path> files = inputs(argc, argv);
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << f << '\n';
      return 1;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::cerr << "replay " << f.string() << '\n';  // unbuffered: still there if the input aborts
    try {
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {  // what libFuzzer would report as a crash
      std::cerr << f.string() << ": escaped the loader as " << typeid(e).name() << ": " << e.what() << '\n';
      return 1;
    }
  }
  std::cout << "replayed " << files.size() << " inputs, no contract broken\n";
  return 0;
}
