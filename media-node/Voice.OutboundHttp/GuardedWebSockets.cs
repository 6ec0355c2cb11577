using System.Net.WebSockets;

namespace Voice.OutboundHttp;

/// <summary>
/// Opens client WebSockets (the media-node's audio streams) through the guard's handler, so <c>ws://</c> and
/// <c>wss://</c> URLs get the same connect-time address check as HTTP fetches. A refusal surfaces as a
/// <see cref="WebSocketException"/> for which <see cref="OutboundTargetGuard.IsRefusal"/> is true.
/// </summary>
public sealed class GuardedWebSockets(OutboundTargetGuard guard) : IDisposable
{
    private readonly HttpMessageInvoker invoker = new(guard.CreateHandler());

    public Task ConnectAsync(ClientWebSocket socket, Uri url, CancellationToken cancellationToken) =>
        socket.ConnectAsync(url, invoker, cancellationToken);

    public void Dispose() => invoker.Dispose();
}
