using System.Text;
using Voice.Api.Telnyx;

namespace Voice.Telnyx.Tests;

/// <summary>Ed25519 webhook signatures as Telnyx makes them; the official SDK's check of them is in tests/telnyx-sdk.</summary>
public sealed class TelnyxWebhookSignerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"data":{"record_type":"event","event_type":"call.initiated","payload":{"to":"+15550100001"}}}""");

    [Fact]
    public void The_public_key_is_padded_base64_of_32_raw_bytes_and_the_signature_base64_of_64()
    {
        var key = TelnyxSigningKey.Generate("ACa", Now);
        var signature = TelnyxWebhookSigner.Sign(key, Body, Now);

        Assert.Equal(44, key.PublicKey.Length);
        Assert.Equal(32, Convert.FromBase64String(key.PublicKey).Length);
        Assert.Equal(32, Convert.FromBase64String(key.PrivateKey).Length);
        Assert.Equal(64, Convert.FromBase64String(signature.Signature).Length);
        Assert.Equal("1800000000", signature.Timestamp);
        Assert.NotEqual(key.PublicKey, TelnyxSigningKey.Generate("ACa", Now).PublicKey);
    }

    [Fact]
    public void A_signature_verifies_over_timestamp_bar_body_and_nothing_else()
    {
        var key = TelnyxSigningKey.Generate("ACa", Now);
        var signature = TelnyxWebhookSigner.Sign(key, Body, Now);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;

        Assert.True(TelnyxWebhookSigner.Verify(key.PublicKey, Body, signature));
        Assert.False(TelnyxWebhookSigner.Verify(key.PublicKey, tampered, signature));
        Assert.False(TelnyxWebhookSigner.Verify(key.PublicKey, Body, signature with { Timestamp = "1800000001" }));
        Assert.False(TelnyxWebhookSigner.Verify(TelnyxSigningKey.Generate("ACb", Now).PublicKey, Body, signature));
    }

    [Fact]
    public void Signing_is_deterministic_for_the_same_key_time_and_body()
    {
        var key = TelnyxSigningKey.Generate("ACa", Now);

        Assert.Equal(TelnyxWebhookSigner.Sign(key, Body, Now), TelnyxWebhookSigner.Sign(key, Body, Now));
        Assert.NotEqual(TelnyxWebhookSigner.Sign(key, Body, Now).Signature, TelnyxWebhookSigner.Sign(key, Body, Now.AddSeconds(1)).Signature);
    }

    [Fact]
    public void A_private_key_in_rfc_8032_form_signs_for_its_rfc_8032_public_key()
    {
        // RFC 8032 §7.1 TEST 1's key pair: the stored private key is the raw 32-byte secret (seed) the RFC defines, so
        // its signatures verify under the RFC's public key (a key stored in another form would not).
        var key = new TelnyxSigningKey(
            "ACrfc",
            Convert.ToBase64String(Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")),
            Convert.ToBase64String(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")),
            Now);

        Assert.True(TelnyxWebhookSigner.Verify(key.PublicKey, Body, TelnyxWebhookSigner.Sign(key, Body, Now)));
    }
}
