using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Voice.Api.Http;
using Voice.Api.Telefon;
using Voice.Functions.Lifecycles;

namespace Voice.Functions.Http;

/// <summary>Telefon v1 call operations; each trigger is one call into the shared handler (auth happens there).</summary>
public static class TelefonCallFunctions
{
    private const string Route = TelefonCallsApi.Route;

    [Function("listCalls")]
    public static async Task<IActionResult> ListCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req, [DurableClient] DurableTaskClient durable)
    {
        using var scope = AmbientLifecycleHost.Use(durable);
        return new ResultAsActionResult(await TelefonCallsApi.ListCalls(req.HttpContext));
    }

    [Function("createCall")]
    public static async Task<IActionResult> CreateCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, [DurableClient] DurableTaskClient durable)
    {
        using var scope = AmbientLifecycleHost.Use(durable);
        return new ResultAsActionResult(await TelefonCallsApi.CreateCall(req.HttpContext));
    }

    [Function("getCall")]
    public static async Task<IActionResult> GetCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{callId}")] HttpRequest req, string callId, [DurableClient] DurableTaskClient durable)
    {
        using var scope = AmbientLifecycleHost.Use(durable);
        return new ResultAsActionResult(await TelefonCallsApi.GetCall(req.HttpContext, callId));
    }

    [Function("endCall")]
    public static async Task<IActionResult> EndCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{callId}")] HttpRequest req, string callId, [DurableClient] DurableTaskClient durable)
    {
        using var scope = AmbientLifecycleHost.Use(durable);
        return new ResultAsActionResult(await TelefonCallsApi.EndCall(req.HttpContext, callId));
    }

    [Function("getCallTranscript")]
    public static async Task<IActionResult> GetTranscript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{callId}/transcript")] HttpRequest req, string callId, [DurableClient] DurableTaskClient durable)
    {
        using var scope = AmbientLifecycleHost.Use(durable);
        return new ResultAsActionResult(await TelefonCallsApi.GetTranscript(req.HttpContext, callId));
    }
}
