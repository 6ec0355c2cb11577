using Microsoft.Extensions.Configuration;

namespace Voice.Engine.Accounts;

/// <summary>
/// What the operator wants done with inbound calls to an address nobody routes (no account owns it, or its number
/// has neither an application nor an answer URL): <c>Inbound:UnroutedReject</c> is the reject reason (default
/// <c>not_found</c>, SIP 404; or <c>unavailable</c> 480, <c>busy</c> 486, <c>rejected</c> 603), and
/// <c>Inbound:DefaultApplication</c> (<c>ACxxx/APxxx</c>) an operator's application that answers calls to addresses
/// no account owns instead. Read once at start.
/// </summary>
public sealed record UnroutedCallPolicy(string RejectReason, string? DefaultAccountId, string? DefaultApplicationId)
{
    public static readonly IReadOnlyList<string> RejectReasons = [InboundRouteResolver.NotFound, InboundRouteResolver.Unavailable, "busy", "rejected"];

    public static UnroutedCallPolicy FromConfiguration(IConfiguration configuration)
    {
        var reason = configuration["Inbound:UnroutedReject"] is { Length: > 0 } r ? r : InboundRouteResolver.NotFound;
        if (!RejectReasons.Contains(reason, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Inbound:UnroutedReject is '{reason}'; it must be one of {string.Join(", ", RejectReasons)}");
        }

        var fallback = configuration["Inbound:DefaultApplication"];
        if (string.IsNullOrEmpty(fallback))
        {
            return new UnroutedCallPolicy(reason, null, null);
        }

        var parts = fallback.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new InvalidOperationException($"Inbound:DefaultApplication is '{fallback}'; it must be '<account id>/<application id>'");
        }

        return new UnroutedCallPolicy(reason, parts[0], parts[1]);
    }
}
