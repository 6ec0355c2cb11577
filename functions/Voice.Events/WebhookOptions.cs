namespace Voice.Events;

/// <summary>Webhook settings (configuration section <c>Webhooks</c>, see docs/configuration.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Used only when no key is configured and private targets are allowed (DevHost dev mode).</summary>
    public const string DevSigningKey = "telefon-devhost-webhook-signing-key";

    /// <summary>Master key the per-account signing secrets are derived from.</summary>
    public string? SigningKey { get; set; }

    public bool AllowPrivateTargets { get; set; }

    /// <summary>The configured key; the dev key in dev mode; otherwise a missing key is a configuration error.</summary>
    public string EffectiveSigningKey() =>
        !string.IsNullOrEmpty(SigningKey) ? SigningKey
        : AllowPrivateTargets ? DevSigningKey
        : throw new InvalidOperationException("Webhooks:SigningKey is not configured");
}
