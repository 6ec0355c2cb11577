using System.Diagnostics;
using System.Globalization;

namespace Voice.Bench;

/// <summary>
/// The machine around a measurement (Linux /proc): the 1-minute load average, a wait for a quiet machine before a
/// measured run, and CPU time of the processes involved and of the whole machine, to tell who used the two cores.
/// </summary>
internal static class BenchMachine
{
    private const double TicksPerSecond = 100; // USER_HZ (getconf CLK_TCK) on Linux

    /// <summary>The 1-minute load average, NaN where /proc/loadavg is missing.</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// Waits while the 1-minute load average is above <paramref name="maxLoad"/>, polling every 30 s for at most
    /// <paramref name="limit"/>; returns the load it measured at last (still above the bound if the wait ran out).
    /// </summary>
    public static async Task<double> WaitQuietAsync(double maxLoad, TimeSpan limit, CancellationToken cancellationToken)
    {
        var load = LoadAverage();
        if (double.IsNaN(load) || maxLoad <= 0 || load <= maxLoad)
        {
            return load;
        }

        var waited = Stopwatch.StartNew();
        while (load > maxLoad && waited.Elapsed < limit)
        {
            Console.WriteLine($"  load average {load:0.00} > {maxLoad:0.0}: waiting (polling every 30 s, {waited.Elapsed.TotalMinutes:0.0}/{limit.TotalMinutes:0} min) …");
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            load = LoadAverage();
        }

        Console.WriteLine(load > maxLoad
            ? $"  load average still {load:0.00} after {waited.Elapsed.TotalMinutes:0} min: measuring anyway (noted)"
            : $"  load average {load:0.00} after {waited.Elapsed.TotalMinutes:0.0} min of waiting");
        return load;
    }

    /// <summary>User + system CPU seconds of a process so far; NaN when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd (state) on
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    /// <summary>Busy and total CPU seconds of the whole machine (all cores) so far.</summary>
    public static (double Busy, double Total) MachineCpuSeconds()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + (values.Length > 4 ? values[4] : 0); // idle + iowait
        var total = values.Take(8).Sum(); // user nice system idle iowait irq softirq steal (guest is inside user)
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    /// <summary>The direct child of this process whose command line contains <paramref name="marker"/>, if any.</summary>
    public static int? ChildProcess(string marker)
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
                if (parent == self && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
            {
            }
        }

        return null;
    }

    /// <summary>
    /// CPU use over a measured window, in % of one core: each named process, and the rest of the machine (whatever
    /// else ran on the cores meanwhile — other engineers' test suites on a shared machine). <see cref="Sample"/> it
    /// while the window runs: a process that exits (sipp at its end) keeps its last reading.
    /// </summary>
    public sealed class CpuWindow
    {
        private readonly Dictionary<string, int> processes;
        private readonly Dictionary<string, double> start = [];
        private readonly Dictionary<string, double> last = [];
        private readonly long startedAt = Stopwatch.GetTimestamp();
        private readonly double machineStart = MachineCpuSeconds().Busy;
        private double machineLast;
        private long sampledAt;

        public CpuWindow(IReadOnlyDictionary<string, int> processes)
        {
            this.processes = new Dictionary<string, int>(processes);
            foreach (var (name, pid) in processes)
            {
                start[name] = CpuSeconds(pid);
                last[name] = start[name];
            }

            Sample();
        }

        /// <summary>A process started after the window opened (counted from now).</summary>
        public void Add(string name, int pid)
        {
            processes[name] = pid;
            start[name] = CpuSeconds(pid);
            last[name] = start[name];
        }

        public void Sample()
        {
            foreach (var (name, pid) in processes)
            {
                if (CpuSeconds(pid) is var used && !double.IsNaN(used))
                {
                    last[name] = used;
                }
            }

            machineLast = MachineCpuSeconds().Busy;
            sampledAt = Stopwatch.GetTimestamp();
        }

        /// <summary>
        /// CPU milliseconds per unit of work (a call) of each named process up to the last sample: what the work costs,
        /// whatever else shares the cores. 2000 / their sum bounds the rate two cores can carry.
        /// </summary>
        public string PerUnit(int units)
        {
            var parts = new List<string>();
            var sum = 0.0;
            foreach (var name in processes.Keys)
            {
                var used = last[name] - start[name];
                if (!double.IsNaN(used) && units > 0)
                {
                    sum += used;
                    parts.Add($"{name} {1000 * used / units:0.0}");
                }
            }

            parts.Add($"sum {1000 * sum / Math.Max(1, units):0.0}");
            return string.Join(", ", parts);
        }

        /// <summary>"name 85 %, …, other 4 %, machine 160 % of 200 %" up to the last sample.</summary>
        public string Describe()
        {
            var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(startedAt, sampledAt).TotalSeconds);
            var machineBusy = machineLast - machineStart;
            var ours = 0.0;
            var parts = new List<string>();
            foreach (var name in processes.Keys)
            {
                var used = last[name] - start[name];
                if (!double.IsNaN(used))
                {
                    ours += used;
                    parts.Add($"{name} {100 * used / seconds:0} %");
                }
            }

            parts.Add($"other {Math.Max(0, 100 * (machineBusy - ours) / seconds):0} %");
            parts.Add($"machine {100 * machineBusy / seconds:0} % of {Environment.ProcessorCount * 100} %");
            return string.Join(", ", parts);
        }
    }
}
