using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Voice.Events;

/// <summary>
/// Storage clients for the <c>VoiceStorage</c> setting: a connection string, or identity-based
/// <c>VoiceStorage__tableServiceUri</c> / <c>VoiceStorage__blobServiceUri</c> (+ optional <c>clientId</c>).
/// To be replaced by the shared storage client factory.
/// </summary>
internal static class VoiceStorageClients
{
    public const string Setting = "VoiceStorage";

    public static TableServiceClient Tables(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(ServiceUri(configuration, "tableServiceUri"), Credential(configuration));

    public static BlobServiceClient Blobs(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } connectionString
            ? new BlobServiceClient(connectionString)
            : new BlobServiceClient(ServiceUri(configuration, "blobServiceUri"), Credential(configuration));

    private static Uri ServiceUri(IConfiguration configuration, string name) =>
        Uri.TryCreate(configuration[$"{Setting}:{name}"], UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Neither {Setting} nor {Setting}:{name} is configured");

    private static DefaultAzureCredential Credential(IConfiguration configuration) =>
        new(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration[$"{Setting}:clientId"] });
}
