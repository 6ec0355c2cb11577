using System.Diagnostics;
using System.Globalization;

namespace Voice.Bench.Fleet;

/// <summary>
/// Issue #12's fleet figures on two media-nodes behind one DevHost (<see cref="FleetStack"/>), sipp answering:
/// <b>ramp</b> — outbound calls at each rate for a while, each held and hung up: calls/s sustained with no failure,
/// setup (POST → the in-progress status callback) p50/p95, calls per node; <b>kill</b> — N live calls over both nodes,
/// SIGKILL one node: time from the kill to the last of its calls reported <c>failed</c> (goal ≤ 20 s with the default
/// 15 s loss window and 5 s sweep), and the other node's calls untouched.
/// </summary>
internal static class FleetBench
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FailTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(string[] args)
    {
        var rates = (BenchArguments.Option(args, "--rates") ?? "2,5,10").Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var seconds = BenchArguments.IntOption(args, "--seconds", 20);
        var holdMs = BenchArguments.IntOption(args, "--hold-ms", 2000);
        var killCalls = BenchArguments.IntOption(args, "--kill-calls", 20);
        var soakSeconds = BenchArguments.IntOption(args, "--soak-seconds", 0);
        var soakRate = double.Parse(BenchArguments.Option(args, "--soak-rate") ?? "1.5", CultureInfo.InvariantCulture);
        var root = Voice.Testing.RepositoryRoot.Path;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        Console.WriteLine($"fleet: 2 media-nodes, sipp answering; ramp {string.Join("/", rates)} calls/s × {seconds} s, hold {holdMs} ms; kill with {killCalls} calls");
        var ramp = new List<string>();
        await using (var stack = await FleetStack.StartAsync(root, cancel.Token))
        {
            var index = 0;
            foreach (var rate in rates)
            {
                var trial = await RampAsync(stack, rate, seconds, holdMs, () => Interlocked.Increment(ref index), cancel.Token);
                ramp.Add(trial);
                Console.WriteLine(trial);
            }
        }

        string kill;
        await using (var stack = await FleetStack.StartAsync(root, cancel.Token))
        {
            kill = await KillAsync(stack, killCalls, cancel.Token);
            Console.WriteLine(kill);
        }

        if (soakSeconds > 0)
        {
            await using var stack = await FleetStack.StartAsync(root, cancel.Token);
            var soak = await SoakAsync(stack, soakRate, soakSeconds, holdMs, cancel.Token);
            Console.WriteLine(soak);
            ramp.Add(soak);
        }

        Console.WriteLine();
        Console.WriteLine("| trial | result |");
        Console.WriteLine("|---|---|");
        foreach (var line in ramp.Append(kill))
        {
            Console.WriteLine($"| {line.Split(':')[0]} | {line[(line.IndexOf(':') + 1)..].Trim()} |");
        }

        return 0;
    }

    private static async Task<string> RampAsync(FleetStack stack, double rate, int seconds, int holdMs, Func<int> nextIndex, CancellationToken cancellationToken)
    {
        var total = (int)Math.Round(rate * seconds);
        var setups = new List<double>();
        var failures = new List<string>();
        var perNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var calls = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var tag = $"r{nextIndex()}";
            calls.Add(OneCallAsync(tag));
        }

        await Task.WhenAll(calls);
        var wall = clock.Elapsed.TotalSeconds;
        setups.Sort();
        var spread = string.Join(", ", perNode.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"ramp {rate:0.#}/s: {total} calls, {failures.Count} failed{(failures.Count > 0 ? $" (first: {failures[0]})" : "")}, setup p50 {BenchArguments.Percentile(setups, 0.5):0} ms p95 {BenchArguments.Percentile(setups, 0.95):0} ms, {spread}, {wall:0.0} s");

        async Task OneCallAsync(string tag)
        {
            var posted = Stopwatch.GetTimestamp();
            var id = await stack.PlaceCallAsync(tag, cancellationToken);
            if (id is null)
            {
                Fail($"{tag}: POST refused");
                return;
            }

            if (await WaitForAsync(() => stack.ArrivalOf(tag, "in-progress"), AnswerTimeout, cancellationToken) is not { } answered)
            {
                Fail($"{tag}: not answered in {AnswerTimeout.TotalSeconds} s");
                return;
            }

            lock (setups)
            {
                setups.Add(Stopwatch.GetElapsedTime(posted, answered).TotalMilliseconds);
            }

            if (await stack.NodeOfAsync(id, cancellationToken) is { } node)
            {
                lock (perNode)
                {
                    perNode[node.NodeId] = perNode.GetValueOrDefault(node.NodeId) + 1;
                }
            }

            await Task.Delay(holdMs, cancellationToken);
            if (!await stack.HangUpAsync(id, cancellationToken))
            {
                Fail($"{tag}: DELETE refused");
                return;
            }

            if (await WaitForAsync(() => stack.ArrivalOf(tag, "completed"), AnswerTimeout, cancellationToken) is null)
            {
                Fail($"{tag}: no completed callback after the hangup");
            }
        }

        void Fail(string why)
        {
            lock (failures)
            {
                failures.Add(why);
            }
        }
    }

    // Memory at the start (after a warm-up trial) and at the end, and what the call index still holds once all is quiet.
    private static async Task<string> SoakAsync(FleetStack stack, double rate, int seconds, int holdMs, CancellationToken cancellationToken)
    {
        var index = 0;
        Func<int> next = () => Interlocked.Increment(ref index);
        await RampAsync(stack, rate, 10, holdMs, next, cancellationToken);
        var before = stack.Processes().ToDictionary(p => p.Key, p => Voice.Bench.Generator.ResidentMemory.Megabytes(p.Value));
        var trial = await RampAsync(stack, rate, seconds, holdMs, next, cancellationToken);
        var after = stack.Processes().ToDictionary(p => p.Key, p => Voice.Bench.Generator.ResidentMemory.Megabytes(p.Value));
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken); // let the last index removals land before counting
        var stranded = await stack.IndexedLiveCallsAsync(cancellationToken);
        var memory = string.Join(", ", before.Keys.Order(StringComparer.Ordinal).Select(k => string.Create(
            CultureInfo.InvariantCulture, $"{k} {before[k]:0} → {after[k]:0} MB ({(after[k] - before[k]) / before[k] * 100:+0;-0} %)")));
        var result = trial[(trial.IndexOf(':') + 1)..].Trim();
        return string.Create(CultureInfo.InvariantCulture, $"soak {rate:0.#}/s × {seconds} s: {result}; RSS {memory}; stranded calls {stranded}");
    }

    private static async Task<string> KillAsync(FleetStack stack, int count, CancellationToken cancellationToken)
    {
        var calls = new List<(string Tag, string Id)>();
        for (var i = 0; i < count; i++)
        {
            var tag = $"k{i}";
            if (await stack.PlaceCallAsync(tag, cancellationToken) is { } id)
            {
                calls.Add((tag, id));
            }

            await Task.Delay(200, cancellationToken); // 5 calls/s, well inside what the ramp sustains
        }

        foreach (var (tag, _) in calls)
        {
            if (await WaitForAsync(() => stack.ArrivalOf(tag, "in-progress"), AnswerTimeout, cancellationToken) is null)
            {
                return $"kill: {tag} was never answered; no figure";
            }
        }

        var onB = new List<(string Tag, string Id)>();
        var onA = new List<(string Tag, string Id)>();
        foreach (var call in calls)
        {
            ((await stack.NodeOfAsync(call.Id, cancellationToken))?.NodeId == "node-b" ? onB : onA).Add(call);
        }

        var killedAt = Stopwatch.GetTimestamp();
        stack.Kill("node-b");
        var failedAfter = new List<double>();
        var missing = 0;
        foreach (var (tag, _) in onB)
        {
            if (await WaitForAsync(() => stack.ArrivalOf(tag, "failed"), FailTimeout, cancellationToken) is { } failed)
            {
                failedAfter.Add(Stopwatch.GetElapsedTime(killedAt, failed).TotalSeconds);
            }
            else
            {
                missing++;
            }
        }

        // The survivors: still live (no terminal callback), then hung up normally.
        var survivorsHurt = onA.Count(c => stack.ArrivalOf(c.Tag, "failed") is not null || stack.ArrivalOf(c.Tag, "completed") is not null);
        foreach (var (_, id) in onA)
        {
            await stack.HangUpAsync(id, cancellationToken);
        }

        failedAfter.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"kill node-b: {onB.Count} of {calls.Count} calls on it, {failedAfter.Count} reported failed, {missing} not within {FailTimeout.TotalSeconds} s; SIGKILL → failed first {(failedAfter.Count > 0 ? failedAfter[0] : double.NaN):0.0} s, last {(failedAfter.Count > 0 ? failedAfter[^1] : double.NaN):0.0} s (goal ≤ 20 s); node-a's {onA.Count} calls ended early: {survivorsHurt}");
    }

    private static async Task<long?> WaitForAsync(Func<long?> arrival, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (arrival() is { } at)
            {
                return at;
            }

            await Task.Delay(20, cancellationToken);
        }

        return arrival();
    }
}
