using System.Diagnostics;
using System.Globalization;

namespace Voice.Testing;

/// <summary>
/// A sipp (Debian <c>sip-tester</c>) running one call of an XML scenario against a target on 127.0.0.1. The scenario
/// decides what the peer sends and expects; sipp exits 0 when the call followed it. Disposing kills it.
/// </summary>
public sealed class Sipp : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private Sipp(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>sipp's own SIP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Everything sipp wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>Starts one call of <paramref name="scenarioFile"/> to <paramref name="targetPort"/> on 127.0.0.1.</summary>
    public static Sipp Start(string scenarioFile, int targetPort, int timeoutSeconds = 30)
    {
        var port = FreePorts.Next();
        var psi = new ProcessStartInfo("sipp") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[]
        {
            "-sf", scenarioFile, "-m", "1", "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-nostdin",
            "-timeout", $"{timeoutSeconds.ToString(CultureInfo.InvariantCulture)}s", "-timeout_error", $"127.0.0.1:{targetPort.ToString(CultureInfo.InvariantCulture)}",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("sipp did not start");
        var sipp = new Sipp(process, port);
        PeerProcess.CaptureOutput(process, line =>
        {
            if (line is not null)
            {
                lock (sipp.output)
                {
                    sipp.output.Add(line);
                }
            }
        });
        return sipp;
    }

    /// <summary>Waits for sipp to finish its call (at most <paramref name="seconds"/>) and returns its exit code (0: the scenario passed).</summary>
    public async Task<int> ExitCodeAsync(int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"sipp did not finish within {seconds} s:\n{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
