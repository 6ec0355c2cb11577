// Benchmarks entry point: subcommands per area (see bench/README.md).
return 0;
