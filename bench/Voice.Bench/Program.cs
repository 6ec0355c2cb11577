// Benchmarks entry point: subcommands per area (see bench/README.md).
if (args.Length > 0 && args[0] == "media")
{
    return await Voice.Bench.Media.MediaBench.RunAsync(args[1..]);
}

return 0;
