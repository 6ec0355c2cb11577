using System.Diagnostics;
using System.Net.Sockets;
using Voice.Bench.Latency;

namespace Voice.Bench;

/// <summary>
/// An Azurite of the benchmark's own: the repository's pinned Azurite (<c>node_modules/.bin/azurite</c>, as DevHost
/// runs it, data on disk) on free loopback ports with its data in a fresh temporary folder, killed and deleted on
/// dispose. Not the shared one on 10000-10002: other DevHosts and test runs on this machine use that one, and a
/// second DevHost on the same queues would take this benchmark's media events and task-hub work.
/// </summary>
internal sealed class BenchAzurite : IAsyncDisposable
{
    // Azurite's well-known development account (public, documented by Microsoft).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;
    private readonly string dataDirectory;
    private int disposed;

    private BenchAzurite(Process process, string dataDirectory, int blob, int queue, int table)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    /// <summary>The <c>VoiceStorage</c> connection string of this Azurite.</summary>
    public string ConnectionString { get; }

    /// <summary>Azurite's process id (a Node.js process), for CPU accounting.</summary>
    public int ProcessId => process.Id;

    public static async Task<BenchAzurite> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"{azurite} is missing: run 'npm ci' in {repositoryRoot} (or link its node_modules from a checkout that has it).");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("voice-bench-azurite-").FullName;
        int[] ports = [Ports.Free(), Ports.Free(), Ports.Free()];
        var psi = new ProcessStartInfo(azurite) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Azurite did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                Console.Error.WriteLine("azurite: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new BenchAzurite(process, dataDirectory, ports[0], ports[1], ports[2]);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120); // Node.js can be slow to start on a loaded 2-core machine
            foreach (var port in ports)
            {
                while (!await AnswersAsync(port, cancellationToken))
                {
                    if (process.HasExited || DateTime.UtcNow > deadline)
                    {
                        throw new InvalidOperationException($"Azurite did not open port {port}");
                    }

                    await Task.Delay(100, cancellationToken);
                }
            }

            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
        }

        process.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
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
}
