namespace Voice.OutboundHttp;

/// <summary>
/// Names of the platform's <see cref="IHttpClientFactory"/> clients, one per purpose; each is registered by a method of
/// <see cref="OutboundHttpRegistration"/> that states its handler, timeouts and retries (docs/design.md, "Outbound HTTP").
/// </summary>
public static class OutboundHttpClients
{
    /// <summary>Webhooks and subscription endpoints: guarded, never retried here (delivery has its own schedule).</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Call-flow documents (answer URLs, input eventUrls): guarded, one retry of a GET that could not connect.</summary>
    public const string CallFlows = "call-flows";

    /// <summary>The media-node's prompt and audio downloads: guarded, transient GET failures retried.</summary>
    public const string Prompts = "prompts";

    /// <summary>Microsoft Entra ID OpenID metadata and signing keys (an operator-configured URL): transient GET failures retried.</summary>
    public const string EntraMetadata = "entra-metadata";

    /// <summary>Cloud speech recognition (an operator-configured endpoint): audio is POSTed, so nothing is retried.</summary>
    public const string Speech = "speech";
}
