using System.Text;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.Tests;

/// <summary>Small builders for test requests.</summary>
internal static class SipTestMessages
{
    public static SipRequest Options(string target, string branch = "z9hG4bKtest1", string callId = "call-1@test", long cseq = 1)
    {
        var request = new SipRequest(SipMethods.Options, SipUri.Parse(target)!);
        request.Headers.Add("Via", $"SIP/2.0/UDP 192.0.2.1:5060;branch={branch};rport");
        request.Headers.Add("From", "<sip:alice@test>;tag=a1");
        request.Headers.Add("To", $"<{target}>");
        request.Headers.Add("Call-ID", callId);
        request.Headers.Add("CSeq", $"{cseq} OPTIONS");
        request.Headers.Add("Max-Forwards", "70");
        return request;
    }

    public static byte[] Bytes(SipMessage message) => SipMessageWriter.ToBytes(message);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public static async Task<T> Within<T>(Task<T> task, int seconds = 5)
    {
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        Assert.True(finished == task, "timed out waiting");
        return await task;
    }

    public static async Task Within(Task task, int seconds = 5)
    {
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        Assert.True(finished == task, "timed out waiting");
        await task;
    }

    public static async Task Eventually(Func<bool> condition, int seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(20);
        }
    }
}
