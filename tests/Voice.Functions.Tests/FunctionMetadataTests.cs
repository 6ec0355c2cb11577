using Voice.Api;
using Voice.Orchestration.Hosting;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Functions.Tests;

/// <summary>
/// The Functions app against what the shared code defines, read from the generated <c>functions.metadata</c>: every
/// API route has its HTTP function, every orchestration and activity DevHost hosts exists under the same name, and
/// every queue trigger reads a queue the product creates and something writes. A route added without its function
/// fails here.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly IReadOnlyList<FunctionMetadata> Functions = FunctionMetadata.Read(FunctionMetadata.OutputDirectory);

    [Fact]
    public void Every_route_the_api_maps_has_exactly_one_http_function_and_no_function_serves_a_route_the_api_lacks()
    {
        var apiRoutes = ApiRoutes();
        var functionRoutes = Functions
            .Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => (Method: m, Path: Normalize(f.Route!), f.Name)))
            .ToList();

        Assert.NotEmpty(apiRoutes);
        foreach (var (method, path) in apiRoutes)
        {
            var matching = functionRoutes.Where(f => f.Method == method && f.Path == path).Select(f => f.Name).ToList();
            Assert.True(matching.Count == 1, $"{method} /{path}: {matching.Count} functions ({string.Join(", ", matching)})");
        }

        foreach (var (method, path, name) in functionRoutes)
        {
            Assert.True(apiRoutes.Contains((method, path)), $"function {name} serves {method} /{path}, which Voice.Api does not map");
        }
    }

    [Fact]
    public void Every_orchestration_and_activity_devhost_hosts_is_a_function_of_the_same_name()
    {
        var orchestrators = Functions.Where(f => f.TriggerType == "orchestrationTrigger").Select(f => f.Name).Order().ToList();
        var activities = Functions.Where(f => f.TriggerType == "activityTrigger").Select(f => f.Name).Order().ToList();

        Assert.Equal(LifecycleTaskHub.Orchestrations.Order(), orchestrators);
        Assert.Equal(LifecycleTaskHub.Activities.Order(), activities);
    }

    [Fact]
    public void Every_queue_trigger_reads_a_queue_the_product_creates_and_something_writes()
    {
        var triggers = Functions.Where(f => f.TriggerType == "queueTrigger").ToList();
        Assert.NotEmpty(triggers);
        foreach (var trigger in triggers)
        {
            Assert.Contains(trigger.QueueName!, StorageBootstrap.Queues);
            Assert.True(Writers(trigger.QueueName!).Any(), $"nothing writes to {trigger.QueueName}, which {trigger.Name} reads");
        }
    }

    [Fact]
    public void There_is_no_event_grid_trigger_since_its_worker_extension_is_not_available()
    {
        Assert.DoesNotContain(Functions, f => f.TriggerType == "eventGridTrigger");
        Assert.Contains(Functions, f => f.Name == "WebhookDispatcher" && f.QueueName == StorageNames.WebhookEventsQueue);
    }

    private static HashSet<(string Method, string Path)> ApiRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["VoiceStorage"] = "UseDevelopmentStorage=true";
        builder.Services.AddVoiceApi(builder.Configuration);
        var app = builder.Build();
        app.MapVoiceApi();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m.ToUpperInvariant(), Normalize(e.RoutePattern.RawText!))))
            .ToHashSet();
    }

    /// <summary>Paths compared without the leading slash and with parameter names blanked ({callId} = {id}).</summary>
    private static string Normalize(string route)
    {
        var segments = route.Trim('/').Split('/').Select(s => s.StartsWith('{') ? "{}" : s);
        return string.Join('/', segments);
    }

    /// <summary>Where the code (or the infrastructure) writes to a queue: source files that name it.</summary>
    private static IEnumerable<string> Writers(string queue)
    {
        var root = RepositoryRoot.Path;
        var constant = queue switch
        {
            Voice.Media.Contracts.MediaQueues.Events => "MediaQueues.Events",
            StorageNames.WebhookEventsQueue => "'webhook-events'",
            _ => queue,
        };
        var sources = Directory.EnumerateFiles(Path.Combine(root, "media-node"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "infra"), "*.bicep", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        return sources.Where(f => File.ReadAllText(f).Contains(constant, StringComparison.Ordinal));
    }
}
