namespace Voice.Sip.Transactions;

/// <summary>A scheduled timer; <see cref="Cancel"/> makes sure it never fires (idempotent).</summary>
public sealed class SipTimerHandle
{
    private readonly SipTimerService.Entry entry;

    internal SipTimerHandle(SipTimerService.Entry entry) => this.entry = entry;

    /// <summary>Prevents the callback from running if it has not run yet.</summary>
    public void Cancel() => entry.Cancel();
}
