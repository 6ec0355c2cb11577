using Voice.Core.Conferences;
using Voice.Storage;

namespace Voice.Engine.Conferences;

/// <summary>The engine's conference operations, shared by every API dialect.</summary>
public sealed class ConferenceService
{
    private readonly ConferenceRepository conferences;
    private readonly TimeProvider clock;

    public ConferenceService(ConferenceRepository conferences, TimeProvider clock)
    {
        this.conferences = conferences;
        this.clock = clock;
    }

    public async Task<ConferenceRecord> CreateAsync(
        string accountId, string? friendlyName, int maxParticipants, bool record, CancellationToken cancellationToken)
    {
        var conference = NewConference.Create(accountId, friendlyName, clock.GetUtcNow(), maxParticipants, record);
        await conferences.Table.InsertAsync(conference, cancellationToken);
        return conference;
    }

    public Task<Page<ConferenceRecord>> ListAsync(string accountId, int page, int pageSize, CancellationToken cancellationToken) =>
        conferences.Table.ListAsync(accountId, new Dictionary<string, string>(), page, pageSize, cancellationToken);
}
