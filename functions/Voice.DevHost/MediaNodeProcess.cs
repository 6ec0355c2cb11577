using System.Diagnostics;

namespace Voice.DevHost;

/// <summary>
/// Runs the media-node as a child process on the same storage queues, as it runs in Azure (its own process, its
/// own SIP/RTP ports), with its output prefixed in DevHost's console. Started through <see cref="ChildProcess"/>:
/// the terminal's Ctrl-C does not reach it, and it does not outlive DevHost. Stopped (SIGTERM → BYE to every call,
/// bounded, then killed) by <see cref="StopAsync"/> or on dispose.
/// </summary>
public sealed class MediaNodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(10);
    private readonly Process process;
    private readonly TextWriter log;
    private readonly Lock gate = new();
    private Task? stopping;
    private int disposed;

    private MediaNodeProcess(Process process, TextWriter log)
    {
        this.process = process;
        this.log = log;
    }

    /// <summary>Starts the node built next to DevHost; <paramref name="settings"/> become its environment.</summary>
    public static MediaNodeProcess Start(string repositoryRoot, IReadOnlyDictionary<string, string> settings, TextWriter log)
    {
        var dll = Path.Combine(repositoryRoot, "media-node", "Voice.MediaNode", "bin", BuildConfiguration, "net10.0", "Voice.MediaNode.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build it with 'dotnet build media-node/Voice.MediaNode'.");
        }

        // Stdin redirected (and closed) too: the node never reads it, and the terminal's input is DevHost's.
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = ChildProcess.Start(psi);
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Forward(log, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MediaNodeProcess(process, log);
    }

    public bool HasExited => process.HasExited;

    /// <summary>The node's process id (for diagnostics).</summary>
    public int Id => process.Id;

    /// <summary>
    /// Waits until the node answers <c>/healthz</c> on <paramref name="healthPort"/> with status ok; throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>, or at once if the node exited.
    /// </summary>
    public async Task WaitUntilHealthyAsync(int healthPort, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the media-node exited with code {process.ExitCode} before it was healthy");
            }

            try
            {
                var text = await client.GetStringAsync($"http://127.0.0.1:{healthPort}/healthz", cancellationToken);
                if (text.Contains("\"ok\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the media-node did not answer /healthz on port {healthPort} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Stops the node: SIGTERM, so it ends its calls with BYE and reports the hangups; killed if it has not exited
    /// within <paramref name="grace"/>. Idempotent: a second call waits for the first stop.
    /// </summary>
    public Task StopAsync(TimeSpan grace)
    {
        lock (gate)
        {
            return stopping ??= StopCoreAsync(grace);
        }
    }

    /// <summary>Kills the node at once (a second Ctrl-C: no BYE, no reports).</summary>
    public void Kill() => ChildProcess.KillNow(process);

    /// <summary>Stops the node (idempotent), with a generous grace for callers that did not stop it themselves.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(DisposeGrace);
        process.Dispose();
    }

    private async Task StopCoreAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        ChildProcess.Terminate(process);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await log.WriteLineAsync($"media-node did not stop within {grace.TotalSeconds:0.#} s; killing it");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static void Forward(TextWriter log, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            log.WriteLine("media-node | " + line);
        }
    }
}
