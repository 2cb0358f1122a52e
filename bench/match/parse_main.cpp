// match_parse INSTANCE.json: reads the instance as `tallinn match` does and
// exits (0 read, 2 bad input), so that the benchmark can time the parse
// alone in a fresh process, with the same page faults the command pays.
#include <malloc.h>

#include <iostream>

#include "matchio/instance_reader.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: match_parse INSTANCE.json\n";
    return 2;
  }
  // The heap policy of cli/match_command.cpp.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  const tallinn::Result<tallinn::match::Instance> instance =
      tallinn::matchio::read_instance_file(argv[1]);
  if (!instance) {
    std::cerr << instance.status().to_string() << "\n";
    return 2;
  }
  return 0;
}
