using System.Text;
using Voice.Events.Webhooks;

namespace Voice.Events.Tests;

public class WebhookSignatureTests
{
    private const string Secret = "account-secret";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"telefon.voice.call.answered\"}");

    [Fact]
    public void Signature_made_with_the_secret_verifies()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.StartsWith("t=1800000000,v1=", header);
        Assert.Equal(WebhookSignatureResult.Valid, WebhookSignature.Verify(header, Secret, Body, SignedAt.AddMinutes(4)));
    }

    [Fact]
    public void Tampered_body_does_not_verify()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        var tampered = Encoding.UTF8.GetBytes("{\"type\":\"telefon.voice.call.completed\"}");

        Assert.Equal(WebhookSignatureResult.Mismatch, WebhookSignature.Verify(header, Secret, tampered, SignedAt));
    }

    [Fact]
    public void Changed_timestamp_does_not_verify()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body).Replace("t=1800000000", "t=1800000060");

        Assert.Equal(WebhookSignatureResult.Mismatch, WebhookSignature.Verify(header, Secret, Body, SignedAt));
    }

    [Fact]
    public void Other_secret_does_not_verify()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.Equal(WebhookSignatureResult.Mismatch, WebhookSignature.Verify(header, "other", Body, SignedAt));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void Signature_older_or_newer_than_five_minutes_is_stale(int minutes)
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.Equal(WebhookSignatureResult.Stale, WebhookSignature.Verify(header, Secret, Body, SignedAt.AddMinutes(minutes)));
    }

    [Fact]
    public void Any_matching_v1_entry_verifies_during_secret_rotation()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);
        var old = WebhookSignature.Sign("old-secret", SignedAt, Body);
        var both = header + "," + old[old.IndexOf("v1=", StringComparison.Ordinal)..];

        Assert.Equal(WebhookSignatureResult.Valid, WebhookSignature.Verify(both, "old-secret", Body, SignedAt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=1800000000")]
    [InlineData("v1=00")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1800000000,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1800000000,v1=00")]
    [InlineData("t=1800000000,=x,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(",,,")]
    public void Malformed_header_is_reported_not_thrown(string? header)
    {
        Assert.Equal(WebhookSignatureResult.Malformed, WebhookSignature.Verify(header, Secret, Body, SignedAt));
    }

    [Fact]
    public void Account_secrets_are_stable_and_differ_between_accounts()
    {
        var first = WebhookSigningSecrets.ForAccount("master", "AC1");

        Assert.Equal(first, WebhookSigningSecrets.ForAccount("master", "AC1"));
        Assert.NotEqual(first, WebhookSigningSecrets.ForAccount("master", "AC2"));
        Assert.NotEqual(first, WebhookSigningSecrets.ForAccount("other-master", "AC1"));
        Assert.Matches("^[0-9a-f]{64}$", first);
    }
}
