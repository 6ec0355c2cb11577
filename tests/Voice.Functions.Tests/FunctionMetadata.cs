using System.Reflection;
using System.Text.Json;
using Voice.Testing;

namespace Voice.Functions.Tests;

/// <summary>One function of the <c>functions.metadata</c> the Functions SDK generated for the app (what the Functions host loads).</summary>
internal sealed record FunctionMetadata(string Name, string TriggerType, string? Route, IReadOnlyList<string> Methods, string? QueueName)
{
    /// <summary>The build output of functions/Voice.Functions in this test run's configuration.</summary>
    public static string OutputDirectory
    {
        get
        {
            var configuration = typeof(FunctionMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepositoryRoot.Path, "functions", "Voice.Functions", "bin", configuration, "net10.0");
        }
    }

    public static IReadOnlyList<FunctionMetadata> Read(string directory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "functions.metadata")));
        var functions = new List<FunctionMetadata>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            functions.Add(new FunctionMetadata(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList() : [],
                trigger.TryGetProperty("queueName", out var queue) ? queue.GetString() : null));
        }

        return functions;
    }
}
