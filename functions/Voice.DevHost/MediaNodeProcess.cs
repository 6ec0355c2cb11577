using System.Diagnostics;

namespace Voice.DevHost;

/// <summary>
/// Runs the media-node as a child process on the same storage queues, as it runs in Azure (its own process, its
/// own SIP/RTP ports), with its output prefixed in DevHost's console. Stopped (SIGTERM → BYE to every call) on dispose.
/// </summary>
public sealed class MediaNodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private int disposed;

    private MediaNodeProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>Starts the node built next to DevHost; <paramref name="settings"/> become its environment.</summary>
    public static MediaNodeProcess Start(string repositoryRoot, IReadOnlyDictionary<string, string> settings, TextWriter log)
    {
        var dll = Path.Combine(repositoryRoot, "media-node", "Voice.MediaNode", "bin", BuildConfiguration, "net10.0", "Voice.MediaNode.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build it with 'dotnet build media-node/Voice.MediaNode'.");
        }

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("the media-node did not start");
        process.OutputDataReceived += (_, e) => Forward(log, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MediaNodeProcess(process);
    }

    public bool HasExited => process.HasExited;

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

    /// <summary>Stops the node (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            // SIGTERM first: the node ends its calls with BYE and reports them.
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
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
