using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Voice.Core.Recordings;
using Voice.Media.Contracts;
using Voice.Storage;

namespace Voice.Engine.Recordings;

/// <summary>
/// Reads recordings for the API: their metadata rows, and their audio from the <c>recordings</c> container with the
/// app's own storage identity (the container is private, so customers fetch audio through the API, never the blob URL).
/// </summary>
public sealed class RecordingService
{
    private readonly RecordingRepository recordings;
    private readonly BlobContainerClient container;
    private readonly BlobServiceClient service;

    public RecordingService(RecordingRepository recordings, StorageClients storage)
    {
        this.recordings = recordings;
        service = storage.Blobs;
        container = storage.Blobs.GetBlobContainerClient(MediaQueues.RecordingsContainer);
    }

    public async Task<RecordingRecord?> GetAsync(string accountId, string recordingId, CancellationToken cancellationToken) =>
        (await recordings.Table.GetAsync(accountId, recordingId, cancellationToken))?.Value;

    public Task<Page<RecordingRecord>> ListAsync(
        string accountId, string? callId, string? conferenceId, int page, int pageSize, CancellationToken cancellationToken) =>
        recordings.ListAsync(accountId, callId, conferenceId, page, pageSize, cancellationToken);

    /// <summary>
    /// A read-only link to a recording's blob valid for <paramref name="validFor"/> (a SAS: signed with the account key
    /// on Azurite or a key connection, with a user delegation key under a managed identity), for dialects whose webhooks
    /// carry download URLs (Telnyx's <c>recording_urls</c> expire after 10 minutes too). Null for a URL outside the
    /// recordings container.
    /// </summary>
    public async Task<Uri?> DownloadLinkAsync(string blobUrl, TimeSpan validFor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(blobUrl, UriKind.Absolute, out var url))
        {
            return null;
        }

        var blob = new BlobUriBuilder(url);
        if (blob.BlobContainerName != container.Name || string.IsNullOrEmpty(blob.BlobName))
        {
            return null;
        }

        var client = container.GetBlobClient(blob.BlobName);
        var expires = now.Add(validFor);
        if (client.CanGenerateSasUri)
        {
            return client.GenerateSasUri(BlobSasPermissions.Read, expires);
        }

        var key = await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, cancellationToken);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires) { BlobContainerName = container.Name, BlobName = blob.BlobName, StartsOn = now.AddMinutes(-5) };
        return new BlobUriBuilder(client.Uri) { Sas = sas.ToSasQueryParameters(key.Value, service.AccountName) }.ToUri();
    }

    /// <summary>
    /// The recording's audio stream, or null when the account has no such recording, or its blob is gone (deleted by
    /// a retention policy) or lies outside the recordings container.
    /// </summary>
    public async Task<Stream?> OpenAudioAsync(string accountId, string recordingId, CancellationToken cancellationToken)
    {
        if (await GetAsync(accountId, recordingId, cancellationToken) is not { } recording
            || !Uri.TryCreate(recording.BlobUrl, UriKind.Absolute, out var url))
        {
            return null;
        }

        var blob = new BlobUriBuilder(url);
        if (blob.BlobContainerName != container.Name || string.IsNullOrEmpty(blob.BlobName))
        {
            return null;
        }

        try
        {
            return await container.GetBlobClient(blob.BlobName).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
