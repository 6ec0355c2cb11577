using System.Net;
using Voice.Bench.Latency;

namespace Voice.Bench.Telnyx;

/// <summary>
/// One call per measurement, each timing one command from the instant its request is sent: speak on a dialled call
/// (to the first speech packet at the phone), answer on a parked inbound call (to the 200 OK at the caller). Waits
/// are generous: on a loaded machine a lifecycle can take seconds, and a timeout is a failure, not a figure.
/// </summary>
internal sealed class TimedCommandCalls(TelnyxApiClient api, TelnyxWebhookReceiver webhooks, string applicationId, string number)
{
    private const int WaitSeconds = 30;

    /// <summary>Dials the phone <paramref name="user"/>, waits for call.answered, speaks; ms from the request to the speech.</summary>
    public async Task<double> SpeakAsync(AnsweringPhones phones, string user, string text)
    {
        var answeredAtPhone = phones.ExpectAsync(user);
        var id = await api.DialAsync(applicationId, number, phones.UriFor(user));
        var call = await BenchTime.Within(answeredAtPhone, WaitSeconds, $"{user}: the INVITE at the phone");
        try
        {
            await BenchTime.Within(webhooks.EventAsync(id, "call.answered"), WaitSeconds, $"{user}: call.answered");
            // Listening starts a moment before the request is sent: no packet of an earlier command can count, and
            // none of this one can arrive before it was asked for.
            call.ListenFrom(System.Diagnostics.Stopwatch.GetTimestamp(), AnsweringPhones.PhoneCall.SpeechMeanAmplitude);
            var sent = await api.ActionAsync(id, "speak", new { payload = text, voice = "female", language = "en-US" });
            var heard = await BenchTime.Within(call.AudibleAsync, WaitSeconds, $"{user}: the speech at the phone");
            return BenchTime.Milliseconds(heard - sent);
        }
        finally
        {
            await call.DisposeAsync();
        }
    }

    /// <summary>Calls the number as <paramref name="user"/>, waits for call.initiated (parked), answers; ms from the request to the 200 OK.</summary>
    public async Task<double> AnswerAsync(CallingPhone caller, IPEndPoint node, string user)
    {
        var initiated = webhooks.IncomingAsync(user);
        await using var call = await caller.CallAsync(user, number, node);
        var first = await Task.WhenAny(initiated, call.Outcome, Task.Delay(TimeSpan.FromSeconds(WaitSeconds)));
        if (first == call.Outcome)
        {
            var (_, status) = await call.Outcome;
            throw new InvalidOperationException($"{user}: refused with SIP {status} before call.initiated (is parking inbound calls for Telnyx applications built?)");
        }

        if (first != initiated)
        {
            throw new TimeoutException($"{user}: no call.initiated and no final response within {WaitSeconds} s");
        }

        var sent = await api.ActionAsync(await initiated, "answer", new { });
        var (answeredAt, finalStatus) = await BenchTime.Within(call.Outcome, WaitSeconds, $"{user}: the 200 OK");
        return answeredAt is { } at
            ? BenchTime.Milliseconds(at - sent)
            : throw new InvalidOperationException($"{user}: ended with SIP {finalStatus} after the answer command");
    }
}
