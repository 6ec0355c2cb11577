using System.Security.Cryptography;
using System.Text;
using Voice.Api.Vonage.Auth;

namespace Voice.Api.Tests.Vonage;

public sealed class VonageJwtTests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData(".b.c")]
    [InlineData("!!.??.##")]
    [InlineData("e30.bm90IGpzb24.c2ln")]
    [InlineData("W10.e30.c2ln")]
    public void Malformed_tokens_are_refused_with_a_reason(string token)
    {
        Assert.Null(VonageJwt.TryRead(token, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void A_token_longer_than_8_KiB_is_refused()
    {
        Assert.Null(VonageJwt.TryRead(new string('a', 9000) + ".b.c", out var problem));
        Assert.Contains("too long", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_RS256_token_verifies_with_its_key_only()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var token = Sign(key, """{"alg":"RS256","typ":"JWT"}""", """{"application_id":"APx","iat":1,"exp":2.5,"jti":"j"}""");

        var jwt = VonageJwt.TryRead(token, out _);

        Assert.NotNull(jwt);
        Assert.Equal("RS256", jwt.Algorithm);
        Assert.Equal("APx", jwt.ApplicationId);
        Assert.Equal(2, jwt.Expires);
        Assert.True(jwt.VerifiesWith([key.ExportSubjectPublicKeyInfoPem()]));
        Assert.False(jwt.VerifiesWith([other.ExportSubjectPublicKeyInfoPem(), "not a pem"]));
    }

    [Theory]
    [InlineData("/*/calls/**", "/v1/calls", true)]
    [InlineData("/*/calls/**", "/v1/calls/CA1/talk", true)]
    [InlineData("/*/calls", "/v1/calls", true)]
    [InlineData("/*/calls", "/v1/calls/CA1", false)]
    [InlineData("/*/users/**", "/v1/calls", false)]
    [InlineData("/v1/calls/*", "/v1/calls/CA1", true)]
    [InlineData("/v2/calls/*", "/v1/calls/CA1", false)]
    public void Acl_paths_match_segment_globs(string pattern, string path, bool matches) =>
        Assert.Equal(matches, VonageAclPaths.Matches(pattern, path));

    private static string Sign(RSA key, string header, string claims)
    {
        var input = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
        return input + "." + Base64Url(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
