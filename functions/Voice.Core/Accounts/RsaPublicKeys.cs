using System.Security.Cryptography;

namespace Voice.Core.Accounts;

/// <summary>Checks of the RSA public keys Vonage applications register for JWT (RS256) authentication.</summary>
public static class RsaPublicKeys
{
    /// <summary>jsonwebtoken 9 (and so the Vonage SDK) refuses smaller keys; so do we.</summary>
    public const int MinimumBits = 2048;

    /// <summary>Null when <paramref name="pem"/> is a PEM RSA public key of at least 2048 bits, else what is wrong.</summary>
    public static string? Problem(string pem)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            return "is not a PEM-encoded RSA public key";
        }
        catch (CryptographicException)
        {
            return "is not a PEM-encoded RSA public key";
        }

        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return "is a private key; register the public key only";
        }

        return rsa.KeySize < MinimumBits ? $"is {rsa.KeySize} bits; at least {MinimumBits} are required" : null;
    }
}
