using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voice.Bench.Latency;
using Voice.Core.Accounts;
using Voice.DevHost;
using Voice.Storage;

namespace Voice.Bench.Inbound;

/// <summary>
/// The whole local product for one inbound trial, fresh each time: an Azurite of the bench's own, DevHost in this
/// process (API, lifecycles, media-events pump — as the latency bench hosts it), the media-node as a child process on
/// the same storage, and the answer server. The second dev number is routed to the answer server (the dev seeder
/// gives the numbers no answer URL, so the bench sets one on the number's route, as a number update would). The
/// Telnyx command bench runs on it too, through the API (<see cref="ApiUrl"/>) with the dev account's keys.
/// </summary>
internal sealed class InboundStack : IAsyncDisposable
{
    public static readonly string Number = DevAccountSeeder.Numbers[1];
    private readonly BenchAzurite azurite;
    private readonly AnswerServer answers;
    private readonly WebApplication app;
    private readonly MediaNodeProcess node;
    private readonly int healthPort;
    private readonly string stateDirectory;
    private int disposed;

    private InboundStack(BenchAzurite azurite, AnswerServer answers, WebApplication app, MediaNodeProcess node, IPEndPoint sip, int healthPort, string stateDirectory, string apiUrl)
    {
        ApiUrl = apiUrl;
        this.azurite = azurite;
        this.answers = answers;
        this.app = app;
        this.node = node;
        NodeSip = sip;
        this.healthPort = healthPort;
        this.stateDirectory = stateDirectory;
    }

    /// <summary>Where the node takes SIP (UDP and TCP).</summary>
    public IPEndPoint NodeSip { get; }

    public AnswerServer Answers => answers;

    /// <summary>DevHost's API, <c>http://127.0.0.1:port</c>.</summary>
    public string ApiUrl { get; }

    /// <summary>DevHost's services (repositories), for setup the APIs under test do not offer.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The dev account's API key of a dialect (<c>telnyx</c>, <c>vonage</c>), as DevHost seeded it.</summary>
    public async Task<string> DialectKeyAsync(string dialect) =>
        (await File.ReadAllTextAsync(Path.Combine(stateDirectory, "dev-api-key-" + dialect))).Trim();

    /// <summary>The processes whose CPU the trial reports.</summary>
    public Dictionary<string, int> Processes()
    {
        var processes = new Dictionary<string, int> { ["DevHost (bench process)"] = Environment.ProcessId, ["Azurite"] = azurite.ProcessId };
        if (BenchMachine.ChildProcess("Voice.MediaNode.dll") is { } nodePid)
        {
            processes["media-node"] = nodePid;
        }

        return processes;
    }

    public static async Task<InboundStack> StartAsync(string root, IReadOnlyDictionary<string, string> configuration, bool verbose, CancellationToken cancellationToken)
    {
        var azurite = await BenchAzurite.StartAsync(root, cancellationToken);
        AnswerServer? answers = null;
        WebApplication? app = null;
        MediaNodeProcess? node = null;
        var stateDirectory = Directory.CreateTempSubdirectory("voice-bench-devhost-").FullName;
        try
        {
            answers = await AnswerServer.StartAsync();
            var apiPort = Ports.Free();
            app = DevHostApplication.Build(["--urls", $"http://127.0.0.1:{apiPort}"], builder =>
            {
                builder.Configuration["VoiceStorage"] = azurite.ConnectionString;
                builder.Configuration.AddInMemoryCollection(configuration.Select(c => KeyValuePair.Create(c.Key, (string?)c.Value)));
                if (!verbose)
                {
                    builder.Logging.ClearProviders();
                }
            });
            var storage = app.Services.GetRequiredService<StorageClients>();
            await StorageBootstrap.EnsureCreatedAsync(storage, cancellationToken);
            await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, cancellationToken);
            await app.Services.GetRequiredService<PhoneNumberRepository>().UpsertAsync(
                new PhoneNumberRecord { AccountId = DevAccountSeeder.AccountId, Number = Number, AnswerUrl = answers.AnswerUrl, CreatedAt = DateTimeOffset.UtcNow },
                cancellationToken);

            var sip = new IPEndPoint(IPAddress.Loopback, Ports.Free());
            var healthPort = Ports.Free();
            var rtpMin = 20000 + (Random.Shared.Next(0, 4) * 3000); // 1500 port pairs: calls ringing in a backlog hold ports too
            node = MediaNodeProcess.Start(root, new Dictionary<string, string>
            {
                ["VoiceStorage"] = azurite.ConnectionString,
                ["MediaNode:Sip:ListenAddress"] = sip.ToString(),
                ["MediaNode:Rtp:PortMin"] = rtpMin.ToString(CultureInfo.InvariantCulture),
                ["MediaNode:Rtp:PortMax"] = (rtpMin + 2999).ToString(CultureInfo.InvariantCulture),
                ["MediaNode:HealthPort"] = healthPort.ToString(CultureInfo.InvariantCulture),
                ["MediaNode:Commands:MaxIdlePollMs"] = configuration.GetValueOrDefault("MediaNode:Commands:MaxIdlePollMs", "25"), // as DevHost runs it
                ["MediaNode:AllowPrivateTargets"] = "true", // prompts and streams on 127.0.0.1
                ["Logging:LogLevel:Default"] = verbose ? "Information" : "Warning",
            }, Console.Out);
            await app.StartAsync(cancellationToken);
            await node.WaitUntilHealthyAsync(healthPort, TimeSpan.FromSeconds(90), cancellationToken);
            return new InboundStack(azurite, answers, app, node, sip, healthPort, stateDirectory, $"http://127.0.0.1:{apiPort}");
        }
        catch
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }

            if (app is not null)
            {
                await StopAppAsync(app);
            }

            if (answers is not null)
            {
                await answers.DisposeAsync();
            }

            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node's active calls (its <c>/healthz</c>), -1 when it does not answer.</summary>
    public async Task<int> ActiveCallsAsync()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var health = JsonDocument.Parse(await client.GetStringAsync($"http://127.0.0.1:{healthPort}/healthz"));
            return health.RootElement.GetProperty("active_calls").GetInt32();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return -1;
        }
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until the node has no call left; returns how many remain.</summary>
    public async Task<int> WaitForNoCallsAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var active = await ActiveCallsAsync();
        while (active > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            active = await ActiveCallsAsync();
        }

        return active;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // The node first (it ends what is left with BYE and reports it), then DevHost, the webhooks, storage.
        await node.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await StopAppAsync(app);
        await answers.DisposeAsync();
        await azurite.DisposeAsync();
        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task StopAppAsync(WebApplication app)
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await app.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync();
    }
}
