#include "cli/app.h"

int main(int argc, char** argv) { return tallinn::cli::run(argc, argv); }
