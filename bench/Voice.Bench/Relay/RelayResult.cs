using Voice.Bench.Generator;

namespace Voice.Bench.Relay;

/// <summary>One relay at one N: CPU, memory and what the generator measured.</summary>
internal sealed record RelayResult(
    string Relay,
    int Streams,
    double CpuPercent,
    double GeneratorCpuPercent,
    double RssMegabytes,
    double IdleRssMegabytes,
    long RelayReceived,
    GeneratorReport Generator,
    string Machine,
    string Details)
{
    /// <summary>Relay CPU µs per stream-second: its CPU over the window / (N × window).</summary>
    public double MicrosecondsPerStreamSecond => CpuPercent / 100 * 1_000_000 / Streams;

    /// <summary>RSS the calls added, KB per stream (RSS at the window's end minus before the calls, over N).</summary>
    public double KilobytesPerStream => (RssMegabytes - IdleRssMegabytes) * 1024 / Streams;

    public double LossPercent => Generator.SentInWindow == 0 ? 100 : Generator.LostInWindow * 100.0 / Generator.SentInWindow;

    /// <summary>Packets the generator sent (whole run) that the relay never counted as received.</summary>
    public long InputLost => Math.Max(0, Generator.SentTotal - RelayReceived);
}
