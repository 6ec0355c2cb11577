using Voice.Core.Accounts;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>The engine's phone-number operations (assigning applications, the number's own webhooks), audited.</summary>
public sealed class NumberService
{
    private readonly PhoneNumberRepository numbers;
    private readonly ApplicationRepository applications;
    private readonly AuditLogRepository audit;
    private readonly TimeProvider clock;

    public NumberService(PhoneNumberRepository numbers, ApplicationRepository applications, AuditLogRepository audit, TimeProvider clock)
    {
        this.numbers = numbers;
        this.applications = applications;
        this.audit = audit;
        this.clock = clock;
    }

    public Task<IReadOnlyList<PhoneNumberRecord>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        numbers.ListAsync(accountId, cancellationToken);

    public Task<PhoneNumberRecord?> GetAsync(string accountId, string number, CancellationToken cancellationToken) =>
        numbers.GetAsync(accountId, number, cancellationToken);

    /// <summary>True when the account has an application with that id (another account's counts as none).</summary>
    public async Task<bool> ApplicationExistsAsync(string accountId, string applicationId, CancellationToken cancellationToken) =>
        await applications.GetAsync(accountId, applicationId, cancellationToken) is not null;

    /// <summary>Applies <paramref name="change"/> to the account's number; null when the account does not own it.</summary>
    public async Task<PhoneNumberRecord?> UpdateAsync(
        string accountId, string actor, string number, Func<PhoneNumberRecord, PhoneNumberRecord> change, CancellationToken cancellationToken)
    {
        if (await numbers.GetAsync(accountId, number, cancellationToken) is not { } current)
        {
            return null;
        }

        var updated = change(current) with { AccountId = current.AccountId, Number = current.Number, CreatedAt = current.CreatedAt };
        await numbers.UpsertAsync(updated, cancellationToken);
        await audit.AddAsync(accountId, actor, "number.updated", number, clock.GetUtcNow(), cancellationToken);
        return updated;
    }

    /// <summary>
    /// Takes the number from the account (the operator's release): inbound calls to it are unrouted from the next one
    /// on. False when the account does not own it.
    /// </summary>
    public async Task<bool> ReleaseAsync(string accountId, string actor, string number, CancellationToken cancellationToken)
    {
        if (!await numbers.DeleteAsync(accountId, number, cancellationToken))
        {
            return false;
        }

        await audit.AddAsync(accountId, actor, "number.released", number, clock.GetUtcNow(), cancellationToken);
        return true;
    }
}
