using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Queues;
using Voice.Engine.Calls;
using Voice.Engine.Queues;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx queues (<c>/v2/queues</c>, addressed by name, as the SDK's <c>queues.*</c> does; not in the seed contract) on
/// the engine's one queue model: create, list, retrieve, update (a POST, as the SDK sends it), delete, and the calls
/// waiting in a queue (list, retrieve, remove, update). Calls enter queues with the enqueue action and leave them with
/// leave_queue, a bridge with the queue, their wait running out, or their hangup.
/// </summary>
public static class TelnyxQueuesApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/queues";

    public static IEndpointRouteBuilder MapTelnyxQueuesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)Create);
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)List);
        app.MapGet(Route + "/{queueName}", (Func<HttpContext, string, Task<IResult>>)Retrieve);
        app.MapPost(Route + "/{queueName}", (Func<HttpContext, string, Task<IResult>>)Update);
        app.MapDelete(Route + "/{queueName}", (Func<HttpContext, string, Task<IResult>>)Delete);
        app.MapGet(Route + "/{queueName}/calls", (Func<HttpContext, string, Task<IResult>>)ListCalls);
        app.MapGet(Route + "/{queueName}/calls/{callControlId}", (Func<HttpContext, string, string, Task<IResult>>)RetrieveCall);
        app.MapDelete(Route + "/{queueName}/calls/{callControlId}", (Func<HttpContext, string, string, Task<IResult>>)RemoveCall);
        app.MapPatch(Route + "/{queueName}/calls/{callControlId}", (Func<HttpContext, string, string, Task<IResult>>)UpdateCall);
        return app;
    }

    public static Task<IResult> Create(HttpContext http) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
    {
        var fields = new BodyFields(body, TelnyxResults.FieldErrors);
        var name = TelnyxQueueFields.Name(fields, "queue_name", required: true);
        var maxSize = TelnyxQueueFields.MaxSize(fields) ?? QueueRecord.DefaultMaxSize;
        if (fields.Error is { } error)
        {
            return error;
        }

        return await Queues(http).CreateAsync(caller.AccountId, name!, maxSize, http.RequestAborted) is { } queue
            ? TelnyxResults.Data(TelnyxQueue.Of(queue, Now(http)))
            : TelnyxQueueErrors.NameTaken(name!);
    });

    public static Task<IResult> List(HttpContext http) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (query, error) = TelnyxListQuery.Read(http.Request.Query, []);
        if (query is null)
        {
            return error!;
        }

        var now = Now(http);
        var queues = await Queues(http).ListAsync(caller.AccountId, http.RequestAborted);
        return TelnyxResults.List(query.Page.Of([.. queues.Select(q => TelnyxQueue.Of(q, now))]));
    });

    public static Task<IResult> Retrieve(HttpContext http, string queueName) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
        await FindAsync(http, caller.AccountId, queueName) is { } queue
            ? TelnyxResults.Data(TelnyxQueue.Of(queue, Now(http)))
            : TelnyxQueueErrors.NotFound(queueName));

    public static Task<IResult> Update(HttpContext http, string queueName) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
    {
        var fields = new BodyFields(body, TelnyxResults.FieldErrors);
        var maxSize = TelnyxQueueFields.MaxSize(fields);
        if (fields.Error is { } error)
        {
            return error;
        }

        if (maxSize is null)
        {
            return TelnyxResults.MissingParameter("/max_size", "'max_size' is required");
        }

        return TelnyxQueueFields.IsValidName(queueName)
            && await Queues(http).UpdateAsync(caller.AccountId, queueName, maxSize.Value, http.RequestAborted) is { } queue
            ? TelnyxResults.Data(TelnyxQueue.Of(queue, Now(http)))
            : TelnyxQueueErrors.NotFound(queueName);
    });

    public static Task<IResult> Delete(HttpContext http, string queueName) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsWrite, async caller =>
    {
        var outcome = TelnyxQueueFields.IsValidName(queueName)
            ? await Queues(http).DeleteAsync(caller.AccountId, queueName, http.RequestAborted)
            : QueueDeletion.NotFound;
        return outcome switch
        {
            QueueDeletion.Deleted => Results.NoContent(),
            QueueDeletion.NotEmpty => TelnyxQueueErrors.NotEmpty(queueName),
            _ => TelnyxQueueErrors.NotFound(queueName),
        };
    });

    public static Task<IResult> ListCalls(HttpContext http, string queueName) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (query, error) = TelnyxListQuery.Read(http.Request.Query, []);
        if (query is null)
        {
            return error!;
        }

        if (await FindAsync(http, caller.AccountId, queueName) is not { } queue)
        {
            return TelnyxQueueErrors.NotFound(queueName);
        }

        // Only this page's calls are read; the meta counts every entry.
        var now = Now(http);
        var calls = new List<TelnyxQueueCall>();
        var first = (int)Math.Min(query.Page.Skip, queue.Entries.Count);
        for (var index = first; index < Math.Min(queue.Entries.Count, first + query.Page.Size); index++)
        {
            if (await Calls(http).GetAsync(caller.AccountId, queue.Entries[index].CallId, http.RequestAborted) is { } call)
            {
                calls.Add(TelnyxQueueCall.Of(queue, index + 1, call, now));
            }
        }

        return TelnyxResults.List(new TelnyxList<TelnyxQueueCall>(calls, TelnyxPageMeta.For(query.Page, queue.Entries.Count)));
    });

    public static Task<IResult> RetrieveCall(HttpContext http, string queueName, string callControlId) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var (queue, call, problem) = await FindCallAsync(http, caller.AccountId, queueName, callControlId);
        return problem ?? TelnyxResults.Data(TelnyxQueueCall.Of(queue!, queue!.PositionOf(call!.Id), call, Now(http)));
    });

    /// <summary>
    /// Takes a call out of the queue: a live call as by its leave_queue (it reports call.dequeued, reason leave); an entry
    /// whose call has ended (its own removal was lost) directly.
    /// </summary>
    public static Task<IResult> RemoveCall(HttpContext http, string queueName, string callControlId) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsWrite, async caller =>
    {
        var (queue, call, problem) = await FindCallAsync(http, caller.AccountId, queueName, callControlId);
        if (problem is not null)
        {
            return problem;
        }

        if (call!.QueueName == queue!.Name && !call.Status.IsTerminal())
        {
            var leave = new LeaveQueueCall { CommandId = "queue-remove:" + Guid.NewGuid().ToString("N") };
            if (await Calls(http).SendCommandAsync(caller.AccountId, call.Id, leave, http.RequestAborted) is null)
            {
                return Results.NoContent();
            }
        }

        await Queues(http).RemoveAsync(caller.AccountId, queue.Name, call.Id, QueueDepartureReasons.Leave, http.RequestAborted);
        return Results.NoContent();
    });

    /// <summary>Only <c>keep_after_hangup</c> can change, and only to false (what every call here does).</summary>
    public static Task<IResult> UpdateCall(HttpContext http, string queueName, string callControlId) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
    {
        var fields = new BodyFields(body, TelnyxResults.FieldErrors);
        var keep = fields.Flag("keep_after_hangup");
        fields.Require(keep != true, "keep_after_hangup", "'keep_after_hangup': true is not supported: a call leaves its queue when it hangs up");
        if (fields.Error is { } error)
        {
            return error;
        }

        var (_, _, problem) = await FindCallAsync(http, caller.AccountId, queueName, callControlId);
        return problem ?? Results.NoContent();
    });

    private static async Task<(QueueRecord? Queue, CallRecord? Call, IResult? Problem)> FindCallAsync(
        HttpContext http, string accountId, string queueName, string callControlId)
    {
        if (await FindAsync(http, accountId, queueName) is not { } queue)
        {
            return (null, null, TelnyxQueueErrors.NotFound(queueName));
        }

        if (!TelnyxIds.TryParseCallControlId(callControlId, out var callId) || queue.PositionOf(callId) == 0
            || await Calls(http).GetAsync(accountId, callId, http.RequestAborted) is not { } call)
        {
            return (null, null, TelnyxResults.NotFound($"call {callControlId} in queue '{queueName}'"));
        }

        return (queue, call, null);
    }

    private static async Task<QueueRecord?> FindAsync(HttpContext http, string accountId, string queueName) =>
        TelnyxQueueFields.IsValidName(queueName) ? await Queues(http).GetAsync(accountId, queueName, http.RequestAborted) : null;

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static QueueService Queues(HttpContext http) => http.RequestServices.GetRequiredService<QueueService>();

    private static CallService Calls(HttpContext http) => http.RequestServices.GetRequiredService<CallService>();
}
