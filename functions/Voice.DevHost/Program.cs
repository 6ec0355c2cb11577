using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server;
using Voice.DevHost;
using Voice.Storage;

// DevHost: the whole product on one machine — Azurite, the API, the lifecycles and the media-node.
// Ctrl-C and SIGTERM stop it in order, within a few seconds (StopInOrderAsync); a second one exits at once. The
// children run out of the terminal's process group (ChildProcess), so only DevHost sees the Ctrl-C.
using var shutdown = new CancellationTokenSource();
var signals = 0;
AzuriteProcess? azurite = null;
MediaNodeProcess? mediaNode = null;
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var root = RepositoryLocator.Find();
var app = DevHostApplication.Build(args, builder =>
{
    builder.Configuration["VoiceStorage"] ??= "UseDevelopmentStorage=true";
});

// Where DevHost keeps its state (the dev API key, Azurite's data): .devhost in the repository unless configured.
var stateDirectory = app.Configuration["DevHost:StateDirectory"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(root, ".devhost");
var appStarting = false;
try
{
    // The Azurite the storage connection points at, when it is a local one (any loopback ports).
    if (AzuriteProcess.LocalPortsOf(app.Configuration["VoiceStorage"]) is { } azuritePorts)
    {
        azurite = await AzuriteProcess.EnsureRunningAsync(root, azuritePorts, Path.Combine(stateDirectory, "azurite"), Console.Out, shutdown.Token);
    }

    await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>(), shutdown.Token);
    var key = await DevAccountSeeder.SeedAsync(app.Services, stateDirectory, shutdown.Token);

    // The media-node on the same queues, unless DevHost:MediaNode is false (e.g. a node you run yourself).
    var nodeSettings = new Dictionary<string, string>
    {
        ["VoiceStorage"] = app.Configuration["VoiceStorage"]!,
        ["MediaNode:Sip:ListenAddress"] = app.Configuration["MediaNode:Sip:ListenAddress"] ?? "127.0.0.1:5060",
        ["MediaNode:Rtp:PortMin"] = app.Configuration["MediaNode:Rtp:PortMin"] ?? "20000",
        ["MediaNode:Rtp:PortMax"] = app.Configuration["MediaNode:Rtp:PortMax"] ?? "20999",
        ["MediaNode:HealthPort"] = app.Configuration["MediaNode:HealthPort"] ?? "7072",

        // Azurite polls cost nothing: poll commands four times as often as the Azure default (latency over transactions).
        ["MediaNode:Commands:MaxIdlePollMs"] = app.Configuration["MediaNode:Commands:MaxIdlePollMs"] ?? "25",
        ["MediaNode:Trunk:Uri"] = app.Configuration["MediaNode:Trunk:Uri"] ?? "",
        ["MediaNode:Trunk:Username"] = app.Configuration["MediaNode:Trunk:Username"] ?? "",
        ["MediaNode:Trunk:Password"] = app.Configuration["MediaNode:Trunk:Password"] ?? "",

        // The node's SSRF switch follows the functions' (dev mode allows the 127.0.0.1 prompt servers and stream peers of local work).
        ["MediaNode:AllowPrivateTargets"] = app.Configuration["MediaNode:AllowPrivateTargets"] ?? app.Configuration["Webhooks:AllowPrivateTargets"] ?? "false",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };
    if (app.Configuration.GetValue("DevHost:MediaNode", true))
    {
        mediaNode = MediaNodeProcess.Start(root, nodeSettings, Console.Out);
    }

    appStarting = true;
    await app.StartAsync(shutdown.Token);
    var url = app.Urls.FirstOrDefault() ?? DevHostApplication.DefaultUrl;
    Console.WriteLine($$"""

        Voice.Functions DevHost is running.
          API:          {{url}}/v1/voice
          Dev API key:  {{key}}
          Numbers:      {{string.Join(", ", DevAccountSeeder.Numbers)}}
          media-node:   SIP {{nodeSettings["MediaNode:Sip:ListenAddress"]}}, health http://127.0.0.1:{{nodeSettings["MediaNode:HealthPort"]}}/healthz

        Try:
          curl -s -X POST {{url}}/v1/voice/calls -H "X-API-Key: {{key}}" -H "Content-Type: application/json" \
            -d '{"to":"sip:bob@127.0.0.1:5062","from":"{{DevAccountSeeder.Numbers[0]}}","url":"https://example.com/answer"}'

        Ctrl-C stops it (the media-node first, hanging up its calls, and the Azurite it started last).
        """);

    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
{
    // Ctrl-C or SIGTERM, also while starting: stopped below, and that is a clean exit.
}
finally
{
    await StopInOrderAsync();
}

// The order matters: no new calls once stopping; the node hangs its calls up (BYE) and reports the hangups to the
// media-events queue, so Azurite must outlive it and the lifecycles still run meanwhile; then the app; Azurite
// last. Each step is bounded, so the whole stop takes a few seconds even when something hangs.
async Task StopInOrderAsync()
{
    var clock = Stopwatch.StartNew();
    if (appStarting)
    {
        // Kestrel's stop is idempotent: the app's own stop below finds it stopped.
        await BoundedAsync("the API", TimeSpan.FromSeconds(1), token => app.Services.GetRequiredService<IServer>().StopAsync(token));
    }

    if (mediaNode is not null)
    {
        await BoundedAsync("the media-node", TimeSpan.FromSeconds(3), _ => mediaNode.StopAsync(TimeSpan.FromSeconds(2)));
    }

    if (appStarting)
    {
        // The Durable worker stops forced within 2 s of its own; the media-events pump and event delivery at once.
        // Not disposed after: the process ends here, and disposal has no time bound of its own.
        await BoundedAsync("the app", TimeSpan.FromSeconds(2.5), app.StopAsync);
    }

    if (azurite is not null)
    {
        await BoundedAsync("Azurite", TimeSpan.FromSeconds(1.5), _ => azurite.StopAsync(TimeSpan.FromSeconds(1)));
        await azurite.DisposeAsync();
    }

    if (mediaNode is not null)
    {
        await mediaNode.DisposeAsync();
    }

    Console.WriteLine($"DevHost stopped in {clock.Elapsed.TotalSeconds:0.0} s.");
}

// A step that fails or overruns is reported and skipped, so the steps after it (Azurite above all) still run.
static async Task BoundedAsync(string what, TimeSpan budget, Func<CancellationToken, Task> step)
{
    using var timeout = new CancellationTokenSource(budget);
    try
    {
        var running = step(timeout.Token);
        if (await Task.WhenAny(running, Task.Delay(budget + TimeSpan.FromSeconds(0.5), CancellationToken.None)) != running)
        {
            Console.Error.WriteLine($"Stopping {what} took over {budget.TotalSeconds:0.#} s; going on.");
            return;
        }

        await running;
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        Console.Error.WriteLine($"Stopping {what} failed: {e.Message}");
    }
}

void OnSignal(PosixSignalContext context)
{
    // DevHost exits by itself, after stopping in order.
    context.Cancel = true;
    if (Interlocked.Increment(ref signals) == 1)
    {
        Console.Error.WriteLine("Stopping DevHost (Ctrl-C again to exit at once) …");

        // Asynchronously: Cancel would run the whole stop on this signal thread, and hold the second Ctrl-C back.
        _ = shutdown.CancelAsync();
        return;
    }

    // A second Ctrl-C: the user wants out now. No BYE, no reports; the children must not stay behind all the same.
    Console.Error.WriteLine("Exiting at once.");
    mediaNode?.Kill();
    azurite?.Kill();
    Environment.Exit(130);
}
