using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;

namespace Voice.MediaNode.Configuration;

/// <summary>
/// Reads one Key Vault secret by its URI (<c>https://{vault}.vault.azure.net/secrets/{name}[/{version}]</c>) with a
/// token credential — the node's managed identity in Azure. <paramref name="options"/> lets a caller set the
/// transport (tests serve the vault's REST contract on loopback).
/// </summary>
public sealed class KeyVaultSecretReader(TokenCredential credential, SecretClientOptions? options = null)
{
    /// <summary>The secret's value; throws <see cref="InvalidOperationException"/> saying why when it cannot be read.</summary>
    public async Task<string> ReadAsync(Uri secretUri, CancellationToken cancellationToken)
    {
        if (!IsSecretUri(secretUri))
        {
            throw new InvalidOperationException($"{secretUri} is not a Key Vault secret URI (https://<vault>/secrets/<name>[/<version>])");
        }

        var id = new KeyVaultSecretIdentifier(secretUri);
        var client = new SecretClient(id.VaultUri, credential, options ?? new SecretClientOptions());
        try
        {
            var secret = await client.GetSecretAsync(id.Name, id.Version, cancellationToken);
            return secret.Value.Value ?? throw new InvalidOperationException($"Key Vault secret {secretUri} has no value");
        }
        catch (RequestFailedException e)
        {
            throw new InvalidOperationException($"Key Vault secret {secretUri} could not be read ({e.Status} {e.ErrorCode}: {e.Message})", e);
        }
        catch (AggregateException e)
        {
            // The pipeline's retries ran out (network errors): report the last one.
            throw new InvalidOperationException($"Key Vault secret {secretUri} could not be read: {e.InnerExceptions[^1].Message}", e);
        }
    }

    /// <summary>An https URI whose path is <c>/secrets/{name}</c> or <c>/secrets/{name}/{version}</c>.</summary>
    public static bool IsSecretUri(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments.Length is 2 or 3 && segments[0] == "secrets" && segments.Skip(1).All(s => s.Length > 0);
    }
}
