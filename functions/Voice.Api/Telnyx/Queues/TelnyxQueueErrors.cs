using Microsoft.AspNetCore.Http;

namespace Voice.Api.Telnyx;

/// <summary>
/// Queue errors on Telnyx's wire. Telnyx documents no codes for them; ours sit with the Call Control codes and are
/// listed in docs/dialects/telnyx.md.
/// </summary>
public static class TelnyxQueueErrors
{
    /// <summary>422: a bridge with a queue no call waits in.</summary>
    public const string Empty = "90070";

    /// <summary>422: an enqueue into a queue at its max_size.</summary>
    public const string Full = "90071";

    /// <summary>422: leave_queue on a call that is not in a queue.</summary>
    public const string NotInQueue = "90072";

    /// <summary>422: a queue create with a name the account uses, or a delete of a queue with calls waiting.</summary>
    public const string Conflict = "90073";

    public static IResult NotFound(string queueName) => TelnyxResults.NotFound($"queue '{queueName}'");

    public static IResult NameTaken(string queueName) => Unprocessable(Conflict, "Queue already exists", $"this account has a queue named '{queueName}'", "/queue_name");

    public static IResult NotEmpty(string queueName) => Unprocessable(Conflict, "Queue is not empty", $"queue '{queueName}' has calls waiting: bridge or remove them first", null);

    public static IResult IsEmpty() => Unprocessable(Empty, "Queue is empty", "no call waits in the queue", "/queue");

    public static IResult IsFull() => Unprocessable(Full, "Queue is full", "the queue holds its max_size of calls", "/queue_name");

    public static IResult CallNotInQueue(string callControlId) => Unprocessable(NotInQueue, "Call is not in a queue", $"call {callControlId} is not waiting in a queue", "/call_control_id");

    private static IResult Unprocessable(string code, string title, string detail, string? pointer) =>
        TelnyxResults.Error(StatusCodes.Status422UnprocessableEntity, code, title, detail, pointer is null ? null : new TelnyxErrorSource(pointer));
}
