namespace Voice.Api.Tests;

/// <summary>E.164 numbers no other test uses (numbers route globally, so tests that seed their own need their own).</summary>
internal static class UniqueNumbers
{
    private static int next = Random.Shared.Next(1_000_000);

    public static string Next() => $"+1557{Interlocked.Increment(ref next) % 10_000_000:D7}";
}
