using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Voice.Core.Lifecycles;
using Voice.DevHost.Lifecycles;
using Voice.Engine;
using Voice.Engine.Lifecycles;
using Voice.Media.Contracts;
using Voice.Storage;
using Voice.Testing;

namespace Voice.Orchestration.Tests;

/// <summary>
/// DevHost's media-events pump on a real queue (Azurite): a malformed message and a message whose handling keeps
/// failing go to <c>media-events-poison</c>, and neither holds back other calls' events nor the failing call's later ones.
/// </summary>
public sealed class MediaEventPumpTests : IAsyncLifetime, IDisposable
{
    private const string Good = "CAgood";
    private const string Bad = "CAbad";

    private readonly AzuriteFixture azurite = new();
    private readonly FlakyLifecycles lifecycles = new(Bad);
    private StorageClients storage = null!;
    private ServiceProvider? services;
    private MediaEventPump? pump;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        await StorageBootstrap.EnsureCreatedAsync(storage);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["VoiceStorage"] = azurite.ConnectionString }).Build();
        services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(storage).AddVoiceEngine(configuration).BuildServiceProvider();
        pump = new MediaEventPump(
            storage,
            services.GetRequiredService<MediaEventMessages>(),
            lifecycles,
            Options.Create(new MediaEventPumpOptions { VisibilityTimeout = TimeSpan.FromSeconds(1), MaxAttempts = 3 }),
            NullLogger<MediaEventPump>.Instance);
    }

    public async Task DisposeAsync()
    {
        if (pump is not null)
        {
            await pump.StopAsync(CancellationToken.None);
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    public void Dispose() => pump?.Dispose();

    [Fact]
    public async Task A_malformed_message_and_one_that_keeps_failing_are_set_aside_and_everything_else_is_handled()
    {
        var events = storage.Queues.GetQueueClient(MediaQueues.Events);
        await events.SendMessageAsync("{\"call_id\":\"CAbroken\", this is not an event");
        await events.SendMessageAsync(Digit(Bad, "1"));
        await events.SendMessageAsync(Digit(Good, "5"));
        await pump!.StartAsync(CancellationToken.None);

        // The good call is not held back by the malformed message or by the failing one, then or later.
        await Eventually.HoldsAsync(() => lifecycles.Handled(Good).SequenceEqual(["5"]), "the good call's digit");
        await events.SendMessageAsync(Digit(Good, "6"));
        await Eventually.HoldsAsync(() => lifecycles.Handled(Good).SequenceEqual(["5", "6"]), "the good call's next digit");

        // The failing message is tried MaxAttempts times, then set aside with the malformed one.
        var poison = storage.Queues.GetQueueClient(MediaQueues.Events + "-poison");
        var aside = await Eventually.ReturnsAsync(
            async () => (await poison.PeekMessagesAsync(10)).Value is { Length: 2 } peeked ? peeked.Select(m => m.Body.ToString()).ToList() : null,
            "two messages in media-events-poison");
        Assert.Contains(aside, body => body.Contains("this is not an event", StringComparison.Ordinal));
        Assert.Contains(aside, body => body.Contains(Bad, StringComparison.Ordinal));
        Assert.Equal(3, lifecycles.Attempts(Bad));

        // The failing call's later events go on once its bad one is out of the way.
        lifecycles.Heal();
        await events.SendMessageAsync(Digit(Bad, "2"));
        await Eventually.HoldsAsync(() => lifecycles.Handled(Bad).SequenceEqual(["2"]), "the failing call's next digit");
        Assert.Equal(0, (await events.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private static string Digit(string callId, string digit) =>
        MediaContract.Serialize(new DtmfEvent { Id = $"{callId}:{digit}", CallId = callId, Digit = digit, Time = DateTimeOffset.UtcNow });

    /// <summary>Records the digits each call was signalled; the signals of one call throw until healed.</summary>
    private sealed class FlakyLifecycles(string failing) : ILifecycleHost
    {
        private readonly List<(string CallId, string Digit)> handled = [];
        private readonly Dictionary<string, int> attempts = new(StringComparer.Ordinal);
        private volatile bool healed;

        public void Heal() => healed = true;

        public IReadOnlyList<string> Handled(string callId)
        {
            lock (handled)
            {
                return [.. handled.Where(h => h.CallId == callId).Select(h => h.Digit)];
            }
        }

        public int Attempts(string callId)
        {
            lock (handled)
            {
                return attempts.GetValueOrDefault(callId);
            }
        }

        public Task SignalCallAsync(string callId, CallSignal signal, CancellationToken cancellationToken)
        {
            lock (handled)
            {
                attempts[callId] = attempts.GetValueOrDefault(callId) + 1;
                if (callId == failing && !healed)
                {
                    throw new InvalidOperationException("the lifecycle store is down for this call");
                }

                handled.Add((callId, ((DtmfEvent)((MediaEventReceived)signal).Event).Digit));
            }

            return Task.CompletedTask;
        }

        public Task StartCallAsync(CallStart start, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SignalConferenceAsync(string accountId, string conferenceName, ConferenceSignal signal, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
