// Benchmarks entry point: subcommands per area (see bench/README.md).
return args.FirstOrDefault() switch
{
    "events" => await Voice.Bench.Events.EventDeliveryBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Voice.Bench <events> [options]");
    return 2;
}
