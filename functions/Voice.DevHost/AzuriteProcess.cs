using System.Diagnostics;
using System.Net.Sockets;

namespace Voice.DevHost;

/// <summary>
/// Makes sure Azurite answers on its default ports (blob 10000, queue 10001, table 10002 on 127.0.0.1).
/// When nothing answers it starts the repository's pinned Azurite (running <c>npm ci</c> first if needed),
/// keeps its data under <c>.devhost/azurite</c> (git-ignored), and stops it again on dispose.
/// An Azurite that already runs is used as it is and left running.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly int[] Ports = [10000, 10001, 10002];
    private readonly Process? process;

    private AzuriteProcess(Process? process)
    {
        this.process = process;
    }

    public bool StartedHere => process is not null;

    public static async Task<AzuriteProcess> EnsureRunningAsync(string repositoryRoot, TextWriter log, CancellationToken cancellationToken)
    {
        var answering = 0;
        foreach (var port in Ports)
        {
            answering += await AnswersAsync(port, cancellationToken) ? 1 : 0;
        }

        if (answering == Ports.Length)
        {
            await log.WriteLineAsync("Azurite already runs on 127.0.0.1:10000-10002; using it.");
            return new AzuriteProcess(null);
        }

        if (answering > 0)
        {
            throw new InvalidOperationException("Some of the ports 10000-10002 answer and some do not: stop whatever holds them, or run a full Azurite.");
        }

        var azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            await log.WriteLineAsync("Azurite is not installed yet: running 'npm ci' …");
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], repositoryRoot, cancellationToken);
        }

        var dataDir = Path.Combine(repositoryRoot, ".devhost", "azurite");
        Directory.CreateDirectory(dataDir);
        var psi = new ProcessStartInfo(azurite) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--location", dataDir, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" })
        {
            psi.ArgumentList.Add(arg);
        }

        var started = Process.Start(psi) ?? throw new InvalidOperationException("Azurite did not start");
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                log.WriteLine("azurite: " + e.Data);
            }
        };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        // Generous: on a loaded 2-core machine node can take tens of seconds to start.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        foreach (var port in Ports)
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

        await log.WriteLineAsync($"Started Azurite (data in {dataDir}).");
        return new AzuriteProcess(started);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
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
        await p.WaitForExitAsync(cancellationToken);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {p.ExitCode}");
        }
    }
}
