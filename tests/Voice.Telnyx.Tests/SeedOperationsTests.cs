using System.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Voice.Api;
using Voice.Api.Telnyx;
using Voice.Testing;

namespace Voice.Telnyx.Tests;

/// <summary>
/// The seed's operations: which /v2 serves (a route of its own) and which answer "not supported" (the catch-all), as
/// docs/dialects/telnyx.md lists them, and the generated list matching the seed it came from.
/// </summary>
public sealed class SeedOperationsTests
{
    private static readonly string Docs = Path.Combine(RepositoryRoot.Path, "docs", "dialects", "telnyx.md");

    [Fact]
    public void The_docs_list_every_seed_operation_once_as_supported_exactly_when_a_route_serves_it()
    {
        var routes = MappedRoutes();
        var supported = TelnyxSeedOperations.All.Where(o => routes.Any(r => o.Matches(r.Method, ParameterShape(r.Path)))).Select(Name).ToHashSet();
        var unsupported = TelnyxSeedOperations.All.Select(Name).Where(n => !supported.Contains(n)).ToHashSet();

        var (documentedSupported, documentedUnsupported) = DocumentedOperations();

        Assert.NotEmpty(supported);
        Assert.Equal(supported.Order(), documentedSupported.Intersect(TelnyxSeedOperations.All.Select(Name)).Order());
        Assert.Equal(unsupported.Order(), documentedUnsupported.Order());
    }

    [Fact]
    public void Every_unsupported_seed_operation_reaches_the_catch_all_and_is_named_by_it()
    {
        var routes = MappedRoutes();
        foreach (var operation in TelnyxSeedOperations.All.Where(o => !routes.Any(r => o.Matches(r.Method, ParameterShape(r.Path)))))
        {
            var path = string.Join('/', operation.Path.Split('/').Select(s => s.StartsWith('{') ? "v3:x" : s));
            Assert.Same(operation, TelnyxUnsupportedApi.Find(operation.Method, path));
        }

        Assert.Null(TelnyxUnsupportedApi.Find("GET", "/calls/v3:x/actions/answer"));
        Assert.Null(TelnyxUnsupportedApi.Find("POST", "/calls/v3:x/actions"));
        Assert.Null(TelnyxUnsupportedApi.Find("POST", "/calls//actions/answer"));
    }

    [Fact]
    public async Task The_generated_operation_list_is_what_the_generator_makes_of_the_seed()
    {
        // The seed lives beside the repository (../shared/specs, see ARCHITECTURE.md); where it is absent there is
        // nothing to compare with.
        var seed = Path.Combine(RepositoryRoot.Path, "..", "shared", "specs", "telnyx-voice-paths.json.txt");
        if (!File.Exists(seed))
        {
            return;
        }

        var generated = Path.Combine(RepositoryRoot.Path, "functions", "Voice.Api", "Telnyx", "Operations", "TelnyxSeedOperations.cs");
        var output = Path.Combine(Path.GetTempPath(), "telnyx-seed-" + Guid.NewGuid().ToString("N") + ".cs");
        try
        {
            var script = Path.Combine(RepositoryRoot.Path, "functions", "Voice.Api", "Telnyx", "Operations", "generate-seed-operations.mjs");
            using var node = Process.Start(new ProcessStartInfo("node", [script, seed, output]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var errors = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(node.ExitCode == 0, await errors);
            Assert.Equal(await File.ReadAllTextAsync(output), await File.ReadAllTextAsync(generated));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Name(TelnyxOperation o) => $"{o.Method} {o.Path}";

    /// <summary>A route pattern's parameters as one-segment stand-ins, so a seed template matches it.</summary>
    private static string ParameterShape(string route) =>
        "/" + string.Join('/', route.Trim('/').Split('/').Skip(1).Select(s => s.StartsWith('{') ? "x" : s));

    /// <summary>The (method, pattern) of every /v2 route but the catch-all.</summary>
    private static List<(string Method, string Path)> MappedRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["VoiceStorage"] = "UseDevelopmentStorage=true";
        builder.Services.AddVoiceApi(builder.Configuration);
        var app = builder.Build();
        app.MapVoiceApi();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith(TelnyxApiRegistration.Prefix + "/", StringComparison.Ordinal))
            .Where(e => e.RoutePattern.RawText != TelnyxUnsupportedApi.Route)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m.ToUpperInvariant(), e.RoutePattern.RawText!)))
            .SelectMany(Built)
            .ToList();
    }

    /// <summary>An action route (<c>…/actions/{action}</c>) serves the actions its handler runs, not every name.</summary>
    private static IEnumerable<(string Method, string Path)> Built((string Method, string Path) route) => route.Path switch
    {
        TelnyxCallsApi.ActionRoute => TelnyxCallsApi.PostActions.Select(a => (route.Method, route.Path.Replace("{action}", a, StringComparison.Ordinal))),
        TelnyxConferencesApi.ActionRoute => TelnyxConferenceActions.Readers.Keys.Select(a => (route.Method, route.Path.Replace("{action}", a, StringComparison.Ordinal))),
        _ => [route],
    };

    /// <summary>The `METHOD /path` cells of the docs' "Supported operations" and "Not supported" sections.</summary>
    private static (HashSet<string> Supported, HashSet<string> Unsupported) DocumentedOperations()
    {
        HashSet<string> supported = [], unsupported = [];
        HashSet<string>? current = null;
        foreach (var line in File.ReadLines(Docs))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = line.StartsWith("## Supported operations", StringComparison.Ordinal) ? supported
                    : line.StartsWith("## Not supported", StringComparison.Ordinal) ? unsupported
                    : null;
                continue;
            }

            if (current is not null && line.StartsWith("| `", StringComparison.Ordinal))
            {
                var cell = line[3..line.IndexOf('`', 3)];
                Assert.True(current.Add(cell), $"{cell} is listed twice in {Docs}");
            }
        }

        return (supported, unsupported);
    }
}
