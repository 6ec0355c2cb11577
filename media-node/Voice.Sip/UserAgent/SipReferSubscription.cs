using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.Sip.UserAgent;

/// <summary>
/// A REFER we sent and its implicit subscription (RFC 3515 §2.4.4, RFC 6665): the peer's NOTIFYs report, in a
/// message/sipfrag, how its call to the target goes. Each NOTIFY becomes a <see cref="Progress"/> item; the REFER
/// ends (<see cref="Completed"/>) at the first final status, when the peer refuses the REFER, when the subscription
/// ends without a final status, after <see cref="SipUserAgentOptions.ReferNotifyTimeout"/> without a final status,
/// or when the call ends. Thread-safe; never faults.
/// </summary>
// CA1001: the timeout's CancellationTokenSource is disposed when the REFER completes, which every path reaches
// (a final NOTIFY, the timeout itself, or the call's end).
#pragma warning disable CA1001
public sealed class SipReferSubscription
#pragma warning restore CA1001
{
    private readonly Lock gate = new();
    private readonly Channel<SipReferProgress> progress = Channel.CreateUnbounded<SipReferProgress>();
    private readonly TaskCompletionSource<SipReferOutcome> completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int?> answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan timeout;
    private CancellationTokenSource? timer;
    private int? referStatus;
    private int? lastStatus;
    private bool terminated;

    internal SipReferSubscription(long referSequence, TimeSpan timeout)
    {
        ReferSequence = referSequence;
        this.timeout = timeout;
    }

    /// <summary>The REFER's CSeq number: the <c>id</c> its NOTIFYs carry in their Event header.</summary>
    public long ReferSequence { get; }

    /// <summary>Each sipfrag status the peer reported, in order; completes when the REFER is over.</summary>
    public ChannelReader<SipReferProgress> Progress => progress.Reader;

    /// <summary>
    /// The status of the peer's final response to the REFER (202 when it accepted; 408 when it never answered, 503
    /// when the REFER could not be sent), or null when the call ended first.
    /// </summary>
    public Task<int?> ReferStatus => answered.Task;

    /// <summary>How the REFER ended.</summary>
    public Task<SipReferOutcome> Completed => completed.Task;

    /// <summary>True once no NOTIFY of this subscription is expected any more.</summary>
    internal bool IsOver
    {
        get
        {
            lock (gate)
            {
                return terminated || completed.Task.IsCompleted;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="eventId"/> (the Event header's id) names this subscription; a missing id matches, as
    /// the first REFER's NOTIFYs may omit it (RFC 3515 §2.4.6).
    /// </summary>
    internal bool Matches(string? eventId) =>
        eventId is null || eventId == ReferSequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The REFER's final response (null: none, e.g. it could not be sent): 2xx starts the wait for NOTIFYs.</summary>
    internal void OnReferResponse(SipResponse? response)
    {
        lock (gate)
        {
            referStatus = response?.StatusCode ?? 503;
            answered.TrySetResult(referStatus);
            if (response is not { IsSuccess: true })
            {
                Complete(new SipReferOutcome(SipReferResult.Refused, referStatus, lastStatus));
                return;
            }

            if (!completed.Task.IsCompleted && !terminated)
            {
                timer = new CancellationTokenSource(timeout);
                timer.Token.Register(OnTimeout);
            }
        }
    }

    /// <summary>
    /// Takes a NOTIFY for this subscription and returns the status to answer it with: 200, or 400 with a reason when
    /// its Subscription-State or sipfrag cannot be read (RFC 3515 §2.4.5: the body must start with a status line).
    /// </summary>
    internal (int Status, string? Reason) OnNotify(SipRequest notify)
    {
        if (notify.Headers.Get(SipHeaderNames.SubscriptionState) is not { } rawState || !SipSubscriptionState.TryParse(rawState, out var state))
        {
            return (400, "Bad Subscription-State");
        }

        var type = notify.ContentType;
        if (type is null || !IsSipfrag(type) || !SipFragStatus.TryParse(notify.Body.Span, out var status))
        {
            return (400, "Bad sipfrag");
        }

        lock (gate)
        {
            lastStatus = status.StatusCode;
            terminated |= state.IsTerminated;
            var line = Encoding.UTF8.GetString(FirstLine(notify.Body.Span));
            progress.Writer.TryWrite(new SipReferProgress(status.StatusCode, status.ReasonPhrase, status.IsFinal, line, state.IsTerminated));
            if (status.IsFinal)
            {
                Complete(new SipReferOutcome(status.StatusCode < 300 ? SipReferResult.Succeeded : SipReferResult.Failed, referStatus ?? 202, status.StatusCode));
            }
            else if (state.IsTerminated)
            {
                Complete(new SipReferOutcome(SipReferResult.Failed, referStatus ?? 202, status.StatusCode));
            }
        }

        return (200, null);
    }

    /// <summary>The call ended: nothing more can be reported.</summary>
    internal void OnCallEnded()
    {
        lock (gate)
        {
            Complete(new SipReferOutcome(SipReferResult.CallEnded, referStatus, lastStatus));
        }
    }

    private void OnTimeout()
    {
        lock (gate)
        {
            Complete(new SipReferOutcome(SipReferResult.TimedOut, referStatus, lastStatus));
        }
    }

    // Under the gate. The progress channel closes with the outcome, so a reader sees every NOTIFY before the end.
    private void Complete(SipReferOutcome outcome)
    {
        answered.TrySetResult(outcome.ReferStatus);
        if (completed.TrySetResult(outcome))
        {
            progress.Writer.TryComplete();
            timer?.Dispose();
            timer = null;
        }
    }

    private static bool IsSipfrag(string contentType)
    {
        var semi = contentType.IndexOf(';');
        return SipCharacters.TrimWhitespace(semi < 0 ? contentType : contentType.AsSpan(0, semi)).Equals("message/sipfrag", StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> body)
    {
        var end = body.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? body : body[..end];
    }
}
