namespace Voice.Core.Queues;

/// <summary>What a queue may be called, in every dialect: 1 to 255 characters, none of them control characters.</summary>
public static class QueueNames
{
    public const int MaxLength = 255;

    public static bool IsValid(string name) => name.Length is > 0 and <= MaxLength && !name.Any(char.IsControl);
}
