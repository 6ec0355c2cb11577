using System.Security.Cryptography;
using Voice.Core.Accounts;

namespace Voice.Core.Tests.Accounts;

public sealed class RsaPublicKeysTests
{
    [Fact]
    public void A_2048_bit_public_key_is_accepted()
    {
        using var rsa = RSA.Create(2048);

        Assert.Null(RsaPublicKeys.Problem(rsa.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void A_1024_bit_key_is_refused_with_its_size()
    {
        using var rsa = RSA.Create(1024);

        Assert.Contains("1024 bits", RsaPublicKeys.Problem(rsa.ExportSubjectPublicKeyInfoPem()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_is_refused()
    {
        using var rsa = RSA.Create(2048);

        Assert.Contains("private key", RsaPublicKeys.Problem(rsa.ExportPkcs8PrivateKeyPem()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    public void Anything_else_is_refused(string pem) =>
        Assert.Equal("is not a PEM-encoded RSA public key", RsaPublicKeys.Problem(pem));

    [Fact]
    public void Every_scope_the_issue_names_exists()
    {
        foreach (var scope in new[] { "calls:read", "calls:write", "recordings:read", "numbers:write", "applications:write", "analytics:read", "READ_TEAM_APPS", "CREATE_CALL_TOKEN" })
        {
            Assert.True(ApiScopes.IsKnown(scope), scope);
        }
    }
}
