using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// The official Telnyx SDK (npm <c>telnyx</c>) placing and controlling calls to real baresip phones through the whole
/// product (tests/telnyx-sdk/calls/*.test.mjs): each Node test is one case here, so the test command counts every one.
/// The Node tests start their own phones and webhook receiver and verify every webhook with <c>webhooks.unwrap</c>.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class TelnyxSdkCallsTests(ProductFixture product) : OfficialSdkSuite
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "telnyx-sdk", "calls");

    public static TheoryData<string> DeclaredTests => new(NodeTestRun.DeclaredNames(NodeTestRun.TestFiles(Folder)));

    protected override string TestDirectory => Folder;

    [Theory]
    [MemberData(nameof(DeclaredTests))]
    public Task Official_sdk(string test) => AssertPassedAsync(test);

    protected override IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["TELNYX_TEST_BASE_URL"] = new Uri(product.Http.BaseAddress!, "/v2").ToString(),
        ["TELNYX_TEST_API_KEY"] = product.Key,
        ["TELNYX_TEST_FROM_NUMBER"] = ProductFixture.Number,
        ["TELNYX_TEST_NODE_SIP_PORT"] = product.NodeSipPort.ToString(System.Globalization.CultureInfo.InvariantCulture),

        // The SDK reads these when a client is built without them; none may leak in from the machine.
        ["TELNYX_API_KEY"] = "",
        ["TELNYX_BASE_URL"] = "",
        ["TELNYX_PUBLIC_KEY"] = "",
    };
}
