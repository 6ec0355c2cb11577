using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Voice.Testing;

namespace Voice.Sip.Tests.Peers;

/// <summary>
/// A headless baresip instance (see ../shared/peers.md) in its own temp directory, driven over ctrl_tcp
/// (netstring JSON commands and events). Always dispose it: it quits baresip, kills it if needed and deletes the directory.
/// </summary>
internal sealed class BaresipPeer : IAsyncDisposable
{
    private readonly string directory;
    private readonly Process process;
    private readonly Channel<JsonElement> events = Channel.CreateUnbounded<JsonElement>();
    private TcpClient? control;
    private Task? reader;

    private BaresipPeer(string directory, Process process, int sipPort, int controlPort)
    {
        this.directory = directory;
        this.process = process;
        SipPort = sipPort;
        ControlPort = controlPort;
    }

    public int SipPort { get; }

    public int ControlPort { get; }

    public string Uri => $"sip:bob@127.0.0.1:{SipPort}";

    public static async Task<BaresipPeer> StartAsync(string answerMode)
    {
        var directory = Directory.CreateTempSubdirectory("baresip-").FullName;
        var sipPort = FreePorts.NextBlock(2);
        var controlPort = FreePorts.Next();
        var rtpStart = FreePorts.NextBlock(20);
        var wav = Path.Combine(directory, "source8k.wav");
        await RunAsync("sox", $"-n -r 8000 -c 1 -b 16 -e signed-integer {wav} synth 30 sine 440");
        var name = Path.GetFileName(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "config"), $"""
            poll_method epoll
            sip_listen 127.0.0.1:{sipPort}
            net_interface 127.0.0.1
            audio_source aufile,{wav}
            audio_player aubridge,null{name}
            audio_alert aubridge,null{name}
            rtp_ports {rtpStart}-{rtpStart + 19}
            module_path /usr/lib/baresip/modules
            module g711.so
            module aufile.so
            module aubridge.so
            module ctrl_tcp.so
            module_tmp account.so
            module_app menu.so
            ctrl_tcp_listen 127.0.0.1:{controlPort}

            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "accounts"), $"<sip:bob@127.0.0.1:{sipPort}>;regint=0;answermode={answerMode};audio_codecs=PCMU\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "contacts"), "");
        var process = Process.Start(new ProcessStartInfo("baresip", $"-f {directory} -t 120")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new BaresipPeer(directory, process, sipPort, controlPort);
        try
        {
            await peer.ConnectAsync();
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    public async Task SendAsync(string command, string parameters = "")
    {
        var json = JsonSerializer.Serialize(new { command, @params = parameters, token = command });
        var bytes = Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(json)}:{json},");
        await control!.GetStream().WriteAsync(bytes);
    }

    /// <summary>Waits for an event of the given type (e.g. CALL_ESTABLISHED), skipping others.</summary>
    public async Task<JsonElement> WaitForEventAsync(string type, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var e = await events.Reader.ReadAsync(timeout.Token);
                if (e.TryGetProperty("type", out var t) && t.GetString() == type)
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"baresip event {type} not seen");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (control is not null && !process.HasExited)
            {
                await SendAsync("quit");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            control?.Dispose();
            if (reader is not null)
            {
                await reader;
            }

            process.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await p.StandardError.ReadToEndAsync()}");
        }
    }

    private async Task ConnectAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, ControlPort);
                control = client;
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                client.Dispose();
                await Task.Delay(100);
            }
        }

        reader = Task.Run(ReadEventsAsync);
    }

    // Netstrings: "<length>:<json>,"
    private async Task ReadEventsAsync()
    {
        var stream = control!.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(chunk);
                if (read == 0)
                {
                    break;
                }

                buffer.AddRange(chunk.AsSpan(0, read));
                while (true)
                {
                    var colon = buffer.IndexOf((byte)':');
                    if (colon < 0 || !int.TryParse(Encoding.ASCII.GetString(buffer.GetRange(0, colon).ToArray()), out var length) || buffer.Count < colon + 1 + length + 1)
                    {
                        break;
                    }

                    var json = buffer.GetRange(colon + 1, length).ToArray();
                    buffer.RemoveRange(0, colon + 1 + length + 1);
                    using var document = JsonDocument.Parse(json);
                    events.Writer.TryWrite(document.RootElement.Clone());
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException)
        {
        }
    }
}
