using Voice.Core.Accounts;

namespace Voice.Api.Telefon;

/// <summary>The wire names of application enums (lower case, as every Telefon enum string).</summary>
public static class TelefonApplicationNames
{
    public static readonly string[] Dialects = ["telefon", "telnyx", "vonage"];
    public static readonly string[] InboundBehaviours = ["fetch", "park"];
    public static readonly string[] Methods = ["GET", "POST"];
    public static readonly string[] TelnyxApiVersions = ["1", "2"];

    public static string Of(ApplicationDialect dialect) => dialect.ToString().ToLowerInvariant();

    public static string Of(InboundBehaviour inbound) => inbound.ToString().ToLowerInvariant();

    public static ApplicationDialect Dialect(string name) => Enum.Parse<ApplicationDialect>(name, ignoreCase: true);

    public static InboundBehaviour Inbound(string name) => Enum.Parse<InboundBehaviour>(name, ignoreCase: true);
}
