using System.Runtime.InteropServices;
using Voice.DevHost;
using Voice.Storage;

// DevHost: the whole product on one machine — Azurite, the API and (later) the media-node and lifecycles.
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

await app.StartAsync(shutdown.Token);
var url = app.Urls.FirstOrDefault() ?? DevHostApplication.DefaultUrl;
Console.WriteLine($$"""

    Voice.Functions DevHost is running.
      API:          {{url}}/v1/voice
      Dev API key:  {{key}}
      Numbers:      {{string.Join(", ", DevAccountSeeder.Numbers)}}

    Try:
      curl -s -X POST {{url}}/v1/voice/calls -H "X-API-Key: {{key}}" -H "Content-Type: application/json" \
        -d '{"to":"+15550109999","from":"{{DevAccountSeeder.Numbers[0]}}"}'

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
