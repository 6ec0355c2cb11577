using Voice.Core.Accounts;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>
/// The engine's application operations, shared by every dialect's façade and the admin API. Every change is
/// written to the audit log with who made it. An application's SIP URIs are claimed before it is written (one
/// application per address, see <see cref="SipAddressClaims"/>) and released when it drops them or is deleted.
/// </summary>
public sealed class ApplicationService
{
    private readonly ApplicationRepository applications;
    private readonly PhoneNumberRepository numbers;
    private readonly SipAddressClaims sipAddresses;
    private readonly AuditLogRepository audit;
    private readonly TimeProvider clock;

    public ApplicationService(
        ApplicationRepository applications, PhoneNumberRepository numbers, SipAddressClaims sipAddresses, AuditLogRepository audit, TimeProvider clock)
    {
        this.applications = applications;
        this.numbers = numbers;
        this.sipAddresses = sipAddresses;
        this.audit = audit;
        this.clock = clock;
    }

    /// <summary>
    /// A new application, for façades whose requests cannot list SIP URIs: an address another application holds
    /// throws (<see cref="TryCreateAsync"/> reports it instead).
    /// </summary>
    public async Task<ApplicationRecord> CreateAsync(
        string accountId, string actor, Func<ApplicationRecord, ApplicationRecord> configure, CancellationToken cancellationToken) =>
        SavedOrThrow(await TryCreateAsync(accountId, actor, configure, cancellationToken)) ?? throw new InvalidOperationException("the application was not created");

    /// <summary>Applies <paramref name="change"/>; null when there is no such application. A SIP URI problem throws (see <see cref="TryUpdateAsync"/>).</summary>
    public async Task<ApplicationRecord?> UpdateAsync(
        string accountId, string actor, string id, Func<ApplicationRecord, ApplicationRecord> change, CancellationToken cancellationToken) =>
        SavedOrThrow(await TryUpdateAsync(accountId, actor, id, change, cancellationToken));

    /// <summary>
    /// A new application of the account, shaped by <paramref name="configure"/> from the defaults; refused when one
    /// of its SIP URIs cannot be its own.
    /// </summary>
    public async Task<ApplicationWriteOutcome> TryCreateAsync(
        string accountId, string actor, Func<ApplicationRecord, ApplicationRecord> configure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var blank = new ApplicationRecord
        {
            AccountId = accountId,
            Id = SortableIds.New(ApplicationRecord.IdPrefix, now),
            Name = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var application = configure(blank) with { AccountId = accountId, Id = blank.Id, CreatedAt = now, UpdatedAt = now };
        if (await sipAddresses.ClaimAsync(application, cancellationToken) is { } problem)
        {
            return ApplicationWriteOutcome.Refused(problem);
        }

        await applications.Table.InsertAsync(application, cancellationToken);
        await audit.AddAsync(accountId, actor, "application.created", application.Id, now, cancellationToken);
        return ApplicationWriteOutcome.Saved(application);
    }

    public Task<ApplicationRecord?> GetAsync(string accountId, string id, CancellationToken cancellationToken) =>
        applications.GetAsync(accountId, id, cancellationToken);

    public Task<Page<ApplicationRecord>> ListAsync(string accountId, int page, int pageSize, CancellationToken cancellationToken) =>
        applications.Table.ListAsync(accountId, new Dictionary<string, string>(), page, pageSize, cancellationToken);

    /// <summary>Applies <paramref name="change"/>; <see cref="ApplicationWriteOutcome.NotFound"/> when the account has no such application.</summary>
    public async Task<ApplicationWriteOutcome> TryUpdateAsync(
        string accountId, string actor, string id, Func<ApplicationRecord, ApplicationRecord> change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        ApplicationRecord Changed(ApplicationRecord a) => change(a) with { AccountId = a.AccountId, Id = a.Id, CreatedAt = a.CreatedAt, UpdatedAt = now };
        if (await applications.GetAsync(accountId, id, cancellationToken) is not { } before)
        {
            return ApplicationWriteOutcome.NotFound;
        }

        if (await sipAddresses.ClaimAsync(Changed(before), cancellationToken) is { } problem)
        {
            return ApplicationWriteOutcome.Refused(problem);
        }

        if (await applications.Table.MutateAsync(accountId, id, Changed, cancellationToken) is not { } updated)
        {
            return ApplicationWriteOutcome.NotFound;
        }

        await sipAddresses.ReleaseDroppedAsync(before, updated, cancellationToken);
        await audit.AddAsync(accountId, actor, "application.updated", id, now, cancellationToken);
        return ApplicationWriteOutcome.Saved(updated);
    }

    /// <summary>
    /// Deletes the application unless numbers still route to it (their calls would have nowhere to go).
    /// </summary>
    public async Task<DeleteApplicationOutcome> DeleteAsync(string accountId, string actor, string id, CancellationToken cancellationToken)
    {
        if (await applications.GetAsync(accountId, id, cancellationToken) is not { } application)
        {
            return DeleteApplicationOutcome.NotFound;
        }

        var assigned = (await numbers.ListAsync(accountId, cancellationToken)).Where(n => n.ApplicationId == id).Select(n => n.Number).ToList();
        if (assigned.Count > 0)
        {
            return DeleteApplicationOutcome.InUse(assigned);
        }

        if (!await applications.DeleteAsync(accountId, id, cancellationToken))
        {
            return DeleteApplicationOutcome.NotFound;
        }

        await sipAddresses.ReleaseDroppedAsync(application, after: null, cancellationToken);
        await audit.AddAsync(accountId, actor, "application.deleted", id, clock.GetUtcNow(), cancellationToken);
        return DeleteApplicationOutcome.Deleted;
    }

    private static ApplicationRecord? SavedOrThrow(ApplicationWriteOutcome outcome) =>
        outcome.Problem is { } problem ? throw new InvalidOperationException($"{outcome.Field}: {problem}") : outcome.Application;
}
