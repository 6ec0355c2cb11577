using Microsoft.Extensions.DependencyInjection;
using Voice.Events.Webhooks;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// The official Vonage SDK (npm <c>@vonage/server-sdk</c>) placing and controlling calls to real baresip phones through
/// the whole product (tests/vonage-sdk/*.test.mjs), each Node test one case here. The Node tests register their own
/// Vonage applications (RSA key pairs of their own), run their own callback server and phones, and verify every signed
/// callback with <c>@vonage/jwt</c> <c>verifySignature</c> and the account's signature secret.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class VonageSdkTests(ProductFixture product) : OfficialSdkSuite
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "vonage-sdk");

    public static TheoryData<string> DeclaredTests => new(NodeTestRun.DeclaredNames(NodeTestRun.TestFiles(Folder)));

    protected override string TestDirectory => Folder;

    [Theory]
    [MemberData(nameof(DeclaredTests))]
    public Task Official_sdk(string test) => AssertPassedAsync(test);

    protected override IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["VONAGE_TEST_API_HOST"] = product.Http.BaseAddress!.GetLeftPart(UriPartial.Authority),
        ["VONAGE_TEST_TELEFON_KEY"] = product.Key,
        ["VONAGE_TEST_FROM_NUMBER"] = ProductFixture.Number.TrimStart('+'),
        ["VONAGE_TEST_NODE_SIP_PORT"] = product.NodeSipPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["VONAGE_TEST_SIGNATURE_SECRET"] = product.Services.GetRequiredService<SignedWebhookRequests>().SecretFor(ProductFixture.AccountId),
    };
}
