using Microsoft.Extensions.Configuration;

namespace Voice.Api.Admin;

/// <summary>
/// The admin API's Microsoft Entra ID settings (<c>AdminAuth:*</c>; in Azure the Bicep parameters set them): the
/// tenant, the API's app registration (its client id is the tokens' audience, as is <c>api://{client id}</c> and
/// an optional <c>Audience</c>), and what makes a caller an operator — the app role <c>OperatorRole</c> in the
/// <c>roles</c> claim, or the operator group's object id in the <c>groups</c> claim. <c>MetadataAddress</c>
/// overrides where the OpenID metadata is read (tests serve it on 127.0.0.1).
/// </summary>
public sealed record EntraOperatorOptions
{
    public const string Section = "AdminAuth";
    public const string DefaultOperatorRole = "Voice.Operator";

    public required string TenantId { get; init; }

    public required string ClientId { get; init; }

    public string? Audience { get; init; }

    public string? OperatorGroupId { get; init; }

    public string OperatorRole { get; init; } = DefaultOperatorRole;

    public string? MetadataAddress { get; init; }

    public string Metadata => MetadataAddress ?? $"https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration";

    public IReadOnlyList<string> Audiences => Audience is { Length: > 0 } extra ? [ClientId, "api://" + ClientId, extra] : [ClientId, "api://" + ClientId];

    /// <summary>The settings, or null when the tenant or client id is missing (the admin API then answers 503).</summary>
    public static EntraOperatorOptions? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section["TenantId"] is not { Length: > 0 } tenant || section["ClientId"] is not { Length: > 0 } client)
        {
            return null;
        }

        return new EntraOperatorOptions
        {
            TenantId = tenant,
            ClientId = client,
            Audience = section["Audience"],
            OperatorGroupId = section["OperatorGroupId"] is { Length: > 0 } group ? group : null,
            OperatorRole = section["OperatorRole"] is { Length: > 0 } role ? role : DefaultOperatorRole,
            MetadataAddress = section["MetadataAddress"] is { Length: > 0 } metadata ? metadata : null,
        };
    }
}
