using System.Security.Cryptography;
using Voice.Core.Accounts;
using Voice.DevHost.Demo;
using Voice.Storage;

namespace Voice.DevHost;

/// <summary>
/// The dev account's Vonage application (<see cref="Id"/>), so the official Vonage SDK works against DevHost at once:
/// an RSA key pair kept in <c>.devhost/vonage-private.key</c> (git-ignored; made once, kept across restarts) whose
/// public half the application registers, and the demo menu as its answer URL. Rewritten at every start so its URL
/// follows DevHost's address.
/// </summary>
public static class DevVonageApplication
{
    public const string Id = "APdevvonage";
    public const string PrivateKeyFile = "vonage-private.key";

    /// <summary>Seeds the application; returns the private key's path.</summary>
    public static async Task<string> SeedAsync(IServiceProvider services, string stateDirectory, string baseUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keyPath = Path.Combine(stateDirectory, PrivateKeyFile);
        using var rsa = RSA.Create();
        if (File.Exists(keyPath))
        {
            rsa.ImportFromPem(await File.ReadAllTextAsync(keyPath, cancellationToken));
        }
        else
        {
            rsa.KeySize = 2048;
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem() + "\n", cancellationToken);
        }

        var applications = services.GetRequiredService<ApplicationRepository>();
        await applications.Table.UpsertAsync(
            new ApplicationRecord
            {
                AccountId = DevAccountSeeder.AccountId,
                Id = Id,
                Name = "DevHost Vonage application",
                Dialect = ApplicationDialect.Vonage,
                AnswerUrl = baseUrl + DemoMenu.AnswerPath,
                Vonage = new VonageApplicationSettings { PublicKeys = [rsa.ExportSubjectPublicKeyInfoPem()] },
                CreatedAt = (await applications.GetAsync(DevAccountSeeder.AccountId, Id, cancellationToken))?.CreatedAt ?? now,
                UpdatedAt = now,
            },
            cancellationToken);
        return keyPath;
    }
}
