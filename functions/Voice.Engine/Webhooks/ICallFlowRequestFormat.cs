using Voice.Core.Accounts;
using Voice.Core.Lifecycles;

namespace Voice.Engine.Webhooks;

/// <summary>
/// A dialect's wire format for call-flow requests (answer URL, input eventUrl, notify): its field names, method rules
/// and signature. Calls of a dialect without one get <see cref="CallFlowFetcher.BuildRequest"/>'s.
/// </summary>
public interface ICallFlowRequestFormat
{
    ApplicationDialect Dialect { get; }

    Task<HttpRequestMessage> CreateAsync(FetchCallFlow fetch, Uri uri, CancellationToken cancellationToken);
}
