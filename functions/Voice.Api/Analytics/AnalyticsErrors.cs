using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Voice.Api.Analytics;

/// <summary>The analytics surface's error bodies: <c>{"error": "..."}</c>, the seed's exact texts where it gives one.</summary>
public static class AnalyticsErrors
{
    public const string MissingTenant = "Missing tenant context for analytics request";
    public const string ConversationNotFound = "Conversation not found";
    public const string Internal = "Internal server error";

    public static IResult Of(int status, string message) =>
        Results.Content(new JsonObject { ["error"] = message }.ToJsonString(), "application/json", statusCode: status);

    public static IResult Invalid(string field, string message) => Of(StatusCodes.Status400BadRequest, $"Invalid {field}: {message}");
}
