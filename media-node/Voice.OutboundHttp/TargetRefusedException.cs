namespace Voice.OutboundHttp;

/// <summary>
/// Thrown from a guarded connection when every address the host resolves to is refused; callers see it as the
/// <see cref="Exception.InnerException"/> of an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class TargetRefusedException(string message) : Exception(message);
