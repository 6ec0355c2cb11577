using System.Text;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Tests.Parsing;

public sealed class SipMessageParserTests
{
    private const string Options =
        "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776;rport\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "Call-ID: abc@192.0.2.1\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipParseResult Parse(string text) => SipMessageParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Folded_tortuous_invite_exposes_typed_headers()
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureVectors.Load("wsinv")).Message!;

        Assert.Equal("INVITE", request.Method);
        Assert.Equal(new SipCSeq(9, "INVITE"), request.CSeq);
        Assert.Equal(68, request.MaxForwards);
        var vias = request.Vias!;
        Assert.Equal(3, vias.Count);
        Assert.Equal("390skdjuw", vias[0].Branch);
        Assert.False(vias[0].HasRfc3261Branch);
        Assert.Equal("TCP", vias[1].Transport);
        Assert.Equal("z9hG4bK30239", vias[2].Branch);
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal("1918181833n", request.To!.Tag);
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void Compact_and_odd_cased_header_names_are_canonicalized()
    {
        var request = SipMessageParser.Parse(TortureVectors.Load("longreq")).Message!;

        Assert.Equal(34, request.Vias!.Count);
        Assert.All(request.Headers.All.Where(h => h.Name.Equals("via", StringComparison.OrdinalIgnoreCase)), h => Assert.Equal("Via", h.Name));
        Assert.NotNull(request.From);
    }

    [Fact]
    public void Escaped_uri_parts_are_kept_as_written()
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureVectors.Load("esc01")).Message!;

        Assert.Equal("sips%3Auser%40example.com", request.RequestUri.User);
        Assert.Equal("example.net", request.RequestUri.Host);
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("v%61lue%25%34%31", contact.Uri.Parameters.Get("n%61me"));
    }

    [Fact]
    public void Semicolons_in_the_user_part_stay_in_the_user_part()
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureVectors.Load("semiuri")).Message!;

        Assert.Equal("user;par=u%40example.net", request.RequestUri.User);
        Assert.Equal(0, request.RequestUri.Parameters.Count);
        Assert.Equal(6, request.Headers.GetValues("Accept").Count);
    }

    [Fact]
    public void Unknown_transports_are_kept()
    {
        var vias = SipMessageParser.Parse(TortureVectors.Load("transports")).Message!.Vias!;

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], vias.Select(v => v.Transport));
    }

    [Fact]
    public void Trailing_octets_after_content_length_are_ignored()
    {
        var bytes = TortureVectors.Load("dblreq");
        var result = SipMessageParser.Parse(bytes);

        Assert.True(result.IsValid);
        Assert.Equal("REGISTER", ((SipRequest)result.Message!).Method);
        Assert.True(result.BytesConsumed < bytes.Length);
        Assert.Equal(0, result.Message.Body.Length);
    }

    [Fact]
    public void Binary_multipart_body_is_kept_byte_for_byte()
    {
        var bytes = TortureVectors.Load("mpart01");
        var message = SipMessageParser.Parse(bytes).Message!;

        Assert.Equal(553, message.Body.Length);
        Assert.True(bytes.AsSpan(bytes.Length - 553).SequenceEqual(message.Body.Span));
    }

    [Fact]
    public void Unusual_and_empty_reason_phrases_are_accepted()
    {
        var noReason = (SipResponse)SipMessageParser.Parse(TortureVectors.Load("noreason")).Message!;
        var unusual = (SipResponse)SipMessageParser.Parse(TortureVectors.Load("unreason")).Message!;

        Assert.Equal(100, noReason.StatusCode);
        Assert.Equal("", noReason.ReasonPhrase);
        Assert.StartsWith("= 2**3 * 5**2", unusual.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_uri_schemes_are_kept_raw()
    {
        var request = SipMessageParser.Parse(TortureVectors.Load("unksm2")).Message!;

        Assert.Equal("isbn:2983792873", request.To!.Uri.Raw);
        Assert.Equal("http", request.From!.Uri.Scheme);
        Assert.Equal("name:John_Smith", request.Contacts[0].Uri.ToString());
    }

    [Fact]
    public void Tel_uri_is_parsed_into_number_and_parameters()
    {
        var uri = SipUri.Parse("tel:+15551234567;phone-context=example.com")!;

        Assert.Equal("tel", uri.Scheme);
        Assert.Equal("+15551234567", uri.User);
        Assert.Equal("example.com", uri.Parameters.Get("phone-context"));
    }

    [Fact]
    public void Sip_uri_with_ipv6_host_and_port_parses()
    {
        var uri = SipUri.Parse("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?Subject=hi")!;

        Assert.True(uri.IsSip);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("[2001:db8::1]", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Equal("Subject=hi", uri.Headers);
        Assert.Equal("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?Subject=hi", uri.ToString());
    }

    [Fact]
    public void Via_exposes_received_and_rport()
    {
        var via = Parse(Options.Replace(";rport", ";received=198.51.100.7;rport=5099", StringComparison.Ordinal)).Message!.TopVia!;

        Assert.Equal("198.51.100.7", via.Received);
        Assert.Equal(5099, via.Rport);
        Assert.True(via.HasRfc3261Branch);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("OPTIONS")]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0")]
    [InlineData("SIP/2.0 200")]
    [InlineData("SIP/2.0 20 OK\r\n\r\n")]
    [InlineData("SIP/3.0 200 OK\r\n\r\n")]
    [InlineData(" OPTIONS sip:a@b SIP/2.0\r\n\r\n")]
    [InlineData("\0\0\0\0\r\n\r\n")]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0\r\nVia SIP/2.0/UDP x\r\n\r\n")]
    public void Garbage_is_rejected_without_a_response(string text)
    {
        var result = Parse(text);

        Assert.False(result.IsValid);
        Assert.False(result.CanReject);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("Content-Length: 0", "Content-Length: abc")]
    [InlineData("Content-Length: 0", "Content-Length: -1")]
    [InlineData("Content-Length: 0", "Content-Length: 99999999999")]
    [InlineData("Content-Length: 0", "Content-Length: 10")]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: OPTIONS")]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 1 INVITE")]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 256")]
    [InlineData("Call-ID: abc@192.0.2.1", "Call-ID: a b")]
    [InlineData("To: <sip:bob@example.com>", "To: <sip:bob@example.com")]
    [InlineData("To: <sip:bob@example.com>", "To: <sip:bob@exa mple.com>")]
    [InlineData("From: \"Alice\" <sip:alice@example.com>;tag=1", "From: \"Alice <sip:alice@example.com>;tag=1")]
    [InlineData("From: \"Alice\" <sip:alice@example.com>;tag=1", "From: <sip:alice@example.com>;;tag=1")]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS sip:bob@example.com:99999 SIP/2.0")]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS sip:@example.com SIP/2.0")]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS 12345 SIP/2.0")]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 70\r\nDate: yesterday")]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 70\r\nno colon here")]
    public void Malformed_request_is_rejected_with_400(string good, string bad)
    {
        var result = Parse(Options.Replace(good, bad, StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.True(result.CanReject, result.Error);
        var response = result.CreateRejection()!;
        Assert.Equal(400, response.StatusCode);
        Assert.NotNull(response.CallId);
        Assert.Equal(result.Error, response.ReasonPhrase);
    }

    [Fact]
    public void Request_without_the_empty_line_is_rejected()
    {
        var result = Parse(Options[..^2]);

        Assert.False(result.IsValid);
        Assert.Equal(400, result.CreateRejection()!.StatusCode);
    }

    [Fact]
    public void Oversized_message_is_rejected_before_parsing()
    {
        var limits = new SipParserLimits { MaxMessageBytes = 1000 };
        var huge = Options.Replace("Content-Length: 0", "X-Pad: " + new string('a', 2000) + "\r\nContent-Length: 0", StringComparison.Ordinal);

        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(huge), limits);

        Assert.False(result.IsValid);
        Assert.Equal("Message Too Large", result.Error);
    }

    [Fact]
    public void Too_many_headers_are_rejected()
    {
        var many = Options.Replace("Max-Forwards: 70", string.Concat(Enumerable.Repeat("X-A: 1\r\n", 200)) + "Max-Forwards: 70", StringComparison.Ordinal);

        var result = Parse(many);

        Assert.False(result.IsValid);
        Assert.Equal("Too Many Headers", result.Error);
    }

    [Fact]
    public void Overlong_header_is_rejected()
    {
        var limits = new SipParserLimits { MaxHeaderLength = 100 };
        var text = Options.Replace("Max-Forwards: 70", "Subject: " + new string('s', 200) + "\r\nMax-Forwards: 70", StringComparison.Ordinal);

        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(text), limits);

        Assert.False(result.IsValid);
        Assert.Equal("Header Too Long", result.Error);
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_parses_without_throwing()
    {
        var bytes = TortureVectors.Load("wsinv");
        for (var length = 0; length <= bytes.Length; length++)
        {
            var result = SipMessageParser.Parse(bytes.AsSpan(0, length));
            Assert.True(result.IsValid || result.Error is not null);
        }
    }

    [Fact]
    public void Random_binary_garbage_never_throws()
    {
        var random = new Random(4475);
        var seed = TortureVectors.Load("esc01");
        for (var i = 0; i < 2000; i++)
        {
            var bytes = i % 2 == 0 ? new byte[random.Next(0, 600)] : (byte[])seed.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                for (var k = 0; k < 8; k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            var result = SipMessageParser.Parse(bytes);
            Assert.True(result.IsValid || result.Error is not null);
            if (result.IsValid)
            {
                TortureMessageTests.AssertRoundTrips(result.Message!);
            }
        }
    }

    [Fact]
    public void Serializer_replaces_content_length_and_neutralizes_line_breaks_in_values()
    {
        var request = new SipRequest("MESSAGE", SipUri.Parse("sip:bob@example.com")!);
        request.Headers.Add("Subject", "hi\r\nInjected: yes");
        request.Headers.Add("Content-Length", "999");
        request.Body = Encoding.UTF8.GetBytes("hello");

        var text = SipMessageWriter.ToText(request);

        Assert.Contains("Subject: hi  Injected: yes\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 5\r\n\r\nhello", text, StringComparison.Ordinal);
        Assert.DoesNotContain("999", text, StringComparison.Ordinal);
    }
}
