using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Vonage.Calls;

namespace Voice.Functions.Http;

/// <summary>Vonage Voice API v1 calls; each trigger is one call into the shared handler.</summary>
public static class VonageCallFunctions
{
    private const string Route = VonageCallsApi.Route;

    [Function("vonageCreateCall")]
    public static async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await VonageCallsApi.CreateCall(req.HttpContext));

    [Function("vonageListCalls")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await VonageCallsApi.ListCalls(req.HttpContext));

    [Function("vonageGetCall")]
    public static async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{uuid}")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallsApi.GetCall(req.HttpContext, uuid));

    [Function("vonageModifyCall")]
    public static async Task<IActionResult> Modify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{uuid}")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.Modify(req.HttpContext, uuid));

    [Function("vonageStartTalk")]
    public static async Task<IActionResult> StartTalk(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{uuid}/talk")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.StartTalk(req.HttpContext, uuid));

    [Function("vonageStopTalk")]
    public static async Task<IActionResult> StopTalk(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{uuid}/talk")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.StopTalk(req.HttpContext, uuid));

    [Function("vonageStartStream")]
    public static async Task<IActionResult> StartStream(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{uuid}/stream")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.StartStream(req.HttpContext, uuid));

    [Function("vonageStopStream")]
    public static async Task<IActionResult> StopStream(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{uuid}/stream")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.StopStream(req.HttpContext, uuid));

    [Function("vonageSendDtmf")]
    public static async Task<IActionResult> SendDtmf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{uuid}/dtmf")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.SendDtmf(req.HttpContext, uuid));

    [Function("vonageSubscribeDtmf")]
    public static async Task<IActionResult> SubscribeDtmf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/{uuid}/input/dtmf")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.SubscribeDtmf(req.HttpContext, uuid));

    [Function("vonageUnsubscribeDtmf")]
    public static async Task<IActionResult> UnsubscribeDtmf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{uuid}/input/dtmf")] HttpRequest req, string uuid) =>
        new ResultAsActionResult(await VonageCallOperations.UnsubscribeDtmf(req.HttpContext, uuid));
}
