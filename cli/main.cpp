#include "cli/command.hpp"

#include <iostream>

int main(int argc, char** argv) { return ernte::cli::run_cli(argc, argv, std::cout, std::cerr); }
