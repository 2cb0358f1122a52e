// match_gen NEEDS OFFERS SEED INDIVISIBLE_SHARE > instance.json
#include <cstdio>
#include <iostream>
#include <string>

#include "instance_generator.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: match_gen NEEDS OFFERS SEED INDIVISIBLE_SHARE\n";
    return 2;
  }
  tallinn::bench::GeneratorParameters parameters;
  parameters.needs = std::stoll(argv[1]);
  parameters.offers = std::stoll(argv[2]);
  parameters.seed = std::stoull(argv[3]);
  parameters.indivisible_share = std::stod(argv[4]);
  const std::string json = tallinn::bench::generate_instance_json(parameters);
  std::fwrite(json.data(), 1, json.size(), stdout);
  return 0;
}
