namespace Voice.Core.CallFlow;

/// <summary>An absolute http(s) URL and the HTTP method ("GET" or "POST") to call it with.</summary>
public sealed record WebhookTarget(string Url, string Method);
