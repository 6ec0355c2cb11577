// Benchmarks entry point: one subcommand per area (see bench/README.md).
return args.FirstOrDefault() switch
{
    "events" => await Voice.Bench.Events.EventDeliveryBench.RunAsync(args[1..]),
    "media" => await Voice.Bench.Media.MediaBench.RunAsync(args[1..]),
    "latency" => await Voice.Bench.Latency.CallLatencyBench.RunAsync(args[1..]),
    "inbound" => await Voice.Bench.Inbound.InboundBench.RunAsync(args[1..]),
    "telnyx" => await Voice.Bench.Telnyx.TelnyxCommandBench.RunAsync(args[1..]),
    "prompts" => await Voice.Bench.Prompts.PromptDecodeBench.RunAsync(args[1..]),
    "streams" => await Voice.Bench.Streams.StreamsBench.RunAsync(args[1..]),
    "amd" => await Voice.Bench.MachineDetection.MachineDetectionBench.RunAsync(args[1..]),
    "speech" => await Voice.Bench.Speech.SpeechBench.RunAsync(args[1..]),
    "hotpath" => await Voice.Bench.HotPath.HotPathBench.RunAsync(args[1..]),
    "relay" => await Voice.Bench.Relay.RelayBench.RunAsync(args[1..]),
    "fleet" => await Voice.Bench.Fleet.FleetBench.RunAsync(args[1..]),

    // Hidden areas: the relay bench's child processes (and the media bench's sink).
    "relay-node" => await Voice.Bench.Relay.RelayNode.RunAsync(args[1..]),
    "relay-generator" => await Voice.Bench.Generator.LoadGenerator.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Voice.Bench <events|media|latency|inbound|telnyx|prompts|streams|amd|speech|hotpath|relay|fleet> [options]   (see bench/README.md)");
    return 2;
}
