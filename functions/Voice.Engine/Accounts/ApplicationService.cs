using Voice.Core.Accounts;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>
/// The engine's application operations, shared by every dialect's façade and the admin API. Every change is
/// written to the audit log with who made it.
/// </summary>
public sealed class ApplicationService
{
    private readonly ApplicationRepository applications;
    private readonly PhoneNumberRepository numbers;
    private readonly AuditLogRepository audit;
    private readonly TimeProvider clock;

    public ApplicationService(ApplicationRepository applications, PhoneNumberRepository numbers, AuditLogRepository audit, TimeProvider clock)
    {
        this.applications = applications;
        this.numbers = numbers;
        this.audit = audit;
        this.clock = clock;
    }

    /// <summary>A new application of the account, shaped by <paramref name="configure"/> from the defaults.</summary>
    public async Task<ApplicationRecord> CreateAsync(
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
        await applications.Table.InsertAsync(application, cancellationToken);
        await audit.AddAsync(accountId, actor, "application.created", application.Id, now, cancellationToken);
        return application;
    }

    public Task<ApplicationRecord?> GetAsync(string accountId, string id, CancellationToken cancellationToken) =>
        applications.GetAsync(accountId, id, cancellationToken);

    public Task<Page<ApplicationRecord>> ListAsync(string accountId, int page, int pageSize, CancellationToken cancellationToken) =>
        applications.Table.ListAsync(accountId, new Dictionary<string, string>(), page, pageSize, cancellationToken);

    /// <summary>Applies <paramref name="change"/>; null when the account has no such application.</summary>
    public async Task<ApplicationRecord?> UpdateAsync(
        string accountId, string actor, string id, Func<ApplicationRecord, ApplicationRecord> change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await applications.Table.MutateAsync(
            accountId, id, a => change(a) with { AccountId = a.AccountId, Id = a.Id, CreatedAt = a.CreatedAt, UpdatedAt = now }, cancellationToken);
        if (updated is not null)
        {
            await audit.AddAsync(accountId, actor, "application.updated", id, now, cancellationToken);
        }

        return updated;
    }

    /// <summary>
    /// Deletes the application unless numbers still route to it (their calls would have nowhere to go).
    /// </summary>
    public async Task<DeleteApplicationOutcome> DeleteAsync(string accountId, string actor, string id, CancellationToken cancellationToken)
    {
        if (await applications.GetAsync(accountId, id, cancellationToken) is null)
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

        await audit.AddAsync(accountId, actor, "application.deleted", id, clock.GetUtcNow(), cancellationToken);
        return DeleteApplicationOutcome.Deleted;
    }
}
