namespace Voice.Core.Accounts;

/// <summary>
/// What an API key may do. Each operation needs one scope; a key without it gets 403 naming the scope. The
/// upper-case names are TelAPI's (specs/telapi-sessions-api.txt) and keep their spelling.
/// </summary>
public static class ApiScopes
{
    public const string CallsRead = "calls:read";
    public const string CallsWrite = "calls:write";
    public const string RecordingsRead = "recordings:read";
    public const string NumbersRead = "numbers:read";
    public const string NumbersWrite = "numbers:write";
    public const string ApplicationsRead = "applications:read";
    public const string ApplicationsWrite = "applications:write";
    public const string AnalyticsRead = "analytics:read";
    public const string ReadTeamApps = "READ_TEAM_APPS";
    public const string CreateCallToken = "CREATE_CALL_TOKEN";

    /// <summary>Every scope: what keys created without a scope list get, so keys from before scopes keep working.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CallsRead, CallsWrite, RecordingsRead, NumbersRead, NumbersWrite, ApplicationsRead, ApplicationsWrite,
        AnalyticsRead, ReadTeamApps, CreateCallToken,
    ];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
