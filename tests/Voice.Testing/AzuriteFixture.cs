using System.Diagnostics;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace Voice.Testing;

/// <summary>
/// Starts a real Azurite (from the repository's node_modules, installed by <c>npm ci</c>) on free loopback
/// ports with its own data folder, and stops it when disposed. Use as an xunit class or collection fixture.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? process;
    private string? dataDir;

    public int BlobPort { get; } = FreePorts.Next();

    public int QueuePort { get; } = FreePorts.Next();

    public int TablePort { get; } = FreePorts.Next();

    /// <summary>Connection string for all three services, as Azure Storage SDK clients take it.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public TableServiceClient Tables => new(ConnectionString);

    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public BlobServiceClient Blobs => new(ConnectionString);

    public async Task InitializeAsync()
    {
        var azurite = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"{azurite} is missing: run 'npm ci' in the repository root (tests/run.sh does).");
        }

        dataDir = Directory.CreateTempSubdirectory("azurite-test-").FullName;
        var psi = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--location", dataDir,
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
        })
        {
            psi.ArgumentList.Add(arg);
        }

        process = Process.Start(psi) ?? throw new InvalidOperationException("azurite did not start");

        // Safety net: a test host that exits without disposing its fixtures must not leave Azurite behind.
        var started = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (!started.HasExited)
                {
                    started.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Generous: on a loaded 2-core machine node can take tens of seconds to start.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"azurite did not open port {port} (exited: {process.HasExited})");
                }

                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
        if (dataDir is not null)
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
