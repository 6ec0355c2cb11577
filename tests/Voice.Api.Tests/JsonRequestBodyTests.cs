using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Voice.Api.Http;

namespace Voice.Api.Tests;

public sealed class JsonRequestBodyTests
{
    [Fact]
    public async Task The_parsed_body_stays_intact_after_its_read_buffer_is_reused_by_another_request()
    {
        var http = new DefaultHttpContext();
        var json = """{"text":"hello from the first request"}""";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        http.Request.ContentType = "application/json";

        var (body, error) = await JsonRequestBody.ReadAsync(http.Request, optional: false, CancellationToken.None);
        Assert.Null(error);
        using var document = body!;

        // The next request on this thread rents the same pooled buffer and fills it with its own bytes.
        var reused = ArrayPool<byte>.Shared.Rent(JsonRequestBody.MaxBytes + 1);
        reused.AsSpan().Fill((byte)'x');
        ArrayPool<byte>.Shared.Return(reused);

        Assert.Equal("hello from the first request", document.RootElement.GetProperty("text").GetString());
    }
}
