using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Voice.Bench.Inbound;

/// <summary>
/// One sipp run of <c>inbound-uac.xml</c> against the node on loopback UDP: <c>calls</c> calls at <c>rate</c> calls/s,
/// each INVITE → 200 and INVITE → 180 timed by sipp (response times 1 and 2, one line per call in its
/// <c>_rtt.csv</c>), failures read from
/// its statistics file. sipp runs in a working folder of its own, is bounded by a global timeout and killed (with
/// its process tree) when the run ends for any reason.
/// </summary>
internal static class SippCaller
{
    public sealed record Options(
        string Scenario,
        IPEndPoint Node,
        string Number,
        double Rate,
        int Calls,
        int HoldMs,
        int ReceiveTimeoutMs,
        string WorkingDirectory);

    public sealed record Result(
        int Created,
        int Successful,
        int Failed,
        int Retransmissions,
        IReadOnlyList<double> SetupMs,
        IReadOnlyList<double> RingMs,
        IReadOnlyDictionary<string, int> FailureKinds,
        int ExitCode,
        double Seconds,
        string Errors);

    /// <summary>True when the <c>sipp</c> executable is on PATH.</summary>
    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "sipp")));

    /// <summary>
    /// Runs sipp to the end (or its timeout): <paramref name="onStarted"/> gets its process id, <paramref name="onSecond"/>
    /// is called about once a second meanwhile.
    /// </summary>
    public static async Task<Result> RunAsync(Options options, Action<int>? onStarted, Action<int>? onSecond, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.WorkingDirectory);
        var seconds = options.Calls / options.Rate;
        var globalTimeout = (int)Math.Ceiling(seconds + (options.ReceiveTimeoutMs / 1000.0 * 3) + 30);
        var psi = new ProcessStartInfo("sipp")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = options.WorkingDirectory,
        };
        var media = FreeUdpPort();
        foreach (var arg in new[]
        {
            options.Node.ToString(),
            "-sf", options.Scenario,
            "-s", options.Number,
            "-i", "127.0.0.1", "-p", FreeUdpPort().ToString(CultureInfo.InvariantCulture), "-t", "u1",
            "-mi", "127.0.0.1", "-mp", media.ToString(CultureInfo.InvariantCulture),
            "-r", options.Rate.ToString(CultureInfo.InvariantCulture), "-rp", "1000",
            "-m", options.Calls.ToString(CultureInfo.InvariantCulture),
            "-l", "5000", // sipp warns above its open-file budget; far above any backlog here
            "-d", options.HoldMs.ToString(CultureInfo.InvariantCulture),
            "-recv_timeout", options.ReceiveTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "-timeout", globalTimeout.ToString(CultureInfo.InvariantCulture) + "s", "-timeout_error",
            "-aa", "-nostdin",
            "-trace_rtt", "-rtt_freq", "1",
            "-trace_stat", "-fd", "1", "-stf", "stats.csv",
            "-trace_err", "-error_file", "errors.log",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("sipp did not start");
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { }; // its screen, redrawn every second
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        onStarted?.Invoke(process.Id);
        try
        {
            using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            hardStop.CancelAfter(TimeSpan.FromSeconds(globalTimeout + 30)); // sipp's own -timeout first; this if it hangs
            var second = 0;
            while (!process.HasExited)
            {
                try
                {
                    await process.WaitForExitAsync(hardStop.Token).WaitAsync(TimeSpan.FromSeconds(1), hardStop.Token);
                }
                catch (TimeoutException)
                {
                    onSecond?.Invoke(++second);
                }
            }
        }
        finally
        {
            Kill(process);
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var stats = ReadLastStats(Path.Combine(options.WorkingDirectory, "stats.csv"));
        var setups = ReadResponseTimes(options.WorkingDirectory, "1");
        var rings = ReadResponseTimes(options.WorkingDirectory, "2");
        var kinds = stats.Where(s => s.Key.StartsWith("Failed", StringComparison.Ordinal) && s.Key.EndsWith("(C)", StringComparison.Ordinal) && s.Key != "FailedCall(C)" && s.Value > 0)
            .ToDictionary(s => s.Key[6..^3], s => s.Value);
        var errors = File.Exists(Path.Combine(options.WorkingDirectory, "errors.log"))
            ? string.Join('\n', File.ReadLines(Path.Combine(options.WorkingDirectory, "errors.log")).Where(l => l.Length > 0).Take(5))
            : "";
        lock (stderr)
        {
            errors = (errors + "\n" + stderr).Trim();
        }

        return new Result(
            stats.GetValueOrDefault("OutgoingCall(C)"),
            stats.GetValueOrDefault("SuccessfulCall(C)"),
            stats.GetValueOrDefault("FailedCall(C)"),
            stats.GetValueOrDefault("Retransmissions(C)"),
            setups,
            rings,
            kinds,
            process.ExitCode,
            elapsed,
            errors);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>The cumulative counters of the last line of sipp's statistics file (<c>-trace_stat</c>).</summary>
    private static Dictionary<string, int> ReadLastStats(string path)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2)
        {
            return values;
        }

        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        for (var i = 0; i < Math.Min(header.Length, last.Length); i++)
        {
            if (int.TryParse(last[i], CultureInfo.InvariantCulture, out var value))
            {
                values[header[i]] = value;
            }
        }

        return values;
    }

    /// <summary>
    /// Every call's response time <paramref name="rtd"/> in ms, ascending (sipp's <c>_rtt.csv</c>:
    /// <c>Date_ms;response_time_ms;rtd_no</c>): 1 is INVITE → 200, 2 INVITE → 180.
    /// </summary>
    private static List<double> ReadResponseTimes(string directory, string rtd)
    {
        var times = new List<double>();
        foreach (var file in Directory.EnumerateFiles(directory, "*_rtt.csv"))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(';');
                if (fields.Length >= 3 && fields[2].Trim() == rtd && double.TryParse(fields[1], CultureInfo.InvariantCulture, out var ms))
                {
                    times.Add(ms);
                }
            }
        }

        times.Sort();
        return times;
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
