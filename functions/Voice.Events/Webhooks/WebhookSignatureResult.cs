namespace Voice.Events.Webhooks;

/// <summary>Outcome of <see cref="WebhookSignature.Verify"/>.</summary>
public enum WebhookSignatureResult
{
    Valid,

    /// <summary>Header missing or not <c>t=…,v1=…</c>.</summary>
    Malformed,

    /// <summary>Timestamp outside the replay window.</summary>
    Stale,

    /// <summary>No signature matches the body: tampered body or wrong secret.</summary>
    Mismatch,
}
