namespace Voice.Testing;

/// <summary>Polls a condition that asynchronous delivery will make true; fails the test with a message when it never does.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }

    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what, int timeoutSeconds = 30)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for: " + what);
            }

            await Task.Delay(50);
        }
    }
}
