namespace Voice.Events.Delivery;

/// <summary>
/// Creates a table or container on first use, once; a failed attempt (storage not reachable yet, e.g. Azurite
/// still starting) is forgotten so the next use tries again instead of failing forever.
/// </summary>
internal sealed class StorageResourceCreation(Func<CancellationToken, Task> create)
{
    private Task? created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var creating = created ??= create(cancellationToken);
        try
        {
            await creating;
        }
        catch
        {
            created = null;
            throw;
        }
    }
}
