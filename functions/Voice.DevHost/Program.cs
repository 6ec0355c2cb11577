using System.Runtime.InteropServices;
using Voice.DevHost;
using Voice.Storage;

// DevHost: the whole product on one machine — Azurite, the API, the lifecycles and the media-node.
using var shutdown = new CancellationTokenSource();
// Ctrl-C and SIGTERM both stop cleanly, so the Azurite started here is stopped too.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var root = RepositoryLocator.Find();
await using var azurite = await AzuriteProcess.EnsureRunningAsync(root, Console.Out, shutdown.Token);

var app = DevHostApplication.Build(args, builder =>
{
    builder.Configuration["VoiceStorage"] ??= "UseDevelopmentStorage=true";
});
await StorageBootstrap.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>(), shutdown.Token);
var key = await DevAccountSeeder.SeedAsync(app.Services, Path.Combine(root, ".devhost"), shutdown.Token);

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
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
};
await using var mediaNode = app.Configuration.GetValue("DevHost:MediaNode", true)
    ? MediaNodeProcess.Start(root, nodeSettings, Console.Out)
    : null;

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

    Ctrl-C stops it (and the Azurite it started).
    """);

try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
}

await app.StopAsync();

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}
