using System.Diagnostics;
using System.Text.Json;
using Voice.Testing;

namespace Voice.Functions.Tests;

/// <summary>
/// <c>dotnet publish</c> of the Functions app (what azd packages and deploys) holds what the Functions host loads:
/// the function metadata, the worker config, host.json, and the host-side extensions bundle (Durable, queues).
/// </summary>
public sealed class FunctionsPublishTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "voice-functions-publish-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_output_holds_the_metadata_worker_config_host_json_and_extensions_the_functions_host_loads()
    {
        var configuration = new DirectoryInfo(FunctionMetadata.OutputDirectory).Parent!.Name;
        var project = Path.Combine(RepositoryRoot.Path, "functions", "Voice.Functions", "Voice.Functions.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "--no-build", "--no-restore", "-c", configuration, "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(publish.ExitCode == 0, await log + await errors);

        Assert.Equal(
            FunctionMetadata.Read(FunctionMetadata.OutputDirectory).Select(f => f.Name).Order(),
            FunctionMetadata.Read(output).Select(f => f.Name).Order());

        using var worker = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "worker.config.json")));
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("Voice.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());

        using var host = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "host.json")));
        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

        using var extensions = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "extensions.json")));
        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("DurableTask", names);
        Assert.Contains(names, n => n!.Contains("Queue", StringComparison.OrdinalIgnoreCase) || n == "AzureStorageQueues");
        Assert.True(File.Exists(Path.Combine(output, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")));
    }
}
