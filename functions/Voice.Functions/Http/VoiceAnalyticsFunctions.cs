using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Analytics;
using Voice.Api.Http;

namespace Voice.Functions.Http;

/// <summary>Analytics, conversations and recordings by conversation; each trigger is one call into the shared handler.</summary>
public static class VoiceAnalyticsFunctions
{
    [Function("getVoiceAnalyticsOverview")]
    public static async Task<IActionResult> Overview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = VoiceAnalyticsApi.Route + "/overview")] HttpRequest req) =>
        new ResultAsActionResult(await VoiceAnalyticsApi.Overview(req.HttpContext));

    [Function("getVoiceAnalyticsDetailed")]
    public static async Task<IActionResult> Detailed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = VoiceAnalyticsApi.Route + "/detailed")] HttpRequest req) =>
        new ResultAsActionResult(await VoiceAnalyticsApi.Detailed(req.HttpContext));

    [Function("getVoiceAnalyticsTimeline")]
    public static async Task<IActionResult> Timeline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = VoiceAnalyticsApi.Route + "/timeline")] HttpRequest req) =>
        new ResultAsActionResult(await VoiceAnalyticsApi.Timeline(req.HttpContext));

    [Function("getConversationRecording")]
    public static async Task<IActionResult> Recording(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ConversationRecordingsApi.Route + "/{conversationId}")] HttpRequest req, string conversationId) =>
        new ResultAsActionResult(await ConversationRecordingsApi.GetRecording(req.HttpContext, conversationId));

    [Function("getConversationRecordingAudio")]
    public static async Task<IActionResult> RecordingAudio(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ConversationRecordingsApi.Route + "/{conversationId}/{recordingId}/audio")] HttpRequest req,
        string conversationId, string recordingId) =>
        new ResultAsActionResult(await ConversationRecordingsApi.GetAudio(req.HttpContext, conversationId, recordingId));

    [Function("listConversations")]
    public static async Task<IActionResult> ListConversations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ConversationsApi.Route)] HttpRequest req) =>
        new ResultAsActionResult(await ConversationsApi.List(req.HttpContext));

    [Function("listConversationMessages")]
    public static async Task<IActionResult> Messages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ConversationsApi.Route + "/{conversationId}/messages")] HttpRequest req, string conversationId) =>
        new ResultAsActionResult(await ConversationsApi.Messages(req.HttpContext, conversationId));
}
