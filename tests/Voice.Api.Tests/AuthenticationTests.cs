namespace Voice.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests
{
    private readonly ApiFixture api;

    public AuthenticationTests(ApiFixture api)
    {
        this.api = api;
    }

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "calls" },
        { "POST", "calls" },
        { "GET", "calls/CA7fffffffffffffff0000000000000000" },
        { "DELETE", "calls/CA7fffffffffffffff0000000000000000" },
        { "GET", "conferences" },
        { "POST", "conferences" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Missing_api_key_gets_401_on_every_endpoint(string method, string path)
    {
        using var response = await api.SendAsync(new HttpMethod(method), path, key: null, method == "POST" ? "{}" : null);

        await JsonAssert.ErrorAsync(response, 401, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Unknown_api_key_gets_401_on_every_endpoint(string method, string path)
    {
        using var response = await api.SendAsync(new HttpMethod(method), path, "tk_not-a-real-key", method == "POST" ? "{}" : null);

        await JsonAssert.ErrorAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task Empty_api_key_gets_401()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "calls", "");

        await JsonAssert.ErrorAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task Auth_is_checked_before_the_body()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "calls", "wrong", "not json", "text/plain");

        await JsonAssert.ErrorAsync(response, 401, "unauthorized");
    }

    [Fact]
    public async Task Unknown_route_gets_404_with_the_error_body()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "nothing-here", api.KeyA);

        await JsonAssert.ErrorAsync(response, 404, "not_found");
    }

    [Fact]
    public async Task Wrong_method_gets_405_with_the_error_body()
    {
        using var response = await api.SendAsync(HttpMethod.Put, "calls", api.KeyA, "{}");

        await JsonAssert.ErrorAsync(response, 405, "method_not_allowed");
    }
}
