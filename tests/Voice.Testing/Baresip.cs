using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Voice.Media.Playback;

namespace Voice.Testing;

/// <summary>
/// A real baresip on loopback with its own config directory and ports, driven through ctrl_tcp (JSON netstrings).
/// Its source is a WAV file (default 10 s of silence); what it hears is written by sndfile to <see cref="RecordingDir"/>.
/// Killed on disposal.
/// </summary>
public sealed class Baresip : IAsyncDisposable
{
    private readonly Process process;
    private readonly TcpClient control;
    private readonly Channel<JsonElement> events = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> seen = [];

    private Baresip(string dir, int sipPort, Process process, TcpClient control)
    {
        Directory = dir;
        SipPort = sipPort;
        this.process = process;
        this.control = control;
        _ = ReadEventsAsync();
    }

    public string Directory { get; }

    public int SipPort { get; }

    public string RecordingDir => Path.Combine(Directory, "rec");

    /// <summary>The SIP URI of this baresip's account.</summary>
    public string Uri => $"sip:bob@127.0.0.1:{SipPort}";

    /// <summary>
    /// Starts a baresip whose source is silence, a sine of <paramref name="toneHz"/>, or the audio file
    /// <paramref name="sourceAudio"/> (any format sox reads; converted to 8 kHz and padded with 30 s of silence,
    /// since baresip hangs up when its source ends); <paramref name="accountParameters"/> (e.g.
    /// <c>;call_transfer=no</c>) are appended to its account line.
    /// </summary>
    public static async Task<Baresip> StartAsync(string answerMode = "auto", int? toneHz = null, string? sourceAudio = null, string accountParameters = "")
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("baresip-test-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "rec"));
        var block = FreePorts.NextBlock(24);
        var sipPort = block;
        var ctrlPort = block + 2;
        var source = Path.Combine(dir, "source8k.wav");
        await (sourceAudio is not null
            ? RunAsync("sox", sourceAudio, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", source, "pad", "0", "30")
            : toneHz is { } hz
            ? RunAsync("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", source, "synth", "30", "sine", hz.ToString(), "vol", "0.3")
            : RunAsync("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", source, "trim", "0", "30"));

        await File.WriteAllTextAsync(Path.Combine(dir, "contacts"), "");
        await File.WriteAllTextAsync(Path.Combine(dir, "accounts"),
            $"<sip:bob@127.0.0.1:{sipPort}>;regint=0;answermode={answerMode};audio_codecs=PCMU;dtmfmode=rtpevent{accountParameters}\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "config"), $"""
            poll_method epoll
            sip_listen 127.0.0.1:{sipPort}
            net_interface 127.0.0.1
            audio_source aufile,{source}
            audio_player aubridge,null{sipPort}
            audio_alert aubridge,null{sipPort}
            rtp_ports {block + 4}-{block + 23}
            module_path /usr/lib/baresip/modules
            module g711.so
            module aufile.so
            module aubridge.so
            module sndfile.so
            module ctrl_tcp.so
            module_tmp account.so
            module_app menu.so
            snd_path {dir}/rec
            ctrl_tcp_listen 127.0.0.1:{ctrlPort}
            """);
        var psi = new ProcessStartInfo("baresip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-f", dir, "-t", "60" })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("baresip did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", ctrlPort);
                return new Baresip(dir, sipPort, process, client);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                client.Dispose();
                await Task.Delay(100);
            }
            catch
            {
                client.Dispose();
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Freezes the phone with SIGSTOP: it sends no more RTP or RTCP and answers no SIP, like a phone whose network
    /// went away. <see cref="DisposeAsync"/> still ends it (SIGKILL reaches a stopped process).
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>Resumes a frozen phone (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>Sends a ctrl_tcp command (dial, accept, hangup, sndcode…).</summary>
    public async Task CommandAsync(string command, string parameters = "")
    {
        var json = JsonSerializer.Serialize(new { command, @params = parameters, token = "t" });
        var frame = Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(json)}:{json},");
        await control.GetStream().WriteAsync(frame);
    }

    /// <summary>Waits for a ctrl_tcp event of <paramref name="type"/> (e.g. CALL_ESTABLISHED) seen at any time.</summary>
    public async Task<JsonElement> EventAsync(string type, int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var found = Snapshot().FirstOrDefault(e => TypeOf(e) == type);
        if (found.ValueKind != JsonValueKind.Undefined)
        {
            return found;
        }

        try
        {
            while (true)
            {
                var next = await events.Reader.ReadAsync(timeout.Token);
                if (TypeOf(next) == type)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"baresip did not report {type} within {seconds} s; saw {string.Join(", ", Snapshot().Select(TypeOf))}");
        }
    }

    /// <summary>The event types seen so far, in order.</summary>
    public IReadOnlyList<string> SeenTypes => Snapshot().Select(TypeOf).ToList();

    /// <summary>Parameters of every event of <paramref name="type"/> seen so far.</summary>
    public IReadOnlyList<string> Params(string type) =>
        Snapshot().Where(e => TypeOf(e) == type).Select(e => e.TryGetProperty("param", out var p) ? p.GetString() ?? "" : "").ToList();

    /// <summary>What baresip heard (sndfile's dump-*-dec.wav, 8 kHz), once the file holds at least a second.</summary>
    public async Task<short[]> HeardAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var file = System.IO.Directory.GetFiles(RecordingDir, "dump-*-dec.wav").FirstOrDefault();
            if (file is not null && WavFile.TryParse(await File.ReadAllBytesAsync(file), out var audio, out _) && audio.Samples.Length > 8000)
            {
                return audio.ResampledTo(8000).Samples;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("baresip wrote no recording of what it heard");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        control.Dispose();
        await PeerProcess.StopAsync(process, Directory);
    }

    private JsonElement[] Snapshot()
    {
        lock (seen)
        {
            return [.. seen];
        }
    }

    private static string TypeOf(JsonElement e) => e.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    private async Task ReadEventsAsync()
    {
        var stream = control.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk)) > 0)
            {
                buffer.AddRange(chunk.AsSpan(0, read));
                while (TryTakeNetstring(buffer, out var payload))
                {
                    using var doc = JsonDocument.Parse(payload);
                    var element = doc.RootElement.Clone();
                    if (element.TryGetProperty("event", out var isEvent) && isEvent.ValueKind == JsonValueKind.True)
                    {
                        lock (seen)
                        {
                            seen.Add(element);
                        }

                        events.Writer.TryWrite(element);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or JsonException)
        {
        }
    }

    private static bool TryTakeNetstring(List<byte> buffer, out string payload)
    {
        payload = "";
        var colon = buffer.IndexOf((byte)':');
        if (colon < 0 || !int.TryParse(Encoding.ASCII.GetString(buffer.GetRange(0, colon).ToArray()), out var length) || buffer.Count < colon + 1 + length + 1)
        {
            return false;
        }

        payload = Encoding.UTF8.GetString(buffer.GetRange(colon + 1, length).ToArray());
        buffer.RemoveRange(0, colon + 1 + length + 1);
        return true;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
