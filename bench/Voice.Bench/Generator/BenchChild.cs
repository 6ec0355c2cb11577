using System.Diagnostics;
using System.Globalization;

namespace Voice.Bench.Generator;

/// <summary>
/// A child process running a hidden area of this same executable (the load generator, our relay node), talked to
/// by lines on stdin/stdout; stderr is kept (the last lines) to explain a failure. Disposing closes stdin, waits a
/// little for the child to end and kills it (and anything it started) otherwise, so a bench never leaves it running.
/// </summary>
internal sealed class BenchChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _errors = new();

    private BenchChild(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_errors)
                {
                    _errors.Enqueue(line);
                    if (_errors.Count > 20)
                    {
                        _errors.Dequeue();
                    }
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>Starts <c>Voice.Bench &lt;area&gt; &lt;arguments&gt;</c> (through <c>dotnet</c> when that is how this one runs).</summary>
    public static BenchChild Start(string area, IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to start a child from");
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchChild).Assembly.Location);
        }

        start.ArgumentList.Add(area);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new BenchChild(Process.Start(start) ?? throw new InvalidOperationException($"{area} did not start"));
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next stdout line, which must start with <paramref name="prefix"/>; throws with the child's stderr when it ends or is silent too long.</summary>
    public async Task<string> ReadAsync(string prefix, TimeSpan timeout)
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no '{prefix}' from child {_process.Id} within {timeout.TotalSeconds:0} s{Errors()}");
        }

        return line switch
        {
            null => throw new InvalidOperationException($"child {_process.Id} ended before '{prefix}'{Errors()}"),
            _ when !line.StartsWith(prefix, StringComparison.Ordinal) => throw new InvalidOperationException($"child {_process.Id} said '{line}' where '{prefix}' was expected{Errors()}"),
            _ => line,
        };
    }

    /// <summary>User + system CPU seconds so far (/proc).</summary>
    public double CpuSeconds() => BenchMachine.CpuSeconds(_process.Id);

    /// <summary>Resident set size in MB (/proc status VmRSS).</summary>
    public double ResidentMegabytes() => ResidentMemory.Megabytes(_process.Id);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; its stderr: {string.Join(" | ", _errors)}");
        }
    }
}
