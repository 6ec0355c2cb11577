using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Voice.DevHost;
using Voice.Testing;
using Xunit.Abstractions;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// The real DevHost (its built dll, as a user runs it) stopped as a terminal stops it: Ctrl-C sends SIGINT to the
/// whole foreground process group. DevHost runs in a group of its own here, starting its own Azurite on free ports
/// (its storage connection names them) with its state in a temporary folder, and its media-node. Everything it
/// started must be gone within 5 s, calls hung up with BYE, DevHost exiting 0; whatever is left is killed after.
/// </summary>
public sealed partial class DevHostShutdownTests(ITestOutputHelper output)
{
    /// <summary>The product's requirement (issue 11): Ctrl-C stops everything within 5 s.</summary>
    private static readonly TimeSpan StopGoal = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ctrl_C_to_the_process_group_stops_DevHost_its_media_node_and_its_Azurite_within_5_s()
    {
        await using var devHost = await DevHostRun.StartAsync(output);

        var stopped = await devHost.InterruptAsync();

        Assert.True(stopped <= StopGoal, $"everything should be gone within {StopGoal.TotalSeconds} s of Ctrl-C; took {stopped.TotalSeconds:0.00} s");
        Assert.Equal(0, devHost.Process.ExitCode);
        Assert.Contains(devHost.Lines, line => line.StartsWith("DevHost stopped in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_during_a_call_hangs_it_up_with_BYE_and_still_stops_within_5_s()
    {
        // A flow that never ends by itself: the call is still up when Ctrl-C comes.
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/answer", """[{"action":"talk","text":"Please hold the line","loop":0}]""");
        await using var phone = await Baresip.StartAsync("auto");
        await using var devHost = await DevHostRun.StartAsync(output);
        await devHost.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{DevAccountSeeder.Numbers[0]}}","url":"http://127.0.0.1:{{webhooks.Port}}/answer"}""");
        await phone.EventAsync("CALL_ESTABLISHED", 60);

        var stopped = await devHost.InterruptAsync();

        // The node is gone, so whatever ended the call at the phone came before; baresip says "Connection reset by
        // peer" for a BYE it received.
        var closed = await phone.EventAsync("CALL_CLOSED", 5);
        output.WriteLine($"baresip: CALL_CLOSED {closed}");
        Assert.Equal("Connection reset by peer", closed.GetProperty("param").GetString());
        Assert.Contains(devHost.Lines, line => line.Contains("Ending 1 calls (shutdown)", StringComparison.Ordinal));

        // The node exited by itself, so its hangup report reached the media-events queue: it waits for that, and with
        // Azurite gone first it would retry until DevHost killed it.
        Assert.DoesNotContain(devHost.Lines, line => line.Contains("media-node did not stop", StringComparison.Ordinal));
        Assert.True(stopped <= StopGoal, $"everything should be gone within {StopGoal.TotalSeconds} s of Ctrl-C; took {stopped.TotalSeconds:0.00} s");
        Assert.Equal(0, devHost.Process.ExitCode);
    }

    [Fact]
    public async Task DevHost_killed_hard_leaves_no_media_node_or_Azurite_behind()
    {
        await using var devHost = await DevHostRun.StartAsync(output);

        // SIGKILL: DevHost runs no code of its own; its children get their parent-death signal from the kernel.
        var stopped = await devHost.SignalGroupAsync(ProcessGroups.SigKill, TimeSpan.FromSeconds(30));

        Assert.True(stopped <= TimeSpan.FromSeconds(10), $"the children should stop within 10 s of DevHost's death; took {stopped.TotalSeconds:0.00} s");
    }

    /// <summary>One DevHost process and what it started, killed (with anything left) on dispose.</summary>
    private sealed partial class DevHostRun : IAsyncDisposable
    {
        private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        private readonly ITestOutputHelper output;
        private readonly string stateDirectory;
        private readonly int healthPort;
        private readonly ConcurrentQueue<string> lines = new();
        private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<ProcessSnapshot> children = [];

        private DevHostRun(ITestOutputHelper output, Process process, string stateDirectory, int healthPort)
        {
            this.output = output;
            Process = process;
            this.stateDirectory = stateDirectory;
            this.healthPort = healthPort;
        }

        public Process Process { get; }

        public IReadOnlyList<string> Lines => [.. lines];

        public string ApiUrl { get; private set; } = "";

        public string Key { get; private set; } = "";

        /// <summary>Starts DevHost in its own process group and waits until it says it runs and its media-node is healthy.</summary>
        public static async Task<DevHostRun> StartAsync(ITestOutputHelper output)
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(RepositoryRoot.Path, "functions", "Voice.DevHost", "bin", configuration, "net10.0", "Voice.DevHost.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build Voice.Functions.sln");
            var stateDirectory = Directory.CreateTempSubdirectory("devhost-shutdown-").FullName;
            var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
            var healthPort = FreePorts.Next();
            var rtp = FreePorts.NextBlock(20);
            var storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteKey + ";" +
                $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryRoot.Path,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[]
            {
                dll,
                "--urls", $"http://127.0.0.1:{FreePorts.Next()}",
                $"--MediaNode:Sip:ListenAddress=127.0.0.1:{FreePorts.Next()}",
                $"--MediaNode:HealthPort={healthPort}",
                $"--MediaNode:Rtp:PortMin={rtp}",
                $"--MediaNode:Rtp:PortMax={rtp + 19}",
                $"--VoiceStorage={storage}",
                $"--DevHost:StateDirectory={stateDirectory}",
            })
            {
                psi.ArgumentList.Add(arg);
            }

            var run = new DevHostRun(output, ProcessGroups.StartInOwnGroup(psi), stateDirectory, healthPort);
            try
            {
                run.Process.StandardInput.Close();
                run.Process.OutputDataReceived += (_, e) => run.Keep(e.Data);
                run.Process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
                run.Process.BeginOutputReadLine();
                run.Process.BeginErrorReadLine();
                await run.WaitUntilRunningAsync();
                return run;
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }
        }

        public async Task PlaceCallAsync(string json)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{ApiUrl}/calls") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-API-Key", Key);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"POST /calls: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        /// <summary>Ctrl-C as a terminal sends it; returns how long until DevHost and everything it started were gone.</summary>
        public Task<TimeSpan> InterruptAsync() => SignalGroupAsync(ProcessGroups.SigInt, TimeSpan.FromSeconds(60));

        /// <summary>
        /// Sends <paramref name="signal"/> to DevHost's process group and waits until DevHost and its children have
        /// exited (failing after <paramref name="timeout"/>, well past the goal, so the time taken is always known).
        /// </summary>
        public async Task<TimeSpan> SignalGroupAsync(int signal, TimeSpan timeout)
        {
            // DevHost leads its own group (setsid): the signal cannot reach the test.
            Assert.Equal(Process.Id, ProcessGroups.GroupOf(Process.Id));
            var clock = Stopwatch.StartNew();
            ProcessGroups.SignalGroup(Process.Id, signal);
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(deadline.Token);
                while (children.Any(child => child.IsRunning))
                {
                    // Not our children (DevHost's, then reparented): /proc is the only way to see them end.
                    await Task.Delay(20, deadline.Token);
                }
            }
            catch (OperationCanceledException)
            {
                var left = children.Where(child => child.IsRunning).Select(child => child.ToString()).ToList();
                if (!Process.HasExited)
                {
                    left.Insert(0, $"DevHost {Process.Id}");
                }

                Assert.Fail($"still running {timeout.TotalSeconds:0} s after signal {signal}: {string.Join("; ", left)}");
            }

            var elapsed = clock.Elapsed;
            output.WriteLine($"signal {signal}: DevHost and its children were gone after {elapsed.TotalSeconds:0.00} s");
            return elapsed;
        }

        public async ValueTask DisposeAsync()
        {
            // Whatever happened in the test, nothing it started stays: DevHost's group, its recorded children and any
            // process still using this run's state folder or health port (children found even once reparented).
            try
            {
                if (!Process.HasExited)
                {
                    ProcessGroups.SignalGroup(Process.Id, ProcessGroups.SigKill);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }

            var health = healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var left in children.Concat(ProcessGroups.All().Where(p =>
                         p.CommandLine.Contains(stateDirectory, StringComparison.Ordinal) ||
                         (p.CommandLine.Contains("Voice.MediaNode.dll", StringComparison.Ordinal) && p.Environment.GetValueOrDefault("MediaNode__HealthPort") == health))))
            {
                if (left.IsRunning)
                {
                    output.WriteLine($"killing what was left: {left}");
                    left.Kill();
                }
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await Process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine($"DevHost {Process.Id} did not exit after SIGKILL");
            }

            foreach (var line in lines)
            {
                output.WriteLine(line);
            }

            Process.Dispose();
            try
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Azurite's last writes racing its kill: a leftover temp folder is harmless.
            }
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lines.Enqueue(line);
            if (ApiLine().Match(line) is { Success: true } api)
            {
                ApiUrl = api.Groups[1].Value;
            }
            else if (KeyLine().Match(line) is { Success: true } key)
            {
                Key = key.Groups[1].Value;
            }
            else if (line.Contains("DevHost is running.", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        }

        private async Task WaitUntilRunningAsync()
        {
            // Generous: Azurite, the Durable task hub and the node all start on a loaded 2-core machine.
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            var exited = Process.WaitForExitAsync(startup.Token);
            if (await Task.WhenAny(running.Task, exited, Task.Delay(Timeout.Infinite, startup.Token)) != running.Task)
            {
                Assert.Fail(Process.HasExited ? $"DevHost exited with code {Process.ExitCode} before it ran" : "DevHost did not say it runs within 180 s");
            }

            // The summary comes after the key and the API lines: both are known now.
            await Eventually.HoldsAsync(() => Key.Length > 0 && ApiUrl.Length > 0, "DevHost's API and key lines");

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.ReturnsAsync(
                async () =>
                {
                    try
                    {
                        var health = await http.GetStringAsync($"http://127.0.0.1:{healthPort}/healthz");
                        return health.Contains("\"ok\"", StringComparison.Ordinal) ? health : null;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return null;
                    }
                },
                "the media-node to be healthy",
                120);

            // The children as DevHost started them (both long past their exec now): Azurite, its data in this run's
            // folder, and the node.
            children.AddRange(ProcessGroups.ChildrenOf(Process.Id));
            Assert.Contains(children, child => child.CommandLine.Contains("azurite", StringComparison.Ordinal) && child.CommandLine.Contains(stateDirectory, StringComparison.Ordinal));
            Assert.Contains(children, child => child.CommandLine.Contains("Voice.MediaNode.dll", StringComparison.Ordinal));
            output.WriteLine($"DevHost {Process.Id}, its children: {string.Join("; ", children)}");
        }

        [GeneratedRegex(@"^\s*API:\s+(http://\S+)$")]
        private static partial Regex ApiLine();

        [GeneratedRegex(@"^\s*Dev API key:\s+(\S+)$")]
        private static partial Regex KeyLine();
    }
}
