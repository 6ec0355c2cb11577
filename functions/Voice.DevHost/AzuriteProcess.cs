using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Voice.DevHost;

/// <summary>
/// Makes sure Azurite answers on the loopback ports the storage connection names (by default blob 10000, queue
/// 10001, table 10002 on 127.0.0.1). When nothing answers it starts the repository's pinned Azurite (running
/// <c>npm ci</c> first if needed) through <see cref="ChildProcess"/> — out of the terminal's Ctrl-C, not outliving
/// DevHost — keeps its data in the given folder (by default <c>.devhost/azurite</c>, git-ignored), and stops it
/// again (<see cref="StopAsync"/>, or on dispose). An Azurite that already runs is used as it is and left running.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(2);
    private readonly Process? process;
    private readonly Task closed;
    private readonly Lock gate = new();
    private Task? stopping;
    private int disposed;

    private AzuriteProcess(Process? process, Task closed)
    {
        this.process = process;
        this.closed = closed;
    }

    public bool StartedHere => process is not null;

    /// <summary>The Azurite this instance started (null when it found one running), for diagnostics.</summary>
    public int? Id => process?.Id;

    /// <summary>
    /// The local Azurite ports <paramref name="connectionString"/> names: the defaults for
    /// <c>UseDevelopmentStorage=true</c> (or none given), the endpoints' ports when all three are on 127.0.0.1 or
    /// localhost; null when it names other storage (a real account: no Azurite to manage).
    /// </summary>
    public static AzuritePorts? LocalPortsOf(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return AzuritePorts.Default;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            return AzuritePorts.Default;
        }

        int? LoopbackPort(string key) =>
            parts.TryGetValue(key, out var endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Host is "127.0.0.1" or "localhost"
                ? uri.Port
                : null;

        return (LoopbackPort("BlobEndpoint"), LoopbackPort("QueueEndpoint"), LoopbackPort("TableEndpoint")) is (int blob, int queue, int table)
            ? new AzuritePorts(blob, queue, table)
            : null;
    }

    public static async Task<AzuriteProcess> EnsureRunningAsync(string repositoryRoot, AzuritePorts ports, string dataDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        var answering = 0;
        foreach (var port in ports.All)
        {
            answering += await AnswersAsync(port, cancellationToken) ? 1 : 0;
        }

        if (answering == ports.All.Length)
        {
            await log.WriteLineAsync($"Azurite already runs on 127.0.0.1:{ports}; using it.");
            return new AzuriteProcess(null, Task.CompletedTask);
        }

        if (answering > 0)
        {
            throw new InvalidOperationException($"Some of the ports {ports} answer and some do not: stop whatever holds them, or run a full Azurite.");
        }

        var azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            await log.WriteLineAsync("Azurite is not installed yet: running 'npm ci' …");
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], repositoryRoot, cancellationToken);
        }

        Directory.CreateDirectory(dataDirectory);
        // Stdin redirected (and closed): Azurite never reads it, and the terminal's input is DevHost's.
        var psi = new ProcessStartInfo(azurite) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(CultureInfo.InvariantCulture),
        })
        {
            psi.ArgumentList.Add(arg);
        }

        var started = ChildProcess.Start(psi);
        started.StandardInput.Close();

        // On SIGTERM Azurite closes its three services, saving their stores, and says so for each; its process then
        // lingers until every client connection has closed, and DevHost's own idle ones stay open until DevHost exits.
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closedServices = 0;
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully closed", StringComparison.Ordinal) == true && Interlocked.Increment(ref closedServices) == 3)
            {
                closed.TrySetResult();
            }
        };
        started.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                log.WriteLine("azurite: " + e.Data);
            }
        };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        try
        {
            // Generous: on a loaded 2-core machine node can take tens of seconds to start.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            foreach (var port in ports.All)
            {
                while (!await AnswersAsync(port, cancellationToken))
                {
                    if (started.HasExited || DateTime.UtcNow > deadline)
                    {
                        throw new InvalidOperationException($"Azurite did not open port {port}");
                    }

                    await Task.Delay(100, cancellationToken);
                }
            }
        }
        catch
        {
            // Not handed out yet, so nobody else would stop it (a Ctrl-C while it starts lands here too).
            started.Kill(entireProcessTree: true);
            await started.WaitForExitAsync(CancellationToken.None);
            started.Dispose();
            throw;
        }

        await log.WriteLineAsync($"Started Azurite on 127.0.0.1:{ports} (data in {dataDirectory}).");
        return new AzuriteProcess(started, closed.Task);
    }

    /// <summary>
    /// Stops the Azurite started here (one found running is left alone): SIGTERM, so it saves its stores, then killed
    /// once it has closed its three services (it would wait for DevHost's idle connections), or when it has not within
    /// <paramref name="grace"/>. Idempotent.
    /// </summary>
    public Task StopAsync(TimeSpan grace)
    {
        lock (gate)
        {
            return stopping ??= StopCoreAsync(grace);
        }
    }

    /// <summary>Kills the Azurite started here at once (a second Ctrl-C).</summary>
    public void Kill()
    {
        if (process is not null)
        {
            ChildProcess.KillNow(process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(DisposeGrace);
        process?.Dispose();
    }

    private async Task StopCoreAsync(TimeSpan grace)
    {
        if (process is not { HasExited: false })
        {
            return;
        }

        ChildProcess.Terminate(process);
        using var timeout = new CancellationTokenSource(grace);
        var exited = process.WaitForExitAsync(timeout.Token);
        await Task.WhenAny(exited, closed, Task.Delay(Timeout.Infinite, timeout.Token));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string[] args, string workingDirectory, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        try
        {
            await p.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopped while installing: npm shares the terminal (its progress is the user's to see), so the Ctrl-C
            // reached it too; a SIGTERM to DevHost did not, and a half-run npm must not stay behind.
            p.Kill(entireProcessTree: true);
            throw;
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {p.ExitCode}");
        }
    }
}

/// <summary>The three loopback ports of one Azurite.</summary>
public readonly record struct AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);

    public int[] All => [Blob, Queue, Table];

    public override string ToString() => $"{Blob}/{Queue}/{Table}";
}
