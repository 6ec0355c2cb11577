using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Voice.Api.Http;
using Voice.Api.Telnyx;

namespace Voice.Functions.Http;

/// <summary>Telnyx queues and the calls waiting in them; each trigger is one call into the shared handler.</summary>
public static class TelnyxQueueFunctions
{
    private const string Route = TelnyxQueuesApi.Route;

    [Function("telnyxCreateQueue")]
    public static async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxQueuesApi.Create(req.HttpContext));

    [Function("telnyxListQueues")]
    public static async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req) =>
        new ResultAsActionResult(await TelnyxQueuesApi.List(req.HttpContext));

    [Function("telnyxRetrieveQueue")]
    public static async Task<IActionResult> Retrieve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{queueName}")] HttpRequest req, string queueName) =>
        new ResultAsActionResult(await TelnyxQueuesApi.Retrieve(req.HttpContext, queueName));

    [Function("telnyxUpdateQueue")]
    public static async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{queueName}")] HttpRequest req, string queueName) =>
        new ResultAsActionResult(await TelnyxQueuesApi.Update(req.HttpContext, queueName));

    [Function("telnyxDeleteQueue")]
    public static async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{queueName}")] HttpRequest req, string queueName) =>
        new ResultAsActionResult(await TelnyxQueuesApi.Delete(req.HttpContext, queueName));

    [Function("telnyxListQueueCalls")]
    public static async Task<IActionResult> ListCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{queueName}/calls")] HttpRequest req, string queueName) =>
        new ResultAsActionResult(await TelnyxQueuesApi.ListCalls(req.HttpContext, queueName));

    [Function("telnyxRetrieveQueueCall")]
    public static async Task<IActionResult> RetrieveCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{queueName}/calls/{callControlId}")] HttpRequest req, string queueName, string callControlId) =>
        new ResultAsActionResult(await TelnyxQueuesApi.RetrieveCall(req.HttpContext, queueName, callControlId));

    [Function("telnyxRemoveQueueCall")]
    public static async Task<IActionResult> RemoveCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{queueName}/calls/{callControlId}")] HttpRequest req, string queueName, string callControlId) =>
        new ResultAsActionResult(await TelnyxQueuesApi.RemoveCall(req.HttpContext, queueName, callControlId));

    [Function("telnyxUpdateQueueCall")]
    public static async Task<IActionResult> UpdateCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = Route + "/{queueName}/calls/{callControlId}")] HttpRequest req, string queueName, string callControlId) =>
        new ResultAsActionResult(await TelnyxQueuesApi.UpdateCall(req.HttpContext, queueName, callControlId));
}
