namespace Voice.Bench.Relay;

/// <summary>A relay the <c>relay</c> bench measures, running as a child process of its own.</summary>
internal interface IRelayUnderTest : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Its process (CPU and RSS are read from /proc).</summary>
    int Pid { get; }

    /// <summary>
    /// Bridges <paramref name="calls"/> calls whose legs A are all the generator's side A endpoint and legs B its side
    /// B; returns each call's relay ports.
    /// </summary>
    Task<IReadOnlyList<RelayCallPorts>> BridgeAsync(int calls, int generatorA, int generatorB, CancellationToken cancellationToken);

    /// <summary>RTP packets the relay itself counted as received, all calls, so far (read after the generator stopped).</summary>
    Task<long> ReceivedPacketsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One bridged call's relay ports: leg A sends to <see cref="LegA"/> and hears leg B from it; leg B sends to
/// <see cref="LegB"/> and hears leg A from it.
/// </summary>
internal sealed record RelayCallPorts(int LegA, int LegB);
