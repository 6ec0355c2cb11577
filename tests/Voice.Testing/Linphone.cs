using System.Diagnostics;
using System.Threading.Channels;
using Voice.Media.Playback;

namespace Voice.Testing;

/// <summary>
/// A real linphonec (Debian linphone-cli) on loopback, headless: its own rc and HOME directory and ports, sound from
/// and to WAV files, driven line by line on stdin (<c>call</c>, <c>terminate</c>, a line with one digit sends RFC 4733
/// DTMF). Every output line is kept, so tests wait for "connected", "ended" or "Receiving tone" lines. With
/// <c>pcmuOnly</c> every codec but PCMU is disabled; otherwise linphone offers its defaults (opus, speex, PCMU, PCMA,
/// telephone-event at 48, 16 and 8 kHz). With <c>sipTrace</c> it logs at debug level, which includes every SIP
/// message it sends and receives. Disposal quits it, kills it if needed and deletes the directory.
/// </summary>
public sealed class Linphone : IAsyncDisposable
{
    // linphonec's codec list order: opus/48000, speex/16000, speex/8000, PCMU, PCMA, GSM, G722, G729, ...
    private static readonly int[] CodecsOtherThanPcmu = [0, 1, 2, 4, 5, 6, 7];
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly Channel<string> arrivals = Channel.CreateUnbounded<string>();

    private Linphone(string dir, int sipPort, int rtpPort, Process process)
    {
        Directory = dir;
        SipPort = sipPort;
        RtpPort = rtpPort;
        this.process = process;
        PeerProcess.CaptureOutput(process, Keep);
    }

    public string Directory { get; }

    public int SipPort { get; }

    /// <summary>The first port of the audio RTP/RTCP pair.</summary>
    public int RtpPort { get; }

    /// <summary>The SIP URI that reaches this linphone.</summary>
    public string Uri => $"sip:linphone@127.0.0.1:{SipPort}";

    /// <summary>Where <see cref="StartAsync"/> with <c>record: true</c> makes linphone write what it hears (8 kHz mono WAV).</summary>
    public string RecordingPath => Path.Combine(Directory, "heard.wav");

    /// <summary>Everything linphonec printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>The digits linphone reported receiving ("Receiving tone 5 from ..."), in order.</summary>
    public string TonesReceived => string.Concat(Lines
        .Where(l => l.StartsWith("Receiving tone ", StringComparison.Ordinal) && l.Length > 15)
        .Select(l => l[15]));

    /// <summary>
    /// Starts linphonec with sound from files, auto-answer on, and (when <paramref name="record"/>) recording what it
    /// hears to <see cref="RecordingPath"/>; returns once it has taken its setup commands.
    /// </summary>
    public static async Task<Linphone> StartAsync(bool pcmuOnly = true, bool record = true, bool sipTrace = false)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("linphone-test-").FullName;
        var block = FreePorts.NextBlock(8);
        var (sipPort, rtpPort) = (block, block + 4);
        await File.WriteAllTextAsync(Path.Combine(dir, "rc"), $"""
            [sip]
            use_ipv6=0
            sip_port={sipPort}
            sip_tcp_port=0
            sip_tls_port=0
            guess_hostname=0
            [rtp]
            audio_rtp_port={rtpPort}
            bind_address=127.0.0.1
            [storage]
            uri={dir}/linphone.db
            [video]
            enabled=0

            """);
        var psi = new ProcessStartInfo("linphonec")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        foreach (var arg in new[] { "-c", Path.Combine(dir, "rc"), "-d", sipTrace ? "6" : "0" })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["HOME"] = dir;
        var linphone = new Linphone(dir, sipPort, rtpPort, Process.Start(psi) ?? throw new InvalidOperationException("linphonec did not start"));
        try
        {
            foreach (var codec in pcmuOnly ? CodecsOtherThanPcmu : [])
            {
                await linphone.SendAsync($"codec disable {codec}");
            }

            await linphone.SendAsync("soundcard use files");
            await linphone.SendAsync("autoanswer enable");
            if (record)
            {
                await linphone.SendAsync($"record {linphone.RecordingPath}");
            }

            await linphone.LineAsync(l => l.Contains("Auto answer enabled", StringComparison.Ordinal), 10);
            return linphone;
        }
        catch
        {
            await linphone.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes one command line to linphonec's stdin.</summary>
    public async Task SendAsync(string line)
    {
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for an output line matching <paramref name="match"/> (printed at any time so far or later).</summary>
    public async Task<string> LineAsync(Func<string, bool> match, int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        if (Lines.FirstOrDefault(match) is { } found)
        {
            return found;
        }

        try
        {
            while (true)
            {
                var line = await arrivals.Reader.ReadAsync(timeout.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"linphonec printed no matching line within {seconds} s; its last lines:\n{string.Join("\n", Lines.TakeLast(20))}");
        }
    }

    /// <summary>What linphone heard (its recording, 8 kHz), once the file holds at least a second.</summary>
    public async Task<short[]> HeardAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            if (File.Exists(RecordingPath) && WavFile.TryParse(AsWritten(await File.ReadAllBytesAsync(RecordingPath)), out var audio, out _) && audio.Samples.Length > 8000)
            {
                return audio.ResampledTo(8000).Samples;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("linphone wrote no recording of what it heard");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The recording as far as linphone has written it: while it records, its header's data size runs ahead of the
    /// file (the node refuses such a file as truncated), so the size is set to what the file holds.
    /// </summary>
    private static byte[] AsWritten(byte[] wav)
    {
        var data = wav.AsSpan().IndexOf("data"u8);
        if (data >= 12 && data + 8 <= wav.Length)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(data + 4), (uint)(wav.Length - data - 8));
        }

        return wav;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                await SendAsync("quit");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            await PeerProcess.StopAsync(process, Directory);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The prompt has no line end of its own: "linphonec> Call 1 ... connected." arrives as one line.
        const string Prompt = "linphonec> ";
        while (line.StartsWith(Prompt, StringComparison.Ordinal))
        {
            line = line[Prompt.Length..];
        }

        lock (lines)
        {
            lines.Add(line);
        }

        arrivals.Writer.TryWrite(line);
    }
}
