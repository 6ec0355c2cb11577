using Voice.Api.Http;
using Voice.Core.Queues;

namespace Voice.Api.Telnyx;

/// <summary>The queue fields of the Telnyx dialect, read once for the queue API and the enqueue and bridge actions.</summary>
public static class TelnyxQueueFields
{
    public const int MaxNameLength = QueueNames.MaxLength;

    /// <summary>A queue name: 1 to 255 characters of any kind but control characters.</summary>
    public static string? Name(BodyFields f, string field, bool required)
    {
        var name = f.Text(field, required, maxLength: MaxNameLength);
        f.Require(name is null || IsValidName(name), field, $"'{field}' must be 1 to {MaxNameLength} characters, none of them control characters");
        return name;
    }

    /// <summary><c>max_size</c>: how many calls the queue may hold, 1 to <see cref="QueueRecord.MaxSizeLimit"/>.</summary>
    public static int? MaxSize(BodyFields f) => f.WholeNumber("max_size", 1, QueueRecord.MaxSizeLimit);

    public static bool IsValidName(string name) => QueueNames.IsValid(name);
}
