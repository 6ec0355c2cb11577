using System.Diagnostics;

namespace Voice.Testing;

/// <summary>
/// A real sipp (Debian sip-tester) running its built-in <c>uas</c> scenario on loopback UDP: it answers every INVITE
/// (180, 200 with SDP), and waits for the BYE. The messages it received are logged, so a test counts the INVITEs and
/// BYEs that reached it. Killed with its working folder on disposal.
/// </summary>
public sealed class SippAnswerer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string messageLog;

    private SippAnswerer(string directory, int port, Process process)
    {
        Directory = directory;
        Port = port;
        this.process = process;
        messageLog = Path.Combine(directory, "messages.log");
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>A SIP URI that rings this answerer; <paramref name="user"/> tells calls apart.</summary>
    public string Uri(string user = "uas") => $"sip:{user}@127.0.0.1:{Port}";

    public static async Task<SippAnswerer> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("sipp-uas-").FullName;
        var block = FreePorts.NextBlock(4);
        var psi = new ProcessStartInfo("sipp")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[]
        {
            "-sn", "uas", "-i", "127.0.0.1", "-p", block.ToString(), "-mp", (block + 2).ToString(), "-nostdin",
            "-trace_msg", "-message_file", Path.Combine(directory, "messages.log"),
        })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("sipp did not start");
        PeerProcess.CaptureOutput(process, _ => { });
        var answerer = new SippAnswerer(directory, block, process);
        await Eventually.HoldsAsync(() => process.HasExited || IsBound(block), "sipp to listen", 20);
        if (process.HasExited)
        {
            await answerer.DisposeAsync();
            throw new InvalidOperationException($"sipp exited at start with code {process.ExitCode}");
        }

        return answerer;
    }

    /// <summary>Requests received with <paramref name="method"/> so far (a retransmission counts again).</summary>
    public int Received(string method) =>
        ReadLog().Split('\n').Count(line => line.StartsWith(method + " sip:", StringComparison.Ordinal));

    /// <summary>
    /// The users the requests with <paramref name="method"/> were addressed to, distinct: the To header's user part, since a
    /// request inside a dialog (a BYE) goes to sipp's Contact, which names no user, while its To stays the dialled URI.
    /// </summary>
    public HashSet<string> UsersOf(string method)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        var inRequest = false;
        foreach (var line in ReadLog().Split('\n'))
        {
            if (line.StartsWith(method + " sip:", StringComparison.Ordinal))
            {
                inRequest = true;
            }
            else if (line.StartsWith("-----", StringComparison.Ordinal) || line.Trim().Length == 0)
            {
                inRequest = false;
            }
            else if (inRequest && (line.StartsWith("To:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("t:", StringComparison.OrdinalIgnoreCase))
                && line.IndexOf("sip:", StringComparison.Ordinal) is var at and >= 0)
            {
                var uri = line[(at + 4)..];
                if (uri.IndexOf('@') is var user and > 0)
                {
                    users.Add(uri[..user]);
                }

                inRequest = false;
            }
        }

        return users;
    }

    public async ValueTask DisposeAsync() => await PeerProcess.StopAsync(process, Directory);

    // Bound by sipp when our own bind of it fails.
    private static bool IsBound(int port)
    {
        try
        {
            using var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return true;
        }
    }

    private string ReadLog()
    {
        try
        {
            using var stream = new FileStream(messageLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }
}
