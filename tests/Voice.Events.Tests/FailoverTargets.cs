using Microsoft.Extensions.DependencyInjection;
using Voice.Core.Accounts;
using Voice.Core.Events;
using Voice.Events.Delivery;
using Voice.Events.Webhooks;

namespace Voice.Events.Tests;

/// <summary>
/// A dialect (Telnyx's slot) whose webhooks fail over to <see cref="FailoverUrl"/> with <see cref="TimeoutSeconds"/>
/// per attempt, as the Telnyx format does from an application's settings; the requests are Telefon's signed ones.
/// </summary>
internal sealed class FailoverTargets(SignedWebhookRequests telefon) : IWebhookFormat
{
    public static string? FailoverUrl { get; set; }

    public static int? TimeoutSeconds { get; set; }

    /// <summary>When set, reading the settings throws (a storage outage at publish time).</summary>
    public static bool Broken { get; set; }

    public ApplicationDialect Dialect => ApplicationDialect.Telnyx;

    public static void Register(IServiceCollection services) => services.AddSingleton<IWebhookFormat, FailoverTargets>();

    public static VoiceEvent Event(VoiceEvent voiceEvent) => voiceEvent with { Dialect = ApplicationDialect.Telnyx };

    public Task<HttpRequestMessage?> CreateAsync(PendingDelivery delivery, Uri endpoint, DateTimeOffset now, CancellationToken cancellationToken) =>
        telefon.CreateAsync(delivery, endpoint, now, cancellationToken);

    public Task<WebhookTargetSettings?> TargetSettingsAsync(VoiceEvent voiceEvent, CancellationToken cancellationToken) =>
        Broken
            ? throw new InvalidOperationException("settings unavailable")
            : Task.FromResult<WebhookTargetSettings?>(new WebhookTargetSettings(FailoverUrl, TimeoutSeconds));
}
